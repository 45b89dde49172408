"""Time the quotes stage against the rest of the pipeline, per article. Prints numbers only.

    .venv/bin/python bench/bench_quotes.py [--repeat 5] [--articles examples/articles]

Articles are examples/articles/*.json (written for Marsad). Each article runs through the
pipeline stage by stage, after one untimed warm-up pass; the quotes stage is timed apart from the stages before it. The
events stage is left out when it is not built yet.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from marsad.document import Document
from marsad.errors import PipelineError
from marsad.pipeline import DEFAULT_STAGES, Stage, stage_info

ROOT = Path(__file__).resolve().parent.parent


def load_stages() -> list[tuple[str, Stage]]:
    stages: list[tuple[str, Stage]] = []
    for name in DEFAULT_STAGES:
        try:
            info = stage_info(name)
        except PipelineError:
            continue  # a stage not built yet
        stages.append((name, info.factory()))
    return stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", type=Path, default=ROOT / "examples" / "articles")
    args = parser.parse_args()
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.articles.glob("*.json"))]
    stages = load_stages()
    for art in articles:  # warm-up: models and lexicons load on first use
        doc = Document(text=art["text"], published=art.get("published"))
        for _, stage in stages:
            doc = stage(doc)
    rest_ms: list[float] = []
    quotes_ms: list[float] = []
    found = 0
    for _ in range(args.repeat):
        for art in articles:
            doc = Document(text=art["text"], published=art.get("published"))
            rest = quotes = 0.0
            for name, stage in stages:
                t0 = time.perf_counter()
                doc = stage(doc)
                spent = (time.perf_counter() - t0) * 1000
                if name == "quotes":
                    quotes += spent
                else:
                    rest += spent
            rest_ms.append(rest)
            quotes_ms.append(quotes)
            found += len(doc.quotes)
    chars = sum(len(a["text"]) for a in articles)
    print(f"articles {len(articles)}  repeat {args.repeat}  chars/article {chars / max(1, len(articles)):.0f}")
    print(f"stages {' '.join(name for name, _ in stages)}")
    print(f"quotes/article {found / max(1, len(quotes_ms)):.2f}")
    for label, values in (("quotes stage", quotes_ms), ("rest of pipeline", rest_ms)):
        print(f"{label:17} ms/article mean {statistics.mean(values):8.3f}  "
              f"median {statistics.median(values):8.3f}  max {max(values):8.3f}")
    ratio = statistics.mean(quotes_ms) / max(1e-9, statistics.mean(rest_ms))
    print(f"quotes share of pipeline time {100 * ratio / (1 + ratio):.2f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
