"""The ``actors`` stage (entity codes, after ``linking``) and the ``actor_codes`` stage
(event actors spanned and coded, after ``events``)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage
from .coder import ActorCoder
from .spans import code_events

__all__ = ["ActorCodesStage", "ActorsStage", "make_actor_codes_stage", "make_actors_stage"]


@register_stage("actors", requires=("entities",), assigns=("entities",))
def make_actors_stage(*, home_fallback: bool = True) -> ActorsStage:
    """``home_fallback``: give a body of the state with no country written (الجيش) the
    country its sentence or article is about."""
    return ActorsStage(ActorCoder(home_fallback=home_fallback))


class ActorsStage:
    name = "actors"

    def __init__(self, coder: ActorCoder) -> None:
        self.coder = coder

    def __call__(self, doc: Document) -> Document:
        return self.coder.code_entities(doc)


@register_stage("actor_codes", requires=("entities", "events"), assigns=("events",))
def make_actor_codes_stage(*, home_fallback: bool = True) -> ActorCodesStage:
    return ActorCodesStage(ActorCoder(home_fallback=home_fallback))


class ActorCodesStage:
    name = "actor_codes"

    def __init__(self, coder: ActorCoder) -> None:
        self.coder = coder

    def __call__(self, doc: Document) -> Document:
        return code_events(self.coder, doc)
