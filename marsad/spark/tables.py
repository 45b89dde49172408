"""The Parquet tables of ``marsad spark extract``, and the documents back from them.

Four tables, one row per fact, every column named as in the contract
(``marsad/document@1``), so that they can be queried as they are (Spark SQL, DuckDB,
pandas) and loaded into a store (``marsad load``) without loss:

- ``documents``: ``doc_id``, ``seq`` (input order), ``origin`` (file and line, or archive
  offset), ``schema``, ``title``, ``published``, ``published_from``, ``source``, ``url``,
  ``text``, ``sentences`` and ``dates`` (lists of spans);
- ``entities``: ``doc_id``, ``seq``, ``position``, ``entity_id``, ``type``, ``name``,
  ``name_en``, ``kb``, ``titles``, ``mentions``, ``country``, ``sector``;
- ``events``: ``doc_id``, ``seq``, ``position``, ``event_id``, ``type``, ``mode``, the
  trigger and sentence spans (``trigger_start``/``_end``/``trigger``, ``sentence_start``/
  ``_end``/``sentence``), ``source``, ``target``, ``location`` (entity ids), ``date``,
  ``negated``, ``confidence``, ``source_actors``, ``target_actors``;
- ``quotes``: ``doc_id``, ``seq``, ``position``, ``quote_id``, ``start``, ``end``,
  ``text``, ``kind``, ``speaker``, the cue span (``cue_start``, ``cue_end``, ``cue``),
  ``via``.

Keys a stage adds beyond these (an entity's ``geo``, an event's ``dead``) travel in the
row's ``extra`` column as JSON; so do the extra keys of dates and actors. A fifth table,
``skipped``, lists the records that could not be read or extracted (``where``,
``reason``). The column types are declared once (``TABLES``) and given to both pyarrow
and Spark.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

# Column types: "string", "int", "float", "bool", ("list", T), ("struct", ((name, T), ...))
S, N, F, B = "string", "int", "float", "bool"  # N: a whole number
ColumnType = Any


def _list(t: ColumnType) -> ColumnType:
    return ("list", t)


def _struct(*fields: tuple[str, ColumnType]) -> ColumnType:
    return ("struct", tuple(fields))


SPAN = _struct(("start", N), ("end", N))
TEXT_SPAN = _struct(("start", N), ("end", N), ("text", S))
DATE = _struct(("start", N), ("end", N), ("text", S), ("value", S), ("calendar", S),
               ("kind", S), ("extra", S))
ACTOR = _struct(("start", N), ("end", N), ("text", S), ("entity", S), ("country", S),
                ("sector", S), ("extra", S))
KB = _struct(("source", S), ("id", S))

TABLES: dict[str, tuple[tuple[str, ColumnType], ...]] = {
    "documents": (
        ("doc_id", S), ("seq", N), ("origin", S), ("schema", S), ("title", S),
        ("published", S), ("published_from", S), ("source", S), ("url", S), ("text", S),
        ("sentences", _list(SPAN)), ("dates", _list(DATE)), ("extra", S)),
    "entities": (
        ("doc_id", S), ("seq", N), ("position", N), ("entity_id", S), ("type", S),
        ("name", S), ("name_en", S), ("kb", KB), ("titles", _list(S)),
        ("mentions", _list(TEXT_SPAN)), ("country", S), ("sector", S), ("extra", S)),
    "events": (
        ("doc_id", S), ("seq", N), ("position", N), ("event_id", S), ("type", S), ("mode", S),
        ("trigger_start", N), ("trigger_end", N), ("trigger", S), ("sentence_start", N),
        ("sentence_end", N), ("sentence", S), ("source", _list(S)), ("target", _list(S)),
        ("location", _list(S)), ("date", S), ("negated", B), ("confidence", F),
        ("source_actors", _list(ACTOR)), ("target_actors", _list(ACTOR)), ("extra", S)),
    "quotes": (
        ("doc_id", S), ("seq", N), ("position", N), ("quote_id", S), ("start", N), ("end", N),
        ("text", S), ("kind", S), ("speaker", S), ("cue_start", N), ("cue_end", N),
        ("cue", S), ("via", S), ("extra", S)),
    "skipped": (("seq", N), ("where", S), ("reason", S)),
}
FACT_TABLES = ("documents", "entities", "events", "quotes")

_DOC_KEYS = ("schema", "id", "title", "published", "published_from", "source", "url", "text",
             "sentences", "entities", "dates", "events", "quotes")
_ENTITY_KEYS = ("id", "type", "name", "name_en", "kb", "titles", "mentions", "country",
                "sector")
_EVENT_KEYS = ("id", "type", "mode", "trigger", "sentence", "source", "target", "location",
               "date", "negated", "confidence", "source_actors", "target_actors")
_QUOTE_KEYS = ("id", "start", "end", "text", "kind", "speaker", "cue", "via")
_DATE_KEYS = ("start", "end", "text", "value", "calendar", "kind")
_ACTOR_KEYS = ("start", "end", "text", "entity", "country", "sector")


def _extra(obj: dict[str, Any], known: Sequence[str]) -> str | None:
    rest = {k: v for k, v in obj.items() if k not in known}
    return json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None


def _with_extra(obj: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        obj.update(json.loads(extra))
    return obj


def _pick(obj: dict[str, Any], known: Sequence[str]) -> dict[str, Any]:
    out = {k: obj.get(k) for k in known}
    out["extra"] = _extra(obj, known)
    return out


def _span(obj: dict[str, Any] | None) -> tuple[int | None, int | None, str | None]:
    if not obj:
        return None, None, None
    return obj["start"], obj["end"], obj.get("text")


def document_rows(data: dict[str, Any], *, seq: int, origin: str | None) -> dict[str, list[dict[str, Any]]]:
    """The rows one contract document gives each table."""
    doc_id = data["id"]
    text = data["text"]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in FACT_TABLES}
    rows["documents"].append({
        "doc_id": doc_id, "seq": seq, "origin": origin, "schema": data.get("schema"),
        "title": data.get("title"), "published": data.get("published"),
        "published_from": data.get("published_from"), "source": data.get("source"),
        "url": data.get("url"), "text": text,
        "sentences": [{"start": s["start"], "end": s["end"]} for s in data.get("sentences", [])],
        "dates": [_pick(d, _DATE_KEYS) for d in data.get("dates", [])],
        "extra": _extra(data, _DOC_KEYS)})
    for i, ent in enumerate(data.get("entities", [])):
        kb = ent.get("kb")
        rows["entities"].append({
            "doc_id": doc_id, "seq": seq, "position": i, "entity_id": ent["id"],
            "type": ent["type"], "name": ent["name"], "name_en": ent.get("name_en"),
            "kb": {"source": kb.get("source"), "id": kb.get("id")} if kb else None,
            "titles": list(ent.get("titles", [])),
            "mentions": [{"start": m["start"], "end": m["end"],
                          "text": m.get("text", text[m["start"]:m["end"]])}
                         for m in ent.get("mentions", [])],
            "country": ent.get("country"), "sector": ent.get("sector"),
            "extra": _extra(ent, _ENTITY_KEYS)})
    for i, ev in enumerate(data.get("events", [])):
        t_start, t_end, t_text = _span(ev["trigger"])
        s_start, s_end, _ = _span(ev["sentence"])
        rows["events"].append({
            "doc_id": doc_id, "seq": seq, "position": i, "event_id": ev["id"],
            "type": ev["type"], "mode": ev.get("mode"), "trigger_start": t_start,
            "trigger_end": t_end, "trigger": t_text if t_text is not None else text[t_start:t_end],
            "sentence_start": s_start, "sentence_end": s_end, "sentence": text[s_start:s_end],
            "source": list(ev.get("source", [])), "target": list(ev.get("target", [])),
            "location": list(ev.get("location", [])), "date": ev.get("date"),
            "negated": bool(ev.get("negated", False)), "confidence": ev.get("confidence"),
            "source_actors": [_pick(a, _ACTOR_KEYS) for a in ev.get("source_actors", [])],
            "target_actors": [_pick(a, _ACTOR_KEYS) for a in ev.get("target_actors", [])],
            "extra": _extra(ev, _EVENT_KEYS)})
    for i, q in enumerate(data.get("quotes", [])):
        c_start, c_end, c_text = _span(q.get("cue"))
        rows["quotes"].append({
            "doc_id": doc_id, "seq": seq, "position": i, "quote_id": q["id"],
            "start": q["start"], "end": q["end"],
            "text": q.get("text", text[q["start"]:q["end"]]), "kind": q["kind"],
            "speaker": q.get("speaker"), "cue_start": c_start, "cue_end": c_end, "cue": c_text,
            "via": q.get("via"), "extra": _extra(q, _QUOTE_KEYS)})
    return rows


def _unpick(row: dict[str, Any], known: Sequence[str]) -> dict[str, Any]:
    return _with_extra({k: row[k] for k in known}, row.get("extra"))


def rebuild_document(doc: dict[str, Any], entities: Iterable[dict[str, Any]],
                     events: Iterable[dict[str, Any]],
                     quotes: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The contract document from its rows (each list in ``position`` order)."""
    data: dict[str, Any] = {
        "schema": doc["schema"], "id": doc["doc_id"], "title": doc["title"],
        "published": doc["published"], "published_from": doc["published_from"],
        "source": doc["source"], "url": doc["url"], "text": doc["text"],
        "sentences": [{"start": s["start"], "end": s["end"]} for s in doc["sentences"] or []],
        "dates": [_unpick(d, _DATE_KEYS) for d in doc["dates"] or []],
    }
    data["entities"] = [_with_extra({
        "id": e["entity_id"], "type": e["type"], "name": e["name"], "name_en": e["name_en"],
        "kb": {"source": e["kb"]["source"], "id": e["kb"]["id"]} if e["kb"] else None,
        "titles": list(e["titles"] or []),
        "mentions": [{"start": m["start"], "end": m["end"], "text": m["text"]}
                     for m in e["mentions"] or []],
        "country": e["country"], "sector": e["sector"]}, e["extra"]) for e in entities]
    data["events"] = [_with_extra({
        "id": e["event_id"], "type": e["type"], "mode": e["mode"],
        "trigger": {"start": e["trigger_start"], "end": e["trigger_end"], "text": e["trigger"]},
        "sentence": {"start": e["sentence_start"], "end": e["sentence_end"]},
        "source": list(e["source"] or []), "target": list(e["target"] or []),
        "location": list(e["location"] or []), "date": e["date"], "negated": e["negated"],
        "confidence": e["confidence"],
        "source_actors": [_unpick(a, _ACTOR_KEYS) for a in e["source_actors"] or []],
        "target_actors": [_unpick(a, _ACTOR_KEYS) for a in e["target_actors"] or []],
    }, e["extra"]) for e in events]
    data["quotes"] = [_with_extra({
        "id": q["quote_id"], "start": q["start"], "end": q["end"], "text": q["text"],
        "kind": q["kind"], "speaker": q["speaker"],
        "cue": ({"start": q["cue_start"], "end": q["cue_end"], "text": q["cue"]}
                if q["cue_start"] is not None else None),
        "via": q["via"]}, q["extra"]) for q in quotes]
    return _with_extra(data, doc["extra"])


# --- pyarrow ---------------------------------------------------------------------------


def arrow_type(t: ColumnType) -> Any:
    import pyarrow as pa

    if t == S:
        return pa.string()
    if t == N:
        return pa.int64()
    if t == F:
        return pa.float64()
    if t == B:
        return pa.bool_()
    if t[0] == "list":
        return pa.list_(arrow_type(t[1]))
    return pa.struct([(name, arrow_type(sub)) for name, sub in t[1]])


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    return pa.schema([(name, arrow_type(t)) for name, t in TABLES[table]])


def read_table(folder: str | Path, table: str) -> list[dict[str, Any]]:
    """Every row of one table of a ``spark extract`` output (Spark writes a folder of
    part files), in input order."""
    import pyarrow.parquet as pq

    from ..errors import InputError

    path = Path(folder) / table
    if not path.exists():
        raise InputError(f"no {table} table here (is it the --out of `marsad spark extract`?)",
                         where=str(path))
    try:
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    except Exception as e:  # pyarrow raises several kinds of errors for a bad file
        raise InputError(f"cannot read the {table} table: {e}", where=str(path)) from e
    rows.sort(key=lambda r: (r.get("seq", 0), r.get("position", 0)))
    return rows


def iter_documents(folder: str | Path) -> Iterator[tuple[dict[str, Any], str | None]]:
    """(contract document, origin) for every row of ``documents``, in input order."""
    # by seq, not doc_id: the same text read twice (at two URLs) has one id, two records
    facts: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for table in ("entities", "events", "quotes"):
        for row in read_table(folder, table):
            facts.setdefault(row["seq"], {}).setdefault(table, []).append(row)
    for doc in read_table(folder, "documents"):
        mine = facts.get(doc["seq"], {})
        yield (rebuild_document(doc, mine.get("entities", []), mine.get("events", []),
                                mine.get("quotes", [])), doc["origin"])


# --- Spark -----------------------------------------------------------------------------


def spark_type(t: ColumnType) -> Any:
    from pyspark.sql import types as T

    if t == S:
        return T.StringType()
    if t == N:
        return T.LongType()
    if t == F:
        return T.DoubleType()
    if t == B:
        return T.BooleanType()
    if t[0] == "list":
        return T.ArrayType(spark_type(t[1]))
    return T.StructType([T.StructField(name, spark_type(sub)) for name, sub in t[1]])


def spark_schema(table: str) -> Any:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, spark_type(t)) for name, t in TABLES[table]])


def as_tuple(value: Any, t: ColumnType) -> Any:
    """A row (dict) as the nested tuples Spark builds a DataFrame from fastest."""
    if value is None or isinstance(t, str):
        return value
    if t[0] == "list":
        return [as_tuple(v, t[1]) for v in value]
    return tuple(as_tuple(value.get(name), sub) for name, sub in t[1])


def row_tuple(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(as_tuple(row.get(name), t) for name, t in TABLES[table])
