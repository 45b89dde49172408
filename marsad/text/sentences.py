"""Sentence splitting for Arabic news.

A sentence ends at ``.`` ``!`` ``?`` ``؟`` ``؛`` or ``…`` (and runs of them), and at a line
break: news articles have headings, datelines and list items without final punctuation.
It does not end inside «…», “…” or "…" quotes of reasonable length, after a one-letter
abbreviation (``د.``, ``أ.``), inside decimals (``3.5``) or ``5+5``. The comma ``،`` never
ends a sentence. Spans are trimmed of surrounding white space and never empty.
"""

from __future__ import annotations

import re

from ..document import Span

_ENDERS = ".!?؟؛…"
_OPEN_CLOSE = {"«": "»", "“": "”", "‹": "›"}
# A quote longer than this is taken as unbalanced: we stop protecting its inside.
_MAX_QUOTE = 600
_ABBREV = re.compile(r"(?:^|[\s(])(?:[\u0621-\u064A]|[A-Z]|[Dd]r|[Mm]r|[Mm]rs|[Ss]t|[Nn]o|ص\.ب|ق\.م)$")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")


_CANDIDATE = re.compile(r'[.!?؟؛…\n«“‹"]')


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``, in order, covering every non-space character."""
    spans: list[Span] = []
    start = 0
    n = len(text)
    protected_until = -1
    pos = 0
    while True:
        m = _CANDIDATE.search(text, pos)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "\n":
            _push(text, start, i, spans)
            start = pos = i + 1
            continue
        if i > protected_until and ch in _QUOTE_OPENERS:
            close = _quote_end(text, i)
            if close > i:
                protected_until = close
            pos = i + 1
            continue
        if ch in _ENDERS and i > protected_until and not _is_inner_dot(text, i):
            j = i + 1
            while j < n and (text[j] in _ENDERS or text[j] in _CLOSERS):
                j += 1
            _push(text, start, j, spans)
            start = pos = j
            continue
        pos = i + 1
    _push(text, start, n, spans)
    return spans


_QUOTE_OPENERS = "«“‹\""
_CLOSERS = "»”\"')]"


def _quote_end(text: str, i: int) -> int:
    """If a quote opens at ``i``, the index of its closing mark (else -1)."""
    ch = text[i]
    if ch in _OPEN_CLOSE:
        close = text.find(_OPEN_CLOSE[ch], i + 1, i + _MAX_QUOTE)
        newline = text.find("\n", i + 1, close if close > 0 else i + 1)
        return close if close > 0 and newline < 0 else -1
    if ch == '"':
        # a straight quote opens when it follows a space, colon or line start
        if i == 0 or text[i - 1] in " \t\n:(":
            close = text.find('"', i + 1, i + _MAX_QUOTE)
            newline = text.find("\n", i + 1, close if close > 0 else i + 1)
            # protect only quotes that contain a sentence end: short names need no help
            return close if close > 0 and newline < 0 else -1
    return -1


def _is_inner_dot(text: str, i: int) -> bool:
    if text[i] != ".":
        return False
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if _DIGIT.match(prev) and _DIGIT.match(nxt):
        return True  # 3.5
    if nxt and not nxt.isspace() and nxt not in _ENDERS and nxt not in "»”\"')":
        return True  # a.b, www.site.com, ص.ب
    return bool(_ABBREV.search(text[max(0, i - 4):i]))


def _push(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
