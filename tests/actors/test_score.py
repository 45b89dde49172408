"""``marsad eval actors``: the scorer on a spans file written for these tests, and the
gate on the PLOVER Arabic GSR training half (skipped when ../shared does not have it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.actors import score as S
from marsad.cli import main
from marsad.errors import InputError

HERE = Path(__file__).resolve().parent
SPANS = HERE / "data" / "spans.json"
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))


def test_gold_codes_are_the_annotators_majority() -> None:
    first, second, third = S.read_spans(SPANS)
    police, crowd = first.actors
    assert (police.role, police.countries, police.sectors) == ("source", {"IRQ"}, {"COP"})
    assert crowd.countries == {"IRQ"} and crowd.sectors == {"CVL"}  # "None" is no country
    gunmen, un = second.actors
    assert gunmen.countries == frozenset()  # INT is not a state
    assert gunmen.sectors == {"UAF", "REB"}  # a tie: either is right
    assert un.countries == frozenset() and un.sectors == {"IGO"}  # IGO given as the "main"
    assert [a.role for a in third.actors] == ["source"]  # no agreed target: not scored
    assert first.document == "TEST_ARB_20150801.0001" and first.document == second.document


def test_the_parts_hold_whole_documents() -> None:
    sentences = [s for p in S.training_files() if p.is_file() for s in S.read_spans(p)]
    if not sentences:
        pytest.skip("the PLOVER Arabic GSR spans are not in ../shared")
    tune = {s.document for s in S.select(sentences, "tune")}
    check = {s.document for s in S.select(sentences, "check")}
    assert tune and check and not tune & check
    assert len(S.select(sentences, "all")) == len(sentences)


def test_the_scorer_counts_found_actors_and_their_codes() -> None:
    report = S.score(S.read_spans(SPANS))
    assert report.recall.total == 5
    assert report.recall.right <= report.recall_any_role.right <= 5
    assert report.country.total == 2 and report.sector.total == 5
    alone = S.score_codes(S.read_spans(SPANS))
    assert alone.recall.value == 1.0  # every agreed span is found in its sentence
    assert alone.sector.right >= 4, alone.errors  # COP, CVL, UAF, EDU; the UN is IGO
    assert alone.country.right == 2, alone.errors  # the Iraqi police and the crowd in Baghdad


def test_marsad_eval_actors_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "actors", "--gold", str(SPANS), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"all"} and set(out["all"]) == {"end_to_end", "coder_alone"}
    assert out["all"]["end_to_end"]["actors"] == 5


@pytest.mark.parametrize("content", ["{not json", '{"a": 1}', '[{"no": "text"}]'])
def test_a_bad_spans_file_is_named(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad_spans.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="bad_spans.json"):
        S.read_spans(path)
    assert main(["eval", "actors", "--gold", str(tmp_path / "missing.json")]) == 1


@pytest.fixture(scope="module")
def gsr() -> dict[str, dict[str, S.ActorReport]]:
    if not all(p.is_file() for p in S.training_files()):
        pytest.skip("the PLOVER Arabic GSR spans are not in ../shared")
    return S.evaluate(S.training_files(), ["tune", "check"])


def _value(report: S.ActorReport, name: str) -> float:
    return float(getattr(report, name).value)


def test_gsr_scores_do_not_fall_below_the_floors(gsr: dict[str, dict[str, S.ActorReport]]) -> None:
    low = {}
    for key, floor in BASELINE["floors"].items():
        part, kind, name = key.split(".")
        value = _value(gsr[part][kind], name)
        if value < floor:
            low[key] = (round(value, 4), floor)
    assert not low, low
