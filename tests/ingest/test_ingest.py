"""``ingest``: idempotent, near-duplicates linked, bad input skipped, parallel, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.document import Document
from marsad.errors import PipelineError
from marsad.ingest.ingester import ingest
from marsad.pipeline import Stage, register_stage
from marsad.store import Filters, Store
from tests.ingest.corpus import write_corpus, write_jsonl
from tests.store.samples import CAIRO, MOSCOW, MOSCOW_COPY, TRIPOLI

TEXT_ONLY = ["text"]


@register_stage("explode_on_tripoli", requires=("tokens",))
def make_exploding_stage() -> Stage:
    def explode(doc: Document) -> Document:
        if "طرابلس" in doc.text:
            raise RuntimeError("this stage cannot read Tripoli")
        return doc

    return explode


def samples_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for article in (MOSCOW, TRIPOLI, CAIRO):
        (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    return folder


def test_ingesting_twice_adds_nothing(tmp_path: Path) -> None:
    folder = samples_folder(tmp_path)
    with Store(tmp_path / "m.db") as store:
        first = ingest([folder], store, stages=TEXT_ONLY)
        assert (first.ingested, first.duplicates, first.skipped) == (3, 0, [])
        counts = store.count_documents()
        second = ingest([folder], store, stages=TEXT_ONLY)
        assert (second.ingested, second.near_duplicates, second.duplicates) == (0, 0, 3)
        assert store.count_documents() == counts
        assert [h["title"] for h in store.search(Filters(q="الكرملين")).items] == [
            "بوتين يستقبل حفتر في موسكو"]


def test_the_same_wire_story_from_two_outlets_is_one_story(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, [
        {"text": MOSCOW.text, "url": "https://a.example/1", "source": "أ", "published": "2023-09-28"},
        {"text": MOSCOW_COPY.text, "url": "https://b.example/7", "source": "ب"},
        {"text": MOSCOW.text, "url": "https://c.example/x", "source": "ج"},   # same text, new URL
        {"text": MOSCOW.text, "url": "https://a.example/1", "source": "أ"},   # really the same
        {"text": CAIRO.text, "url": "https://a.example/2", "source": "أ"},
    ])
    with Store(tmp_path / "m.db") as store:
        report = ingest([path], store, stages=TEXT_ONLY)
        assert (report.ingested, report.near_duplicates, report.duplicates) == (2, 2, 1)
        hits = store.search(Filters(q="الكرملين")).items
        assert len(hits) == 1 and hits[0]["copies"] == 2
        story = store.document(hits[0]["id"])
        assert story is not None
        copies = {c["url"]: c["similarity"] for c in story["store"]["copies"]}
        assert copies["https://c.example/x"] == 1.0
        assert 0.8 <= copies["https://b.example/7"] < 1.0
        again = ingest([path], store, stages=TEXT_ONLY)
        assert (again.ingested, again.near_duplicates, again.duplicates) == (0, 0, 5)


def test_near_duplicates_are_found_across_runs(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as store:
        a = tmp_path / "a.txt"
        a.write_text(MOSCOW.text, encoding="utf-8")
        ingest([a], store, stages=TEXT_ONLY)
    b = tmp_path / "b.txt"
    b.write_text(MOSCOW_COPY.text, encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        report = ingest([b], store, stages=TEXT_ONLY)
        assert report.near_duplicates == 1


def test_bad_input_is_skipped_with_its_reason_and_nothing_is_lost(tmp_path: Path) -> None:
    folder = samples_folder(tmp_path)
    with Store(tmp_path / "m.db") as store:
        ingest([folder], store, stages=TEXT_ONLY)
        before = store.count_documents()
        bad = tmp_path / "bad"
        bad.mkdir()
        (bad / "empty.txt").write_bytes(b"")
        (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
        (bad / "english.txt").write_text("This is an English article. " * 20, encoding="utf-8")
        (bad / "broken.json").write_text('{"text": "خبر', encoding="utf-8")
        write_jsonl(bad / "lines.jsonl", [{"text": "خبر جديد عن افتتاح مدرسة في جدة اليوم."}])
        with open(bad / "lines.jsonl", "a", encoding="utf-8") as f:
            f.write('{"title": "no text"}\n')
        (bad / "good.json").write_text(json.dumps({"text": "نص آخر قصير"}), encoding="utf-8")
        report = ingest([bad, tmp_path / "missing.txt"], store, stages=TEXT_ONLY)
        reasons = {Path(s.where.split(":")[0]).name: s.reason for s in report.skipped}
        assert set(reasons) == {"binary.txt", "broken.json", "empty.txt", "english.txt",
                                "lines.jsonl", "missing.txt"}
        assert "binary" in reasons["binary.txt"] and "E103" in reasons["binary.txt"]
        assert "not Arabic" in reasons["english.txt"]
        assert any(s.where.endswith("lines.jsonl:2") for s in report.skipped)
        assert report.ingested == 2  # the good jsonl line and good.json
        after = store.count_documents()
        assert after["documents"] == before["documents"] + 2


def test_an_id_used_by_another_article_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    write_jsonl(path, [{"id": "x1", "text": MOSCOW.text}, {"id": "x1", "text": CAIRO.text}])
    with Store(tmp_path / "m.db") as store:
        report = ingest([path], store, stages=TEXT_ONLY)
    assert report.ingested == 1
    assert [s.where for s in report.skipped] == [f"{path}:2"]
    assert "already used" in report.skipped[0].reason


def test_an_article_the_pipeline_fails_on_is_skipped_and_the_rest_stored(tmp_path: Path) -> None:
    folder = samples_folder(tmp_path)
    with Store(tmp_path / "m.db") as store:
        report = ingest([folder], store, stages=["text", "explode_on_tripoli"])
        assert report.ingested == 2
        (skip,) = report.skipped
        assert skip.where.endswith("tripoli-clashes.txt")
        assert "RuntimeError: this stage cannot read Tripoli" in skip.reason


def test_an_unknown_stage_stops_the_run_with_a_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as store, pytest.raises(PipelineError, match="no_such_stage"):
        ingest([samples_folder(tmp_path)], store, stages=["text", "no_such_stage"])


@pytest.mark.slow
def test_worker_processes_store_the_same_as_one_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 24)
    write_jsonl(corpus / "dups.jsonl", [{"text": MOSCOW.text}, {"text": MOSCOW_COPY.text},
                                        {"text": MOSCOW.text, "url": "https://x.example/"}])
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            report = ingest([corpus], store, stages=TEXT_ONLY, workers=workers)
            order = [r[0] for r in store.conn.execute(
                "SELECT id || ' ' || dup_group FROM documents ORDER BY rowid")]
            results.append((report.ingested, report.near_duplicates, report.duplicates, order))
    assert results[0] == results[1]
    assert results[0][:3] == (25, 2, 0)


def test_the_cli_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = samples_folder(tmp_path)
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    args = ["ingest", str(folder), "--db", db, "--stages", "text", "--workers", "1",
            "--no-progress"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ingested 3 new stories, 0 near-duplicates")
    assert "skipped 1" in out and "notes.md: not an article file" in out
    assert "marsad: skipped" in err and "notes.md" in err
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["duplicates"] == 3 and summary["ingested"] == 0
    assert summary["skipped_items"][0]["where"].endswith("notes.md")


def test_the_cli_fails_when_every_input_is_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "nothing.txt"), "--db", str(tmp_path / "x.db"),
                 "--stages", "text", "--no-progress"]) == 1
    assert "no such file or folder" in capsys.readouterr().out


def test_the_cli_reports_an_unusable_pipeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["ingest", str(samples_folder(tmp_path)), "--db", str(tmp_path / "x.db"),
                 "--stages", "text,nope", "--workers", "1", "--no-progress"])
    assert code == 1
    assert "marsad: error: the pipeline could not be built" in capsys.readouterr().err
