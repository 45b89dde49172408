"""Server-side HTML pieces: the highlighted article and the who-met/fought-whom network.

Everything taken from an article is escaped here (``markupsafe.escape``); the only markup
is the tags this module writes. Highlights are spans over the original text: quotes are
the outer layer, and entity mentions, dates and event triggers the inner one; an inner
span that crosses a quote's edge is cut in two, so the markup always nests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

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

    def open(self) -> str:
        attrs = {"class": self.cls, "data-tip": self.tip, "title": self.tip, **self.attrs}
        rendered = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
        return f"<{self.tag} {rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def _non_overlapping(spans: list[Highlight]) -> list[Highlight]:
    """Keep spans in order of priority (as given), dropping any that overlaps a kept one."""
    kept: list[Highlight] = []
    for h in spans:
        if h.end <= h.start:
            continue
        if all(h.end <= k.start or k.end <= h.start for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _cut(inner: list[Highlight], cuts: set[int]) -> list[Highlight]:
    out: list[Highlight] = []
    for h in inner:
        points = sorted(c for c in cuts if h.start < c < h.end)
        start = h.start
        for c in [*points, h.end]:
            out.append(Highlight(start, c, h.tag, h.cls, h.tip, h.attrs))
            start = c
    return out


def render_highlighted(text: str, outer: list[Highlight], inner: list[Highlight]) -> Markup:
    outer = _non_overlapping(outer)
    inner = _cut(_non_overlapping(inner), {p for h in outer for p in (h.start, h.end)})
    parts: list[str] = []

    def plain(start: int, end: int) -> None:
        pos = start
        for h in inner:
            if h.start < start or h.end > end:
                continue
            parts.append(str(escape(text[pos:h.start])))
            parts.append(h.open() + str(escape(text[h.start:h.end])) + h.close())
            pos = h.end
        parts.append(str(escape(text[pos:end])))

    pos = 0
    for q in outer:
        plain(pos, q.start)
        parts.append(q.open())
        plain(q.start, q.end)
        parts.append(q.close())
        pos = q.end
    plain(pos, len(text))
    return Markup("".join(parts))


def _names(ids: list[str], names: dict[str, str]) -> str:
    return "، ".join(names.get(i, i) for i in ids) or "—"


def article_highlights(doc: dict[str, Any]) -> tuple[list[Highlight], list[Highlight]]:
    """(outer, inner) highlights of a contract document, with their hover explanations."""
    names: dict[str, str] = {}
    inner: list[Highlight] = []
    for ent in doc.get("entities", []):
        label = ent["name"] + (f" ({ent['name_en']})" if ent.get("name_en") else "")
        names[ent["id"]] = label
        tip = f"{ent['type']} · {label}"
        attrs = {"data-entity": ent.get("store_id") or ent["id"]}
        if ent.get("store_id"):
            attrs["href"] = f"/entities/{ent['store_id']}"
        for m in ent.get("mentions", []):
            inner.append(Highlight(m["start"], m["end"], "a" if "href" in attrs else "span",
                                   f"hl ent ent-{ent['type']}", tip, dict(attrs)))
    for ev in doc.get("events", []):
        trig = ev["trigger"]
        who = _names(ev.get("source", []), names)
        whom = _names(ev.get("target", []), names)
        tip = f"{'not ' if ev.get('negated') else ''}{ev['type']}: {who} → {whom}"
        if ev.get("location"):
            tip += f" · in {_names(ev['location'], names)}"
        if ev.get("date"):
            tip += f" · {ev['date']}"
        inner.append(Highlight(trig["start"], trig["end"], "span",
                               f"hl ev ev-{ev['type']}" + (" negated" if ev.get("negated") else ""),
                               tip, {"data-event": ev["id"]}))
    for d in doc.get("dates", []):
        inner.append(Highlight(d["start"], d["end"], "span", "hl date",
                               f"date: {d.get('value') or '?'}", {"data-date": d.get("value") or ""}))
    outer = []
    for q in doc.get("quotes", []):
        speaker = names.get(q.get("speaker") or "", "unknown speaker")
        outer.append(Highlight(q["start"], q["end"], "span", f"quote quote-{q['kind']}",
                               f"{q['kind']} quote · speaker: {speaker}", {"data-quote": q["id"]}))
    # priority among inner spans: entities first, then event triggers, then dates
    return outer, inner


def render_article(doc: dict[str, Any]) -> Markup:
    outer, inner = article_highlights(doc)
    return render_highlighted(doc["text"], outer, inner)


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


# --- the network -------------------------------------------------------------------------

_EDGE = {"met": ("#2b6cb0", ""), "fought": ("#c53030", "6 4")}


def network_svg(center: dict[str, Any], met: list[dict[str, Any]], fought: list[dict[str, Any]],
                *, width: int = 640, height: int = 440, max_nodes: int = 16) -> Markup:
    """An inline SVG: the entity in the middle, whom it met (blue) or fought (red, dashed)
    around it; each node links to its entity page and explains itself on hover."""
    partners: dict[str, dict[str, Any]] = {}
    for kind, items in (("met", met), ("fought", fought)):
        for p in items:
            entry = partners.setdefault(p["id"], {**p, "kinds": {}})
            entry["kinds"][kind] = p["events"]
    chosen = sorted(partners.values(), key=lambda p: -sum(p["kinds"].values()))[:max_nodes]
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 60
    edges: list[str] = []
    nodes: list[str] = []
    for i, p in enumerate(chosen):
        angle = 2 * math.pi * i / max(1, len(chosen)) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        for k, (kind, count) in enumerate(sorted(p["kinds"].items())):
            color, dash = _EDGE[kind]
            off = (k - (len(p["kinds"]) - 1) / 2) * 6
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            edges.append(
                f'<line class="edge edge-{kind}" x1="{cx + off:.1f}" y1="{cy + off:.1f}" '
                f'x2="{x + off:.1f}" y2="{y + off:.1f}" stroke="{color}" '
                f'stroke-width="{min(2 + count, 8)}"{dash_attr}>'
                f"<title>{escape(kind)} × {count}</title></line>")
        label = p["name"]
        tip = f"{label} ({p['name_en']})" if p.get("name_en") else label
        detail = ", ".join(f"{k} × {v}" for k, v in sorted(p["kinds"].items()))
        nodes.append(
            f'<a href="/entities/{escape(p["id"])}" class="node" data-entity="{escape(p["id"])}">'
            f"<title>{escape(tip)} — {escape(detail)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="#fff" stroke="#4a5568" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 32:.1f}" text-anchor="middle" font-size="13" '
            f'fill="#1a202c">{escape(label)}</text></a>')
    center_label = center["name"]
    svg = (
        f'<svg class="network" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(center_label)}: network">'
        + "".join(edges) + "".join(nodes)
        + f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="24" fill="#2d3748"/>'
        f'<text x="{cx:.1f}" y="{cy + 44:.1f}" text-anchor="middle" font-size="15" '
        f'font-weight="bold" fill="#1a202c">{escape(center_label)}</text></svg>'
    )
    return Markup(svg)
