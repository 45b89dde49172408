"""The observatory's embedded store: documents, the cross-document entity store, search.

    >>> from marsad.store import Store, Filters
    >>> with Store("marsad.db") as store:
    ...     page = store.search(Filters(q="حفتر", since="2023-09"))
"""

from __future__ import annotations

from .db import DEFAULT_DB, Store
from .models import AddResult, Filters, Page, QueryError, StoredEntity
from .schema import SCHEMA_VERSION

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "AddResult",
    "Filters",
    "Page",
    "QueryError",
    "Store",
    "StoredEntity",
]
