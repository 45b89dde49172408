"""Newsroom spellings over the compiled sources (names written for these tests)."""

from __future__ import annotations

import pytest

from marsad.lexicons.tables import Place
from marsad.linking import english_name
from marsad.linking.newsroom import place_english


def _city(name_en: str, country: str, kind: str = "city") -> Place:
    return Place("GPE", kind, name_en, country, "", None, None, 0, "world-cities")


@pytest.mark.parametrize(("arabic", "etype", "english"), [
    ("الحلة", "GPE", "Hilla"),                 # world-cities: Al Hillah
    ("الناصرية", "GPE", "Nasiriyah"),
    ("شمال أفريقيا", "LOC", "North Africa"),    # CLDR: Northern Africa
    ("شرق أفريقيا", "LOC", "East Africa"),
    ("الكويت", "GPE", "Kuwait"),               # the country, not Kuwait City
    ("جماعة الإخوان", "ORG", "Muslim Brotherhood"),
    ("حركة طالبان", "ORG", "Taliban"),
    ("عبد الملك بدر", "PER", "Abdul Malik Badr"),
])
def test_newsroom_spellings(arabic: str, etype: str, english: str) -> None:
    assert english_name(arabic, etype) == english


def test_arab_city_drops_the_article_no_table_lists() -> None:
    assert place_english("xx", _city("Al Qurnah", "IQ")) == "Qurnah"
    assert place_english("xx", _city("Al Ain", "OM")) == "Al Ain"  # too short to strip
    assert place_english("xx", _city("Los Angeles", "US")) == "Los Angeles"
    assert place_english("xx", _city("Al Qurnah", "IQ", kind="country")) == "Al Qurnah"


def test_fully_vocalised_family_names_are_spelled_letter_by_letter() -> None:
    from marsad.linking.names import spell_vocalised
    from marsad.text import normalize

    assert spell_vocalised(normalize("البوعيشي")[2:]) == "Bouaishi"
    assert spell_vocalised(normalize("الفيتوري")[2:]) == "Fitouri"
    # a short vowel is not written between ل and ب: no guess
    assert spell_vocalised(normalize("الحلبي")[2:]) is None
