"""Text-layer throughput: normalisation + tokens with clitics + sentences, on one core.

    python bench/bench_text.py [--limit 2000]

Reads articles from ../shared/data/corpus/saudinewsnet.jsonl.gz when present (benchmark
use only), else the bundled sample articles. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import time

from corpus import load_texts

from marsad.text import normalize, split_sentences, tokenize
from marsad.text.tokens import _clitic_offsets


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    texts = load_texts(args.limit)
    chars = sum(len(t) for t in texts)

    # cold: the clitic cache empty, as for a new process on new text
    _clitic_offsets.cache_clear()
    t0 = time.perf_counter()
    ntok = 0
    for text in texts:
        normalize(text)
        ntok += len(tokenize(text))
        split_sentences(text)
    cold = time.perf_counter() - t0

    t0 = time.perf_counter()
    for text in texts:
        normalize(text)
        tokenize(text)
        split_sentences(text)
    warm = time.perf_counter() - t0

    print(f"articles: {len(texts)}  characters: {chars}  tokens: {ntok}")
    print("text layer (normalise + tokens with clitics + sentences), one core:")
    print(f"  cold cache: {ntok / cold:,.0f} tokens/s  ({len(texts) / cold:,.0f} articles/s)")
    print(f"  warm cache: {ntok / warm:,.0f} tokens/s  ({len(texts) / warm:,.0f} articles/s)")


if __name__ == "__main__":
    main()
