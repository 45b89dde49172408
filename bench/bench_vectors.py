"""Meaning search: recall@10 of English and Arabic queries, and what the vectors cost.

    .venv/bin/python bench/bench_vectors.py [--limit 500]

Builds a store of the project's sample articles (examples/articles/) hidden among the
first ``--limit`` SaudiNewsNet stories (the 150 articles of the real-news gold corpus,
tests/realnews/manifest.tsv, are left out whatever their split), with the ``text`` stage
only (sentences are all the vectors need), then:

- embeds every story with multilingual-e5-small (``marsad vectors``): milliseconds per
  story, vectors per story, bytes the vectors add to the store per story;
- asks each query of bench/data/meaning_queries.tsv (written for Marsad, each about one
  sample article, in other words than its own) by meaning and by words, and prints
  recall@10 (the share of queries whose article is in the first ten), English and Arabic
  apart, and the time per query.

Without SaudiNewsNet the haystack is the samples alone (and recall@10 says little).
Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"
QUERIES = ROOT / "bench" / "data" / "meaning_queries.tsv"
GOLD = ROOT / "tests" / "realnews" / "manifest.tsv"


def gold_hashes() -> set[str]:
    """The text SHA-1 of every gold article: never put through Marsad here."""
    if not GOLD.is_file():
        return set()
    rows = [line.split("\t") for line in GOLD.read_text(encoding="utf-8").splitlines()[1:]]
    return {r[-1].strip() for r in rows if r}


def haystack(limit: int) -> list[object]:
    from marsad.ingest.readers import Record

    out: list[object] = []
    if not CORPUS.is_file():
        return out
    skip = gold_hashes()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            rec = json.loads(line)
            text = (rec.get("text") or "").strip()
            if not text or hashlib.sha1(rec["text"].encode("utf-8")).hexdigest() in skip:
                continue
            out.append(Record(text=text, id=f"snn-{n}", title=rec.get("title"),
                              published=(rec.get("published") or "")[:10] or None,
                              published_from="record", source=rec.get("source"),
                              url=None, where=f"saudinewsnet:{n}"))
            if len(out) >= limit:
                break
    return out


def queries() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            qid, lang, target, text = line.split("\t")
            rows.append((qid, lang, target, text))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=500, help="SaudiNewsNet stories (default 500)")
    parser.add_argument("--db", help="keep the store here (default: a temporary file)")
    args = parser.parse_args()

    from marsad.store.ingest import ingest

    from marsad.ingest.walk import iter_records
    from marsad.store import Filters, Store, vectors

    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "vectors.db"
    records = list(iter_records([ROOT / "examples" / "articles"])) + haystack(args.limit)
    with Store(path) as store:
        report = ingest(records=records, store=store, workers=2, stages=["text"])
        stories = store.count_documents()["stories"]
        print(f"store: {stories} stories ({report.ingested} ingested, "
              f"{report.near_duplicates} copies, {len(report.skipped)} skipped)")
        store.conn.execute("VACUUM")
        before = path.stat().st_size
        embedder = vectors.default_embedder()
        built = vectors.build(store.conn, embedder)
        store.conn.execute("VACUUM")
        after = path.stat().st_size
        chars = store.conn.execute(
            "SELECT avg(length(text)) FROM documents WHERE dup_group = id").fetchone()[0]
        print(f"embedding: {built.summary()}")
        print(f"  {built.vectors / max(1, built.articles):.1f} vectors per story "
              f"(stories average {chars:.0f} characters); "
              f"{(after - before) / max(1, built.articles) / 1024:.1f} KiB of store per story "
              f"({(after - before) / 2**20:.1f} MiB for {built.articles})")

        found: dict[str, dict[str, list[bool]]] = {"meaning": {}, "words": {}}
        times: dict[str, list[float]] = {"meaning": [], "words": []}
        vectors.meaning_search(store.conn, "warm up", embedder, limit=10)  # loads the index
        for _, lang, target, text in queries():
            t = time.perf_counter()
            page = vectors.meaning_search(store.conn, text, embedder, limit=10)
            times["meaning"].append(time.perf_counter() - t)
            found["meaning"].setdefault(lang, []).append(target in [i["id"] for i in page.items])
            t = time.perf_counter()
            words = store.search(Filters(q=text), limit=10)
            times["words"].append(time.perf_counter() - t)
            found["words"].setdefault(lang, []).append(target in [i["id"] for i in words.items])
        for mode in ("meaning", "words"):
            parts = []
            for lang in ("en", "ar"):
                hits = found[mode].get(lang, [])
                parts.append(f"{lang} {sum(hits)}/{len(hits)} = {sum(hits) / max(1, len(hits)):.2f}")
            every = [h for hits in found[mode].values() for h in hits]
            print(f"recall@10 by {mode}: {'; '.join(parts)}; all {sum(every) / len(every):.2f}"
                  f" — {statistics.median(times[mode]) * 1000:.0f} ms per query (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
