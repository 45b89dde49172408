"""API latency under load: 50 concurrent readers against a local server; p50/p99.

    .venv/bin/python bench/bench_api.py [--db PATH | --limit 2000] [--clients 50]
                                        [--requests 2000]

Starts ``marsad serve`` on 127.0.0.1 (a free port) in a subprocess over ``--db`` (or a store
built from the first ``--limit`` SaudiNewsNet articles with the ``text`` stage), then runs
``--clients`` concurrent httpx.AsyncClient readers issuing ``--requests`` requests in all,
a mix of search, documents, events, entities and single-document reads. Only 127.0.0.1 is
contacted. Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["السعودية", "وزير الخارجية", "الرياض", "النفط", "الهلال", "اليمن", "إيران",
           "التعليم", "بالرياض", "Saudi"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


def urls(db: Path, n: int, seed: int = 1) -> list[str]:
    from marsad.store import Store

    with Store(db, readonly=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 200")]
        sources = store.sources()
        entities = [e.id for e in store.search_entities(limit=20).items]
    rng = random.Random(seed)
    pool = [f"/api/documents?q={q}" for q in QUERIES]
    pool += [f"/api/search?q={q}&since=2015-08-01" for q in QUERIES[:4]]
    pool += [f"/api/documents?source={s}" for s in sources[:5]]
    pool += ["/api/events", "/api/events?event_type=CONSULT", "/api/entities?q=الس", "/api"]
    pool += [f"/api/entities/{e}" for e in entities[:5]]
    pool += [f"/api/events?entity={e}" for e in entities[:3]]
    pool += [f"/api/documents/{i}" for i in ids[:40]]
    return [rng.choice(pool) for _ in range(n)]


async def load(base: str, paths: list[str], clients: int) -> tuple[list[float], int, float]:
    import httpx

    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    latencies: list[float] = []
    errors = 0

    async def reader(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while True:
            try:
                path = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t0 = time.perf_counter()
            r = await client.get(base + path)
            latencies.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errors += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60, trust_env=False) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(reader(client) for _ in range(clients)))
        wall = time.perf_counter() - t0
    return latencies, errors, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--server-workers", type=int, default=1,
                        help="marsad serve --workers (server processes)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        from marsad.ingest.ingester import ingest
        from marsad.ingest.readers import iter_jsonl
        from marsad.store import Store

        db = Path(tmp.name) / "api.db"
        corpus = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"
        with Store(db) as store:
            ingest(records=itertools.islice(iter_jsonl(corpus), args.limit), store=store,
                   workers=1, stages=["text"])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--workers", str(args.server_workers)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the server did not start")
            time.sleep(0.2)
        paths = urls(db, args.requests)
        # one reader first: what a request costs when nothing waits; then the load
        alone, _, _ = asyncio.run(load(base, paths[:200], 1))
        latencies, errors, wall = asyncio.run(load(base, paths, args.clients))
        # the same load on a static file: the ceiling of this machine and this client
        ceiling, _, ceiling_wall = asyncio.run(load(base, ["/static/marsad.css"] * len(paths),
                                                    args.clients))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"one reader      p50 {statistics.median(alone):.1f} ms   "
          f"p99 {percentile(alone, 99):.1f} ms   ({len(alone)} requests)")
    print(f"requests        {len(latencies)} ({errors} not 200) from {args.clients} concurrent "
          f"clients, {args.server_workers} server process(es)")
    print(f"throughput      {len(latencies) / wall:.0f} requests/s")
    print(f"latency         p50 {statistics.median(latencies):.1f} ms   "
          f"p99 {percentile(latencies, 99):.1f} ms   max {max(latencies):.1f} ms")
    print(f"static control  {len(ceiling) / ceiling_wall:.0f} requests/s, "
          f"p50 {statistics.median(ceiling):.1f} ms   p99 {percentile(ceiling, 99):.1f} ms")


if __name__ == "__main__":
    main()
