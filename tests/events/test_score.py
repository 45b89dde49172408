"""The scorer: matching by type and trigger, the strict actor check, and the CLI entry."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.document import Event, Span
from marsad.errors import InputError
from marsad.events.score import Report, evaluate, read_gold, score_item, stage_alone
from marsad.stages.events import evaluate_cli

from .conftest import build

LINE: dict[str, Any] = {
    "id": "t1",
    "published": "2024-05-02",
    "text": "وقصفت المدفعية التركية قرى في ريف حلب.",
    "entities": [["حلب", "GPE"]],
    "dates": [],
    "events": [
        {
            "type": "ASSAULT",
            "mode": "heavy-weapons",
            "trigger": "قصفت",
            "source": ["المدفعية"],
            "target": [],
            "location": ["حلب"],
            "date": None,
            "negated": False,
        }
    ],
}


def test_a_right_event_counts_once_and_a_wrong_type_twice() -> None:
    doc = build(LINE["text"], LINE["entities"])
    report = Report()
    score_item(report, doc, LINE["events"])
    assert (report.match["ASSAULT"].tp, report.strict["ASSAULT"].tp) == (1, 1)
    wrong = doc.with_layers(events=(Event("E1", "PROTEST", Span(1, 5), doc.sentences[0]),))
    report = Report()
    score_item(report, wrong, LINE["events"])
    assert report.match["ASSAULT"].fn == 1 and report.match["PROTEST"].fp == 1
    assert report.overall().f1 == 0.0


def test_strict_needs_the_same_actors() -> None:
    doc = build(LINE["text"], LINE["entities"])
    gold = [dict(LINE["events"][0], source=["الجيش السوري"])]
    report = Report()
    score_item(report, doc, gold)
    assert report.match["ASSAULT"].tp == 1 and report.strict["ASSAULT"].tp == 0


def test_evaluate_cli_prints_a_table_and_returns_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(LINE, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluate_cli(argparse.Namespace(gold=str(gold), gold_entities=True)) == 0
    out = capsys.readouterr().out
    assert "ASSAULT" in out and "overall" in out and "1.000" in out
    assert evaluate(read_gold(gold), stage_alone).overall().f1 == 1.0


def test_a_broken_gold_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        list(read_gold(bad))
    with pytest.raises(InputError, match="cannot read"):
        list(read_gold(tmp_path / "missing.jsonl"))
