"""The seed article (../shared/examples/seed) through the whole pipeline: the four quotes
of expected.json, matched by evidence, kind, speaker name and via name."""

from __future__ import annotations

import json
from typing import Any

import pytest

from marsad.api_python import extract
from marsad.quotes.scoring import names_match
from marsad.stages.quotes import END_TO_END_STAGES

from ..conftest import SEED_DIR


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    path = SEED_DIR / "expected.json"
    if not path.is_file():
        pytest.skip("../shared/examples/seed/expected.json is not present")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_seed_quotes_are_found(seed_text: str, expected: dict[str, Any]) -> None:
    doc = extract(seed_text, published=expected["published"], stages=END_TO_END_STAGES)
    for gold in expected["quotes"]:
        at = seed_text.index(gold["evidence"])
        hits = [q for q in doc.quotes if q.start <= at and at + len(gold["evidence"]) <= q.end]
        assert [q.kind for q in hits] == [gold["kind"]], gold
        quote = hits[0]
        assert names_match(doc, quote.speaker, gold["speaker"]), (gold, quote)
        assert names_match(doc, quote.via, gold["via"]), (gold, quote)


def test_quoted_names_in_the_seed_are_not_quotes(seed_text: str, expected: dict[str, Any]) -> None:
    doc = extract(seed_text, published=expected["published"], stages=END_TO_END_STAGES)
    surfaces = [seed_text[q.start:q.end] for q in doc.quotes]
    for name in ("سبوتنيك", "5+5", "العين الإخبارية", "هامة", "نادر"):
        assert name not in surfaces
    assert all(q.kind == "indirect" for q in doc.quotes if "سبوتنيك" in seed_text[q.start:q.end])
