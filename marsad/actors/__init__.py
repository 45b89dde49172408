"""Actors coded like event data: a country and a sector for every entity and event actor.

``code_entities(doc)`` codes the entities (run by the ``actors`` stage, after ``linking``);
``code_actor(doc, start, end, entity_id)`` codes one actor as written; ``code_events(doc)``
gives every event its ``source_actors``/``target_actors``, spanned and coded (the
``actor_codes`` stage, after ``events``). How codes are chosen: ``marsad.actors.coder``
and ``docs/actors.md``; the tables: ``marsad/data/actors/``.
"""

from __future__ import annotations

from functools import lru_cache

from ..document import Document, Event
from .coder import ActorCoder, Code
from .spans import code_event as _code_event
from .spans import code_events as _code_events

__all__ = ["ActorCoder", "Code", "code_actor", "code_entities", "code_event", "code_events",
           "default_coder"]


@lru_cache(maxsize=1)
def default_coder() -> ActorCoder:
    """The coder over the shipped tables, built once per process."""
    return ActorCoder()


def code_entities(doc: Document) -> Document:
    """``doc`` with a country and a sector on every entity that has one to give."""
    return default_coder().code_entities(doc)


def code_actor(doc: Document, start: int, end: int,
               entity_id: str | None = None) -> tuple[str | None, str | None]:
    """(country, sector) of the actor written at ``doc.text[start:end]``."""
    code = default_coder().code_actor(doc, start, end, entity_id)
    return code.country, code.sector


def code_event(doc: Document, event: Event) -> Event:
    """``event`` with every actor spanned and coded (``source_actors``, ``target_actors``)."""
    return _code_event(default_coder(), doc, event)


def code_events(doc: Document) -> Document:
    """``doc`` with every event's actors spanned and coded."""
    return _code_events(default_coder(), doc)
