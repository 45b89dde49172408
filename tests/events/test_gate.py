"""Accuracy gate: the events stage alone on dev.jsonl must stay at or above baseline.json.

The documents carry the gold entities and dates of each line, so the score measures this
stage and nothing upstream. The floors only move up. The project's targets (F1 >= 0.80 on
ASSAULT and PROTEST, precision and recall >= 0.70 overall) are checked as well.
"""

from __future__ import annotations

import json
from pathlib import Path

from marsad.events.score import evaluate, read_gold, stage_alone

HERE = Path(__file__).resolve().parent
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))


def test_dev_score_does_not_fall_below_the_floor() -> None:
    report = evaluate(read_gold(HERE / "data" / "dev.jsonl"), stage_alone)
    floor = BASELINE["dev"]
    match, strict = report.overall("match"), report.overall("strict")
    table = report.format()
    assert match.tp + match.fn == floor["events"], table
    assert match.precision >= floor["precision"], table
    assert match.recall >= floor["recall"], table
    assert match.f1 >= floor["f1"], table
    assert strict.f1 >= floor["strict_f1"], table
    for label, value in floor["type_f1"].items():
        assert report.match[label].f1 >= value, table
    assert min(floor["precision"], floor["recall"]) >= 0.70
    assert min(floor["type_f1"].values()) >= 0.80


def test_the_gold_files_cover_every_plover_type() -> None:
    from marsad.document import EVENT_TYPES

    for split in ("dev", "test"):
        items = list(read_gold(HERE / "data" / f"{split}.jsonl"))
        seen = {e["type"] for item in items for e in item["events"]}
        assert seen == set(EVENT_TYPES), (split, set(EVENT_TYPES) - seen)
        assert sum(1 for item in items if not item["events"]) >= 5  # lines with no event
