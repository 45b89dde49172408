"""Time the actor coding stages (``actors`` and ``actor_codes``) against the rest of the
pipeline, per article. Prints numbers only.

    .venv/bin/python bench/bench_actors.py [--articles 200]

Articles come from bench/corpus.py (SaudiNewsNet when present, else the sample articles).
Each article runs through the default pipeline stage by stage, after one untimed warm-up
pass; the two actor stages are timed apart from the others.
"""

from __future__ import annotations

import argparse
import statistics
import time

from corpus import load_articles

from marsad.document import Document
from marsad.pipeline import DEFAULT_STAGES, stage_info

ACTOR_STAGES = ("actors", "actor_codes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    articles = load_articles(args.articles)
    stages = [(name, stage_info(name).factory()) for name in DEFAULT_STAGES]
    text, published = articles[0]
    doc = Document(text, published=published)
    for _, stage in stages:  # warm-up: tables and models load on first use
        doc = stage(doc)
    actor_ms: list[float] = []
    rest_ms: list[float] = []
    actors = 0
    for text, published in articles:
        doc = Document(text, published=published)
        spent = {True: 0.0, False: 0.0}
        for name, stage in stages:
            t0 = time.perf_counter()
            doc = stage(doc)
            spent[name in ACTOR_STAGES] += (time.perf_counter() - t0) * 1000
        actor_ms.append(spent[True])
        rest_ms.append(spent[False])
        actors += sum(len(e.source_actors) + len(e.target_actors) for e in doc.events)
    chars = sum(len(t) for t, _ in articles)
    total_actor = sum(actor_ms) / 1000
    print(f"articles {len(articles)}  characters {chars}  event actors {actors}")
    print(f"actor stages: median {statistics.median(actor_ms):.2f} ms/article, "
          f"{chars / total_actor / 1000:.0f}k chars/s")
    print(f"other stages: median {statistics.median(rest_ms):.2f} ms/article")
    print(f"actor share of the pipeline: {total_actor / (total_actor + sum(rest_ms) / 1000):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
