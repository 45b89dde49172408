"""Arabic named-entity tagging: BIO tags of the ANERcorp types PERS, ORG, LOC and MISC.

    >>> from marsad.ner import load_tagger
    >>> tagger = load_tagger()
    >>> tagger.tag(["التقى", "الرئيس", "الروسي", "فلاديمير", "بوتين"])  # doctest: +SKIP
    ['O', 'O', 'O', 'B-PERS', 'I-PERS']

The model is a CRF (python-crfsuite) shipped in ``marsad/ner/data``; see MODEL_CARD.md.
"""

from __future__ import annotations

from functools import lru_cache

from .conll import TYPES, Sentence, format_conll, read_conll
from .scorer import Scores, bio_spans, score
from .tagger import Tagger, default_model_path

__all__ = ["TYPES", "Scores", "Sentence", "Tagger", "bio_spans", "format_conll", "load_tagger",
           "read_conll", "score"]


def load_tagger(path: str | None = None) -> Tagger:
    """The tagger for the model at ``path`` (the shipped one by default), loaded once."""
    return _load(path or str(default_model_path()))


@lru_cache(maxsize=4)
def _load(path: str) -> Tagger:
    return Tagger(path)
