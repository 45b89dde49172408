"""The web UI: server-rendered pages over the same store as the API.

``/`` search, ``/documents/{id}`` an article with its facts highlighted, ``/entities``
and ``/entities/{id}`` the entity store, ``/events`` the events table (CSV download via
``/api/export/events``), ``/docs`` the API reference. Templates are Jinja2 with
autoescaping; scripts and styles are served from ``/static`` (no CDN, works offline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..document import ENTITY_TYPES, EVENT_TYPES
from ..store import Filters, QueryError, Store
from .render import network_svg, render_article, render_snippet, safe_url

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    entity_types=ENTITY_TYPES, event_types=EVENT_TYPES, safe_url=safe_url,
    render_snippet=render_snippet,
)
PAGE_SIZE = 20


def _store(request: Request) -> Store:
    s: Store = request.app.state.stores.reader()
    return s


def _filters(request: Request) -> tuple[Filters, str | None]:
    """Filters from the query string; an invalid value gives empty filters and a message."""
    p = request.query_params
    try:
        return Filters(q=p.get("q"), entity=p.get("entity"), entity_type=p.get("type"),
                       event_type=p.get("event_type"), since=p.get("since"), until=p.get("until"),
                       source=p.get("source"), actor=p.get("actor"),
                       source_actor=p.get("source_actor"),
                       target_actor=p.get("target_actor")), None
    except QueryError as e:
        return Filters(), e.message


def _page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return 1


def _query_string(filters: Filters, **extra: Any) -> str:
    params = {("type" if k == "entity_type" else k): v for k, v in filters.as_dict().items()}
    params.update({k: v for k, v in extra.items() if v is not None})
    return urlencode(params)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return _render(request, "error.html", status=status, status_code=status, message=message)


def install_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        s = _store(request)
        filters, problem = _filters(request)
        page_no = _page_number(request)
        page = s.search(filters, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
        entities = s.search_entities(filters.q, limit=6).items if filters.q else []
        return _render(request, "search.html", filters=filters, problem=problem, page=page,
                       page_no=page_no, entities=entities, sources=s.sources(),
                       counts=s.count_documents(), query_string=_query_string,
                       pages=(page.total + PAGE_SIZE - 1) // PAGE_SIZE)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        data = _store(request).document(doc_id)
        if data is None:
            return _render(request, "error.html", status=404, status_code=404,
                           message=f"no document {doc_id!r}")
        names = {e["id"]: e for e in data.get("entities", [])}
        return _render(request, "document.html", doc=data, article=render_article(data),
                       entity_by_id=names)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request) -> HTMLResponse:
        s = _store(request)
        q = request.query_params.get("q") or None
        etype = (request.query_params.get("type") or "").upper() or None
        problem = None
        if etype and etype not in ENTITY_TYPES:
            problem, etype = f"unknown entity type {etype!r}", None
        page_no = _page_number(request)
        page = s.search_entities(q, type=etype, limit=50, offset=(page_no - 1) * 50)
        return _render(request, "entities.html", q=q, etype=etype, page=page, page_no=page_no,
                       problem=problem, pages=(page.total + 49) // 50,
                       query_string=lambda **kw: urlencode(
                           {k: v for k, v in {"q": q, "type": etype, **kw}.items() if v}))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        profile = _store(request).entity_profile(entity_id)
        if profile is None:
            return _render(request, "error.html", status=404, status_code=404,
                           message=f"no entity {entity_id!r}")
        network = network_svg(profile["entity"], profile["met"], profile["fought"])
        return _render(request, "entity.html", p=profile, e=profile["entity"], network=network)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request) -> HTMLResponse:
        s = _store(request)
        filters, problem = _filters(request)
        page_no = _page_number(request)
        page = s.events(filters, limit=50, offset=(page_no - 1) * 50)
        return _render(request, "events.html", filters=filters, problem=problem, page=page,
                       page_no=page_no, pages=(page.total + 49) // 50, sources=s.sources(),
                       query_string=_query_string,
                       csv_url="/api/export/events?" + _query_string(filters, format="csv"))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return _render(request, "docs.html", endpoints=_endpoints(app.openapi()))


def _endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                 "type": _schema_type(p.get("schema", {})), "description": p.get("description", "")}
                for p in op.get("parameters", [])
            ]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": "requestBody" in op})
    return out


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    return str(schema.get("type", "any"))
