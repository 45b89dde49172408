"""Accuracy gates on the date test sets written for Marsad (tests/dates/data).

``dev.jsonl`` is what the grammar was developed against; ``test.jsonl`` was written
before the grammar and is only scored. Each must stay at or above the floor recorded in
``baseline.json``; raise the floor when a change improves a score, never lower it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.dates import find_dates
from marsad.dates.scoring import format_score, load_gold, score

HERE = Path(__file__).resolve().parent
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
TARGET = 0.95  # the accuracy the project asks of the dates stage


@pytest.mark.parametrize("split", ["dev", "test"])
def test_accuracy_does_not_fall_below_the_baseline(split: str) -> None:
    result = score(load_gold(HERE / "data" / f"{split}.jsonl"), find_dates)
    floor = BASELINE[split]
    report = format_score(result, title=split) + "\n" + "\n".join(result.errors)
    assert result.accuracy >= floor["accuracy"], report
    assert result.f1 >= floor["span_f1"], report
    assert floor["accuracy"] >= TARGET


def test_the_test_sets_are_large_and_cover_every_kind() -> None:
    kinds = {"absolute", "partial", "numeric", "year", "relative", "weekday", "hijri", "range"}
    total = 0
    for split in ("dev", "test"):
        gold = load_gold(HERE / "data" / f"{split}.jsonl")
        seen = {d.kind for g in gold for d in g.dates}
        assert kinds <= seen, (split, kinds - seen)
        assert sum(len(g.negatives) for g in gold) >= 40
        total += sum(len(g.dates) + len(g.negatives) for g in gold)
    assert total >= 300


def test_dev_and_test_share_no_sentence() -> None:
    dev = {g.sentence for g in load_gold(HERE / "data" / "dev.jsonl")}
    test = {g.sentence for g in load_gold(HERE / "data" / "test.jsonl")}
    assert not dev & test
