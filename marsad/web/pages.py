"""The web UI: server-rendered pages over the same store as the API.

``/`` search (by words or by meaning), ``/documents/{id}`` an article with its facts
highlighted and the articles like it, ``/entities`` and ``/entities/{id}`` the entity
store, ``/events`` the events table (CSV download via ``/api/export/events``),
``/quotes`` quotes by speaker, ``/charts``, ``/map`` and ``/network`` the events drawn as
SVG (each also as a download, ``/charts.svg`` ...), ``/alerts`` saved searches, their new
matches and the watched feeds, ``/docs`` the API reference.

Every page is in Arabic or English (``?lang=en``, kept in a cookie; see ``i18n``).
Templates are Jinja2 with autoescaping; scripts and styles are served from ``/static``
(no CDN, works offline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..api.app import borrow_store
from ..document import ENTITY_TYPES, EVENT_TYPES
from ..errors import VectorsError
from ..store import Filters, Page, QueryError, StoreReader, vectors, views
from ..store import alerts as alert_store
from ..store.sql import store_conn
from . import charts
from .geo import place_points
from .i18n import COOKIE, Lang, choose, data_text, has_arabic
from .render import event_anchor, event_link, inline_code, render_article, render_snippet, safe_url

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    entity_types=ENTITY_TYPES, event_types=EVENT_TYPES, safe_url=safe_url,
    render_snippet=render_snippet, event_link=event_link, event_anchor=event_anchor,
    inline_code=inline_code, has_arabic=has_arabic, data_text=data_text,
)
PAGE_SIZE = 20
LIST_SIZE = 50
NAV = [("/", "nav.search"), ("/entities", "nav.entities"), ("/events", "nav.events"),
       ("/quotes", "nav.quotes"), ("/charts", "nav.charts"), ("/map", "nav.map"),
       ("/network", "nav.network"), ("/alerts", "nav.alerts")]


StoreDep = Annotated[StoreReader, Depends(borrow_store)]


def _lang(request: Request) -> Lang:
    return choose(request.query_params.get("lang"), request.cookies.get(COOKIE))


def _filters(request: Request) -> tuple[Filters, str | None]:
    """Filters from the query string; an invalid value gives empty filters and a message."""
    p = request.query_params
    try:
        return Filters(q=p.get("q"), entity=p.get("entity"), entity_type=p.get("type"),
                       event_type=p.get("event_type"), since=p.get("since"), until=p.get("until"),
                       source=p.get("source"), speaker=p.get("speaker"), actor=p.get("actor"),
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


def _switch_url(request: Request, lang: Lang) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang.other))
    return f"{request.url.path}?{urlencode(params)}"


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = _lang(request)
    path = request.url.path
    context.update(L=lang, nav=NAV, here=path, switch_url=_switch_url(request, lang))
    context.setdefault("query_string", _query_string)
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if request.query_params.get("lang") in ("ar", "en"):
        response.set_cookie(COOKIE, lang.code, max_age=365 * 86400, samesite="lax")
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status=status, status_code=status, message=message)


def _embedder(request: Request) -> Any:
    state = request.app.state
    if getattr(state, "embedder", None) is None:
        state.embedder = vectors.default_embedder()
    return state.embedder


def install_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, s: StoreDep) -> HTMLResponse:
        filters, problem = _filters(request)
        page_no = _page_number(request)
        meaning = request.query_params.get("mode") == "meaning"
        offset = (page_no - 1) * PAGE_SIZE
        if meaning and filters.q:
            try:
                page = vectors.meaning_search(store_conn(s), filters.q, _embedder(request), filters,
                                              limit=PAGE_SIZE, offset=offset)
            except VectorsError as e:
                problem, page = e.message, Page([], 0, PAGE_SIZE, offset)
        else:
            page = s.search(filters, limit=PAGE_SIZE, offset=offset)
        entities = s.search_entities(filters.q, limit=6).items if filters.q and not meaning else []
        return _render(request, "search.html", filters=filters, problem=problem, page=page,
                       page_no=page_no, entities=entities, sources=s.sources(),
                       counts=s.count_documents(), meaning=meaning,
                       query_string=lambda f, **kw: _query_string(
                           f, mode="meaning" if meaning else None, **kw),
                       pages=(page.total + PAGE_SIZE - 1) // PAGE_SIZE)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, s: StoreDep) -> HTMLResponse:
        data = s.document(doc_id)
        if data is None:
            return error_page(request, 404, f"no document {doc_id!r}")
        names = {e["id"]: e for e in data.get("entities", [])}
        return _render(request, "document.html", doc=data, article=render_article(data, _lang(request)),
                       entity_by_id=names, similar=vectors.more_like_this(store_conn(s), doc_id),
                       has_vectors=vectors.has_vectors(store_conn(s)))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, s: StoreDep) -> HTMLResponse:
        q = request.query_params.get("q") or None
        etype = (request.query_params.get("type") or "").upper() or None
        problem = None
        if etype and etype not in ENTITY_TYPES:
            problem, etype = f"unknown entity type {etype!r}", None
        page_no = _page_number(request)
        page = s.search_entities(q, type=etype, limit=LIST_SIZE,
                                 offset=(page_no - 1) * LIST_SIZE)
        return _render(request, "entities.html", q=q, etype=etype, page=page, page_no=page_no,
                       problem=problem, pages=(page.total + LIST_SIZE - 1) // LIST_SIZE,
                       filters=Filters(q=q, entity_type=etype),
                       query_string=lambda f, **kw: urlencode(
                           {k: v for k, v in {"q": q, "type": etype, **kw}.items() if v}))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, s: StoreDep) -> HTMLResponse:
        profile = s.entity_profile(entity_id)
        if profile is None:
            return error_page(request, 404, f"no entity {entity_id!r}")
        lang = _lang(request)
        network = charts.entity_network_svg(profile["entity"], profile["met"], profile["fought"],
                                            lang)
        return _render(request, "entity.html", p=profile, e=profile["entity"], network=network,
                       meetings=views.meetings(store_conn(s), profile["entity"]["id"]))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, s: StoreDep) -> HTMLResponse:
        filters, problem = _filters(request)
        page_no = _page_number(request)
        page = s.events(filters, limit=LIST_SIZE, offset=(page_no - 1) * LIST_SIZE)
        return _render(request, "events.html", filters=filters, problem=problem, page=page,
                       page_no=page_no, pages=(page.total + LIST_SIZE - 1) // LIST_SIZE,
                       sources=s.sources(), query_string=_query_string,
                       csv_url="/api/export/events?" + _query_string(filters, format="csv"))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, s: StoreDep) -> HTMLResponse:
        filters, problem = _filters(request)
        page_no = _page_number(request)
        page = s.quotes(filters, limit=LIST_SIZE, offset=(page_no - 1) * LIST_SIZE)
        return _render(request, "quotes.html", filters=filters, problem=problem, page=page,
                       page_no=page_no, pages=(page.total + LIST_SIZE - 1) // LIST_SIZE,
                       sources=s.sources(), query_string=_query_string,
                       sentences=views.quote_sentences(store_conn(s), page.items),
                       speakers=views.speakers(store_conn(s), filters),
                       csv_url="/api/export/quotes?" + _query_string(filters, format="csv"))

    def _chart(request: Request, s: StoreReader) -> tuple[Filters, str | None, Markup, dict[str, Any]]:
        filters, problem = _filters(request)
        timeline = views.event_timeline(store_conn(s), filters)
        return filters, problem, charts.timeline_svg(timeline, _lang(request)), timeline

    def _map(request: Request, s: StoreReader) -> tuple[Filters, str | None, Markup, list[Any], list[Any]]:
        filters, problem = _filters(request)
        placed, unplaced = place_points(views.event_places(store_conn(s), filters))
        return filters, problem, charts.map_svg(placed, _lang(request)), placed, unplaced

    def _network(request: Request, s: StoreReader) -> tuple[Filters, str | None, Markup, dict[str, Any]]:
        filters, problem = _filters(request)
        network = views.meeting_network(store_conn(s), filters)
        return filters, problem, charts.graph_svg(network, _lang(request)), network

    def _svg_download(svg: Markup, name: str) -> Response:
        return Response(str(svg), media_type="image/svg+xml",
                        headers={"Content-Disposition": f'inline; filename="{name}"'})

    @app.get("/charts", response_class=HTMLResponse, include_in_schema=False)
    def charts_page(request: Request, s: StoreDep) -> HTMLResponse:
        filters, problem, svg, timeline = _chart(request, s)
        return _render(request, "charts.html", filters=filters, problem=problem, svg=svg,
                       timeline=timeline, sources=s.sources(),
                       svg_url="/charts.svg?" + _query_string(filters))

    @app.get("/charts.svg", include_in_schema=False)
    def charts_svg(request: Request, s: StoreDep) -> Response:
        return _svg_download(_chart(request, s)[2], "marsad-events.svg")

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, s: StoreDep) -> HTMLResponse:
        filters, problem, svg, placed, unplaced = _map(request, s)
        return _render(request, "map.html", filters=filters, problem=problem, svg=svg,
                       placed=placed, unplaced=unplaced, sources=s.sources(),
                       svg_url="/map.svg?" + _query_string(filters))

    @app.get("/map.svg", include_in_schema=False)
    def map_svg(request: Request, s: StoreDep) -> Response:
        return _svg_download(_map(request, s)[2], "marsad-map.svg")

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, s: StoreDep) -> HTMLResponse:
        filters, problem, svg, network = _network(request, s)
        return _render(request, "network.html", filters=filters, problem=problem, svg=svg,
                       network=network, sources=s.sources(),
                       svg_url="/network.svg?" + _query_string(filters))

    @app.get("/network.svg", include_in_schema=False)
    def network_svg(request: Request, s: StoreDep) -> Response:
        return _svg_download(_network(request, s)[2], "marsad-network.svg")

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request, s: StoreDep) -> HTMLResponse:
        conn = store_conn(s)
        searches = alert_store.searches(conn)
        matches = {s.id: alert_store.alert_items(conn, search=s.name, limit=20) for s in searches}
        return _render(request, "alerts.html", searches=searches, matches=matches,
                       feeds=alert_store.feeds(conn))

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
