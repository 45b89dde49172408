"""``open_store``: the store a ``--db`` value (or ``MARSAD_DB``) names.

- ``postgresql://...`` or ``postgres://...``: a PostgreSQL database (``PostgresStore``);
- anything else: the path of a SQLite file (``SQLiteStore``); ``sqlite:///PATH`` too.

Without a value, ``$MARSAD_DB``, else ``./marsad.db``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .db import DEFAULT_DB
from .postgres import PostgresStore, is_postgres_url
from .protocol import DocumentStore
from .sqlite import SQLiteStore

DB_ENV = "MARSAD_DB"


def store_target(target: str | Path | None = None) -> str:
    """The store ``target`` names: itself, else ``$MARSAD_DB``, else ``marsad.db``."""
    if target is not None and str(target).strip():
        return str(target)
    return os.environ.get(DB_ENV) or DEFAULT_DB


def is_sqlite_target(target: str) -> bool:
    return not is_postgres_url(target)


def sqlite_path(target: str) -> Path:
    return Path(target[len("sqlite:///"):] if target.startswith("sqlite:///") else target)


def open_store(target: str | Path | None = None, *, readonly: bool = False,
               create: bool = True) -> DocumentStore:
    """Open the store ``target`` names (see the module docstring). ``readonly`` never
    creates or migrates anything; ``create=False`` needs the store to exist already."""
    where = store_target(target)
    if is_postgres_url(where):
        return PostgresStore(where, readonly=readonly, create=create)
    return SQLiteStore(sqlite_path(where), readonly=readonly, create=create)
