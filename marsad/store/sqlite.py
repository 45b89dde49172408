"""``SQLiteStore``: the embedded store, one SQLite file (WAL journal).

Reads can run from many threads, each with its own store (WAL lets readers work while
one writer writes); writers in several processes take turns (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError
from .db import DEFAULT_DB, SQLStore
from .fts import SQLiteTextIndex
from .schema import open_schema
from .sql import Connection


class SQLiteStore(SQLStore):
    """The store in one SQLite file. ``readonly``: the file must exist and be at this
    Marsad's schema version; ``create=False``: the file must exist (it is migrated)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False,
                 create: bool = True) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        self.readonly = readonly
        self.migrated: list[int] = []
        if not self.path.exists() and (readonly or not create):
            raise StoreError("no store here: run `marsad ingest` first, or give --db",
                             where=self.where)
        try:
            raw = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0,
                                  check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the store: {e}", where=self.where) from e
        self.conn = Connection(raw, SQLiteTextIndex())
        try:
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("PRAGMA busy_timeout=30000")
            self.migrated = open_schema(self.conn, where=self.where, readonly=readonly,
                                        create=create)
            if readonly:
                raw.execute("PRAGMA query_only=1")
        except sqlite3.DatabaseError as e:
            raw.close()
            raise StoreError(f"cannot open the store: {e}", where=self.where) from e
        except StoreError:
            raw.close()
            raise

    def __enter__(self) -> SQLiteStore:
        return self
