"""Every event actor as written in its sentence: a span, its entity (or none), its code.

``code_event`` is the one step every event goes through before it leaves the pipeline:

- an event that already carries ``source_actors``/``target_actors`` (spans from the events
  stage) keeps them; each actor is coded where it lacks a country or a sector;
- an event that carries only entity ids (``source``/``target``) and the words of its
  nominal actors (``attrs["source_text"]``/``["target_text"]``, such as ``متظاهرين``)
  gets one actor per id, at that entity's mention in the event's sentence nearest the
  trigger, and one per nominal word, at that word in the sentence nearest the trigger,
  widened over the complements and adjectives that belong to it (قوات الأمن العراقية).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..document import Actor, Document, Event, Span
from .coder import ActorCoder, DocContext

NOMINAL_WIDTH = 3  # words a nominal actor's span may take after its head: قوات الأمن العراقية


def code_event(coder: ActorCoder, doc: Document, event: Event, *,
               context: DocContext | None = None) -> Event:
    """The event with every actor spanned and coded."""
    ctx = context or DocContext(doc, coder)
    sides: dict[str, tuple[Actor, ...]] = {}
    for role in ("source", "target"):
        given: tuple[Actor, ...] = getattr(event, f"{role}_actors")
        actors = given or tuple(_actors_of_role(doc, ctx, event, role))
        sides[role] = tuple(_coded(coder, doc, ctx, a) for a in actors)
    return replace(event, source_actors=sides["source"], target_actors=sides["target"])


def code_events(coder: ActorCoder, doc: Document) -> Document:
    ctx = DocContext(doc, coder)
    events = tuple(code_event(coder, doc, ev, context=ctx) for ev in doc.events)
    return doc.with_layers(events=events)


def _coded(coder: ActorCoder, doc: Document, ctx: DocContext, actor: Actor) -> Actor:
    if actor.country and actor.sector:
        return actor
    code = coder.code_actor(doc, actor.start, actor.end, actor.entity, context=ctx)
    return replace(actor, country=actor.country or code.country,
                   sector=actor.sector or code.sector)


def _actors_of_role(doc: Document, ctx: DocContext, event: Event, role: str) -> list[Actor]:
    found: list[Actor] = []
    taken: list[Span] = []
    for entity_id in getattr(event, role):
        span = _entity_span(doc, event, entity_id)
        if span is not None:
            found.append(Actor(span.start, span.end, entity_id))
            taken.append(span)
    words: Any = event.attrs.get(f"{role}_text") or []
    for word in words if isinstance(words, list) else [words]:
        span = _nominal_span(doc, ctx, event, str(word), taken)
        if span is not None:
            found.append(Actor(span.start, span.end, None))
            taken.append(span)
    return sorted(found, key=lambda a: a.start)


def _distance(span: Span, trigger: Span) -> int:
    if span.end <= trigger.start:
        return trigger.start - span.end
    if span.start >= trigger.end:
        return span.start - trigger.end
    return 0


def _entity_span(doc: Document, event: Event, entity_id: str) -> Span | None:
    """The entity's mention in the event's sentence nearest the trigger; else its last
    mention before the sentence (a pronoun subject), else its first."""
    ent = doc.entity(entity_id)
    if ent is None or not ent.mentions:
        return None
    sent = event.sentence
    inside = [m for m in ent.mentions if sent.start <= m.start < sent.end]
    if inside:
        return min(inside, key=lambda m: (_distance(m, event.trigger), m.start))
    before = [m for m in ent.mentions if m.end <= sent.start]
    return before[-1] if before else ent.mentions[0]


def _nominal_span(doc: Document, ctx: DocContext, event: Event, word: str,
                  taken: list[Span]) -> Span | None:
    """Where the nominal actor ``word`` is written in the event's sentence, widened over
    its complements and adjectives; None when the word is not there."""
    sent = event.sentence
    hits: list[int] = []
    for i in ctx.overlapping(sent.start, sent.end):
        tok = ctx.tokens[i]
        if doc.text[tok.base_start:tok.end] == word or doc.text[tok.start:tok.end] == word:
            if not any(Span(tok.base_start, tok.end).overlaps(t) for t in taken):
                hits.append(i)
    if not hits:
        return None
    best = min(hits, key=lambda i: (_distance(ctx.tokens[i].span, event.trigger), i))
    last = best
    for _ in range(NOMINAL_WIDTH):
        nxt = last + 1
        if nxt >= len(ctx.tokens) or ctx.tokens[nxt].end > sent.end:
            break
        if not ctx.right_words(last)[:1] or nxt in ctx.mention_at:
            break
        last = nxt
    return Span(ctx.tokens[best].base_start, ctx.tokens[last].end)
