"""Time the events stage against the rest of the pipeline, per article. Prints numbers only.

    .venv/bin/python bench/bench_events.py [--repeat 5] [--articles examples/articles]
    .venv/bin/python bench/bench_events.py --corpus 100 [--rules]

Every default stage that loads here is run in order on each sample article; the events
stage (and quotes, when it exists) are timed against the stages before them. The target
is that events + quotes add less than 30% to the time of the rest, and that the events
stage is under 25% of the whole pipeline.

``--corpus N`` runs once over N SaudiNewsNet articles instead (bench/corpus.py; the
articles of the real-news gold corpus are skipped), cold: each article is seen once, so
per-word caches help only across articles, as in a real ingest. ``--rules`` runs the
events stage without the trained detector (the hand rules decide).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from marsad.document import Document
from marsad.errors import MarsadError
from marsad.pipeline import DEFAULT_STAGES, stage_info

ROOT = Path(__file__).resolve().parent.parent
ADDED = ("events", "quotes")
MANIFEST = ROOT / "tests" / "realnews" / "manifest.tsv"


def corpus_articles(limit: int) -> list[Document]:
    """SaudiNewsNet articles outside the gold corpus (or the samples when it is absent)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import load_articles as load_corpus

    gold: set[str] = set()
    if MANIFEST.is_file():
        for line in MANIFEST.read_text(encoding="utf-8").splitlines()[1:]:
            gold.add(line.split("\t")[6] if line.count("\t") >= 6 else "")
    import hashlib

    pairs = [(t, p) for t, p in load_corpus(limit + len(gold))
             if hashlib.sha1(t.encode("utf-8")).hexdigest() not in gold][:limit]
    return [Document(text=t, published=p) for t, p in pairs]


def load_articles(folder: Path) -> list[Document]:
    docs = []
    for path in sorted(folder.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        docs.append(Document(text=rec["text"], published=rec.get("published")))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=ROOT / "examples" / "articles")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=int, default=0, help="run once over N corpus articles")
    parser.add_argument("--rules", action="store_true", help="events without the detector")
    args = parser.parse_args()

    stages = []
    for name in DEFAULT_STAGES:
        try:
            stages.append((name, stage_info(name).factory()))
        except (MarsadError, ImportError):
            continue  # a stage not built yet
    if args.rules:
        from marsad.events import EventFinder
        from marsad.stages.events import EventsStage

        stages = [(n, EventsStage(EventFinder()) if n == "events" else s) for n, s in stages]
    if args.corpus:
        docs = corpus_articles(args.corpus)
        warm = Document(text="التقى الرئيس الروسي فلاديمير بوتين في موسكو أمس.", published="2015-08-01")
        for _, stage in stages:  # models and lexicons load; no article is seen twice
            warm = stage(warm)
        args.repeat = 1
    else:
        docs = load_articles(args.articles)
        for doc in docs:  # warm up: models, lexicons, caches
            for _, stage in stages:
                doc = stage(doc)

    per_stage: dict[str, list[float]] = {name: [] for name, _ in stages}
    events_found = 0
    for _ in range(args.repeat):
        totals = dict.fromkeys(per_stage, 0.0)
        events_found = 0
        for doc in docs:
            for name, stage in stages:
                t0 = time.perf_counter()
                doc = stage(doc)
                totals[name] += time.perf_counter() - t0
            events_found += len(doc.events)
        for name, seconds in totals.items():
            per_stage[name].append(seconds / len(docs) * 1000)
    ms = {name: statistics.median(v) for name, v in per_stage.items()}
    rest = sum(v for name, v in ms.items() if name not in ADDED)
    added = sum(v for name, v in ms.items() if name in ADDED)
    print(f"articles {len(docs)}")
    print(f"mean_chars {statistics.mean(len(d.text) for d in docs):.0f}")
    print(f"events_found {events_found}")
    for name, value in ms.items():
        print(f"{name}_ms_per_article {value:.3f}")
    print(f"rest_ms_per_article {rest:.3f}")
    print(f"events_over_rest {ms.get('events', 0.0) / rest:.4f}")
    print(f"events_share_of_pipeline {ms.get('events', 0.0) / (rest + added):.4f}")
    print(f"articles_per_second {1000 / (rest + added):.1f}")
    print(f"events_quotes_over_rest {added / rest:.4f}")


if __name__ == "__main__":
    main()
