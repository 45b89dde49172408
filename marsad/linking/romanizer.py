"""A newsroom-style romaniser for Arabic name words, learned from Wikidata name tokens.

Arabic writes no short vowels, so the English spelling of a name word nobody listed is a
guess; this module makes the guess the way English-language newsrooms spell Arabic names
(غ is gh, خ kh, ق q, ث th; Shehri, Dahasi, Thubaiti). It is a joint-sequence model: each
Arabic letter is paired with the English letters it stands for (``ح|ha``, ``م|mme``,
``ة|a``), and a trigram model over those pairs gives the probability of a spelling. The
pairs and counts are learned by ``marsad.linking.train_romanizer`` from the Arabic-style
part of the 64,973 Wikidata name-token pairs (CC0); the model and its scores are described
in ``ROMANIZER_CARD.md``.

``Romanizer.spell(word)`` gives the n best spellings of one word (article removed, as
written: ة and ى are kept apart from ه and ي because they are read differently) with
log-probabilities; ``Romanizer.score(word, spelling)`` the log-probability of a given
spelling (-inf when the model cannot produce it), so that attested spellings can be ranked
by how newsroom-like they are.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ModelError

MODEL_FILE = "romanizer.tsv"
ORDER = 3  # the n of the n-gram over letter|spelling pairs (a model file may say another)
BOS, EOS = "<s>", "</s>"
# Hypotheses kept per Arabic letter while decoding; spellings per letter tried.
BEAM = 6
MAX_CHOICES = 12
_CACHE = 50_000

# Letters folded before spelling: diacritics and tatweel dropped, Persian letters mapped;
# ة ى and the hamza forms are kept (ة is "a", ى "a", إ "i"/"e", ه "h").
_DROP = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans({"ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب", "چ": "ج", "ڤ": "ف", "ٱ": "ا"})
ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")


def letters(word: str) -> str:
    """The letters a word is spelled from (see ``_FOLD``)."""
    return _DROP.sub("", word).translate(_FOLD)


@dataclass(frozen=True)
class Spelling:
    text: str
    logprob: float


class Romanizer:
    """Spells Arabic name words in English letters from a joint trigram model."""

    def __init__(self, counts: dict[tuple[str, ...], dict[str, int]],
                 choices: dict[str, list[str]], *, order: int = ORDER) -> None:
        """``counts``: context (up to ``order`` - 1 units) -> next unit -> count;
        ``choices``: Arabic letter -> the spellings it takes, most frequent first."""
        self.order = order
        self.choices = choices
        self._probs: dict[tuple[str, ...], dict[str, float]] = {}
        self._lambda: dict[tuple[str, ...], float] = {}
        for context, nexts in counts.items():
            total = sum(nexts.values())
            types = len(nexts)
            self._probs[context] = {u: c / total for u, c in nexts.items()}
            self._lambda[context] = total / (total + types)  # Witten-Bell
        units = self._probs.get((), {})
        self._floor = 0.5 / (sum(counts.get((), {}).values()) + 1) if units else 1e-9
        self._cache: dict[tuple[str, int], list[Spelling]] = {}
        self._logp: dict[tuple[tuple[str, ...], str], float] = {}
        self._dist: dict[tuple[tuple[str, ...], str], list[tuple[float, str, str]]] = {}
        self._units = {ch: [(f"{ch}|{sp}", sp) for sp in spellings[:MAX_CHOICES]]
                       for ch, spellings in choices.items()}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Romanizer:
        if path is None:
            node = resources.files("marsad") / "data" / "gazetteer" / MODEL_FILE
            where = "marsad/data/gazetteer/" + MODEL_FILE
            try:
                text = node.read_text(encoding="utf-8")
            except OSError as e:
                raise ModelError(f"cannot read the romaniser: {e}", where=where) from e
        else:
            where = str(path)
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as e:
                raise ModelError(f"cannot read the romaniser: {e}", where=where) from e
        counts, choices, order = parse_model(text, where=where)
        return cls(counts, choices, order=order)

    # ------------------------------------------------------------------ scoring
    def prob(self, context: tuple[str, ...], unit: str) -> float:
        """Interpolated Witten-Bell probability of ``unit`` after ``context``."""
        p = self._probs.get((), {}).get(unit, 0.0) or self._floor
        for n in range(len(context) - 1, -1, -1):  # shortest context first
            ctx = context[n:]
            probs = self._probs.get(ctx)
            if probs is not None:
                lam = self._lambda[ctx]
                p = lam * probs.get(unit, 0.0) + (1 - lam) * p
        return p

    def logprob(self, context: tuple[str, ...], unit: str) -> float:
        key = (context, unit)
        found = self._logp.get(key)
        if found is None:
            if len(self._logp) > 20 * _CACHE:
                self._logp.clear()
            found = self._logp[key] = math.log(self.prob(context, unit))
        return found

    def _next(self, context: tuple[str, ...], ch: str) -> list[tuple[float, str, str]]:
        """(log-probability, unit, spelling) of the BEAM likeliest spellings of ``ch`` after
        ``context``, most probable first (computed once per context and letter): no more
        can survive the beam from one hypothesis."""
        key = (context, ch)
        found = self._dist.get(key)
        if found is None:
            if len(self._dist) > 20 * _CACHE:
                self._dist.clear()
            found = sorted(((self.logprob(context, unit), unit, sp)
                            for unit, sp in self._units.get(ch, ())), reverse=True)[:BEAM]
            self._dist[key] = found
        return found

    def _search(self, word: str, target: str | None, n: int) -> list[Spelling]:
        chars = letters(word)
        if not chars or not ARABIC_WORD.match(chars):
            return []
        beams: list[tuple[float, tuple[str, ...], str]] = [(0.0, (BOS,) * (self.order - 1), "")]
        for ch in chars:
            if ch not in self.choices:
                return []
            grown: dict[tuple[tuple[str, ...], str], float] = {}
            for score, context, text in beams:
                if target is None:
                    options = self._next(context, ch)
                else:  # only the spellings that keep to the target: no full distribution
                    options = [(self.logprob(context, unit), unit, sp)
                               for unit, sp in self._units[ch]
                               if target.startswith(sp, len(text))]
                for logp, unit, spelling in options:
                    out = text + spelling
                    s = score + logp
                    key = ((context + (unit,))[1:], out)
                    if s > grown.get(key, -math.inf):
                        grown[key] = s
            if not grown:
                return []
            ranked = heapq.nlargest(BEAM, grown.items(), key=lambda kv: kv[1])
            beams = [(s, ctx, out) for (ctx, out), s in ranked]
        best: dict[str, float] = {}
        for score, context, text in beams:
            if target is not None and text != target:
                continue
            s = score + self.logprob(context, EOS)
            if text and s > best.get(text, -math.inf):
                best[text] = s
        return [Spelling(t, s) for t, s in sorted(best.items(), key=lambda kv: -kv[1])[:n]]

    def spell(self, word: str, n: int = 5) -> list[Spelling]:
        """The ``n`` most probable spellings of ``word`` (lower-case), best first."""
        key = (word, n)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > _CACHE:
                self._cache.clear()
            found = self._cache[key] = self._search(word, None, n)
        return found

    def score(self, word: str, spelling: str) -> float:
        """Log-probability of ``spelling`` (lower-case letters) for ``word``; -inf when the
        model cannot spell the word so."""
        target = re.sub(r"[^a-z]", "", spelling.casefold())
        found = self._search(word, target, 1) if target else []
        return found[0].logprob if found else -math.inf


def parse_model(text: str, *, where: str
                ) -> tuple[dict[tuple[str, ...], dict[str, int]], dict[str, list[str]], int]:
    """The counts, choices and order of a model file (see ``train_romanizer.write_model``)."""
    counts: dict[tuple[str, ...], dict[str, int]] = defaultdict(dict)
    choices: dict[str, list[str]] = {}
    order = ORDER
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            if cols[0] == "order":
                order = int(cols[1])
            elif cols[0] == "choice":
                choices[cols[1]] = cols[2].split(" ") if cols[2] else []
                choices[cols[1]] = ["" if c == "_" else c for c in choices[cols[1]]]
            elif cols[0] == "ngram":
                context = tuple(cols[1].split(" ")) if cols[1] else ()
                counts[context][cols[2]] = int(cols[3])
            else:
                raise ValueError(cols[0])
        except (IndexError, ValueError) as e:
            raise ModelError(f"line {lineno}: not a romaniser row", where=where) from e
    if not choices or () not in counts:
        raise ModelError("the romaniser file has no model", where=where)
    return dict(counts), choices, order


@lru_cache(maxsize=1)
def default_romanizer() -> Romanizer | None:
    """The shipped model, or None when it is missing (names then fall back to tables)."""
    try:
        return Romanizer.load()
    except ModelError:
        return None
