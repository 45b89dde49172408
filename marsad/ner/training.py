"""``marsad train ner``: train on all but the dev split, score on dev, write the models."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from ..errors import InputError, ModelError
from .conll import Sentence, read_conll
from .evaluate import DOC_WINDOW, evaluate_sentences
from .neural import NEURAL_META, NEURAL_MODEL
from .split import BLOCK, DEFAULT_SEED, EVERY, split_part
from .tagger import DOC_MODEL_NAME, MODEL_NAME, Tagger
from .train import jackknife_tags, train_crf, train_doc_crf

# Whether the shipped tagger stacks the neural tagger's features (needs torch to train).
NEURAL = False


def train_ner(conll: str | Path, out_dir: str | Path, *, seed: int = DEFAULT_SEED,
              jobs: int = 1, log: bool = True, neural: bool = NEURAL,
              wojood: str | Path | None = None, realnews: str | Path | None = None,
              realnews_dev: str | Path | None = None,
              anercorp_copies: int = 1) -> dict[str, object]:
    """Train both CRFs, score on dev, and write ``ner.crfsuite``, ``ner-doc.crfsuite`` and
    ``ner-dev-scores.json`` to ``out_dir``; with ``neural``, first the neural tagger
    (``neural.onnx``, ``neural.json``), whose out-of-fold probabilities the CRFs learn from.

    ``wojood`` (the Wojood sample) and ``realnews`` (a real-news gold file, its text joined
    from SaudiNewsNet) widen the training data (``corpora.py``); four Wojood blocks in five
    are trained on and the fifth is scored, and so is ``realnews_dev`` (never trained on).
    ``anercorp_copies`` repeats the ANERcorp part (its identity dropout drawn anew each
    time), so that the other corpora's conventions do not outweigh it."""
    sentences = read_conll(conll)
    if not sentences:
        raise InputError("no sentences in the training file", where=str(conll))
    fit, dev = split_part(sentences, "fit", seed=seed), split_part(sentences, "dev", seed=seed)
    held_out: dict[str, list[Sentence]] = {}
    sources = {"anercorp": len(fit)}
    if wojood is not None:
        from .corpora import read_wojood, wojood_part

        wj = read_wojood(wojood)
        fit += wojood_part(wj, "train")
        held_out["wojood_heldout"] = wojood_part(wj, "heldout")
        sources["wojood"] = len(fit) - sum(sources.values())
    if realnews is not None:
        from .corpora import realnews_sentences

        fit += realnews_sentences(realnews)
        sources["realnews"] = len(fit) - sum(sources.values())
    if realnews_dev is not None:
        from .corpora import realnews_sentences

        held_out["realnews_dev"] = realnews_sentences(realnews_dev)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    probs = None
    if neural:
        try:
            import torch  # noqa: F401
        except ImportError as e:
            raise ModelError("training the neural NER tagger needs torch: "
                             "pip install 'marsad[train]' (or pass neural=False)") from e
        from .train_neural import export, feature_seqs, jackknife_probs, train_model

        xseqs = feature_seqs(fit)
        _say(log, "neural tagger on held-out folds (jackknife)...")
        probs = jackknife_probs(fit, xseqs, window=DOC_WINDOW, seed=seed, jobs=jobs)
        _say(log, "neural tagger...")
        net, meta = train_model(fit, xseqs, seed=seed)
        export(net, meta, out)
    else:
        for name in (NEURAL_MODEL, NEURAL_META):
            (out / name).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="marsad-ner-") as tmp:
        _say(log, "first pass on held-out folds (jackknife)...")
        first = jackknife_tags(fit, Path(tmp), seed=seed, window=DOC_WINDOW, jobs=jobs,
                               neural=probs)
    # the first pass is tagged on each sentence once (a copy must not sit in the folds
    # that tag its twin); the CRFs are then trained on the weighted sentences
    n = sources["anercorp"]
    copies = max(1, anercorp_copies) if probs is None else 1
    weighted = fit[:n] * copies + fit[n:]
    weighted_first = first[:n] * copies + first[n:]
    _say(log, "sentence CRF...")
    train_crf(weighted, out / MODEL_NAME, seed=seed, neural=probs)
    _say(log, "document CRF...")
    train_doc_crf(weighted, weighted_first, out / DOC_MODEL_NAME, window=DOC_WINDOW,
                  neural=probs)
    seconds = time.perf_counter() - started
    tagger = Tagger(out / MODEL_NAME)
    scores = evaluate_sentences(tagger, dev)
    report: dict[str, object] = {
        "seed": seed,
        "split": f"blocks of {BLOCK} sentences, 1 in {EVERY} to dev",
        "train_sentences": len(fit),
        "train_sources": sources,
        "anercorp_copies": copies,
        "dev_sentences": len(dev),
        "neural": neural,
        "train_seconds": round(seconds, 1),
        "dev": scores.as_dict(),
    }
    for name, sents in held_out.items():
        report[name] = evaluate_sentences(tagger, sents).as_dict()
    (out / "ner-dev-scores.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if log:
        print(f"trained on {len(fit)} sentences in {seconds:.0f} s -> {out}")
        print(f"dev split ({len(dev)} sentences):")
        print(scores.table())
        for name, sents in held_out.items():
            print(f"{name} ({len(sents)} sentences):")
            print(evaluate_sentences(tagger, sents).table())
    return report


def _say(log: bool, message: str) -> None:
    if log:
        print(message, flush=True)
