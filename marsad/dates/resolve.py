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


# A weekday written beside اليوم/أمس that is not the publication date's is a day of the
# week before it (the story was written earlier, published or crawled later), or at
# most this many days after it (a time zone, a story dated ahead).
WEEKDAY_AHEAD = 1


def weekday_gap(day: date, weekday: int) -> int:
    """Days from ``day`` to the date with ``weekday`` in the week that ends
    ``WEEKDAY_AHEAD`` days after it (-5 … +1)."""
    gap = (weekday - day.weekday()) % 7
    return gap - 7 if gap > WEEKDAY_AHEAD else gap


def unit_value(pub: date, unit: str, offset: int) -> str:
    """الأسبوع/الشهر/العام/الموسم/الصيف with an offset. A week is its middle day (the
    annotation guideline: الأسبوع الماضي = P − 7); a season is the year it starts in."""
    if unit == "year":
        return iso_year(pub.year + offset)
    if unit == "month":
        return iso_month(*add_months(pub.year, pub.month, offset))
    if unit == "week":
        return iso_day(pub + timedelta(days=7 * offset))
    if unit == "season":
        return iso_year(season_year(pub, offset))
    first, _, last = unit.partition("-")
    return iso_year(natural_season_year(pub, int(first), int(last), offset))


def shift_value(value: str, unit: str, offset: int) -> str | None:
    """The value ``offset`` units from an ISO ``value`` (the year before 2014 is 2013);
    None when ``value`` is less precise than the unit."""
    year = int(value[:4])
    if unit == "month":
        if len(value) < 7:
            return None
        return iso_month(*add_months(year, int(value[5:7]), offset))
    if unit == "week":
        if len(value) < 10:
            return None
        return iso_day(date.fromisoformat(value) + timedelta(days=7 * offset))
    return iso_year(year + offset)


# A sports season (and a school year) runs from late summer to spring and is named by the
# year it starts in (الموسم 2015/2016 = 2015). From June to August no season is being
# played: the one just ended is الماضي, the one about to start is المقبل and الحالي.
SEASON_BREAK = (6, 7, 8)


def season_year(pub: date, offset: int) -> int:
    """The start year of the season ``offset`` seasons from the one of ``pub``."""
    if pub.month in SEASON_BREAK:
        return pub.year + offset - (1 if offset > 0 else 0)
    current = pub.year if pub.month > SEASON_BREAK[-1] else pub.year - 1
    return current + offset


def natural_season_year(pub: date, first: int, last: int, offset: int) -> int:
    """The year a season of the year starts in (winter: its December): ``offset`` -1 is
    the latest one over before ``pub``, 0 the one ``pub`` falls in (else the next), +1
    the first one to start after ``pub``."""
    spans = []
    for year in range(pub.year - 3, pub.year + 3):
        start = date(year, first, 1)
        end_year = year + 1 if last < first else year
        end = date(end_year + (last == 12), last % 12 + 1, 1) - timedelta(days=1)
        spans.append((start, end))
    past = [s for s, e in spans if e < pub]
    coming = [s for s, e in spans if s > pub]
    if offset < 0:
        return past[offset].year
    if offset > 0:
        return coming[offset - 1].year
    now = [s for s, e in spans if s <= pub <= e]
    return (now or coming)[0].year


def ago_value(pub: date, unit: str, count: int) -> str | None:
    """``قبل N unit``: days and weeks to the day, months to the month, years to the year.
    A negative count is ``بعد N unit``, forward from ``pub``."""
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
    """The 15th of a Hijri month: where a month is placed to find its Gregorian year."""
    return hijri_to_gregorian(year, month, 15)


# The day of a Hijri month that a period word picks (first, middle, late, last).
_PERIOD_DAY = {"first": 1, "middle": 15, "late": 21}


def hijri_month_day(year: int, month: int, period: str | None) -> date | None:
    """A Hijri month given as a day: its first day, or the day ``period`` picks
    (نهاية شهر رمضان = its last day)."""
    if period == "last":
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        start = hijri_to_gregorian(*following, 1)
        if start is not None:
            return start - timedelta(days=1)
        end = hijri_to_gregorian(year, month, 30) or hijri_to_gregorian(year, month, 29)
        return end
    return hijri_to_gregorian(year, month, _PERIOD_DAY.get(period or "", 1))


def holiday_in_year(calendar: str, month: int, day: int, year: int, *,
                    hijri_year: bool) -> date | None:
    """A holiday in a written year: a Hijri year, or the Gregorian year it falls in."""
    if calendar == "gregorian":
        return None if hijri_year else make_date(year, month, day)
    if hijri_year:
        return hijri_to_gregorian(year, month, day)
    hy = hijri_year_of_gregorian(year, month)
    return hijri_to_gregorian(hy, month, day) if hy is not None else None


# A feast lasts some days (عيد الأضحى up to four, with its holidays more): a future sentence
# written this many days after its first day still speaks of it.
HOLIDAY_DAYS = 10


def holiday_near(pub: date, calendar: str, month: int, day: int, *, rel: int | None,
                 future: bool) -> date | None:
    """A holiday without a year: the occurrence nearest to ``pub`` (feasts are named as
    often before as after they fall); الماضي the latest before ``pub``, المقبل the first
    after, a future sentence the first on or after it."""
    if calendar == "hijri":
        ph = to_hijri(pub)
        if ph is None:
            return None
        options = [hijri_to_gregorian(y, month, day) for y in (ph[0] - 1, ph[0], ph[0] + 1)]
    else:
        options = [make_date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1)]
    days = sorted(d for d in options if d is not None)
    if not days:
        return None
    if rel is not None and rel < 0:
        return max((d for d in days if d < pub), default=None)
    if rel is not None and rel > 0:
        return min((d for d in days if d > pub), default=None)
    if future:  # the feast under way counts: يختتم المهرجان غدا في خامس أيام العيد
        return min((d for d in days if d >= pub - timedelta(days=HOLIDAY_DAYS)), default=None)
    return min(days, key=lambda d: (abs((d - pub).days), d > pub))


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
