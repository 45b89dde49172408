"""Dates in Arabic news: Gregorian (Egyptian, Levantine, Maghrebi month names), Hijri,
relative to the publication date, and the publication date itself from a dateline.

The pipeline stage is :mod:`marsad.stages.dates`; the rules are in ``docs/dates.md``.
"""

from __future__ import annotations

from ..document import DateExpr
from .dateline import find_published
from .extract import DateFinder

__all__ = ["DateFinder", "default_finder", "find_dates", "find_published"]

_FINDER: list[DateFinder] = []


def default_finder() -> DateFinder:
    """A finder built once per process (the grammar compiles in its constructor)."""
    if not _FINDER:
        _FINDER.append(DateFinder())
    return _FINDER[0]


def find_dates(text: str, published: str | None = None) -> list[DateExpr]:
    """Every date expression in ``text``, valued against ``published`` (ISO date or None)."""
    return default_finder().find(text, published)
