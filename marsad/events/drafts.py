"""The working objects of the events stage: a trigger match and the event drafted from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Span
from .lexicon import Analysis, Rule


@dataclass(slots=True)
class Match:
    rule: Rule
    anchor: int  # token index in the sentence
    tokens: tuple[int, ...]
    reading: Analysis

    @property
    def type(self) -> str:
        return self.rule.type

    @property
    def verbal(self) -> bool:
        return self.rule.pos in ("V", "P")


@dataclass(slots=True)
class Draft:
    """An event being built: token-level roles before they become an Event.

    ``source``/``target``/``location`` hold actor ids (an entity id, or ``~surface`` for an
    actor named by a common noun); ``spans`` maps each id to the words that name it, in this
    sentence or, for a carried actor, in the sentence it was carried from.
    """

    match: Match
    sentence: int
    type: str
    mode: str | None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    date: str | None = None
    negated: bool = False
    carried: bool = False
    pair: bool = False
    light: bool = False
    agent: list[str] = field(default_factory=list)  # the grammatical subject, before +rev
    trigger: Span = Span(0, 0)
    sentence_span: Span = Span(0, 0)
    attrs: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)  # what the hand rules noticed (features)
    score: float = 1.0  # the detector's probability that this is the event it says


@dataclass(slots=True)
class Carrier:
    """A reference to an event by a definite noun (ذلك اللقاء عقد يوم الخميس): a date source."""

    sentence: int
    type: str
    date: str | None
