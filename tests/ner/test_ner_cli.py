"""``marsad ner-tag``, ``marsad eval ner`` and the ``eval`` dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.cli import main
from marsad.ner import TYPES

SAMPLE = Path(__file__).parent / "data" / "sample.conll"
VALID = {"O"} | {f"{p}-{t}" for p in "BI" for t in TYPES}


def test_ner_tag_keeps_tokens_and_blank_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ner-tag", "--conll", str(SAMPLE)]) == 0
    out = capsys.readouterr().out.split("\n")
    assert out[-1] == ""  # output ends with a newline
    lines_in = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert len(out) == len(lines_in)
    for line_in, line_out in zip(lines_in, out, strict=True):
        if not line_in.strip():
            assert line_out == ""
            continue
        token, tag = line_out.split("\t")
        assert token == line_in.split()[0]
        assert tag in VALID


def test_ner_tag_without_final_blank_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.conll"
    path.write_text("\n\nزار\nماكرون\nالجزائر", encoding="utf-8")
    assert main(["ner-tag", "--conll", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.split("\n")[:2] == ["", ""]
    assert [line.split("\t")[0] for line in out.split("\n")[2:5]] == ["زار", "ماكرون", "الجزائر"]


def test_ner_tag_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ner-tag", "--conll", "/nonexistent/x.conll"]) == 1
    assert "x.conll" in capsys.readouterr().err


def test_eval_ner_prints_micro(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "ner", "--conll", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "PERS" in out



def test_eval_names_a_missing_scorer(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from marsad.commands import evaluate

    monkeypatch.setitem(evaluate._STAGE_SCORERS, "quotes", "marsad.stages.no_such_stage")
    assert main(["eval", "quotes", "--gold", "x.json"]) == 1
    err = capsys.readouterr().err
    assert "no scorer for quotes" in err and "no_such_stage" in err
