"""Reading the store: search, documents, events, quotes and entity profiles.

Every list takes the same ``Filters`` and returns a ``Page``. Text search reads the query
with the index's own normalisation (``textindex``). A Latin-script query word also matches
the documents that mention an entity with that word in an English name, so ``Haftar``
finds articles that only ever write ``حفتر``.

Only stories are searched (a near-duplicate copy is reached from its story), and events
and quotes are taken from stories only, so a wire report carried by five outlets counts
once.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from . import entities as ent_store
from .models import Filters, Page, check_page
from .textindex import Term, fts_expression, make_snippet, parse_query

MEETING_TYPES = ("CONSULT",)
# co-occurrence is counted over an entity's latest articles, so that the profile of an
# entity named in 20,000 articles stays fast
COOCCURRENCE_DOCS = 1000
FIGHTING_TYPES = ("ASSAULT", "FIGHT")
_ENTITY_ID = re.compile(r"^E\d+$")


def entity_filter_ids(conn: sqlite3.Connection, value: str) -> list[str]:
    """The stored entities an ``entity`` filter names: an id, else an exact alias or English
    name, else the entities whose names start with its words."""
    value = value.strip()
    if _ENTITY_ID.match(value):
        live = ent_store.resolve_id(conn, value)
        return [live] if live else []
    ids = ent_store.entities_by_alias(conn, value)
    if not ids:
        ids, _ = ent_store.search_entity_ids(conn, value, etype=None, limit=50, offset=0)
    return ids


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids)) if ids else "NULL"


class _Where:
    """SQL conditions over ``documents d`` built from filters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.parts) if self.parts else "1"


def _text_conditions(conn: sqlite3.Connection, where: _Where, terms: list[Term]) -> str | None:
    """Add the text-query conditions; returns the FTS expression usable for ranking."""
    plain = [t for t in terms if not t.latin]
    latin = [t for t in terms if t.latin]
    if plain:
        where.add("d.rowid IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)",
                  fts_expression(plain))
    for term in latin:
        where.add(
            "(d.rowid IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?) OR d.rowid IN "
            "(SELECT de.doc_rowid FROM doc_entities de WHERE de.entity_id IN "
            "(SELECT e.id FROM entity_fts JOIN entities e ON e.rowid = entity_fts.rowid "
            "WHERE entity_fts MATCH ?)))",
            term.fts(), term.fts(),
        )
    return fts_expression(plain) if plain and not latin else None


def _actor_conditions(f: Filters, where: _Where, *, column: str, key: str) -> None:
    """Keep rows (``column``) with an event actor of each code the filters name; ``key`` is
    the ``event_actors`` column ``column`` matches (``event_rowid`` or ``doc_rowid``)."""
    for role, country, sector in f.actor_codes():
        parts, params = [], []
        for name, value in (("role", role), ("country", country), ("sector", sector)):
            if value is not None:
                parts.append(f"{name} = ?")
                params.append(value)
        where.add(f"{column} IN (SELECT {key} FROM event_actors WHERE {' AND '.join(parts)})",
                  *params)


def _document_conditions(conn: sqlite3.Connection, f: Filters, where: _Where,
                         *, date_column: str = "d.published", entity: bool = True) -> list[Term]:
    terms = parse_query(f.q)
    if f.q and not terms:
        where.add("0")
    if f.entity and entity:
        ids = entity_filter_ids(conn, f.entity)
        where.add(f"d.rowid IN (SELECT doc_rowid FROM doc_entities WHERE entity_id IN ({_in(ids)}))",
                  *ids)
    if f.source:
        where.add("d.source = ?", f.source)
    if f.since:
        where.add(f"{date_column} >= ?", f.since)
    if f.until:
        where.add(f"{date_column} <= ?", f.until + "~")  # inclusive of a partial date
    if entity:  # documents with such an actor; the events list asks it of each event
        _actor_conditions(f, where, column="d.rowid", key="doc_rowid")
    return terms


def search(conn: sqlite3.Connection, f: Filters, *, limit: int, offset: int) -> Page[dict[str, Any]]:
    check_page(limit, offset)
    where = _Where()
    where.add("d.dup_group = d.id")
    terms = _document_conditions(conn, f, where)
    rank_expr = _text_conditions(conn, where, terms)
    if f.entity_type:
        where.add("d.rowid IN (SELECT doc_rowid FROM doc_facets WHERE kind = 'etype' AND value = ?)",
                  f.entity_type)
    if f.event_type:
        where.add("d.rowid IN (SELECT doc_rowid FROM events WHERE type = ?)", f.event_type)
    total = conn.execute(f"SELECT count(*) FROM documents d WHERE {where.sql()}",
                         where.params).fetchone()[0]
    # the page's rows first, then their columns: the text is read for 20 rows, not all
    if rank_expr:
        ranked = conn.execute(
            f"""SELECT d.rowid, bm25(doc_fts, 4.0, 1.0) AS score
                FROM doc_fts JOIN documents d ON d.rowid = doc_fts.rowid
                WHERE doc_fts MATCH ? AND {where.sql()}
                ORDER BY score, d.published DESC LIMIT ? OFFSET ?""",
            [rank_expr, *where.params, limit, offset],
        ).fetchall()
    else:
        ranked = conn.execute(
            f"""SELECT d.rowid, NULL FROM documents d WHERE {where.sql()}
                ORDER BY d.published DESC, d.rowid DESC LIMIT ? OFFSET ?""",
            [*where.params, limit, offset],
        ).fetchall()
    rows = {r[0]: r for r in conn.execute(
        f"""SELECT d.rowid, d.id, d.title, d.published, d.source, d.url, d.text,
                   (SELECT count(*) - 1 FROM documents c WHERE c.dup_group = d.id)
            FROM documents d WHERE d.rowid IN ({_in([str(r[0]) for r in ranked])})""",
        [r[0] for r in ranked])}
    items = []
    for rowid, score in ranked:
        r = rows[rowid]
        items.append({"id": r[1], "title": r[2], "published": r[3], "source": r[4], "url": r[5],
                      "snippet": make_snippet(r[6] or "", terms), "copies": r[7],
                      "score": round(-score, 4) if score is not None else None})
    return Page(items, total, limit, offset)


# --- one document --------------------------------------------------------------------


def document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT rowid, data, text, dup_group, similarity, ingested_at, origin FROM documents "
        "WHERE id = ?", (doc_id,),
    ).fetchone()
    if row is None:
        return None
    rowid, data_json, text, group, similarity, ingested_at, origin = row
    from .db import unpack

    data = unpack(data_json, text)
    mapping = dict(conn.execute(
        "SELECT local_id, entity_id FROM doc_entities WHERE doc_rowid = ?", (rowid,)).fetchall())
    for ent in data.get("entities", []):
        ent["store_id"] = mapping.get(ent["id"])
    apply_store_codes(conn, data, mapping)
    copies = [
        {"id": r[0], "title": r[1], "source": r[2], "url": r[3], "published": r[4],
         "similarity": r[5]}
        for r in conn.execute(
            "SELECT id, title, source, url, published, similarity FROM documents "
            "WHERE dup_group = ? AND id != ? ORDER BY rowid", (group, doc_id))
    ]
    data["store"] = {"dup_group": group, "is_story": group == doc_id, "similarity": similarity,
                     "copies": copies, "ingested_at": ingested_at, "origin": origin}
    return data


# --- events ----------------------------------------------------------------------------


def events(conn: sqlite3.Connection, f: Filters, *, limit: int, offset: int) -> Page[dict[str, Any]]:
    check_page(limit, offset)
    where = _Where()
    terms = _document_conditions(conn, f, where, date_column='ev."when"', entity=False)
    _text_conditions(conn, where, terms)
    if f.event_type:
        where.add("ev.type = ?", f.event_type)
    if f.entity:
        # documents that mention the entity are not enough: it must take part in the event
        ids = entity_filter_ids(conn, f.entity)
        where.add(f"ev.rowid IN (SELECT event_rowid FROM event_args WHERE entity_id IN ({_in(ids)}))",
                  *ids)
    if f.entity_type:
        where.add("ev.rowid IN (SELECT a.event_rowid FROM event_args a JOIN entities e "
                  "ON e.id = a.entity_id WHERE e.type = ?)", f.entity_type)
    _actor_conditions(f, where, column="ev.rowid", key="event_rowid")
    base = f"FROM events ev JOIN documents d ON d.rowid = ev.doc_rowid WHERE {where.sql()}"
    # the join costs more than the rows: count without it when no filter reads the document
    counted = base if "d." in where.sql() else f"FROM events ev WHERE {where.sql()}"
    total, happenings = conn.execute(
        f"SELECT count(*), count(DISTINCT coalesce(ev.cluster, ev.rowid)) {counted}", where.params
    ).fetchone()
    rows = conn.execute(
        f"""SELECT ev.rowid, d.id, ev.local_id, ev.type, ev.mode, ev.date, ev."when", ev.trigger,
                   ev.sentence, ev.negated, ev.confidence, d.title, d.url, d.source, d.published,
                   ev.trigger_start, ev.trigger_end, ev.cluster
            {base} ORDER BY ev."when" DESC NULLS LAST, ev.rowid DESC LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    ).fetchall()
    args = event_arguments(conn, [r[0] for r in rows])
    actors = event_actors(conn, [r[0] for r in rows])
    items = [
        {"event_id": f"{r[1]}:{r[2]}", "type": r[3], "mode": r[4], "date": r[5], "when": r[6],
         "trigger": {"text": r[7], "start": r[15], "end": r[16]}, "sentence": r[8],
         "negated": bool(r[9]), "confidence": r[10], "cluster": r[17],
         "source": args.get((r[0], "source"), []), "target": args.get((r[0], "target"), []),
         "location": args.get((r[0], "location"), []),
         "source_actors": actors.get((r[0], "source"), []),
         "target_actors": actors.get((r[0], "target"), []),
         "doc": {"id": r[1], "title": r[11], "url": r[12], "source": r[13], "published": r[14]}}
        for r in rows
    ]
    return Page(items, total, limit, offset, happenings)


def event_arguments(conn: sqlite3.Connection,
                    event_rowids: list[int]) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """For each (event rowid, role), its actors in order, as stored entities."""
    out: dict[tuple[int, str], list[dict[str, Any]]] = {}
    if not event_rowids:
        return out
    rows = conn.execute(
        f"""SELECT a.event_rowid, a.role, a.local_id, e.id, e.name, e.name_en, e.type, de.name
            FROM event_args a
            LEFT JOIN entities e ON e.id = a.entity_id
            LEFT JOIN doc_entities de ON de.doc_rowid = a.doc_rowid AND de.local_id = a.local_id
            WHERE a.event_rowid IN ({_in([str(i) for i in event_rowids])})
            ORDER BY a.event_rowid, a.role, a.position""",
        event_rowids,
    ).fetchall()
    for rowid, role, local, eid, name, name_en, etype, local_name in rows:
        out.setdefault((rowid, role), []).append(
            {"id": eid, "name": name or local_name or local, "name_en": name_en, "type": etype})
    return out


def event_actors(conn: sqlite3.Connection,
                 event_rowids: list[int]) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """For each (event rowid, role), its actors as written, with their codes and entities."""
    out: dict[tuple[int, str], list[dict[str, Any]]] = {}
    if not event_rowids:
        return out
    rows = conn.execute(
        f"""SELECT a.event_rowid, a.role, a.text, a.start, a."end", a.entity_id, a.country,
                   a.sector, e.name, e.name_en
            FROM event_actors a LEFT JOIN entities e ON e.id = a.entity_id
            WHERE a.event_rowid IN ({_in([str(i) for i in event_rowids])})
            ORDER BY a.event_rowid, a.role, a.position""",
        event_rowids,
    ).fetchall()
    for rowid, role, text, start, end, eid, country, sector, name, name_en in rows:
        out.setdefault((rowid, role), []).append(
            {"text": text, "start": start, "end": end, "id": eid, "name": name or text,
             "name_en": name_en, "country": country, "sector": sector})
    return out


def apply_store_codes(conn: sqlite3.Connection, data: dict[str, Any],
                      mapping: dict[str, str]) -> None:
    """Give a stored document's entities and event actors the codes the store holds now
    (a correction made after the article was stored applies to it too)."""
    codes: dict[str, Any] = {}
    for ent in data.get("entities", []):
        stored_id = mapping.get(ent["id"])
        if stored_id is None:
            continue
        stored = ent_store.entity_code(conn, stored_id)
        code = ent_store.effective_code(stored, {"country": ent.get("country"),
                                                 "sector": ent.get("sector")})
        ent.update(code)
        codes[ent["id"]] = (stored, code)
    for ev in data.get("events", []):
        for role in ("source_actors", "target_actors"):
            for actor in ev.get(role) or []:
                found = codes.get(actor.get("entity") or "")
                if found is not None:
                    actor.update(ent_store.actor_code(found[0], found[1], actor))


# --- quotes ----------------------------------------------------------------------------


def quotes(conn: sqlite3.Connection, f: Filters, *, limit: int, offset: int) -> Page[dict[str, Any]]:
    check_page(limit, offset)
    where = _Where()
    terms = _document_conditions(conn, f, where)
    _text_conditions(conn, where, terms)
    if f.speaker:
        ids = entity_filter_ids(conn, f.speaker)
        where.add(f"q.speaker_id IN ({_in(ids)})", *ids)
    # newest first: walk documents by date and their quotes (a speaker filter walks quotes)
    join = ("quotes q JOIN documents d ON d.rowid = q.doc_rowid" if f.speaker
            else "documents d CROSS JOIN quotes q ON q.doc_rowid = d.rowid")
    base = f"""FROM {join}
               LEFT JOIN entities s ON s.id = q.speaker_id
               LEFT JOIN entities v ON v.id = q.via_id
               WHERE {where.sql()}"""
    counted = base if "d." in where.sql() else f"FROM quotes q WHERE {where.sql()}"
    total = conn.execute(f"SELECT count(*) {counted}", where.params).fetchone()[0]
    rows = conn.execute(
        f"""SELECT d.id, q.local_id, q.text, q.kind, q.start, q."end", q.cue,
                   s.id, s.name, s.name_en, v.id, v.name, v.name_en,
                   d.title, d.url, d.source, d.published
            {base} ORDER BY d.published DESC NULLS LAST, q.rowid DESC LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    ).fetchall()
    items = [
        {"quote_id": f"{r[0]}:{r[1]}", "text": r[2], "kind": r[3], "start": r[4], "end": r[5],
         "cue": r[6],
         "speaker": {"id": r[7], "name": r[8], "name_en": r[9]} if r[7] else None,
         "via": {"id": r[10], "name": r[11], "name_en": r[12]} if r[10] else None,
         "doc": {"id": r[0], "title": r[13], "url": r[14], "source": r[15], "published": r[16]}}
        for r in rows
    ]
    return Page(items, total, limit, offset)


# --- entity profile --------------------------------------------------------------------


def _partners(conn: sqlite3.Connection, entity_id: str, types: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"""SELECT b.entity_id, count(DISTINCT coalesce(ev.cluster, ev.rowid)) AS n
            FROM event_args a
            JOIN events ev ON ev.rowid = a.event_rowid
            JOIN event_args b ON b.event_rowid = a.event_rowid
            WHERE a.entity_id = ? AND a.role IN ('source', 'target')
              AND b.role IN ('source', 'target') AND b.entity_id IS NOT NULL
              AND b.entity_id != a.entity_id AND ev.negated = 0
              AND ev.type IN ({_in(list(types))})
            GROUP BY b.entity_id ORDER BY n DESC, b.entity_id LIMIT 30""",
        [entity_id, *types],
    ).fetchall()
    return _with_entities(conn, rows, "events")


def _with_entities(conn: sqlite3.Connection, rows: list[Any], count_name: str) -> list[dict[str, Any]]:
    found = {e.id: e for e in ent_store.load_entities(conn, [r[0] for r in rows])}
    return [{"id": r[0], "name": found[r[0]].name, "name_en": found[r[0]].name_en,
             "type": found[r[0]].type, count_name: r[1]} for r in rows if r[0] in found]


def entity_profile(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    live = ent_store.resolve_id(conn, entity_id)
    if live is None:
        return None
    entity = ent_store.load_entities(conn, [live], with_aliases=True)[0]
    mention_rows = conn.execute(
        """SELECT d.id, d.title, d.published, m.start, m."end", m.text
           FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid
           WHERE m.entity_id = ? ORDER BY d.published DESC NULLS LAST, d.rowid DESC, m.start
           LIMIT 100""", (live,),
    ).fetchall()
    documents = conn.execute(
        """SELECT d.id, d.title, d.published, d.source, sum(de.mention_count)
           FROM doc_entities de JOIN documents d ON d.rowid = de.doc_rowid
           WHERE de.entity_id = ? GROUP BY d.id
           ORDER BY d.published DESC NULLS LAST, d.rowid DESC LIMIT 50""", (live,),
    ).fetchall()
    timeline_rows = conn.execute(
        """SELECT DISTINCT ev.rowid, d.id, ev.local_id, ev.type, ev.date, ev."when", ev.trigger,
                  ev.sentence, ev.negated, d.title, a.role
           FROM event_args a JOIN events ev ON ev.rowid = a.event_rowid
           JOIN documents d ON d.rowid = ev.doc_rowid
           WHERE a.entity_id = ? ORDER BY ev."when" NULLS LAST, ev.rowid LIMIT 200""", (live,),
    ).fetchall()
    args = event_arguments(conn, [r[0] for r in timeline_rows])
    timeline = [
        {"event_id": f"{r[1]}:{r[2]}", "type": r[3], "date": r[4], "when": r[5], "trigger": r[6],
         "sentence": r[7], "negated": bool(r[8]), "role": r[10],
         "doc": {"id": r[1], "title": r[9]},
         "source": args.get((r[0], "source"), []), "target": args.get((r[0], "target"), []),
         "location": args.get((r[0], "location"), [])}
        for r in timeline_rows
    ]
    cooc = conn.execute(
        f"""WITH recent AS (SELECT DISTINCT doc_rowid FROM doc_entities WHERE entity_id = ?
                            ORDER BY doc_rowid DESC LIMIT {COOCCURRENCE_DOCS})
            SELECT b.entity_id, count(DISTINCT b.doc_rowid) AS n
            FROM doc_entities b WHERE b.doc_rowid IN recent AND b.entity_id != ?
            GROUP BY b.entity_id ORDER BY n DESC, b.entity_id LIMIT 20""", (live, live),
    ).fetchall()
    quote_page = quotes(conn, Filters(speaker=live), limit=50, offset=0)
    return {
        "entity": entity.to_json(),
        "redirected_from": entity_id if live != entity_id else None,
        "mentions": [{"doc_id": r[0], "title": r[1], "published": r[2], "start": r[3],
                      "end": r[4], "text": r[5]} for r in mention_rows],
        "documents": [{"id": r[0], "title": r[1], "published": r[2], "source": r[3],
                       "mentions": r[4]} for r in documents],
        "timeline": timeline,
        "quotes": quote_page.items,
        "cooccurring": _with_entities(conn, cooc, "documents"),
        "met": _partners(conn, live, MEETING_TYPES),
        "fought": _partners(conn, live, FIGHTING_TYPES),
    }
