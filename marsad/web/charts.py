"""Charts drawn by the server as SVG: events over time by type, the map of where events
happened, and who met whom. No script, no CDN and no tile server: each is markup the page
carries, every label escaped, every mark explained by an SVG ``<title>`` on hover.

Time runs left to right in both languages (as on a calendar axis); labels follow the page's
language. Colours are fixed per event type so that one type keeps its colour on every chart.
"""

from __future__ import annotations

import json
import math
import random
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .i18n import Lang, isolate

# PLOVER's types in four families, each with its shades: cooperation blues, talk greens,
# pressure oranges, force reds
TYPE_COLOURS = {
    "CONSULT": "#2b6cb0", "AGREE": "#3182ce", "COOPERATE": "#4299e1", "SUPPORT": "#63b3ed",
    "AID": "#2c7a7b", "CONCEDE": "#38b2ac", "RETREAT": "#81e6d9", "INVESTIGATE": "#68d391",
    "DEMAND": "#d69e2e", "DISAPPROVE": "#ed8936", "REJECT": "#dd6b20", "THREATEN": "#c05621",
    "PROTEST": "#b7791f", "MOBILIZE": "#975a16", "SANCTION": "#9f7aea",
    "COERCE": "#e53e3e", "ASSAULT": "#c53030", "FIGHT": "#9b2c2c", "CRIME": "#718096",
}
OTHER_COLOUR = "#a0aec0"
MAX_TYPES = 8  # more would not be told apart; the rest are drawn as "other"
FONT = "Noto Naskh Arabic, Noto Sans Arabic, Segoe UI, Tahoma, sans-serif"


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def _svg(width: int, height: int, label: str, body: list[str], cls: str) -> Markup:
    return Markup(
        f'<svg class="chart {cls}" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" direction="ltr" font-family="{FONT}" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>' + "".join(body) + "</svg>")


# --- events over time --------------------------------------------------------------------


def timeline_svg(timeline: dict[str, Any], lang: Lang, *, width: int = 960,
                 height: int = 380) -> Markup:
    """Stacked bars: events per period, one colour per type (the ``MAX_TYPES`` commonest,
    the rest as other)."""
    periods: list[str] = timeline["periods"]
    shown = timeline["types"][:MAX_TYPES]
    rest = set(timeline["types"][MAX_TYPES:])
    counts: dict[tuple[str, str], int] = timeline["counts"]
    stacks = []
    for period in periods:
        layers = [(t, counts.get((period, t), 0)) for t in shown]
        other = sum(counts.get((period, t), 0) for t in rest)
        if other:
            layers.append(("", other))
        stacks.append((period, layers))
    top = max((sum(n for _, n in layers) for _, layers in stacks), default=0)
    left, right, upper, lower = 48, 16, 16, 96
    plot_w, plot_h = width - left - right, height - upper - lower
    step = _nice_step(top)
    ymax = max(step, math.ceil(top / step) * step) if top else 1
    body: list[str] = []
    for tick in range(0, ymax + 1, step):
        y = upper + plot_h - plot_h * tick / ymax
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                    f'stroke="#e2e8f0"/><text x="{left - 6}" y="{y + 4:.1f}" font-size="12" '
                    f'text-anchor="end" fill="#4a5568">{tick}</text>')
    slot = plot_w / max(1, len(periods))
    bar = max(1.0, min(slot * 0.8, 48.0))
    label_every = max(1, math.ceil(len(periods) / (plot_w / 64)))
    for i, (period, layers) in enumerate(stacks):
        x = left + slot * i + (slot - bar) / 2
        y = upper + plot_h
        for etype, n in layers:
            if not n:
                continue
            h = plot_h * n / ymax
            y -= h
            name = lang.event_type(etype) if etype else lang.t("charts.other")
            body.append(f'<rect class="bar" data-type="{escape(etype)}" data-period="{escape(period)}" '
                        f'x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                        f'fill="{colour(etype)}"><title>{escape(period)} · {escape(name)}: {n}'
                        f"</title></rect>")
        if i % label_every == 0:
            lx, ly = left + slot * i + slot / 2, upper + plot_h + 14
            body.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" fill="#4a5568" '
                        f'text-anchor="end" transform="rotate(-40 {lx:.1f} {ly:.1f})">'
                        f"{escape(period)}</text>")
    body.extend(_legend([(t, lang.event_type(t)) for t in shown]
                        + ([("", lang.t("charts.other"))] if rest else []), lang,
                        y=height - 22, width=width))
    return _svg(width, height, lang.t("charts.title"), body, "timeline")


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return 10 ** len(str(top))


def _legend(items: list[tuple[str, str]], lang: Lang, *, y: float, width: int) -> list[str]:
    out: list[str] = []
    x = 16.0
    for etype, name in items:
        w = 22 + 7.5 * len(name)
        if x + w > width:
            break
        out.append(f'<g class="legend-item" data-type="{escape(etype)}"><rect x="{x:.1f}" y="{y - 10:.1f}" '
                   f'width="12" height="12" fill="{colour(etype)}"/><text x="{x + 16:.1f}" '
                   f'y="{y:.1f}" font-size="12" fill="#1a202c">{escape(name)}</text></g>')
        x += w + 10
    return out


# --- the map -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def countries() -> list[dict[str, Any]]:
    path = Path(__file__).resolve().parents[1] / "data" / "geo" / "countries.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for c in data["countries"]:
        xs = [p[0] for ring in c["rings"] for p in ring]
        ys = [p[1] for ring in c["rings"] for p in ring]
        out.append({**c, "bbox": (min(xs), min(ys), max(xs), max(ys))})
    return out


def _view(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points, with a margin, at least 24 x 14
    degrees, in the map's 2:1 shape."""
    if not points:
        return -20.0, 0.0, 70.0, 45.0  # the Arab world and its neighbours
    lons, lats = [p[1] for p in points], [p[0] for p in points]
    west, east = min(lons) - 6, max(lons) + 6
    south, north = min(lats) - 5, max(lats) + 5
    w, h = max(24.0, east - west), max(14.0, north - south)
    if w < 2 * h:
        w = 2 * h
    else:
        h = w / 2
    cx, cy = (west + east) / 2, (south + north) / 2
    west, east = max(-180.0, cx - w / 2), min(180.0, cx + w / 2)
    south, north = max(-85.0, cy - h / 2), min(85.0, cy + h / 2)
    return west, south, east, north


def map_svg(places: list[dict[str, Any]], lang: Lang, *, width: int = 960,
            height: int = 480, labels: int = 12) -> Markup:
    """Event places as circles (area ~ events, colour = their commonest type) over country
    outlines, in an equirectangular projection framed on the places. ``places`` carry
    ``lat``/``lon`` (see ``geo.place_points``)."""
    placed = [p for p in places if p.get("lat") is not None]
    west, south, east, north = _view([(p["lat"], p["lon"]) for p in placed])
    sx, sy = width / (east - west), height / (north - south)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * sx, (north - lat) * sy

    body = [f'<rect width="{width}" height="{height}" fill="#ebf4fa"/>']
    for c in countries():
        cw, cs, ce, cn = c["bbox"]
        if ce < west or cw > east or cn < south or cs > north:
            continue
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(*pt) for pt in ring)) + "Z"
                     for ring in c["rings"])
        body.append(f'<path class="country" d="{d}" fill="#f7fafc" stroke="#a0aec0" '
                    f'stroke-width="0.8"><title>{escape(c["name"])}</title></path>')
    most = max((p["events"] for p in placed), default=1)
    for rank, p in enumerate(sorted(placed, key=lambda p: -p["events"])):
        x, y = xy(p["lon"], p["lat"])
        r = 5 + 18 * math.sqrt(p["events"] / most)
        main_type = next(iter(p["by_type"]), "")
        name = lang.plain_name(p)
        detail = ", ".join(f"{lang.event_type(t)} {n}" for t, n in p["by_type"].items())
        body.append(
            f'<a class="place" href="/events?entity={escape(p["id"])}" data-entity="{escape(p["id"])}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour(main_type)}" '
            f'fill-opacity="0.75" stroke="#1a202c" stroke-width="1"/>'
            f"<title>{escape(isolate(name))}: {p['events']} — {escape(detail)}</title>")
        if rank < labels:
            body.append(f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}" font-size="13" '
                        f'fill="#1a202c" stroke="#fff" stroke-width="3" paint-order="stroke">'
                        f"{escape(name)}</text>")
        body.append("</a>")
    body.append(f'<text x="{width - 8}" y="{height - 8}" font-size="11" fill="#4a5568" '
                f'text-anchor="end">{escape(lang.t("map.credit"))}</text>')
    return _svg(width, height, lang.t("map.title"), body, "map")


# --- networks ----------------------------------------------------------------------------

_EDGE = {"met": ("#2b6cb0", ""), "fought": ("#c53030", "6 4")}


def entity_network_svg(center: dict[str, Any], met: list[dict[str, Any]],
                       fought: list[dict[str, Any]], lang: Lang, *, width: int = 640,
                       height: int = 440, max_nodes: int = 16) -> Markup:
    """The entity in the middle, whom it met (blue) or fought (red, dashed) around it, each
    line labelled with its number of events; each node links to its entity page."""
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
            stroke, dash = _EDGE[kind]
            off = (k - (len(p["kinds"]) - 1) / 2) * 6
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            what = lang.t(f"entity.{kind}")
            edges.append(
                f'<line class="edge edge-{kind}" x1="{cx + off:.1f}" y1="{cy + off:.1f}" '
                f'x2="{x + off:.1f}" y2="{y + off:.1f}" stroke="{stroke}" '
                f'stroke-width="{min(2 + count, 8)}"{dash_attr}>'
                f"<title>{escape(what)} × {count}</title></line>"
                f'<text class="edge-count" x="{(cx + x) / 2 + off:.1f}" y="{(cy + y) / 2 + off - 4:.1f}" '
                f'font-size="12" text-anchor="middle" fill="{stroke}" stroke="#fff" stroke-width="3" '
                f'paint-order="stroke">{count}</text>')
        label = lang.plain_name(p)
        detail = ", ".join(f"{lang.t('entity.' + k)} × {v}" for k, v in sorted(p["kinds"].items()))
        nodes.append(
            f'<a href="/entities/{escape(p["id"])}" class="node" data-entity="{escape(p["id"])}">'
            f"<title>{escape(lang.both_names(p))} — {escape(detail)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="#fff" stroke="#4a5568" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 32:.1f}" text-anchor="middle" font-size="13" '
            f'fill="#1a202c">{escape(label)}</text></a>')
    center_label = lang.plain_name(center)
    body = [*edges, *nodes,
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="24" fill="#2d3748"/>'
            f'<text x="{cx:.1f}" y="{cy + 44:.1f}" text-anchor="middle" font-size="15" '
            f'font-weight="bold" fill="#1a202c">{escape(center_label)}</text>']
    return _svg(width, height, f"{center_label}: {lang.t('entity.network')}", body, "network")


def layout(nodes: list[str], edges: list[tuple[str, str, int]], *, width: float, height: float,
           seed: int = 15, iterations: int = 200) -> dict[str, tuple[float, float]]:
    """A force-directed layout (Fruchterman-Reingold), the same for the same graph: the
    start is seeded and the loop is fixed."""
    rng = random.Random(seed)
    n = len(nodes)
    if n == 0:
        return {}
    pos = {v: [rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height] for v in nodes}
    k = math.sqrt(width * height / n) * 0.8
    temperature = width / 8
    for _ in range(iterations):
        disp = {v: [0.0, 0.0] for v in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(0.01, math.hypot(dx, dy))
                push = k * k / dist
                disp[a][0] += dx / dist * push
                disp[a][1] += dy / dist * push
                disp[b][0] -= dx / dist * push
                disp[b][1] -= dy / dist * push
        for a, b, w in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(0.01, math.hypot(dx, dy))
            pull = dist * dist / k * min(3.0, 1 + math.log(w))
            disp[a][0] -= dx / dist * pull
            disp[a][1] -= dy / dist * pull
            disp[b][0] += dx / dist * pull
            disp[b][1] += dy / dist * pull
        for v in nodes:
            dx, dy = disp[v]
            # a weak pull to the middle keeps parts of the graph from drifting apart
            dx += (width / 2 - pos[v][0]) * 0.05
            dy += (height / 2 - pos[v][1]) * 0.05
            length = max(0.01, math.hypot(dx, dy))
            step = min(length, temperature)
            pos[v][0] = min(width - 70, max(70, pos[v][0] + dx / length * step))
            pos[v][1] = min(height - 30, max(30, pos[v][1] + dy / length * step))
        temperature = max(1.0, temperature * 0.97)
    return {v: (p[0], p[1]) for v, p in pos.items()}


def graph_svg(network: dict[str, Any], lang: Lang, *, width: int = 960,
              height: int = 620) -> Markup:
    """Who met whom: a node per party (size ~ its meetings), a line per pair, labelled with
    the number of meetings (events, not mentions)."""
    nodes = network["nodes"]
    edges = network["edges"]
    pos = layout([n["id"] for n in nodes], [(e["a"], e["b"], e["meetings"]) for e in edges],
                 width=width, height=height)
    by_id = {n["id"]: n for n in nodes}
    most = max((n["meetings"] for n in nodes), default=1)
    body: list[str] = []
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
        a, b = lang.plain_name(by_id[e["a"]]), lang.plain_name(by_id[e["b"]])
        body.append(
            f'<g class="edge" data-a="{escape(e["a"])}" data-b="{escape(e["b"])}">'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#2b6cb0" '
            f'stroke-opacity="0.6" stroke-width="{min(1.5 + e["meetings"], 9):.1f}">'
            f"<title>{escape(isolate(a))} — {escape(isolate(b))}: {e['meetings']}</title></line>"
            f'<text class="edge-count" x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}" '
            f'font-size="12" text-anchor="middle" fill="#2b6cb0" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke">{e["meetings"]}</text></g>')
    for n in nodes:
        x, y = pos[n["id"]]
        r = 7 + 11 * math.sqrt(n["meetings"] / most)
        label = lang.plain_name(n)
        body.append(
            f'<a class="node" href="/entities/{escape(n["id"])}" data-entity="{escape(n["id"])}">'
            f"<title>{escape(lang.both_names(n))}: {n['meetings']}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#fff" stroke="#2d3748" '
            f'stroke-width="2"/><text x="{x:.1f}" y="{y + r + 14:.1f}" text-anchor="middle" '
            f'font-size="13" fill="#1a202c" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f"{escape(label)}</text></a>")
    return _svg(width, height, lang.t("network.title"), body, "graph")
