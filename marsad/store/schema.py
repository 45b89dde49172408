"""The store's SQLite schema, versioned.

One file, WAL journal. ``documents.text`` holds each article's text and ``documents.data``
its contract JSON (``marsad/document@1``) as extracted, with the document's own entity
ids, less the text and span surfaces, zlib-compressed (``db.pack``/``db.unpack``); the
other tables are indexes over it for filters, joins and the cross-document entity store:

- ``documents``: one row per stored article; ``dup_group`` is the id of the story it
  belongs to (its own id when it is the story itself, ``similarity`` then NULL).
- ``entities`` / ``aliases`` / ``alias_blocks``: the cross-document entity store.
  ``entities.id`` is ``E`` + a number that is never reused; ``merged_into`` redirects an
  entity merged away; ``doc_count``/``mention_count`` are kept up to date on every write.
- ``doc_facets`` lists, per document, the entity types it mentions (``kind`` = ``etype``),
  for fast type filters;
- ``doc_entities`` maps each document's entity (``local_id``) to a stored entity;
  ``mentions``, ``events``, ``event_args`` and ``quotes`` carry both ids.
  ``events.cluster`` names the happening an event tells (the story's id and the article's
  cluster, ``D1:H2``): only a story's facts are indexed, so the copies of a story share it,
  and counts of happenings count distinct clusters.
- ``doc_fts`` (contentless FTS5) indexes title and body in matching forms
  (see ``textindex``); ``entity_fts`` indexes entity names, Arabic and English.
- ``minhashes``: the near-duplicate signature of every story.
- ``corrections``: merges, splits, renames and codes made by people, in order.
- ``event_actors``: every actor of every event as written (span, surface, the document's
  entity and the stored one, or none for a nominal actor) with its country and sector;
  ``entity_codes``: the country and sector of each stored entity and where each came from
  (``doc``: the articles; ``wikidata``: an import; ``user``: a correction, which wins).
  Both are additive: a store made before them gets the tables when it is next opened.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

SCHEMA_VERSION = 2  # 2: events.cluster (one id per happening; a version-1 store is upgraded)

_DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    published_from TEXT,
    dup_group TEXT NOT NULL,
    similarity REAL,
    origin TEXT,
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(hash);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_dup_group ON documents(dup_group);
-- stories (not near-duplicate copies), newest first: search counts and lists these
CREATE INDEX IF NOT EXISTS documents_story ON documents(published) WHERE dup_group = id;

CREATE TABLE IF NOT EXISTS entities (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    name_en TEXT,
    kb_source TEXT,
    kb_id TEXT,
    name_locked INTEGER NOT NULL DEFAULT 0,
    name_en_locked INTEGER NOT NULL DEFAULT 0,
    merged_into TEXT,
    doc_count INTEGER NOT NULL DEFAULT 0,
    mention_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_type_norm ON entities(type, norm);
CREATE INDEX IF NOT EXISTS entities_kb ON entities(kb_source, kb_id);

CREATE TABLE IF NOT EXISTS aliases (
    entity_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    norm TEXT NOT NULL,
    name TEXT NOT NULL,
    last TEXT,
    count INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL,
    PRIMARY KEY (entity_id, lang, norm)
);
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm);
CREATE INDEX IF NOT EXISTS aliases_last ON aliases(last);

CREATE TABLE IF NOT EXISTS alias_blocks (
    entity_id TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (entity_id, norm)
);

CREATE TABLE IF NOT EXISTS doc_facets (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    doc_rowid INTEGER NOT NULL,
    PRIMARY KEY (kind, value, doc_rowid)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS doc_entities (
    doc_rowid INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (doc_rowid, local_id)
);
CREATE INDEX IF NOT EXISTS doc_entities_entity ON doc_entities(entity_id);

CREATE TABLE IF NOT EXISTS mentions (
    doc_rowid INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_rowid, local_id);

CREATE TABLE IF NOT EXISTS events (
    rowid INTEGER PRIMARY KEY,
    doc_rowid INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    date TEXT,
    "when" TEXT,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    negated INTEGER NOT NULL,
    confidence REAL,
    cluster TEXT,
    UNIQUE (doc_rowid, local_id)
);
CREATE INDEX IF NOT EXISTS events_type_when ON events(type, "when");
CREATE INDEX IF NOT EXISTS events_when ON events("when");

CREATE TABLE IF NOT EXISTS event_args (
    event_rowid INTEGER NOT NULL,
    doc_rowid INTEGER NOT NULL,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    entity_id TEXT
);
CREATE INDEX IF NOT EXISTS event_args_event ON event_args(event_rowid);
CREATE INDEX IF NOT EXISTS event_args_entity ON event_args(entity_id, role);
CREATE INDEX IF NOT EXISTS event_args_local ON event_args(doc_rowid, local_id);

CREATE TABLE IF NOT EXISTS quotes (
    rowid INTEGER PRIMARY KEY,
    doc_rowid INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_local TEXT,
    speaker_id TEXT,
    cue TEXT,
    via_local TEXT,
    via_id TEXT
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_rowid);

CREATE TABLE IF NOT EXISTS minhashes (
    doc_rowid INTEGER PRIMARY KEY,
    sig BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS corrections (
    rowid INTEGER PRIMARY KEY,
    op TEXT NOT NULL,
    args TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS entity_fts USING fts5(
    names, tokenize='unicode61 remove_diacritics 0'
);
"""


# Tables added after version 1 was fixed: created in new and existing stores alike.
_ADDITIVE_DDL = """
CREATE TABLE IF NOT EXISTS event_actors (
    event_rowid INTEGER NOT NULL,
    doc_rowid INTEGER NOT NULL,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    local_id TEXT,
    entity_id TEXT,
    country TEXT,
    sector TEXT
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_rowid);
CREATE INDEX IF NOT EXISTS event_actors_code ON event_actors(country, sector, role);
CREATE INDEX IF NOT EXISTS event_actors_sector ON event_actors(sector, role);
CREATE INDEX IF NOT EXISTS event_actors_entity ON event_actors(entity_id);
CREATE INDEX IF NOT EXISTS event_actors_local ON event_actors(doc_rowid, local_id);

CREATE TABLE IF NOT EXISTS entity_codes (
    entity_id TEXT PRIMARY KEY,
    country TEXT,
    country_origin TEXT,
    sector TEXT,
    sector_origin TEXT
);
"""


def _add_tables(conn: sqlite3.Connection) -> None:
    missing = {"event_actors", "entity_codes"} - {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if missing:
        try:
            conn.executescript("BEGIN;\n" + _ADDITIVE_DDL + "COMMIT;")
        except sqlite3.OperationalError:
            # a store on read-only media: the queries that need the tables say so
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def create_or_check(conn: sqlite3.Connection, *, where: str) -> None:
    """Create the schema in an empty store, or check that an existing one is ours."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version == 1:  # events gained their happening id
            conn.executescript(
                "BEGIN;\nALTER TABLE events ADD COLUMN cluster TEXT;\n"
                f"UPDATE meta SET value = '{SCHEMA_VERSION}' WHERE key = 'schema_version';\nCOMMIT;"
            )
            return
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"the store has schema version {version}; this Marsad reads version "
                f"{SCHEMA_VERSION}", where=where,
            )
        _add_tables(conn)
        return
    if tables - {"sqlite_sequence"}:
        raise StoreError("this SQLite file is not a Marsad store", where=where)
    conn.executescript(
        "BEGIN;\n" + _DDL + _ADDITIVE_DDL
        + f"INSERT INTO meta(key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;"
    )
