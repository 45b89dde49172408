"""``marsad train ner``: train on all but the dev split, score on dev, write the models."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from ..errors import InputError
from .conll import read_conll
from .evaluate import DOC_WINDOW, evaluate_sentences
from .split import BLOCK, DEFAULT_SEED, EVERY, split_part
from .tagger import DOC_MODEL_NAME, MODEL_NAME, Tagger
from .train import jackknife_tags, train_crf, train_doc_crf


def train_ner(conll: str | Path, out_dir: str | Path, *, seed: int = DEFAULT_SEED,
              jobs: int = 1, log: bool = True) -> dict[str, object]:
    """Train both CRFs, score on dev, and write ``ner.crfsuite``, ``ner-doc.crfsuite`` and
    ``ner-dev-scores.json`` to ``out_dir``."""
    sentences = read_conll(conll)
    if not sentences:
        raise InputError("no sentences in the training file", where=str(conll))
    fit, dev = split_part(sentences, "fit", seed=seed), split_part(sentences, "dev", seed=seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="marsad-ner-") as tmp:
        _say(log, "first pass on held-out folds (jackknife)...")
        first = jackknife_tags(fit, Path(tmp), seed=seed, window=DOC_WINDOW, jobs=jobs)
    _say(log, "sentence CRF...")
    train_crf(fit, out / MODEL_NAME, seed=seed)
    _say(log, "document CRF...")
    train_doc_crf(fit, first, out / DOC_MODEL_NAME, window=DOC_WINDOW)
    seconds = time.perf_counter() - started
    scores = evaluate_sentences(Tagger(out / MODEL_NAME), dev)
    report: dict[str, object] = {
        "seed": seed,
        "split": f"blocks of {BLOCK} sentences, 1 in {EVERY} to dev",
        "train_sentences": len(fit),
        "dev_sentences": len(dev),
        "train_seconds": round(seconds, 1),
        "dev": scores.as_dict(),
    }
    (out / "ner-dev-scores.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if log:
        print(f"trained on {len(fit)} sentences in {seconds:.0f} s -> {out}")
        print(f"dev split ({len(dev)} sentences):")
        print(scores.table())
    return report


def _say(log: bool, message: str) -> None:
    if log:
        print(message, flush=True)
