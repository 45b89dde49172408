"""Cross-document entity resolution: pure functions over records the store fetches.

``match_entity(ent, candidates)`` decides which stored entity a document's entity is, in
order:

1. the same knowledge-base link (source and id);
2. the same type and an Arabic alias equal to its canonical name in matching form
   (``normalize``); when several stored entities carry that alias, the one whose canonical
   name it is wins, else the one in most documents; a one-word person name carried by
   several people joins none of them (see 4);
3. the same type and an equal English name (case-insensitive);
4. a one-word person name (a surname) joins the one stored person whose name ends with it,
   only when exactly one does; a longer person name joins the one stored person whose
   name has the same first and last word and is contained in it or contains it
   (خليفة حفتر / خليفة أبوالقاسم حفتر), or else a stored surname-only person when no other
   stored person shares that surname;
5. otherwise None: the store creates a new entity.

``plan_accumulation`` says what the matched entity takes from the document: its name and
mention forms as Arabic aliases, its English name as an English alias, an English name and
a KB link when it has none, and a fuller canonical name (more words) unless a person fixed
the name or blocked it. Neither function reads or writes anything: the store (SQLite or
PostgreSQL) fetches the ``Candidates`` and applies the ``Accumulation``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..document import Entity
from ..text.normalize import normalize
from ..text.tokens import tokenize


def name_key(name: str) -> str:
    """The matching form of an Arabic name: normalised, single-spaced."""
    return " ".join(normalize(name).split())


def en_key(name: str) -> str:
    """The matching form of an English name: case-folded, single-spaced."""
    return " ".join(name.casefold().split())


def strip_particles(surface: str) -> str:
    """A mention as a name: the particles (و ف ب ل ك) of its first word set aside."""
    toks = tokenize(surface)
    if toks and toks[0].kind == "word":
        return surface[toks[0].base_start:]
    return surface


@dataclass(frozen=True)
class Candidate:
    """A live stored entity found by one of its aliases."""

    id: str
    norm: str  # the entity's canonical name, matching form
    docs: int  # documents it is named in


@dataclass(frozen=True)
class Candidates:
    """What the rules look at for one document entity, fetched by the store.

    ``arabic`` / ``english``: live entities of the same type with an alias equal to the
    name's key (one per entity, oldest first); ``same_last``: (entity id, alias) for the
    Arabic aliases of two words or more of live persons that end with the name's last word;
    ``surname_only``: live persons whose canonical name is that last word alone.
    """

    kb: str | None = None
    arabic: Sequence[Candidate] = ()
    english: Sequence[Candidate] = ()
    same_last: Sequence[tuple[str, str]] = ()
    surname_only: Sequence[str] = ()


def _most_documents(cands: Sequence[Candidate]) -> str:
    return max(cands, key=lambda c: c.docs).id  # max keeps the first (oldest) on a tie


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _people_sharing_last(same_last: Sequence[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(entity_id for entity_id, _ in same_last))


def _same_person_longer_or_shorter(words: list[str],
                                   same_last: Sequence[tuple[str, str]]) -> str | None:
    """The one stored person with a name of two words or more that has the same first and
    last word as ``words`` and is contained in it or contains it; None when there is no
    such person or several."""
    found = set()
    for entity_id, norm in same_last:
        other = norm.split()
        if other[0] != words[0]:
            continue
        if _is_subsequence(other, words) or _is_subsequence(words, other):
            found.add(entity_id)
    return found.pop() if len(found) == 1 else None


def match_entity(ent: Entity, candidates: Candidates) -> str | None:
    """The stored entity ``ent`` belongs to (rules in the module docstring), or None."""
    key = name_key(ent.name)
    words = key.split()
    surname_only = ent.type == "PER" and len(words) == 1
    if candidates.kb is not None:
        return candidates.kb
    if key:
        cands = candidates.arabic
        if len(cands) == 1:
            return cands[0].id
        if cands:
            exact = [c for c in cands if c.norm == key]
            if len(exact) == 1:
                return exact[0].id
            if not surname_only:
                return _most_documents(exact or cands)
    if ent.name_en and candidates.english:
        return _most_documents(candidates.english)
    if surname_only:
        ids = _people_sharing_last(candidates.same_last)
        if len(ids) == 1:
            return ids[0]
    elif ent.type == "PER" and len(words) > 1:
        fuller = _same_person_longer_or_shorter(words, candidates.same_last)
        if fuller is not None:
            return fuller
        if len(candidates.surname_only) == 1:
            only = candidates.surname_only[0]
            if not [i for i in _people_sharing_last(candidates.same_last) if i != only]:
                return only
    return None


@dataclass(frozen=True)
class StoredState:
    """The fields of a stored entity that accumulation reads."""

    type: str
    norm: str
    name_en: str | None
    kb_source: str | None
    name_locked: bool
    name_en_locked: bool


@dataclass
class Accumulation:
    """What one document adds to a stored entity."""

    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (name, lang, origin)
    name: str | None = None  # a fuller canonical name
    name_en: str | None = None  # an English name, when it had none
    kb: dict[str, str] | None = None  # a KB link, when it had none

    @property
    def changes_entity(self) -> bool:
        return self.name is not None or self.name_en is not None


def plan_accumulation(state: StoredState, ent: Entity, surfaces: Iterable[str], *,
                      blocked: Iterable[str] = ()) -> Accumulation:
    """What ``ent`` (named by ``surfaces`` in its document) adds to the stored entity
    ``state``; ``blocked`` are the alias keys a person split away from it."""
    out = Accumulation()
    out.aliases.append((ent.name, "ar", "doc"))
    key = name_key(ent.name)
    for surface in dict.fromkeys(surfaces):
        alias = strip_particles(surface)
        if name_key(alias) != key:
            out.aliases.append((alias, "ar", "mention"))
    if ent.name_en:
        out.aliases.append((ent.name_en, "en", "doc"))
    if (not state.name_locked and len(key.split()) > len(state.norm.split())
            and key not in set(blocked)):
        out.name = ent.name
    if ent.name_en and not state.name_en and not state.name_en_locked:
        out.name_en = ent.name_en
    if ent.kb and ent.kb.get("source") and ent.kb.get("id") and not state.kb_source:
        out.kb = {"source": ent.kb["source"], "id": ent.kb["id"]}
    return out
