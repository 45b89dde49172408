"""PostgreSQL against SQLite on the same articles: ingest and load articles/s, search
p95, API p99 at 50 concurrent readers.

    .venv/bin/python bench/bench_backends.py --facts DIR [--ingest 500] [--pg URL]
        [--duration 30] [--server-workers 2]

``--facts`` is the output of ``marsad spark extract`` (for example of the first 6,000
SaudiNewsNet articles): it is loaded (``marsad load``) into a fresh SQLite file and a
fresh PostgreSQL store, timing the store's write path (grouping, entity resolution,
indexes). ``--ingest N`` also times ``marsad ingest --workers 2`` of the first N
SaudiNewsNet articles into each (the pipeline included). Then both stores answer the
queries of ``bench_search.py`` and the load of ``bench_api.py`` (wrk, 127.0.0.1 only).
Without ``--pg`` a throw-away PostgreSQL server is started with its default durability
(fsync on) and removed at the end. Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"


def marsad(*command: str) -> tuple[float, dict[str, object]]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", *command, "--no-progress",
                           "--json"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"marsad {command[0]} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0, json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--facts", type=Path, required=True,
                        help="the --out folder of marsad spark extract")
    parser.add_argument("--ingest", type=int, default=0,
                        help="also time marsad ingest of this many articles into each")
    parser.add_argument("--pg", help="a PostgreSQL URL to use (its schema must be empty)")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--server-workers", type=int, default=2)
    args = parser.parse_args()

    import bench_api
    import bench_search

    from tests.store.pgserver import start_server

    if args.pg and args.ingest:
        sys.exit("--ingest needs a store of its own: leave out --pg (a throw-away server)")
    server = None
    if args.pg:
        pg_url, pg_ingest = args.pg, None
    else:
        started = start_server(durable=True)
        if isinstance(started, str):
            sys.exit(started)
        server = started
        pg_url, pg_ingest = server.new_url(), server.new_url()
    tmp = tempfile.TemporaryDirectory()
    targets = {"SQLite": str(Path(tmp.name) / "load.db"), "PostgreSQL": pg_url}
    results: dict[str, dict[str, float]] = {name: {} for name in targets}
    try:
        if args.ingest:
            with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
                lines = list(itertools.islice(f, args.ingest))
            corpus = Path(tmp.name) / "ingest.jsonl"
            corpus.write_text("".join(lines), encoding="utf-8")
            ingest_targets = {"SQLite": str(Path(tmp.name) / "ingest.db"),
                              "PostgreSQL": str(pg_ingest)}
            for name, target in ingest_targets.items():
                seconds, _ = marsad("ingest", str(corpus), "--db", target, "--workers", "2")
                results[name]["ingest/s"] = args.ingest / seconds
        for name, target in targets.items():
            seconds, report = marsad("load", str(args.facts), "--db", target)
            read = sum(int(str(report[k])) for k in ("ingested", "near_duplicates",
                                                     "duplicates"))
            results[name]["load/s"] = read / seconds
        for name, target in targets.items():
            print(f"\n== search, {name}")
            p95 = bench_search.run_all(target, repeat=3)
            results[name]["search p95"] = max(p95.values())
            results[name]["text query p95"] = p95["text queries"]
        for name, target in targets.items():
            print(f"\n== API, {name}")
            api = bench_api.run(target, clients=50, duration=args.duration, client="wrk",
                                workers=args.server_workers, readers=None)
            results[name]["API p99"] = api["p99"]
            results[name]["API req/s"] = api["rps"]
    finally:
        if server is not None:
            server.stop()
    print("\n== PostgreSQL against SQLite")
    keys = [k for k in results["SQLite"] if k in results["PostgreSQL"]]
    print(f"{'':<18}{'SQLite':>12}{'PostgreSQL':>12}")
    for key in keys:
        unit = " ms" if "p9" in key else ""
        print(f"{key:<18}{results['SQLite'][key]:>9.1f}{unit:<3}"
              f"{results['PostgreSQL'][key]:>9.1f}{unit}")


if __name__ == "__main__":
    main()
