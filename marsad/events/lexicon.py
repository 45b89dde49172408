"""Trigger and cue lexicons for the events stage, and the word analysis that matches them.

The lexicons are data (``marsad/data/events/*.tsv``); this module reads them once and
answers one question per word: which lexicon stems could this normalised word be, once
its conjunction, preposition, article, future ``س`` and inflectional endings are set aside?
Matching works on those analyses, so one row (``اجتمع``) covers ``واجتمعوا``, ``اجتمعت``
and ``فاجتمع``, and one noun row (``زيارة``) covers ``وزيارته``, ``الزيارات``, ``لزيارة``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..errors import ConfigError
from ..text import normalize

GAP_SHORT = 6  # "~": a verb, its subject with title, then the object (توصلت الحكومة اليمنية وجماعة الحوثي إلى اتفاق)
GAP_LONG = 10  # "~~": a sentence and its penalty (حكمت محكمة ... على المتهم ... بالسجن)

CACHE_SIZE = 500_000  # (kind, word) answers kept before the cache starts over
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")

# Inflectional endings. Verb subject endings combine with object pronouns; nouns take a
# number ending (tanween alif, dual, plural) and then a possessive pronoun.
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "ني", "نا", "كم", "ك", "ي")
_PAST_SUBJECT = ("", "ت", "ا", "وا", "و", "تا", "ن", "نا", "تم", "تما")
_PRESENT_SUBJECT = ("", "ان", "ون", "ين", "ن", "وا", "ا", "و")
_NOUN_NUMBER = ("", "ا", "ان", "ين", "ون", "ات", "ي", "تا", "تان", "تين")


def _combine(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    out = {a + b for a in first for b in second}
    return tuple(sorted(out, key=len, reverse=True))


_VERB_PAST_SUFFIXES = _combine(_PAST_SUBJECT, _PRONOUNS)
_VERB_PRESENT_SUFFIXES = _combine(_PRESENT_SUBJECT, _PRONOUNS)
_NOUN_SUFFIXES = _combine(_NOUN_NUMBER, _PRONOUNS)
_VERB_PAST_SET = frozenset(_VERB_PAST_SUFFIXES)
_VERB_PRESENT_SET = frozenset(_VERB_PRESENT_SUFFIXES)
_NOUN_SET = frozenset(_NOUN_SUFFIXES)

_CONJ = ("", "و", "ف")
_NOUN_PREFIXES = ("", "ب", "ل", "ك", "ال", "بال", "كال", "لل", "وال")
_PRESENT_PREFIXES = (
    "ي",
    "ت",
    "ن",
)  # first person أ left out: rare outside quotes, and it misreads ال


class Analysis(NamedTuple):
    """One reading of a word: class (V, P, N), lexicon stem, and what was set aside."""

    cls: str
    stem: str
    prefix: str  # conjunction + particles + article (+ future س)
    suffix: str

    @property
    def future(self) -> bool:
        return self.cls == "P" and self.prefix.lstrip("وف").startswith("س")

    @property
    def definite(self) -> bool:
        return self.cls == "N" and (self.prefix.endswith("ال") or self.prefix.endswith("لل"))

    @property
    def particle(self) -> str:
        """Prepositional particle attached to the word (ب ل ك), if any."""
        rest = self.prefix[1:] if self.prefix[:1] in ("و", "ف") else self.prefix
        return rest[:1] if rest[:1] in ("ب", "ل", "ك") else ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon row: a trigger (or blocker, light verb, cue) pattern and what it means."""

    elements: tuple[str, ...]  # lexicon keys, "cls:stem" for the first, "*:stem" after
    gaps: tuple[int, ...]  # allowed tokens before each element (0 for the first)
    type: str
    mode: str | None
    pos: str
    args: frozenset[str]
    raw: bool = False  # matched on the hamza-keeping form
    text: str = ""
    head: int = 0  # which element is the trigger word
    alias: bool = False  # filed under a shortened stem (التقت، زيارته): needs an ending

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(a for a in self.args if not a.startswith("+") and not a.startswith("src:"))

    def has(self, flag: str) -> bool:
        return flag in self.args


@dataclass(frozen=True, slots=True)
class Cue:
    stem: str
    pos: str
    kind: str
    value: str | None
    text: str


def _light(surface: str) -> str:
    """Hamza-keeping matching form: only diacritics, tatweel, ى and ة are folded."""
    return _DIACRITICS.sub("", surface).replace("ى", "ي").replace("ة", "ه")


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _keys(stem: str, pos: str) -> list[str]:
    """The lookup stems a lexicon stem is filed under (weak endings drop before suffixes)."""
    if pos == "P":
        stem = stem[1:] if stem[:1] in _PRESENT_PREFIXES else stem
    keys = [stem]
    if pos == "N" and stem.endswith("ه"):
        keys += [stem[:-1] + "ت", stem[:-1]]  # زيارته, زيارات
    if pos in ("V", "P") and stem[-1:] in ("ي", "ا") and len(stem) > 2:
        keys.append(stem[:-1])  # التقت التقوا, يلتق يلتقون, دعت
    return keys


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Every (class, stem) reading of a normalised word, longest stems first."""
    return analyse_within(word, None)


def analyse_within(word: str, stems: frozenset[str] | None) -> tuple[Analysis, ...]:
    """The readings of ``analyse`` whose stem is in ``stems`` (all when None), in its order;
    a lexicon passes the stems it files anything under, so no other reading is built."""
    out: list[Analysis] = []
    for conj in _CONJ:
        if not word.startswith(conj):
            continue
        rest = word[len(conj) :]
        if len(rest) < 2:
            continue
        out += _readings(rest, "V", ("",), _VERB_PAST_SET, conj, stems)
        for fut in ("", "س"):
            for pre in _PRESENT_PREFIXES:
                if rest.startswith(fut + pre):
                    out += _readings(
                        rest[len(fut) + 1 :], "P", ("",), _VERB_PRESENT_SET, conj + fut + pre,
                        stems,
                    )
        out += _readings(rest, "N", _NOUN_PREFIXES, _NOUN_SET, conj, stems)
        if stems is None or rest in stems:
            out.append(Analysis("W", rest, conj, ""))
    return tuple(out)


def _readings(
    rest: str, cls: str, prefixes: tuple[str, ...], suffixes: frozenset[str], conj: str,
    stems: frozenset[str] | None = None,
) -> list[Analysis]:
    """Every (prefix, stem, suffix) cut of ``rest`` with a known ending and a stem of two
    letters or more. The ending is looked up in a set at each cut point, longest ending
    first, instead of trying every ending on the word (a few lookups, not a hundred)."""
    out = []
    for pre in prefixes:
        if not rest.startswith(pre):
            continue
        body = rest[len(pre) :]
        for cut in range(2, len(body) + 1):
            if body[cut:] in suffixes and (stems is None or body[:cut] in stems):
                out.append(Analysis(cls, body[:cut], conj + pre, body[cut:]))
    return out


class Lexicon:
    """Trigger rules indexed by their first element, and cues indexed by kind."""

    def __init__(self, rules: list[Rule], cues: list[Cue]) -> None:
        self.rules = rules
        self.first: dict[str, list[Rule]] = {}
        for rule in rules:
            self.first.setdefault(rule.elements[0], []).append(rule)
        self._cache: dict[tuple[str, str], object] = {}
        self.cues: dict[str, dict[str, Cue]] = {}
        self.cue_list: dict[str, list[Cue]] = {}
        for cue in cues:
            for key in _keys(cue.stem, cue.pos):
                self.cues.setdefault(cue.kind, {}).setdefault(f"{_cls(cue.pos)}:{key}", cue)

            self.cue_list.setdefault(cue.kind, []).append(cue)
        # compiled once: reading key -> every (kind, cue) filed under it, in table order
        self.cue_index: dict[str, list[tuple[str, Cue]]] = {}
        for kind, table in self.cues.items():
            for key, cue in table.items():
                self.cue_index.setdefault(key, []).append((kind, cue))
        self._word_cues: dict[str, dict[str, Cue]] = {}
        # every stem a rule's first element or a cue is filed under: readings of other stems
        # can match nothing, so the lexicon's own analysis never builds them
        self.stems = frozenset(key.split(":", 1)[1] for key in (*self.first, *self.cue_index))
        self._readings: dict[str, tuple[Analysis, ...]] = {}
        self.element_stems = frozenset(
            k for rule in rules for e in rule.elements[1:] for k in _element_keys(e)
        )
        self._element_cache: dict[str, frozenset[str]] = {}

    def element_matches(self, key: str, word: str) -> bool:
        """``element_matches`` over the stems the rules' later elements use (cached per word)."""
        stems = self._element_cache.get(word)
        if stems is None:
            if len(self._element_cache) > CACHE_SIZE:
                self._element_cache.clear()
            stems = frozenset(an.stem for an in analyse_within(word, self.element_stems))
            self._element_cache[word] = stems
        return not _element_keys(key).isdisjoint(stems)

    def readings(self, word: str) -> tuple[Analysis, ...]:
        """``analyse(word)`` less the readings whose stem the lexicon files nothing under."""
        found = self._readings.get(word)
        if found is None:
            if len(self._readings) > CACHE_SIZE:
                self._readings.clear()
            found = self._readings[word] = analyse_within(word, self.stems)
        return found

    def rules_for(self, word: str, surface: str) -> list[tuple[Rule, Analysis]]:
        """Rules whose first element this word can be, with the reading that matched."""
        light = _light(surface)
        key = ("\0rules" + light, word)
        if key not in self._cache:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = self._rules_for(word, light)
        return self._cache[key]  # type: ignore[return-value]

    def _rules_for(self, word: str, light: str) -> list[tuple[Rule, Analysis]]:
        out: list[tuple[Rule, Analysis]] = []
        seen: set[int] = set()
        for form, raw in ((word, False), (light, True)):
            for an in self.readings(form):
                for rule in self.first.get(f"{an.cls}:{an.stem}", ()):
                    if rule.alias and not an.suffix and an.cls != "P":
                        continue  # وسط is not سطا
                    if rule.raw == raw and id(rule) not in seen:
                        seen.add(id(rule))
                        out.append((rule, an))
        return out

    def prep(self, word: str) -> tuple[Cue, bool] | None:
        """The preposition a word is, and whether it carries its own pronoun (معه، عليها)."""
        key = ("\0prep", word)
        if key not in self._cache:
            self._cache[key] = self._prep(word)
        return self._cache[key]  # type: ignore[return-value]

    def _prep(self, word: str) -> tuple[Cue, bool] | None:
        table = self.cues.get("prep", {})
        for an in self.readings(word):
            if an.cls == "W" and f"W:{an.stem}" in table:
                return table[f"W:{an.stem}"], False
            if an.cls == "N" and an.prefix in _CONJ and an.suffix in _PRONOUNS[1:]:
                cue = table.get(f"W:{an.stem}")
                if cue is not None:
                    return cue, True
        return None

    def cue(self, kind: str, word: str) -> Cue | None:
        """The cue of ``kind`` this normalised word can be, if any."""
        table = self._word_cues.get(word)
        if table is None:
            table = self.cues_of(word)
        return table.get(kind)

    def cues_of(self, word: str) -> dict[str, Cue]:
        """Every cue kind a word can be, found in one pass over its readings (cached): the
        first reading, in ``analyse`` order, that a kind's table holds gives that kind's cue."""
        table = self._word_cues.get(word)
        if table is None:
            if len(self._word_cues) > CACHE_SIZE:
                self._word_cues.clear()
            table = {}
            for an in self.readings(word):
                for kind, cue in self.cue_index.get(f"{an.cls}:{an.stem}", ()):
                    table.setdefault(kind, cue)
            self._word_cues[word] = table
        return table

    def kinds_in(self, words: list[str], kinds: tuple[str, ...]) -> set[str]:
        """Which of ``kinds`` some word of ``words`` is a cue of (cached per word)."""
        out: set[str] = set()
        for w in words:
            out |= self._kinds_of(w, kinds)
        return out

    def _kinds_of(self, word: str, kinds: tuple[str, ...]) -> frozenset[str]:
        key = ("\0kinds" + ",".join(kinds), word)
        if key not in self._cache:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            found = self.cues_of(word)
            self._cache[key] = frozenset(k for k in kinds if k in found)
        return self._cache[key]  # type: ignore[return-value]


def _cls(pos: str) -> str:
    return "W" if pos == "W" else pos


@lru_cache(maxsize=4096)
def _element_keys(key: str) -> frozenset[str]:
    return frozenset(_keys(key, "N"))


def element_matches(key: str, word: str) -> bool:
    """Whether a later pattern element (any class) matches a normalised word."""
    keys = _element_keys(key)
    return any(an.stem in keys for an in analyse(word))


def _parse_pattern(pattern: str, pos: str) -> tuple[tuple[str, ...], tuple[int, ...], bool, int]:
    raw = pattern.startswith("=")
    parts = pattern.lstrip("=").split()
    elements: list[str] = []
    gaps: list[int] = []
    gap = 0
    head = 0
    for part in parts:
        if part in ("~", "~~"):
            gap = GAP_SHORT if part == "~" else GAP_LONG
            continue
        if part.startswith("^"):
            head = len(elements)
            part = part[1:]
        word = _light(part) if raw else normalize(part)
        if elements or pos == "N":
            word = _strip_article(word)
        elements.append(word)
        gaps.append(gap)
        gap = 0
    return tuple(elements), tuple(gaps), raw, head


def _rows(name: str) -> list[tuple[int, list[str]]]:
    try:
        text = (resources.files("marsad") / "data" / "events" / name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as e:
        raise ConfigError(f"cannot read the events lexicon {name}", where=name) from e
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append((number, line.split("\t")))
    return rows


def _none(value: str) -> str | None:
    return None if value in ("", "-") else value


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the trigger and cue tables once per process."""
    rules: list[Rule] = []
    for number, cols in _rows("triggers.tsv"):
        if len(cols) < 5:
            raise ConfigError(f"line {number}: expected 5 or 6 columns", where="triggers.tsv")
        pattern, type_, mode, pos, args = cols[:5]
        elements, gaps, raw, head = _parse_pattern(pattern, pos)
        arg_set = frozenset(
            a if a.startswith("+") or a == "obj" else normalize(a) for a in args.split() if a != "-"
        )
        # A row is filed under every lookup form of its first stem (weak endings, the
        # present prefix, ta marbuta before a suffix).
        keys = _keys(elements[0], pos)
        for key in keys:
            rules.append(
                Rule(
                    (f"{_cls(pos)}:{key}",) + elements[1:],
                    gaps,
                    type_,
                    _none(mode),
                    pos,
                    arg_set,
                    raw,
                    pattern,
                    head,
                    key != keys[0],
                )
            )
    cues = [
        Cue(
            _strip_article(normalize(c[0])) if c[3] == "N" else normalize(c[0]),
            c[3],
            c[1],
            _none(c[2]),
            c[0],
        )
        for _, c in _rows("cues.tsv")
    ]
    return Lexicon(rules, cues)
