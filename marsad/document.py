"""The document model: one article, its untouched text, and layers of spans over it.

A ``Document`` is immutable. Stages never edit one; they return a copy with a new layer
(``doc.with_layers(entities=...)``). Every fact is a span ``(start, end)`` over
``doc.text`` in Unicode code points, end exclusive, so ``doc.text[s.start:s.end]`` is
always its surface.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

SCHEMA = "marsad/document@1"

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
    "COERCE", "ASSAULT", "FIGHT", "CRIME",
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def surface(self, text: str) -> str:
        return text[self.start:self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_json(self, text: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if text is not None:
            out["text"] = text[self.start:self.end]
        return out


class Token(NamedTuple):
    """A whitespace/punctuation token, with its clitics marked by offsets.

    ``start:end`` is the whole token as written (``وبالعاصمة``); ``base_start:end`` is the
    word once its particles (و ف ب ل ك) are set aside, keeping the article (``العاصمة``),
    the form an entity mention takes; ``stem_start:stem_end`` also leaves out the article
    and attached pronouns (``عاصمة``); ``norm`` is the matching form of the whole token.
    A named tuple: the text layer makes hundreds of thousands of these per second.
    """

    start: int
    end: int
    norm: str
    base_start: int
    stem_start: int
    stem_end: int
    kind: str = "word"  # word | number | punct | latin

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def base(self) -> Span:
        return Span(self.base_start, self.end)

    @property
    def stem(self) -> Span:
        return Span(self.stem_start, self.stem_end)

    def pieces(self) -> list[tuple[str, Span]]:
        """The token cut into (role, span) pieces: particles, article, stem, pronoun; lossless."""
        out: list[tuple[str, Span]] = []
        if self.base_start > self.start:
            out.append(("particles", Span(self.start, self.base_start)))
        if self.stem_start > self.base_start:
            out.append(("article", Span(self.base_start, self.stem_start)))
        out.append(("stem", Span(self.stem_start, self.stem_end)))
        if self.stem_end < self.end:
            out.append(("suffix", Span(self.stem_end, self.end)))
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention found by the entity stage; ``titles`` are spans of its titles."""

    start: int
    end: int
    type: str
    titles: tuple[Span, ...] = ()
    score: float = 1.0
    source: str = "model"  # model | gazetteer | rule

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    mentions: tuple[Span, ...]
    name_en: str | None = None
    kb: dict[str, str] | None = None
    titles: tuple[str, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)
    country: str | None = None  # ISO 3166-1 alpha-3 of the state the entity belongs to
    sector: str | None = None  # CAMEO/PLOVER agent code (GOV, MIL, COP, ...)

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "name_en": self.name_en,
            "kb": self.kb,
            "titles": list(self.titles),
            "mentions": [m.to_json(text) for m in self.mentions],
            "country": self.country,
            "sector": self.sector,
        }
        out.update(self.attrs)
        return out


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of an event as written in its sentence, named (``entity``) or not."""

    start: int
    end: int
    entity: str | None = None
    country: str | None = None
    sector: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_json(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end],
                "entity": self.entity, "country": self.country, "sector": self.sector}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        return cls(int(data["start"]), int(data["end"]), data.get("entity"),
                   data.get("country"), data.get("sector"))


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    value: str | None
    calendar: str = "gregorian"
    kind: str = "absolute"  # absolute | relative | hijri | year | range | weekday ...

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": text[self.start:self.end],
            "value": self.value,
            "calendar": self.calendar,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    sentence: Span
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    date: str | None = None
    mode: str | None = None
    negated: bool = False
    confidence: float = 0.5
    attrs: dict[str, Any] = field(default_factory=dict)
    source_actors: tuple[Actor, ...] = ()
    target_actors: tuple[Actor, ...] = ()

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "trigger": self.trigger.to_json(text),
            "sentence": self.sentence.to_json(),
            "source": list(self.source),
            "target": list(self.target),
            "location": list(self.location),
            "date": self.date,
            "negated": self.negated,
            "confidence": round(self.confidence, 3),
            "source_actors": [a.to_json(text) for a in self.source_actors],
            "target_actors": [a.to_json(text) for a in self.target_actors],
        }
        out.update(self.attrs)
        return out


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    start: int
    end: int
    kind: str  # direct | indirect
    speaker: str | None = None
    cue: Span | None = None
    via: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": text[self.start:self.end],
            "kind": self.kind,
            "speaker": self.speaker,
            "cue": self.cue.to_json(text) if self.cue else None,
            "via": self.via,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``text`` is never modified; every layer indexes it."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None
    published_from: str | None = None  # cli | record | meta | dateline | None
    source: str | None = None
    url: str | None = None
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateExpr, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    layers: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))

    def with_layers(self, **changes: Any) -> Document:
        """A copy with the given layers replaced; the names are recorded in ``layers``."""
        layer_names = {k for k in changes if k in LAYER_NAMES}
        return dataclasses.replace(self, **changes, layers=self.layers | layer_names)

    def has(self, layer: str) -> bool:
        return layer in self.layers

    def surface(self, span: Span | Mention | Token | DateExpr | Quote) -> str:
        return self.text[span.start:span.end]

    def sentence_of(self, pos: int) -> Span | None:
        for sent in self.sentences:
            if sent.start <= pos < sent.end:
                return sent
        return None

    def tokens_in(self, span: Span) -> Iterator[Token]:
        for tok in self.tokens:
            if tok.start >= span.end:
                break
            if tok.end > span.start:
                yield tok

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def all_spans(self) -> Iterable[tuple[str, int, int]]:
        """Every (layer, start, end) in the document: used to check offsets."""
        for s in self.sentences:
            yield "sentence", s.start, s.end
        for t in self.tokens:
            yield "token", t.start, t.end
            yield "stem", t.stem_start, t.stem_end
        for m in self.mentions:
            yield "mention", m.start, m.end
            for title in m.titles:
                yield "title", title.start, title.end
        for e in self.entities:
            for s in e.mentions:
                yield "entity", s.start, s.end
        for d in self.dates:
            yield "date", d.start, d.end
        for ev in self.events:
            yield "trigger", ev.trigger.start, ev.trigger.end
            yield "event-sentence", ev.sentence.start, ev.sentence.end
        for q in self.quotes:
            yield "quote", q.start, q.end
            if q.cue:
                yield "cue", q.cue.start, q.cue.end

    def to_json(self) -> dict[str, Any]:
        """The contract form, ``marsad/document@1``."""
        text = self.text
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "published_from": self.published_from,
            "source": self.source,
            "url": self.url,
            "text": text,
            "sentences": [s.to_json() for s in self.sentences],
            "entities": [e.to_json(text) for e in self.entities],
            "dates": [d.to_json(text) for d in self.dates],
            "events": [e.to_json(text) for e in self.events],
            "quotes": [q.to_json(text) for q in self.quotes],
        }
        if self.meta:
            out["meta"] = self.meta
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from its contract form (tokens and mentions are not stored)."""

        def span(d: dict[str, Any]) -> Span:
            return Span(int(d["start"]), int(d["end"]))

        entities = tuple(
            Entity(
                id=e["id"], type=e["type"], name=e["name"],
                mentions=tuple(span(m) for m in e["mentions"]),
                name_en=e.get("name_en"), kb=e.get("kb"), titles=tuple(e.get("titles") or ()),
                attrs={k: v for k, v in e.items() if k not in _ENTITY_KEYS},
                country=e.get("country"), sector=e.get("sector"),
            )
            for e in data.get("entities", ())
        )
        events = tuple(
            Event(
                id=e["id"], type=e["type"], trigger=span(e["trigger"]), sentence=span(e["sentence"]),
                source=tuple(e.get("source", ())), target=tuple(e.get("target", ())),
                location=tuple(e.get("location", ())), date=e.get("date"), mode=e.get("mode"),
                negated=bool(e.get("negated", False)), confidence=float(e.get("confidence", 0.5)),
                attrs={k: v for k, v in e.items() if k not in _EVENT_KEYS},
                source_actors=tuple(Actor.from_json(a) for a in e.get("source_actors") or ()),
                target_actors=tuple(Actor.from_json(a) for a in e.get("target_actors") or ()),
            )
            for e in data.get("events", ())
        )
        quotes = tuple(
            Quote(
                id=q["id"], start=q["start"], end=q["end"], kind=q["kind"], speaker=q.get("speaker"),
                cue=span(q["cue"]) if q.get("cue") else None, via=q.get("via"),
            )
            for q in data.get("quotes", ())
        )
        dates = tuple(
            DateExpr(d["start"], d["end"], d.get("value"), d.get("calendar", "gregorian"),
                     d.get("kind", "absolute"))
            for d in data.get("dates", ())
        )
        return cls(
            text=data["text"], id=data.get("id", ""), title=data.get("title"),
            published=data.get("published"), published_from=data.get("published_from"),
            source=data.get("source"), url=data.get("url"),
            sentences=tuple(span(s) for s in data.get("sentences", ())),
            entities=entities, dates=dates, events=events, quotes=quotes,
            meta=dict(data.get("meta") or {}),
            layers=frozenset({"sentences", "entities", "dates", "events", "quotes"}),
        )


LAYER_NAMES = frozenset(
    {"sentences", "tokens", "mentions", "entities", "dates", "events", "quotes"}
)
_ENTITY_KEYS = {"id", "type", "name", "name_en", "kb", "titles", "mentions", "country", "sector"}
_EVENT_KEYS = {"id", "type", "mode", "trigger", "sentence", "source", "target", "location",
               "date", "negated", "confidence", "source_actors", "target_actors"}


def content_id(text: str) -> str:
    """A stable id from the text: the same article always gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
