"""``PostgresStore``: the store in a PostgreSQL database, for a team or several machines.

Open it with a URL, ``postgresql://USER:PASSWORD@HOST:PORT/DATABASE`` (a Unix socket:
``postgresql:///DATABASE?host=/run/postgresql``), as ``--db`` or ``MARSAD_DB``. It needs
psycopg 3 (``pip install 'marsad[pg]'``). The schema, the queries and the answers are
those of the SQLite store (see ``db``, ``sql``, ``fts``); the tables live in the
connection's current schema (``?options=-csearch_path%3Dnews`` picks another).

Several processes, on one machine or many, may ingest into the same database at once:
extraction runs in parallel, and each article is written in a transaction holding the
store's advisory writer lock, after its content hash is checked again, so no article is
lost or stored twice and the entity store sees one document at a time.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import StoreError
from .db import SQLStore
from .fts import PostgresTextIndex
from .schema import open_schema
from .sql import Cursor, Params, PostgresConnection

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    return str(target).startswith(URL_SCHEMES)


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class _Connection(PostgresConnection):
    """Turns the driver's errors into the store's own."""

    def __init__(self, raw: Any, where: str) -> None:
        super().__init__(raw, PostgresTextIndex())
        self.where = where

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        import psycopg

        try:
            return super().execute(sql, params)
        except psycopg.errors.ReadOnlySqlTransaction as e:
            raise StoreError("this store was opened read-only", where=self.where) from e
        except psycopg.OperationalError as e:
            raise StoreError(f"the PostgreSQL server failed: {e}", where=self.where) from e


class PostgresStore(SQLStore):
    """The store in the PostgreSQL database at ``url``. ``readonly``: the schema must be
    there at this Marsad's version and nothing can be written; otherwise the schema is
    created (unless ``create`` is False) or migrated."""

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True) -> None:
        self.url = url
        self.where = safe_url(url)
        self.readonly = readonly
        self.migrated: list[int] = []
        try:
            import psycopg
        except ImportError as e:
            raise StoreError("a PostgreSQL store needs psycopg: pip install 'marsad[pg]'",
                             where=self.where) from e
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect: {str(e).strip()}", where=self.where) from e
        self.conn = _Connection(raw, self.where)
        try:
            if readonly:
                raw.execute("SET default_transaction_read_only = on")
            self.migrated = open_schema(self.conn, where=self.where, readonly=readonly,
                                        create=create)
        except (psycopg.Error, StoreError) as e:
            raw.close()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot open the store: {str(e).strip()}", where=self.where) from e

    def __enter__(self) -> PostgresStore:
        return self
