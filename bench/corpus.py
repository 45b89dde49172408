"""The articles the benchmarks run on.

SaudiNewsNet (../shared/data/corpus/saudinewsnet.jsonl.gz, CC BY-NC-SA: benchmark use only,
nothing derived from it ships) when it is present, else the project's own sample articles
(examples/articles/), repeated to the number asked for.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"


def load_articles(limit: int, corpus: Path = CORPUS) -> list[tuple[str, str | None]]:
    """Up to ``limit`` (text, published) pairs, skipping records without text."""
    if corpus.is_file():
        out: list[tuple[str, str | None]] = []
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if (rec.get("text") or "").strip():
                    out.append((rec["text"], rec.get("published")))
                if len(out) >= limit:
                    break
        return out
    samples = [json.loads(p.read_text(encoding="utf-8"))
               for p in sorted((ROOT / "examples" / "articles").glob("*.json"))]
    pairs = [(s["text"], s.get("published")) for s in samples]
    return (pairs * (limit // len(pairs) + 1))[:limit]


def load_texts(limit: int) -> list[str]:
    return [text for text, _ in load_articles(limit)]
