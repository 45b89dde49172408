"""``marsad search``, ``marsad entities`` and ``marsad export``: thin layers over the store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from marsad.cli import main
from tests.api.client import fill_store

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(fill_store(tmp_path / "cli.db"))


def test_search(db: str, capsys: Capture) -> None:
    assert main(["search", "وبالمشير", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 stories match") and "moscow-meeting" in out and "+1 copies" in out
    assert main(["search", "Haftar", "--since", "2023-10", "--db", db, "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in body["data"]] == ["cairo-talks", "tripoli-clashes"]
    assert body["meta"]["total"] == 2 and body["meta"]["since"] == "2023-10"
    assert main(["search", "--event-type", "FIGHT", "--db", db, "--json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)["data"]] == ["tripoli-clashes"]


def test_search_errors_are_one_line(db: str, tmp_path: Path, capsys: Capture) -> None:
    assert main(["search", "x", "--since", "soon", "--db", db]) == 1
    assert capsys.readouterr().err.startswith("marsad: error: since must be a date")
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1
    assert "no store here" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_entities_list_show_and_corrections(db: str, capsys: Capture) -> None:
    assert main(["entities", "حفتر", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "E2\tPER\tخليفة حفتر (Khalifa Haftar)" in out
    assert main(["entities", "--type", "GPE", "--db", db, "--json"]) == 0
    names = {e["name_en"] for e in json.loads(capsys.readouterr().out)["data"]}
    assert {"Moscow", "Libya", "Tripoli"} <= names and "Khalifa Haftar" not in names
    assert main(["entities", "show", "E2", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "met: فلاديمير بوتين (E1)" in out and "fought: حكومة الوحدة الوطنية (E8)" in out
    assert main(["entities", "rename", "E2", "--name-en", "Khalifa Belqasim Haftar", "--db", db]) == 0
    assert "renamed E2" in capsys.readouterr().out
    assert main(["entities", "merge", "E2", "E1", "--db", db]) == 0
    assert "merged E1 into E2" in capsys.readouterr().out
    assert main(["entities", "split", "E2", "فلاديمير بوتين", "بوتين", "--name-en",
                 "Vladimir Putin", "--db", db]) == 0
    assert "into E14" in capsys.readouterr().out
    assert main(["entities", "corrections", "--db", db, "--json"]) == 0
    ops = [c["op"] for c in json.loads(capsys.readouterr().out)["data"]]
    assert ops == ["rename", "merge", "split"]
    assert main(["entities", "merge", "E2", "--db", db]) == 1
    assert "usage: marsad entities merge KEEP OTHER" in capsys.readouterr().err


def test_export_events_as_csv_with_plover_fields(db: str, capsys: Capture) -> None:
    assert main(["export", "events", "--format", "csv", "--event-type", "CONSULT", "--db", db]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 4
    moscow = next(r for r in rows if r["event_id"] == "moscow-meeting:V1")
    assert moscow == {
        "event_id": "moscow-meeting:V1", "event_type": "CONSULT", "mode": "", "date": "2023-09-28",
        "source_actor": "فلاديمير بوتين", "source_actor_en": "Vladimir Putin",
        "source_actor_id": "E1", "target_actor": "خليفة حفتر",
        "target_actor_en": "Khalifa Haftar", "target_actor_id": "E2", "location": "موسكو",
        "location_en": "Moscow", "location_id": "E3",
        # the sample documents carry no actor codes and no place ids
        "source_country": "", "source_sector": "", "target_country": "", "target_sector": "",
        "country": "", "admin1": "", "latitude": "", "longitude": "", "geonames_id": "",
        "negated": "false", "confidence": "0.9",
        "trigger": "استقبل", "sentence": moscow["sentence"], "doc_id": "moscow-meeting",
        "url": "https://example.org/news/moscow-meeting", "outlet": "وكالة الأنباء التجريبية",
        "published": "2023-09-28", "title": "بوتين يستقبل حفتر في موسكو",
    }
    assert moscow["sentence"].startswith("موسكو - استقبل الرئيس الروسي")
    both = next(r for r in rows if r["event_id"] == "moscow-meeting:V2")
    assert both["source_actor_en"] == "Vladimir Putin; Khalifa Haftar"


def test_export_entities_and_quotes_to_files(db: str, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "entities.jsonl"
    assert main(["export", "entities", "--format", "jsonl", "-o", str(out), "--type", "PER",
                 "--db", db]) == 0
    assert "wrote 4 entities" in capsys.readouterr().err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    haftar = next(r for r in rows if r["entity_id"] == "E2")
    assert haftar["doc_count"] == 3 and "حفتر" in haftar["aliases"].split("; ")
    parquet = tmp_path / "quotes.parquet"
    assert main(["export", "quotes", "--format", "parquet", "-o", str(parquet),
                 "--speaker", "E2", "--db", db]) == 0
    table = pq.read_table(parquet).to_pylist()
    assert [(q["speaker_en"], q["text"]) for q in table] == [
        ("Khalifa Haftar", "العلاقات مع روسيا تاريخية وراسخة")]
    assert main(["export", "events", "--format", "parquet", "--db", db]) == 1
    assert "give -o FILE" in capsys.readouterr().err


def test_export_filters_by_date_and_entity(db: str, capsys: Capture) -> None:
    assert main(["export", "events", "--format", "jsonl", "--entity", "Haftar",
                 "--since", "2023-10-01", "--until", "2023-10-31", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["event_type"] for r in rows] == ["ASSAULT"]
