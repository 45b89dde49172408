"""The date lexicons, read once from ``marsad/data/dates/*.tsv``.

The files are the reference for every Arabic word the date grammar knows; each one says
where its words come from. Forms are stored in their matching form
(:func:`marsad.text.normalize`), the form the grammar runs over.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ModelError
from ..text.normalize import normalize


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, int]  # normalised form -> 1..12 (Gregorian)
    month_ambiguity: dict[str, int]
    hijri_months: dict[str, int]
    hijri_ambiguity: dict[str, int]
    weekdays: dict[str, int]  # form -> date.weekday()
    ordinals: dict[str, int]  # form -> day of month
    numbers: dict[str, int]  # cardinal words -> 1..10
    words: dict[str, dict[str, str]]  # role -> {form: value}
    holidays: dict[str, tuple[str, int, int]]  # form -> (calendar, month, day)
    decades: dict[str, int]  # form -> 20..90


def _rows(name: str) -> list[list[str]]:
    path = resources.files("marsad") / "data" / "dates" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ModelError(f"cannot read the date lexicon {name}: {e}", where=str(path)) from e
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise ModelError(f"line {lineno}: expected tab-separated columns", where=str(path))
        rows.append(cols)
    return rows


def _numbered(name: str) -> tuple[dict[str, int], dict[str, int]]:
    values: dict[str, int] = {}
    ambiguity: dict[str, int] = {}
    for cols in _rows(name):
        form = normalize(cols[0].strip())
        values[form] = int(cols[1])
        ambiguity[form] = int(cols[2]) if len(cols) > 2 and cols[2].strip().isdigit() else 0
    return values, ambiguity


@lru_cache(maxsize=1)
def load_lexicon() -> DateLexicon:
    """The date lexicon (loaded once per process)."""
    months, month_amb = _numbered("months.tsv")
    hijri, hijri_amb = _numbered("hijri_months.tsv")
    weekdays, _ = _numbered("weekdays.tsv")
    ordinals, _ = _numbered("ordinals.tsv")
    numbers, _ = _numbered("numbers.tsv")
    decades, _ = _numbered("decades.tsv")
    words: dict[str, dict[str, str]] = defaultdict(dict)
    for cols in _rows("words.tsv"):
        role, form = cols[0].strip(), normalize(cols[1].strip())
        words[role][form] = cols[2].strip() if len(cols) > 2 else ""
    return DateLexicon(months, month_amb, hijri, hijri_amb, weekdays, ordinals, numbers,
                       dict(words), _holidays(), decades)


def _holidays() -> dict[str, tuple[str, int, int]]:
    out: dict[str, tuple[str, int, int]] = {}
    for lineno, cols in enumerate(_rows("holidays.tsv"), 1):
        if len(cols) < 4 or cols[1].strip() not in ("hijri", "gregorian"):
            raise ModelError(f"row {lineno}: expected form, hijri|gregorian, month, day",
                             where="marsad/data/dates/holidays.tsv")
        out[normalize(cols[0].strip())] = (cols[1].strip(), int(cols[2]), int(cols[3]))
    return out
