"""Knowledge-base import: link stored entities to Wikidata from a JSON dump (offline)."""

from __future__ import annotations

from .link import AliasIndex, IndexedEntity, KBMatch, import_dump, match_items
from .wikidata import WikidataItem, iter_wikidata

__all__ = ["AliasIndex", "IndexedEntity", "KBMatch", "WikidataItem", "import_dump",
           "iter_wikidata", "match_items"]
