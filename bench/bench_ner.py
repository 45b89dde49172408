"""NER tagger speed: model load time and tokens per second, features included, on one core.

    .venv/bin/python bench/bench_ner.py [--conll FILE] [--repeat 3]

Reads the ANERcorp dev split from ../shared when present (else the test fixture), tags it
sentence by sentence with a cold feature cache, then again with a warm one, and with
name propagation (tag_batch). Prints numbers only.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "ner" / "anercorp-camel-train.conll"
FIXTURE = ROOT / "tests" / "ner" / "data" / "sample.conll"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conll", type=Path, default=DEFAULT if DEFAULT.is_file() else FIXTURE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", type=Path, default=None,
                        help="a sentence CRF (default: the shipped one; a neural.onnx beside it is used)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from marsad.ner import read_conll
    from marsad.ner.evaluate import tag_sentences
    from marsad.ner.split import split_part
    from marsad.ner.tagger import Tagger, default_model_path

    t0 = time.perf_counter()
    tagger = Tagger(args.model or default_model_path())
    load_s = time.perf_counter() - t0
    sentences = read_conll(args.conll)
    if args.conll == DEFAULT:
        sentences = split_part(sentences, "dev")
    token_lists = [s.tokens for s in sentences]
    n_tokens = sum(len(t) for t in token_lists)
    neural = " + neural" if tagger._neural is not None else ""
    print(f"model load (lexicons + CRF{neural}): {load_s:.3f} s")
    print(f"tokens: {n_tokens} in {len(token_lists)} sentences ({args.conll.name})")

    t0 = time.perf_counter()
    for tokens in token_lists:
        tagger.tag(tokens)
    cold = time.perf_counter() - t0
    print(f"tag, cold feature cache: {n_tokens / cold:,.0f} tokens/s")
    best = min(_timed(lambda: [tagger.tag(t) for t in token_lists]) for _ in range(args.repeat))
    print(f"tag, warm feature cache: {n_tokens / best:,.0f} tokens/s")
    best = min(_timed(lambda: tag_sentences(tagger, token_lists)) for _ in range(args.repeat))
    print(f"tag_batch with propagation, warm: {n_tokens / best:,.0f} tokens/s")


def _timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
