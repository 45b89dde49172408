"""Calendar arithmetic behind relative and partial dates."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.dates import resolve as R

THURSDAY = date(2023, 9, 28)


@pytest.mark.parametrize(("weekday", "rel", "future", "expected"), [
    (3, None, False, date(2023, 9, 28)),  # the same day: the publication date
    (1, None, False, date(2023, 9, 26)),
    (4, None, False, date(2023, 9, 22)),
    (4, None, True, date(2023, 9, 29)),
    (3, None, True, date(2023, 9, 28)),
    (3, -1, False, date(2023, 9, 21)),
    (1, -1, False, date(2023, 9, 26)),
    (3, 1, False, date(2023, 10, 5)),
    (5, 1, False, date(2023, 9, 30)),
    (1, -2, False, date(2023, 9, 19)),
    (6, 0, False, date(2023, 10, 1)),  # the nearest Sunday, three days ahead
    (2, 0, False, date(2023, 9, 27)),
])
def test_weekday_date(weekday: int, rel: int | None, future: bool, expected: date) -> None:
    assert R.weekday_date(THURSDAY, weekday, rel=rel, future=future) == expected


@pytest.mark.parametrize(("month", "day", "rel", "future", "year"), [
    (8, None, None, False, 2023),
    (9, 30, None, False, 2023),
    (12, None, None, False, 2022),
    (12, None, None, True, 2023),
    (3, None, None, True, 2024),
    (9, None, -1, False, 2022),
    (9, 17, -1, False, 2023),
    (9, 29, -1, False, 2022),
    (9, None, 1, False, 2024),
    (10, None, 1, False, 2023),
    (9, 29, 1, False, 2023),
    (1, None, 0, False, 2023),
])
def test_year_for(month: int, day: int | None, rel: int | None, future: bool, year: int) -> None:
    assert R.year_for(2023, 9, 28, month, day, rel=rel, future=future) == year


def test_units_and_ago() -> None:
    assert R.unit_value(THURSDAY, "week", -1) == "2023-09-21"
    assert R.unit_value(date(2023, 10, 3), "week", -1) == "2023-09-26"
    assert R.unit_value(THURSDAY, "month", 4) == "2024-01"
    assert R.unit_value(THURSDAY, "year", -2) == "2021"
    assert R.ago_value(THURSDAY, "day", 3) == "2023-09-25"
    assert R.ago_value(THURSDAY, "week", 2) == "2023-09-14"
    assert R.ago_value(THURSDAY, "month", 10) == "2022-11"
    assert R.ago_value(date(5, 1, 1), "year", 10) is None


def test_hijri_placements() -> None:
    assert R.hijri_to_gregorian(1436, 10, 5) == date(2015, 7, 21)
    assert R.hijri_to_gregorian(1600, 1, 1) is None
    assert R.hijri_month_middle(1444, 9) == date(2023, 4, 6)
    middle = R.hijri_year_middle(1445)
    assert middle is not None and middle.year == 2024
    assert R.to_hijri(THURSDAY) == (1445, 3, 13)
    assert R.to_hijri(date(1800, 1, 1)) is None


def test_parse_published() -> None:
    assert R.parse_published("2023-09-28T10:30:00+03:00") == THURSDAY
    assert R.parse_published("yesterday") is None
    assert R.parse_published(None) is None
