"""Entity resolution helpers: English names, places on the map, the gazetteer.

The public surface used by the linking stage and by the entity store::

    english_name("خليفة حفتر", "PER")            -> "Khalifa Haftar"
    english_name("الجيش الليبي", "ORG")          -> "Libyan Army"
    english_name("موسكو", "GPE")                 -> "Moscow"
    link_place("طرابلس", countries=("LB",))      -> Place(Tripoli, LB, geonames 266826)

Names are Arabic as written (clitic particles already removed); they are normalised
here. Nothing is downloaded: every table ships in ``marsad/data/``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lexicons.matcher import phrase_key
from ..lexicons.tables import Lexicons, Place, load_lexicons
from ..text import normalize
from .geo import choose_place, direction_region, geo_attrs, kb_ref, lookup_place
from .names import PersonNamer, default_person_namer
from .newsroom import place_english
from .orgs import compose_org_english

__all__ = ["english_name", "english_name_scored", "link_place", "PersonNamer", "geo_attrs",
           "kb_ref", "choose_place", "normalize_name", "MIN_PERSON_CONFIDENCE"]

# A person's English name is given only when at least this confident (see names.py).
MIN_PERSON_CONFIDENCE = 0.5


def normalize_name(name: str) -> str:
    """The matching key of a name (folded letters, clitic particles set aside)."""
    return phrase_key(name.replace('"', " ").replace("«", " ").replace("»", " "))


def link_place(name: str, countries: Iterable[str] = (), *,
               lexicons: Lexicons | None = None) -> Place | None:
    """The gazetteer place a name most likely denotes, given the article's countries."""
    return lookup_place(normalize_name(name), tuple(countries), lexicons=lexicons)


def english_name_scored(name: str, type: str, *, countries: Iterable[str] = (),
                        lexicons: Lexicons | None = None,
                        namer: PersonNamer | None = None) -> tuple[str | None, float]:
    """English name and confidence for an Arabic entity name of the given type."""
    lex = lexicons or load_lexicons()
    key = normalize_name(name)
    if not key:
        return None, 0.0
    context = tuple(countries)
    if type == "PER":
        return (namer or default_person_namer()).english(name)
    if type in ("GPE", "LOC", "FAC"):
        place = lookup_place(key, context, lexicons=lex) or lookup_place(
            " ".join(normalize(name).split()), context, lexicons=lex)
        english = place_english(key, place)
        if english is not None:
            return english, 1.0
        region = direction_region(key, lexicons=lex)
        if region is not None:
            return region[0], 0.9
    if type == "NORP":
        nat = lex.nationalities.get(key)
        return (nat.people_en, 1.0) if nat else (None, 0.0)
    if type in ("ORG", "FAC", "LOC", "GPE", "MISC"):
        english = compose_org_english(key, lexicons=lex, countries=context)
        if english:
            return english, 0.8
    return None, 0.0


def english_name(name: str, type: str, *, countries: Iterable[str] = (),
                 lexicons: Lexicons | None = None) -> str | None:
    """The English name an English-language newsroom would write, or None when unsure."""
    english, confidence = english_name_scored(name, type, countries=countries, lexicons=lexicons)
    if type == "PER" and confidence < MIN_PERSON_CONFIDENCE:
        return None
    return english
