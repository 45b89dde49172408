"""Spark against ``marsad ingest``: articles per second on the same articles, one run.

    .venv/bin/python bench/bench_spark.py [--limit 2000] [--corpus FILE] [--keep DIR]

Writes the first ``--limit`` SaudiNewsNet articles (../shared/data/corpus/
saudinewsnet.jsonl.gz) to four JSONL.gz files, then times, each as the command a user
runs (a subprocess, start-up included):

1. ``marsad ingest FILES --workers 2`` into a fresh SQLite store;
2. ``marsad spark extract FILES --master local[2]`` (Parquet), then ``marsad load`` of
   it into a fresh SQLite store (grouping and entity resolution);
3. ``marsad spark extract FILES --master local[1]``: how the cost grows with cores.

It checks that the loaded store holds what the ingested one does (documents, stories,
entities, events). Needs pyspark and Java. Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"


def write_inputs(corpus: Path, limit: int, folder: Path, parts: int = 4) -> list[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, limit))
    size = (len(lines) + parts - 1) // parts
    paths = []
    for k in range(parts):
        path = folder / f"part-{k}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.writelines(lines[k * size:(k + 1) * size])
        paths.append(str(path))
    return paths


def timed(command: list[str]) -> tuple[float, str, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", *command], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"marsad {' '.join(command[:2])} failed:\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout, proc.stderr


def counts(db: str) -> dict[str, int]:
    from marsad.store import open_store

    with open_store(db, readonly=True) as store:
        return store.count_documents()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the inputs, stores and tables here")
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"no corpus at {args.corpus}")
    tmp = tempfile.TemporaryDirectory()
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    inputs = write_inputs(args.corpus, args.limit, folder)
    n = args.limit

    ingest_s, out, _ = timed(["ingest", *inputs, "--db", str(folder / "ingest.db"),
                              "--workers", "2", "--no-progress", "--json"])
    ingest_report = json.loads(out.strip().splitlines()[-1])
    rows = [("marsad ingest --workers 2", ingest_s, None)]
    job_seconds = {}
    for cores in (2, 1):
        seconds, _, err = timed(["spark", "extract", *inputs, "--out",
                                 str(folder / f"facts-local{cores}"), "--master",
                                 f"local[{cores}]"])
        found = re.search(r"in ([\d.]+) s \(", err)
        job_seconds[cores] = float(found.group(1)) if found else seconds
        rows.append((f"spark extract local[{cores}]", seconds, job_seconds[cores]))
    load_s, _, _ = timed(["load", str(folder / "facts-local2"), "--db",
                          str(folder / "load.db"), "--no-progress", "--json"])
    rows.append(("marsad load (SQLite)", load_s, None))

    print(f"articles          {n} SaudiNewsNet articles, 4 JSONL.gz files, full pipeline")
    for name, seconds, job in rows:
        extra = f"   (job {job:.1f} s: {n / job:.1f}/s)" if job else ""
        print(f"{name:<28} {seconds:7.1f} s   {n / seconds:6.1f} articles/s{extra}")
    spark2 = rows[1][1] + load_s
    print(f"spark local[2] + load        {spark2:7.1f} s   {n / spark2:6.1f} articles/s")
    print(f"local[1] / local[2] time     {job_seconds[1] / job_seconds[2]:.2f} "
          "(2.00 = perfect scaling with cores)")
    print(f"ingest worker peak RSS       {ingest_report['worker_peak_rss_mb']:.0f} MB")
    a, b = counts(str(folder / "ingest.db")), counts(str(folder / "load.db"))
    print(f"ingest store                 {a}")
    print(f"loaded store                 {b}  ({'same' if a == b else 'DIFFERENT'})")


if __name__ == "__main__":
    main()
