"""The stored form of a contract document, and the way back.

``documents.data`` keeps the contract JSON less the text and the surfaces of spans
(``text[start:end]``, by the contract), zlib-compressed: a third of the size. ``unpack``
puts them back from the stored text.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from ..document import Document


def pack(data: dict[str, Any]) -> bytes:
    """The stored form of a contract document: its JSON, less what the text gives back
    (see ``_without_surfaces``), zlib-compressed (a third of the size)."""
    raw = json.dumps(_without_surfaces(data), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(raw.encode("utf-8"), 6)


def unpack(blob: bytes, text: str) -> dict[str, Any]:
    """The contract document back from ``pack`` and its text."""
    stored: dict[str, Any] = json.loads(zlib.decompress(blob))
    data = Document.from_json({**stored, "text": text}).to_json()
    for key, value in stored.items():
        data.setdefault(key, value)
    return data


def _no_text(span: Any) -> Any:
    return {k: v for k, v in span.items() if k != "text"} if isinstance(span, dict) else span


def _without_surfaces(data: dict[str, Any]) -> dict[str, Any]:
    """The contract JSON less the text and the surfaces of spans (``text[start:end]``, by
    the contract): ``queries.document`` puts them back. It halves the stored JSON."""
    out = {k: v for k, v in data.items() if k != "text"}
    out["entities"] = [{**e, "mentions": [_no_text(m) for m in e.get("mentions", [])]}
                       for e in data.get("entities", [])]
    out["dates"] = [_no_text(d) for d in data.get("dates", [])]
    out["events"] = [{**e, "trigger": _no_text(e.get("trigger"))} for e in data.get("events", [])]
    out["quotes"] = [{**_no_text(q), "cue": _no_text(q.get("cue"))} for q in data.get("quotes", [])]
    return out
