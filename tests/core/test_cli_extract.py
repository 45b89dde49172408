from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from marsad.cli import main

ARTICLE = "وزير الخارجية يزور القاهرة\nوصل وزير الخارجية إلى القاهرة اليوم في زيارة رسمية.\n"


def _check_spans(doc: dict[str, Any]) -> None:
    text = doc["text"]
    n = len(text)
    for s in doc["sentences"]:
        assert 0 <= s["start"] < s["end"] <= n
    for ent in doc["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for d in doc["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    for ev in doc["events"]:
        t = ev["trigger"]
        assert text[t["start"]:t["end"]] == t["text"]
        assert 0 <= ev["sentence"]["start"] < ev["sentence"]["end"] <= n
    ids = {e["id"] for e in doc["entities"]}
    for ev in doc["events"]:
        assert set(ev["source"]) | set(ev["target"]) | set(ev["location"]) <= ids
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        assert q["speaker"] is None or q["speaker"] in ids


def test_extract_text_stage_only(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 schema: dict[str, Any]) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(p), "--stages", "text", "--published", "2024-03-14"]) == 0
    doc = json.loads(capsys.readouterr().out)
    jsonschema.validate(doc, schema)
    assert doc["title"] == "وزير الخارجية يزور القاهرة"
    assert doc["published"] == "2024-03-14"
    assert len(doc["sentences"]) == 2
    _check_spans(doc)


def test_extract_bad_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "blob.bin"
    p.write_bytes(bytes(range(256)) * 4)
    assert main(["extract", str(p), "--stages", "text"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "blob.bin" in err[0] and "binary" in err[0]


def test_extract_jsonl_skips_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       schema: dict[str, Any]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False),
        "not json",
        json.dumps({"id": "b", "text": ARTICLE, "published": "2020-02-02"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["extract", "--jsonl", str(src), "-o", str(out), "--stages", "text",
                 "--published", "2024-01-01", "--no-progress"])
    assert code == 0
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["a", "b"]
    assert [d["published"] for d in docs] == ["2024-01-01", "2020-02-02"]
    for d in docs:
        jsonschema.validate(d, schema)
    err = capsys.readouterr().err
    assert f"{src}:2" in err and "1 lines skipped" in err


def test_bad_published_date_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(p), "--published", "28/09/2023"])


def test_help_runs_as_a_program() -> None:
    out = subprocess.run([sys.executable, "-m", "marsad.cli", "--help"], capture_output=True,
                         text=True, check=True)
    assert "extract" in out.stdout


def test_import_loads_no_model() -> None:
    code = ("import sys, marsad; import marsad.cli; "
            "heavy = [m for m in ('onnxruntime', 'trafilatura', 'numpy', 'fastapi', 'crfsuite', "
            "'pycrfsuite') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
