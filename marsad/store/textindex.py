"""What goes into the full-text index, and how a query is read against it.

The index never sees raw text. Each word is indexed in the project's matching form
(``normalize``: hamza, ta marbuta, alef maqsura, diacritics, tatweel, digits), three times
at most: as written (``وبالمشير``), without its particles (``المشير``) and without the
article or pronoun (``مشير``). A query word is read the same way and matches any document
word sharing its particle-free or stem form, so ``المشير`` finds ``المُشير`` and
``وبالمشير``. Latin words are lower-cased, numbers kept.

Every form is cut here, in Python, into index tokens (``fts_tokens``: runs of letters and
digits, lower-cased), so both backends index exactly the same tokens: SQLite's FTS5 only
splits on the spaces between them, and PostgreSQL stores them as they are. A form of two
tokens or more (``3.5``, ``2,000``) matches a document holding all of them.

All query words must match (AND). There are no phrase or proximity queries: one word
takes several index positions, which would make phrase matching unreliable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..text.normalize import normalize
from ..text.tokens import tokenize

# A snippet shows about this many characters around the first match.
SNIPPET_CHARS = 220


_TOKEN = re.compile(r"[^\W_]+")


def fts_tokens(form: str) -> list[str]:
    """The index tokens of one matching form: its runs of letters and digits, lower-cased,
    combining marks dropped (``3.5`` -> ``3``, ``5``)."""
    low = form.lower()
    if low.isalnum():
        return [low]
    if not low.isascii():
        low = "".join(c for c in low if unicodedata.category(c) not in ("Mn", "Me"))
    return _TOKEN.findall(low)


def word_forms(text: str | None) -> list[str]:
    """The matching forms of every word of ``text``, in order (see the module docstring)."""
    if not text:
        return []
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
    return out


def index_tokens(text: str | None) -> list[str]:
    """The index tokens of ``text``, in order: what both backends index."""
    return [t for form in word_forms(text) for t in fts_tokens(form)]


def index_forms(text: str | None) -> str:
    """The index text of ``text``: its index tokens, space separated."""
    return " ".join(index_tokens(text))


@dataclass(frozen=True)
class Term:
    """One query word: the matching forms that may match it (any one is enough), each as
    its index tokens (all of them needed), and whether it is Latin script."""

    surface: str
    forms: tuple[str, ...]
    latin: bool

    @property
    def token_sets(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(fts_tokens(f)) for f in self.forms)

    def fts(self, *, prefix: bool = False) -> str:
        """The FTS5 expression of this word; ``prefix``: tokens may be word beginnings."""
        star = "*" if prefix else ""
        alts = []
        for tokens in self.token_sets:
            quoted = [_quote(t) + star for t in tokens]
            alts.append(quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")")
        return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def parse_query(q: str | None) -> list[Term]:
    """The words of a query (punctuation and FTS operators are ignored)."""
    if not q:
        return []
    terms: list[Term] = []
    seen: set[tuple[tuple[str, ...], ...]] = set()
    for tok in tokenize(q):
        if tok.kind == "punct":
            continue
        if tok.kind == "word":
            base = normalize(q[tok.base_start:tok.end])
            stem = normalize(q[tok.stem_start:tok.stem_end])
            forms = tuple(dict.fromkeys(f for f in (base, stem) if f))
        else:
            forms = (tok.norm,)
        by_tokens: dict[tuple[str, ...], str] = {}
        for form in forms:
            tokens = tuple(fts_tokens(form))
            if tokens:
                by_tokens.setdefault(tokens, form)
        forms = tuple(by_tokens.values())
        key = tuple(by_tokens)
        if not forms or key in seen:
            continue
        seen.add(key)
        terms.append(Term(q[tok.start:tok.end], forms, tok.kind == "latin"))
    return terms


def fts_expression(terms: list[Term], *, prefix: bool = False) -> str:
    """An FTS5 MATCH expression requiring every term."""
    return " AND ".join(t.fts(prefix=prefix) for t in terms)


def _quote(form: str) -> str:
    return '"' + form.replace('"', '""') + '"'


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
