"""Scoring a tagger on a gold CoNLL file, and the dev split of the training file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .conll import Sentence, read_conll
from .scorer import Scores, score
from .split import DEFAULT_SEED, split_part
from .tagger import Tagger

# CoNLL files mark sentences, not documents: names are propagated within windows of this
# many consecutive sentences (about one ANERcorp article; see split.BLOCK).
DOC_WINDOW = 25


def tag_sentences(tagger: Tagger, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Tags for the sentences of a CoNLL file, taken a window of sentences at a time."""
    out: list[list[str]] = []
    for k in range(0, len(sentences), DOC_WINDOW):
        out += tagger.tag_batch(sentences[k:k + DOC_WINDOW])
    return out


def evaluate_sentences(tagger: Tagger, sentences: Sequence[Sentence]) -> Scores:
    pred = tag_sentences(tagger, [s.tokens for s in sentences])
    return score([s.tags for s in sentences], pred)


def dev_sentences(conll: str | Path, *, seed: int = DEFAULT_SEED) -> list[Sentence]:
    """The dev split of the ANERcorp training file (see split.py)."""
    return split_part(read_conll(conll), "dev", seed=seed)
