"""The store seam: what ingest, the commands, the API, the web UI and exports need from a
store, as a typed Protocol (the pattern of ``marsad.kb.link.KBStore``).

Two backends implement it, ``SQLiteStore`` (one file, the default) and ``PostgresStore``
(a shared server); ``open_store`` picks one from ``--db`` / ``MARSAD_DB``. Nothing above
the store names a backend or writes SQL: a test can hand any of them a fake.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from ..document import Document
from .models import AddResult, Filters, Page, StoredEntity


@runtime_checkable
class StoreReader(Protocol):
    """Reading a store: search, documents, events, quotes, entities."""

    where: str  # the store's location, for messages (never a password)
    readonly: bool

    def close(self) -> None: ...

    def __enter__(self) -> StoreReader: ...

    def __exit__(self, *exc: object) -> None: ...

    def has_id(self, doc_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def story_of(self, doc_id: str) -> str | None:
        """The story (``dup_group``) a stored article belongs to; None when not stored."""
        ...

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The contract JSON of a stored article, with ``store_id``s and its story."""
        ...

    def get_document(self, doc_id: str) -> Document | None: ...

    def documents(self, filters: Filters | None = None, *, limit: int = 20,
                  offset: int = 0) -> Page[dict[str, Any]]:
        """Stories matching ``filters``: best match first with a query, else newest."""
        ...

    def search(self, filters: Filters | None = None, *, limit: int = 20,
               offset: int = 0) -> Page[dict[str, Any]]: ...

    def count_documents(self) -> dict[str, int]:
        """Totals: documents, stories, entities, events, quotes."""
        ...

    def sources(self) -> list[str]: ...

    def events(self, filters: Filters | None = None, *, limit: int = 50,
               offset: int = 0) -> Page[dict[str, Any]]: ...

    def quotes(self, filters: Filters | None = None, *, limit: int = 50,
               offset: int = 0) -> Page[dict[str, Any]]: ...

    def entity(self, entity_id: str) -> StoredEntity | None: ...

    def entity_profile(self, entity_id: str) -> dict[str, Any] | None: ...

    def search_entities(self, q: str | None = None, *, type: str | None = None,
                        limit: int = 20, offset: int = 0) -> Page[StoredEntity]: ...

    def entities_by_alias(self, norm_name: str, *,
                          type: str | None = None) -> list[StoredEntity]: ...

    def entity_ids(self, filters: Filters) -> list[str]:
        """Live entities named by ``filters.q`` and of ``filters.entity_type``, in
        documents matching the other filters: what ``export entities`` writes."""
        ...

    def load_entities(self, ids: Sequence[str], *,
                      with_aliases: bool = False) -> list[StoredEntity]: ...

    def corrections(self) -> list[dict[str, Any]]: ...

    def entity_code(self, entity_id: str) -> dict[str, Any]:
        """``{"country", "sector", "origins"}`` of a live stored entity."""
        ...

    def place_columns(self, places: list[dict[str, Any]]) -> dict[str, Any]:
        """``country``, ``admin1``, ``latitude``, ``longitude``, ``geonames_id`` of the
        first of an event's places (stored entities), for exports."""
        ...

    def sample_document_ids(self, n: int) -> list[str]:
        """Up to ``n`` stored document ids, spread over the store (for benchmarks)."""
        ...


@runtime_checkable
class DocumentStore(StoreReader, Protocol):
    """A store that can also be written: ingest, corrections, KB links."""

    def __enter__(self) -> DocumentStore: ...

    def find_copy(self, content_hash: str, url: str | None) -> tuple[str, str] | None:
        """``("same", id)`` or ``("copy", story id)`` for an article with this hash
        (see ``stories.classify_copy``), or None."""
        ...

    def add_document(self, doc: Document | dict[str, Any], *, content_hash: str,
                     dup_group: str | None = None, similarity: float | None = None,
                     signature: bytes | None = None, origin: str | None = None,
                     index: tuple[str, str] | None = None) -> AddResult:
        """Store one article in its own transaction (see ``stories``)."""
        ...

    def signatures(self, *, after: int = 0) -> Iterator[tuple[str, bytes]]:
        """(story id, MinHash signature) of the stories stored after position ``after``."""
        ...

    def last_position(self) -> int:
        """The position of the newest stored document (for ``signatures(after=...)``)."""
        ...

    def set_kb(self, entity_id: str, source: str, id: str, name_en: str | None = None) -> str: ...

    def merge(self, keep: str, other: str) -> str: ...

    def split(self, entity_id: str, aliases: Sequence[str], *, name: str | None = None,
              name_en: str | None = None) -> str: ...

    def rename(self, entity_id: str, *, name: str | None = None,
               name_en: str | None = None) -> str: ...

    def set_code(self, entity_id: str, **fields: str | None) -> dict[str, str | None]:
        """A person's country and/or sector for an entity (recorded; it wins)."""
        ...

    def set_imported_code(self, entity_id: str, *, source: str = "wikidata",
                          **fields: str | None) -> dict[str, str | None]:
        """A knowledge base's code: it wins over the articles, not over a person."""
        ...
