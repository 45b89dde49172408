"""Places on the map: an Arabic place name -> its gazetteer entry, GeoNames id and point.

A name can denote several places (طرابلس is Tripoli in Libya and in Lebanon; موسكو is
Moscow, Russia, and Moscow, Idaho). The choice, in order: a place in a country the article
names; then countries before regions before cities; then the larger population.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ..lexicons.tables import Lexicons, Place, load_lexicons

_KIND_RANK = {"country": 0, "admin": 1, "region": 2, "city": 3}
# Direction words that make a region of a country: شرق ليبيا, الشرق الليبي -> eastern Libya.
DIRECTIONS = {"شرق": "eastern", "غرب": "western", "شمال": "northern", "جنوب": "southern",
              "وسط": "central", "الشرق": "eastern", "الغرب": "western", "الشمال": "northern",
              "الجنوب": "southern", "الوسط": "central", "شمال شرق": "northeastern",
              "شمال غرب": "northwestern", "جنوب شرق": "southeastern", "جنوب غرب": "southwestern"}


def choose_place(candidates: Iterable[Place], countries: Iterable[str] = ()) -> Place | None:
    """The most likely of several places with one name, given the article's countries."""
    context = set(countries)
    best: Place | None = None
    best_key: tuple[int, int, float] | None = None
    for place in candidates:
        in_context = 0 if place.country and place.country in context else 1
        key = (in_context, _KIND_RANK.get(place.kind, 4), -math.log10(place.population + 10))
        if best_key is None or key < best_key:
            best, best_key = place, key
    return best


def lookup_place(key: str, countries: Iterable[str] = (), *,
                 lexicons: Lexicons | None = None) -> Place | None:
    """The place a normalised name (a ``phrase_key``) most likely denotes here."""
    lex = lexicons or load_lexicons()
    cands = lex.places.get(key) or lex.place_forms.get(key)
    if not cands:
        return None
    return choose_place(cands, countries)


def direction_region(key: str, *, lexicons: Lexicons | None = None) -> tuple[str, str] | None:
    """(English, country code) for شرق ليبيا / الشرق الليبي style regions, else None."""
    lex = lexicons or load_lexicons()
    words = key.split()
    for n in (2, 1):
        if len(words) <= n:
            continue
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if head not in DIRECTIONS:
            continue
        place = lookup_place(rest, lexicons=lex)
        if place is not None and place.kind == "country" and not head.startswith("ال"):
            return f"{DIRECTIONS[head]} {place.name_en}", place.country
        nat = lex.nationalities.get(rest)
        if nat is not None and head.startswith("ال") and nat.country and not nat.plural:
            country = lookup_country(nat.country, lexicons=lex)
            if country is not None:
                return f"{DIRECTIONS[head]} {country.name_en}", nat.country
    return None


# Kingdoms that المملكة ("the Kingdom") alone may name: the first of them the article names,
# else Saudi Arabia (the kingdom of most Arabic news that says just "the Kingdom").
KINGDOM = "المملكه"
KINGDOMS = ("SA", "JO", "MA", "BH", "GB", "ES", "NL", "BE", "NO", "SE", "DK", "TH", "JP")


def home_kingdom(countries: Iterable[str], *, lexicons: Lexicons | None = None) -> Place | None:
    """The country المملكة names in an article that names ``countries`` (most named first):
    Saudi Arabia whenever the article names it (a Saudi paper writing about Bahrain still
    means its own kingdom), else the most named kingdom, else Saudi Arabia."""
    named = list(countries)
    code = "SA" if "SA" in named else next((c for c in named if c in KINGDOMS), "SA")
    return lookup_country(code, lexicons=lexicons)


def lookup_country(code: str, *, lexicons: Lexicons | None = None) -> Place | None:
    lex = lexicons or load_lexicons()
    return _country_index(lex).get(code)


_COUNTRY_CACHE: dict[int, dict[str, Place]] = {}


def _country_index(lex: Lexicons) -> dict[str, Place]:
    index = _COUNTRY_CACHE.get(id(lex))
    if index is None:
        index = {}
        for places in lex.places.values():
            for p in places:
                if p.kind == "country" and p.source == "cldr":
                    index.setdefault(p.country, p)
        _COUNTRY_CACHE[id(lex)] = index
    return index


def geo_attrs(place: Place) -> dict[str, Any]:
    """The ``geo`` attribute of an entity: point (when known) and country code."""
    geo: dict[str, Any] = {}
    if place.lat is not None and place.lon is not None:
        geo["lat"] = place.lat
        geo["lon"] = place.lon
        if place.kind == "country":
            geo["point"] = "capital"  # a country is drawn at its capital
    if place.country:
        geo["country"] = place.country
    return geo


def kb_ref(place: Place) -> dict[str, str] | None:
    if place.geonameid:
        return {"source": "geonames", "id": place.geonameid}
    return None
