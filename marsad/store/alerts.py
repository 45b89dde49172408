"""Saved searches, the alerts they raise, and the state of watched feeds.

A saved search is a name and a set of ``Filters``. When it is saved, the stories already
stored are behind it; each evaluation (``evaluate``, run by ``marsad watch`` after every
round) records the stories that arrived since and match it as *alerts*, once each. An
alert is *delivered* once a webhook has accepted it (``mark_delivered``); without a
webhook alerts are only listed (the ``/alerts`` page, ``GET /api/alerts``).

``watched_feeds`` keeps what ``marsad watch`` knows of each feed: when it last worked,
how many times in a row it failed and why, and when it will be tried again.

The tables are created by the first write; a store that never had one reads as empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .models import Filters, QueryError
from .sql import Connection

_DDL = """
CREATE TABLE IF NOT EXISTS saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    filters TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_rowid INTEGER NOT NULL   -- stories up to this one were there before (or seen)
);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY,
    search_id INTEGER NOT NULL,
    doc_rowid INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0,
    UNIQUE (search_id, doc_rowid)
);
CREATE TABLE IF NOT EXISTS watched_feeds (
    url TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    last_try TEXT,
    last_ok TEXT,
    last_error TEXT,
    next_try TEXT,
    items INTEGER NOT NULL DEFAULT 0,
    new_stories INTEGER NOT NULL DEFAULT 0
);
"""

FILTER_KEYS = ("q", "entity", "entity_type", "event_type", "since", "until", "source")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ensure_tables(conn: Connection) -> None:
    """Create the tables when missing (statement by statement: ``executescript`` would
    commit a transaction the caller has open)."""
    for statement in _DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def _has(conn: Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (table,)).fetchone() is not None


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    filters: Filters
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "filters": self.filters.as_dict(),
                "created_at": self.created_at}


def _filters(raw: str) -> Filters:
    return Filters(**{k: v for k, v in json.loads(raw).items() if k in FILTER_KEYS})


def add_search(conn: Connection, name: str, filters: Filters) -> SavedSearch:
    """Save a search; stories stored before now never alert it."""
    name = name.strip()
    if not name:
        raise QueryError("a saved search needs a name")
    if not {k: v for k, v in filters.as_dict().items() if k in FILTER_KEYS}:
        raise QueryError("a saved search needs a query or a filter (--q, --entity, ...)")
    ensure_tables(conn)
    if conn.execute("SELECT 1 FROM saved_searches WHERE name = ?", (name,)).fetchone():
        raise QueryError(f"there is already a saved search named {name!r}")
    last = conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]
    created = now()
    search_id = conn.insert(
        "INSERT INTO saved_searches(name, filters, created_at, last_rowid) VALUES (?, ?, ?, ?)",
        (name, json.dumps(filters.as_dict(), ensure_ascii=False), created, last))
    return SavedSearch(search_id, name, filters, created)


def remove_search(conn: Connection, name: str) -> None:
    ensure_tables(conn)
    row = conn.execute("SELECT id FROM saved_searches WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise QueryError(f"no saved search named {name!r}")
    conn.execute("DELETE FROM alerts WHERE search_id = ?", (row[0],))
    conn.execute("DELETE FROM saved_searches WHERE id = ?", (row[0],))


def searches(conn: Connection) -> list[SavedSearch]:
    if not _has(conn, "saved_searches"):
        return []
    return [SavedSearch(r[0], r[1], _filters(r[2]), r[3]) for r in conn.execute(
        "SELECT id, name, filters, created_at FROM saved_searches ORDER BY id")]


def evaluate(conn: Connection) -> list[dict[str, Any]]:
    """Record, for every saved search, the stories stored since it last looked that
    match it; returns the new alerts (``alert_items`` shape)."""
    from .queries import story_conditions

    if not _has(conn, "saved_searches"):
        return []
    new_ids: list[int] = []
    top = conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]
    for search_id, raw, last in conn.execute(
            "SELECT id, filters, last_rowid FROM saved_searches ORDER BY id").fetchall():
        where, _, _ = story_conditions(conn, _filters(raw))
        rows = conn.execute(
            f"SELECT d.rowid FROM documents d WHERE {where.sql()} AND d.rowid > ? "
            "AND d.rowid <= ? ORDER BY d.rowid", [*where.params, last, top]).fetchall()
        created = now()
        for (rowid,) in rows:
            alert_id = conn.insert_new("INSERT INTO alerts(search_id, doc_rowid, created_at) "
                                       "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                       (search_id, rowid, created))
            if alert_id is not None:
                new_ids.append(alert_id)
        conn.execute("UPDATE saved_searches SET last_rowid = ? WHERE id = ?", (top, search_id))
    return alert_items(conn, ids=new_ids) if new_ids else []


def alert_items(conn: Connection, *, ids: list[int] | None = None,
                undelivered: bool = False, search: str | None = None,
                limit: int = 200) -> list[dict[str, Any]]:
    """Alerts, newest first: the search that raised each and the story it found."""
    if not _has(conn, "alerts"):
        return []
    where, params = ["1"], []  # type: list[str], list[Any]
    if ids is not None:
        where.append(f"a.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if undelivered:
        where.append("a.delivered = 0")
    if search is not None:
        where.append("s.name = ?")
        params.append(search)
    rows = conn.execute(
        f"""SELECT a.id, s.id, s.name, a.created_at, a.delivered, d.id, d.title, d.published,
                   d.source, d.url
            FROM alerts a JOIN saved_searches s ON s.id = a.search_id
            JOIN documents d ON d.rowid = a.doc_rowid
            WHERE {" AND ".join(where)} ORDER BY a.id DESC LIMIT ?""", [*params, limit]).fetchall()
    return [{"alert_id": r[0], "search": {"id": r[1], "name": r[2]}, "created_at": r[3],
             "delivered": bool(r[4]),
             "document": {"id": r[5], "title": r[6], "published": r[7], "source": r[8],
                          "url": r[9]}} for r in rows]


def mark_delivered(conn: Connection, ids: list[int]) -> None:
    if ids:
        conn.execute(f"UPDATE alerts SET delivered = 1 WHERE id IN ({','.join('?' * len(ids))})",
                     ids)


# --- watched feeds -------------------------------------------------------------------------


def record_feed(conn: Connection, url: str, *, ok: bool, error: str | None = None,
                failures: int = 0, next_try: str | None = None, items: int = 0,
                new_stories: int = 0) -> None:
    ensure_tables(conn)
    at = now()
    conn.execute("INSERT OR IGNORE INTO watched_feeds(url) VALUES (?)", (url,))
    if ok:
        conn.execute("UPDATE watched_feeds SET failures = 0, last_try = ?, last_ok = ?, "
                     "last_error = NULL, next_try = ?, items = ?, "
                     "new_stories = new_stories + ? WHERE url = ?",
                     (at, at, next_try, items, new_stories, url))
    else:
        conn.execute("UPDATE watched_feeds SET failures = ?, last_try = ?, last_error = ?, "
                     "next_try = ? WHERE url = ?", (failures, at, error, next_try, url))


def feeds(conn: Connection) -> list[dict[str, Any]]:
    if not _has(conn, "watched_feeds"):
        return []
    return [{"url": r[0], "failures": r[1], "last_try": r[2], "last_ok": r[3],
             "last_error": r[4], "next_try": r[5], "items": r[6], "new_stories": r[7],
             "ok": r[1] == 0 and r[3] is not None}
            for r in conn.execute("SELECT url, failures, last_try, last_ok, last_error, "
                                  "next_try, items, new_stories FROM watched_feeds ORDER BY url")]
