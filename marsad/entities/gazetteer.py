"""Known people, organisations and places found by the lexicon match."""

from __future__ import annotations

from ..linking.geo import choose_place
from .candidates import (
    P_AMBIGUOUS_PLACE,
    P_KNOWN_ORG,
    P_KNOWN_PERSON,
    P_NAME_PAIR,
    P_PLACE,
    Candidate,
)
from .context import DocContext

# A one-word town smaller than this is a place only after a locative cue (ديناصور is a
# town in Somalia, and a dinosaur).
SMALL_TOWN = 100_000
# A dateline (outlet and place before the story) lies within this many characters of the top.
_DATELINE_CHARS = 80
# Words after which a club's name that is also a city's is the city.
_PLACE_PREPOSITIONS = {"في", "الي", "مدينه", "بمدينه", "عاصمه"}


# "The Kingdom" on its own names the kingdom the article is about (المملكة, Saudi Arabia in
# Saudi news); not when a longer place follows (المملكة المتحدة, المملكة الأردنية).
KINGDOM = "المملكه"


def add_gazetteer(ctx: DocContext) -> None:
    lex = ctx.lex
    for i, form in enumerate(ctx.forms):
        if form == KINGDOM and not any(k == "place" for _, k, _ in ctx.matches.get(i, ())) \
                and ctx.nationality(i + 1) is None:
            ctx.add(Candidate(i, i + 1, "GPE", P_PLACE, "gazetteer"))
    for first, items in ctx.matches.items():
        for end, kind, key in items:
            if kind == "person":
                ctx.add(Candidate(first, end, "PER", P_KNOWN_PERSON, "gazetteer"))
            elif kind == "surname":
                ctx.add(Candidate(first, end, "PER", P_NAME_PAIR, "gazetteer"))
            elif kind == "org":
                known = lex.known_orgs[key]
                if not known.strong and not _cue_holds(ctx, first, end, known.cue):
                    continue  # العربية, فتح, القاعدة: ordinary words first; rules and
                    # the tagger may still find them, and linking knows the alias
                cand = Candidate(first, end, known.type, P_KNOWN_ORG, "gazetteer")
                ctx.add(cand)
                ctx.spans_at.setdefault(first, cand)
            elif kind == "place":
                _add_place(ctx, first, end, key)


def _cue_holds(ctx: DocContext, first: int, end: int, cue: str) -> bool:
    """Whether an organisation's name that is also an ordinary word names it here: an
    outlet in quotes, after an outlet word or a reporting verb, or before الإلكترونية
    (``media``); a club in a sentence about sport, not after في or إلى (``sport``)."""
    rules = ctx.rules
    if cue == "media":
        if ctx.is_quote(first - 1) and ctx.is_quote(end):
            return True
        prev = ctx.forms[first - 1] if first > 0 else ""
        if prev in rules.outlet_heads or prev in rules.outlet_cues:
            return True
        # a dateline: "سبق- جازان:", "فهد كاملي- سبق-" near the top of the article
        dash = {"-", "–", "ـ"}
        if ctx.tokens[first].start < _DATELINE_CHARS and (
                prev in dash or end < ctx.n and ctx.text[ctx.tokens[end].start] in dash):
            return True
        return end < ctx.n and ctx.forms[end] in rules.outlet_after
    if cue == "sport":
        tok = ctx.tokens[first]
        if first > 0 and ctx.forms[first - 1] in _PLACE_PREPOSITIONS or (
                tok.base_start > tok.start and ctx.text[tok.base_start - 1] == "ب"):
            return False  # في برشلونة, بالرياض: the city
        return ctx.sentence_has(first, rules.sport_cues)
    return False


def _add_place(ctx: DocContext, first: int, end: int, key: str) -> None:
    place = choose_place(ctx.lex.places[key])
    if place is None or (end == first + 1 and (
            ctx.is_stop(first) or ctx.nationality(first) is not None)):
        return
    etype = place.type
    if etype == "GPE" and ctx.forms[first] in ctx.rules.loc_heads:
        etype = "LOC"
    prio = P_PLACE
    if end == first + 1 and place.kind == "city" and ctx.name_strength(first) == 2:
        prio = P_AMBIGUOUS_PLACE  # سالم: a first name before a town in India
    if end == first + 1 and place.kind == "city" and not ctx.locative_cue(first) \
            and (place.source == "geonames" or place.population < SMALL_TOWN):
        return  # a small or GeoNames-only town needs في, إلى, مدينة... before it
    cand = Candidate(first, end, etype, prio, "gazetteer")
    ctx.add(cand)
    ctx.place_ends.add(end)
    prev = ctx.spans_at.get(first)
    if prev is None or prev.end < end:
        ctx.spans_at[first] = cand
