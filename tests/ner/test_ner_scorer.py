"""The exact-span scorer on hand-made cases (conlleval counting)."""

from __future__ import annotations

import pytest

from marsad.ner.scorer import bio_spans, score


def test_spans_conlleval_style() -> None:
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]
    assert bio_spans(tags) == [(0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG")]


def test_perfect() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    assert score(gold, gold).prf() == (1.0, 1.0, 1.0)


def test_partial_match_counts_as_wrong() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-MISC"]]
    scores = score(gold, pred)
    p, r, f = scores.prf()
    assert (scores.tp["LOC"], scores.tp["ORG"], scores.tp["PERS"]) == (1, 1, 0)
    assert p == pytest.approx(2 / 4)
    assert r == pytest.approx(2 / 3)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert f < 1
    assert scores.prf("PERS") == (0.0, 0.0, 0.0)
    assert scores.prf("MISC")[0] == 0.0


def test_wrong_type_same_span() -> None:
    scores = score([["B-LOC"]], [["B-ORG"]])
    assert scores.prf() == (0.0, 0.0, 0.0)


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError):
        score([["O", "O"]], [["O"]])


def test_as_dict_has_micro() -> None:
    table = score([["B-PERS", "O"]], [["B-PERS", "O"]]).as_dict()
    assert table["micro"]["f1"] == 1.0 and table["PERS"]["support"] == 1
