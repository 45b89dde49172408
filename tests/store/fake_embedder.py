"""A stand-in for e5 in tests: the words of a text, normalised, hashed into 384
dimensions and scaled to unit length. Texts that share words are close; it knows no
meaning and no second language (the e5 tests do that)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from marsad.store.textindex import index_forms
from marsad.store.vectors import DIM


class WordsEmbedder:
    name = "test words"

    def __init__(self) -> None:
        self.calls = 0

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(DIM, dtype=np.float32)
        for word in index_forms(text).split():
            h = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "big")
            vec[h % DIM] += 1.0 if h & 1 << 20 else -1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0:
            vec[0] = 1.0
            return vec
        return vec / norm

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return np.stack([self._one(t) for t in texts])

    def query(self, text: str) -> np.ndarray:
        return self._one(text)
