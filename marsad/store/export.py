"""Exports: events, entities and quotes as flat rows, written as CSV, JSONL or Parquet.

Event rows use PLOVER's field names (``event_id``, ``event_type``, ``mode``, ``date``,
source/target actors, ``location``, ``negated``, ``confidence``) plus where the event was
read (document id, URL, outlet, sentence). An event with several source actors lists them
in one field, separated by ``; `` (names, English names and ids in the same order).
CSV is UTF-8 with a header row; JSONL one object per line; Parquet typed columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from .models import Filters, QueryError
from .protocol import StoreReader

FORMATS = ("csv", "jsonl", "parquet")
KINDS = ("events", "entities", "quotes")
_PAGE = 500
SEP = "; "

EVENT_FIELDS: list[tuple[str, str]] = [
    ("event_id", "string"), ("event_type", "string"), ("mode", "string"), ("date", "string"),
    ("source_actor", "string"), ("source_actor_en", "string"), ("source_actor_id", "string"),
    ("target_actor", "string"), ("target_actor_en", "string"), ("target_actor_id", "string"),
    ("location", "string"), ("location_en", "string"), ("location_id", "string"),
    ("negated", "bool"), ("confidence", "float"), ("trigger", "string"), ("sentence", "string"),
    ("doc_id", "string"), ("url", "string"), ("outlet", "string"), ("published", "string"),
    ("title", "string"),
]
ENTITY_FIELDS: list[tuple[str, str]] = [
    ("entity_id", "string"), ("type", "string"), ("name", "string"), ("name_en", "string"),
    ("kb_source", "string"), ("kb_id", "string"), ("aliases", "string"),
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


def event_rows(store: StoreReader, filters: Filters) -> Iterator[dict[str, Any]]:
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
            doc = ev["doc"]
            row.update({"negated": ev["negated"], "confidence": ev["confidence"],
                        "trigger": ev["trigger"]["text"], "sentence": ev["sentence"],
                        "doc_id": doc["id"], "url": doc["url"], "outlet": doc["source"],
                        "published": doc["published"], "title": doc["title"]})
            yield row
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def quote_rows(store: StoreReader, filters: Filters) -> Iterator[dict[str, Any]]:
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


def entity_rows(store: StoreReader, filters: Filters) -> Iterator[dict[str, Any]]:
    ids = store.entity_ids(filters)
    for start in range(0, len(ids), _PAGE):
        for ent in store.load_entities(ids[start:start + _PAGE], with_aliases=True):
            yield {"entity_id": ent.id, "type": ent.type, "name": ent.name,
                   "name_en": ent.name_en, "kb_source": (ent.kb or {}).get("source"),
                   "kb_id": (ent.kb or {}).get("id"), "aliases": SEP.join(ent.aliases),
                   "aliases_en": SEP.join(ent.aliases_en), "doc_count": ent.doc_count,
                   "mention_count": ent.mention_count}


def rows(store: StoreReader, kind: str, filters: Filters) -> Iterator[dict[str, Any]]:
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


def export(store: StoreReader, kind: str, fmt: str, filters: Filters,
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


def csv_text(store: StoreReader, kind: str, filters: Filters) -> str:
    buf = io.StringIO()
    export(store, kind, "csv", filters, buf)
    return buf.getvalue()
