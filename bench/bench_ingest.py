"""Ingest speed and memory: articles per second, store size, peak memory per worker.

    .venv/bin/python bench/bench_ingest.py [--limit 2000] [--workers N] [--stages LIST]
        [--corpus FILE] [--db PATH|URL] [--worker-articles N]

Ingests the first ``--limit`` articles of SaudiNewsNet (../shared/data/corpus/
saudinewsnet.jsonl.gz; 30,993 articles; 0 = all) into a fresh store (a temporary SQLite
file, or ``--db``: a file or a ``postgresql://`` URL) through the same code as ``marsad
ingest`` (dedup, pipeline in worker processes, one writer). Without ``--stages`` it runs
the full default pipeline, or, when that cannot be built yet, the stages that can (and
says so). ``--worker-articles`` sets how many articles a worker extracts before a fresh
one replaces it (``ingester.WORKER_ARTICLES``; 0: never), to compare peak memory.
Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"


def choose_stages(requested: str | None) -> list[str] | None:
    from marsad.errors import PipelineError
    from marsad.pipeline import DEFAULT_STAGES, Pipeline, available_stages

    if requested:
        return [s.strip() for s in requested.split(",") if s.strip()]
    try:
        Pipeline(list(DEFAULT_STAGES))
        return None
    except PipelineError as e:
        usable = [s for s in DEFAULT_STAGES if s in available_stages()]
        print(f"note: the default pipeline cannot be built yet ({e.message}); "
              f"running {','.join(usable)}")
        return usable


def store_bytes(db: Path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="articles to ingest (0 = all)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--stages", help="comma-separated stages (default: the full pipeline)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--db", help="store: a file or a postgresql:// URL (default: a "
                                     "temporary file)")
    parser.add_argument("--worker-articles", type=int, default=None,
                        help="articles per worker before a fresh one replaces it (0: never)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"no corpus at {args.corpus}")

    from marsad.ingest import ingester
    from marsad.ingest.readers import iter_jsonl
    from marsad.store import open_store
    from marsad.store.postgres import is_postgres_url

    if args.worker_articles is not None:
        ingester.WORKER_ARTICLES = args.worker_articles or None
    stages = choose_stages(args.stages)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.db")
    records = iter_jsonl(args.corpus)
    if args.limit:
        records = itertools.islice(records, args.limit)
    t0 = time.perf_counter()
    with open_store(db) as store:
        report = ingester.ingest(records=records, store=store, workers=args.workers,
                                 stages=stages)
        counts = store.count_documents()
    seconds = time.perf_counter() - t0
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store             {'PostgreSQL' if is_postgres_url(db) else 'SQLite'}")
    print(f"stages            {','.join(stages) if stages else 'default (all)'}")
    print(f"workers           {args.workers} (a fresh one every "
          f"{ingester.WORKER_ARTICLES or 'never'} articles)")
    print(f"records read      {report.seen}")
    print(f"new stories       {report.ingested}")
    print(f"near-duplicates   {report.near_duplicates}")
    print(f"duplicates        {report.duplicates}")
    print(f"skipped           {len(report.skipped)}")
    print(f"seconds           {seconds:.1f}")
    print(f"articles/s        {report.seen / seconds:.1f}")
    if not is_postgres_url(db):
        size = store_bytes(Path(db))
        stored = max(1, counts["documents"])
        print(f"store size        {size / 1e6:.1f} MB "
              f"({size / stored * 1000 / 1e6:.1f} MB per 1,000 articles)")
    print(f"entities, events  {counts['entities']}, {counts['events']}")
    print(f"peak RSS          main {self_mb:.0f} MB, largest extracting process "
          f"{report.worker_peak_mb:.0f} MB")
    if args.db:
        print(f"store kept at     {db}")


if __name__ == "__main__":
    main()
