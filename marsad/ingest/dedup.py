"""Exact and near-duplicate articles.

- ``content_hash``: SHA-1 of the text in matching form (``normalize``) with white space
  collapsed, so a copy that differs only in diacritics, hamza forms or spacing is the same
  article.
- ``signature``: a MinHash (datasketch, 128 permutations) of the set of 3-word shingles
  of the normalised words. Two articles whose shingle sets have a Jaccard similarity of
  ``THRESHOLD`` (0.8) or more are near-duplicates: the same wire story carried by several
  outlets with a changed headline, dateline or sign-off. 0.8 keeps lightly edited copies
  together and keeps apart follow-up stories that reuse a background paragraph.
- ``NearDuplicates``: an LSH index over the signatures of stored stories; ``find`` checks
  the LSH candidates with their estimated Jaccard similarity and returns the best one.

Texts shorter than ``MIN_WORDS`` words get no signature: a few shared words are not
evidence of a shared story.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..text.normalize import normalize

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE_WORDS = 3
MIN_WORDS = 12
_SCHEME = "affine32"  # fixed so that stored signatures stay comparable across versions
_DTYPE = np.uint32

_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """The identity of an article's text: equal for copies that differ only in spelling
    variants the matching form folds, or in white space."""
    return hashlib.sha1(" ".join(normalize(text).split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalize(text))
    if len(words) < MIN_WORDS:
        return set()
    n = SHINGLE_WORDS
    return {" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}


def signature(text: str) -> MinHash | None:
    """The MinHash of ``text``, or None when it is too short to compare."""
    grams = shingles(text)
    if not grams:
        return None
    mh = MinHash(num_perm=NUM_PERM, scheme=_SCHEME)
    mh.update_batch(list(grams))
    return mh


def encode(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=_DTYPE).tobytes()


def decode(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=_DTYPE).copy()
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=_SCHEME)


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a.hashvalues) == np.asarray(b.hashvalues)))


class NearDuplicates:
    """An in-memory LSH index of story signatures, keyed by story id."""

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    @classmethod
    def from_signatures(cls, items: Iterable[tuple[str, bytes]], *,
                        threshold: float = THRESHOLD) -> NearDuplicates:
        index = cls(threshold=threshold)
        for key, data in items:
            index.add(key, decode(data))
        return index

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: str, mh: MinHash) -> None:
        if key in self._sigs:
            return
        self._lsh.insert(key, mh)
        self._sigs[key] = mh

    def remove(self, key: str) -> None:
        if key in self._sigs:
            self._lsh.remove(key)
            del self._sigs[key]

    def find(self, mh: MinHash) -> tuple[str, float] | None:
        """The most similar indexed story at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(mh):
            sim = similarity(mh, self._sigs[key])
            if sim >= self.threshold and (best is None or sim > best[1]
                                          or (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best
