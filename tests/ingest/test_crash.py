"""``kill -9`` in the middle of an ingest loses nothing committed; the next run resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from marsad.store import Filters, Store
from tests.ingest.corpus import write_corpus

REPO = Path(__file__).resolve().parents[2]
TOTAL = 120


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def run_ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ingest.slow_ingest", "ingest", str(folder), "--db", str(db),
         "--workers", "1", "--stages", "text,slow", "--no-progress"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_kill_9_loses_nothing_committed_and_the_next_run_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    texts = write_corpus(folder, TOTAL)
    db = tmp_path / "crash.db"
    proc = run_ingest(folder, db)
    deadline = time.monotonic() + 40
    while stored(db) < 15:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the ingest did not start storing"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    committed = stored(db)
    assert 15 <= committed < TOTAL
    with Store(db, readonly=True) as store:
        # every committed article is whole: its text and its search index
        for hit_id, in store.conn.execute("SELECT id FROM documents"):
            doc = store.document(hit_id)
            assert doc is not None and doc["text"] in texts
        first_words = texts[0].split()[3:5]
        assert store.search(Filters(q=" ".join(first_words))).total >= 1

    resumed = run_ingest(folder, db)
    out, err = resumed.communicate(timeout=60)
    assert resumed.returncode == 0, err.decode()
    summary = out.decode()
    assert f"ingested {TOTAL - committed} new stories" in summary
    assert f"{committed} duplicates" in summary
    with closing(sqlite3.connect(db)) as conn:
        count, distinct = conn.execute("SELECT count(*), count(DISTINCT hash) FROM documents").fetchone()
    assert count == distinct == TOTAL
