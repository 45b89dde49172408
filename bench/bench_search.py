"""Search latency: p50/p95 of text queries and of filter queries against a store.

    .venv/bin/python bench/bench_search.py [--db PATH|URL | --limit 3000] [--repeat 5]

With ``--db`` it searches that store, a SQLite file or a ``postgresql://`` URL (for
example one kept by ``bench_ingest.py --db``);
otherwise it first builds one from the first ``--limit`` SaudiNewsNet articles with the
``text`` stage only (fast; entity filters then match nothing). Each query runs through
``Store.search`` / ``Store.events`` exactly as the CLI and the API call them (count, page of
20, snippets). Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"

TEXT_QUERIES = [
    "السعودية", "وزير الخارجية", "الرياض", "المملكة", "النفط", "الأمير", "مجلس الوزراء",
    "الهلال", "جدة", "الحوثي", "اليمن", "داعش", "إيران", "الملك سلمان", "التعليم",
    "والمملكة", "بالرياض", "الاقتصاد السعودي", "أسعار النفط", "كأس", "المستشفى", "الطقس",
    "Saudi", "Riyadh", "Iran",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def build(limit: int, path: Path) -> None:
    from marsad.ingest.ingester import ingest
    from marsad.ingest.readers import iter_jsonl
    from marsad.store import Store

    with Store(path) as store:
        records = itertools.islice(iter_jsonl(CORPUS), limit)
        report = ingest(records=records, store=store, workers=1, stages=["text"])
    print(f"built a store of {report.ingested} stories in {report.seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file or a postgresql:// URL")
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        db = str(Path(tmp.name) / "search.db")
        build(args.limit, Path(db))
    run_all(db, repeat=args.repeat)


def run_all(db: str, *, repeat: int = 5) -> dict[str, float]:
    """Every kind of query against the store ``db``; p95 (ms) per kind (also printed)."""
    from marsad.store import Filters, open_store

    p95: dict[str, float] = {}
    with open_store(db, readonly=True) as store:
        counts = store.count_documents()
        sources = store.sources()
        top = store.search_entities(limit=5).items
        print(f"store: {counts['stories']} stories, {counts['entities']} entities, "
              f"{counts['events']} events")
        mid = "2015-08-01"  # the middle of SaudiNewsNet (July and August 2015)
        filters = [Filters(since=mid), Filters(until=mid), Filters(since=mid[:7], until=mid)]
        filters += [Filters(source=s) for s in sources[:4]]
        filters += [Filters(q="السعودية", since=mid, source=sources[0] if sources else None)]
        filters += [Filters(entity_type="PER"), Filters(entity_type="GPE", since=mid)]
        filters += [Filters(entity=e.id) for e in top[:3]]
        filters += [Filters(q="الرياض", entity=top[0].id)] if top else []
        event_filters = [Filters(), Filters(event_type="CONSULT"), Filters(since=mid)]
        event_filters += [Filters(entity=e.id) for e in top[:2]]

        def run(name: str, call, items) -> None:  # type: ignore[no-untyped-def]
            for item in items:  # warm the page cache once
                call(item)
            times = []
            for _ in range(repeat):
                for item in items:
                    t0 = time.perf_counter()
                    call(item)
                    times.append((time.perf_counter() - t0) * 1000)
            p95[name] = percentile(times, 95)
            print(f"{name:<16} n={len(times):<5} p50 {statistics.median(times):7.1f} ms   "
                  f"p95 {p95[name]:7.1f} ms   max {max(times):7.1f} ms")

        run("text queries", lambda q: store.search(Filters(q=q), limit=20), TEXT_QUERIES)
        run("filter queries", lambda f: store.search(f, limit=20), filters)
        run("event queries", lambda f: store.events(f, limit=50), event_filters)
        run("entity search", lambda q: store.search_entities(q, limit=20),
            ["الس", "محمد", "Saudi", "الملك سلمان", "وزارة"])
    return p95


if __name__ == "__main__":
    main()
