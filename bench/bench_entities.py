"""Speed of the entities and linking stages against the text stage, per article.

    .venv/bin/python bench/bench_entities.py [--articles 200] [--no-tagger] [--cpu]

Reads the first N articles of ../shared/data/corpus/saudinewsnet.jsonl.gz when present
(benchmark use only; nothing derived is kept), else the seed article repeated. Runs the
text stage once per article (as the pipeline does), then times each later stage on its
output, on one core. Prints numbers only; no assertion.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from corpus import CORPUS, load_texts

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--no-tagger", action="store_true")
    parser.add_argument("--cpu", action="store_true",
                        help="count CPU time (time.process_time) instead of wall time: steadier "
                             "on a shared machine")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from marsad.document import Document
    from marsad.errors import PipelineError
    from marsad.pipeline import DEFAULT_STAGES, stage_info

    clock = time.process_time if args.cpu else time.perf_counter
    texts = load_texts(args.articles)
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    text_stage = stage_info("text").factory()
    entities = stage_info("entities").factory(use_tagger=not args.no_tagger)
    linking = stage_info("linking").factory()
    load_s = time.perf_counter() - t0
    later = []  # the stages after linking in the default pipeline, when they load here
    for name in DEFAULT_STAGES[DEFAULT_STAGES.index("linking") + 1:]:
        try:
            later.append((name, stage_info(name).factory()))
        except PipelineError:
            continue

    warm = linking(entities(text_stage(Document(texts[0]))))  # lazy loads (romanizer)
    del warm

    timings = {"text": 0.0, "entities": 0.0, "linking": 0.0}
    timings.update({name: 0.0 for name, _ in later})
    n_mentions = n_entities = 0
    for text in texts:
        doc = Document(text)
        t = clock()
        doc = text_stage(doc)
        timings["text"] += clock() - t
        t = clock()
        doc = entities(doc)
        timings["entities"] += clock() - t
        t = clock()
        doc = linking(doc)
        timings["linking"] += clock() - t
        for name, stage in later:
            t = clock()
            doc = stage(doc)
            timings[name] += clock() - t
        n_mentions += len(doc.mentions)
        n_entities += len(doc.entities)

    n = len(texts)
    source = "saudinewsnet" if CORPUS.is_file() else "sample articles"
    print(f"articles: {n} ({source}), mean {chars / n:.0f} chars; tagger: {not args.no_tagger}; "
          f"{'CPU' if args.cpu else 'wall'} time")
    print(f"stage factories load: {load_s:.2f} s")
    for name, total in timings.items():
        print(f"{name:9s} {1000 * total / n:8.2f} ms/article")
    whole = sum(timings.values())
    without = whole - timings["linking"]
    print(f"pipeline ({' '.join(timings)}): {1000 * whole / n:.2f} ms/article")
    print(f"linking adds {100 * timings['linking'] / without:.1f}% to the rest of the pipeline")
    print(f"entities+linking vs text: {(timings['entities'] + timings['linking']) / timings['text']:.1f}x")
    print(f"mentions/article: {n_mentions / n:.1f}, entities/article: {n_entities / n:.1f}")


if __name__ == "__main__":
    main()
