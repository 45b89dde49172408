"""Calendar arithmetic: placing a partial or relative date against the publication date.

Every rule here is documented in ``docs/dates.md``. ``rel`` is the qualifier's offset:
``None`` (no qualifier), ``-1`` الماضي, ``0`` الجاري, ``+1`` المقبل, ``-2`` قبل الماضي,
``+2`` بعد المقبل. ``future`` says the context is in the future tense.
"""

from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri

YEAR_MIN, YEAR_MAX = 1000, 2199  # a Gregorian year written with عام/سنة/م
HIJRI_MIN, HIJRI_MAX = 1343, 1500  # the span hijridate's Umm al-Qura tables cover
# A four-digit year from here to HIJRI_MAX in a numeric date (1445/9/1) or after a Hijri
# month is read as Hijri even without هـ: no Gregorian year of modern news falls there.
HIJRI_WRITTEN_MIN = 1300


def parse_published(published: str | None) -> date | None:
    """The publication date, from an ISO string (a time part is ignored); None if unusable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_year(year: int) -> str:
    return f"{year:04d}"


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


# A day or month written without a year that falls this many days after the publication
# date is read as coming soon (تاريخ التوزيع 13 أغسطس, published 23 July), not as the same
# day of last year: news reports on the past, but not from eleven months back without a
# year or الماضي.
NEAR_FUTURE_DAYS = 45


def is_near_future(pub: date, day: date) -> bool:
    return 0 < (day - pub).days <= NEAR_FUTURE_DAYS


def nearest_year_date(anchor: date, month: int, day: int) -> date | None:
    """The date with this month and day nearest to ``anchor`` (the year before, of, after)."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if (d := make_date(y, month, day)) is not None]
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def year_for(pub_year: int, pub_month: int, pub_day: int, month: int, day: int | None,
             *, rel: int | None, future: bool) -> int:
    """The year of a month (and day) written without one, in any calendar.

    No qualifier: the publication year, unless the month comes after the publication
    month (then the year before: news mostly reports the past), or, in a future
    context, before it (then the year after). الماضي: the latest such month (or day)
    strictly before the publication date; المقبل: the first strictly after; الجاري: the
    publication year.
    """
    if rel is None:
        if future:
            return pub_year + 1 if month < pub_month else pub_year
        return pub_year - 1 if month > pub_month else pub_year
    if rel == 0:
        return pub_year
    if day is None:
        before = month < pub_month
        after = month > pub_month
    else:
        before = (month, day) < (pub_month, pub_day)
        after = (month, day) > (pub_month, pub_day)
    if rel < 0:
        year = pub_year if before else pub_year - 1
        return year + rel + 1  # قبل الماضي: one more year back
    year = pub_year if after else pub_year + 1
    return year + rel - 1


def weekday_date(pub: date, weekday: int, *, rel: int | None, future: bool) -> date:
    """The date of a named weekday relative to the publication date."""
    back = (pub.weekday() - weekday) % 7  # days back to the latest such day, 0 = today
    ahead = (weekday - pub.weekday()) % 7  # days ahead to the next such day, 0 = today
    if rel is None:
        return pub + timedelta(days=ahead) if future else pub - timedelta(days=back)
    if rel == 0:
        return pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)
    if rel < 0:
        return pub - timedelta(days=(back or 7) + 7 * (-rel - 1))
    return pub + timedelta(days=(ahead or 7) + 7 * (rel - 1))


def unit_value(pub: date, unit: str, offset: int) -> str:
    """الأسبوع/الشهر/العام with an offset: weeks give the month of their middle day."""
    if unit == "year":
        return iso_year(pub.year + offset)
    if unit == "month":
        return iso_month(*add_months(pub.year, pub.month, offset))
    middle = pub + timedelta(days=7 * offset)
    return iso_month(middle.year, middle.month)


def ago_value(pub: date, unit: str, count: int) -> str | None:
    """``قبل N unit``: days and weeks to the day, months to the month, years to the year."""
    try:
        if unit == "day":
            return iso_day(pub - timedelta(days=count))
        if unit == "week":
            return iso_day(pub - timedelta(days=7 * count))
    except OverflowError:
        return None
    if unit == "month":
        return iso_month(*add_months(pub.year, pub.month, -count))
    year = pub.year - count
    return iso_year(year) if year > 0 else None


# --- Hijri ---------------------------------------------------------------------------

def to_hijri(day: date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    try:
        return Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None


def hijri_month_middle(year: int, month: int) -> date | None:
    """A Hijri month without a day is placed at its 15th (documented choice)."""
    return hijri_to_gregorian(year, month, 15)


def hijri_year_middle(year: int) -> date | None:
    """A Hijri year alone is placed at its middle day (documented choice)."""
    start = hijri_to_gregorian(year, 1, 1)
    end = hijri_to_gregorian(year + 1, 1, 1) if year < HIJRI_MAX else None
    if start is None:
        return None
    if end is None:
        return start + timedelta(days=177)
    return start + (end - start) / 2


def hijri_year_of_gregorian(year: int, month: int) -> int | None:
    """The Hijri year whose month ``month`` has its middle in Gregorian ``year``."""
    jan = to_hijri(date(year, 1, 1)) if YEAR_MIN <= year <= 2199 else None
    if jan is None:
        return None
    for hy in (jan[0], jan[0] + 1):
        mid = hijri_month_middle(hy, month)
        if mid is not None and mid.year == year:
            return hy
    return None
