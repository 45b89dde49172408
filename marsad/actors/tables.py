"""The actor tables, read once per process from ``marsad/data/actors/``.

- ``sectors.tsv``: words that tell a sector (وزير GOV, مسلحون UAF, الشرطة COP), each with
  the rank that decides between several words of one phrase;
- ``actors.tsv``: named actors with their country and sector (الأمم المتحدة IGO, حماس PSE
  REB, بوتين RUS GOV);
- ``nationalities.tsv``: nationality adjectives beyond the entity gazetteer's, which
  ``load_tables`` joins with it (روسي RUS, الليبية LBY);
- ``outlets.tsv``: news outlets (web domains, outlet ids) and the country each publishes
  from, an article's home country when its text names none.

Every form is keyed by its matching form (``phrase_key``: normalised, particles set
aside), so ``وللشرطة`` finds ``الشرطة``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..document import Entity
from ..errors import ModelError
from ..lexicons.matcher import phrase_key
from ..lexicons.tables import Lexicons, load_lexicons, nationality_forms

SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI", "PTY", "OPP", "REB", "UAF", "INS", "SEP",
    "CRM", "CVL", "MED", "EDU", "BUS", "REL", "HLH", "LAB", "AGR", "REF", "NGO", "IGO", "HRI",
    "ENV",
})
# Sectors whose actor, with no country written, belongs to the country the text is about
# (``DocContext.home``): الجيش، وزارة الداخلية، السكان، الطلاب. Armed groups, criminals and
# international bodies do not: مسلحون are no one's until the text says whose.
HOME_SECTORS = SECTORS - {"UAF", "INS", "REB", "CRM", "SEP", "IGO", "NGO", "HRI", "ENV"}
MAX_WORDS = 3  # the longest form in sectors.tsv, in words
KNOWN_ORG_TYPES = frozenset({"ORG", "FAC", "MISC"})  # entity types an ORG row codes


@dataclass(frozen=True, slots=True)
class SectorWord:
    sector: str
    rank: int
    country: str | None = None


@dataclass(frozen=True, slots=True)
class KnownActor:
    type: str
    country: str | None
    sector: str | None


@dataclass
class ActorTables:
    words: dict[str, SectorWord] = field(default_factory=dict)
    bare_words: dict[str, SectorWord] = field(default_factory=dict)  # keys without ال
    known: dict[str, KnownActor] = field(default_factory=dict)
    nationalities: dict[str, str] = field(default_factory=dict)  # form -> alpha-3
    outlets: dict[str, str] = field(default_factory=dict)  # domain or outlet id -> alpha-3
    alpha3: dict[str, str] = field(default_factory=dict)  # alpha-2 -> alpha-3

    def sector_word(self, key: str) -> SectorWord | None:
        found = self.words.get(key)
        if found is None:
            found = self.bare_words.get(bare_key(key))
        return found

    def nationality(self, form: str) -> str | None:
        return self.nationalities.get(form)

    def known_actor(self, ent: Entity, keys: list[str]) -> KnownActor | None:
        """The row naming this entity: one of its names exactly, else (a person) the
        longest row name its name starts with (سلمان بن عبدالعزيز آل سعود)."""
        wanted = ("PER",) if ent.type == "PER" else ("ORG",) if ent.type in KNOWN_ORG_TYPES \
            else ()
        for key in keys:
            found = self.known.get(key)
            if found is not None and found.type in wanted:
                return found
        if ent.type == "PER":
            for key in keys:
                words = key.split()
                for n in range(len(words) - 1, 1, -1):
                    found = self.known.get(" ".join(words[:n]))
                    if found is not None and found.type == "PER":
                        return found
        return None

    def outlet_country(self, url: str | None, source: str | None) -> str | None:
        """The country an article is published from: its URL's domain (a known outlet,
        else a country's top-level domain), else its outlet id."""
        from urllib.parse import urlparse

        host = (urlparse(url).hostname or "") if url else ""
        labels = host.lower().split(".") if host else []
        for i in range(len(labels) - 1):
            found = self.outlets.get(".".join(labels[i:]))
            if found:
                return found
        if labels and len(labels[-1]) == 2:
            code = self.country_code("GB" if labels[-1] == "uk" else labels[-1])
            if code:
                return code
        return self.outlets.get((source or "").strip().lower()) or None

    def country_code(self, alpha2: str | None) -> str | None:
        """ISO alpha-3 for an alpha-2 code (the gazetteers' form); None when unknown."""
        if not alpha2:
            return None
        if len(alpha2) == 3 and alpha2.isupper():
            return alpha2
        return self.alpha3.get(alpha2.upper())


def bare_key(key: str) -> str:
    """A matching form with the article of each word set aside (الشرطة العراقية -> شرطه عراقيه)."""
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in key.split())


def _rows(name: str) -> Iterator[tuple[int, list[str]]]:
    path = resources.files("marsad") / "data" / "actors" / name
    if not path.is_file():
        raise ModelError("actor table missing", where=f"marsad/data/actors/{name}")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def _code(value: str, *, where: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if len(value) != 3 or not value.isalpha() or not value.isupper():
        raise ModelError(f"{value!r} is not an ISO 3166-1 alpha-3 code", where=where)
    return value


def _sector(value: str, *, where: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if value not in SECTORS:
        raise ModelError(f"unknown sector {value!r}", where=where)
    return value


def _alpha3_table() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table.setdefault("XK", "XKX")  # Kosovo: a user-assigned code, as most event data use
    return table


def _load_sectors(tables: ActorTables) -> None:
    for number, row in _rows("sectors.tsv"):
        where = f"marsad/data/actors/sectors.tsv:{number}"
        if len(row) < 3:
            raise ModelError("a row needs forms, sector and rank", where=where)
        sector = _sector(row[1], where=where)
        try:
            rank = int(row[2])
        except ValueError as e:
            raise ModelError(f"rank {row[2]!r} is not a number", where=where) from e
        country = _code(row[3], where=where) if len(row) > 3 else None
        if sector is None:
            raise ModelError("a row needs a sector", where=where)
        entry = SectorWord(sector, rank, country)
        for form in row[0].split("|"):
            key = phrase_key(form)
            if not key:
                continue
            if len(key.split()) > MAX_WORDS:
                raise ModelError(f"{form!r} has more than {MAX_WORDS} words", where=where)
            old = tables.words.get(key)
            if old is not None and old != entry:
                raise ModelError(f"{form!r} is listed twice with different codes", where=where)
            tables.words[key] = entry
    for key, entry in list(tables.words.items()):
        for variant in word_variants(key):
            tables.words.setdefault(variant, entry)
    for key, entry in tables.words.items():
        tables.bare_words.setdefault(bare_key(key), entry)


def word_variants(key: str) -> list[str]:
    """Case forms a table word takes in text and the table need not list: the indefinite
    accusative (انتحاريا، مصورا) and the sound plural before its complement (متظاهرو،
    مقاتلي). Only for one-word forms without the article."""
    if " " in key or key.startswith("ال") or len(key) < 3:
        return []
    out = [key + "ا"] if not key.endswith(("ا", "ه", "ى")) else []
    if key.endswith(("ون", "ين")) and len(key) > 4:
        out.append(key[:-1])
    return out


def _load_known(tables: ActorTables) -> None:
    for number, row in _rows("actors.tsv"):
        where = f"marsad/data/actors/actors.tsv:{number}"
        if len(row) < 4:
            raise ModelError("a row needs names, type, country and sector", where=where)
        if row[1] not in ("PER", "ORG"):
            raise ModelError(f"type {row[1]!r} is not PER or ORG", where=where)
        actor = KnownActor(row[1], _code(row[2], where=where), _sector(row[3], where=where))
        for name in row[0].split("|"):
            key = phrase_key(name)
            if key:
                tables.known.setdefault(key, actor)


def _load_outlets(tables: ActorTables) -> None:
    for number, row in _rows("outlets.tsv"):
        where = f"marsad/data/actors/outlets.tsv:{number}"
        code = _code(row[1] if len(row) > 1 else "", where=where)
        if code is None:
            raise ModelError("a row needs a country code", where=where)
        for name in row[0].split("|"):
            if name.strip():
                tables.outlets[name.strip().lower()] = code


def _load_nationalities(tables: ActorTables, lex: Lexicons) -> None:
    for form, nat in lex.nationalities.items():
        code = tables.country_code(nat.country)
        if code:
            tables.nationalities[form] = code
    for number, row in _rows("nationalities.tsv"):
        where = f"marsad/data/actors/nationalities.tsv:{number}"
        code = _code(row[1] if len(row) > 1 else "", where=where)
        if code is None:
            raise ModelError("a row needs a country code", where=where)
        for form, _plural in nationality_forms(row[0]):
            for key in (form, "ال" + form):
                tables.nationalities.setdefault(key, code)
    for form, code in list(tables.nationalities.items()):
        for key in nationality_variants(form):
            tables.nationalities.setdefault(key, code)


def nationality_variants(form: str) -> list[str]:
    """The accusative (عراقيا، فرنسيا) and the dual (جورجيان، جورجيتين) of a masculine
    singular adjective; Russia is written روسيا too, with the same country."""
    if not form.endswith("ي") or len(form) < 4:
        return []
    return [form + "ا", form + "ان", form + "تين", form + "تان"]


@lru_cache(maxsize=1)
def load_tables() -> ActorTables:
    """Every actor table, read once per process."""
    tables = ActorTables(alpha3=_alpha3_table())
    _load_sectors(tables)
    _load_known(tables)
    _load_outlets(tables)
    _load_nationalities(tables, load_lexicons())
    return tables
