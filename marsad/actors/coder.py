"""Coding actors: a country (ISO 3166-1 alpha-3) and a sector (CAMEO/PLOVER agent code).

An entity is coded from, in order:

1. a named actor table (``actors.tsv``: الأمم المتحدة IGO, حماس PSE REB, بوتين RUS GOV);
2. a place's own country (its GeoNames entry): places get a country and no sector;
3. the words of its name and titles, and for a person the words that describe it before
   and after its name (الطبيب السعودي فلان، فلان، إمام وخطيب المسجد): the sector from
   ``sectors.tsv`` (``read_phrase``), the country from a nationality adjective (وزير
   الخارجية الروسي -> RUS) or a place named in them (أمير منطقة الرياض -> SAU; شرطة دبي
   -> ARE); a person with no office or trade written is a civilian (CVL);
4. for an actor of a state or its society with no country written (الجيش، وزارة الداخلية،
   السكان), the country the text is about (``DocContext.home``): the one country of the
   places named in its sentence, else the article's leading country.

An event actor (``code_actor``) takes its entity's code, then what the words around it add:
a title before it, adjectives and complements after it (مسلحون مجهولون، قوات الأمن
العراقية، سكان غزة). A nominal actor (no entity) is coded from those words alone.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..document import Document, Entity, Span, Token
from ..lexicons.matcher import phrase_key, token_forms
from ..lexicons.tables import Lexicons, load_lexicons
from ..linking.geo import lookup_place
from ..text import tokenize
from .tables import HOME_SECTORS, MAX_WORDS, ActorTables, load_tables

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
LEFT_WINDOW = 6  # title words before an actor: نائب وزير الخارجية الروسي
RIGHT_WINDOW = 4  # adjectives and complements after it: قوات الأمن العراقية الخاصة
DESCRIPTOR_WINDOW = 7  # words read back from a person's name: مدير عام الشؤون الصحية بمنطقة تبوك
# Place kinds whose name inside an organisation's name gives its country (شرطة دبي).
PLACE_KINDS = frozenset({"country", "city", "admin"})
# A country leads an article when it has this share of the article's place mentions.
HOME_SHARE = 0.5
# A person the text gives no office or trade is a civilian (CAMEO codes private persons,
# athletes and witnesses CVL).
PERSON_SECTOR = "CVL"
# Where an actor's home country comes from, first found first (see ``DocContext.home``).
HOME_ORDER = ("publication", "sentence", "article")


@dataclass(frozen=True, slots=True)
class Code:
    country: str | None = None
    sector: str | None = None

    def fill(self, other: Code) -> Code:
        """This code, with what it lacks taken from ``other``."""
        return Code(self.country or other.country, self.sector or other.sector)


@dataclass(frozen=True, slots=True)
class PhraseCode:
    """What the words of a phrase say: the sector word that decides and the country."""

    sector: str | None = None
    rank: int = 0
    country: str | None = None  # from a nationality adjective in the phrase
    implied: str | None = None  # the country a sector word implies (الاحتلال -> ISR)


class ActorCoder:
    """Codes the entities and event actors of documents; the tables load once."""

    def __init__(self, tables: ActorTables | None = None, lexicons: Lexicons | None = None,
                 *, home_fallback: bool = True,
                 home_order: Sequence[str] = HOME_ORDER, home_unknown: bool = True) -> None:
        self.tables = tables or load_tables()
        self.lex = lexicons or load_lexicons()
        self.home_fallback = home_fallback
        self.home_order = tuple(home_order)
        self.home_unknown = home_unknown

    # ------------------------------------------------------------------ phrases
    def read_phrase(self, keys: Sequence[str]) -> PhraseCode:
        """The code the words say; ``keys`` are matching forms, one per word, in order."""
        best: tuple[int, bool, int] | None = None  # (rank, not civilian, -position)
        sector = implied = country = None
        i = 0
        while i < len(keys):
            found = None
            for n in range(min(MAX_WORDS, len(keys) - i), 0, -1):
                entry = self.tables.sector_word(" ".join(keys[i:i + n]))
                if entry is not None:
                    found = (entry, n)
                    break
            if found is None:
                if country is None:
                    country = self.tables.nationality(keys[i])
                i += 1
                continue
            entry, n = found
            # on equal ranks a group word beats a civilian one: متظاهرون معارضون is OPP
            key = (entry.rank, entry.sector != "CVL", -i)
            if best is None or key > best:
                best, sector = key, entry.sector
            implied = implied or entry.country
            i += n
        return PhraseCode(sector, best[0] if best else 0, country, implied)

    def place_country(self, key: str, countries: Sequence[str] = ()) -> str | None:
        """The country of a place name (a matching form), when the gazetteer knows it."""
        place = lookup_place(key, countries, lexicons=self.lex)
        if place is None or place.kind not in PLACE_KINDS:
            return None
        return self.tables.country_code(place.country)

    # ------------------------------------------------------------------ entities
    def code_entity(self, doc: Document, ent: Entity, *, context: DocContext | None = None) -> Code:
        """The entity's code, before anything the text around one of its mentions adds."""
        ctx = context or DocContext(doc, self)
        given = Code(ent.country, ent.sector)
        keys = _entity_keys(doc, ent)
        known = self.tables.known_actor(ent, keys)
        if known is not None:
            return given.fill(Code(known.country, known.sector))
        if ent.type in PLACE_TYPES:
            geo = ent.attrs.get("geo") or {}
            country = self.tables.country_code(geo.get("country"))
            if country is None:
                country = next((c for k in keys if (c := self.place_country(k)) is not None),
                               None)
            return given.fill(Code(country, None))
        code = Code()
        phrases = [phrase_key(p).split() for p in [*ent.titles, ent.name]]
        if ent.type == "PER":
            phrases += [ctx.descriptor(m.start) for m in ent.mentions]
            phrases += [ctx.apposition(m.end) for m in ent.mentions]
        for words in phrases:
            read = self.read_phrase(words)
            country = read.country or self._named_place(words[1:]) or read.implied
            code = code.fill(Code(country, read.sector))
        if ent.type == "PER" and code.sector is None and given.sector is None:
            code = code.fill(Code(None, PERSON_SECTOR))
        if self._homely(code) and code.country is None and self.home_fallback:
            first = ent.mentions[0] if ent.mentions else None
            code = code.fill(Code(ctx.home(first.start if first else 0), None))
        return given.fill(code)

    def _named_place(self, words: Sequence[str]) -> str | None:
        """A place named by some of ``words`` (the longest first): شرطة [دبي]."""
        for n in range(min(3, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i:i + n])
                if self.tables.sector_word(key) is not None or self.tables.nationality(key):
                    continue
                country = self.place_country(key)
                if country is not None:
                    return country
        return None

    def code_entities(self, doc: Document) -> Document:
        """The document with every entity coded (codes it already has are kept)."""
        ctx = DocContext(doc, self)
        entities = []
        for ent in doc.entities:
            code = self.code_entity(doc, ent, context=ctx)
            entities.append(replace(ent, country=code.country, sector=code.sector))
        return doc.with_layers(entities=tuple(entities))

    # ------------------------------------------------------------------ event actors
    def code_actor(self, doc: Document, start: int, end: int, entity_id: str | None = None,
                   *, context: DocContext | None = None) -> Code:
        """The code of the actor written at ``start:end``, named (``entity_id``) or not."""
        ctx = context or DocContext(doc, self)
        ent = doc.entity(entity_id) if entity_id else None
        base = Code()
        if ent is not None:
            base = Code(ent.country, ent.sector)
            if ent.type in PLACE_TYPES:
                return base  # a state standing for its government: a country, no sector
        first, last = ctx.token_range(start, end)
        own = set(ctx.overlapping(*_mention_bounds(ent, start, end))) if ent else set()
        head = min(own) if own else first
        left = ctx.left_words(head, nominal=ent is None)
        right = [] if ent is not None and ent.type == "PER" else ctx.right_words(last)
        inside = [ctx.keys[i] for i in range(head, last + 1) if i not in own]
        read = self.read_phrase([*left, *inside, *right])
        places = ctx.places_near(head, last, include_right=ent is None or ent.type != "PER")
        country = read.country or (places[0] if places else None) or read.implied
        sector = read.sector
        if sector is None and ent is None and read.country:
            # a nationality standing alone for people (لبناني، عراقيا): civilians; a
            # feminine one stands for a noun left out (إسرائيلية: a plane, a force)
            words = [k for k in inside if self.tables.nationality(k)]
            if words and not words[0].endswith("ه"):
                sector = "CVL"
        code = base.fill(Code(country, sector))
        if self._homely(code) and code.country is None and self.home_fallback:
            code = code.fill(Code(ctx.home(start), None))
        return code

    def _homely(self, code: Code) -> bool:
        """Whether an actor with this code and no country written belongs to the home
        country: one of ``HOME_SECTORS``, or (``home_unknown``) of no known sector."""
        if code.sector is None:
            return self.home_unknown
        return code.sector in HOME_SECTORS


def _mention_bounds(ent: Entity, start: int, end: int) -> tuple[int, int]:
    """The entity's mention inside ``start:end`` (the actor's span may hold its title)."""
    for m in ent.mentions:
        if m.start < end and start < m.end:
            return max(m.start, start), min(m.end, end)
    return start, end


def _entity_keys(doc: Document, ent: Entity) -> list[str]:
    """The entity's names as matching forms: its name, then each mention's surface."""
    keys = [phrase_key(ent.name)]
    for m in ent.mentions:
        key = phrase_key(doc.text[m.start:m.end])
        if key not in keys:
            keys.append(key)
    return keys


class DocContext:
    """Per-document indexes the coder reads: tokens, their matching forms, mentions."""

    def __init__(self, doc: Document, coder: ActorCoder) -> None:
        self.doc = doc
        self.coder = coder
        self.tokens: Sequence[Token] = doc.tokens or tokenize(doc.text)
        self.starts = [t.start for t in self.tokens]
        self.keys = [self._key(tok, form) for tok, form in
                     zip(self.tokens, token_forms(doc.text, self.tokens), strict=True)]
        self.mention_at: dict[int, Entity] = {}
        for ent in doc.entities:
            for m in ent.mentions:
                for i in self.overlapping(m.start, m.end):
                    self.mention_at.setdefault(i, ent)
        self._home: dict[int, str | None] = {}
        self._article: tuple[str | None] | None = None

    def _key(self, tok: Token, form: str) -> str:
        """A token's matching form, or the whole word when only that is a table word (the
        tokenizer may read باكستانيين as ب + اكستانيين)."""
        tables = self.coder.tables
        if tok.norm != form and tables.sector_word(form) is None \
                and tables.nationality(form) is None and (
                    tables.sector_word(tok.norm) is not None
                    or tables.nationality(tok.norm) is not None):
            return tok.norm
        return form

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap ``start:end``."""
        lo = bisect.bisect_right(self.starts, start) - 1
        if lo < 0 or self.tokens[lo].end <= start:
            lo += 1
        hi = bisect.bisect_left(self.starts, end)
        return range(max(lo, 0), hi)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        idx = self.overlapping(start, end)
        if not idx:
            at = min(bisect.bisect_left(self.starts, start), len(self.tokens) - 1)
            return at, at - 1
        return idx[0], idx[-1]

    def _known_word(self, i: int) -> bool:
        key = self.keys[i]
        tables = self.coder.tables
        return (tables.sector_word(key) is not None or tables.nationality(key) is not None
                or key in self.coder.lex.titles)

    def _is_word(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].kind == "word"

    def _rank3(self, i: int) -> str | None:
        """The sector of token ``i`` when it is a noun of a person or group (rank 3)."""
        entry = self.coder.tables.sector_word(self.keys[i])
        return entry.sector if entry is not None and entry.rank == 3 else None

    def left_words(self, first: int, *, nominal: bool = False) -> list[str]:
        """Title and sector words right before token ``first`` (وزير الخارجية الروسي;
        قائد before شرطة). Before a nominal actor, a noun of a person or group is another
        actor, not a title (اختطف مجهولون مصورا)."""
        out: list[str] = []
        i = first - 1
        own = self.mention_at.get(first)
        while i >= 0 and first - i <= LEFT_WINDOW and self._is_word(i):
            ent = self.mention_at.get(i)
            if ent is not None and ent is not own and ent.type not in PLACE_TYPES:
                break
            if ent is None and not self._known_word(i):
                break
            if nominal and ent is None and self._rank3(i):
                break
            out.insert(0, self.keys[i])
            if self._conjunction(i):
                break  # و starts this actor's phrase: what is before belongs to another
            i -= 1
        return out

    def descriptor(self, start: int) -> list[str]:
        """The words that describe a person named at ``start``, read back to the nearest
        punctuation, function word or other name (الطبيب السعودي، مدير شرطة المنطقة):
        the title the entity stage did not know as one."""
        first, _ = self.token_range(start, start + 1)
        own = self.mention_at.get(first)
        out: list[str] = []
        stop = self.coder.lex.stopwords
        for i in range(first - 1, max(-1, first - 1 - DESCRIPTOR_WINDOW), -1):
            if not self._is_word(i):
                break
            ent = self.mention_at.get(i)
            if ent is not None and ent is not own and ent.type not in PLACE_TYPES:
                break
            if self.keys[i] in stop or self.tokens[i].norm in stop:
                break
            out.insert(0, self.keys[i])
            if self._conjunction(i):
                break
        return out

    def apposition(self, end: int) -> list[str]:
        """The description written after a person's name (عبدالرحمن السديس، إمام وخطيب
        المسجد الحرام): read only when its first word is a sector word."""
        _, last = self.token_range(end - 1, end)
        own = self.mention_at.get(last)
        i = last + 1
        if i < len(self.tokens) and self.tokens[i].norm in ("،", ","):
            i += 1
        if i >= len(self.tokens) or not self._is_word(i) \
                or self.coder.tables.sector_word(self.keys[i]) is None:
            return []
        out: list[str] = []
        stop = self.coder.lex.stopwords
        while i < len(self.tokens) and len(out) < DESCRIPTOR_WINDOW and self._is_word(i):
            ent = self.mention_at.get(i)
            if ent is not None and ent is not own and ent.type not in PLACE_TYPES:
                break
            if self.keys[i] in stop or self.tokens[i].norm in stop:
                break
            out.append(self.keys[i])
            i += 1
        return out

    def right_words(self, last: int) -> list[str]:
        """Adjectives and complements right after token ``last`` (قوات الأمن العراقية)."""
        out: list[str] = []
        own = self.mention_at.get(last)
        nouns = {self._rank3(last)} - {None}
        i = last + 1
        while i < len(self.tokens) and i - last <= RIGHT_WINDOW and self._is_word(i):
            ent = self.mention_at.get(i)
            if ent is not None and ent is not own and ent.type not in PLACE_TYPES:
                break
            if self._conjunction(i) or (ent is None and not self._known_word(i)):
                break
            noun = self._rank3(i) if ent is None else None
            if noun is not None and noun not in nouns:
                break  # another noun of a person or group: the object (هاجم مسلحون جنودا)
            out.append(self.keys[i])
            i += 1
        return out

    def _conjunction(self, i: int) -> bool:
        tok = self.tokens[i]
        return self.doc.text[tok.start:tok.base_start].startswith(("و", "ف"))

    def places_near(self, first: int, last: int, *, include_right: bool) -> list[str]:
        """Countries of places named in the actor's own phrase: a place right after it
        (سكان غزة) or inside its title (أمير منطقة الرياض)."""
        out: list[str] = []
        spans = list(range(max(0, first - LEFT_WINDOW), first))
        if include_right:
            spans += list(range(last + 1, min(len(self.tokens), last + 3)))
        for i in spans:
            ent = self.mention_at.get(i)
            if ent is None or ent.type not in PLACE_TYPES:
                continue
            if i < first and not all(self._known_word(j) or j in self.mention_at
                                     for j in range(i + 1, first)):
                continue
            if i > last and not all(j in self.mention_at and self.mention_at[j] is ent
                                    for j in range(last + 1, i + 1)):
                continue
            code = self.coder.code_entity(self.doc, ent, context=self).country
            if code and code not in out:
                out.append(code)
        return out

    def home(self, pos: int) -> str | None:
        """The country the text is about at ``pos``, from the first of ``HOME_ORDER`` that
        gives one: the one country of the places its sentence names, the country the
        article is published from (``outlets.tsv``), the article's leading country."""
        sentence = self.doc.sentence_of(pos)
        key = sentence.start if sentence else -1
        if key not in self._home:
            found: str | None = None
            for source in self.coder.home_order:
                if source == "sentence" and sentence is not None:
                    countries = self._countries_in(sentence)
                    found = countries[0] if len(countries) == 1 else None
                elif source == "publication":
                    found = self.coder.tables.outlet_country(self.doc.url, self.doc.source)
                elif source == "article":
                    found = self.article_country()
                if found:
                    break
            self._home[key] = found
        return self._home[key]

    def _countries_in(self, span: Span) -> list[str]:
        out: list[str] = []
        for ent in self.doc.entities:
            if ent.type not in PLACE_TYPES:
                continue
            if any(span.start <= m.start < span.end for m in ent.mentions):
                code = self.coder.code_entity(self.doc, ent, context=self).country
                if code and code not in out:
                    out.append(code)
        return out

    def article_country(self) -> str | None:
        if self._article is None:
            counts: Counter[str] = Counter()
            for ent in self.doc.entities:
                if ent.type in PLACE_TYPES:
                    code = self.coder.code_entity(self.doc, ent, context=self).country
                    if code:
                        counts[code] += len(ent.mentions)
            top = counts.most_common(1)
            total = sum(counts.values())
            leader = top[0][0] if top and top[0][1] >= HOME_SHARE * total else None
            self._article = (leader,)
        return self._article[0]
