"""Time the dates stage against the text stage, per article. Prints numbers only.

    .venv/bin/python bench/bench_dates.py [--n 500] [--corpus PATH.jsonl.gz] [--pipeline]

Articles come from the SaudiNewsNet corpus in ../shared when it is there (used for
benchmarks only), else from the sentences of tests/dates/data joined into articles.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from corpus import CORPUS, load_articles

from marsad.document import Document
from marsad.errors import MarsadError
from marsad.pipeline import DEFAULT_STAGES, stage_info

ROOT = Path(__file__).resolve().parent.parent



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pipeline", action="store_true",
                        help="also time the default stages that load here, on a fifth of the articles")
    args = parser.parse_args()

    articles = load_articles(args.n, args.corpus)
    text_stage = stage_info("text").factory()
    dates_stage = stage_info("dates").factory()
    docs = [Document(text=t, published=p) for t, p in articles]
    with_text = [text_stage(d) for d in docs]  # warm caches, and input for the dates stage

    text_times, date_times = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for d in docs:
            text_stage(d)
        t1 = time.perf_counter()
        for d in with_text:
            dates_stage(d)
        t2 = time.perf_counter()
        text_times.append((t1 - t0) / len(docs))
        date_times.append((t2 - t1) / len(docs))
    text_ms = statistics.median(text_times) * 1000
    dates_ms = statistics.median(date_times) * 1000
    n_dates = sum(len(dates_stage(d).dates) for d in with_text)
    chars = statistics.mean(len(t) for t, _ in articles)
    print(f"articles {len(docs)}")
    print(f"mean_chars {chars:.0f}")
    print(f"dates_found {n_dates}")
    print(f"text_stage_ms_per_article {text_ms:.3f}")
    print(f"dates_stage_ms_per_article {dates_ms:.3f}")
    print(f"dates_over_text {dates_ms / text_ms:.3f}")
    print(f"dates_chars_per_s {chars / (dates_ms / 1000):.0f}")
    if args.pipeline:
        print_pipeline_share(docs[: max(1, len(docs) // 5)])


def print_pipeline_share(docs: list[Document]) -> None:
    """Time every default stage that loads here, in order, and the share of dates."""
    stages = []
    for name in DEFAULT_STAGES:
        try:
            stages.append((name, stage_info(name).factory()))
        except MarsadError:
            continue  # a stage not built yet
    total = dict.fromkeys((n for n, _ in stages), 0.0)
    for doc in docs:
        for name, stage in stages:
            t0 = time.perf_counter()
            doc = stage(doc)
            total[name] += time.perf_counter() - t0
    for name, seconds in total.items():
        print(f"pipeline_{name}_ms_per_article {seconds / len(docs) * 1000:.3f}")
    print(f"pipeline_dates_share {total.get('dates', 0.0) / sum(total.values()):.4f}")


if __name__ == "__main__":
    main()
