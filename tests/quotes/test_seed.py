"""The seed article (../shared/examples/seed) through the whole pipeline: the four quotes
of expected.json, matched by evidence, kind, speaker name and via name."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.api_python import extract
from marsad.document import Document
from marsad.quotes.scoring import names_match
from marsad.stages.quotes import END_TO_END_STAGES


@pytest.fixture(scope="module")
def seed_doc(seed_text: str, seed_expected: dict[str, Any]) -> Document:
    return extract(seed_text, published=seed_expected["published"], stages=END_TO_END_STAGES)


def test_the_seed_quotes_are_found(seed_doc: Document, seed_expected: dict[str, Any]) -> None:
    text = seed_doc.text
    for gold in seed_expected["quotes"]:
        at = text.index(gold["evidence"])
        hits = [q for q in seed_doc.quotes if q.start <= at and at + len(gold["evidence"]) <= q.end]
        assert [q.kind for q in hits] == [gold["kind"]], gold
        quote = hits[0]
        assert names_match(seed_doc, quote.speaker, gold["speaker"]), (gold, quote)
        assert names_match(seed_doc, quote.via, gold["via"]), (gold, quote)


def test_quoted_names_in_the_seed_are_not_quotes(seed_doc: Document) -> None:
    text = seed_doc.text
    surfaces = [text[q.start:q.end] for q in seed_doc.quotes]
    for name in ("سبوتنيك", "5+5", "العين الإخبارية", "هامة", "نادر"):
        assert name not in surfaces
    assert all(q.kind == "indirect" for q in seed_doc.quotes if "سبوتنيك" in text[q.start:q.end])
