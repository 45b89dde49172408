"""Server-side HTML pieces: the highlighted article and the who-met/fought-whom network.

Everything taken from an article is escaped here (``markupsafe.escape``); the only markup
is the tags this module writes. Highlights are spans over the original text: quotes are
the outer layer, and entity mentions, dates and event triggers the inner one; an inner
span that crosses a quote's edge is cut in two, so the markup always nests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .i18n import ARABIC, Lang, isolate

SAFE_SCHEMES = ("http://", "https://")


def safe_url(url: str | None) -> str | None:
    """A URL fit for an ``href``: only http(s); anything else (``javascript:``...) is None."""
    if url and url.strip().lower().startswith(SAFE_SCHEMES):
        return url.strip()
    return None


@dataclass
class Highlight:
    start: int
    end: int
    tag: str
    cls: str
    tip: str
    attrs: dict[str, str] = field(default_factory=dict)
    # an id a link can point at (``/documents/D#ev-V1``); when the highlight itself cannot
    # be drawn (it overlaps one drawn before it), an empty anchor is placed at ``anchor_at``
    anchor: str | None = None
    anchor_at: int | None = None

    def open(self, *, with_anchor: bool = False) -> str:
        attrs = {"class": self.cls, "data-tip": self.tip, "title": self.tip, **self.attrs}
        if with_anchor and self.anchor:
            attrs = {"id": self.anchor, **attrs}
        rendered = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
        return f"<{self.tag} {rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def _non_overlapping(spans: list[Highlight]) -> tuple[list[Highlight], list[Highlight]]:
    """Keep spans in order of priority (as given), dropping any that overlaps a kept one;
    returns (kept in text order, dropped)."""
    kept: list[Highlight] = []
    dropped: list[Highlight] = []
    for h in spans:
        if h.end <= h.start:
            dropped.append(h)
        elif all(h.end <= k.start or k.end <= h.start for k in kept):
            kept.append(h)
        else:
            dropped.append(h)
    return sorted(kept, key=lambda h: h.start), dropped


def _cut(inner: list[Highlight], cuts: set[int]) -> list[Highlight]:
    out: list[Highlight] = []
    for h in inner:
        points = sorted(c for c in cuts if h.start < c < h.end)
        start = h.start
        for i, c in enumerate([*points, h.end]):
            piece = Highlight(start, c, h.tag, h.cls, h.tip, h.attrs)
            if i == 0:  # the id goes on the first piece only
                piece.anchor = h.anchor
            out.append(piece)
            start = c
    return out


def _anchor_points(dropped: list[Highlight], inner: list[Highlight]) -> list[tuple[int, str]]:
    """Empty anchors for highlights that could not be drawn, moved out of any drawn span."""
    points = []
    for h in dropped:
        if not h.anchor or h.anchor_at is None:
            continue
        pos = h.anchor_at
        for k in inner:
            if k.start < pos < k.end:
                pos = k.start
        points.append((pos, f'<span class="anchor" id="{escape(h.anchor)}"></span>'))
    return sorted(points)


def render_highlighted(text: str, outer: list[Highlight], inner: list[Highlight]) -> Markup:
    outer, _ = _non_overlapping(outer)
    inner, dropped = _non_overlapping(inner)
    inner = _cut(inner, {p for h in outer for p in (h.start, h.end)})
    points = _anchor_points(dropped, inner)
    parts: list[str] = []

    def text_with_points(start: int, end: int, *, last: bool = False) -> None:
        pos = start
        while points and (points[0][0] < end or (last and points[0][0] <= end)):
            at, html = points.pop(0)
            at = max(at, pos)
            parts.append(str(escape(text[pos:at])))
            parts.append(html)
            pos = at
        parts.append(str(escape(text[pos:end])))

    def plain(start: int, end: int, *, last: bool = False) -> None:
        pos = start
        for h in inner:
            if h.start < start or h.end > end:
                continue
            text_with_points(pos, h.start)
            parts.append(h.open(with_anchor=True) + str(escape(text[h.start:h.end])) + h.close())
            pos = h.end
        text_with_points(pos, end, last=last)

    pos = 0
    for q in outer:
        plain(pos, q.start)
        parts.append(q.open())
        plain(q.start, q.end)
        parts.append(q.close())
        pos = q.end
    plain(pos, len(text), last=True)
    return Markup("".join(parts))


def event_anchor(local_id: str) -> str:
    """The id of an event in its article's page: ``/documents/D#ev-V1``."""
    return f"ev-{local_id}"


def event_link(event: dict[str, Any]) -> str:
    """The link from an event (an API event item) to its sentence in the article."""
    doc_id, _, local = str(event["event_id"]).partition(":")
    return f"/documents/{quote(doc_id, safe='')}#{event_anchor(local)}"


def _names(ids: list[str], entities: dict[str, dict[str, Any]], lang: Lang) -> str:
    named = [lang.both_names(entities[i]) if i in entities else isolate(i) for i in ids]
    return (", " if lang.en else "، ").join(named) or "—"


def article_highlights(doc: dict[str, Any], lang: Lang = ARABIC) -> tuple[list[Highlight], list[Highlight]]:
    """(outer, inner) highlights of a contract document, with their hover explanations in
    ``lang``: names isolated (``isolate``), so an English name in an Arabic tip, or the
    other way round, keeps its order; the arrow from source to target reads the way the
    tip reads."""
    entities = {e["id"]: e for e in doc.get("entities", [])}
    inner: list[Highlight] = []
    for ent in doc.get("entities", []):
        tip = f"{lang.entity_type(ent['type'])} · {lang.both_names(ent)}"
        attrs = {"data-entity": ent.get("store_id") or ent["id"]}
        if ent.get("store_id"):
            attrs["href"] = f"/entities/{ent['store_id']}"
        for m in ent.get("mentions", []):
            inner.append(Highlight(m["start"], m["end"], "a" if "href" in attrs else "span",
                                   f"hl ent ent-{ent['type']}", tip, dict(attrs)))
    for ev in doc.get("events", []):
        trig = ev["trigger"]
        who = _names(ev.get("source", []), entities, lang)
        whom = _names(ev.get("target", []), entities, lang)
        label = lang.event_type(ev["type"])
        if ev.get("negated"):
            label = f"{lang.t('tip.not')} {label}"
        tip = f"{label}: {who} {lang.arrow} {whom}"
        if ev.get("location"):
            tip += f" · {lang.t('tip.in')} {_names(ev['location'], entities, lang)}"
        if ev.get("date"):
            tip += f" · {isolate(ev['date'])}"
        sentence = ev.get("sentence") or {}
        inner.append(Highlight(trig["start"], trig["end"], "span",
                               f"hl ev ev-{ev['type']}" + (" negated" if ev.get("negated") else ""),
                               tip, {"data-event": ev["id"]}, anchor=event_anchor(ev["id"]),
                               anchor_at=sentence.get("start", trig["start"])))
    for d in doc.get("dates", []):
        inner.append(Highlight(d["start"], d["end"], "span", "hl date",
                               f"{lang.t('tip.date')}: {isolate(d.get('value') or '?')}",
                               {"data-date": d.get("value") or ""}))
    outer = []
    for q in doc.get("quotes", []):
        speaker = entities.get(q.get("speaker") or "")
        who = lang.both_names(speaker) if speaker else lang.t("quotes.unknown")
        outer.append(Highlight(q["start"], q["end"], "span", f"quote quote-{q['kind']}",
                               f"{lang.t('tip.quote')} {lang.quote_kind(q['kind'])} · "
                               f"{lang.t('tip.speaker')}: {who}", {"data-quote": q["id"]}))
    # priority among inner spans: entities first, then event triggers, then dates
    return outer, inner


def render_article(doc: dict[str, Any], lang: Lang = ARABIC) -> Markup:
    outer, inner = article_highlights(doc, lang)
    return render_highlighted(doc["text"], outer, inner)


_CODE = re.compile(r"`([^`]+)`")


def inline_code(text: str) -> Markup:
    """Text with Markdown's `code` marks shown as ``<code>``; everything else escaped."""
    out, pos = [], 0
    for m in _CODE.finditer(text):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f"<code>{escape(m.group(1))}</code>")
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def render_snippet(snippet: dict[str, Any]) -> Markup:
    text = snippet["text"]
    marks = [Highlight(s, e, "mark", "match", "") for s, e in snippet.get("highlights", [])]
    parts, pos = [], 0
    for h in marks:
        parts.append(str(escape(text[pos:h.start])))
        parts.append(f"<mark>{escape(text[h.start:h.end])}</mark>")
        pos = h.end
    parts.append(str(escape(text[pos:])))
    return Markup("".join(parts))
