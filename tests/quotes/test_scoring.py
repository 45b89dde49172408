"""The quotes scorer: containment of the evidence, kind, strict speaker and via."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from marsad.document import Quote
from marsad.errors import InputError
from marsad.quotes.scoring import QuoteScores, find_word, gold_entities, score_document
from marsad.stages.quotes import evaluate_cli

from .helpers import quotes_of

TEXT = "وقال الوزير عادل فهمي إن الموازنة ستقر قريبا."
ENTS = [("عادل فهمي", "PER")]
GOLD = {"kind": "indirect", "speaker": "عادل فهمي", "via": None, "evidence": "الموازنة ستقر"}


def _with(quotes: tuple[Quote, ...]) -> QuoteScores:
    doc = quotes_of(TEXT, ENTS).with_layers(quotes=quotes)
    scores = QuoteScores()
    score_document(doc, [GOLD], scores)
    return scores


def test_a_span_holding_the_evidence_matches() -> None:
    scores = _with((Quote("Q1", TEXT.index("إن"), len(TEXT) - 1, "indirect", "T1"),))
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (1, 0, 0)
    assert scores.strict.tp == 1 and scores.speaker_accuracy == 1.0


def test_a_short_span_or_another_kind_does_not_match() -> None:
    at = TEXT.index("الموازنة")
    for quote in (Quote("Q1", at, at + 5, "indirect", "T1"), Quote("Q1", at, len(TEXT), "direct", "T1")):
        scores = _with((quote,))
        assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (0, 1, 1)


def test_a_wrong_speaker_fails_only_the_strict_score() -> None:
    scores = _with((Quote("Q1", TEXT.index("إن"), len(TEXT), "indirect", None),))
    assert scores.overall.tp == 1
    assert (scores.strict.tp, scores.strict.fp, scores.strict.fn) == (0, 1, 1)
    assert scores.speaker_accuracy == 0.0


def test_missing_evidence_is_an_input_error() -> None:
    doc = quotes_of(TEXT, ENTS)
    with pytest.raises(InputError):
        score_document(doc, [{**GOLD, "evidence": "ليست هنا"}], QuoteScores(), item_id="x")


def test_gold_entities_are_found_as_whole_words_with_clitics() -> None:
    text = "زار فهمي بيروت ولفهمي صديق في فهميات"
    assert [text[s.start:s.end] for s in find_word(text, "فهمي")] == ["فهمي", "فهمي"]
    (ent,) = gold_entities(text, [["فهمي", "PER"]])
    assert ent.id == "T1" and len(ent.mentions) == 2


def test_evaluate_cli_prints_both_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    item = {"id": "x", "published": "2024-01-01", "text": TEXT, "entities": [list(e) for e in ENTS],
            "quotes": [GOLD]}
    gold.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluate_cli(argparse.Namespace(gold=str(gold))) == 0
    out = capsys.readouterr().out
    assert "stage alone" in out and "end to end" in out
    assert "overall" in out and "speaker accuracy 1.000" in out
