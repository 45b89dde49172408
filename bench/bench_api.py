"""API latency under load: 50 concurrent readers against a local server; p50/p99.

    .venv/bin/python bench/bench_api.py [--db PATH|URL | --limit 2000] [--clients 50]
        [--duration 30] [--client wrk|python] [--server-workers N] [--readers N]

Starts ``marsad serve`` on 127.0.0.1 (a free port) in a subprocess over ``--db`` (a SQLite
file or a ``postgresql://`` URL; without it, a store built from the first ``--limit``
SaudiNewsNet articles with the ``text`` stage), then loads it with ``--clients``
concurrent connections issuing a mix of search, documents, events, entities, entity
profiles and single-document reads for ``--duration`` seconds. The load generator is
``wrk`` (C; Debian package ``wrk``), so that the client does not starve the server of the
machine's cores; ``--client python`` uses httpx instead. Only 127.0.0.1 is contacted.
Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

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


def request_paths(db: str, seed: int = 1) -> list[str]:
    """The mix of reads, as paths (query strings percent-encoded)."""
    from marsad.store import open_store

    with open_store(db, readonly=True) as store:
        ids = store.sample_document_ids(40)
        sources = store.sources()
        entities = [e.id for e in store.search_entities(limit=20).items]
    q = lambda s: quote(s, safe="")  # noqa: E731
    pool = [f"/api/documents?q={q(x)}" for x in QUERIES]
    pool += [f"/api/search?q={q(x)}&since=2015-08-01" for x in QUERIES[:4]]
    pool += [f"/api/documents?source={q(s)}" for s in sources[:5]]
    pool += ["/api/events", "/api/events?event_type=CONSULT", f"/api/entities?q={q('الس')}",
             "/api"]
    pool += [f"/api/entities/{e}" for e in entities[:5]]
    pool += [f"/api/events?entity={e}" for e in entities[:3]]
    pool += [f"/api/documents/{i}" for i in ids]
    rng = random.Random(seed)
    rng.shuffle(pool)
    return pool


def wrk_load(base: str, paths: list[str], clients: int, seconds: int) -> dict[str, float]:
    """Runs wrk with a script cycling through ``paths``; its latency percentiles (ms)."""
    lua = "paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n" + (
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\n"
        "end\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
        script = f.name
    threads = max(1, min(2, clients))
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "30s",
         "--latency", "-s", script, base], capture_output=True, text=True, check=True).stdout
    Path(script).unlink()
    found: dict[str, float] = {}
    for label, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        found[f"p{label}"] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    found["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    found["requests"] = float(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    found["errors"] = float(bad.group(1)) if bad else 0.0
    errors = re.search(r"Socket errors: .*timeout (\d+)", out)
    found["timeouts"] = float(errors.group(1)) if errors else 0.0
    return found


async def python_load(base: str, paths: list[str], clients: int,
                      n: int) -> tuple[list[float], int, float]:
    import httpx

    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in itertools.islice(itertools.cycle(paths), n):
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


def serve(db: str, *, workers: int, readers: int | None) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = free_port()
    command = [sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning", "--workers", str(workers)]
    if readers:
        command += ["--readers", str(readers)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(base + "/api", timeout=2, trust_env=False).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            sys.exit("the server did not start")
        time.sleep(0.2)


def build_store(limit: int, folder: str) -> str:
    from marsad.ingest.ingester import ingest
    from marsad.ingest.readers import iter_jsonl
    from marsad.store import Store

    db = str(Path(folder) / "api.db")
    corpus = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"
    with Store(db) as store:
        ingest(records=itertools.islice(iter_jsonl(corpus), limit), store=store, workers=1,
               stages=["text"])
    return db


def run(db: str, *, clients: int, duration: int, client: str, workers: int,
        readers: int | None) -> dict[str, float]:
    """Serve ``db`` and load it; the figures (also printed)."""
    from marsad.store import open_store

    with open_store(db, readonly=True) as store:
        counts = store.count_documents()
    paths = request_paths(db)
    server, base = serve(db, workers=workers, readers=readers)
    try:
        if client == "wrk":
            alone = wrk_load(base, paths, 1, max(3, duration // 6))
            loaded = wrk_load(base, paths, clients, duration)
            ceiling = wrk_load(base, ["/static/marsad.css"], clients, max(3, duration // 6))
            result = {"one_p50": alone["p50"], "one_p99": alone["p99"], "p50": loaded["p50"],
                      "p90": loaded["p90"], "p99": loaded["p99"], "rps": loaded["rps"],
                      "requests": loaded["requests"],
                      "errors": loaded["errors"] + loaded["timeouts"],
                      "static_rps": ceiling["rps"], "static_p99": ceiling["p99"]}
        else:
            one, _, _ = asyncio.run(python_load(base, paths, 1, 200))
            lat, errors, wall = asyncio.run(python_load(base, paths, clients, 50 * duration))
            result = {"one_p50": statistics.median(one), "one_p99": percentile(one, 99),
                      "p50": statistics.median(lat), "p90": percentile(lat, 90),
                      "p99": percentile(lat, 99), "rps": len(lat) / wall,
                      "requests": float(len(lat)), "errors": float(errors),
                      "static_rps": 0.0, "static_p99": 0.0}
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"store           {db.split('@')[-1]}: {counts['stories']} stories, "
          f"{counts['entities']} entities, {counts['events']} events")
    print(f"server          {workers} process(es), {readers or 8} pooled readers each; "
          f"client {client}, {clients} connections, {duration} s")
    print(f"one reader      p50 {result['one_p50']:.1f} ms   p99 {result['one_p99']:.1f} ms")
    print(f"under load      p50 {result['p50']:.1f} ms   p90 {result['p90']:.1f} ms   "
          f"p99 {result['p99']:.1f} ms")
    print(f"throughput      {result['rps']:.0f} requests/s ({result['requests']:.0f} requests, "
          f"{result['errors']:.0f} not 200 or timed out)")
    if client == "wrk":
        print(f"static control  {result['static_rps']:.0f} requests/s, "
              f"p99 {result['static_p99']:.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", help="a SQLite file or a postgresql:// URL")
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk")
    parser.add_argument("--server-workers", type=int, default=2,
                        help="marsad serve --workers (server processes; default 2)")
    parser.add_argument("--readers", type=int, default=None,
                        help="marsad serve --readers (pooled connections per process)")
    args = parser.parse_args()
    if args.client == "wrk" and shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk), or use --client python")
    tmp = tempfile.TemporaryDirectory()
    db = args.db or build_store(args.limit, tmp.name)
    run(db, clients=args.clients, duration=args.duration, client=args.client,
        workers=args.server_workers, readers=args.readers)


if __name__ == "__main__":
    main()
