"""Find the PLOVER events a document asserts, sentence by sentence.

For each sentence: match trigger patterns; drop the ones a longer pattern covers, the ones
under a governing verb (أدان، طالب، هدد: their content is not an event), plans
(سيزور، من المقرر أن), purposes (للمطالبة) and definite verbal nouns that only refer back
(اللقاء، الهجوم); give each trigger its source, target and location from the sentence's
actors; then merge triggers of the same event, date them and carry context from the
sentences before (a pronoun subject, جمع الرجلين, خلال الزيارة). See docs/events.md.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..document import Actor as EventActor
from ..document import DateExpr, Document, Event, Span, Token
from ..stages.dates import nearest_date
from .actors import NOMINAL, Actor, resolve_coordination, sentence_actors
from .drafts import Carrier, Draft, Match
from .lexicon import Lexicon, Rule, analyse, element_matches, load_lexicon
from .roles import CONTEXT_SENTENCES, RoleContext, assign_roles

LIGHT_WINDOW = 8  # words between a light verb and its verbal noun, names and dates aside (أجرى رئيس مجلس الوزراء وزير الخارجية ... اتصالا)
CUE_WINDOW = 4  # tokens before a trigger searched for plan words (من المقرر أن)
GOV_DATE_REACH = 20  # characters after a governing verb where its own date may stand
VERBAL_ACTS = frozenset(
    {"AGREE", "SUPPORT", "CONCEDE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN"}
)
_NUMBER = re.compile(r"^\d+$")


class Detector(Protocol):
    """Decides, for every trigger candidate of a document, its PLOVER type or none."""

    def decide(self, doc: Document, candidates: list[Draft]) -> list[Draft]: ...


class EventFinder:
    """Callable that returns the events of a document (a tuple of ``Event``)."""

    def __init__(self, lexicon: Lexicon | None = None, detector: Detector | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.detector = detector

    def __call__(self, doc: Document) -> tuple[Event, ...]:
        return find_events(doc, self.lexicon, self.detector)


def find_events(
    doc: Document, lexicon: Lexicon | None = None, detector: Detector | None = None
) -> tuple[Event, ...]:
    """The events of a document. Without a ``detector`` the hand rules decide which
    triggers are events; with one, every trigger the lexicon finds is a candidate and the
    detector decides (the rules' verdicts are among its features)."""
    lexicon = lexicon or load_lexicon()
    walk = _walk(doc, lexicon, keep_all=detector is not None)
    drafts = walk.drafts
    if detector is not None:
        chosen = detector.decide(doc, walk.candidates)
        drafts = []
        for s_index in sorted({d.sentence for d in chosen}):
            drafts += _merge([d for d in chosen if d.sentence == s_index])
    drafts = _apply_context(drafts, walk.carriers, walk.visit_actors)
    return _to_events(doc, drafts)


def event_candidates(doc: Document, lexicon: Lexicon | None = None) -> list[Draft]:
    """Every trigger the lexicon finds in a document, with its roles and the rules' flags."""
    return _walk(doc, lexicon or load_lexicon(), keep_all=True).candidates


@dataclass(slots=True)
class _Walk:
    drafts: list[Draft] = field(default_factory=list)  # what the hand rules keep, merged
    candidates: list[Draft] = field(default_factory=list)
    carriers: list[Carrier] = field(default_factory=list)
    visit_actors: list[set[str]] = field(default_factory=list)


def _walk(doc: Document, lexicon: Lexicon, *, keep_all: bool) -> _Walk:
    walk = _Walk()
    dated = _dates_for_events(doc)
    mentions = sorted(
        (m.start, m.end, ent.id, ent.type) for ent in doc.entities for m in ent.mentions
    )
    mention_starts = [m[0] for m in mentions]
    token_starts = [t.start for t in doc.tokens]
    drafts = walk.drafts
    visit_actors = walk.visit_actors  # per sentence: actors of sentences with a visit word
    persons: list[list[str]] = []  # per sentence: PER ids in order of last mention
    person_spans: dict[str, Span] = {}  # PER id -> its last mention so far
    for s_index, sent in enumerate(doc.sentences):
        lo = bisect.bisect_left(token_starts, sent.start)
        hi = bisect.bisect_left(token_starts, sent.end)
        tokens = list(doc.tokens[lo:hi])
        m_lo = bisect.bisect_left(mention_starts, sent.start)
        m_hi = bisect.bisect_left(mention_starts, sent.end)
        sent_mentions = mentions[m_lo:m_hi]
        persons.append(_last_persons(sent_mentions))
        person_spans.update((m[2], Span(m[0], m[1])) for m in sent_mentions if m[3] == "PER")
        tok_starts = [t.start for t in tokens]
        names = {
            i
            for (start, end, _, _) in sent_mentions
            for i in _overlapping(tokens, tok_starts, start, end)
            if tokens[i].end - tokens[i].start > 1
        }
        dated_tokens = {
            i
            for d in doc.dates
            if sent.start <= d.start < sent.end
            for i in _overlapping(tokens, tok_starts, d.start, d.end)
        }
        matches = _find_matches(doc, tokens, lexicon, names, names | dated_tokens)
        visit_actors.append(
            {m[2] for m in sent_mentions} if any(m.rule.mode == "visit" for m in matches) else set()
        )
        if not matches:
            continue
        sentence_drafts, sentence_candidates, sentence_carriers = _sentence_events(
            doc,
            dated,
            s_index,
            sent,
            tokens,
            sent_mentions,
            matches,
            lexicon,
            drafts,
            persons,
            person_spans,
            dated_tokens,
            keep_all,
        )
        walk.carriers += sentence_carriers
        walk.candidates += sentence_candidates
        drafts += sentence_drafts
    return walk


# ---------------------------------------------------------------------------- matching


def _find_matches(
    doc: Document,
    tokens: list[Token],
    lexicon: Lexicon,
    names: set[int] | None = None,
    transparent: set[int] | None = None,
) -> list[Match]:
    """Pattern matches in a sentence; ``names`` are token indices inside entity mentions
    (فيصل is not يصل); ``transparent`` ones (names, dates) do not count in a gap."""
    found: list[Match] = []
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or (names and i in names):
            continue
        for rule, reading in lexicon.rules_for(tok.norm, doc.text[tok.start : tok.end]):
            idx = _match_rest(tokens, i, rule, transparent or set(), lexicon)
            if idx is not None:
                found.append(Match(rule, i, idx, reading))
    # A longer pattern hides the shorter ones inside it (رفع العقوبات is not SANCTION).
    kept: list[Match] = []
    for m in found:
        covered = any(
            len(o.rule.elements) > len(m.rule.elements) and set(m.tokens) <= set(o.tokens)
            for o in found
            if o.rule.type != "LIGHT"
        )
        same = any(k.anchor == m.anchor and k.rule.type == m.rule.type for k in kept)
        if not covered and not same:
            kept.append(m)
    return kept


def _match_rest(
    tokens: list[Token], i: int, rule: Rule, transparent: set[int], lexicon: Lexicon
) -> tuple[int, ...] | None:
    """The tokens of the later elements; a gap skips names, dates and commas for free
    (وقعت المملكة العربية السعودية ودولة الإمارات، اليوم الثلاثاء، اتفاقية)."""
    idx = [i]
    pos = i
    for element, gap in zip(rule.elements[1:], rule.gaps[1:], strict=True):
        hit = None
        budget = gap
        for j in range(pos + 1, len(tokens)):
            tok = tokens[j]
            if tok.kind != "punct" and lexicon.element_matches(element, tok.norm):
                hit = j
                break
            if tok.kind == "punct" and tok.norm not in ("،", ",", '"', "«", "»"):
                break
            if j not in transparent and tok.kind != "punct":
                budget -= 1
                if budget < 0:
                    break
        if hit is None:
            return None
        idx.append(hit)
        pos = hit
    return tuple(idx)


def _overlapping(tokens: list[Token], starts: list[int], start: int, end: int) -> range:
    """Indices of the tokens that overlap ``start:end`` (tokens are sorted and disjoint)."""
    lo = bisect.bisect_right(starts, start) - 1
    if lo < 0 or tokens[lo].end <= start:
        lo += 1
    hi = bisect.bisect_left(starts, end)
    return range(max(lo, 0), hi)


# ---------------------------------------------------------------------------- one sentence


def _sentence_events(
    doc: Document,
    dated: Document,
    s_index: int,
    sent: Span,
    tokens: list[Token],
    mentions: list[tuple[int, int, str, str]],
    matches: list[Match],
    lexicon: Lexicon,
    previous: list[Draft],
    persons: list[list[str]],
    person_spans: dict[str, Span],
    dated_tokens: set[int],
    keep_all: bool = False,
) -> tuple[list[Draft], list[Draft], list[Carrier]]:
    events = [m for m in matches if m.type not in ("LIGHT", "-")]
    lights = [m for m in matches if m.type == "LIGHT"]
    stops = {m.anchor for m in matches if m.type != "-"}
    actors = sentence_actors(doc, tokens, mentions, lexicon, stops)
    resolve_coordination(actors)
    words = [t.norm for t in tokens]
    deny_at = next((i for i, w in enumerate(words) if lexicon.cue("deny", w)), None)
    transparent = dated_tokens | {
        i for a in actors if not a.nominal for i in range(a.first, a.last + 1)
    }
    gov_at: int | None = None
    # ستشهد مباحثات ... وسبل تعزيز دعمها: what follows a future verb is planned too
    future_at = min(
        (m.anchor for m in matches if m.reading.future and m.rule.pos == "P"), default=None
    )
    # a match report or an almanac line: attacks there are football, dates are history
    kinds = lexicon.kinds_in(words, _CONTEXT_KINDS)
    sports = _sports_or_almanac(doc, sent, words, lexicon, kinds)
    sport = any(lexicon.cue("sport", w) for w in words)
    drafts: list[Draft] = []  # what the hand rules keep
    candidates: list[Draft] = []  # every trigger, with what the rules noticed as flags
    carriers: list[Carrier] = []
    allowed = [m for m in events if not (sports and m.type in _VIOLENT) and _context_allows(m, kinds)]
    for m in sorted(events, key=lambda m: m.anchor):
        flags = _filter_flags(doc, tokens, m, kinds, sports, gov_at)
        if m.rule.has("+gov") and not flags:
            gov_at = m.anchor
        light = _light_before(m, lights, transparent)
        flags |= _modality_flags(m, light, tokens, words, lexicon, allowed, future_at)
        trigger = _trigger_span(tokens, m)
        if _refers_back(m, actors):
            if not flags:
                date = nearest_date(dated, trigger)
                carriers.append(Carrier(s_index, m.type, date.value if date else None))
            flags.add("refers_back")
        if flags and not keep_all:
            continue
        draft = Draft(m, s_index, m.type, m.rule.mode, trigger=trigger, sentence_span=sent)
        draft.flags = flags
        draft.light = light is not None
        next_anchor = min(
            (o.anchor for o in allowed if o.anchor > max(m.tokens) and o.verbal),
            default=len(tokens),
        )
        assign_roles(
            RoleContext(
                doc=doc, draft=draft, match=m, light=light, tokens=tokens, words=words,
                actors=actors, everyone=actors, lexicon=lexicon, previous=previous,
                persons=persons, person_spans=person_spans, s_index=s_index,
                same_sentence=drafts, next_anchor=next_anchor, stops=stops,
                dated_tokens=dated_tokens,
            )
        )
        draft.negated = _negated(m, light, words, lexicon) or (
            deny_at is not None and deny_at < m.anchor
        )
        date = nearest_date(dated, trigger)
        if date is not None and m.rule.has("+gov") and date.start > trigger.end + GOV_DATE_REACH:
            date = None  # هددت بإضراب يوم 20 نونبر: the strike's date, not the threat's
        draft.date = date.value if date else None
        _reclassify(draft, m, words, actors, lexicon)
        _add_counts(draft, tokens, words, lexicon)
        if draft.negated:
            draft.flags.add("negated")
        if sport:
            draft.flags.add("sport_word")
        if not _keep(draft):
            draft.flags.add("weak")
        candidates.append(draft)
        if not (draft.flags - {"negated"}):
            drafts.append(draft)
    return _merge(drafts), candidates, carriers


def _filter_flags(
    doc: Document,
    tokens: list[Token],
    m: Match,
    kinds: set[str],
    sports: bool,
    gov_at: int | None,
) -> set[str]:
    """What the hand rules say about a trigger's sentence: a match report, a trigger whose
    everyday sense the context does not rule out, the content of a governing verb."""
    flags: set[str] = set()
    if sports and m.type in _VIOLENT:
        flags.add("sports")
    if not _context_allows(m, kinds):
        flags.add("no_context")
    if gov_at is not None and m.anchor > gov_at and not _new_clause(doc, tokens, m):
        flags.add("governed")
    return flags


def _modality_flags(
    m: Match,
    light: Match | None,
    tokens: list[Token],
    words: list[str],
    lexicon: Lexicon,
    events: list[Match],
    future_at: int | None,
) -> set[str]:
    """Whether the trigger tells a plan, a purpose, a background event or an object noun."""
    flags: set[str] = set()
    if _planned(m, light, tokens, words, lexicon):
        flags.add("planned")
    if future_at is not None and m.anchor > future_at and m.rule.pos != "V":
        flags.add("after_future")
    if _purpose(m, words):
        flags.add("purpose")
    if _background(m, words, lexicon):
        flags.add("background")
    if (
        not m.verbal
        and len(m.rule.elements) == 1
        and any(o is not m and max(o.tokens) == m.anchor - 1 for o in events)
    ):
        flags.add("object_noun")  # تعليق مساعداتها، إدانة الهجوم: the other trigger's object
    return flags


def _new_clause(doc: Document, tokens: list[Token], m: Match) -> bool:
    """، وطالبت ...: a verb after a comma and و starts a clause of its own."""
    tok = tokens[m.anchor]
    return (
        m.verbal
        and m.anchor > 0
        and tokens[m.anchor - 1].norm in ("،", ",")
        and doc.text[tok.start : tok.base_start].startswith("و")
    )


def _light_before(m: Match, lights: list[Match], transparent: set[int]) -> Match | None:
    """The light verb of a verbal noun; names and dates in between do not count."""
    if m.verbal:
        return None
    before = [
        lt
        for lt in lights
        if 0 < m.anchor - lt.anchor
        and len(set(range(lt.anchor + 1, m.anchor)) - transparent) <= LIGHT_WINDOW
    ]
    return before[-1] if before else None


def _planned(
    m: Match, light: Match | None, tokens: list[Token], words: list[str], lexicon: Lexicon
) -> bool:
    """Plans and expectations are left out (سيزور، من المقرر أن يلتقي، ستشهد مباحثات)."""
    head = light or m
    if head.reading.future:
        return True
    if not m.verbal and m.anchor > 0 and _future_word(words[m.anchor - 1], lexicon):
        return True
    for j in range(max(0, head.anchor - CUE_WINDOW), head.anchor):
        cue = lexicon.cue("plan", words[j])
        if cue is None:
            continue
        if cue.value == "maybe":
            if j == head.anchor - 1 and head.rule.pos == "P":
                return True
            continue
        return True
    return False


def _future_word(word: str, lexicon: Lexicon) -> bool:
    """A future verb right before a verbal noun: ستشهد مباحثات، سيجري زيارة."""
    return any(an.future for an in analyse(word) if an.cls == "P")


def _purpose(m: Match, words: list[str]) -> bool:
    """ل + verbal noun is a purpose (للمطالبة، للقاء حفتر), not an event of its own."""
    if m.verbal or len(m.rule.elements) > 1:
        return False
    return m.reading.particle == "ل"


def _refers_back(m: Match, actors: list[Actor]) -> bool:
    """A definite verbal noun on its own (اللقاء، الهجوم) refers to an event told before."""
    if m.verbal or len(m.rule.elements) > 1 or not m.reading.definite:
        return False
    after = [a for a in actors if 0 < a.first - m.anchor <= 2 and a.marker in ("", "بين")]
    return not after


def _trigger_span(tokens: list[Token], m: Match) -> Span:
    """The head word of the pattern, with the pattern words written right after it."""
    head = m.rule.head
    first = tokens[m.tokens[head]]
    end = first.end
    for prev, nxt in zip(m.tokens[head:], m.tokens[head + 1 :], strict=False):
        if nxt != prev + 1:
            break
        end = tokens[nxt].end
    return Span(first.base_start, end)


def _negated(m: Match, light: Match | None, words: list[str], lexicon: Lexicon) -> bool:
    head = light or m
    for j in range(max(0, head.anchor - 2), head.anchor):
        if lexicon.cue("neg", words[j]) is not None:
            return True
    return False


def _last_persons(mentions: list[tuple[int, int, str, str]]) -> list[str]:
    order: list[str] = []
    for _, _, ent_id, ent_type in mentions:
        if ent_type == "PER":
            if ent_id in order:
                order.remove(ent_id)
            order.append(ent_id)
    return order


# ---------------------------------------------------------------------------- types, counts


def _reclassify(
    draft: Draft, m: Match, words: list[str], actors: list[Actor], lexicon: Lexicon
) -> None:
    if (
        m.rule.has("+launch")
        and not draft.target
        and not any(a.marker == "على" for a in actors if a.first > m.anchor)
    ):
        draft.type, draft.mode = "MOBILIZE", "weapons"  # a launch with no target: a test
    if draft.type == "ASSAULT" and any(lexicon.cue("criminal", w) for w in words):
        draft.type, draft.mode = "CRIME", None
    if (
        draft.type == "ASSAULT"
        and draft.mode == "destroy"
        and any(
            lexicon.cue("protester", s.removeprefix(NOMINAL))
            for s in draft.source
            if s.startswith(NOMINAL)
        )
    ):
        draft.type, draft.mode = "PROTEST", "obstruct"  # rioters burning tyres
    if draft.mode is None:
        key = f"mode:{draft.type}"
        for cue in lexicon.cue_list.get(key, []):
            if any(element_matches(cue.stem, w) for w in words[m.anchor :]):
                draft.mode = cue.value
                break


def _add_counts(draft: Draft, tokens: list[Token], words: list[str], lexicon: Lexicon) -> None:
    for kind in ("dead", "injured"):
        for j, w in enumerate(words):
            if lexicon.cue(kind, w) is None:
                continue
            n = _number_near(tokens, words, j, lexicon)
            if n is not None:
                draft.attrs[kind] = n
                break
    if draft.type in ("PROTEST", "MOBILIZE"):
        for j, w in enumerate(words):
            cue = lexicon.cue("size", w)
            if cue is not None:
                draft.attrs["size"] = cue.value
                break
            if _NUMBER.match(w) and j + 1 < len(words) and lexicon.cue("size", words[j + 1]):
                draft.attrs["size"] = int(w) * 1000
                break


def _number_near(
    tokens: list[Token], words: list[str], j: int, lexicon: Lexicon
) -> int | str | None:
    for k in list(range(j + 1, min(len(words), j + 4))) + list(range(max(0, j - 3), j)):
        w = words[k]
        if _NUMBER.match(w):
            value = int(w)
            if k + 1 < len(words) and words[k + 1] in ("الف", "مليون"):
                value *= 1000 if words[k + 1] == "الف" else 1_000_000
            return value
        cue = lexicon.cue("number", w)
        if cue is not None and cue.value is not None:
            return int(cue.value)
        size = lexicon.cue("size", w)
        if size is not None:
            return size.value
    return None


_VIOLENT = frozenset({"ASSAULT", "FIGHT", "PROTEST", "THREATEN", "COERCE"})
_CONTEXT_KINDS = ("sports", "dead", "injured", "violent", "protest", "trial")
_ALMANAC = re.compile(r"^\s*\d{3,4}\s*[-–:]")


def _sports_or_almanac(
    doc: Document, sent: Span, words: list[str], lexicon: Lexicon, kinds: set[str]
) -> bool:
    """A sentence about a match (two sports words) or an almanac entry (1967 - ...)."""
    if _ALMANAC.match(doc.text[sent.start:sent.end]):
        return True
    if "sports" not in kinds or "dead" in kinds or "injured" in kinds:
        return False  # gunmen attacked the team's bus and killed two: violence all the same
    return sum(1 for w in words if lexicon.cue("sports", w)) >= 2


def _context_allows(m: Match, kinds: set[str]) -> bool:
    """Triggers with an everyday sense need their context: ``+ctx:violent`` (استهدف: a plan
    targets a market too) a weapon or casualty word in the sentence, ``+ctx:protest``
    (مسيرة: also a career) a protest word; no ASSAULT in a sentence about charges or a trial
    (بتهم ارتكاب جرائم تعذيب) unless a verb reports the act."""
    for flag in m.rule.args:
        if flag.startswith("+ctx:") and flag[5:] not in kinds:
            return False
    # a charge names a crime with a noun (بتهم ... تعذيب); a verb still reports an act
    # (أعدمت السلطات ثلاثة مدانين بتهم الإرهاب)
    return m.verbal or not (m.type == "ASSAULT" and "trial" in kinds)


def _background(m: Match, words: list[str], lexicon: Lexicon) -> bool:
    """An event noun named as a point of reference (منذ الهجوم على, ذكرى الهجوم, بعد مرور
    عامين على هجوم) recalls an earlier event; it is not what the sentence reports."""
    if m.verbal:
        return False
    window = words[max(0, m.anchor - 4) : m.anchor]
    return any(lexicon.cue("background", w) for w in window)


def _keep(draft: Draft) -> bool:
    rule = draft.match.rule
    if (rule.has("+needsrc") or draft.type in VERBAL_ACTS) and not draft.source:
        return False
    if draft.type == "CONSULT" and not (draft.source or draft.target):
        return False
    if not draft.match.verbal and len(rule.elements) == 1 and not draft.light:
        # a bare event noun with nobody, no date and no toll is a mention, not a report
        if not (draft.source or draft.target or draft.date or draft.attrs):
            return False
    return bool(draft.source or draft.target or draft.location)


def _merge(drafts: list[Draft]) -> list[Draft]:
    """Triggers of one event in a sentence (التقى ... وبحث معه) become one event."""
    out: list[Draft] = []
    for d in drafts:
        for n, o in enumerate(out):
            if _describes(o, d) and o.type == d.type and o.negated == d.negated:
                d.location += [x for x in o.location if x not in d.location]
                d.date = d.date or o.date
                d.mode = d.mode or o.mode
                known = set(d.source) | set(d.target)
                d.source = d.source or [x for x in o.source if x not in known]
                d.target = d.target or [x for x in o.target if x not in set(d.source)]
                d.spans = {**o.spans, **d.spans}
                out[n] = d  # the verb tells who did what; the noun only names it
                break
            if (
                o.type == d.type
                and o.negated == d.negated
                and (_compatible(o, d) or _describes(o, d) or _describes(d, o))
            ):
                known = set(o.source) | set(o.target)
                if o.location:
                    known |= set(d.location)  # the first place told is where it happened
                for name in ("source", "target", "location"):
                    merged = getattr(o, name) + [
                        x for x in getattr(d, name) if x not in getattr(o, name) and x not in known
                    ]
                    setattr(o, name, merged)
                o.mode = o.mode or d.mode
                o.date = o.date or d.date
                for k, v in d.attrs.items():
                    o.attrs.setdefault(k, v)
                for k, span in d.spans.items():
                    o.spans.setdefault(k, span)
                break
        else:
            out.append(d)
    return out


def _describes(a: Draft, b: Draft) -> bool:
    """A bare event noun next to a verb of the same type names the same event
    (اغتيل فلان في غارة، استهدف هجوم ...)."""
    return not a.match.verbal and not a.light and b.match.verbal


def _compatible(a: Draft, b: Draft) -> bool:
    """Same parties, or one side unknown: الغاز المسيل للدموع after فرقت المتظاهرين."""
    a_all = set(a.source) | set(a.target)
    for name in ("source", "target"):
        x, y = set(getattr(a, name)), set(getattr(b, name))
        if x and y and not (x <= y or y <= x) and not y <= a_all:
            return False
    return True


# ---------------------------------------------------------------------------- context


def _apply_context(
    drafts: list[Draft], carriers: list[Carrier], visit_actors: list[set[str]]
) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        if d.type == "CONSULT" and d.mode is None:
            lo = max(0, d.sentence - CONTEXT_SENTENCES)
            if d.source and any(d.source[0] in visit_actors[s] for s in range(lo, d.sentence + 1)):
                d.mode = "visit"
        if (
            (d.pair or d.carried)
            and d.date is None
            and d.type == "CONSULT"
            and any(
                o.type == d.type
                and o.sentence >= d.sentence - 1
                and set(o.source + o.target) == set(d.source + d.target)
                for o in out
            )
        ):
            continue  # وناقش الجانبان: the meeting told in the sentence before
        if d.date is None:
            d.date = _inherited_date(d, out, carriers)
        out.append(d)
    return out


def _inherited_date(d: Draft, earlier: list[Draft], carriers: list[Carrier]) -> str | None:
    # The sentence refers back to the event (خلال الزيارة): take the date told before.
    if any(c.sentence == d.sentence and c.type == d.type for c in carriers):
        pool = [
            (o.sentence, o.date)
            for o in earlier
            if o.type == d.type and o.date and o.sentence >= d.sentence - CONTEXT_SENTENCES
        ]
        pool += [
            (c.sentence, c.date)
            for c in carriers
            if c.type == d.type
            and c.date
            and d.sentence - CONTEXT_SENTENCES <= c.sentence < d.sentence
        ]
        if pool:
            return max(pool)[1]
    # The sentence before dated the event without naming its actors (ذلك اللقاء عقد يوم الخميس).
    for c in reversed(carriers):
        if c.sentence == d.sentence - 1 and c.type == d.type and c.date:
            return c.date
    for o in reversed(earlier):
        if (
            o.sentence == d.sentence - 1
            and o.type == d.type
            and o.date
            and not o.source
            and not o.target
        ):
            return o.date
    return None


def _dates_for_events(doc: Document) -> Document:
    """The document with the dates that can date an event: not a duration after منذ."""
    keep: list[DateExpr] = []
    for d in doc.dates:
        before = doc.text[max(0, d.start - 6) : d.start].split()
        if before and before[-1].lstrip("و") == "منذ":
            continue
        if doc.text[d.start : d.end].startswith("منذ"):
            continue
        keep.append(d)
    if len(keep) == len(doc.dates):
        return doc
    return doc.with_layers(dates=tuple(keep))


def _to_events(doc: Document, drafts: list[Draft]) -> tuple[Event, ...]:
    events: list[Event] = []
    for d in drafts:
        sides = [d.target]
        if d.type == "CONSULT" and len(d.target) > 1 and not d.pair:
            people = [t for t in d.target if t not in d.location]
            # one meeting per pair of parties; a visit has one destination
            sides = [[t] for t in people] if people else [d.target[:1]]
        for target in sides:
            events.append(_event(doc, d, target, len(events) + 1))
    return _cluster(events)


def _cluster(events: list[Event]) -> tuple[Event, ...]:
    """One ``cluster`` id per happening: the headline, the lead and a later restatement of
    the same meeting or attack are one happening told several times. Two events are the same
    happening when they have the same type, share a party (either way round for a meeting),
    name no other party on a side both name, and are not dated differently."""
    parties = [_parties(e) for e in events]
    clusters: list[list[int]] = []
    out = []
    for i, ev in enumerate(events):
        number = next(
            (
                n
                for n, members in enumerate(clusters)
                if all(_compatible_facts(ev, events[j]) for j in members)
                and any(
                    events[j].type == ev.type
                    and _same_happening(ev, events[j], parties[i], parties[j])
                    for j in members
                )
            ),
            len(clusters),
        )
        if number == len(clusters):
            clusters.append([])
        clusters[number].append(i)
        out.append(replace(ev, attrs={**ev.attrs, "cluster": f"H{number + 1}"}))
    return tuple(out)


def _compatible_facts(a: Event, b: Event) -> bool:
    """Dated differently or placed in different places: two happenings."""
    if a.date and b.date and a.date != b.date:
        return False
    return not (a.location and b.location and not set(a.location) & set(b.location))


def _parties(ev: Event) -> tuple[set[str], set[str]]:
    def keys(actors: tuple[EventActor, ...], ids: tuple[str, ...]) -> set[str]:
        return set(ids) | {f"@{a.start}" for a in actors if a.entity is None}

    return keys(ev.source_actors, ev.source), keys(ev.target_actors, ev.target)


def _same_happening(a: Event, b: Event, pa: tuple[set[str], set[str]],
                    pb: tuple[set[str], set[str]]) -> bool:
    (sa, ta), (sb, tb) = pa, pb
    if a.type in _JOINT_TYPES:
        everyone_a, everyone_b = sa | ta, sb | tb
        return len(everyone_a & everyone_b) >= min(2, len(everyone_a), len(everyone_b)) > 0
    shared = bool(sa & sb) or bool(ta & tb)
    clash = bool(sa and sb and not sa & sb) or bool(ta and tb and not ta & tb)
    return shared and not clash


_JOINT_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "FIGHT"})


def _actor_span(doc: Document, d: Draft, actor_id: str) -> Span | None:
    """The words naming an actor: kept from its sentence, else the entity's last mention
    before the trigger (a carried actor), else its first one."""
    if actor_id in d.spans:
        return d.spans[actor_id]
    ent = doc.entity(actor_id)
    if ent is None or not ent.mentions:
        return None
    before = [m for m in ent.mentions if m.start < d.trigger.start]
    return before[-1] if before else ent.mentions[0]


def _actors(doc: Document, d: Draft, ids: list[str]) -> tuple[EventActor, ...]:
    out = []
    for actor_id in ids:
        span = _actor_span(doc, d, actor_id)
        if span is not None:
            entity = None if actor_id.startswith(NOMINAL) else actor_id
            out.append(EventActor(span.start, span.end, entity))
    return tuple(out)


def _event(doc: Document, d: Draft, target: list[str], number: int) -> Event:
    attrs = dict(d.attrs)
    source = [x for x in d.source if not x.startswith(NOMINAL)]
    target_ids = [x for x in target if not x.startswith(NOMINAL)]
    nominal_source = [x[1:] for x in d.source if x.startswith(NOMINAL)]
    nominal_target = [x[1:] for x in target if x.startswith(NOMINAL)]
    if nominal_source:
        attrs["source_text"] = nominal_source
    if nominal_target:
        attrs["target_text"] = nominal_target
    if d.carried:
        attrs["source_from"] = "context"
    confidence = 0.45 + (0.2 if d.match.verbal else 0.1) + (0.15 if d.source else 0.0)
    confidence += 0.1 if (target or d.location) else 0.0
    confidence -= 0.1 if d.carried or d.pair else 0.0
    return Event(
        id=f"E{number}",
        type=d.type,
        trigger=d.trigger,
        sentence=d.sentence_span,
        source=tuple(source),
        target=tuple(target_ids),
        location=tuple(x for x in d.location if not x.startswith(NOMINAL)),
        date=d.date,
        mode=d.mode,
        negated=d.negated,
        confidence=min(0.95, confidence),
        attrs=attrs,
        source_actors=_actors(doc, d, d.source),
        target_actors=_actors(doc, d, target),
    )
