"""A TestClient for the app, and a store filled with the hand-written sample articles."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, TypeVar

from marsad.ingest.dedup import content_hash, encode, signature
from marsad.store import open_store
from tests.store.samples import ALL, HOSTILE, MOSCOW_COPY, make_doc


def make_client(app: Any, **kwargs: Any) -> Any:
    """``fastapi.testclient.TestClient``; starlette 1.x warns on import that it wants the
    ``httpx2`` package, which this project does not need: that one warning is silenced."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    return TestClient(app, **kwargs)


Where = TypeVar("Where", Path, str)


def fill_store(path: Where) -> Where:
    """The sample stories, the hostile page, and a near-duplicate copy of the Moscow story,
    in the store at ``path`` (a SQLite file, or a PostgreSQL URL)."""
    with open_store(str(path)) as store:
        for article in [*ALL, HOSTILE]:
            doc = make_doc(article)
            sig = signature(doc.text)
            store.add_document(doc, content_hash=content_hash(doc.text),
                               signature=encode(sig) if sig is not None else None)
        copy = make_doc(MOSCOW_COPY)
        store.add_document(copy, content_hash=content_hash(copy.text), dup_group="moscow-meeting",
                           similarity=0.9)
    return path
