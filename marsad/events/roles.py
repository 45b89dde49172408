"""Who did what to whom: the source, target and place of one trigger, from its sentence.

``assign_roles`` runs named steps over one ``RoleContext``: the actors in the trigger's
clause, the pair word (الجانبان), the source (the subject after a verb, the agent of a
verbal noun, the nearest bare actor before, an agent after على يد / من قبل), the targets
(the bare object, the rule's prepositions, the object of a governing verb), the places, the
sides a rule reshapes (+joint, +recip, +rev), and last the source carried from the clause or
sentence before when the sentence names none. Each actor keeps the span of its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Span, Token
from .actors import NOMINAL, Actor
from .drafts import Draft, Match
from .lexicon import Lexicon, Rule

SOURCE_WINDOW = 8  # tokens between a verb and its subject (VSO) or a verbal noun and its agent
CONTEXT_SENTENCES = 3  # how far back a pair word (الرجلين) looks for its two people
NOMINAL_SUBJECT_WINDOW = 2  # words between a verb and a subject named by a common noun
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما", "هن")
# أن/إن with the subject as a pronoun right before a verb (normalised: hamza folded)
_PRONOUN_SUBJECTS = frozenset({"انه", "انها", "انهم", "انهما", "انهن", "لانه", "لانها"})


@dataclass(slots=True)
class RoleContext:
    """Everything the role steps read, and the sides they build."""

    doc: Document
    draft: Draft
    match: Match
    light: Match | None
    tokens: list[Token]
    words: list[str]
    actors: list[Actor]  # the actors that can take a role (victims set aside for attacks)
    everyone: list[Actor]  # the sentence's full actor list, which ``coord_with`` indexes
    lexicon: Lexicon
    previous: list[Draft]  # drafts of the sentences before
    persons: list[list[str]]  # per sentence: PER ids in order of last mention
    person_spans: dict[str, Span]
    s_index: int
    same_sentence: list[Draft]  # drafts of this sentence so far
    next_anchor: int
    stops: set[int]
    dated_tokens: set[int]
    after: list[Actor] = field(default_factory=list)
    bare_after: list[Actor] = field(default_factory=list)
    inside: set[int] = field(default_factory=set)
    source: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    pair: list[str] | None = None

    @property
    def rule(self) -> Rule:
        return self.match.rule

    def span_of(self, a: Actor) -> Span:
        return Span(a.start, self.tokens[a.last].end)

    def take(self, group: list[Actor], into: list[Actor]) -> None:
        for a in group:
            if id(a) not in self.used:
                self.used.add(id(a))
                into.append(a)

    def with_conjuncts(self, a: Actor, pool: list[Actor]) -> list[Actor]:
        out = [a]
        for b in pool:
            if b.first <= out[-1].last:
                continue
            if b.conjunct and b.marker == a.marker:
                out.append(b)
            else:
                break
        return out

    def carry_from(self, other: Draft) -> None:
        """The source of another draft (the clause or sentence before) becomes this one's."""
        self.draft.source = list(other.agent or other.source)
        for actor_id in self.draft.source:
            if actor_id in other.spans:
                self.draft.spans[actor_id] = other.spans[actor_id]


def assign_roles(ctx: RoleContext) -> None:
    """Fill ``ctx.draft``'s source, target and location, step by step."""
    collect_clause(ctx)
    note_pair(ctx)
    if ctx.match.verbal:
        find_verb_source(ctx)
    else:
        find_noun_source(ctx)
    find_agent_phrase(ctx)
    find_targets(ctx)
    settle_sides(ctx)
    find_places(ctx)
    ctx.draft.agent = list(ctx.draft.source)
    shape_sides(ctx.draft, ctx.rule)
    carry_source(ctx)


# ---------------------------------------------------------------------------- steps


def collect_clause(ctx: RoleContext) -> None:
    """The actors after the trigger, up to the end of its clause."""
    m = ctx.match
    if m.type in ("ASSAULT", "CRIME"):  # مقتل ثلاثة جنود في هجوم: the dead did not attack
        ctx.actors = [a for a in ctx.actors if not a.victim]
    end = scope_end(ctx)
    ctx.inside = set(m.tokens) - {m.anchor}
    ctx.after = [a for a in ctx.actors if m.anchor < a.first < end and a.first != m.anchor]


def note_pair(ctx: RoleContext) -> None:
    """جمع الرجلين، ناقش الجانبان: the pair word names the parties; it is no actor itself."""
    ctx.pair = pair_parties(ctx)
    if ctx.pair:
        cue = ctx.lexicon.cue
        ctx.after = [a for a in ctx.after if not (a.nominal and cue("pair", a.id[1:]))]
        ctx.actors = [a for a in ctx.actors if not (a.nominal and cue("pair", a.id[1:]))]
    ctx.bare_after = [a for a in ctx.after if a.marker == ""]


def find_verb_source(ctx: RoleContext) -> None:
    m, rule, words = ctx.match, ctx.rule, ctx.words
    src_from = [a for a in ctx.after if "src:" + a.marker in rule.args]
    if src_from:
        ctx.take(ctx.with_conjuncts(src_from[0], ctx.after), ctx.source)
        return
    subject = verb_subject(ctx)
    lone = len([a for a in ctx.bare_after if not a.conjunct]) == 1
    if rule.has("+passive"):
        return  # اغتيل فلان: the bare noun is the target
    if (
        subject is not None
        and lone
        and "obj" in rule.targets
        and ctx.same_sentence
        and ctx.same_sentence[-1].source
        and m.anchor > 0
        and ctx.lexicon.cue("boundary", words[m.anchor - 1]) is not None
    ):
        ctx.carry_from(ctx.same_sentence[-1])  # زار ...، حيث التقى نتنياهو
        ctx.draft.carried = True
    elif subject is not None:
        ctx.take(ctx.with_conjuncts(subject, ctx.after), ctx.source)
    elif ctx.same_sentence and starts_with_conjunction(ctx.doc, ctx.tokens[m.anchor]):
        ctx.carry_from(ctx.same_sentence[-1])  # وأحرقوا: the same subject
    else:
        before = bare_before(ctx, m.anchor)
        if before is not None:
            ctx.take(ctx.with_conjuncts(before, ctx.actors), ctx.source)


def verb_subject(ctx: RoleContext) -> Actor | None:
    """The bare noun right after a verb (VSO), unless a complement or trigger stands between."""
    m, bare_after = ctx.match, ctx.bare_after
    if not bare_after or complement_between(ctx, bare_after[0]):
        return None
    if m.anchor > 0 and ctx.words[m.anchor - 1].lstrip("ول") in _PRONOUN_SUBJECTS:
        return None  # أنها اعتقلت ثلاثة أشخاص: the pronoun is the subject, the noun the object
    first = bare_after[0]
    near = first.first - m.tokens[0] <= SOURCE_WINDOW or first.first in ctx.inside
    crossed = any(m.anchor < o < first.first for o in ctx.stops)  # زار ... للقاء حفتر
    if near and not crossed and not (ctx.rule.has("+loc") and first.is_place):
        return first
    return None


def find_noun_source(ctx: RoleContext) -> None:
    """A verbal noun's agent: the genitive after it, else the subject of its light verb, else
    the nearest bare actor before (هجمات باريس: a place after the noun is where, not who)."""
    m, rule, light = ctx.match, ctx.rule, ctx.light
    genitive = [a for a in ctx.bare_after if a.first - m.tokens[-1] <= 2 and a.first not in ctx.inside]
    if m.reading.suffix.endswith(_PRONOUN_ENDINGS):
        genitive = []  # استقباله المبعوث: the pronoun is the agent, the noun the object
    if genitive and genitive[0].is_place and not rule.has("+launch"):
        if not rule.has("+loc"):
            ctx.draft.location.append(genitive[0].id)
            ctx.draft.spans[genitive[0].id] = ctx.span_of(genitive[0])
            ctx.used.add(id(genitive[0]))
    elif genitive:
        ctx.take(ctx.with_conjuncts(genitive[0], ctx.after), ctx.source)
    if not ctx.source and light is not None:
        between = [a for a in ctx.actors if light.anchor < a.first < m.anchor and a.marker == ""]
        if between:
            ctx.take(ctx.with_conjuncts(between[0], ctx.actors), ctx.source)
        else:
            before = bare_before(ctx, light.anchor)
            if before is not None:
                ctx.take(ctx.with_conjuncts(before, ctx.actors), ctx.source)
    if not ctx.source and light is None:
        before = bare_before(ctx, m.anchor)
        if before is not None:
            ctx.take(ctx.with_conjuncts(before, ctx.actors), ctx.source)


def find_agent_phrase(ctx: RoleContext) -> None:
    """على يد / من قبل / بواسطة X names who acted, whatever the verb's voice (قتل على يد
    مسلحين، تم اعتقاله من قبل الشرطة): X is the source and the subject, if any, the target."""
    words = ctx.words
    for j in range(ctx.match.anchor + 1, min(len(words) - 1, ctx.match.anchor + 12)):
        if ctx.tokens[j].kind == "punct" and words[j] not in ("،", ","):
            return
        if not (
            (words[j].lstrip("و") == "علي" and words[j + 1] == "يد")
            or (words[j].lstrip("و") == "من" and words[j + 1] == "قبل")
            or words[j].lstrip("و") == "بواسطه"
        ):
            continue
        first = j + (1 if words[j].lstrip("و") == "بواسطه" else 2)
        agent = next((a for a in ctx.actors if first <= a.first <= first + 3), None)
        if agent is None:
            return
        # the subject, or the dead named between the verb and the phrase, were acted on
        moved = [a for a in ctx.source if a is not agent] + [
            a for a in ctx.everyone if a.victim and ctx.match.anchor < a.first < j
        ]
        ctx.source = [agent]
        ctx.draft.source, ctx.draft.carried = [], False
        ctx.used.add(id(agent))
        for a in moved:
            if a not in ctx.targets:
                ctx.used.add(id(a))
                ctx.targets.append(a)
        return


def find_targets(ctx: RoleContext) -> None:
    """The bare object (one noun and its conjuncts), then the rule's prepositions, then the
    object of a governing verb (رفض أي مفاوضات مع روسيا)."""
    m, rule = ctx.match, ctx.rule
    objects = [a for a in ctx.bare_after if id(a) not in ctx.used]
    if objects and ("obj" in rule.targets or rule.has("+passive") or rule.has("+loc")):
        ctx.take(ctx.with_conjuncts(objects[0], ctx.after), ctx.targets)
    for a in ctx.after:
        if a.venue or (
            a.is_place
            and a.locative
            and (a.marker not in rule.targets or a.marker == "في" or m.type == "CONSULT")
        ):
            continue  # بمدينة بنغازي، بمقر القيادة: where, not with whom
        if id(a) not in ctx.used and a.marker and a.marker in rule.targets:
            ctx.take([a], ctx.targets)
    if rule.has("+gov") and not ctx.targets:
        governed = [a for a in ctx.actors if a.first > m.anchor and id(a) not in ctx.used]
        chosen = [a for a in governed if a.marker in ("مع", "من") or a.marker in rule.targets]
        if chosen:
            ctx.take([chosen[0]], ctx.targets)


def settle_sides(ctx: RoleContext) -> None:
    """اجتماع بين أ و ب: both are sources; a pair word stands for the two named before."""
    draft = ctx.draft
    between = [a for a in ctx.targets if a.marker == "بين"]
    if between and not ctx.source and not draft.source:
        ctx.source, ctx.targets = between[:1], [a for a in ctx.targets if a is not between[0]]
    if ctx.pair and not ctx.source and not ctx.targets and not draft.source:
        draft.source, draft.target = [ctx.pair[0]], list(ctx.pair[1:])
        draft.pair = True
        for person in ctx.pair:
            if person in ctx.person_spans:
                draft.spans[person] = ctx.person_spans[person]
        return
    if not draft.source:
        draft.source = [a.id for a in ctx.source]
    draft.target = [a.id for a in ctx.targets]
    for a in ctx.source + ctx.targets:
        draft.spans.setdefault(a.id, ctx.span_of(a))


def find_places(ctx: RoleContext) -> None:
    """Places after a locative preposition in the clause (else the last one before)."""
    m, rule, draft = ctx.match, ctx.rule, ctx.draft
    places = [a for a in ctx.after if a.is_place and a.locative and id(a) not in ctx.used]
    if not places:
        places = [a for a in ctx.actors if a.is_place and a.locative and a.first < m.anchor][-1:]
    if len(places) > 1 and places[1].first - places[0].last > 3:
        places = places[:1]  # قرب باب العامود في القدس is one place; a later one is not
    for a in places[:2]:
        if a.id not in draft.location:
            draft.location.append(a.id)
            draft.spans.setdefault(a.id, ctx.span_of(a))
    place_targets = [t for t in ctx.targets if t.is_place]
    if place_targets and (rule.has("+loc") or m.type == "ASSAULT"):
        if rule.has("+loc") and any(not t.is_place for t in ctx.targets):
            draft.target = [t.id for t in ctx.targets if not t.is_place]  # زيارة إلى مسجد ... رفقة
        draft.location = [t.id for t in place_targets] + [
            x for x in draft.location if x not in {t.id for t in place_targets}
        ]


def shape_sides(draft: Draft, rule: Rule) -> None:
    if rule.has("+joint"):
        draft.source = draft.source + [t for t in draft.target if t not in draft.source]
        draft.target = []
    elif rule.has("+recip") and len(draft.source) > 1 and not draft.target:
        draft.source, draft.target = draft.source[:1], draft.source[1:]
    if rule.has("+rev") and draft.target:
        draft.source, draft.target = draft.target, draft.source


def carry_source(ctx: RoleContext) -> None:
    """A verb with no subject in its sentence takes the one before (حيث التقى، وأضاف أنه)."""
    draft, m = ctx.draft, ctx.match
    if draft.source or not m.verbal or m.rule.has("+passive"):
        return
    if ctx.same_sentence and ctx.same_sentence[-1].source:
        ctx.carry_from(ctx.same_sentence[-1])
        draft.carried = True
    elif (
        ctx.previous
        and ctx.previous[-1].sentence == ctx.s_index - 1
        and ctx.previous[-1].source
        and (m.rule.pos == "V" or m.anchor <= 1)  # not يجتمع inside a relative clause
    ):
        ctx.carry_from(ctx.previous[-1])
        draft.carried = True


# ---------------------------------------------------------------------------- helpers


def complement_between(ctx: RoleContext, actor: Actor) -> bool:
    """A preposition between a verb and a noun: the noun is not the subject (والتقى خلال
    الزيارة الرئيس السوري)."""
    return any(ctx.lexicon.prep(ctx.words[j]) is not None for j in range(ctx.match.anchor + 1, actor.first))


def starts_with_conjunction(doc: Document, token: Token) -> bool:
    return doc.text[token.start : token.base_start].startswith(("و", "ف"))


def scope_end(ctx: RoleContext) -> int:
    """Where the trigger's clause ends: a comma before a new clause, a boundary word, a
    relative pronoun, or the next verbal trigger."""
    m, tokens, words, lexicon = ctx.match, ctx.tokens, ctx.words, ctx.lexicon
    if m.rule.has("+gov"):
        return len(tokens)
    for j in range(m.anchor + 1, min(len(tokens), ctx.next_anchor)):
        if j in m.tokens:
            continue
        if (
            words[j] in ("،", ",")
            and j + 1 < len(tokens)
            and j + 1 not in ctx.dated_tokens  # ، اليوم الخميس، : a date between commas
            and j - 1 not in ctx.dated_tokens
            and not continues_clause(words[j + 1], lexicon)
        ):
            return j  # ، مشيرا إلى أن ...: a new clause
        if lexicon.cue("boundary", words[j]) is not None or lexicon.cue("relative", words[j]):
            return j
    return min(len(tokens), ctx.next_anchor)


def continues_clause(word: str, lexicon: Lexicon) -> bool:
    """After a comma: و, a preposition or بـ go on with the clause (، ووزير الدفاع، بمدينة)."""
    return word.startswith(("و", "ب")) or lexicon.prep(word) is not None


def bare_before(ctx: RoleContext, anchor: int) -> Actor | None:
    """The nearest bare actor before a verb in its clause (SVO, إن حفتر اجتمع)."""
    tokens, words, lexicon, actors = ctx.tokens, ctx.words, ctx.lexicon, ctx.actors
    for j in range(anchor - 1, -1, -1):
        if tokens[j].kind == "punct" and tokens[j].norm in ("،", ",", ":", ";", "."):
            return None
        if lexicon.cue("relative", words[j]) is not None:
            prior = [a for a in actors if a.last < j and not (a.is_place and a.locative)]
            if words[j].lstrip("و") in ("الذي", "الذين"):  # a man or men: the last person
                prior = [a for a in prior if a.type == "PER"] or prior
            return head_of(prior[-1], ctx.everyone) if prior else None
        if lexicon.cue("boundary", words[j]) is not None:
            return None
        hit = [a for a in actors if a.first <= j <= a.last]
        if hit:
            a = hit[0]
            if a.marker == "":
                return head_of(a, ctx.everyone)
            if not a.conjunct:
                return None
    return None


def head_of(a: Actor, actors: list[Actor]) -> Actor:
    seen: set[int] = set()
    while a.conjunct and a.coord_with >= 0 and a.coord_with not in seen:
        seen.add(a.coord_with)  # a coordination chain can loop back on itself
        a = actors[a.coord_with]
    return a


def pair_parties(ctx: RoleContext) -> list[str] | None:
    """The two parties a pair word names (الرجلين، الجانبان، الوزيران)."""
    m, words, lexicon = ctx.match, ctx.words, ctx.lexicon
    for j in range(max(0, m.anchor - 3), min(len(ctx.tokens), m.anchor + 4)):
        cue = lexicon.cue("pair", words[j])
        if cue is None:
            continue
        if cue.value != "PER":
            for d in reversed(ctx.previous):
                if d.sentence >= ctx.s_index - CONTEXT_SENTENCES and d.source and d.target:
                    for actor_id in d.source[:1] + d.target[:1]:
                        if actor_id in d.spans:
                            ctx.draft.spans[actor_id] = d.spans[actor_id]
                    return d.source[:1] + d.target[:1]
        # the two persons named last, nearest sentence first (جمع الرجلين)
        found: list[str] = []
        for back in range(ctx.s_index - 1, max(-1, ctx.s_index - 1 - CONTEXT_SENTENCES), -1):
            for person in reversed(ctx.persons[back]):
                if person not in found and len(found) < 2:
                    found.insert(0, person)
            if len(found) == 2:
                return found
        return None
    return None


def is_nominal(actor_id: str) -> bool:
    return actor_id.startswith(NOMINAL)
