"""The articles the benchmarks run on.

SaudiNewsNet (../shared/data/corpus/saudinewsnet.jsonl.gz, CC BY-NC-SA: benchmark use only,
nothing derived from it ships) when it is present, else the project's own sample articles
(examples/articles/), repeated to the number asked for. The articles of the real-news gold
corpus's test split (tests/realnews/manifest.tsv) are skipped: Marsad is never run on them
before the lead scores that split.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"
MANIFEST = ROOT / "tests" / "realnews" / "manifest.tsv"


def held_out_records() -> set[int]:
    """Record numbers of the gold corpus's test split (never run through Marsad here)."""
    if not MANIFEST.is_file():
        return set()
    rows = [line.split("\t") for line in MANIFEST.read_text(encoding="utf-8").splitlines()[1:]]
    return {int(r[1]) for r in rows if len(r) > 2 and r[2] == "test"}


def load_articles(limit: int, corpus: Path = CORPUS) -> list[tuple[str, str | None]]:
    """Up to ``limit`` (text, published) pairs, skipping records without text."""
    if corpus.is_file():
        out: list[tuple[str, str | None]] = []
        skip = held_out_records()
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f):
                if number in skip:
                    continue
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
