"""Find date expressions in Arabic text and give each an ISO value.

The grammar (:mod:`marsad.dates.grammar`) runs over the normalised text; each match is
checked against its context (a bare year needs a cue, اليوم الثالث is not today, صلاة
الجمعة is not a date), placed against the publication date (:mod:`marsad.dates.resolve`),
and mapped back to exact offsets of the original text. Overlapping matches keep the
longest. The rules are documented in ``docs/dates.md``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..document import DateExpr
from ..text.lexicon import word_count
from ..text.normalize import normalize, normalize_with_offsets, original_span
from . import resolve as R
from .grammar import Grammar, build_grammar
from .lexicon import DateLexicon, load_lexicon

# How many words before an expression are read for a future tense (سيعقد … الخميس).
FUTURE_WINDOW = 10
_CLAUSE_BREAK = re.compile(r"[.!?؟؛;:،,\"«»“”()\[\]\n]")


@dataclass(frozen=True, slots=True)
class Found:
    """A date found in the normalised text, before mapping back to the original."""

    start: int
    end: int
    value: str | None
    calendar: str
    kind: str
    # what was written, for datelines: (year, month, day) of an explicit Gregorian date
    written: tuple[int | None, int | None, int | None] = (None, None, None)
    # (unit, offset) of a unit counted from the date named before it (العام السابق)
    anaphor: tuple[str, int] | None = None
    # a weekday without a qualifier: its direction (last or next) is a guess
    bare_weekday: bool = False


class _Context:
    """One text being scanned: the normalised form, the publication date ``pub`` and the
    day the text calls today (``today``: ``pub`` unless the text's own weekdays say the
    article was written a day or two before or after it, see :func:`_today_shift`)."""

    def __init__(self, norm: str, pub: date | None) -> None:
        self.norm = norm
        self.pub = pub
        self.today = pub

    def prev_word(self, pos: int) -> str:
        i = pos
        while i > 0 and self.norm[i - 1] == " ":
            i -= 1
        j = i
        while j > 0 and (self.norm[j - 1].isalnum()):
            j -= 1
        return self.norm[j:i]

    def next_word(self, pos: int) -> str:
        i = pos
        n = len(self.norm)
        while i < n and self.norm[i] in " \t":
            i += 1
        j = i
        while j < n and self.norm[j].isalnum():
            j += 1
        return self.norm[i:j] if j > i else self.norm[i:i + 1]

    def words_before(self, pos: int, limit: int) -> list[str]:
        """Up to ``limit`` words before ``pos`` in the same clause, nearest first."""
        lo = max(0, pos - 12 * limit)
        chunk = self.norm[lo:pos]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(chunk)]
        if breaks:
            chunk = chunk[breaks[-1]:]
        return chunk.split()[::-1][:limit]


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _strip_clitic(word: str) -> str:
    """A word less one leading particle (و ف ب ل): بشاب -> شاب."""
    return word[1:] if len(word) > 3 and word[0] in "وفبل" else word


def _ws(text: str) -> str:
    return " ".join(text.split())


class DateFinder:
    """The compiled grammar and lexicon; build once, call :meth:`find` per text."""

    def __init__(self, lexicon: DateLexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.grammar: Grammar = build_grammar(self.lex)
        w = self.lex.words
        self._qual = {k: int(v) for k, v in w.get("qual", {}).items()}
        self._day = {k: int(v) for k, v in w.get("day", {}).items()}
        self._day_after = {k: int(v) for k, v in w.get("day_after", {}).items()}
        self._units = {**w.get("unit", {}), **w.get("season", {})}
        self._unit_adj = w.get("unit_adj", {})
        self._notafter_unit = set(w.get("notafter_unit", {}))
        self._anaphor = {k: int(v) for k, v in w.get("anaphor", {}).items()}
        self._quarter = {k: int(v) for k, v in w.get("quarter", {}).items()}
        self._period = w.get("period", {})
        self._daypart = {k: int(v or 0) for k, v in w.get("daypart", {}).items()}
        self._holiday_cue = {k: int(v or 0) for k, v in w.get("holiday_cue", {}).items()}
        self._per_day = set(w.get("per_day", {}))
        self._age = set(w.get("age", {}))
        self._holiday_before = set(w.get("holiday_before", {}))
        self._approx = w.get("approx", {})
        self._ongoing = {f for f in w.get("ongoing", {}) if " " not in f}
        self._ongoing_phrases = {f for f in w.get("ongoing", {}) if " " in f}
        self._ago = w.get("ago", {})
        self._prep = set(w.get("prep", {}))
        self._future = set(w.get("future", {})) | set(w.get("scheduled", {}))
        self._notfuture = set(w.get("notfuture", {}))
        self._yearcue = set(w.get("yearcue", {}))
        self._notbefore = set(w.get("notbefore", {}))
        self._notafter = set(w.get("notafter", {}))
        self._notafter_today = set(w.get("notafter_today", {})) | set(self.lex.ordinals)
        self._notbefore_today = set(w.get("notbefore_today", {}))
        self._yearwords = set(w.get("yearword", {}))
        self._handlers: dict[str, Callable[[re.Match[str], _Context], Found | None]] = {
            "day_month": self._day_month,
            "month": self._month,
            "day_qual": self._day_qual,
            "hijri": self._hijri,
            "hijri_year": self._hijri_year,
            "numeric": self._numeric,
            "year": self._year,
            "year_range": self._year_range,
            "day_range": self._day_range,
            "date_range": self._date_range,
            "rel_day": self._rel_day,
            "rel_unit": self._rel_unit,
            "ago": self._ago_expr,
            "weekday": self._weekday,
            "quarter": self._quarter_expr,
            "decade": self._decade,
            "holiday": self._holiday,
            "eid": self._eid,
            "vague": self._vague,
        }
        self._order = {name: i for i, (name, _) in enumerate(self.grammar.patterns)}
        self._anchors = self.grammar.anchor_classes

    # --- public ------------------------------------------------------------------------

    def find(self, text: str, published: str | None) -> list[DateExpr]:
        """Every date expression in ``text``, in order, with offsets into ``text``."""
        norm, to_original = _normalize_mapped(text)
        out = []
        for f in self.scan(norm, R.parse_published(published)):
            start, end = to_original(f.start, f.end)
            end = _extend_marks(text, end)
            out.append(DateExpr(start, end, f.value, f.calendar, f.kind))
        return out

    def scan(self, norm: str, pub: date | None, *, everywhere: bool = False) -> list[Found]:
        """Dates in normalised text (offsets into ``norm``), overlaps resolved.

        Most of an article holds no date: each pattern only runs in stretches of text
        around the words it cannot do without (a number, a month, a weekday, a relative
        word), found by one pass of :attr:`Grammar.anchor`.
        """
        ctx = _Context(norm, pub)
        anchors = self._find_anchors(norm)
        matches: list[tuple[str, re.Match[str]]] = []
        n = len(norm)
        for name, pattern in self.grammar.patterns:
            need, before, after = _NEEDS[name]
            spots = anchors.get(need)
            if not spots:
                continue
            windows = [(0, n)] if everywhere else _windows(spots, norm, n, before, after)
            for lo, hi in windows:
                matches.extend((name, m) for m in pattern.finditer(norm, lo, hi) if m.end() > m.start())
        if pub is not None:
            shift = self._today_shift(pub, (m for name, m in matches if name == "rel_day"))
            ctx.today = pub + timedelta(days=shift)
        found: list[tuple[Found, int]] = []
        for name, m in matches:
            if (f := self._handlers[name](m, ctx)) is not None:
                found.append((f, self._order[name]))
        kept = _merge_neighbours(_resolve_overlaps(found), norm, self._qual)
        if ctx.today is not None:
            kept = _settle_weekdays(kept, norm, ctx.today)
        return _resolve_anaphors(kept, norm)

    def _today_shift(self, pub: date, rel_days: Iterable[re.Match[str]]) -> int:
        """Days from the publication date to the day the article calls today.

        Agencies write ``اليوم الاثنين`` or ``أمس (الثلاثاء)``; an outlet may publish the
        story a day later. When every such weekday in the text puts today on the same day
        other than the publication date, the article's today is that day (the annotators'
        rule: the weekday written in the text wins). Disagreeing weekdays leave it at 0.
        """
        shifts = set()
        for m in rel_days:
            form = _ws(m.group("rel"))
            wd = m.group("wd") or m.group("wdp")
            if not wd or form not in self._day:
                continue
            base = pub + timedelta(days=self._day[form])
            shifts.add(R.weekday_gap(base, self.lex.weekdays[_ws(wd)]))
        return shifts.pop() if len(shifts) == 1 else 0

    def _find_anchors(self, norm: str) -> dict[str, list[tuple[int, int]]]:
        """Where each kind of anchor stands: every number of four digits (each form written
        with digits holds a year: 2019, 28/9/2023, 1445 هـ), and every word (after up to two
        particles, و ف ب ل) that some date form cannot do without."""
        anchors: dict[str, list[tuple[int, int]]] = {}
        classes = self._anchors
        for m in self.grammar.anchor.finditer(norm):
            kind = m.lastgroup
            if kind == "word":
                for c in classes[m.group("word")]:
                    anchors.setdefault(c, []).append(m.span())
            elif kind and m.end() - m.start() == 4:
                anchors.setdefault(kind, []).append(m.span())
        return anchors

    # --- shared checks ------------------------------------------------------------------

    def _is_future(self, ctx: _Context, pos: int) -> bool:
        for raw in ctx.words_before(pos, FUTURE_WINDOW):
            word = _strip_conj(raw)
            if raw in self._future or word in self._future:
                return True
            if self._is_future_verb(raw):
                return True
        return False

    def _is_future_verb(self, word: str) -> bool:
        m = self.grammar.future_verb.match(word)
        if not m or word in self._notfuture or _strip_conj(word) in self._notfuture:
            return False
        rest = m.group(1)
        if word_count(rest):
            return True
        swapped = ("ت" + rest[1:]) if rest[0] == "ي" else ("ي" + rest[1:]) if rest[0] == "ت" else ""
        return bool(swapped and word_count(swapped))

    def _after_prep(self, ctx: _Context, pos: int) -> bool:
        prev = ctx.prev_word(pos)
        return prev in self._prep or _strip_conj(prev) in self._prep

    def _named(self, ctx: _Context, pos: int) -> bool:
        """A name or a prayer before the expression (قوى 14 آذار، صلاة الجمعة)."""
        prev = ctx.prev_word(pos)
        return prev in self._notbefore or _strip_conj(prev) in self._notbefore

    def _month_number(self, text: str) -> tuple[int, bool]:
        """(month, written twice as a pair) for the text of a Gregorian month group."""
        hits = list(self.grammar.month.finditer(text))
        group = hits[0].lastgroup or "m0"
        return int(group[1:]), len(hits) > 1

    def _month_ambiguity(self, text: str) -> int:
        first = self.grammar.month.match(text)
        return self.lex.month_ambiguity.get(_ws(first.group()) if first else "", 0)

    def _day_of(self, m: re.Match[str], group: str = "day") -> int:
        if m.group(group):
            return int(m.group(group))
        return self.lex.ordinals.get(_ws(m.group("ord")), 0)

    def _rel(self, m: re.Match[str]) -> int | None:
        qual = m.group("qual")
        return self._qual.get(_ws(qual)) if qual else None

    def _year_offset(self, m: re.Match[str]) -> int | None:
        """The offset of a year written as العام الماضي/هذا العام after a month, if any."""
        text = m.groupdict().get("ryear")
        if not text:
            return None
        last = text.split()[-1]
        return self._qual.get(last, 0) if last in self._qual else 0

    def _partial(self, ctx: _Context, pos: int, month: int, day: int | None,
                 rel: int | None, year_offset: int | None = None) -> str | None:
        """The value of a Gregorian month (and day) written without a year."""
        if ctx.pub is None:
            return None
        if year_offset is not None:
            year = ctx.pub.year + year_offset
            if day is None:
                return R.iso_month(year, month)
            d = R.make_date(year, month, day)
            return R.iso_day(d) if d else None
        future = rel is None and self._is_future(ctx, pos)
        year = R.year_for(ctx.pub.year, ctx.pub.month, ctx.pub.day, month, day, rel=rel,
                          future=future)
        if rel is None and year == ctx.pub.year - 1:
            soon = R.make_date(ctx.pub.year, month, day or 1)
            if soon is not None and R.is_near_future(ctx.pub, soon):
                year = ctx.pub.year
        if day is None:
            return R.iso_month(year, month)
        d = R.make_date(year, month, day)
        return R.iso_day(d) if d else None

    # --- handlers: explicit dates --------------------------------------------------------

    def _day_month(self, m: re.Match[str], ctx: _Context) -> Found | None:
        day = self._day_of(m)
        month, _ = self._month_number(m.group("month"))
        if not 1 <= day <= 31 or R.make_date(2000, month, day) is None:
            return None
        if m.group("year"):
            year = int(m.group("year"))
            d = R.make_date(year, month, day)
            if d is None or not R.YEAR_MIN <= year <= R.YEAR_MAX:
                return None
            return Found(m.start(), m.end(), R.iso_day(d), "gregorian", "absolute",
                         (year, month, day))
        if self._named(ctx, m.start()):
            return None
        value = self._partial(ctx, m.start(), month, day, self._rel(m), self._year_offset(m))
        return Found(m.start(), m.end(), value, "gregorian", "partial", (None, month, day))

    def _month(self, m: re.Match[str], ctx: _Context) -> Found | None:
        month, pair = self._month_number(m.group("month"))
        if m.group("year"):
            year = int(m.group("year"))
            if not R.YEAR_MIN <= year <= R.YEAR_MAX:
                return None
            return Found(m.start(), m.end(), R.iso_month(year, month), "gregorian", "absolute",
                         (year, month, None))
        cued = m.group("qual") or m.group("shahr") or m.group("period")
        if not cued and not self._after_prep(ctx, m.start()):
            return None
        if self._named(ctx, m.start()):
            return None
        value = self._partial(ctx, m.start(), month, None, self._rel(m), self._year_offset(m))
        return Found(m.start(), m.end(), value, "gregorian", "partial", (None, month, None))

    def _day_qual(self, m: re.Match[str], ctx: _Context) -> Found | None:
        rel = self._rel(m) or 0
        if m.group("ord") and not (m.group("of") or m.group("unit")):
            return None  # السنوات العشرين الماضية
        if not m.group("unit") and rel != 0:
            return None  # only الجاري/الحالي stand without الشهر: 17 الجاري
        day = self._day_of(m)
        if not 1 <= day <= 31:
            return None
        if ctx.pub is None:
            return Found(m.start(), m.end(), None, "gregorian", "partial")
        year, month = R.add_months(ctx.pub.year, ctx.pub.month, rel)
        d = R.make_date(year, month, day)
        return Found(m.start(), m.end(), R.iso_day(d) if d else None, "gregorian", "partial")

    def _hijri(self, m: re.Match[str], ctx: _Context) -> Found | None:
        text = m.group("month")
        hit = self.grammar.hijri_month.match(text)
        if hit is None:
            return None
        month = int((hit.lastgroup or "m0")[1:])
        ambiguity = self.lex.hijri_ambiguity.get(_ws(hit.group()), 0)
        has_day = bool(m.group("day") or m.group("ord"))
        day = self._day_of(m) if has_day else None
        year_text = m.group("year")
        shahr = bool(m.group("shahr"))
        period = m.group("period")
        if has_day and period:
            return None  # نهاية 5 شوال: not a form; the day is read on its own
        if ambiguity >= 2 and not (year_text or shahr):
            return None
        if not (has_day or year_text or shahr or m.group("qual") or period) \
                and not self._after_prep(ctx, m.start()):
            return None
        if day is not None and not 1 <= day <= 30:
            return None
        last = m.group("d2")
        if last and not (day is not None and day < int(last) <= 30):
            return None
        start = m.start()
        if not last and (m.group("from") or m.group("rlead")):  # من 15 شوال: من is context
            start = m.end("rlead") if m.group("rlead") else m.end("from")
            while ctx.norm[start].isspace():
                start += 1
        if not year_text and self._named(ctx, start):
            return None
        ok, value = self._hijri_value(m, ctx, month, day, period=self._period.get(_ws(period or "")))
        return Found(start, m.end(), value, "hijri", "range" if last else "hijri") if ok else None

    def _hijri_value(self, m: re.Match[str], ctx: _Context, month: int, day: int | None,
                     *, period: str | None = None) -> tuple[bool, str | None]:
        """The Gregorian value of a Hijri month (and day), its year written (``year``,
        ``hsuf``), qualified (``qual``, ``ryear``) or taken from the publication date.
        A month without a day is given as the day ``period`` picks, its first by default
        (a Hijri month straddles two Gregorian months). ``(False, None)``: not a Hijri
        date (a year that is neither Hijri nor Gregorian)."""
        year_text = m.group("year")
        hyear: int | None
        if year_text:
            y = int(year_text)
            if m.group("hsuf") or R.HIJRI_WRITTEN_MIN <= y <= R.HIJRI_MAX:
                hyear = y
            elif y >= 1800:
                hyear = R.hijri_year_of_gregorian(y, month)
            else:
                return False, None
        else:
            ph = R.to_hijri(ctx.pub) if ctx.pub else None
            if ph is None:
                return True, None
            rel = self._rel(m)
            offset = self._year_offset(m)
            if offset is not None:
                hyear = ph[0] + offset
            else:
                future = rel is None and self._is_future(ctx, m.start())
                hyear = R.year_for(ph[0], ph[1], ph[2], month, day, rel=rel, future=future)
                if rel is None and hyear == ph[0] - 1:
                    soon = R.hijri_to_gregorian(ph[0], month, day or 1)
                    if soon is not None and ctx.pub and R.is_near_future(ctx.pub, soon):
                        hyear = ph[0]
        if hyear is None:
            return True, None
        g = R.hijri_to_gregorian(hyear, month, day) if day is not None \
            else R.hijri_month_day(hyear, month, period)
        return True, (R.iso_day(g) if g else None)

    def _hijri_year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        year = int(m.group("year"))
        if m.group("y0"):
            return self._hijri_year_span(m, int(m.group("y0")), year)
        if year < 1 or year > R.HIJRI_MAX + 100:
            return None
        which = self._period.get(_ws(m.group("period") or ""))
        if which in ("first", "last"):
            # the start or the end of a Hijri year is a day: 1 Muharram, 29/30 Dhu al-Hijjah
            g = R.hijri_to_gregorian(year, 1, 1) if which == "first" \
                else R.hijri_month_day(year, 12, "last")
            if g is not None:
                return Found(m.start(), m.end(), R.iso_day(g), "hijri", "hijri")
        mid = R.hijri_year_middle(year)
        return Found(m.start(), m.end(), R.iso_year(mid.year) if mid else None, "hijri", "hijri")

    def _hijri_year_span(self, m: re.Match[str], y1: int, y2: int) -> Found | None:
        """1434/1435هـ: a span of two Hijri years, valued as its start (1 Muharram of the
        first, as every range is), so the Gregorian year in which it begins."""
        first = min(y1, y2)
        if abs(y1 - y2) != 1 or not R.HIJRI_MIN <= first <= R.HIJRI_MAX:
            return None
        start = R.hijri_to_gregorian(first, 1, 1)
        return Found(m.start(), m.end(), R.iso_year(start.year) if start else None, "hijri", "range")

    def _numeric(self, m: re.Match[str], ctx: _Context) -> Found | None:
        first = m.group("d0")  # 18- 23/ 7/ 2015: a range of days, valued as its first
        if m.group("y"):
            day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if month > 12 and day <= 12 and not first:
                day, month = month, day  # written month first (9/28/2023)
        else:
            year, month, day = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        kind = "numeric"
        if first:
            if not 1 <= int(first) < day:
                return None
            day, kind = int(first), "range"
        if m.group("hsuf") or R.HIJRI_WRITTEN_MIN <= year <= R.HIJRI_MAX:
            g = R.hijri_to_gregorian(year, month, day)
            if day > 30:
                return None
            return Found(m.start(), m.end(), R.iso_day(g) if g else None, "hijri",
                         "hijri" if kind == "numeric" else kind)
        d = R.make_date(year, month, day)
        if d is None or not R.YEAR_MIN <= year <= R.YEAR_MAX:
            return None
        return Found(m.start(), m.end(), R.iso_day(d), "gregorian", kind, (year, month, day))

    def _year(self, m: re.Match[str], ctx: _Context) -> Found | None:
        year = int(m.group("year"))
        kw = m.group("kw")
        if kw and kw != normalize("منذ"):
            ok = R.YEAR_MIN <= year <= R.YEAR_MAX
        elif m.group("suf").strip():
            ok = R.YEAR_MIN <= year <= R.YEAR_MAX
        elif kw or m.group("period"):
            ok = 1800 <= year <= 2150 and not self._counted(ctx, m.end())
        else:
            prev = _strip_conj(ctx.prev_word(m.start()))
            cued = self._after_prep(ctx, m.start()) or prev in self._yearcue \
                or self._after_year(ctx, m.start())
            ok = 1900 <= year <= 2100 and cued and not self._counted(ctx, m.end())
        if not ok:
            return None
        return Found(m.start(), m.end(), R.iso_year(year), "gregorian", "year", (year, None, None))

    def _after_year(self, ctx: _Context, start: int) -> bool:
        """``2014 أو 2015``: a number after a year and أو is a year too."""
        before = ctx.norm[max(0, start - 12):start]
        return bool(_OR_YEAR.search(before))

    def _counted(self, ctx: _Context, end: int) -> bool:
        """A number followed by a counted noun, a unit or a percent sign is not a year."""
        nxt = ctx.next_word(end)
        if nxt in ("%", "٪") or nxt in self._notafter or _strip_conj(nxt) in self._notafter:
            return True
        if nxt == "في":
            rest = ctx.next_word(end + ctx.norm[end:].find("في") + 2)
            return rest in (normalize("المائة"), normalize("المئة"))
        return False

    # --- handlers: ranges ---------------------------------------------------------------

    def _year_range(self, m: re.Match[str], ctx: _Context) -> Found | None:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        sep = m.group("sep").strip()
        if sep in ("/", "-", "–") and y2 == y1 - 1:
            y1, y2 = y2, y1  # a season written right to left: موسم 2013/2012
        if not (R.YEAR_MIN <= y1 < y2 <= R.YEAR_MAX and y2 - y1 <= 100):
            return None
        kw = m.group("kw")
        plural = kw in {normalize(w) for w in ("عامي", "العامين", "سنتي", "موسمي")}
        if sep == "و":
            if not (m.group("from") == normalize("بين") or plural):
                return None
        elif sep in ("-", "–", "/"):
            if not (m.group("from") or kw) and not 1900 <= y1 <= 2100:
                return None
        elif not (m.group("from") or kw):
            return None
        return Found(m.start(), m.end(), R.iso_year(y1), "gregorian", "range")

    def _day_range(self, m: re.Match[str], ctx: _Context) -> Found | None:
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        month, _ = self._month_number(m.group("month"))
        if not 1 <= d1 < d2 <= 31 or R.make_date(2000, month, d1) is None:
            return None
        if m.group("year"):
            year = int(m.group("year"))
            d = R.make_date(year, month, d1)
            if d is None or not R.YEAR_MIN <= year <= R.YEAR_MAX:
                return None
            return Found(m.start(), m.end(), R.iso_day(d), "gregorian", "range")
        value = self._partial(ctx, m.start(), month, d1, self._rel(m))
        return Found(m.start(), m.end(), value, "gregorian", "range")

    def _date_range(self, m: re.Match[str], ctx: _Context) -> Found | None:
        d1 = int(m.group("d1"))
        month1, _ = self._month_number(m.group("month1"))
        month2, _ = self._month_number(m.group("month"))
        if not 1 <= d1 <= 31 or R.make_date(2000, month1, d1) is None:
            return None
        if m.group("year"):
            year = int(m.group("year")) - (1 if month1 > month2 else 0)
            d = R.make_date(year, month1, d1)
            if d is None or not R.YEAR_MIN <= year <= R.YEAR_MAX:
                return None
            return Found(m.start(), m.end(), R.iso_day(d), "gregorian", "range")
        value = self._partial(ctx, m.start(), month1, d1, self._rel(m))
        return Found(m.start(), m.end(), value, "gregorian", "range")

    # --- handlers: relative --------------------------------------------------------------

    def _rel_day(self, m: re.Match[str], ctx: _Context) -> Found | None:
        form = _ws(m.group("rel"))
        marked = bool(m.group("dp") or m.group("yawm"))
        if form in self._day_after:
            if not marked:
                return None
            offset = self._day_after[form]
        else:
            offset = self._day[form]
        if form == normalize("أمس") and m.start() > 0 and ctx.norm[m.start() - 1] in "لب":
            return None  # لامس "touched", not ل + أمس
        weekday = m.group("wd") or m.group("wdp")
        if form in (normalize("اليوم"), normalize("الليلة")):
            prev = ctx.prev_word(m.start())
            if not marked and (prev in self._notbefore_today
                               or _strip_conj(prev) in self._notbefore_today):
                return None  # ذلك اليوم، عين اليوم (a newspaper)
            if _quoted(ctx.norm, m.start(), m.end()):
                return None  # «اليوم», a newspaper's name
            if not weekday:
                nxt = ctx.next_word(m.end())
                if nxt in self._notafter_today or self._ordinal_follows(ctx, m.end()):
                    return None  # اليوم الثالث، صباح اليوم التالي
                if not marked and self._is_per_day(ctx, m.start()):
                    return None  # ثلاث مرات في اليوم
        if ctx.pub is None or ctx.today is None:
            return Found(m.start(), m.end(), None, "gregorian", "relative")
        offset += self._daypart_offset(m)
        if weekday:
            # the weekday written wins over the publication date: اليوم (الثلاثاء)
            # published on a Wednesday is the Tuesday
            base = ctx.pub + timedelta(days=offset)
            day = base + timedelta(days=R.weekday_gap(base, self.lex.weekdays[_ws(weekday)]))
        else:
            day = ctx.today + timedelta(days=offset)
        return Found(m.start(), m.end(), R.iso_day(day), "gregorian", "relative")

    def _daypart_offset(self, m: re.Match[str]) -> int:
        part = m.groupdict().get("dp")
        return self._daypart.get(_ws(part), 0) if part else 0

    def _is_per_day(self, ctx: _Context, start: int) -> bool:
        """في اليوم after a counted noun is "per day": مرات كثيرة في اليوم."""
        words = ctx.words_before(start, 4)
        if not words or words[0] != "في":
            return False
        return any(w in self._per_day or w.isdigit() for w in words[1:])

    def _ordinal_follows(self, ctx: _Context, end: int) -> bool:
        rest = ctx.norm[end:end + 24].lstrip()
        return any(rest.startswith(o) and (len(rest) == len(o) or not rest[len(o)].isalnum())
                   for o in self.lex.ordinals)

    def _rel_unit(self, m: re.Match[str], ctx: _Context) -> Found | None:
        unit_text = m.group("unit1") or m.group("unit2")
        unit = self._units[_ws(unit_text)]
        adj = m.group("adj1") or m.group("adj")
        if adj:
            unit = _adjusted_unit(unit, self._unit_adj[_ws(adj)])
        nxt = ctx.next_word(m.end())
        anaphor = None
        if m.group("this"):
            offset = 0
            if nxt in self._notafter_unit:
                return None  # هذا العام الهجري
        elif m.group("qual"):
            offset = self._qual[_ws(m.group("qual"))]
        elif m.group("ana"):
            offset = self._anaphor[_ws(m.group("ana"))]
            anaphor = (unit, offset)
        elif m.group("period") and not adj:
            if nxt.startswith("ال") or nxt[:1].isdigit():
                return None  # نهاية العام الدراسي، منتصف العام 2019 (a year)
            offset = 0
        else:
            return None
        value = R.unit_value(ctx.pub, unit, offset) if ctx.pub else None
        return Found(m.start(), m.end(), value, "gregorian", "relative", anaphor=anaphor)

    def _ago_expr(self, m: re.Match[str], ctx: _Context) -> Found | None:
        unit, _, count_spec = self._ago[_ws(m.group("unit"))].partition(":")
        n: int | None = None
        if m.group("n"):
            n = int(m.group("n"))
        elif m.group("nw"):
            n = self.lex.numbers.get(_ws(m.group("nw")))
        if n is None:
            if count_spec == "*":
                return None  # منذ سنوات: no number, no date
            n = int(count_spec)
        if n <= 0:
            return None
        if m.group("cue") == normalize("منذ") and self._duration(m, ctx):
            return None  # الجفاف المستمر منذ 6 سنوات: "for six years", a duration, not a date
        nxt = ctx.next_word(m.end())
        if nxt[:1].isdigit() or _strip_conj(nxt) in {"من", "علي", "عن"}:
            return None  # منذ عام 2019 / قبل يومين من الانتخابات / بعد 10 أيام على الاعتداء
        if (self.grammar.month.match(nxt) or self.grammar.hijri_month.match(nxt)
                or nxt in self.lex.weekdays):
            return None  # قبل شهر رمضان
        forward = m.group("cue") == normalize("بعد")
        if forward and (not self._is_future(ctx, m.start())
                        or _strip_conj(ctx.prev_word(m.start())) in self._ago):
            return None  # وبعد ثلاثة أيام عاد: counted from the story; يوما بعد يوم
        value = R.ago_value(ctx.pub, unit, -n if forward else n) if ctx.pub else None
        return Found(m.start(), m.end(), value, "gregorian", "relative")

    def _duration(self, m: re.Match[str], ctx: _Context) -> bool:
        """منذ + a count in a clause about a state that goes on, or "more than" a count."""
        approx = m.group("approx")
        if approx and self._approx.get(_ws(approx)) == "more":
            return True
        words = [_strip_conj(w) for w in ctx.words_before(m.start(), FUTURE_WINDOW)]
        if any(w in self._ongoing for w in words):
            return True
        clause = " " + " ".join(reversed(words)) + " "
        return any(f" {phrase} " in clause for phrase in self._ongoing_phrases)

    def _weekday(self, m: re.Match[str], ctx: _Context) -> Found | None:
        form = _ws(m.group("wd"))
        weekday = self.lex.weekdays[form]
        marked = bool(m.group("dp") or m.group("yawm") or m.group("qual"))
        if not (m.group("dp") or m.group("yawm")) and self._named(ctx, m.start()):
            return None  # صلاة الجمعة
        nxt = ctx.next_word(m.end())
        if form == normalize("الأحد") and nxt in ("عشر", "عشره"):
            return None  # الأحد عشر: eleven
        if form == normalize("الاثنين") and not marked:
            prev = _strip_conj(ctx.prev_word(m.start()))
            if prev in {"كلا", "بين", "هذين", "كلتا"} or nxt in ("معا",):
                return None  # "the two"
        if ctx.today is None:
            return Found(m.start(), m.end(), None, "gregorian", "weekday")
        rel = self._rel(m)
        future = rel is None and self._is_future(ctx, m.start())
        day = R.weekday_date(ctx.today, weekday, rel=rel, future=future)
        day += timedelta(days=self._daypart_offset(m))
        return Found(m.start(), m.end(), R.iso_day(day), "gregorian", "weekday",
                     bare_weekday=rel is None)

    # --- handlers: quarters, decades, holidays, vague times --------------------------------

    def _quarter_expr(self, m: re.Match[str], ctx: _Context) -> Found | None:
        first_month = self._quarter[_ws(m.group("q"))]
        if m.group("year"):
            year = int(m.group("year"))
            if not R.YEAR_MIN <= year <= R.YEAR_MAX:
                return None
            return Found(m.start(), m.end(), R.iso_month(year, first_month), "gregorian", "quarter")
        tail = _WORD.findall(ctx.norm, m.end(), m.end() + 24)
        if tail[:1] == [normalize("من")] and len(tail) > 1 and tail[1] not in self._yearwords:
            return None  # الربع الأول من المباراة
        if ctx.pub is None:
            return Found(m.start(), m.end(), None, "gregorian", "quarter")
        rel = self._rel(m)
        if rel is not None:
            year = ctx.pub.year + rel
        elif m.group("qual") is None and ctx.norm[m.start():m.end()].split()[-1] in self._units:
            year = ctx.pub.year  # من هذا العام
        else:
            future = self._is_future(ctx, m.start())
            year = R.year_for(ctx.pub.year, ctx.pub.month, ctx.pub.day, first_month, None,
                              rel=None, future=future)
        return Found(m.start(), m.end(), R.iso_month(year, first_month), "gregorian", "quarter")

    def _decade(self, m: re.Match[str], ctx: _Context) -> Found | None:
        tens = self.lex.decades[_ws(m.group("dec"))]
        tail = _WORD.findall(ctx.norm, m.end(), m.end() + 24)
        if tail[:1] == [normalize("من")] and len(tail) > 1 and tail[1] in self._age:
            return None  # في الستينيات من عمره: an age
        if any(_strip_clitic(w) in self._age for w in ctx.words_before(m.start(), 4)):
            return None  # شاب في العشرينيات: an age
        bare = not m.group("dec").startswith("ال")
        century = CENTURY_DEFAULT
        if m.group("cent"):
            word = _ws(m.group("cent")).split(maxsplit=1)[1]
            if word in self._qual:
                now = (ctx.pub.year if ctx.pub else CENTURY_DEFAULT + 100) // 100 * 100
                century = now + 100 * self._qual[word]
            else:
                century = CENTURY_OF.get(word, CENTURY_DEFAULT)
        elif bare and not m.group("kw"):
            return None  # ثمانينيات without ال needs its century: ثمانينيات القرن الماضي
        return Found(m.start(), m.end(), R.iso_year(century + tens), "gregorian", "decade")

    def _holiday(self, m: re.Match[str], ctx: _Context) -> Found | None:
        calendar, month, day = self.lex.holidays[_ws(m.group("name"))]
        cue = m.group("cue")
        later = self._holiday_cue.get(_ws(cue), 0) if cue else 0
        when: date | None
        if m.group("year"):
            year = int(m.group("year"))
            hijri_year = bool(m.group("hsuf")) or R.HIJRI_WRITTEN_MIN <= year <= R.HIJRI_MAX
            when = R.holiday_in_year(calendar, month, day, year, hijri_year=hijri_year)
        elif ctx.pub is None:
            return Found(m.start(), m.end(), None, calendar, "holiday")
        else:
            rel = self._rel(m)
            future = rel is None and self._is_future(ctx, m.start())
            when = R.holiday_near(ctx.pub, calendar, month, day, rel=rel, future=future)
        value = R.iso_day(when + timedelta(days=later)) if when else None
        return Found(m.start(), m.end(), value, calendar, "holiday")

    def _eid(self, m: re.Match[str], ctx: _Context) -> Found | None:
        """A bare العيد after a cue (أيام العيد, بالعيد): the feast nearest the publication
        date, الفطر or الأضحى."""
        cue = m.group("cue")
        clitic = m.start() > 0 and ctx.norm[m.start() - 1] == "ب"
        prev = _strip_conj(ctx.prev_word(m.start()))
        if not (cue or clitic or prev in self._holiday_before):
            return None  # قيمة العيد: the feast in general
        pub = ctx.pub
        if pub is None:
            return Found(m.start(), m.end(), None, "hijri", "holiday")
        future = self._is_future(ctx, m.start())
        feasts = [R.holiday_near(pub, "hijri", month, day, rel=None, future=future)
                  for month, day in ((10, 1), (12, 10))]
        options = [d for d in feasts if d is not None]
        if not options:
            return None
        when = min(options, key=lambda d: abs((d - pub).days))
        later = self._holiday_cue.get(_ws(cue), 0) if cue else 0
        return Found(m.start(), m.end(), R.iso_day(when + timedelta(days=later)), "hijri", "holiday")

    def _vague(self, m: re.Match[str], ctx: _Context) -> Found | None:
        return Found(m.start(), m.end(), None, "gregorian", "relative")


# A decade's century when the text names it (ثمانينيات القرن العشرين) or not.
CENTURY_DEFAULT = 1900
CENTURY_OF = {normalize(k): v for k, v in (
    ("العشرين", 1900), ("الحادي والعشرين", 2000), ("التاسع عشر", 1800))}


def _adjusted_unit(unit: str, adj: str) -> str:
    """العام الدراسي runs like a season; العام المالي stays a year."""
    return adj if unit == "year" or unit == "season" else unit


# For each pattern: the kind of word it cannot do without, and how far (in characters)
# its matches reach before and after such a word. Before: a weekday lead and a daypart
# (مساء يوم الخميس الموافق), an ordinal day (الحادي والثلاثين من), a range start (بين عامي),
# a period (أواخر عام, بداية العام الحالي 1436هـ), a count and its approximation (قبل ما يزيد
# على 3 أشهر), a cue of a holiday (ثالث أيام عيد الفطر); after: a paired month, a year and
# its suffix (أيلول (سبتمبر) من عام 2023 م), a qualifier, the year of a quarter. Widths are generous: DateFinder.scan(everywhere=True) runs
# the grammar over the whole text, and a test checks that both agree.
_NEEDS: dict[str, tuple[str, int, int]] = {
    "day_month": ("month", 64, 48), "month": ("month", 24, 48),
    "day_qual": ("qual", 48, 2), "hijri": ("hijri", 48, 40),
    "hijri_year": ("digit", 24, 16), "numeric": ("digit", 24, 16),
    "year": ("digit", 24, 16), "year_range": ("digit", 32, 32),
    "day_range": ("month", 48, 48), "date_range": ("month", 72, 48),
    "rel_day": ("day", 24, 24), "rel_unit": ("unit", 16, 24),
    "ago": ("ago", 28, 2), "weekday": ("weekday", 24, 24),
    "quarter": ("quarter", 16, 48), "decade": ("decade", 16, 40),
    "holiday": ("holiday", 40, 40), "eid": ("eid", 16, 16), "vague": ("vague", 16, 16),
}


def _windows(spots: list[tuple[int, int]], norm: str, n: int, before: int,
             after: int) -> list[tuple[int, int]]:
    """Merged stretches around anchor spans; a stretch never ends inside a word, so that
    a pattern's closing (?!\\w) sees the real next character."""
    out: list[tuple[int, int]] = []
    for start, end in spots:
        lo = max(0, start - before)
        hi = min(n, end + after)
        while hi < n and not norm[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_WORD = re.compile(r"\w+")
_OR_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[،,]?\s+" + normalize("أو") + r"\s+$")
_GAP = re.compile(r"[\s،,(]*(?:" + normalize("الموافق") + r")?[\s،,(]*")
_EQUALS = re.compile(r"[\s،,(]*" + normalize("الموافق") + r"[\s،,(]*")
# A range written as two dates: من/منذ <date> (و)حتى/إلى <date>
_RANGE_START = re.compile("(?:^|\\s)(?:" + "|".join(normalize(w) for w in ("من", "منذ", "اعتبارا من")) + ")\\s+$")
_RANGE_GAP = re.compile(r"\s*[،,]?\s*(?:" + normalize("و") + r")?\s*(?:"
                        + "|".join(normalize(w) for w in ("حتى", "إلى", "لغاية", "وحتى")) + r")\s+")


def _merge_neighbours(found: list[Found], norm: str, quals: dict[str, int]) -> list[Found]:
    """Join a weekday to the explicit date that follows it (يوم الخميس 7-2-1437هـ), and
    give a date written without a year after الموافق the year of the date it restates
    (4-12-1436هـ الموافق 17 سبتمبر)."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None:
            gap = norm[prev.end:f.start]
            full = f.value is not None and len(f.value) == 10
            qualified = norm[prev.start:prev.end].split()[-1] in quals
            if (prev.kind == "weekday" and full and f.kind != "weekday" and not qualified
                    and _GAP.fullmatch(gap)):
                out[-1] = Found(prev.start, f.end, f.value, f.calendar, f.kind, f.written)
                continue
            if (prev.value and _RANGE_GAP.fullmatch(gap)
                    and _RANGE_START.search(norm[max(0, prev.start - 12):prev.start])):
                # منذ مطلع العام 2015 وحتى نهاية الربع الثاني: one range, its start
                out[-1] = Found(prev.start, f.end, prev.value, prev.calendar, "range", prev.written)
                continue
            if (f.kind == "partial" and f.written[1] and f.written[2] and prev.value
                    and len(prev.value) == 10 and _EQUALS.fullmatch(gap)):
                restated = R.nearest_year_date(date.fromisoformat(prev.value),
                                               f.written[1], f.written[2])
                if restated is not None:
                    f = Found(f.start, f.end, R.iso_day(restated), f.calendar, f.kind, f.written)
        out.append(f)
    return out


# How far from today a day named in the sentence may be to settle a bare weekday.
SETTLE_DAYS = 7
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _settle_weekdays(found: list[Found], norm: str, today: date) -> list[Found]:
    """A bare weekday whose sentence names a day of that weekday within a week of today
    is that day: أعلنت المحكمة أن الثلاثاء هو أول أيام عيد الفطر (the feast's date says
    which Tuesday, which the tense of a verbless sentence cannot)."""
    days = [(f, date.fromisoformat(f.value)) for f in found
            if f.value and len(f.value) == 10 and f.kind != "weekday"]
    if not days:
        return found
    out = []
    for f in found:
        if f.bare_weekday and f.value:
            weekday = date.fromisoformat(f.value).weekday()
            lo, hi = _sentence_bounds(norm, f.start)
            same = {d for g, d in days if lo <= g.start < hi and d.weekday() == weekday
                    and abs((d - today).days) <= SETTLE_DAYS}
            if len(same) == 1:
                f = Found(f.start, f.end, R.iso_day(same.pop()), f.calendar, f.kind, f.written)
        out.append(f)
    return out


def _sentence_bounds(norm: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(norm, 0, pos)]
    end = _SENTENCE_END.search(norm, pos)
    return (starts[-1] if starts else 0), (end.start() if end else len(norm))


def _resolve_anaphors(found: list[Found], norm: str) -> list[Found]:
    """Value العام السابق / الشهر التالي from the date named before it in the same
    paragraph (the year before 2014 is 2013), when there is one precise enough; else the
    publication date's value stands."""
    out: list[Found] = []
    last: tuple[int, str] | None = None  # where the last date named ends, its value
    for f in found:
        if f.anaphor is not None and last is not None and "\n" not in norm[last[0]:f.start]:
            value = R.shift_value(last[1], *f.anaphor)
            if value is not None:
                f = Found(f.start, f.end, value, f.calendar, f.kind, f.written)
        elif f.value and f.kind in _ANCHORING:
            last = (f.end, f.value)
        out.append(f)
    return out


# Kinds of dates an anaphor counts from: the dates the text itself names.
_ANCHORING = frozenset({"absolute", "numeric", "year", "range", "hijri", "partial", "quarter"})


def _resolve_overlaps(found: list[tuple[Found, int]]) -> list[Found]:
    """Keep the longest of overlapping matches (then the earlier pattern)."""
    ranked = sorted(found, key=lambda fp: (-(fp[0].end - fp[0].start), fp[1], fp[0].start))
    kept: list[Found] = []
    taken: list[tuple[int, int]] = []
    for f, _ in ranked:
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        kept.append(f)
        taken.append((f.start, f.end))
    return sorted(kept, key=lambda f: f.start)


# The characters normalisation drops (diacritics, tatweel, zero-width and bidi marks),
# found once from marsad.text.normalize itself.
_DROPPED = re.compile("[" + "".join(
    re.escape(chr(c))
    for c in [*range(0x00A0, 0x0100), *range(0x0600, 0x0780), *range(0x08A0, 0x0900),
              *range(0x2000, 0x2070), *range(0xFE70, 0xFF00)]
    if normalize(chr(c)) == ""
) + "]")


def _normalize_mapped(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The matching form of ``text`` and a map from its spans back to ``text``.

    The same as ``normalize_with_offsets`` + ``original_span``, without building a list of
    offsets character by character: normalisation only ever drops characters, so the
    original index of a normalised index is found from the sorted dropped positions.
    """
    norm = normalize(text)
    dropped = [m.start() for m in _DROPPED.finditer(text)]
    if len(norm) + len(dropped) != len(text):  # normalisation changed: take the slow road
        norm, offsets = normalize_with_offsets(text)
        return norm, lambda s, e: original_span(offsets, s, e)

    def original(i: int) -> int:
        k = 0
        while (k2 := bisect_right(dropped, i + k)) != k:
            k = k2
        return i + k

    def span(s: int, e: int) -> tuple[int, int]:
        if e <= s:
            return original(s), original(s)
        return original(s), original(e - 1) + 1

    return norm, span


def _quoted(norm: str, start: int, end: int) -> bool:
    """The span alone between quotation marks."""
    return (start > 0 and end < len(norm) and norm[start - 1] in "«\"“'"
            and norm[end] in "»\"”'")


def _extend_marks(text: str, end: int) -> int:
    """Let a span end after the diacritics of its last letter (غداً, not غدا)."""
    n = len(text)
    while end < n and (unicodedata.category(text[end]) == "Mn" or text[end] == "\u0640"):
        end += 1
    return end
