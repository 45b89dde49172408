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
from dataclasses import dataclass

from ..lexicons.matcher import phrase_key
from ..lexicons.tables import Lexicons, Place, load_lexicons
from ..text import normalize
from .geo import (
    KINGDOM,
    choose_place,
    direction_region,
    geo_attrs,
    home_kingdom,
    kb_ref,
    lookup_place,
)
from .names import PersonNamer, default_person_namer
from .newsroom import place_english
from .orgs import compose_org

__all__ = ["english_name", "english_name_scored", "english_name_sourced", "EnglishName",
           "link_place", "PersonNamer", "geo_attrs",
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


@dataclass(frozen=True)
class EnglishName:
    """An English name with how sure Marsad is of it and where it comes from.

    ``source``: ``table`` (a table of whole names: hand-written, CLDR, GeoNames, the
    known-organisation list), ``wikidata`` (a Wikidata label: world-cities, or a spelling
    attested by the Wikidata name tokens for every word), ``compositional`` (an
    organisation, facility or region put together from known parts in English word order),
    ``transliteration`` (spelled word by word, the unknown words by the learned romaniser);
    ``""`` with ``text`` None when Marsad has no English at all.
    """

    text: str | None
    confidence: float
    source: str


NO_NAME = EnglishName(None, 0.0, "")
# Where a place's English comes from, by the gazetteer row's source.
_PLACE_SOURCES = {"world-cities": "wikidata"}


# Administrative heads that English keeps after the place's name (منطقة عسير -> Asir
# Region, محافظة عدن -> Aden Governorate); ولاية and مدينة are dropped (Oklahoma, Jeddah).
_ADMIN_HEADS = {"منطقه": "Region", "محافظه": "Governorate", "اقليم": "Province",
                "مقاطعه": "Province"}
_DROPPED_HEADS = {"ولايه", "مدينه", "بلده", "قريه"}


def admin_english(key: str, english: str) -> str:
    """The English of a place named with its administrative head: X Region."""
    head = key.split(" ", 1)[0]
    suffix = _ADMIN_HEADS.get(head)
    if suffix is None or " " not in key or english.endswith(tuple(_ADMIN_HEADS.values())):
        return english
    return f"{english} {suffix}"


def english_name_sourced(name: str, type: str, *, countries: Iterable[str] = (),
                         lexicons: Lexicons | None = None,
                         namer: PersonNamer | None = None,
                         transliterate: bool = True) -> EnglishName:
    """English name, confidence and source for an Arabic entity name of the given type.

    With ``transliterate``, a name no table or composition knows is spelled word by word
    (people's names, and for other types the name words of the romaniser), so that every
    entity gets an English name; its confidence says it is a transliteration.
    """
    lex = lexicons or load_lexicons()
    key = normalize_name(name)
    if not key:
        return NO_NAME
    context = tuple(countries)
    namer = namer or default_person_namer()
    if type == "PER":
        person = namer.named(name)
        return EnglishName(person.english, person.confidence, person.source) \
            if person.english else NO_NAME
    if type == "GPE" and key == KINGDOM:
        kingdom = home_kingdom(context, lexicons=lex)
        if kingdom is not None:
            return EnglishName(kingdom.name_en, 0.8, "table")
    if type in ("GPE", "LOC", "FAC"):
        place = lookup_place(key, context, lexicons=lex) or lookup_place(
            " ".join(normalize(name).split()), context, lexicons=lex)
        english = place_english(key, place)
        if english is not None and place is not None and place.kind != "country":
            english = admin_english(key, english)
        if english is not None:
            source = _PLACE_SOURCES.get(place.source, "table") if place is not None \
                and english == place.name_en else "table"
            return EnglishName(english, 1.0 if source == "table" else 0.95, source)
        region = direction_region(key, lexicons=lex)
        if region is not None:
            return EnglishName(region[0], 0.9, "compositional")
        head, _, rest = key.partition(" ")
        if head in _ADMIN_HEADS or head in _DROPPED_HEADS:
            inner = english_name_sourced(name.split(" ", 1)[1], type, countries=context,
                                         lexicons=lex, namer=namer, transliterate=transliterate)
            if inner.text:
                text = inner.text if head in _DROPPED_HEADS else admin_english(key, inner.text)
                source = "transliteration" if inner.source == "transliteration" else "compositional"
                return EnglishName(text, min(inner.confidence, 0.9), source)
    if type == "NORP":
        nat = lex.nationalities.get(key)
        return EnglishName(nat.people_en, 1.0, "table") if nat else NO_NAME
    if type in ("ORG", "FAC", "LOC", "GPE", "MISC"):
        known = lex.known_orgs.get(key)
        if known is not None and (known.strong or (known.cue and type == "ORG")):
            return EnglishName(known.english, 1.0, "table")
        spell = (lambda words: namer.named(words).english) if transliterate else None
        composed = compose_org(name, lexicons=lex, countries=context, spell=spell)
        if composed is not None:
            confidence = 0.8 if not composed.spelled else 0.6
            return EnglishName(composed.text, confidence, "compositional")
    if transliterate and type != "NORP":
        person = namer.named(name)
        if person.english:
            return EnglishName(person.english, min(person.confidence, 0.5), "transliteration")
    return NO_NAME


def english_name_scored(name: str, type: str, *, countries: Iterable[str] = (),
                        lexicons: Lexicons | None = None,
                        namer: PersonNamer | None = None) -> tuple[str | None, float]:
    """English name and confidence for an Arabic entity name of the given type (no
    transliteration of names that are not people's)."""
    found = english_name_sourced(name, type, countries=countries, lexicons=lexicons,
                                 namer=namer, transliterate=False)
    return found.text, found.confidence


def english_name(name: str, type: str, *, countries: Iterable[str] = (),
                 lexicons: Lexicons | None = None) -> str | None:
    """The English name an English-language newsroom would write, or None when unsure."""
    english, confidence = english_name_scored(name, type, countries=countries, lexicons=lexicons)
    if type == "PER" and confidence < MIN_PERSON_CONFIDENCE:
        return None
    return english
