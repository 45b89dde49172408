"""The publication date from a dateline at the top of an article.

News agencies open a story with a place and a date: ``القاهرة في 3 مارس 2024 /أ ش أ/``,
``الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس``, ``بيروت - 21 يوليو (رويترز)``.
A dateline gives the publication date only when it names a full day and a year; a day
and month without a year (the last example) give ``None`` unless the caller knows the
year (``year_hint``): guessing the year would date every relative expression in the
article wrongly by a year, which is worse than no date.
"""

from __future__ import annotations

import re

from ..text.normalize import normalize
from . import resolve as R

# How far into the article a dateline may stand.
MAX_LINES = 4
MAX_CHARS = 600
# At most this many words (a city, في, a weekday) may come before the date on its line.
MAX_WORDS_BEFORE = 5
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_EQUALS = normalize("الموافق")  # the Gregorian twin of a Hijri dateline
_CUES = tuple(normalize(w) for w in ("بتاريخ", "نشر", "تاريخ", "تحديث", "آخر تحديث"))


def find_published(text: str, *, year_hint: int | None = None) -> tuple[str | None, str | None]:
    """``(ISO date, "dateline")`` from a dateline near the top of ``text``, else ``(None, None)``.

    A Gregorian date is preferred to a Hijri one on the same line (agencies write both).
    """
    from . import default_finder

    finder = default_finder()
    seen = 0
    for line in text[:MAX_CHARS].splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > MAX_LINES:
            break
        if year_hint is None and not _YEAR.search(line):
            continue  # a dateline date without a hint has a year; most lines have none
        norm = normalize(line)
        best: tuple[int, str] | None = None
        for f in finder.scan(norm, None):
            if not _at_dateline(norm, f.start):
                continue
            year, month, day = f.written
            if month and day:
                if year is None:
                    year = year_hint
                if year is None:
                    continue
                d = R.make_date(year, month, day)
                if d is not None:
                    best = min(best or (9, ""), (0, d.isoformat()))
            elif f.calendar == "hijri" and f.value and len(f.value) == 10:
                best = min(best or (9, ""), (1, f.value))
        if best is not None:
            return best[1], "dateline"
    return None, None


def _at_dateline(norm: str, start: int) -> bool:
    before = norm[:start]
    if any(cue in before for cue in _CUES) or before.split()[-1:] == [_EQUALS]:
        return True
    words = [w for w in before.replace("-", " ").replace("/", " ").split() if any(c.isalnum() for c in w)]
    return len(words) <= MAX_WORDS_BEFORE
