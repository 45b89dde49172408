"""``Store``: one SQLite file holding documents, the entity store and their indexes.

Writes happen in one transaction per document, so a crash (even ``kill -9``) loses at
most the document being written; the next run finds what is there by content hash and
skips it. Reads can run from many threads, each with its own ``Store`` (SQLite WAL lets
readers work while one writer writes).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..document import Actor, Document, content_id
from ..errors import StoreError
from . import entities as ent_store
from . import queries
from .models import AddResult, Filters, Page, StoredEntity
from .schema import create_or_check
from .textindex import index_forms

DEFAULT_DB = "marsad.db"


class Store:
    """The embedded database. Open with ``Store(path)``; use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False,
                 create: bool = True) -> None:
        self.path = Path(path)
        where = str(self.path)
        if not self.path.exists() and (readonly or not create):
            raise StoreError("no store here: run `marsad ingest` first, or give --db", where=where)
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0,
                                        check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=OFF")
            self.conn.execute("PRAGMA busy_timeout=30000")
            if readonly:
                create_or_check_readonly(self.conn, where=where)
                self.conn.execute("PRAGMA query_only=1")
            else:
                create_or_check(self.conn, where=where)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open the store: {e}", where=where) from e
        self.readonly = readonly

    # --- plumbing ----------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything in it is stored, or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- documents ---------------------------------------------------------------------

    def find_copy(self, content_hash: str, url: str | None) -> tuple[str, str] | None:
        """An article already stored with this content hash: ``(how, doc id)`` where how is
        ``same`` (same hash and same URL, or no URL: nothing to add) or ``copy`` (same
        text at another URL: the id is its story)."""
        rows = self.conn.execute(
            "SELECT id, url, dup_group FROM documents WHERE hash = ? ORDER BY rowid", (content_hash,)
        ).fetchall()
        if not rows:
            return None
        for doc_id, doc_url, _group in rows:
            if not url or doc_url == url:
                return "same", doc_id
        return "copy", rows[0][2]

    def has_id(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_document(
        self,
        doc: Document | dict[str, Any],
        *,
        content_hash: str,
        dup_group: str | None = None,
        similarity: float | None = None,
        signature: bytes | None = None,
        origin: str | None = None,
        index: tuple[str, str] | None = None,
    ) -> AddResult:
        """Store one article in its own transaction.

        A story (``dup_group`` None) gets its facts indexed, entities matched to the entity
        store and ``signature`` (its MinHash) kept for near-duplicate search. A copy
        (``dup_group`` = the story's id) is stored with its text and metadata only, linked
        to its story. ``index`` is the precomputed (title, body) FTS text, when a worker
        process made it.
        """
        data = doc.to_json() if isinstance(doc, Document) else dict(doc)
        doc_id = data["id"]
        with self.transaction() as conn:
            if self.has_id(doc_id):
                if dup_group is None or not data.get("url"):
                    return AddResult("duplicate", doc_id)
                # the same text at another URL: the copy gets an id of its own
                doc_id = content_id(f"{data['url']}\n{data['text']}")
                data["id"] = doc_id
                if self.has_id(doc_id):
                    return AddResult("duplicate", doc_id)
            if dup_group is not None:
                data = {**data, "entities": [], "events": [], "quotes": [], "dates": []}
            cur = conn.execute(
                """INSERT INTO documents(id, hash, url, source, title, published, published_from,
                       dup_group, similarity, origin, ingested_at, text, data)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc_id, content_hash, data.get("url"), data.get("source"), data.get("title"),
                 data.get("published"), data.get("published_from"), dup_group or doc_id,
                 similarity, origin, _now(), data["text"], pack(data)),
            )
            rowid = int(cur.lastrowid or 0)
            if dup_group is not None:
                return AddResult("near_duplicate", doc_id, dup_group, similarity)
            title_idx, body_idx = index or (index_forms(data.get("title")),
                                            index_forms(data["text"]))
            conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)",
                         (rowid, title_idx, body_idx))
            if signature is not None:
                conn.execute("INSERT INTO minhashes(doc_rowid, sig) VALUES (?, ?)",
                             (rowid, signature))
            _store_facts(conn, rowid, Document.from_json(data))
        return AddResult("ingested", doc_id, doc_id)

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(story id, MinHash signature) of every stored story."""
        yield from self.conn.execute(
            "SELECT d.id, m.sig FROM minhashes m JOIN documents d ON d.rowid = m.doc_rowid"
        )

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The contract JSON of a stored article, each entity with its ``store_id``, and a
        ``store`` object: its story (``dup_group``) and the other copies of that story."""
        return queries.document(self.conn, doc_id)

    def get_document(self, doc_id: str) -> Document | None:
        data = self.document(doc_id)
        return Document.from_json(data) if data else None

    def documents(self, filters: Filters | None = None, *, limit: int = 20,
                  offset: int = 0) -> Page[dict[str, Any]]:
        """Stories matching ``filters``: best match first with a query, else newest first."""
        return queries.search(self.conn, filters or Filters(), limit=limit, offset=offset)

    search = documents

    def count_documents(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT count(*), sum(dup_group = id) FROM documents").fetchone()
        return {"documents": row[0], "stories": row[1] or 0,
                "entities": self.conn.execute(
                    "SELECT count(*) FROM entities WHERE merged_into IS NULL").fetchone()[0],
                "events": self.conn.execute("SELECT count(*) FROM events").fetchone()[0],
                "quotes": self.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]}

    def sources(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source")]

    # --- events and quotes ---------------------------------------------------------------

    def events(self, filters: Filters | None = None, *, limit: int = 50,
               offset: int = 0) -> Page[dict[str, Any]]:
        return queries.events(self.conn, filters or Filters(), limit=limit, offset=offset)

    def quotes(self, filters: Filters | None = None, *, limit: int = 50,
               offset: int = 0) -> Page[dict[str, Any]]:
        return queries.quotes(self.conn, filters or Filters(), limit=limit, offset=offset)

    # --- entities ------------------------------------------------------------------------

    def entity(self, entity_id: str) -> StoredEntity | None:
        live = ent_store.resolve_id(self.conn, entity_id)
        found = ent_store.load_entities(self.conn, [live], with_aliases=True) if live else []
        return found[0] if found else None

    def entity_profile(self, entity_id: str) -> dict[str, Any] | None:
        """Everything about an entity: aliases, mentions, its timeline of events, quotes,
        co-occurring entities, and whom it met (CONSULT) or fought (ASSAULT, FIGHT)."""
        return queries.entity_profile(self.conn, entity_id)

    def search_entities(self, q: str | None = None, *, type: str | None = None,
                        limit: int = 20, offset: int = 0) -> Page[StoredEntity]:
        """Entities whose names (Arabic aliases or English) start with the words of ``q``."""
        ids, total = ent_store.search_entity_ids(self.conn, q, etype=type, limit=limit,
                                                 offset=offset)
        return Page(ent_store.load_entities(self.conn, ids), total, limit, offset)

    def entities_by_alias(self, norm_name: str, *, type: str | None = None) -> list[StoredEntity]:
        """Live entities with an Arabic alias (matching form) or English name equal to
        ``norm_name``: the hook ``marsad kb import`` uses to find what to link."""
        ids = ent_store.entities_by_alias(self.conn, norm_name, etype=type)
        return ent_store.load_entities(self.conn, ids, with_aliases=True)

    def set_kb(self, entity_id: str, source: str, id: str, name_en: str | None = None) -> str:
        with self.transaction() as conn:
            return ent_store.set_kb(conn, entity_id, source, id, name_en=name_en)

    def merge(self, keep: str, other: str) -> str:
        """Merge entity ``other`` into ``keep`` (recorded; later documents follow it)."""
        with self.transaction() as conn:
            return ent_store.merge_entities(conn, keep, other)

    def split(self, entity_id: str, aliases: Sequence[str], *, name: str | None = None,
              name_en: str | None = None) -> str:
        """Move ``aliases`` (and the document entities so named) to a new entity."""
        with self.transaction() as conn:
            return ent_store.split_entity(conn, entity_id, aliases, name=name, name_en=name_en)

    def rename(self, entity_id: str, *, name: str | None = None,
               name_en: str | None = None) -> str:
        with self.transaction() as conn:
            return ent_store.rename_entity(conn, entity_id, name=name, name_en=name_en)

    def set_code(self, entity_id: str, **fields: str | None) -> dict[str, str | None]:
        """Correct an entity's ``country`` and/or ``sector`` (``None`` or ``"none"``: no
        code). Recorded; it overrides every article, stored and to come."""
        with self.transaction() as conn:
            return ent_store.set_code(conn, entity_id, origin="user", **fields)

    def set_imported_code(self, entity_id: str, *, source: str = "wikidata",
                          **fields: str | None) -> dict[str, str | None]:
        """A code from a knowledge base: it overrides the articles, not a person."""
        with self.transaction() as conn:
            return ent_store.set_code(conn, entity_id, origin=source, **fields)

    def entity_code(self, entity_id: str) -> dict[str, Any]:
        """``{"country": ..., "sector": ..., "origins": {...}}`` of a stored entity."""
        live = ent_store.require_live(self.conn, entity_id)
        stored = ent_store.entity_code(self.conn, live)
        return {"country": stored.get("country", (None, None))[0],
                "sector": stored.get("sector", (None, None))[0],
                "origins": {f: o for f, (_, o) in stored.items()}}

    def corrections(self) -> list[dict[str, Any]]:
        return [{"op": r[0], **json.loads(r[1]), "at": r[2]} for r in self.conn.execute(
            "SELECT op, args, created_at FROM corrections ORDER BY rowid")]


def create_or_check_readonly(conn: sqlite3.Connection, *, where: str) -> None:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if row is None:
        raise StoreError("this SQLite file is not a Marsad store", where=where)
    create_or_check(conn, where=where)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def pack(data: dict[str, Any]) -> bytes:
    """The stored form of a contract document: its JSON, less what the text gives back
    (see ``_without_surfaces``), zlib-compressed (a third of the size)."""
    raw = json.dumps(_without_surfaces(data), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(raw.encode("utf-8"), 6)


def unpack(blob: bytes, text: str) -> dict[str, Any]:
    """The contract document back from ``pack`` and its text."""
    stored: dict[str, Any] = json.loads(zlib.decompress(blob))
    data = Document.from_json({**stored, "text": text}).to_json()
    for key, value in stored.items():
        data.setdefault(key, value)
    return data


def _no_text(span: Any) -> Any:
    return {k: v for k, v in span.items() if k != "text"} if isinstance(span, dict) else span


def _without_surfaces(data: dict[str, Any]) -> dict[str, Any]:
    """The contract JSON less the text and the surfaces of spans (``text[start:end]``, by
    the contract): ``queries.document`` puts them back. It halves the stored JSON."""
    out = {k: v for k, v in data.items() if k != "text"}
    out["entities"] = [{**e, "mentions": [_no_text(m) for m in e.get("mentions", [])]}
                       for e in data.get("entities", [])]
    out["dates"] = [_no_text(d) for d in data.get("dates", [])]
    out["events"] = [{**e, "trigger": _no_text(e.get("trigger"))} for e in data.get("events", [])]
    out["quotes"] = [{**_no_text(q), "cue": _no_text(q.get("cue"))} for q in data.get("quotes", [])]
    return out


def _store_facts(conn: sqlite3.Connection, rowid: int, doc: Document) -> None:
    """Match the document's entities to the entity store and index its events and quotes."""
    text = doc.text
    local_to_store: dict[str, str] = {}
    codes: dict[str, Any] = {}  # local id -> (stored code, effective entity code)
    for ent in doc.entities:
        surfaces = [text[m.start:m.end] for m in ent.mentions]
        entity_id = ent_store.match_entity(conn, ent)
        if entity_id is None:
            entity_id = ent_store.create_entity(conn, etype=ent.type, name=ent.name,
                                                name_en=ent.name_en, kb=ent.kb)
        ent_store.accumulate(conn, entity_id, ent, surfaces)
        given = {"country": ent.country, "sector": ent.sector}
        stored = ent_store.accumulate_code(conn, entity_id, given)
        codes[ent.id] = (stored, ent_store.effective_code(stored, given))
        local_to_store[ent.id] = entity_id
        conn.execute(
            "INSERT OR REPLACE INTO doc_entities(doc_rowid, local_id, entity_id, name, norm, "
            "mention_count) VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, ent.id, entity_id, ent.name, ent_store.name_key(ent.name), len(ent.mentions)),
        )
        conn.executemany(
            'INSERT INTO mentions(doc_rowid, local_id, entity_id, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(rowid, ent.id, entity_id, m.start, m.end, text[m.start:m.end]) for m in ent.mentions],
        )
    conn.executemany(
        "INSERT OR IGNORE INTO doc_facets(kind, value, doc_rowid) VALUES ('etype', ?, ?)",
        [(t, rowid) for t in sorted({ent.type for ent in doc.entities})])
    per_entity: dict[str, int] = {}
    for ent in doc.entities:
        entity_id = local_to_store[ent.id]
        per_entity[entity_id] = per_entity.get(entity_id, 0) + len(ent.mentions)
    conn.executemany(
        "UPDATE entities SET doc_count = doc_count + 1, mention_count = mention_count + ? "
        "WHERE id = ?", [(n, entity_id) for entity_id, n in per_entity.items()])
    for ev in doc.events:
        cur = conn.execute(
            """INSERT OR IGNORE INTO events(doc_rowid, local_id, type, mode, date, "when",
                   trigger_start, trigger_end, trigger, sentence_start, sentence_end, sentence,
                   negated, confidence, cluster)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (rowid, ev.id, ev.type, ev.mode, ev.date, ev.date or doc.published,
             ev.trigger.start, ev.trigger.end, text[ev.trigger.start:ev.trigger.end],
             ev.sentence.start, ev.sentence.end, text[ev.sentence.start:ev.sentence.end],
             int(ev.negated), ev.confidence, f"{doc.id}:{ev.attrs.get('cluster') or ev.id}"),
        )
        if not cur.rowcount:
            continue
        event_rowid = cur.lastrowid
        conn.executemany(
            "INSERT INTO event_args(event_rowid, doc_rowid, role, position, local_id, entity_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(event_rowid, rowid, role, i, local, local_to_store.get(local))
             for role, locals_ in (("source", ev.source), ("target", ev.target),
                                   ("location", ev.location))
             for i, local in enumerate(locals_)],
        )
        conn.executemany(
            'INSERT INTO event_actors(event_rowid, doc_rowid, role, position, start, "end", '
            "text, local_id, entity_id, country, sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(event_rowid, rowid, role, i, a.start, a.end, text[a.start:a.end], a.entity,
              local_to_store.get(a.entity or ""), *actor_code(a, codes.get(a.entity or "")))
             for role, actors in (("source", ev.source_actors), ("target", ev.target_actors))
             for i, a in enumerate(actors)],
        )
    conn.executemany(
        """INSERT INTO quotes(doc_rowid, local_id, start, "end", text, kind, speaker_local,
               speaker_id, cue, via_local, via_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(rowid, q.id, q.start, q.end, text[q.start:q.end], q.kind, q.speaker,
          local_to_store.get(q.speaker or ""), text[q.cue.start:q.cue.end] if q.cue else None,
          q.via, local_to_store.get(q.via or "")) for q in doc.quotes],
    )


def actor_code(actor: Actor, codes: Any) -> tuple[str | None, str | None]:
    """An event actor's (country, sector) in the store (``entities.actor_code``)."""
    if codes is None:
        return actor.country, actor.sector
    stored, entity = codes
    code = ent_store.actor_code(stored, entity, {"country": actor.country, "sector": actor.sector})
    return code["country"], code["sector"]
