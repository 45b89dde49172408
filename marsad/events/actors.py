"""Actors in a sentence and how each is marked: bare, after a preposition, or coordinated.

Arabic marks the other party of an event with a preposition (اجتمع مع، التقى بـ، هجوم على)
and leaves the subject and the object bare; titles stand between the preposition and the
name (مع الرئيس الروسي فلاديمير بوتين). So each actor mention is given the marker found by
walking back over at most ``TITLE_WINDOW`` title words to the nearest preposition, particle,
conjunction و (coordination with the actor before), or anything else (bare).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Token
from .lexicon import Lexicon

TITLE_WINDOW = 4  # words of title between a preposition and a name: مع نائب وزير الدفاع الروسي
PARTICLE_WINDOW = 3  # a particle further back belongs to another noun phrase (بطائرات مسيرة مطار)
TITLE_GAP = 5  # a party named inside a title right before a person: أمير قطر الشيخ تميم
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
NOMINAL = "~"  # id prefix of an actor named by a common noun (المتظاهرين), not an entity


@dataclass(slots=True)
class Actor:
    first: int  # token index (into the sentence's token list)
    last: int
    id: str  # entity id, or NOMINAL + surface for a common-noun actor
    type: str
    marker: str = ""  # "" bare, a preposition (مع على ب ل ...), or "coord"
    coord_with: int = -1  # index in the sentence's actor list of the actor it is joined to
    locative: bool = False
    conjunct: bool = False  # joined by و to the actor before: it takes that actor's role
    start: int = 0  # character offset of the mention (after any particle)
    own_marker: bool = False  # the marker is a particle written on the name itself
    victim: bool = False  # named right after a casualty word (مقتل ثلاثة جنود)
    venue: bool = False  # named after a venue noun (بمقر القيادة العامة): a place, not a party

    @property
    def is_place(self) -> bool:
        return self.type in PLACE_TYPES

    @property
    def nominal(self) -> bool:
        return self.id.startswith(NOMINAL)


def particle_of(doc: Document, token: Token) -> str:
    """The prepositional particle (ب ل ك) written on a token, if any."""
    parts = doc.text[token.start : token.base_start]
    for ch in parts:
        if ch in "بلك":
            return ch
    bare = token.norm[1:] if token.norm[:1] in ("و", "ف") else token.norm
    if bare.startswith(("لل", "بال", "كال")) and len(bare) > 4:  # للقاء: ل + اللقاء
        return bare[0]
    return ""


def has_conjunction(doc: Document, token: Token) -> bool:
    """و/ف written on the token, leaving a word of three letters or more (not موقع)."""
    return doc.text[token.start : token.base_start].startswith(("و", "ف")) and (
        token.end - token.start >= 4
    )


def sentence_actors(
    doc: Document,
    tokens: list[Token],
    mentions: list[tuple[int, int, str, str]],
    lexicon: Lexicon,
    stops: set[int],
) -> list[Actor]:
    """Entity and common-noun actors of a sentence, in order, each with its marker.

    ``mentions`` are the sentence's (start, end, entity id, type); ``stops`` are token
    indices (triggers) the backward walk does not cross.
    """
    actors: list[Actor] = []
    by_token: dict[int, int] = {}
    for start, end, ent_id, ent_type in mentions:
        idx = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
        if not idx or any(i in by_token for i in idx):
            continue
        for i in idx:
            by_token[i] = len(actors)
        actors.append(Actor(idx[0], idx[-1], ent_id, ent_type, start=start))
    for i, tok in enumerate(tokens):
        if i in by_token or tok.kind != "word":
            continue
        if tok.stem_end < tok.end and doc.text[tok.stem_end : tok.end] in ("ه", "ها", "هم", "هما"):
            continue  # قواتها: the forces of someone named elsewhere
        cue = lexicon.cue("actor", tok.norm)
        if cue is not None and not (
            tok.norm.endswith(("يه", "يا")) and not cue.stem.endswith(("ي", "يه"))
        ):  # الرئيسية is an adjective, not رئيس
            by_token[i] = len(actors)
            surface = doc.text[tok.base_start : tok.end]
            actors.append(Actor(i, i, NOMINAL + surface, "NOM", start=tok.base_start))
    actors.sort(key=lambda a: a.first)
    actors = [a for a in _drop_adjacent_nominals(actors) if not _dateline(tokens, a)]
    actors = _fold_nominal_heads(doc, tokens, actors, lexicon)
    by_token = {i: n for n, a in enumerate(actors) for i in range(a.first, a.last + 1)}
    for n in range(len(actors)):
        _mark(doc, tokens, lexicon, actors, by_token, n, stops)
        actors[n].victim = _after_casualty(tokens, lexicon, actors[n])
    return _fold_titles(doc, tokens, actors)


def _after_casualty(tokens: list[Token], lexicon: Lexicon, actor: Actor) -> bool:
    for j in range(actor.first - 1, max(-1, actor.first - 4), -1):
        if tokens[j].kind == "punct":
            return False
        if lexicon.cue("dead", tokens[j].norm) or lexicon.cue("injured", tokens[j].norm):
            return True
    return False


def _dateline(tokens: list[Token], actor: Actor) -> bool:
    """بيروت - قال ...: the place a report is filed from is not an actor."""
    nxt = actor.last + 1
    return actor.first <= 1 and nxt < len(tokens) and tokens[nxt].norm in ("-", "–", "—", ":")


def _drop_adjacent_nominals(actors: list[Actor]) -> list[Actor]:
    """مسلحون مجهولون is one actor: a common noun right after an actor describes it."""
    out: list[Actor] = []
    for a in actors:
        if a.nominal and out and out[-1].last == a.first - 1 and _agree(out[-1], a):
            continue
        out.append(a)
    return out


def _fold_nominal_heads(
    doc: Document, tokens: list[Token], actors: list[Actor], lexicon: Lexicon
) -> list[Actor]:
    """A common noun that heads a name gives way to the name: a title before a person or
    party (وزير الخارجية سامح شكري، وزير خارجية السعودية), a body right before a place or
    organisation (سلطات مطار القاهرة، وكالة الأونروا). The name's mention lies inside the
    phrase either way, so its span still points at the actor's words."""
    drop: set[int] = set()
    for n, a in enumerate(actors):
        if not a.nominal or n in drop:
            continue
        title = lexicon.cue("title", tokens[a.first].norm) is not None
        for k in range(n + 1, len(actors)):
            b = actors[k]
            gap = tokens[a.last + 1 : b.first]
            words = [t for t in gap if not any(o.first <= i <= o.last for o in actors[n + 1 : k]
                                               for i in [tokens.index(t)])]
            if len(words) > TITLE_WINDOW or not all(
                t.kind == "word" and not has_conjunction(doc, t) for t in gap
            ) or (has_conjunction(doc, tokens[b.first]) and b.start > tokens[b.first].start):
                break  # وبوتين is joined by و; فيصل begins with its own ف
            if b.nominal:
                if not title:
                    break
                continue  # رئيس الوزراء الهندي ناريندرا مودي: still inside the title
            if not gap or title:
                drop.update(range(n, k))
            break
    return [a for n, a in enumerate(actors) if n not in drop]


def _agree(a: Actor, b: Actor) -> bool:
    """An adjective repeats its noun's ending (مسلحون مجهولون), an object does not (شاب شرطيا)."""
    return a.id[-2:] == b.id[-2:]


def _fold_titles(doc: Document, tokens: list[Token], actors: list[Actor]) -> list[Actor]:
    """A party named in a person's title (أمير قطر الشيخ تميم، رئيس حركة النهضة راشد
    الغنوشي) is not an actor of its own: the person takes its place and its marker."""
    drop: set[int] = set()
    for n in range(len(actors) - 1):
        a, b = actors[n], actors[n + 1]
        if a.type == "PER" or b.type != "PER" or b.marker != "" or b.conjunct:
            continue
        if a.is_place and a.locative:
            continue
        gap = tokens[a.last + 1 : b.first]
        if len(gap) > TITLE_GAP or any(t.kind != "word" for t in gap):
            continue
        if any(has_conjunction(doc, t) for t in gap) or has_conjunction(doc, tokens[b.first]):
            continue
        if not a.own_marker:  # لحركة حماس إسماعيل هنية: the ل is inside the title
            b.marker, b.locative, b.conjunct, b.coord_with = (
                a.marker,
                a.locative,
                a.conjunct,
                a.coord_with,
            )
        drop.add(n)
    if not drop:
        return actors
    kept = [a for n, a in enumerate(actors) if n not in drop]
    position = {id(a): i for i, a in enumerate(kept)}
    new_index = {
        n: position[id(actors[n + 1] if n in drop else actors[n])] for n in range(len(actors))
    }
    for i, a in enumerate(kept):
        if a.coord_with >= 0:
            a.coord_with = new_index[a.coord_with]
            if a.coord_with >= i:  # joined to itself once its title merged away: no join
                a.coord_with, a.conjunct, a.marker = -1, False, ""
    return kept


def _mark(
    doc: Document,
    tokens: list[Token],
    lexicon: Lexicon,
    actors: list[Actor],
    by_token: dict[int, int],
    n: int,
    stops: set[int],
) -> None:
    actor = actors[n]
    first = tokens[actor.first]
    coord = has_conjunction(doc, first)
    # the particle is what the mention leaves out of its token (بكين keeps its ب)
    own = "".join(ch for ch in doc.text[first.start : max(first.start, actor.start)] if ch in "بلك")
    if own:
        actor.marker = own[:1]
        actor.locative = own[:1] == "ب"
        actor.own_marker = True
        return
    skip = -1
    words = 0
    venue = False
    for j in range(actor.first - 1, -1, -1):
        tok = tokens[j]
        if tok.kind != "punct":
            words += 1
            if words > TITLE_WINDOW:
                return
        if j == skip:
            coord = coord or has_conjunction(doc, tok)
            continue
        if j in by_token:
            if coord:
                actor.marker = "coord"
                actor.coord_with = by_token[j]
            return
        if tok.kind == "punct":
            if doc.text[tok.start : tok.end] in "\"'«»“”":
                continue
            if doc.text[tok.start : tok.end] in "،," and coord:
                continue  # مع بوتين، ووزير الدفاع شويغو
            return
        if j in stops:
            return
        found = lexicon.prep(tok.norm)
        if found is not None and found[1]:
            return  # معه، عليها: the preposition has its own object, a pronoun
        prep = found[0] if found else None
        if prep is not None:
            if prep.stem == "من" and j > 0 and lexicon.cue("delegate", tokens[j - 1].norm):
                skip = j - 1  # وفد من حركة فتح: the delegation stands for the party
                continue
            actor.marker = prep.stem
            actor.locative = prep.value == "loc" or venue
            actor.venue = venue
            return
        venue = venue or lexicon.cue("venue", tok.norm) is not None
        particle = particle_of(doc, tok) if actor.first - j <= PARTICLE_WINDOW else ""
        if particle:
            actor.marker = particle
            place_word = lexicon.cue("placenoun", tok.norm) is not None
            actor.locative = (particle == "ب" and place_word) or venue
            actor.venue = venue
            return
        coord = coord or has_conjunction(doc, tok)


def resolve_coordination(actors: list[Actor]) -> None:
    """Give a coordinated actor the marker of the actor it is joined to."""
    for actor in actors:
        seen = 0
        head = actor
        while head.marker == "coord" and head.coord_with >= 0 and seen < len(actors):
            head = actors[head.coord_with]
            seen += 1
        if head is not actor:
            actor.marker = head.marker if head.marker != "coord" else ""
            actor.locative = head.locative
            actor.conjunct = True
