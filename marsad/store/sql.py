"""One database connection, SQLite or PostgreSQL, spoken to in one SQL.

The store's queries are written once, with SQLite's ``?`` placeholders and the SQL both
databases share (``ON CONFLICT``, ``NULLS LAST``, ``CASE``, window-free subqueries);
``Connection`` runs them on either. What the two do differently sits here and in the
full-text index of each backend (``fts_sqlite``, ``fts_postgres``), nowhere else:

- placeholders: ``?`` becomes ``%s`` for psycopg (and a literal ``%`` becomes ``%%``);
- the id of an inserted row: ``lastrowid`` in SQLite, ``RETURNING rowid`` in PostgreSQL;
- transactions: ``BEGIN IMMEDIATE`` in SQLite (one writer per file); in PostgreSQL a
  transaction that first takes the store's advisory writer lock, so that writers on
  several machines take turns exactly as SQLite's writers do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .fts import TextIndex

Params = Sequence[Any]

# pg_advisory_xact_lock keys: one for writers, one for creating or migrating the schema
WRITER_LOCK = 0x4D415253  # "MARS"
SCHEMA_LOCK = 0x4D415254


class Cursor(Protocol):
    """What both drivers' cursors give back."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection:
    """A connection to one store; ``dialect`` is ``sqlite`` or ``postgresql``."""

    dialect = "sqlite"

    def __init__(self, raw: Any, fts: TextIndex) -> None:
        self.raw = raw
        self.fts = fts

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        return self.raw.execute(sql, params)  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        rows = list(rows)
        if rows:
            self.raw.executemany(sql, rows)

    def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT of one row and return its ``rowid``."""
        return int(self.raw.execute(sql, params).lastrowid)

    def insert_new(self, sql: str, params: Params = ()) -> int | None:
        """Run an ``INSERT ... ON CONFLICT DO NOTHING`` of one row: its ``rowid``, or None
        when the row was already there."""
        cur = self.raw.execute(sql, params)
        return int(cur.lastrowid) if cur.rowcount else None

    @contextmanager
    def transaction(self, *, lock: bool = True) -> Iterator[Connection]:
        """One write transaction: everything in it is stored, or nothing."""
        self.raw.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        self.raw.execute("COMMIT")

    def close(self) -> None:
        self.raw.close()


class PostgresConnection(Connection):
    """The same calls over psycopg (autocommit, explicit transactions)."""

    dialect = "postgresql"

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        return self.raw.execute(pg_sql(sql), params or None)  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(pg_sql(sql), rows)

    def insert(self, sql: str, params: Params = ()) -> int:
        return int(self.raw.execute(pg_sql(sql + " RETURNING rowid"), params).fetchone()[0])

    def insert_new(self, sql: str, params: Params = ()) -> int | None:
        row = self.raw.execute(pg_sql(sql + " RETURNING rowid"), params).fetchone()
        return int(row[0]) if row else None

    @contextmanager
    def transaction(self, *, lock: bool = True) -> Iterator[Connection]:
        with self.raw.transaction():
            if lock:
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            yield self


@lru_cache(maxsize=2048)
def pg_sql(sql: str) -> str:
    """SQLite placeholders to psycopg's: ``?`` -> ``%s``, ``%`` -> ``%%``. The store's SQL
    never holds a ``?`` inside a string literal."""
    return sql.replace("%", "%%").replace("?", "%s")


def marks(values: Sequence[Any]) -> str:
    """``?, ?, ?`` for an IN list (``NULL`` for an empty one, which matches nothing)."""
    return ",".join("?" * len(values)) if values else "NULL"


def is_sqlite_error(e: BaseException) -> bool:
    return isinstance(e, sqlite3.Error)


def store_conn(store: Any) -> Connection:
    """The connection of a store, for the modules that read and write it with SQL of their
    own (vectors, alerts, views): they were written for SQLite, and a PostgreSQL store
    raises ``StoreError`` there (``marsad.store.postgres`` does not port them yet)."""
    conn: Connection = store.conn
    if conn.dialect != "sqlite":
        from ..errors import StoreError

        raise StoreError("meaning search, alerts and the charts need a SQLite store")
    return conn
