"""Accuracy gate for the quotes stage alone (gold entities, no models) on the quote sets
written for Marsad (tests/quotes/data).

``dev.jsonl`` is what the rules were developed against; ``test.jsonl`` is held out and only
scored. Scores must stay at or above the floors in ``baseline.json``; raise a floor when a
change improves a score, never lower it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.quotes.scoring import read_gold
from marsad.stages.quotes import score_gold

HERE = Path(__file__).resolve().parent
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
TARGET = 0.70  # the precision and recall the project asks of the quotes stage


@pytest.mark.parametrize("split", ["dev", "test"])
def test_scores_do_not_fall_below_the_baseline(split: str) -> None:
    scores = score_gold(read_gold(HERE / "data" / f"{split}.jsonl"), end_to_end=False)
    report = scores.table() + "\n" + "\n".join(scores.errors)
    got = scores.as_dict()
    for key, floor in BASELINE[split].items():
        if key != "items":
            assert got[key] >= floor, (key, report)


def test_the_dev_floor_meets_the_target() -> None:
    assert BASELINE["dev"]["overall_p"] >= TARGET
    assert BASELINE["dev"]["overall_r"] >= TARGET


def test_the_gold_sets_are_disjoint_and_cover_both_kinds() -> None:
    texts = {}
    for split in ("dev", "test"):
        items = read_gold(HERE / "data" / f"{split}.jsonl")
        texts[split] = {item["text"] for item in items}
        kinds = {q["kind"] for item in items for q in item["quotes"]}
        assert kinds == {"direct", "indirect"}
        assert any(not item["quotes"] for item in items)  # negatives: no quote at all
    assert not texts["dev"] & texts["test"]
