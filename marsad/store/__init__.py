"""The observatory's store: documents, the cross-document entity store, search.

Storage sits behind one typed Protocol (``DocumentStore``, reading alone ``StoreReader``),
with two backends: ``SQLiteStore`` (one file, the default) and ``PostgresStore`` (a shared
server). ``open_store`` picks one from a ``--db`` value or ``MARSAD_DB``::

    >>> from marsad.store import Filters, open_store
    >>> with open_store("marsad.db", readonly=True) as store:
    ...     page = store.search(Filters(q="حفتر", since="2023-09"))

``Store`` is the SQLite store, the name existing code and tests use.
"""

from __future__ import annotations

from .db import DEFAULT_DB
from .models import AddResult, Filters, Page, QueryError, StoredEntity
from .open import DB_ENV, open_store, store_target
from .postgres import PostgresStore
from .protocol import DocumentStore, StoreReader
from .schema import SCHEMA_VERSION
from .sqlite import SQLiteStore

Store = SQLiteStore

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "AddResult",
    "DocumentStore",
    "Filters",
    "Page",
    "PostgresStore",
    "QueryError",
    "SQLiteStore",
    "Store",
    "StoreReader",
    "StoredEntity",
    "open_store",
    "store_target",
]
