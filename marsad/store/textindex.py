"""What goes into the full-text index, and how a query is read against it.

The FTS5 index never sees raw text. Each word is indexed in the project's matching form
(``normalize``: hamza, ta marbuta, alef maqsura, diacritics, tatweel, digits), three times
at most: as written (``وبالمشير``), without its particles (``المشير``) and without the
article or pronoun (``مشير``). A query word is read the same way and matches any document
word sharing its particle-free or stem form, so ``المشير`` finds ``المُشير`` and
``وبالمشير``. Latin words are lower-cased, numbers kept.

All query words must match (AND). There are no phrase or proximity queries: one word
takes several index positions, which would make phrase matching unreliable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.normalize import normalize
from ..text.tokens import tokenize

# A snippet shows about this many characters around the first match.
SNIPPET_CHARS = 220


def index_forms(text: str | None) -> str:
    """The index text of ``text``: the matching forms of every word, space separated."""
    if not text:
        return ""
    out: list[str] = []
    for tok in tokenize(text):
        if tok.kind == "punct":
            continue
        if tok.kind != "word":
            out.append(tok.norm)
            continue
        forms = [tok.norm]
        base = normalize(text[tok.base_start:tok.end])
        stem = normalize(text[tok.stem_start:tok.stem_end])
        for form in (base, stem):
            if form and form not in forms:
                forms.append(form)
        out.extend(forms)
    return " ".join(out)


@dataclass(frozen=True)
class Term:
    """One query word: the FTS5 forms that may match it, and whether it is Latin script."""

    surface: str
    forms: tuple[str, ...]
    latin: bool

    def fts(self) -> str:
        quoted = [_quote(f) for f in self.forms]
        return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def parse_query(q: str | None) -> list[Term]:
    """The words of a query (punctuation and FTS operators are ignored)."""
    if not q:
        return []
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for tok in tokenize(q):
        if tok.kind == "punct":
            continue
        if tok.kind == "word":
            base = normalize(q[tok.base_start:tok.end])
            stem = normalize(q[tok.stem_start:tok.stem_end])
            forms = tuple(dict.fromkeys(f for f in (base, stem) if f))
        else:
            forms = (tok.norm,)
        forms = tuple(f for f in forms if _FTS_TOKEN.search(f))
        if not forms or forms in seen:
            continue
        seen.add(forms)
        terms.append(Term(q[tok.start:tok.end], forms, tok.kind == "latin"))
    return terms


def fts_expression(terms: list[Term]) -> str:
    """An FTS5 MATCH expression requiring every term."""
    return " AND ".join(t.fts() for t in terms)


def _quote(form: str) -> str:
    return '"' + form.replace('"', '""') + '"'


_FTS_TOKEN = re.compile(r"\w")

# --- snippets ------------------------------------------------------------------------

_MARKS = "[\u064B-\u065F\u0670\u0640\u06E1\u200C\u200D]*"


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each character of the matching form, a regex class of what normalises to it."""
    groups: dict[str, set[str]] = {}
    for cp in list(range(0x20, 0x250)) + list(range(0x600, 0x700)):
        ch = chr(cp)
        n = normalize(ch)
        if len(n) == 1:
            groups.setdefault(n, set()).add(ch)
    return {k: "[" + "".join(re.escape(c) for c in sorted(v)) + "]" for k, v in groups.items()}


@lru_cache(maxsize=512)
def term_regex(forms: tuple[str, ...]) -> re.Pattern[str]:
    """A regex finding any of ``forms`` in original (unnormalised) text."""
    variants = _variants()
    alts = []
    for form in sorted(forms, key=len, reverse=True):
        alts.append(_MARKS.join(variants.get(ch, re.escape(ch)) for ch in form))
    return re.compile("|".join(alts), re.IGNORECASE)


def make_snippet(text: str, terms: list[Term], *, size: int = SNIPPET_CHARS) -> dict[str, object]:
    """A window of ``text`` around the first query match, with the matches as spans.

    Returns ``{"text": str, "start": int, "highlights": [[start, end], ...]}`` where
    ``start`` is the window's offset in ``text`` and highlights index the snippet.
    """
    first = None
    for term in terms:
        m = term_regex(term.forms).search(text)
        if m and (first is None or m.start() < first):
            first = m.start()
    if first is None:
        start = 0
    else:
        start = max(0, first - size // 3)
        space = text.rfind(" ", 0, start)
        if start and space != -1 and start - space < 20:
            start = space + 1
    end = min(len(text), start + size)
    space = text.find(" ", end)
    if end < len(text) and space != -1 and space - end < 20:
        end = space
    window = text[start:end]
    highlights: list[list[int]] = []
    for term in terms:
        for m in term_regex(term.forms).finditer(window):
            highlights.append([m.start(), m.end()])
    highlights.sort()
    merged: list[list[int]] = []
    for s, e in highlights:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return {"text": window, "start": start, "highlights": merged}
