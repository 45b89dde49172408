"""Accuracy gate on the real-news dev split: whole SaudiNewsNet articles, annotated by hand.

The article text is joined from ../shared (CC BY-NC-SA: it never enters the repo); without
it these tests skip. The floors in baseline.json only move up. The test split is not
gated here: it is scored when a piece of work is finished
(``marsad eval facts --gold tests/realnews/test.jsonl``), never tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.eval.corpus import corpus_available, join_text, read_gold

HERE = Path(__file__).resolve().parent
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
SPLITS = ("train", "dev", "test")

needs_corpus = pytest.mark.skipif(not corpus_available(), reason="SaudiNewsNet is not in ../shared")


@pytest.fixture(scope="module")
def dev_report() -> dict:
    from marsad.eval.facts import evaluate

    return evaluate(str(HERE / "dev.jsonl")).as_dict()


def _value(report: dict, path: str) -> float:
    node = report
    for part in path.split("."):
        node = node[part]
    return float(node)


@needs_corpus
def test_dev_scores_do_not_fall_below_the_floors(dev_report: dict) -> None:
    assert dev_report["articles"] == BASELINE["dev"]["articles"]
    low = {path: (_value(dev_report, path), floor)
           for path, floor in BASELINE["dev"]["floors"].items()
           if _value(dev_report, path) < floor}
    assert not low, low


def test_the_splits_are_whole_articles_spread_over_the_outlets() -> None:
    lines = {split: read_gold(HERE / f"{split}.jsonl") for split in SPLITS}
    ids = [it["id"] for items in lines.values() for it in items]
    assert len(ids) == len(set(ids)) == 150
    outlets = {it["source"] for items in lines.values() for it in items}
    assert len(outlets) == 14
    for split, items in lines.items():
        assert len(items) == 50, split
        assert {it["split"] for it in items} == {split}
        assert len({it["source"] for it in items}) >= 12, split
        # every fact kind is present in every split
        for kind in ("entities", "dates", "events", "quotes"):
            assert sum(len(it[kind]) for it in items) > 0, (split, kind)


def test_gold_lines_keep_no_article_text() -> None:
    """The licence: offsets, labels, English names and codes only."""
    for split in SPLITS:
        raw = (HERE / f"{split}.jsonl").read_text(encoding="utf-8")
        assert not any("\u0600" <= ch <= "\u06ff" for ch in raw), split
    agreement = (HERE / "agreement.jsonl").read_text(encoding="utf-8")
    assert not any("\u0600" <= ch <= "\u06ff" for ch in agreement)


@needs_corpus
def test_every_span_lies_inside_its_article() -> None:
    items = [it for split in SPLITS for it in read_gold(HERE / f"{split}.jsonl")]
    records = join_text(items)  # checks each text against its SHA-1
    for it in items:
        n = len(records[int(it["record"])].text)
        spans = [m for e in it["entities"] for m in e["mentions"]]
        spans += [d["span"] for d in it["dates"]] + [q["span"] for q in it["quotes"]]
        spans += [ev["trigger"] for ev in it["events"]]
        spans += [a["span"] for ev in it["events"] for r in ("source", "target") for a in ev[r]]
        assert all(0 <= s < e <= n for s, e in spans), it["id"]
