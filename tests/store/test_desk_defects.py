"""Defects an analyst met at the desk (issue 15), each pinned where it was caused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from marsad.cli import main
from marsad.ingest.dedup import content_hash
from marsad.store import Filters, QueryError, Store
from marsad.store.export import BOM, export
from tests.api.client import fill_store
from tests.store.samples import Article, Ent, make_doc

Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(tmp_path_factory.mktemp("defects") / "d.db")


def test_every_exported_event_has_the_date_the_pages_show(db: Path) -> None:
    with Store(db, readonly=True) as store:
        shown = {e["event_id"]: e["when"] for e in store.events(limit=500).items}
        buf = io.StringIO()
        export(store, "events", "jsonl", Filters(), buf)
    rows = {r["event_id"]: r for r in map(json.loads, buf.getvalue().splitlines())}
    assert rows and all(r["date"] for r in rows.values())
    assert {k: r["date"] for k, r in rows.items()} == shown
    # the negated meeting in Cairo has no date of its own: its article's, and it says so
    undated = rows["cairo-talks:x2"]
    assert (undated["date"], undated["date_source"]) == ("2023-11-12", "article")
    assert rows["moscow-meeting:V1"]["date_source"] == "event"
    assert {r["date_precision"] for r in rows.values()} == {"day"}


def test_csv_files_and_downloads_start_with_a_bom(db: Path, tmp_path: Path,
                                                   capsys: Capture) -> None:
    out = tmp_path / "events.csv"
    assert main(["export", "events", "-o", str(out), "--db", str(db)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(BOM.encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["event_id"] and "خليفة حفتر" in {r["target_actor"] for r in rows}
    # to standard output (a pipe) there is no BOM to trip the next program
    assert main(["export", "events", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("event_id,")


def test_parquet_dates_are_dates(db: Path, tmp_path: Path) -> None:
    for kind in ("events", "quotes"):
        path = tmp_path / f"{kind}.parquet"
        with Store(db, readonly=True) as store:
            export(store, kind, "parquet", Filters(), str(path))
        table = pq.read_table(path)
        assert table.schema.field("published").type == pa.date32()
        if kind == "events":
            assert table.schema.field("date").type == pa.date32()
            moscow = next(r for r in table.to_pylist() if r["event_id"] == "moscow-meeting:V1")
            assert moscow["date"] == dt.date(2023, 9, 28)
            assert all(r["date"] is not None for r in table.to_pylist())


@pytest.mark.parametrize("value", ["2023-13-45", "2024-02-31", "2023-02-29", "2023-00"])
def test_impossible_dates_are_refused(value: str) -> None:
    with pytest.raises(QueryError, match="since has no (month|day)"):
        Filters(since=value)
    Filters(since="2024-02-29", until="2023-02")  # a leap day and a month are fine


def _entity_store(path: Path) -> Path:
    """One person with an English name in three articles; two names without one, once."""
    articles = [
        Article(id=f"a{i}", published=f"2024-01-0{i + 1}",
                text=f"التقى الرئيس فلاديمير بوتين اليوم وفدا رسميا في موسكو رقم {i}.",
                entities=[Ent("p", "PER", "فلاديمير بوتين", "Vladimir Putin", ("فلاديمير بوتين",))])
        for i in range(3)
    ]
    articles.append(Article(
        id="b", published="2024-01-05",
        text="وصل سالم الحربي وعلي القحطاني إلى المدينة للمشاركة في الندوة.",
        entities=[Ent("x", "PER", "سالم الحربي", None, ("سالم الحربي",)),
                  Ent("y", "PER", "علي القحطاني", None, ("علي القحطاني",))]))
    with Store(path) as store:
        for article in articles:
            doc = make_doc(article)
            store.add_document(doc, content_hash=content_hash(doc.text))
    return path


def test_most_frequent_entities_come_first_without_a_query(tmp_path: Path) -> None:
    with Store(_entity_store(tmp_path / "e.db")) as store:
        page = store.search_entities(None)
        assert [e.name_en for e in page.items][0] == "Vladimir Putin"
        assert [e.doc_count for e in page.items] == sorted(
            (e.doc_count for e in page.items), reverse=True)
        # with a query an exact name still comes first
        assert store.search_entities("سالم الحربي").items[0].name == "سالم الحربي"


def test_entity_search_carries_the_aliases(db: Path) -> None:
    with Store(db, readonly=True) as store:
        found = store.search_entities("حفتر").items[0]
        profile = store.entity_profile(found.id)
    assert profile is not None
    assert found.aliases and list(found.aliases) == profile["entity"]["aliases"]
    assert list(found.aliases_en) == profile["entity"]["aliases_en"]
