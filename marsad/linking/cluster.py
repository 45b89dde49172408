"""Group a document's mentions into entities (within-document coreference by name).

People: full names are grouped when one is the other with words added in the middle
(خليفة حفتر ~ خليفة أبوالقاسم حفتر: same first and last word). A longer name with another
first word is someone else (خالد خليفة حفتر is not خليفة حفتر). A bare surname goes to
the most salient holder of that surname (most mentions, then the nearest before it); a
descriptor (الرئيس الروسي) to the one person who carries that title.

Other types: mentions with the same key are one entity; the key is a known organisation's
alias group (سبوتنيك, وكالة سبوتنيك), a place's GeoNames id (روسيا, روسيا الاتحادية), or
the normalised name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Document, Mention, Span, Token
from ..lexicons.matcher import phrase_key, token_form
from ..lexicons.tables import Lexicons, load_lexicons
from ..text.normalize import strip_diacritics
from .geo import KINGDOM, home_kingdom, lookup_place

_QUOTES = '"«»“”„'


@dataclass
class MentionInfo:
    mention: Mention
    name: str  # as written, particles removed, article restored, quotes dropped
    key: str  # matching form
    titles: list[str]
    title_keys: list[str]
    descriptor: bool


@dataclass
class Cluster:
    type: str
    members: list[MentionInfo] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # PER: the fullest name's words
    group: str = ""

    @property
    def first(self) -> int:
        return min(m.mention.start for m in self.members)

    def add(self, info: MentionInfo) -> None:
        self.members.append(info)
        words = info.key.split()
        if self.type == "PER" and not info.descriptor and len(words) > len(self.words):
            self.words = words


def mention_name(doc: Document, mention: Mention | Span, tokens: Sequence[Token] = ()) -> str:
    """The written name of a mention: no particles, ال back on لل-forms, no quotes."""
    text = doc.text[mention.start:mention.end]
    for tok in tokens:
        if tok.base_start == mention.start and tok.base_start > tok.start \
                and token_form(doc.text, tok).startswith("ال") \
                and not doc.text[tok.base_start:tok.end].startswith("ال"):
            text = "ال" + text
            break
    text = strip_diacritics(text)
    for q in _QUOTES:
        text = text.replace(q, " ")
    return " ".join(text.split())


def describe(doc: Document, mentions: Sequence[Mention]) -> list[MentionInfo]:
    by_start: dict[int, Token] = {tok.base_start: tok for tok in doc.tokens}
    infos = []
    for m in mentions:
        tok = by_start.get(m.start)
        name = mention_name(doc, m, [tok] if tok else ())
        titles = [mention_name(doc, t, [by_start[t.start]] if t.start in by_start else ())
                  for t in m.titles]
        descriptor = bool(m.titles) and m.titles[0].start == m.start and m.titles[0].end == m.end
        infos.append(MentionInfo(m, name, _key(name), titles, [_key(t) for t in titles],
                                 descriptor))
    return infos


_KEYS: dict[str, str] = {}


def _key(name: str) -> str:
    """``phrase_key`` with a bounded cache: the same names recur in every article."""
    key = _KEYS.get(name)
    if key is None:
        if len(_KEYS) > 100_000:
            _KEYS.clear()
        key = _KEYS[name] = phrase_key(name)
    return key


def _words_key(words: Sequence[str]) -> list[str]:
    """Compare name words without the article and with أبو joined: أبو القاسم ~ أبوالقاسم."""
    out: list[str] = []
    for w in words:
        if out and out[-1] in ("ابو", "عبد", "بن"):
            out[-1] = out[-1] + w
        else:
            out.append(w)
    return [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in out]


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names of one person: same first and last word, one inside the other."""
    a, b = _words_key(a), _words_key(b)
    if len(a) < 2 or len(b) < 2:
        return False
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    it = iter(long_)
    return all(w in it for w in short)


def cluster_people(infos: list[MentionInfo], lex: Lexicons) -> list[Cluster]:
    people: list[Cluster] = []
    full = [m for m in infos if not m.descriptor and len(m.key.split()) >= 2]
    bare = [m for m in infos if not m.descriptor and len(m.key.split()) == 1]
    descriptors = [m for m in infos if m.descriptor]
    for info in sorted(full, key=lambda m: m.mention.start):
        words = info.key.split()
        known = lex.persons.get(info.key)
        target = None
        for c in people:
            if same_person(words, c.words) or (known and any(
                    lex.persons.get(m.key) == known for m in c.members)):
                target = c
                break
        if target is None:
            target = Cluster("PER")
            people.append(target)
        target.add(info)
    for info in sorted(bare, key=lambda m: m.mention.start):
        word = _words_key([info.key])[0]
        holders = [c for c in people if c.words and _words_key(c.words)[-1] == word]
        if not holders:
            holders = [c for c in people if c.words and _words_key(c.words)[0] == word
                       and len(c.words) >= 2 and _is_foreign_first_only(c)]
        if holders:
            best = max(holders, key=lambda c: (_salience(c), -c.first))
            best.add(info)
            continue
        same = [c for c in people if not c.words and c.members[0].key == info.key]
        if same:
            same[0].add(info)
        else:
            c = Cluster("PER")
            c.add(info)
            c.words = info.key.split() if not c.words else c.words
            people.append(c)
    for info in descriptors:
        key = info.title_keys[0] if info.title_keys else info.key
        holders = [c for c in people if any(key in m.title_keys for m in c.members if not m.descriptor)]
        if holders:
            best = max(holders, key=lambda c: (_last_before(c, info.mention.start), _salience(c)))
            best.add(info)
    return people


def _is_foreign_first_only(c: Cluster) -> bool:
    return False  # reserved: a first name alone (فلاديمير) is not linked


def _salience(c: Cluster) -> int:
    return sum(1 for m in c.members if len(m.key.split()) >= 2) * 2 + len(c.members)


def _last_before(c: Cluster, pos: int) -> int:
    before = [m.mention.start for m in c.members if m.mention.start < pos]
    return max(before) if before else -1


def group_key(info: MentionInfo, lex: Lexicons, strong_groups: set[str],
              countries: Sequence[str]) -> str:
    known = lex.known_orgs.get(info.key)
    if known is not None and (known.strong or known.key in strong_groups
                              or (known.cue and info.mention.type == "ORG")):
        return "org:" + known.key
    if info.mention.type in ("GPE", "LOC", "FAC"):
        place = lookup_place(info.key, countries, lexicons=lex)
        if place is None and info.key == KINGDOM:  # the kingdom the article is about
            place = home_kingdom(countries, lexicons=lex)
        if place is not None and place.geonameid:
            return "geo:" + place.geonameid
        if place is not None:
            return "place:" + place.name_en
    return "name:" + info.key


def cluster_others(infos: list[MentionInfo], lex: Lexicons,
                   countries: Sequence[str]) -> list[Cluster]:
    strong = {lex.known_orgs[m.key].key for m in infos
              if m.key in lex.known_orgs and lex.known_orgs[m.key].strong}
    clusters: dict[str, Cluster] = {}
    for info in sorted(infos, key=lambda m: m.mention.start):
        family = "PLACE" if info.mention.type in ("GPE", "LOC") else info.mention.type
        key = family + "|" + group_key(info, lex, strong, countries)
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = Cluster(info.mention.type, group=key)
        c.add(info)
    for c in clusters.values():
        c.type = Counter(m.mention.type for m in c.members).most_common(1)[0][0]
    return list(clusters.values())


def cluster_mentions(doc: Document, *, lexicons: Lexicons | None = None,
                     countries: Sequence[str] = ()) -> list[Cluster]:
    """Every entity of the document as a cluster of mention infos, in text order."""
    lex = lexicons or load_lexicons()
    infos = describe(doc, doc.mentions)
    people = cluster_people([m for m in infos if m.mention.type == "PER"], lex)
    others = cluster_others([m for m in infos if m.mention.type != "PER"], lex, countries)
    clusters = [c for c in people + others if c.members]
    return sorted(clusters, key=lambda c: c.first)
