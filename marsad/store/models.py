"""The small value types the store hands out: filters, pages, stored entities, results."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Generic, TypeVar

from ..document import ENTITY_TYPES, EVENT_TYPES
from ..errors import QueryError

T = TypeVar("T")

MAX_LIMIT = 500
_ISO_PREFIX = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """Filters shared by search, the events and quotes lists, the API and exports.

    ``entity`` is a stored entity id (``E12``) or a name, Arabic or English;
    ``since``/``until`` are ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), both
    inclusive: ``until=2023-09`` keeps all of September. ``actor``, ``source_actor`` and
    ``target_actor`` are actor codes (``RUSGOV``, ``RUS``, ``GOV``): an event actor of that
    country and sector, in either role or in the one named.
    """

    q: str | None = None
    entity: str | None = None
    entity_type: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    speaker: str | None = None
    actor: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None

    def __post_init__(self) -> None:
        for name in ("q", "entity", "entity_type", "event_type", "since", "until", "source",
                     "speaker", "actor", "source_actor", "target_actor"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.strip():
                object.__setattr__(self, name, None)
        if self.entity_type is not None:
            object.__setattr__(self, "entity_type", self.entity_type.upper())
            if self.entity_type not in ENTITY_TYPES:
                raise QueryError(
                    f"unknown entity type {self.entity_type!r}; use one of {', '.join(ENTITY_TYPES)}"
                )
        if self.event_type is not None:
            object.__setattr__(self, "event_type", self.event_type.upper())
            if self.event_type not in EVENT_TYPES:
                raise QueryError(
                    f"unknown event type {self.event_type!r}; use one of {', '.join(EVENT_TYPES)}"
                )
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _ISO_PREFIX.match(value):
                raise QueryError(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        for name in ("actor", "source_actor", "target_actor"):
            value = getattr(self, name)
            if value is not None:
                country, sector = parse_actor_code(value, name=name)
                object.__setattr__(self, name, (country or "") + (sector or ""))

    def actor_codes(self) -> list[tuple[str | None, str | None, str | None]]:
        """(role or None for either, country, sector) for each actor filter given."""
        out = []
        for name, role in (("actor", None), ("source_actor", "source"),
                           ("target_actor", "target")):
            value = getattr(self, name)
            if value:
                out.append((role, *parse_actor_code(value, name=name)))
        return out

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}


_CODE_SEPARATORS = re.compile(r"[\s._/:-]+")


def parse_actor_code(value: str, *, name: str = "actor") -> tuple[str | None, str | None]:
    """(country, sector) from an actor code as event data write it: ``RUSGOV`` (or
    ``RUS GOV``, ``rus.gov``), a country alone (``RUS``) or a sector alone (``GOV``). The
    ISO alpha-3 codes and the agent codes share no three letters, so one code is enough."""
    from ..actors.tables import SECTORS

    code = _CODE_SEPARATORS.sub("", value).upper()
    country = sector = None
    if len(code) == 6:
        country, sector = code[:3], code[3:]
    elif len(code) == 3:
        if code in SECTORS:
            sector = code
        else:
            country = code
    else:
        raise QueryError(f"{name} must be an actor code: a country (RUS), a sector (GOV) or "
                         f"both (RUSGOV), not {value!r}")
    if sector is not None and sector not in SECTORS:
        raise QueryError(f"{name}: unknown sector {sector!r}; use one of {', '.join(sorted(SECTORS))}")
    if country is not None and not country.isalpha():
        raise QueryError(f"{name}: {country!r} is not an ISO 3166-1 alpha-3 country code")
    return country, sector


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise QueryError(f"offset must be 0 or more, not {offset}")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list."""

    items: list[T]
    total: int
    limit: int
    offset: int
    happenings: int | None = None  # events: how many happenings the ``total`` mentions tell

    def meta(self) -> dict[str, int]:
        out = {"total": self.total, "limit": self.limit, "offset": self.offset,
               "count": len(self.items)}
        if self.happenings is not None:
            out["happenings"] = self.happenings
        return out


@dataclass(frozen=True)
class StoredEntity:
    """An entity of the cross-document store."""

    id: str
    type: str
    name: str
    name_en: str | None
    kb: dict[str, str] | None
    doc_count: int = 0
    mention_count: int = 0
    aliases: Sequence[str] = field(default_factory=tuple)
    aliases_en: Sequence[str] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["aliases"] = list(self.aliases)
        out["aliases_en"] = list(self.aliases_en)
        return out


@dataclass(frozen=True)
class AddResult:
    """What storing one article did: ``ingested`` (a new story, facts extracted),
    ``near_duplicate`` (stored and linked to the story ``dup_group``), or ``duplicate``
    (already stored: nothing added)."""

    status: str
    id: str
    dup_group: str | None = None
    similarity: float | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
