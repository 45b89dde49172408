"""Build documents by hand for the quotes tests: the text stage, then gold entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.document import Document, Quote
from marsad.quotes.scoring import gold_document
from marsad.stages.quotes import make_quotes_stage

_STAGE = make_quotes_stage()


def quotes_of(text: str, entities: Sequence[Sequence[Any]] = ()) -> Document:
    """``text`` with the given ``[surface, type]`` entities, through the quotes stage."""
    return _STAGE(gold_document({"text": text, "entities": [list(e) for e in entities]}))


def described(doc: Document) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, speaker name, via name, surface) for each quote, for readable asserts."""
    return [(q.kind, _name(doc, q.speaker), _name(doc, q.via), doc.text[q.start:q.end]) for q in doc.quotes]


def only(doc: Document) -> Quote:
    assert len(doc.quotes) == 1, described(doc)
    return doc.quotes[0]


def _name(doc: Document, entity_id: str | None) -> str | None:
    ent = doc.entity(entity_id) if entity_id else None
    return ent.name if ent else None
