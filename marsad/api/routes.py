"""The JSON API: ``/api/...`` routes over the store.

Lists take ``limit`` (1-500) and ``offset`` and answer ``meta`` with ``total``, ``limit``,
``offset`` and ``count``. Filters (``q``, ``entity``, ``type``, ``event_type``, ``since``,
``until``, ``source``, ``actor``, ``source_actor``, ``target_actor``) mean the same
everywhere; see ``marsad.store.models.Filters``. "Who did Russian officials meet?" is
``/api/events?event_type=CONSULT&source_actor=RUSGOV``.
"""

from __future__ import annotations

import hmac
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..store import Filters, Store
from ..store.models import MAX_LIMIT

router = APIRouter(prefix="/api")


def envelope(data: Any, **meta: Any) -> dict[str, Any]:
    return {"data": data, "meta": meta}


def reply(data: Any, **meta: Any) -> JSONResponse:
    """The one success shape, serialised directly (the store's rows are plain JSON already:
    no model validation on the way out)."""
    return JSONResponse(envelope(data, **meta))


def store(request: Request) -> Store:
    s: Store = request.app.state.stores.reader()
    return s


StoreDep = Annotated[Store, Depends(store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page (1-500)")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]


def filters(
    q: Annotated[str | None, Query(description="words to find; Arabic in any spelling or with "
                                                "clitics, or English entity names")] = None,
    entity: Annotated[str | None, Query(description="a stored entity id (E12) or name")] = None,
    entity_type: Annotated[str | None, Query(alias="type", description="entity type: PER ORG "
                                             "GPE LOC FAC NORP MISC")] = None,
    event_type: Annotated[str | None, Query(description="PLOVER event type")] = None,
    since: Annotated[str | None, Query(description="on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="on or before, inclusive")] = None,
    source: Annotated[str | None, Query(description="outlet name")] = None,
    actor: Annotated[str | None, Query(description="an event actor's code: country (RUS), "
                                                   "sector (GOV) or both (RUSGOV)")] = None,
    source_actor: Annotated[str | None, Query(description="the code of an event's source "
                                                          "actor (who did it): RUSGOV")] = None,
    target_actor: Annotated[str | None, Query(description="the code of an event's target "
                                                          "actor (to whom): SAU, CVL")] = None,
) -> Filters:
    return Filters(q=q, entity=entity, entity_type=entity_type, event_type=event_type,
                   since=since, until=until, source=source, actor=actor,
                   source_actor=source_actor, target_actor=target_actor)


FiltersDep = Annotated[Filters, Depends(filters)]


def _not_found(what: str) -> Exception:
    from .app import APIError

    return APIError(404, what)


@router.get("", summary="What this server holds", tags=["meta"])
def index(s: StoreDep) -> JSONResponse:
    from .. import __version__

    return reply({"name": "marsad", "version": __version__, "counts": s.count_documents(),
                     "sources": s.sources()})


@router.get("/documents", summary="List or search stories", tags=["documents"])
def list_documents(s: StoreDep, f: FiltersDep, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Stories (one per group of near-duplicates) matching the filters: best match first
    with ``q``, else newest first. Each has a snippet with highlighted matches."""
    page = s.documents(f, limit=limit, offset=offset)
    return reply(page.items, **page.meta(), filters=f.as_dict())


@router.get("/search", summary="Full-text search of stories", tags=["documents"])
def search(
    s: StoreDep,
    q: Annotated[str, Query(min_length=1, description="words to find (every word must match)")],
    f: FiltersDep,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Like ``/api/documents`` with a required query; ``meta.entities`` lists the stored
    entities whose names match it."""
    page = s.search(f.with_(q=q), limit=limit, offset=offset)
    ents = s.search_entities(q, limit=5)
    return reply(page.items, **page.meta(), filters=f.with_(q=q).as_dict(),
                    entities=[e.to_json() for e in ents.items])


@router.get("/documents/{doc_id}", summary="One article with all its facts", tags=["documents"])
def get_document(s: StoreDep, doc_id: Annotated[str, Path(description="document id")]) -> JSONResponse:
    """The article as a contract document (``marsad/document@1``), each entity with its
    ``store_id``, plus ``store``: its story group and the other copies."""
    data = s.document(doc_id)
    if data is None:
        raise _not_found(f"no document {doc_id!r}")
    return reply(data)


class DocumentIn(BaseModel):
    """An article to analyse and store."""

    text: str = Field(min_length=1, max_length=5_000_000, description="the article body")
    title: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                  description="YYYY-MM-DD")
    source: str | None = None
    url: str | None = None
    id: str | None = None


def require_key(request: Request,
                x_api_key: Annotated[str | None, Header()] = None,
                authorization: Annotated[str | None, Header()] = None) -> None:
    from .app import APIError

    expected: str | None = request.app.state.api_key
    if not expected:
        raise APIError(403, "this server is read-only: start it with --api-key or "
                            "MARSAD_API_KEY to allow writing", code="read_only")
    given = x_api_key
    if given is None and authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given:
        raise APIError(401, "an API key is needed: send the header X-API-Key")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise APIError(403, "the API key is not valid")


@router.post("/documents", summary="Analyse and store an article (needs the API key)",
             tags=["documents"], status_code=201, dependencies=[Depends(require_key)],
             responses={200: {"description": "already stored"}})
def post_document(request: Request, body: DocumentIn) -> Response:
    """Runs the pipeline over the article and stores it, with the same duplicate and
    near-duplicate rules as ``marsad ingest``. Answers 201 with the stored id, or 200 when
    the article was already stored."""
    from ..ingest.readers import Record, check_text
    from ..store.ingest import Ingester, Skip, make_extractor
    from .app import APIError

    state = request.app.state
    check_text(body.text, where="text")
    record = Record(text=body.text, id=body.id, title=body.title, published=body.published,
                    published_from="record" if body.published else None, source=body.source,
                    url=body.url, where="POST /api/documents")
    with state.extract_lock:
        if state.extract is None:
            state.extract = make_extractor(state.stages)
        extract = state.extract
    with state.stores.write_lock:
        if state.ingester is None:
            state.ingester = Ingester(state.stores.writer())
        outcome = state.ingester.ingest_one(record, extract)
    if isinstance(outcome, Skip):
        raise APIError(409, outcome.reason)
    status = 200 if outcome.status == "duplicate" else 201
    return JSONResponse(envelope(outcome.to_json()), status_code=status)


@router.get("/entities", summary="Search stored entities", tags=["entities"])
def list_entities(
    s: StoreDep,
    q: Annotated[str | None, Query(description="name words, Arabic or English (prefixes match)")] = None,
    entity_type: Annotated[str | None, Query(alias="type", description="entity type")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    f = Filters(entity_type=entity_type)  # validates the type
    page = s.search_entities(q, type=f.entity_type, limit=limit, offset=offset)
    return reply([e.to_json() for e in page.items], **page.meta())


@router.get("/entities/{entity_id}", summary="One entity: aliases, timeline, network",
            tags=["entities"])
def get_entity(s: StoreDep, entity_id: Annotated[str, Path(description="entity id (E12)")]) -> JSONResponse:
    """The entity with its aliases, mentions, documents, timeline of events, quotes,
    co-occurring entities, whom it met (CONSULT) and whom it fought (ASSAULT, FIGHT).
    A merged-away id answers with the entity it was merged into."""
    profile = s.entity_profile(entity_id)
    if profile is None:
        raise _not_found(f"no entity {entity_id!r}")
    redirected = profile.pop("redirected_from")
    return reply(profile, redirected_from=redirected)


@router.get("/events", summary="PLOVER events", tags=["events"])
def list_events(s: StoreDep, f: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Events newest first. ``entity`` keeps the events it takes part in (as source, target
    or location); ``since``/``until`` apply to the event's date (the article's when the
    event has none); ``q`` keeps events from articles containing the words."""
    page = s.events(f, limit=limit, offset=offset)
    return reply(page.items, **page.meta(), filters=f.as_dict())


@router.get("/quotes", summary="Quotes", tags=["quotes"])
def list_quotes(
    s: StoreDep,
    f: FiltersDep,
    speaker: Annotated[str | None, Query(description="speaker: entity id or name")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    page = s.quotes(f.with_(speaker=speaker), limit=limit, offset=offset)
    return reply(page.items, **page.meta(), filters=f.with_(speaker=speaker).as_dict())


_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
          "parquet": "application/vnd.apache.parquet"}


@router.get("/export/{kind}", summary="Download events, entities or quotes", tags=["export"])
def export(
    s: StoreDep,
    kind: Annotated[str, Path(pattern="^(events|entities|quotes)$")],
    f: FiltersDep,
    format: Annotated[str, Query(pattern="^(csv|jsonl|parquet)$", description="csv, jsonl or parquet")] = "csv",
    speaker: Annotated[str | None, Query(description="quotes: speaker id or name")] = None,
) -> Response:
    """The same rows as ``marsad export`` (PLOVER field names for events), as a file."""
    from ..store.export import export as write

    f = f.with_(speaker=speaker)
    if format == "parquet":
        buf = io.BytesIO()
        write(s, kind, "parquet", f, buf)
        body: bytes = buf.getvalue()
    else:
        text = io.StringIO()
        write(s, kind, format, f, text)
        body = text.getvalue().encode("utf-8")
    filename = f"marsad-{kind}.{format}"
    return Response(body, media_type=_MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
