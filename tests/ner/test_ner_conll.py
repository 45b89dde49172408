"""Reading and writing CoNLL, odd lines included."""

from __future__ import annotations

from pathlib import Path

from marsad.ner.conll import format_conll, iter_sentences, parse_line, read_conll, repair_bio

SAMPLE = Path(__file__).parent / "data" / "sample.conll"


def test_read_sample() -> None:
    sentences = read_conll(SAMPLE)
    assert [len(s.tokens) for s in sentences] == [11, 10, 6]
    assert sentences[0].tokens[3:5] == ["فلاديمير", "بوتين"]
    assert sentences[0].tags[3:5] == ["B-PERS", "I-PERS"]
    assert sentences[1].tags[6] == "B-LOC"  # وليبيا


def test_round_trip(tmp_path: Path) -> None:
    sentences = read_conll(SAMPLE)
    out = tmp_path / "out.conll"
    out.write_text(format_conll(sentences), encoding="utf-8")
    again = read_conll(out)
    assert [(s.tokens, s.tags) for s in again] == [(s.tokens, s.tags) for s in sentences]


def test_odd_lines() -> None:
    assert parse_line("الأسد I-ORG B-PERS") == ("الأسد", "I-ORG")  # two tags: the first
    assert parse_line("نابلس B-GPE") == ("نابلس", "B-LOC")
    assert parse_line("المصريون B-NORP") == ("المصريون", "B-MISC")
    assert parse_line("أمس B-DATE") == ("أمس", "O")
    assert parse_line("وحده") == ("وحده", "O")
    assert parse_line("كلمة ??? B-PERS") == ("كلمة", "B-PERS")


def test_blank_runs_and_missing_final_blank() -> None:
    lines = ["", "", "روسيا B-LOC", "", "", "", "موسكو B-LOC"]
    sentences = list(iter_sentences(lines))
    assert [s.tokens for s in sentences] == [["روسيا"], ["موسكو"]]


def test_repair_bio() -> None:
    assert repair_bio(["O", "I-PERS", "I-PERS", "I-LOC"]) == ["O", "B-PERS", "I-PERS", "B-LOC"]
