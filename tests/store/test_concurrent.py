"""Several ``marsad ingest`` processes writing one store at once lose nothing and store
nothing twice (idempotent by content hash), on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from marsad.store import open_store
from tests.store.conftest import NewTarget

REPO = Path(__file__).resolve().parents[2]
WORDS = ("وزير الخارجية رئيس الحكومة المجلس البرلمان الرياض القاهرة بغداد الرباط عمان "
         "اجتماع مؤتمر اتفاق مشروع ميزانية انتخابات جامعة مستشفى مطار ميناء قطار "
         "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة صباح مساء أمس اليوم غدا "
         "أعلن قال أكد بحث ناقش افتتح زار استقبل وقع رفض طالب دعا حذر").split()


def articles(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct short articles, far from one another (no near-duplicates)."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(60)) + f" رقم {i}." for i in range(n)]


def write(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return str(path)


def test_parallel_ingests_store_every_text_once(new_target: NewTarget, tmp_path: Path) -> None:
    texts = articles(60)
    original = [{"text": t, "url": f"https://news.example/{i}", "published": "2024-05-01"}
                for i, t in enumerate(texts)]
    mirrors = [{"text": t, "url": f"https://mirror.example/{i}"} for i, t in enumerate(texts[:10])]
    files = [write(tmp_path / "a.jsonl", original[:40]),
             write(tmp_path / "b.jsonl", original[20:] + mirrors),
             write(tmp_path / "c.jsonl", mirrors + original)]
    target = new_target()
    with open_store(target):  # the schema exists before the race starts
        pass
    env = {**os.environ, "MARSAD_DB": target}
    procs = [subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "ingest", path, "--stages", "text", "--workers", "1",
         "--no-progress", "--json", *([] if i == 0 else ["--db", target])],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i, path in enumerate(files)]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    read = sum(r["ingested"] + r["near_duplicates"] + r["duplicates"] for r in reports)
    assert [r["skipped_items"] for r in reports] == [[], [], []]
    assert read == 40 + 50 + 70
    assert sum(r["ingested"] for r in reports) == 60  # each text became a story once
    with open_store(target, readonly=True) as store:
        assert store.count_documents()["documents"] == 70
        assert store.count_documents()["stories"] == 60
        conn = store.conn  # type: ignore[attr-defined]
        assert conn.execute(
            "SELECT count(*) FROM (SELECT hash FROM documents WHERE dup_group = id "
            "GROUP BY hash HAVING count(*) > 1) twice").fetchone()[0] == 0
        assert conn.execute(
            "SELECT count(*) FROM (SELECT hash, url FROM documents GROUP BY hash, url "
            "HAVING count(*) > 1) twice").fetchone()[0] == 0
        # every copy points at the story of its own text
        for story, copy_hash, story_hash in conn.execute(
                "SELECT c.dup_group, c.hash, s.hash FROM documents c "
                "JOIN documents s ON s.id = c.dup_group WHERE c.dup_group != c.id").fetchall():
            assert copy_hash == story_hash, story
