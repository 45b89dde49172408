"""Read-only summaries for the analyst's pages: events over time, where they happened, who
met whom, an entity's meetings, and the sentences that carry quotes.

Every summary takes the same ``Filters`` as the events list (``queries.event_conditions``),
so a chart, a map or a network always counts exactly the events the table lists. Meetings
are counted as happenings (``queries.HAPPENING``): an article that tells one meeting with
three verbs counts it once.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from . import entities as ent_store
from .models import Filters
from .queries import HAPPENING, MEETING_TYPES, event_conditions
from .sql import Connection

# the longest span of days drawn day by day, and of months drawn month by month
DAY_BUCKETS_UP_TO = 62
MONTH_BUCKETS_UP_TO = 6 * 366


def _where(conn: Connection, f: Filters) -> tuple[str, list[Any]]:
    where = event_conditions(conn, f)
    return where.sql(), where.params


def event_timeline(conn: Connection, f: Filters) -> dict[str, Any]:
    """Events matching ``f`` counted by period and type: ``{"bucket": "day"|"month"|"year",
    "periods": [...], "types": [...], "counts": {(period, type): n}, "total": n,
    "undated": n}``. The bucket is the finest that keeps the chart readable."""
    sql, params = _where(conn, f)
    base = f"FROM events ev JOIN documents d ON d.rowid = ev.doc_rowid WHERE {sql}"
    first, last, total, undated = conn.execute(
        f"""SELECT min(substr(ev."when", 1, 10)), max(substr(ev."when", 1, 10)), count(*),
                   sum(ev."when" IS NULL) {base}""", params).fetchone()
    bucket = _bucket(first, last)
    width = {"day": 10, "month": 7, "year": 4}[bucket]
    rows = conn.execute(
        f"""SELECT substr(ev."when", 1, {width}) AS period, ev.type, count(*) {base}
              AND ev."when" IS NOT NULL AND length(ev."when") >= {width}
            GROUP BY period, ev.type ORDER BY period""", params).fetchall()
    counts = {(r[0], r[1]): r[2] for r in rows}
    periods = _periods(first, last, bucket) if rows else []
    type_totals: dict[str, int] = {}
    for (_, etype), n in counts.items():
        type_totals[etype] = type_totals.get(etype, 0) + n
    types = sorted(type_totals, key=lambda t: (-type_totals[t], t))
    return {"bucket": bucket, "periods": periods, "types": types, "counts": counts,
            "total": total or 0, "undated": undated or 0,
            "coarse": (total or 0) - (undated or 0) - sum(counts.values())}


def _bucket(first: str | None, last: str | None) -> str:
    import datetime as dt

    if not first or not last or len(first) < 10 or len(last) < 10:
        return "month" if first and len(first) >= 7 else "year"
    try:
        days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    except ValueError:
        return "month"
    if days <= DAY_BUCKETS_UP_TO:
        return "day"
    return "month" if days <= MONTH_BUCKETS_UP_TO else "year"


def _periods(first: str, last: str, bucket: str) -> list[str]:
    """Every period from ``first`` to ``last``, empty ones included (a gap shows)."""
    import datetime as dt

    if bucket == "year":
        return [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
    if bucket == "month":
        out = []
        y, m = int(first[:4]), int(first[5:7]) if len(first) >= 7 else 1
        end = (int(last[:4]), int(last[5:7]) if len(last) >= 7 else 12)
        while (y, m) <= end:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    day, stop = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    out = []
    while day <= stop:
        out.append(day.isoformat())
        day += dt.timedelta(days=1)
    return out


def event_places(conn: Connection, f: Filters, *, limit: int = 300) -> list[dict[str, Any]]:
    """The places (stored entities in the ``location`` role) of the events matching ``f``,
    most events first, each with its KB link and its events by type."""
    sql, params = _where(conn, f)
    rows = conn.execute(
        f"""SELECT a.entity_id, ev.type, count(DISTINCT ev.rowid)
            FROM events ev JOIN documents d ON d.rowid = ev.doc_rowid
            JOIN event_args a ON a.event_rowid = ev.rowid
            WHERE {sql} AND a.role = 'location' AND a.entity_id IS NOT NULL
            GROUP BY a.entity_id, ev.type""", params).fetchall()
    by_place: dict[str, dict[str, int]] = {}
    for entity_id, etype, n in rows:
        by_place.setdefault(entity_id, {})[etype] = n
    ranked = sorted(by_place, key=lambda i: (-sum(by_place[i].values()), i))[:limit]
    found = {e.id: e for e in ent_store.load_entities(conn, ranked)}
    out = []
    for entity_id in ranked:
        ent = found.get(entity_id)
        if ent is None:
            continue
        out.append({"id": ent.id, "name": ent.name, "name_en": ent.name_en, "type": ent.type,
                    "kb": ent.kb, "events": sum(by_place[entity_id].values()),
                    "by_type": dict(sorted(by_place[entity_id].items(), key=lambda kv: -kv[1]))})
    return out


def meeting_network(conn: Connection, f: Filters, *, limit: int = 40) -> dict[str, Any]:
    """Who met whom among the events matching ``f``: ``nodes`` (stored entities, with the
    number of meetings each took part in, with the others shown) and ``edges`` (two
    parties and the number of meetings between them), counted as happenings. Negated
    events are not meetings. An ``event_type`` filter draws that type instead of
    CONSULT (who fought whom, who aided whom). The ``limit`` busiest pairs are kept."""
    types = (f.event_type,) if f.event_type else MEETING_TYPES
    sql, params = _where(conn, f)
    marks = ",".join("?" * len(types))
    rows = conn.execute(
        f"""SELECT a.entity_id, b.entity_id, count(DISTINCT {HAPPENING}) AS n
            FROM events ev JOIN documents d ON d.rowid = ev.doc_rowid
            JOIN event_args a ON a.event_rowid = ev.rowid
            JOIN event_args b ON b.event_rowid = ev.rowid
            WHERE {sql} AND ev.negated = 0 AND ev.type IN ({marks})
              AND a.role IN ('source', 'target') AND b.role IN ('source', 'target')
              AND a.entity_id IS NOT NULL AND b.entity_id IS NOT NULL
              AND a.entity_id < b.entity_id
            GROUP BY a.entity_id, b.entity_id ORDER BY n DESC, a.entity_id, b.entity_id
            LIMIT ?""", [*params, *types, limit]).fetchall()
    degree: dict[str, int] = {}
    for a, b, n in rows:
        degree[a] = degree.get(a, 0) + n
        degree[b] = degree.get(b, 0) + n
    found = {e.id: e for e in ent_store.load_entities(conn, list(degree))}
    nodes = [{"id": i, "name": found[i].name, "name_en": found[i].name_en, "type": found[i].type,
              "meetings": degree[i]} for i in sorted(degree, key=lambda i: (-degree[i], i))
             if i in found]
    edges = [{"a": a, "b": b, "meetings": n} for a, b, n in rows if a in found and b in found]
    return {"nodes": nodes, "edges": edges}


def meetings(conn: Connection, entity_id: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """The meetings (non-negated CONSULT events) of an entity, one per happening, newest
    first: the other parties, the place, the date, and the article and event to read."""
    live = ent_store.resolve_id(conn, entity_id)
    if live is None:
        return []
    rows = conn.execute(
        f"""SELECT ev.rowid, {HAPPENING} AS happening, ev."when", ev.local_id, d.id, d.title,
                   ev.date
            FROM event_args a JOIN events ev ON ev.rowid = a.event_rowid
            JOIN documents d ON d.rowid = ev.doc_rowid
            WHERE a.entity_id = ? AND a.role IN ('source', 'target') AND ev.negated = 0
              AND ev.type IN ({",".join("?" * len(MEETING_TYPES))})
            ORDER BY ev."when" DESC NULLS LAST, ev.rowid""", [live, *MEETING_TYPES]).fetchall()
    groups: dict[str, dict[str, Any]] = {}
    for rowid, happening, when, local, doc_id, title, own_date in rows:
        g = groups.setdefault(happening, {"when": when, "doc": {"id": doc_id, "title": title},
                                          "event_id": f"{doc_id}:{local}", "rowids": [],
                                          "dated": False})
        if own_date and not g["dated"]:  # the event's own date says more than its article's
            g.update(when=own_date, event_id=f"{doc_id}:{local}", dated=True)
        g["rowids"].append(rowid)
    from .queries import event_arguments

    out = []
    for g in list(groups.values())[:limit]:
        g.pop("dated")
        args = event_arguments(conn, g.pop("rowids"))
        partners: dict[str, dict[str, Any]] = {}
        places: dict[str, dict[str, Any]] = {}
        for (_, role), actors in args.items():
            for actor in actors:
                if role == "location":
                    places.setdefault(actor["id"] or actor["name"], actor)
                elif actor["id"] != live:
                    partners.setdefault(actor["id"] or actor["name"], actor)
        if partners:
            out.append({**g, "with": list(partners.values()), "places": list(places.values())})
    return out


def quote_sentences(conn: Connection, items: list[dict[str, Any]]) -> dict[str, str]:
    """For quote items (``queries.quotes``), the sentence of the article that carries each
    (from the first sentence the quote touches to the last), by ``quote_id``."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for q in items:
        by_doc.setdefault(q["doc"]["id"], []).append(q)
    out: dict[str, str] = {}
    for doc_id, quotes in by_doc.items():
        row = conn.execute("SELECT data, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            continue
        sentences = json.loads(zlib.decompress(row[0])).get("sentences") or []
        text = row[1]
        for q in quotes:
            start, end = q["start"], q["end"]
            for s in sentences:
                if s["start"] <= q["start"] < s["end"] or s["start"] < q["end"] <= s["end"]:
                    start, end = min(start, s["start"]), max(end, s["end"])
            out[q["quote_id"]] = text[start:end].strip()
    return out


def speakers(conn: Connection, f: Filters, *, limit: int = 30) -> list[dict[str, Any]]:
    """The speakers of the quotes in stories matching ``f`` (its ``speaker`` aside), most
    quoted first, with their number of quotes."""
    from .queries import _document_conditions, _text_conditions, _Where

    where = _Where()
    terms = _document_conditions(conn, f.with_(speaker=None), where)
    _text_conditions(conn, where, terms)
    rows = conn.execute(
        f"""SELECT q.speaker_id, count(*) AS n FROM quotes q JOIN documents d
            ON d.rowid = q.doc_rowid WHERE q.speaker_id IS NOT NULL AND {where.sql()}
            GROUP BY q.speaker_id ORDER BY n DESC, q.speaker_id LIMIT ?""",
        [*where.params, limit]).fetchall()
    found = {e.id: e for e in ent_store.load_entities(conn, [r[0] for r in rows])}
    return [{"id": r[0], "name": found[r[0]].name, "name_en": found[r[0]].name_en,
             "quotes": r[1]} for r in rows if r[0] in found]
