"""Link stored entities to Wikidata items by their Arabic names.

An ``AliasIndex`` maps the matching form of every Arabic alias of the stored entities to
their ids (built from the store once, or by hand in tests). ``match_dump`` streams the
dump and, for each stored entity, keeps the best item among those whose Arabic label or
alias equals one of its aliases: the label before an alias, a compatible type (P31), then
the best-known item (most sitelinks). An item of an incompatible type (a city for a
person) never links. Entities that already carry a Wikidata link keep it.

A linked item's country (P27 citizenship, else P17) becomes the entity's actor country
when the dump also holds that country's item with its ISO code (P298) and the store can
take it (``set_imported_code``): it overrides what articles say, never a person's
correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..text.normalize import normalize
from .wikidata import WikidataItem, iter_wikidata

# P31 classes -> entity type; an item with none of these is of unknown type.
CLASS_TYPES = {
    "Q5": "PER",
    "Q6256": "GPE", "Q3624078": "GPE", "Q515": "GPE", "Q1549591": "GPE", "Q486972": "GPE",
    "Q5119": "GPE", "Q10864048": "GPE", "Q1637706": "GPE", "Q3957": "GPE", "Q532": "GPE",
    "Q7930989": "GPE", "Q15284": "GPE", "Q35657": "GPE", "Q107390": "GPE",
    "Q43229": "ORG", "Q4830453": "ORG", "Q7278": "ORG", "Q192283": "ORG", "Q11032": "ORG",
    "Q1002697": "ORG", "Q484652": "ORG", "Q327333": "ORG", "Q2659904": "ORG",
    "Q17149090": "ORG", "Q15911314": "ORG", "Q245065": "ORG", "Q1335818": "ORG",
    "Q8502": "LOC", "Q4022": "LOC", "Q165": "LOC", "Q23397": "LOC", "Q82794": "LOC",
    "Q1322134": "LOC",
    "Q32815": "FAC", "Q1248784": "FAC", "Q40357": "FAC", "Q44539": "FAC", "Q483110": "FAC",
}
# Types that may stand for one another (a region may be stored as GPE or LOC).
_COMPATIBLE = {("GPE", "LOC"), ("LOC", "GPE"), ("FAC", "LOC"), ("LOC", "FAC")}


class KBStore(Protocol):
    """What the importer needs from the entity store (``marsad.store.Store`` has it)."""

    def set_kb(self, entity_id: str, source: str, id: str, name_en: str | None = None) -> str: ...


class CodeStore(Protocol):
    """A store that also takes actor codes from the import (``marsad.store.Store``)."""

    def set_imported_code(self, entity_id: str, *, source: str = "wikidata",
                          **fields: str | None) -> dict[str, str | None]: ...


def alias_key(name: str) -> str:
    """The matching form the store uses for Arabic aliases: normalised, single-spaced."""
    return " ".join(normalize(name).split())


def item_type(item: WikidataItem) -> str | None:
    for qid in item.instance_of:
        if qid in CLASS_TYPES:
            return CLASS_TYPES[qid]
    return None


def compatible(stored: str, kb_type: str | None) -> bool:
    return kb_type is None or stored == kb_type or (stored, kb_type) in _COMPATIBLE


@dataclass
class IndexedEntity:
    id: str
    type: str
    kb: dict[str, str] | None = None


@dataclass
class AliasIndex:
    by_alias: dict[str, list[IndexedEntity]] = field(default_factory=dict)

    def add(self, entity: IndexedEntity, aliases: Iterable[str]) -> None:
        for alias in aliases:
            key = alias_key(alias)
            if key and entity not in self.by_alias.setdefault(key, []):
                self.by_alias[key].append(entity)

    def lookup(self, name: str) -> list[IndexedEntity]:
        return self.by_alias.get(alias_key(name), [])

    def __len__(self) -> int:
        return len(self.by_alias)

    @classmethod
    def from_store(cls, store: Any, *, page: int = 500) -> AliasIndex:
        """Every live stored entity with its Arabic name and aliases."""
        index = cls()
        offset = 0
        while True:
            found = store.search_entities(None, limit=page, offset=offset)
            for ent in found.items:
                full = store.entity(ent.id) or ent
                index.add(IndexedEntity(full.id, full.type, full.kb),
                          [full.name, *getattr(full, "aliases", ())])
            offset += page
            if offset >= found.total or not found.items:
                break
        return index


@dataclass(frozen=True)
class KBMatch:
    entity_id: str
    qid: str
    name_en: str | None
    rank: tuple[int, int, int]  # (label match, type known and equal, sitelinks)
    countries: tuple[str, ...] = ()  # the item's P27/P17 item ids


def match_items(items: Iterable[WikidataItem], index: AliasIndex,
                iso3: dict[str, str] | None = None) -> dict[str, KBMatch]:
    """The best item for each stored entity that some item names; ``iso3`` collects the
    ISO alpha-3 code of every country item seen (item id -> code)."""
    best: dict[str, KBMatch] = {}
    for item in items:
        if iso3 is not None and item.iso3:
            iso3[item.id] = item.iso3
        kb_type = item_type(item)
        label = item.labels.get("ar")
        for name in item.names("ar"):
            for ent in index.lookup(name):
                if not compatible(ent.type, kb_type):
                    continue
                if ent.kb and ent.kb.get("source") == "wikidata":
                    continue
                rank = (int(name == label), int(kb_type == ent.type), item.sitelinks)
                current = best.get(ent.id)
                if current is None or rank > current.rank:
                    best[ent.id] = KBMatch(ent.id, item.id, item.labels.get("en"), rank,
                                           item.countries)
    return best


def import_dump(path: str | Path, store: KBStore, index: AliasIndex, *,
                errors: str = "raise", bad_lines: list[int] | None = None) -> list[KBMatch]:
    """Stream the dump, match it against ``index`` and write the links into ``store``."""
    iso3: dict[str, str] = {}
    matches = match_items(iter_wikidata(path, errors=errors, bad_lines=bad_lines), index, iso3)
    done = []
    for m in sorted(matches.values(), key=lambda m: m.entity_id):
        store.set_kb(m.entity_id, "wikidata", m.qid, name_en=m.name_en)
        country = next((iso3[q] for q in m.countries if q in iso3), None)
        if country and hasattr(store, "set_imported_code"):
            code_store: CodeStore = store  # type: ignore[assignment]
            code_store.set_imported_code(m.entity_id, source="wikidata", country=country)
        done.append(m)
    return done


def iter_names(items: Iterable[WikidataItem]) -> Iterator[tuple[str, str, str | None]]:
    """(Arabic name, item id, English label) pairs: a flat view for other importers."""
    for item in items:
        for name in item.names("ar"):
            yield name, item.id, item.labels.get("en")
