"""Helpers for the events tests: documents built by hand, no model runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from marsad.document import Document, Event
from marsad.events import find_events
from marsad.events.score import gold_document

Build = Callable[..., Document]


def build(
    text: str,
    entities: Sequence[Sequence[Any]] = (),
    dates: Sequence[Sequence[str]] = (),
    published: str | None = "2024-03-10",
) -> Document:
    """The text with these entities and dates (found by their surface) and its events."""
    item = {
        "text": text,
        "published": published,
        "entities": [list(e) for e in entities],
        "dates": [list(d) for d in dates],
    }
    doc = gold_document(item)
    return doc.with_layers(events=find_events(doc))


def names(doc: Document, ids: Sequence[str]) -> list[str]:
    out = []
    for x in ids:
        ent = doc.entity(x)
        out.append(ent.name if ent else x)
    return out


def describe(doc: Document, event: Event) -> tuple[Any, ...]:
    """(type, mode, source names, target names, location names, date, negated)."""
    return (
        event.type,
        event.mode,
        names(doc, event.source) + list(event.attrs.get("source_text", [])),
        names(doc, event.target) + list(event.attrs.get("target_text", [])),
        names(doc, event.location),
        event.date,
        event.negated,
    )


@pytest.fixture
def make() -> Build:
    return build
