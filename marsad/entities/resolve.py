"""Overlaps settled by priority, then later mentions of what was found (propagation)."""

from __future__ import annotations

from ..document import Mention, Span
from ..lexicons.matcher import PhraseMatcher
from .candidates import P_DESCRIPTOR, P_KNOWN_PERSON, P_PROPAGATED, Candidate
from .context import DocContext
from .persons import can_stand_alone, name_after


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """The higher priority wins an overlap, then the longer span, then the earlier."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-c.priority, -c.length, c.first)):
        rng = set(range(c.first, c.end))
        if rng & taken:
            continue
        chosen.append(c)
        taken |= rng
    return chosen


def harmonise_types(ctx: DocContext, chosen: list[Candidate]) -> list[Candidate]:
    """One sense per discourse: the tagger's mentions of one name take the type the
    document gives that name most (weighed by how far each source is trusted): أوتو is one
    person three times, not a company twice and a person once. Rules and gazetteers keep
    their types."""
    weight: dict[str, dict[str, float]] = {}
    for c in chosen:
        key = " ".join(ctx.forms[c.first:c.end])
        if c.type in ("PER", "ORG", "GPE", "LOC", "FAC"):
            weight.setdefault(key, {}).setdefault(c.type, 0.0)
            weight[key][c.type] += c.priority
    for c in chosen:
        types = weight.get(" ".join(ctx.forms[c.first:c.end]), {})
        if c.source == "model" and len(types) > 1:
            c.type = max(types, key=lambda t: types[t])
    return chosen


def propagate(ctx: DocContext, chosen: list[Candidate]) -> list[Candidate]:
    """Bare later mentions of names already found, and descriptors equal to a title."""
    lex, rules = ctx.lex, ctx.rules
    taken = {i for c in chosen for i in range(c.first, c.end)}
    in_titles = {i for c in chosen for a, b in c.titles for i in range(a, b)}
    names: dict[str, str] = {}
    titles: dict[str, int] = {}
    for c in chosen:
        key = " ".join(ctx.forms[c.first:c.end])
        if not key.strip():
            continue
        if c.type == "PER":
            words = key.split()
            # a one-word name the tagger alone found is not spread (على, الحاضر)
            if c.source == "model" and len(words) < 2:
                continue
            if len(words) == 1 and not can_stand_alone(words[0], lex, rules):
                continue
            names.setdefault(key, "PER")
            surname = words[-1]
            known_word = c.source != "model" or ctx.name_strength(c.end - 1) == 2
            if len(words) >= 2 and known_word and can_stand_alone(surname, lex, rules):
                names.setdefault(surname, "PER")
            for a, b in c.titles:
                if b - a >= 2:
                    tkey = " ".join(ctx.forms[a:b])
                    titles[tkey] = titles.get(tkey, 0) + 1
        elif c.source == "rule" and c.start_char is None and not c.descriptor:
            names.setdefault(key, c.type)
    extra: list[Candidate] = []
    if names:
        matcher: PhraseMatcher[str] = PhraseMatcher(names.items(), keyed=True)
        for first, end, types in matcher.find(ctx.forms):
            rng = set(range(first, end))
            if rng & taken:
                continue
            extra.append(Candidate(first, end, types[0], P_PROPAGATED, "rule"))
            taken |= rng
    if titles:
        tmatcher: PhraseMatcher[str] = PhraseMatcher(((k, k) for k in titles), keyed=True)
        for first, end, _ in tmatcher.find(ctx.forms):
            rng = set(range(first, end))
            if rng & taken or rng & in_titles:
                continue
            # a title followed by a name is that name's title, not a descriptor
            if name_after(ctx, end) > end:
                continue
            extra.append(Candidate(first, end, "PER", P_DESCRIPTOR, "rule",
                                   titles=[(first, end)], descriptor=True))
            taken |= rng
    return chosen + extra


def to_mention(ctx: DocContext, c: Candidate) -> Mention:
    start, end = ctx.char_span(c)
    titles = tuple(Span(ctx.tokens[a].base_start, ctx.tokens[b - 1].end) for a, b in c.titles)
    score = min(1.0, c.priority / P_KNOWN_PERSON)
    return Mention(start, end, c.type, titles, round(score, 3), c.source)
