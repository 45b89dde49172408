"""The entity lexicons, loaded once from ``marsad/data/`` (gazetteer, titles, orgs).

Every table is keyed by the matching form of ``marsad.lexicons.matcher`` so that a key
found in text (``token_forms``) can be looked up directly. ``load_lexicons()`` is cached:
the first call reads the files (about a tenth of a second), later calls are free.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable

from ..errors import ModelError
from ..text import normalize
from ..text.lexicon import word_count
from .matcher import phrase_key


@dataclass(frozen=True, slots=True)
class Place:
    type: str  # GPE | LOC
    kind: str  # country | region | city | admin
    name_en: str
    country: str
    geonameid: str
    lat: float | None
    lon: float | None
    population: int
    source: str


@dataclass(frozen=True, slots=True)
class Nationality:
    adj_en: str
    people_en: str
    country: str
    plural: bool  # الروس, الليبيون: a people, not an adjective on its own


@dataclass(frozen=True, slots=True)
class Title:
    form: str
    kind: str  # rank | office | role | honorific | prefix
    english: str
    complement: str  # no | opt | req


@dataclass(frozen=True, slots=True)
class OrgPart:
    english: str
    role: str  # head | mod | of | unit
    type: str  # ORG | FAC | ""


@dataclass(frozen=True, slots=True)
class KnownOrg:
    type: str
    english: str
    key: str
    strong: bool
    # "media" / "sport": an ordinary word or a place that names the organisation only with
    # a cue (quotes or an outlet word; a sentence about sport), checked by the entities stage
    cue: str = ""

    @property
    def names_alone(self) -> bool:
        """A mention of this form names the organisation without a strong alias near
        (it is strong, or it was found with its cue)."""
        return self.strong or bool(self.cue)


@dataclass(frozen=True, slots=True)
class KnownPerson:
    english: str
    surnames: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameToken:
    english: str
    count: int
    total: int
    variants: tuple[tuple[str, int], ...] = ()
    common: bool = False  # an ordinary word first (من, كان), a name second


@dataclass
class Lexicons:
    places: dict[str, list[Place]] = field(default_factory=dict)
    # places whose match key lost a letter to the clitic splitter, by normalised name
    place_forms: dict[str, list[Place]] = field(default_factory=dict)
    nationalities: dict[str, Nationality] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    org_parts: dict[str, OrgPart] = field(default_factory=dict)
    known_orgs: dict[str, KnownOrg] = field(default_factory=dict)
    persons: dict[str, KnownPerson] = field(default_factory=dict)
    name_tokens: dict[str, NameToken] = field(default_factory=dict)
    arabic_names: dict[str, str] = field(default_factory=dict)
    name_overrides: dict[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()


def _data_dir(*parts: str) -> Traversable:
    node = resources.files("marsad") / "data"
    for part in parts:
        node = node / part
    return node


def _rows(*parts: str, required: bool = True) -> Iterator[list[str]]:
    path = _data_dir(*parts)
    if not path.is_file():
        if required:
            raise ModelError("lexicon file missing", where="marsad/data/" + "/".join(parts))
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.rstrip("\n").split("\t")


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _load_places(lex: Lexicons) -> None:
    """Places by match key; the keys are recomputed when the tokenizer's word lists
    changed since the table was compiled (they decide which letters are clitics)."""
    from .compile import tokenizer_fingerprint

    path = _data_dir("gazetteer", "places.tsv")
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^# tokenizer-lexicon: (\w+)", text, re.M)
    stale = m is None or m.group(1) != tokenizer_fingerprint()
    places: dict[str, list[Place]] = defaultdict(list)
    by_form: dict[str, list[Place]] = defaultdict(list)
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) < 11:
            continue
        key = phrase_key(row[1]) if stale else row[0]
        place = Place(row[2], row[3], row[4], row[5], row[6], _float(row[7]),
                      _float(row[8]), int(row[9] or 0), row[10])
        if key != row[1]:
            by_form[row[1]].append(place)  # found by its whole name (بكين), not in text
            if " " not in key and word_count(key) > 0:
                continue  # كالدول keyed as الدول after its ك was read as a particle
        places[key].append(place)
    lex.places = dict(places)
    lex.place_forms = dict(by_form)


def nationality_forms(masc: str) -> Iterator[tuple[str, bool]]:
    """(form, plural) for a masculine nationality adjective: روسي -> روسية, روسيون..."""
    stem = normalize(masc)
    # no ـيات: مجريات is "the course of events" far more often than "Hungarian women"
    for suffix, plural in (("", False), ("ه", False), ("ون", True), ("ين", True)):
        yield stem + suffix, plural


def _load_nationalities(lex: Lexicons) -> None:
    table: dict[str, Nationality] = {}
    for row in _rows("gazetteer", "nationalities.tsv"):
        masc, adj_en, people_en = row[0], row[1], row[2]
        country = row[3] if len(row) > 3 else ""
        forms = list(nationality_forms(masc))
        if len(row) > 4 and row[4]:
            forms += [(normalize(b), True) for b in row[4].split("|")]
        for form, plural in forms:
            for key in (form, "ال" + form):
                table.setdefault(key, Nationality(adj_en, people_en, country, plural))
    lex.nationalities = table


# Tables of known organisations (same columns), read in this order; a form listed twice
# keeps its first row.
ORG_TABLES = ("known.tsv", "bodies.tsv", "media.tsv", "clubs.tsv", "companies.tsv")
ORG_CUES = ("media", "sport")


def _load_small_tables(lex: Lexicons) -> None:
    for row in _rows("titles", "titles.tsv"):
        key = phrase_key(row[0])
        lex.titles[key] = Title(key, row[1], row[2], row[3] if len(row) > 3 else "opt")
    for row in _rows("orgs", "parts.tsv"):
        key = phrase_key(row[0])
        part = OrgPart(row[1], row[2], row[3] if len(row) > 3 else "")
        lex.org_parts[key] = part
        if "الشوون" in key:  # الشئون, the other common spelling of الشؤون
            lex.org_parts.setdefault(key.replace("الشوون", "الشيون"), part)
    for name in ORG_TABLES:
        for row in _rows("orgs", name):
            strength = row[4]
            known = KnownOrg(row[1], row[2], row[3], strength == "strong",
                             strength if strength in ORG_CUES else "")
            key = phrase_key(row[0])
            lex.known_orgs.setdefault(key, known)  # the first table wins
            # فيسبوك alone loses its ف to the clitic splitter, not after و: both forms
            plain = " ".join(normalize(w) for w in row[0].split())
            if plain != key:
                lex.known_orgs.setdefault(plain, known)
    for row in _rows("gazetteer", "persons.tsv"):
        surnames = tuple(phrase_key(s) for s in row[2].split("|")) if len(row) > 2 and row[2] else ()
        lex.persons[phrase_key(row[0])] = KnownPerson(row[1], surnames)
    for row in _rows("gazetteer", "name_overrides.tsv"):
        key = phrase_key(row[0])
        if " " not in row[0].strip() and key != normalize(row[0]):
            key = normalize(row[0])  # فيصل, whose ف the clitic splitter takes for a particle
        lex.name_overrides[key] = row[1]
    lex.stopwords = frozenset(normalize(r[0]) for r in _rows("titles", "stopwords.txt"))


def _load_names(lex: Lexicons) -> None:
    for row in _rows("gazetteer", "name_tokens.tsv", required=False):
        if len(row) >= 4:
            variants = tuple((v.rpartition(":")[0], int(v.rpartition(":")[2]))
                             for v in row[4].split("|")) if len(row) > 4 and row[4] else ()
            common = len(row) > 5 and row[5] == "1"
            lex.name_tokens[row[0]] = NameToken(row[1], int(row[2]), int(row[3]), variants, common)
    for row in _rows("gazetteer", "arabic_names.tsv", required=False):
        if len(row) == 2:
            lex.arabic_names[row[0]] = row[1]


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """Every entity lexicon, read once per process."""
    lex = Lexicons()
    _load_small_tables(lex)
    _load_nationalities(lex)
    _load_places(lex)
    _load_names(lex)
    return lex
