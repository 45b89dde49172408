"""Hand-written newsroom spellings that override what the compiled sources inherit.

- ``leaders.tsv``: well-known people of recent years (heads of state and government,
  ministers, UN officials, Arab leaders) -> the English name newsrooms write;
- ``newsroom_places.tsv``: Arab cities -> the newsroom spelling (Basra, not Al Basrah);
- ``region_names.tsv``: CLDR region names -> newsroom forms (North Africa).

Plus one rule for Arab cities no table lists: the article that world-cities keeps at the
start of an English city name (Al Fallujah) is dropped (Fallujah), as newsrooms write it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..lexicons.matcher import phrase_key
from ..lexicons.tables import Place

# Off only to measure the general mechanisms alone (evaluate --no-tables).
ENABLED = True
_DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
# Countries whose city names carry the Arabic article in world-cities' English.
ARAB_COUNTRIES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split())
_ARTICLE = re.compile(r"^(?:Al|El|Ad|Adh|An|Ar|As|Ash|At|Ath|Az)[ -](?=[A-Z])")


def _rows(name: str) -> list[list[str]]:
    path = _DATA / name
    if not path.is_file():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def leaders() -> dict[str, str]:
    """phrase_key of a full Arabic name -> English name."""
    return _leaders() if ENABLED else {}


@lru_cache(maxsize=1)
def _leaders() -> dict[str, str]:
    return {phrase_key(r[0]): r[1] for r in _rows("leaders.tsv") if len(r) >= 2}


@lru_cache(maxsize=1)
def newsroom_places() -> dict[str, dict[str, str]]:
    """phrase_key of an Arabic city name -> {country code: English}."""
    table: dict[str, dict[str, str]] = {}
    for r in _rows("newsroom_places.tsv"):
        if len(r) >= 3:
            table.setdefault(phrase_key(r[0]), {})[r[1]] = r[2]
    return table


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("region_names.tsv") if len(r) >= 2}


def place_english(key: str, place: Place | None) -> str | None:
    """The newsroom English of a place found (or not) in the gazetteer under ``key``."""
    spellings = newsroom_places().get(key, {}) if ENABLED else {}
    if place is None:
        return next(iter(spellings.values())) if len(spellings) == 1 else None
    if place.kind == "country":
        return region_names().get(place.name_en, place.name_en)  # Türkiye -> Turkey
    if place.country in spellings:
        return spellings[place.country]
    english = region_names().get(place.name_en, place.name_en)
    if place.kind == "city" and place.country in ARAB_COUNTRIES:
        stripped = _ARTICLE.sub("", english)
        if len(stripped) >= 4:
            return stripped
    return english
