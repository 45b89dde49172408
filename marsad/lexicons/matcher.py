"""Whole-word phrase matching over a document's tokens with one Aho-Corasick automaton.

Phrases and tokens meet in the same matching form: ``normalize`` of the word once its
clitic particles are set aside (``وبالعاصمة`` -> ``العاصمه``), with the article restored
after ``لل`` (``للجيش`` -> ``الجيش``). A phrase matches only whole tokens, so ``ليبيا``
never matches inside ``ليبيان``; a match is a half-open range of token indices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

import ahocorasick

from ..document import Token
from ..text import normalize, tokenize

T = TypeVar("T")

_SEP = " "


def token_form(text: str, tok: Token) -> str:
    """The matching form of one token (see the module docstring)."""
    if tok.kind != "word":
        return tok.norm
    base = normalize(text[tok.base_start:tok.end])
    if tok.base_start > tok.start and tok.base_start == tok.stem_start:
        particles = normalize(text[tok.start:tok.base_start])
        if particles.endswith("لل"):
            return "ال" + base
    return base


def token_forms(text: str, tokens: Sequence[Token]) -> list[str]:
    return [token_form(text, tok) for tok in tokens]


def phrase_key(phrase: str) -> str:
    """The matching form of a lexicon phrase: tokenised like text, words joined by a space."""
    return _SEP.join(token_forms(phrase, tokenize(phrase)))


class PhraseMatcher(Generic[T]):
    """Finds every occurrence of known phrases in a token sequence."""

    def __init__(self, phrases: Iterable[tuple[str, T]], *, keyed: bool = False) -> None:
        """``phrases``: (phrase, payload) pairs; with ``keyed`` the phrases are already keys."""
        self._payloads: dict[str, list[T]] = {}
        for phrase, payload in phrases:
            key = phrase if keyed else phrase_key(phrase)
            if key:
                self._payloads.setdefault(key, []).append(payload)
        self._automaton = ahocorasick.Automaton()
        for key in self._payloads:
            self._automaton.add_word(_SEP + key + _SEP, key)
        if self._payloads:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._payloads)

    def __contains__(self, key: str) -> bool:
        return key in self._payloads

    def get(self, key: str) -> list[T]:
        return self._payloads.get(key, [])

    def find(self, forms: Sequence[str]) -> list[tuple[int, int, list[T]]]:
        """Every match as (first token, end token, payloads), ordered by start then length."""
        if not self._payloads or not forms:
            return []
        stream = _SEP + _SEP.join(forms) + _SEP
        starts: dict[int, int] = {}
        pos = 0
        for i, form in enumerate(forms):
            starts[pos] = i  # the separator before token i sits at ``pos``
            pos += len(form) + 1
        out = []
        for end_char, key in self._automaton.iter(stream):
            begin = end_char - len(key) - 1
            first = starts.get(begin)
            if first is None:
                continue
            n = key.count(_SEP) + 1
            out.append((first, first + n, self._payloads[key]))
        out.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        return out
