"""Accuracy gate: the shipped model on the dev split must not fall below the baseline.

The dev split is rebuilt from shared/data/ner/anercorp-camel-train.conll (see
marsad/ner/split.py); the test skips when shared/ is absent. ``baseline.json`` only moves up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.ner import load_tagger
from marsad.ner.evaluate import dev_sentences, evaluate_sentences

SHARED = Path(__file__).parents[2] / ".." / "shared"
TRAIN = SHARED / "data" / "ner" / "anercorp-camel-train.conll"
BASELINE = json.loads((Path(__file__).parent / "baseline.json").read_text(encoding="utf-8"))
TOLERANCE = 0.005


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, dict[str, float]]:
    if not TRAIN.is_file():
        pytest.skip(f"{TRAIN} not found")
    return evaluate_sentences(load_tagger(), dev_sentences(TRAIN)).as_dict()


def test_dev_micro_f1_floor(dev_scores: dict[str, dict[str, float]]) -> None:
    assert dev_scores["micro"]["f1"] >= BASELINE["dev_micro_f1"] - TOLERANCE


@pytest.mark.parametrize("label", ["PERS", "ORG", "LOC", "MISC"])
def test_dev_f1_per_type_floor(dev_scores: dict[str, dict[str, float]], label: str) -> None:
    assert dev_scores[label]["f1"] >= BASELINE["dev_f1"][label] - TOLERANCE
