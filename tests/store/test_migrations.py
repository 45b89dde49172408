"""Schema versions: a store of an older version is migrated by a writer, refused (with the
way to upgrade it) by a reader; a newer or foreign one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.cli import main
from marsad.errors import StoreError
from marsad.ingest.dedup import content_hash
from marsad.store import SCHEMA_VERSION, Filters, open_store
from marsad.store.schema import MIGRATIONS
from tests.store.conftest import NewTarget
from tests.store.samples import ALL, make_doc


def version_1_store(target: str) -> None:
    """A store as Marsad wrote it at version 1: no happening ids, no actor tables, no
    counters."""
    with open_store(target) as store:
        for article in ALL:
            doc = make_doc(article)
            store.add_document(doc, content_hash=content_hash(doc.text))
        conn = store.conn  # type: ignore[attr-defined]
        with conn.transaction(lock=False):
            for table in ("counters", "event_actors", "entity_codes"):
                conn.execute(f"DROP TABLE {table}")
            conn.execute("DROP INDEX documents_story_source")
            conn.execute("ALTER TABLE events DROP COLUMN cluster")
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_the_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_a_reader_refuses_an_older_store_and_says_how_to_upgrade_it(new_target: NewTarget) -> None:
    target = new_target()
    version_1_store(target)
    with pytest.raises(StoreError, match="marsad migrate"):
        open_store(target, readonly=True)


def test_a_writer_migrates_an_older_store_and_the_counts_are_right(new_target: NewTarget) -> None:
    target = new_target()
    version_1_store(target)
    with open_store(target) as store:
        assert store.migrated == [2, 3]  # type: ignore[attr-defined]
        conn = store.conn  # type: ignore[attr-defined]

        def rows(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        assert store.count_documents() == {
            "documents": 3, "stories": 3,
            "entities": rows("SELECT count(*) FROM entities WHERE merged_into IS NULL"),
            "events": rows("SELECT count(*) FROM events"),
            "quotes": rows("SELECT count(*) FROM quotes")}
        assert store.count_documents()["events"] == sum(len(a.events) for a in ALL) > 0
        # events stored before happening ids count one happening each
        assert store.events().happenings == store.count_documents()["events"]
    with open_store(target, readonly=True) as store:
        assert store.search(Filters(q="حفتر")).total == 3
        assert store.count_documents()["stories"] == 3


def test_marsad_migrate(new_target: NewTarget, capsys: pytest.CaptureFixture[str]) -> None:
    target = new_target()
    version_1_store(target)
    assert main(["migrate", "--db", target]) == 0
    assert "applied migration 2, 3" in capsys.readouterr().err
    assert main(["migrate", "--db", target]) == 0
    assert "nothing to do" in capsys.readouterr().err
    assert main(["search", "حفتر", "--db", target, "--json"]) == 0


def test_a_newer_store_is_refused(new_target: NewTarget) -> None:
    target = new_target()
    with open_store(target) as store:
        conn = store.conn  # type: ignore[attr-defined]
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for readonly in (True, False):
        with pytest.raises(StoreError, match="version 99"):
            open_store(target, readonly=readonly)


def test_migrate_does_not_create_a_store(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--db", str(tmp_path / "none.db")]) == 1
    assert "no store here" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
