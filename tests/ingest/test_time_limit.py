"""A stage stuck on one article skips that article instead of stalling the ingest."""

from __future__ import annotations

import time

import pytest

from marsad.document import Document
from marsad.ingest import ingester as ingest


def _stuck(doc: Document) -> Document:
    while True:
        time.sleep(0.01)


def test_a_stuck_article_is_skipped_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "DOC_TIME_LIMIT", 0.3)
    monkeypatch.setitem(ingest._WORKER, "extract", _stuck)
    monkeypatch.delitem(ingest._WORKER, "error", raising=False)
    status, reason = ingest._worker_extract(Document("نص عربي قصير عن اجتماع في القاهرة."))
    assert status == "error"
    assert "longer than" in reason

