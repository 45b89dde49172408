"""Tokens with their clitics, each piece an exact span of the original text.

A token is a run of Arabic letters (with their diacritics), a number, a Latin word, or one
punctuation mark. Each Arabic word is then split into
``[particles][article][stem][pronoun]`` by offsets only: ``وبالعاصمة`` is
``و`` + ``ب`` (particles) + ``ال`` (article) + ``عاصمة`` (stem). ``base_start`` is where the
word starts once the particles are set aside, keeping the article (``العاصمة``): that is
the form an entity mention takes. ``stem_start`` also skips the article.

Deciding whether a leading و/ف/ب/ل/ك is a particle or part of the word (وزير, بوتين, كندا)
uses a word-frequency lexicon: the particle is split off when the rest of the word is a
more common word than the whole, or, for words the lexicon does not know, when at least
four letters remain.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Token
from .lexicon import word_count
from .normalize import normalize

_AR_LETTERS = "\u0621-\u064A\u066E-\u066F\u0671-\u06D3\u06D5\u06EE-\u06EF\u06FA-\u06FF\u0750-\u077F"
_AR_MARKS = "\u064B-\u065F\u0670\u0640\u06E1\u200C\u200D"
_DIGITS = "0-9\u0660-\u0669\u06F0-\u06F9"

TOKEN_RE = re.compile(
    rf"(?P<word>[{_AR_LETTERS}][{_AR_LETTERS}{_AR_MARKS}]*)"
    rf"|(?P<number>[{_DIGITS}]+(?:[.,\u066B\u066C:/][{_DIGITS}]+)*)"
    r"|(?P<latin>[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*)"
    r"|(?P<space>\s+)"
    r"|(?P<punct>.)",
    re.DOTALL,
)

_PARTICLES = "وفبلك"
_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا")
_MARKS = re.compile(f"[{_AR_MARKS}]")


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` (whitespace is skipped), in order, with clitic offsets."""
    tokens: list[Token] = []
    append = tokens.append
    analyse = _analyse_word
    norm_of = _norm_cached
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            continue
        start, end = m.span()
        if kind == "word":
            norm, base, stem, stem_end = analyse(m.group())
            append(Token(start, end, norm, start + base, start + stem, start + stem_end, "word"))
        else:
            append(Token(start, end, norm_of(m.group()), start, start, end, kind or "punct"))
    return tokens


@lru_cache(maxsize=500_000)
def _analyse_word(surface: str) -> tuple[str, int, int, int]:
    return (normalize(surface), *_clitic_offsets(surface))


@lru_cache(maxsize=100_000)
def _norm_cached(surface: str) -> str:
    return normalize(surface)


@lru_cache(maxsize=200_000)
def _clitic_offsets(surface: str) -> tuple[int, int, int]:
    """(base, stem, stem_end) offsets within ``surface``."""
    # Work on letters only, remembering where each letter sits in the surface.
    letters: list[str] = []
    raw: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(surface):
        if not _MARKS.match(ch):
            letters.append(normalize(ch))
            raw.append(ch)
            pos.append(i)
    pos.append(len(surface))
    word = "".join(letters)
    raw_word = "".join(raw)
    n = len(word)
    k = _split_particles(word, raw_word)
    base = k
    if raw_word[k:] in _NO_ARTICLE:
        stem = k
    # the article ال (bare alef: آلاف is not ال + اف), or the ل of لل after ل
    elif raw_word.startswith("ال", k) and n - k - 2 >= 2:
        stem = k + 2
    elif (k >= 1 and word[k - 1] == "ل" and word.startswith("ل", k) and n - k - 1 >= 3
          and word_count(word[k:]) <= word_count("ال" + word[k + 1:])):
        stem = k + 1
        base = stem
    else:
        stem = k
    stem_end = n
    if stem == k:  # definite nouns carry no possessive pronoun
        for pr in _PRONOUNS:
            if (word.endswith(pr) and n - len(pr) - stem >= 3
                    and word_count(word[stem:n - len(pr)]) > word_count(word[stem:])):
                stem_end = n - len(pr)
                break
    return pos[base], pos[stem], pos[stem_end]


def _split_particles(word: str, raw_word: str) -> int:
    """How many leading letters of ``word`` are particles (و ف then ب ل ك), 0 to 2."""
    best = 0
    n = len(word)
    cands: list[int] = []
    if n >= 3 and word[0] in "وف":
        cands.append(1)
        if n >= 4 and word[1] in "بلك":
            cands.append(2)
    elif n >= 3 and word[0] in "بلك":
        cands.append(1)
    for k in cands:
        rest = word[k:]
        if raw_word.startswith("ال", k) and len(rest) >= 4 and raw_word[k:] not in _NO_ARTICLE:
            if word_count(word[best:]) <= word_count(rest) or len(rest) >= 6:
                best = k  # والعاصمة; but والدة is a word of its own
        elif word[k - 1] == "ل" and rest.startswith("ل") and len(rest) >= 4:  # لل
            best = k
        elif len(rest) >= (3 if k == 1 else 4) and _rest_is_word(word[best:], rest,
                                                                word[k - 1] in "وف"):
            best = k
    return best


def _rest_is_word(whole: str, rest: str, conjunction: bool) -> bool:
    whole_count = word_count(whole)
    rest_count = word_count(rest)
    if rest_count and rest_count >= whole_count:
        return True
    if not whole_count and not rest_count:
        # unknown words: a conjunction is split off more readily than a preposition
        return len(rest) >= (4 if conjunction else 6)
    return False


# Relative pronouns and the like that begin with ال but carry no article.
_NO_ARTICLE = frozenset({"التي", "الذي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان",
                         "اللاتي", "اللواتي", "اللائي", "الله", "الا", "إلا", "الى", "الي"})
