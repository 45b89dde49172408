"""English names of people, as an English-language newsroom writes them.

Order of evidence, most trusted first:

1. the hand-written tables of well-known people (``persons.tsv``: Putin, Shoigu...; then
   ``leaders.tsv``: heads of state and government, ministers of recent years);
2. per name word: the newsroom spelling table (``name_overrides.tsv``), then the Wikidata
   name-token pairs (``name_tokens.tsv``: بوتين -> Putin, بيسكوف -> Peskov), then the
   dictionary of arabic-name-romanizer (Arabic names: خليفة -> Khalifa, حفتر -> Haftar),
   and last its neural model (a guess: marked low-confidence);
3. newsroom casing: ``al-`` lower-case inside a name (خيري التميمي -> Khairi al-Tamimi),
   ``bin`` lower-case, ``Al`` for the dynasty article آل (Al Thani), ``Abu`` capitalised.

``PersonNamer.english`` returns the name and a confidence in [0, 1]; callers keep ``None``
when the confidence is below their threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicons.matcher import phrase_key
from ..lexicons.tables import Lexicons, NameToken, load_lexicons
from ..text import normalize
from .newsroom import leaders

# Name words that join the next word into one unit (عبد الله, أبو بكر, بن سلمان, آل ثاني).
_JOIN_NEXT = {"عبد", "ابو", "ابي", "بن", "ابن", "بنت", "ال", "ذو", "ولد"}
# Name words that join the previous word (سيف الدين, عبد الله; نصر الله).
_JOIN_PREV = {"الدين", "الله", "الاسلام"}
# A Wikidata token needs at least this many examples to be trusted on its own.
_MIN_WD_COUNT = 2
# An Arabic name the romanizer's dictionary has seen this often keeps its spelling.
_ARABIC_ATTESTED = 10
# Particles of European names written lower-case inside a name (Ursula von der Leyen).
_EUROPEAN_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "dos", "das", "del"}
# Article particles that English writes as a separate word (Zine El Abidine).
_EN_ARTICLES = {"al", "el", "ad", "as", "ash", "an", "ar", "at", "ul", "ud", "ed", "es"}
# The second word of عبد ال… compounds the romanizer's dictionary lacks, as newsrooms
# write it after "Abdul" (الملك is Malik here, not Malak "angel"); only a fallback: the
# dictionary's spelling (Abdelmadjid) wins where it has one.
_ABD_WORDS = {
    "الملك": "Malik", "المجيد": "Majid", "الاله": "Ilah", "الرزاق": "Razzaq",
    "القادر": "Qader", "اللطيف": "Latif", "الباسط": "Basit", "الوهاب": "Wahab",
    "الغني": "Ghani", "الناصر": "Nasser", "المنعم": "Moneim", "الحكيم": "Hakim",
    "الجليل": "Jalil", "الخالق": "Khaliq", "الرووف": "Raouf", "المهدي": "Mahdi",
    "الهادي": "Hadi", "الحليم": "Halim", "الواحد": "Wahid", "الستار": "Sattar",
    "الجبار": "Jabbar", "الباقي": "Baqi", "العظيم": "Azim", "الصمد": "Samad",
    "النبي": "Nabi", "الامير": "Amir", "الحسين": "Hussein", "الغفار": "Ghaffar",
    "المطلب": "Muttalib", "القوي": "Qawi", "المالك": "Malik", "الحق": "Haq",
}
# Cached romanizer answers kept at most (names repeat across articles).
_CACHE_SIZE = 50_000
# Regnal numbers after a monarch's name: عبد الله الثاني -> Abdullah II.
_REGNAL = {"الاول": "I", "الثاني": "II", "الثالث": "III", "الرابع": "IV", "الخامس": "V",
           "السادس": "VI", "السابع": "VII", "الثامن": "VIII", "التاسع": "IX", "العاشر": "X"}
_ARTICLE_EN = re.compile(r"^(al|el|as|ad|an|ar|at|az|ash|adh)[- ']", re.IGNORECASE)


@dataclass(frozen=True)
class _Cand:
    text: str
    score: float
    source: str
    count: int


@dataclass(frozen=True)
class UnitName:
    arabic: str
    english: str
    source: str  # table | override | wikidata | dictionary | model | rules
    count: int


def title_word(word: str) -> str:
    """Capitalise each hyphen- or apostrophe-separated part: jean-pierre -> Jean-Pierre."""
    parts = re.split(r"([-'\s])", word)
    return "".join(p[:1].upper() + p[1:] if p and p not in "-' " else p for p in parts)


class PersonNamer:
    """Arabic person name -> English name with a confidence."""

    def __init__(self, lexicons: Lexicons | None = None, *, transliterator: Any = None,
                 use_model: bool = False) -> None:
        """``transliterator``: an ``arabic_name_romanizer.Transliterator`` for dictionary
        lookups (made here when None); ``use_model``: let its neural model guess the
        words no table knows. Off by default: a guess is often wrong (البوعيشي ->
        Bouaichi), costs about 10 ms an article, and gained one name in 65 on the dev list;
        without it such a name has no English (None) rather than a wrong one."""
        self.lex = lexicons or load_lexicons()
        self._dict = transliterator
        self._model: Any = None
        self._failed = False
        self.use_model = use_model
        self._unit_cache: dict[str, UnitName | None] = {}
        self._dict_cache: dict[tuple[str, int], list[Any]] = {}

    # ------------------------------------------------------------------ romanizer
    def _romanizer(self, *, model: bool = False) -> Any:
        if self._failed:
            return None
        try:
            from arabic_name_romanizer import Transliterator

            if model:
                if self._model is None:
                    self._model = Transliterator()
                return self._model
            if self._dict is None:
                self._dict = Transliterator(auto_load_model=False, use_rules_fallback=False)
            return self._dict
        except Exception:  # noqa: BLE001 - an optional helper; names fall back to tables
            self._failed = True
            return None

    def _romanize(self, text: str, top_k: int = 4) -> list[_Cand]:
        """Attested spellings of one name unit from the romanizer's dictionary (one index
        query, cached), most frequent first; no model."""
        key = (text, top_k)
        if len(self._dict_cache) > _CACHE_SIZE:
            self._dict_cache.clear()
        if key not in self._dict_cache:
            self._dict_cache[key] = self._lookup_unit(text)[:top_k]
        return self._dict_cache[key]

    def _lookup_unit(self, text: str) -> list[_Cand]:
        t = self._romanizer()
        if t is None:
            return []
        try:
            from arabic_name_romanizer.normalize import lookup_key

            variants = t.index.lookup_unit(lookup_key(text))
            total = sum(v.count for v in variants) or 1
            return [_Cand(v.latin, v.count / total, "dictionary", v.count) for v in variants]
        except (AttributeError, ImportError):  # another version of the package
            return [_Cand(c.text, c.score, c.source, c.units[0].count if c.units else 1)
                    for c in t.transliterate(text, top_k=4) if c.text]

    def _romanize_unit(self, unit: str, *, model: bool = True) -> UnitName | None:
        """The romanizer's spelling of a unit: its dictionary, else (``model``) a guess."""
        cands = [c for c in self._romanize(unit) if c.source == "dictionary"]
        if cands:
            best = _english_convention(cands)
            return UnitName(unit, best.text, "dictionary", best.count)
        if not model:
            return None
        if unit in self._unit_cache:
            return self._unit_cache[unit]
        if len(self._unit_cache) > _CACHE_SIZE:
            self._unit_cache.clear()
        out: UnitName | None = None
        if self.use_model:
            # the model's spelling follows the region asked for; English conventions
            # (sh, kh, ou -> u) are those of the Mashreq and Gulf
            t = self._romanizer(model=True)
            if t is not None:
                guess = str(t.transliterate(unit, top_k=1, country="SA"))
                out = UnitName(unit, guess, "model", 0) if guess else None
        self._unit_cache[unit] = out
        return out

    def prefetch(self, names: list[str]) -> None:
        """Guess, in one batch of the neural model, the words of ``names`` that no table
        knows; later ``english`` calls find them cached (one model run per article
        instead of one per word)."""
        if not self.use_model:
            return
        todo: list[str] = []
        for name in names:
            if phrase_key(name) in self.lex.persons:
                continue
            for unit in self.split_units(name):
                for word in unit.split():
                    if word in self._unit_cache or word in todo:
                        continue
                    norm = normalize(word)
                    if norm in self.lex.name_overrides or norm in self.lex.name_tokens or (
                            norm.startswith("ال") and norm[2:] in self.lex.name_tokens):
                        continue  # the tables answer without the model
                    if any(c.source == "dictionary" for c in self._romanize(word)):
                        continue
                    todo.append(word)
        if not todo:
            return
        t = self._romanizer(model=True)
        if t is None:
            return
        for word, guess in zip(todo, t.transliterate_many(todo, top_k=1, country="SA"),
                               strict=False):
            self._unit_cache[word] = UnitName(word, str(guess), "model", 0) if guess else None

    def known_surname(self, key: str) -> str | None:
        """بوتين alone -> Putin: the English surname of the well-known people it names."""
        if " " in key:
            return None
        found = set()
        for full, person in self.lex.persons.items():
            words = full.split()
            surnames = person.surnames or ((words[-1],) if len(words) >= 2 else ())
            if key in surnames:
                found.add(person.english.split()[-1])
        return found.pop() if len(found) == 1 else None

    def whole_name(self, name: str) -> str | None:
        """A full name the romanizer's Wikidata index knows as one person's label."""
        n_words = len(name.split())
        for text in self._whole_labels(name):
            if text.isascii() and not _FRENCH.search(text) and not _FRENCH_OU.search(text) \
                    and _english_word_count(text) == n_words:
                return text
        return None

    def _whole_labels(self, name: str) -> list[str]:
        """Whole-name spellings, most attested first (one index query)."""
        t = self._romanizer()
        if t is None:
            return []
        try:
            from arabic_name_romanizer.normalize import full_key

            return [v.latin for v in t.index.lookup_full(full_key(name))[:3]]
        except (AttributeError, ImportError):  # another version of the package
            return []

    # --------------------------------------------------------------------- units
    def split_units(self, name: str) -> list[str]:
        """Words of the name with compounds joined: عبد الفتاح, بن سلمان, سيف الدين."""
        words = name.split()
        units: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            norm = normalize(word)
            if norm in _JOIN_NEXT and i + 1 < len(words):
                # a chain of particles joins too: بن عبد العزيز is one unit
                j = i + 1
                while j + 1 < len(words) and normalize(words[j]) in _JOIN_NEXT:
                    j += 1
                units.append(" ".join(words[i:j + 1]))
                i = j + 1
                continue
            if norm in _JOIN_PREV and units and normalize(units[-1].split()[-1]) not in _JOIN_NEXT:
                units[-1] = units[-1] + " " + word
            else:
                units.append(word)
            i += 1
        return units

    def unit_english(self, unit: str) -> UnitName | None:
        key = phrase_key(unit)
        lex = self.lex
        if key in lex.name_overrides:
            return UnitName(unit, lex.name_overrides[key], "override", 99)
        words = unit.split()
        first = normalize(words[0])
        if len(words) >= 2 and first in ("بن", "ابن"):
            rest = self.unit_english(" ".join(words[1:]))
            return UnitName(unit, "bin " + rest.english, rest.source, rest.count) if rest else None
        if len(words) >= 2 and first == "بنت":
            rest = self.unit_english(" ".join(words[1:]))
            return UnitName(unit, "bint " + rest.english, rest.source, rest.count) if rest else None
        if len(words) >= 2 and words[0] == "آل":
            rest = self.unit_english(" ".join(words[1:]))
            return UnitName(unit, "Al " + rest.english, rest.source, rest.count) if rest else None
        if len(words) == 2 and first in ("ابو", "ابي"):
            rest = self._word_english(words[1])
            return UnitName(unit, "Abu " + rest.english, rest.source, rest.count) if rest else None
        if len(words) == 1:
            return self._word_english(unit)
        found = self._romanize_unit(unit)
        if found is None and len(words) == 2 and first == "عبد" and normalize(words[1]).startswith("ال"):
            # عبد الملك -> Abdul Malik: the servant-of compound as newsrooms write it
            second = normalize(words[1])
            if second in _ABD_WORDS:
                return UnitName(unit, "Abdul " + _ABD_WORDS[second], "rules", 1)
            rest = self._word_english(words[1][2:])
            if rest is not None:
                return UnitName(unit, "Abdul " + title_word(rest.english), rest.source, rest.count)
        return found

    def _word_english(self, word: str) -> UnitName | None:
        key = normalize(word)
        lex = self.lex
        if key in lex.name_overrides:
            return UnitName(word, lex.name_overrides[key], "override", 99)
        article = key.startswith("ال") and len(key) >= 5
        wd = lex.name_tokens.get(key)
        if wd is None and article:
            wd = lex.name_tokens.get(key[2:])
        out = self._choose(word, wd, self._romanize_unit(word, model=wd is None))
        if out is None and article:
            spelled = spell_vocalised(key[2:])
            if spelled is not None:  # البوعيشي -> Bouaishi: every vowel is written
                out = UnitName(word, spelled, "rules", 0)
        if out is not None and article:
            out = UnitName(out.arabic, _with_article(out.english), out.source, out.count)
        return out

    def _choose(self, word: str, wd: NameToken | None, rom: UnitName | None) -> UnitName | None:
        """Pick a spelling from the Wikidata tokens and the romanizer's dictionary.

        A spelling both sources attest wins; then a well-attested Arabic name (the
        romanizer's dictionary has it _ARABIC_ATTESTED times) keeps the romanizer's
        spelling; then Wikidata when it has at least _MIN_WD_COUNT examples.
        """
        rom_dict = rom is not None and rom.source == "dictionary"
        if wd is not None and rom_dict and rom is not None:
            variants = {e.casefold(): c for e, c in wd.variants} or {wd.english.casefold(): wd.count}
            if rom.english.casefold() in variants:
                return UnitName(word, rom.english, "dictionary", rom.count)
        if rom_dict and rom is not None and rom.count >= _ARABIC_ATTESTED:
            return rom
        if wd is not None and wd.count >= _MIN_WD_COUNT:
            return UnitName(word, title_word(wd.english), "wikidata", wd.count)
        if rom_dict:
            return rom
        if wd is not None:
            return UnitName(word, title_word(wd.english), "wikidata", wd.count)
        return rom

    # ---------------------------------------------------------------------- names
    def english(self, name: str) -> tuple[str | None, float]:
        """The English name and a confidence: 1.0 from the table, lower for guesses."""
        key = phrase_key(name)
        known = self.lex.persons.get(key)
        if known:
            return known.english, 1.0
        leader = leaders().get(key)
        if leader:
            return leader, 1.0
        surname = self.known_surname(key)
        if surname:
            return surname, 0.95
        units = self.split_units(name)
        if not units:
            return None, 0.0
        whole = self.whole_name(name) if len(units) >= 2 else None
        if whole:
            return whole, 0.95
        parts: list[UnitName] = []
        for i, unit in enumerate(units):
            norm = normalize(unit)
            if i == len(units) - 1 and i > 0 and norm in _REGNAL:
                parts.append(UnitName(unit, _REGNAL[norm], "rules", 99))
                continue
            if i == 0 and len(units) > 1 and norm.startswith("ال") and " " not in norm \
                    and norm[2:] in self.lex.arabic_names:
                unit = unit[2:]  # a first name drops its article: الحبيب -> Habib
            part = self.unit_english(unit)
            if part is None or not part.english:
                return None, 0.0
            parts.append(part)
        text = " ".join(_newsroom_case(p.english, i) for i, p in enumerate(parts))
        guessed = sum(1 for p in parts if p.source == "model")
        confidence = 0.9 if not guessed else max(0.2, 0.8 - 0.3 * guessed / len(parts))
        return text, confidence


# Spellings that follow French conventions (Boucif, Bouaichi, Djamel); an English newsroom
# writes s, sh, j. Among near-tied candidates, one without them is preferred.
_FRENCH = re.compile(r"c(?=[eiy])|ch|dj|tch", re.IGNORECASE)
_NEAR_TIE = 0.6
# "ou" for the vowel u (Moubarak, Oussama) in a whole-name label marks a French label.
_FRENCH_OU = re.compile(r"ou(?![r]?$)", re.IGNORECASE)


# Consonants as English-language newsrooms spell Arabic names (no diacritics).
_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}


def spell_vocalised(stem: str) -> str | None:
    """A family name whose vowels are all written as letters (بوعيشي -> Bouaishi), spelled
    letter by letter; None when two consonants meet (حلبي: the short vowel between them is
    not written, so any spelling would be a guess) or the word is too short.

    ``stem`` is normalised and has no article. و between consonants is "ou" and ع before a
    long vowel is "a", as Libyan and Maghrebi names are written in English news."""
    if len(stem) < 4 or not stem.endswith("ي"):
        return None
    out: list[str] = []
    prev_consonant = False
    for i, ch in enumerate(stem):
        nxt = stem[i + 1] if i + 1 < len(stem) else ""
        if ch in _CONSONANTS:
            if prev_consonant:
                return None
            out.append(_CONSONANTS[ch])
            prev_consonant = True
        elif ch == "ع":
            if prev_consonant or nxt not in ("ا", "و", "ي"):
                return None
            out.append("a")
            prev_consonant = False
        elif ch == "ا":
            out.append("a")
            prev_consonant = False
        elif ch == "و":
            out.append("w" if i == 0 else "ou")
            prev_consonant = i == 0
        elif ch == "ي":
            out.append("y" if i == 0 else "i")
            prev_consonant = i == 0
        else:
            return None
    word = "".join(out)
    return word[:1].upper() + word[1:]


def _english_convention(cands: list[_Cand]) -> _Cand:
    best = cands[0]
    if not _FRENCH.search(best.text):
        return best
    for cand in cands[1:]:
        if cand.score >= _NEAR_TIE * best.score and cand.source == best.source \
                and not _FRENCH.search(cand.text):
            return cand
    return best


def _english_word_count(text: str) -> int:
    """Words of an English name that stand for Arabic words (Zine El Abidine -> 2)."""
    return sum(1 for w in text.split() if w.casefold() not in _EN_ARTICLES)


def _with_article(english: str) -> str:
    """Put the Arabic article back on an English surname: Tamimi -> al-Tamimi."""
    if re.match(r"^(Al|El)[A-Z]", english):
        return english  # ElBaradei: the article is already part of the spelling
    m = _ARTICLE_EN.match(english)
    if m:
        return "al-" + title_word(english[m.end():])
    return "al-" + title_word(english)


def _newsroom_case(english: str, position: int) -> str:
    """``al-`` and ``bin`` lower-case inside a name, capitalised at its start; European
    particles (von, van, der, de, da) lower-case inside a name."""
    english = english.strip()
    low = english.casefold()
    if position > 0 and low in _EUROPEAN_PARTICLES:
        return low
    if position > 0 and (low.startswith("al-") or low.startswith("el-")):
        return "al-" + english[3:]
    if position == 0 and (low.startswith("al-") or low.startswith("el-")):
        return "Al-" + english[3:]
    if position > 0 and low.startswith("bin "):
        return "bin " + english[4:]
    return english


@lru_cache(maxsize=1)
def default_person_namer() -> PersonNamer:
    return PersonNamer()
