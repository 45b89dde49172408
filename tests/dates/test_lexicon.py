"""The date lexicons: readable data files, each with its source, loaded once."""

from __future__ import annotations

from importlib import resources

import pytest

from marsad.dates.lexicon import load_lexicon
from marsad.text.normalize import normalize

FILES = ["months.tsv", "hijri_months.tsv", "weekdays.tsv", "ordinals.tsv", "numbers.tsv",
         "words.tsv", "holidays.tsv", "decades.tsv"]


@pytest.mark.parametrize("name", FILES)
def test_every_lexicon_says_where_its_words_come_from(name: str) -> None:
    text = (resources.files("marsad") / "data" / "dates" / name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Written for Marsad" in line for line in header), name


def test_every_month_and_weekday_is_covered() -> None:
    lex = load_lexicon()
    assert set(lex.months.values()) == set(range(1, 13))
    assert set(lex.hijri_months.values()) == set(range(1, 13))
    assert set(lex.weekdays.values()) == set(range(7))
    assert set(lex.ordinals.values()) == set(range(1, 32))
    for form in ("أغسطس", "اغسطس", "كانون الثاني", "جانفي", "يوليوز", "غشت", "شتنبر", "دجنبر"):
        assert normalize(form) in lex.months, form


def test_the_lexicon_loads_once() -> None:
    assert load_lexicon() is load_lexicon()


def test_holidays_fall_on_their_dates() -> None:
    lex = load_lexicon()
    assert lex.holidays[normalize("عيد الفطر")] == ("hijri", 10, 1)
    assert lex.holidays[normalize("عيد الأضحى")] == ("hijri", 12, 10)
    assert all(cal in ("hijri", "gregorian") and 1 <= m <= 12 and 1 <= d <= 31
               for cal, m, d in lex.holidays.values())
    assert set(lex.decades.values()) == set(range(20, 100, 10))
