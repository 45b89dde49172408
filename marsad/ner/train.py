"""Training the CRF tagger; the settings are the ones recorded in MODEL_CARD.md.

Identity dropout: news the tagger meets is full of names ANERcorp never saw, but in
training nearly every name is also a known word, so a CRF learns to trust word identity
and little else. Each training sentence is therefore added a second time with the identity
features (``w=``, ``b=``, ``s=`` and the word bigrams) of its rare words removed at random
(seeded), which teaches the weights of the features an unseen word still has: affixes,
shape, gazetteer labels, cue words and context.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelError
from .conll import Sentence, repair_bio
from .features import FeatureExtractor
from .lexicons import load_lexicons
from .neural import stack_features

if TYPE_CHECKING:
    import numpy as np

# Per-sentence probabilities [T, 9] of the neural tagger (neural.py), or None without it.
NeuralProbs = Sequence["np.ndarray"] | None

# Chosen on the "tune" blocks (see split.py), never on dev.
C1 = 0.05
C2 = 0.05
MAX_ITERATIONS = 150
RARE_COUNT = 3  # words seen at most this often in training are "rare"
DROP_RARE = 0.5  # chance that a rare word loses its identity features in the extra copy
DROP_ANY = 0.1  # chance for any other word
_IDENTITY = ("w=", "b=", "s=", "s-1|s=", "s|s+1=")


def _drop_identity(xseq: list[list[str]], drop: list[bool]) -> list[list[str]]:
    return [[f for f in feats if not f.startswith(_IDENTITY)] if d else feats
            for feats, d in zip(xseq, drop, strict=True)]


def with_neural(xseq: list[list[str]], probs: np.ndarray | None) -> list[list[str]]:
    """The CRF features of a sentence plus the neural tagger's (when ``probs`` is given)."""
    if probs is None:
        return xseq
    return [a + b for a, b in zip(xseq, stack_features(probs), strict=True)]


def training_items(sentences: Sequence[Sentence], extractor: FeatureExtractor, *, seed: int,
                   dropout: bool = True, neural: NeuralProbs = None
                   ) -> list[tuple[list[list[str]], list[str]]]:
    counts = Counter(tok for sent in sentences for tok in sent.tokens)
    rng = random.Random(seed)
    items = []
    for k, sent in enumerate(sentences):
        xseq = with_neural(extractor.sentence(sent.tokens), neural[k] if neural else None)
        items.append((xseq, sent.tags))
        if dropout:
            drop = [rng.random() < (DROP_RARE if counts[tok] <= RARE_COUNT else DROP_ANY)
                    for tok in sent.tokens]
            if any(drop):
                items.append((_drop_identity(xseq, drop), sent.tags))
    return items


def train_crf(sentences: Sequence[Sentence], model_path: str | Path, *, seed: int = 13,
              c1: float = C1, c2: float = C2, max_iterations: int = MAX_ITERATIONS,
              dropout: bool = True, verbose: bool = False, neural: NeuralProbs = None) -> None:
    """Train on ``sentences`` and write the model to ``model_path``; with ``neural``
    (out-of-fold probabilities for each sentence), the neural tagger's features too."""
    import pycrfsuite

    extractor = FeatureExtractor(load_lexicons())
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for xseq, tags in training_items(sentences, extractor, seed=seed, dropout=dropout,
                                         neural=neural):
        trainer.append(xseq, tags)
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    })
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    try:
        trainer.train(str(model_path))
    except (OSError, RuntimeError) as e:
        raise ModelError(f"training failed: {e}", where=str(model_path)) from e


JACKKNIFE_FOLDS = 5


def jackknife_tags(sentences: Sequence[Sentence], work_dir: Path, *, seed: int, window: int,
                   jobs: int = 1, neural: NeuralProbs = None) -> list[list[str]]:
    """First-pass tags for every training sentence from a sentence CRF that never saw it.

    The sentences are cut into windows of ``window`` (one document each), and window *w*
    goes to fold ``w % JACKKNIFE_FOLDS``; each fold is tagged by a CRF trained on the
    others, so the document CRF learns from first-pass errors as they occur on new text.
    """
    from concurrent.futures import ProcessPoolExecutor

    folds = [[j for j in range(len(sentences)) if (j // window) % JACKKNIFE_FOLDS == k]
             for k in range(JACKKNIFE_FOLDS)]
    tasks = []
    for k, held in enumerate(folds):
        held_set = set(held)
        rest = [j for j in range(len(sentences)) if j not in held_set]
        tasks.append(([sentences[j] for j in rest], [sentences[j] for j in held],
                      work_dir / f"fold{k}.crfsuite", seed,
                      [neural[j] for j in rest] if neural else None,
                      [neural[j] for j in held] if neural else None))
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_fold_tags, tasks))
    else:
        results = [_fold_tags(task) for task in tasks]
    tags: list[list[str]] = [[] for _ in sentences]
    for held, fold_tags in zip(folds, results, strict=True):
        for j, sent_tags in zip(held, fold_tags, strict=True):
            tags[j] = sent_tags
    return tags


def _fold_tags(task: tuple[list[Sentence], list[Sentence], Path, int, NeuralProbs, NeuralProbs]
               ) -> list[list[str]]:
    from .tagger import open_crf

    rest, held, path, seed, rest_probs, held_probs = task
    train_crf(rest, path, seed=seed, neural=rest_probs)
    crf = open_crf(path)
    extractor = FeatureExtractor(load_lexicons())
    out: list[list[str]] = []
    for k, sent in enumerate(held):
        xseq = with_neural(extractor.sentence(sent.tokens), held_probs[k] if held_probs else None)
        out.append(repair_bio(list(crf.tag(xseq))) if xseq else [])
    return out


def train_doc_crf(sentences: Sequence[Sentence], first_tags: Sequence[list[str]],
                  model_path: str | Path, *, window: int, c1: float = C1, c2: float = C2,
                  max_iterations: int = MAX_ITERATIONS, neural: NeuralProbs = None) -> None:
    """Train the document CRF on sentence features plus document features (no dropout)."""
    import pycrfsuite

    from .docfeatures import document_features

    extractor = FeatureExtractor(load_lexicons())
    trainer = pycrfsuite.Trainer(verbose=False)
    for k in range(0, len(sentences), window):
        doc = sentences[k:k + window]
        bases = [[extractor.word(tok).base for tok in s.tokens] for s in doc]
        extra = document_features(bases, first_tags[k:k + window])
        for j, (sent, doc_feats) in enumerate(zip(doc, extra, strict=True)):
            own = with_neural(extractor.sentence(sent.tokens), neural[k + j] if neural else None)
            xseq = [a + b for a, b in zip(own, doc_feats, strict=True)]
            trainer.append(xseq, sent.tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    try:
        trainer.train(str(model_path))
    except (OSError, RuntimeError) as e:
        raise ModelError(f"training failed: {e}", where=str(model_path)) from e
