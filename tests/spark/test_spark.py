"""``marsad spark extract`` in local mode: its Parquet facts equal ``marsad extract
--jsonl`` on the same input, and ``marsad load`` of them gives the store ``marsad ingest``
gives, on either backend.

About 200 articles made from the project's examples, in JSONL, JSONL.gz and WARC.gz (plus
a bad line and exact copies at other URLs). Skipped when pyspark or Java is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.cli import main
from marsad.document import Document
from marsad.ingest.ingester import ingest
from marsad.spark.tables import TABLES, iter_documents, read_table
from marsad.store import DocumentStore, Filters, SQLiteStore, open_store
from tests.spark.corpus import make_articles, write_jsonl, write_warc
from tests.store.conftest import NewTarget

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'marsad[spark]')"
    if shutil.which("java") is None:
        return "no Java runtime (Debian: openjdk-17-jre-headless)"
    return None


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    reason = _spark_missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("spark-in")
    articles = make_articles(200)
    mirrors = [{**a, "url": a["url"].replace("news.", "mirror.")} for a in articles[:5]]
    return [write_jsonl(folder / "a.jsonl", articles[:80], bad_line=True),
            write_jsonl(folder / "b.jsonl.gz", articles[80:160]),
            write_warc(folder / "c.warc.gz", articles[160:]),
            write_jsonl(folder / "d.jsonl", mirrors)]


@pytest.fixture(scope="module")
def out(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spark-out") / "facts"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "spark", "extract", *map(str, inputs),
         "--out", str(folder), "--master", "local[2]", "--partitions", "4"],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "extracted 205 documents from 4 files, skipped 1" in proc.stderr
    return folder


@pytest.fixture(scope="module")
def expected(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """What ``marsad extract --jsonl`` writes for each JSONL input (and, for the archive,
    the same pipeline over the records Marsad reads from it), in input order."""
    from marsad.api_python import extract_document
    from marsad.ingest.readers import Record, record_to_document
    from marsad.ingest.walk import iter_records

    folder = tmp_path_factory.mktemp("extract-out")
    docs: list[dict[str, Any]] = []
    for path in inputs:
        if ".jsonl" in path.name:
            target = folder / f"{path.name}.out.jsonl"
            assert main(["extract", "--jsonl", str(path), "-o", str(target), "--no-progress"]) == 0
            docs += [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        else:
            for record in iter_records([path]):
                assert isinstance(record, Record)
                docs.append(extract_document(record_to_document(record)).to_json())
    return docs


def test_the_tables_have_the_contract_fields(out: Path) -> None:
    import pyarrow.parquet as pq

    for table, columns in TABLES.items():
        schema = pq.read_schema(next((out / table).glob("*.parquet")))
        assert schema.names == [name for name, _ in columns], table
    events = read_table(out, "events")
    assert events and {"event_id", "type", "source", "target", "location", "date",
                       "negated"} <= events[0].keys()
    assert all(e["sentence"] and e["trigger"] for e in events)
    assert len(read_table(out, "entities")) > 500 and read_table(out, "quotes")
    (bad,) = read_table(out, "skipped")
    assert bad["where"].endswith("a.jsonl:41") and "invalid JSON" in bad["reason"]


def test_the_parquet_facts_equal_marsad_extract(out: Path, expected: list[dict[str, Any]]) -> None:
    got = [data for data, _origin in iter_documents(out)]
    assert len(got) == len(expected) == 205
    for data, want in zip(got, expected, strict=True):
        assert data == want, data["id"]
        assert Document.from_json(data).to_json() == want


def _store_view(store: DocumentStore) -> dict[str, Any]:
    docs = {}
    for page_offset in range(0, 500, 100):
        for hit in store.search(Filters(), limit=100, offset=page_offset).items:
            doc = store.document(hit["id"])
            assert doc is not None
            doc["store"].pop("ingested_at")
            for copy in doc["store"]["copies"]:
                docs[copy["id"]] = copy
            docs[hit["id"]] = doc
    return {"counts": store.count_documents(),
            "entities": [e.to_json() for e in store.search_entities(limit=500).items],
            "documents": docs}


def test_load_gives_the_store_ingest_gives(out: Path, inputs: list[Path], new_target: NewTarget,
                                           tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with SQLiteStore(tmp_path / "ingested.db") as store:
        report = ingest([str(p) for p in inputs], store, workers=1)
        assert report.ingested + report.near_duplicates + report.duplicates == 205
        want = _store_view(store)
    target = new_target()
    assert main(["load", str(out), "--db", target, "--no-progress", "--json"]) == 0
    loaded = json.loads(capsys.readouterr().out)
    assert loaded["ingested"] == report.ingested
    assert loaded["near_duplicates"] == report.near_duplicates >= 5  # the mirrored copies
    assert loaded["skipped"] == 1
    with open_store(target, readonly=True) as store:
        got = _store_view(store)
    assert got["counts"] == want["counts"]
    assert got["entities"] == want["entities"]
    assert got["documents"] == want["documents"]
    # loading again adds nothing
    assert main(["load", str(out), "--db", target, "--no-progress", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["ingested"] == 0 and again["duplicates"] == 205
