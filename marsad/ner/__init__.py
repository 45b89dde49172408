"""Arabic named-entity tagging: BIO tags of the ANERcorp types PERS, ORG, LOC and MISC.

    >>> from marsad.ner import load_tagger
    >>> tagger = load_tagger()
    >>> tagger.tag(["التقى", "الرئيس", "الروسي", "فلاديمير", "بوتين"])  # doctest: +SKIP
    ['O', 'O', 'O', 'B-PERS', 'I-PERS']

The model is a CRF (python-crfsuite) shipped in ``marsad/ner/data``; see MODEL_CARD.md.
A local Hugging Face token-classification model directory (``config.json`` inside) can be
used instead: ``load_tagger(DIR)`` or ``load_hf_tagger(DIR)`` (needs transformers; hf.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .conll import TYPES, Sentence, format_conll, read_conll
from .scorer import Scores, bio_spans, score
from .tagger import Tagger, default_model_path

if TYPE_CHECKING:
    from .hf import HFTagger

__all__ = ["TYPES", "Scores", "Sentence", "Tagger", "bio_spans", "format_conll", "load_hf_tagger",
           "load_tagger",
           "read_conll", "score"]


def load_tagger(path: str | None = None) -> Tagger:
    """The tagger for the model at ``path`` (the shipped one by default), loaded once.

    A directory holding ``config.json`` is a Hugging Face model: see ``load_hf_tagger``.
    """
    if path and Path(path).is_dir() and (Path(path) / "config.json").is_file():
        return load_hf_tagger(path)
    return _load(path or str(default_model_path()))


def load_hf_tagger(path: str) -> HFTagger:
    """The tagger for a local Hugging Face token-classification model directory, loaded once.

    Raises ``ModelError`` naming ``path`` when it cannot be used (see ``HFTagger``).
    """
    return _load_hf(str(path))


@lru_cache(maxsize=2)
def _load_hf(path: str) -> HFTagger:
    from .hf import HFTagger

    return HFTagger(path)


@lru_cache(maxsize=4)
def _load(path: str) -> Tagger:
    return Tagger(path)
