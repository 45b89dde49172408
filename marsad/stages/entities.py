"""The ``entities`` stage: mentions of people, organisations, places and peoples.

Mentions come from four sources, merged by priority then length (a longer, more trusted
span wins an overlap):

1. *rules*: a title phrase before a name (``الرئيس الروسي فلاديمير بوتين`` -> PER
   ``فلاديمير بوتين`` with the title attached), organisation and facility names built
   from a head word (``وزارة``, ``مجلس``, ``مسجد``...) and what follows it, names quoted
   after a news-agency word (``وكالة "سبوتنيك"``), military units (``الكتيبة 166 مشاة``),
   regions (``الشرق الليبي``) and peoples (``الروس``);
2. *gazetteer*: known people, organisations, countries, cities and regions, matched with
   one Aho-Corasick pass over the tokens' matching forms;
3. *model*: the statistical NER tagger of ``marsad.ner`` when it loads (its LOC spans are
   typed GPE, LOC or FAC by the gazetteer and head words, its MISC nationalities NORP);
4. *propagation*: later bare mentions of a name found above (``بيسكوف`` after
   ``دميتري بيسكوف``) and descriptors equal to a person's title (``الرئيس الروسي``).

A mention never includes its clitic particles: it starts at the first token's
``base_start`` (``وروسيا`` -> ``روسيا``). No I/O happens per document; the lexicons and
the tagger load once, in the factory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, Mention, Span, Token
from ..errors import ModelError
from ..lexicons.matcher import PhraseMatcher, token_forms
from ..lexicons.tables import Lexicons, load_lexicons
from ..linking.geo import DIRECTIONS, choose_place
from ..pipeline import register_stage
from ..text.lexicon import word_count

# Priorities: the higher wins an overlap, then the longer span.
P_TITLED_PERSON = 6.5
P_KNOWN_PERSON = 6.0
P_KNOWN_ORG = 5.2
P_RULE_ORG = 5.0
P_REGION = 4.2
P_PLACE = 4.0
P_MODEL = 3.0
P_NAME_PAIR = 2.0
P_NORP = 2.0
P_AMBIGUOUS_PLACE = 1.9
P_WEAK_ORG = 1.8
P_PROPAGATED = 1.5
P_DESCRIPTOR = 1.0

QUOTES = {'"', "«", "»", "“", "”", "„"}
# Heads whose quoted complement is the organisation's own name: وكالة "سبوتنيك" -> سبوتنيك.
OUTLET_HEADS = {"وكاله", "صحيفه", "قناه", "موقع", "شبكه", "اذاعه", "مجله", "جريده", "تلفزيون"}
# Verbs and prepositions after which a quoted name is a news outlet (اطلعت "العين الإخبارية").
OUTLET_CUES = {"اطلعت", "نقلت", "ذكرت", "قالت", "افادت", "اوردت", "نشرت", "لصحيفه", "لوكاله",
               "حسب", "بحسب", "وفق", "وفقا", "اطلع", "نقل", "ذكر", "افاد", "اورد", "نشر", "لموقع",
               "لقناه", "لشبكه"}
# A one-word town smaller than this is a place only after a locative cue (ديناصور is a
# town in Somalia, and a dinosaur).
SMALL_TOWN = 100_000
# Words after which a one-word town name is read as a place.
LOCATIVE_CUES = {"في", "الي", "من", "مدينه", "بلده", "قريه", "عاصمه", "العاصمه", "ولايه",
                 "محافظه", "منطقه", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "داخل",
                 "حي", "بلدة", "مخيم", "بمدينه", "ضواحي", "اقليم", "مقاطعه", "نحو", "عبر"}
# Words that head a geographic feature: a LOC, not a GPE.
LOC_HEADS = {"جبل", "جبال", "نهر", "بحر", "صحراء", "وادي", "خليج", "مضيق", "جزيره",
             "سهل", "هضبه", "بحيره", "واحه", "شبه", "سلسله", "ساحل", "الجبل", "النهر", "البحر",
             "الصحراء", "الوادي", "الخليج", "المضيق", "الجزيره", "البحيره", "الواحه"}
# Military unit heads that take a number: الكتيبة 166 مشاة, اللواء 444.
UNIT_HEADS = {"الكتيبه", "كتيبه", "اللواء", "لواء", "الفرقه", "فرقه", "الفوج", "فوج", "السريه"}
# Words inside a name that join its parts.
NAME_LINKS = {"بن", "بنت", "ابن", "ابو", "ابي", "عبد", "ولد", "ال", "ذو", "دي", "دا", "فان",
              "فون", "دو", "لو", "لا", "بك", "بيك"}
# Regnal numbers that end a monarch's name.
REGNAL = {"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"}
MAX_NAME_WORDS = 5
MAX_COMPLEMENT = 8
_VERB_SHAPES = (
    re.compile(r"^است\w{3,}$"),  # استفعل
    re.compile(r"^ا\wت\w\w$"),  # افتعل: اجتمع
    re.compile(r"^ان\w{3}$"),  # انفعل: انسحب
    re.compile(r"^[يتن]\w{3,4}$"),  # present tense: يبحث, تعلن
    re.compile(r"^[يتن]ست\w{3}$"),  # يستفعل: يستقبل, تستضيف
    re.compile(r"^[يتن]ت\w{3}$"),  # يتفعل, يتفاعل: يتابع, تتظاهر
    re.compile(r"^\w{3,4}(وا|ت)$"),  # past plural and feminine: قالوا, أعلنت
)


@dataclass
class Candidate:
    first: int  # token index
    end: int  # token index, exclusive
    type: str
    priority: float
    source: str
    titles: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    start_char: int | None = None  # explicit character bounds (quoted names)
    end_char: int | None = None
    descriptor: bool = False

    @property
    def length(self) -> int:
        return self.end - self.first


@register_stage("entities", requires=("sentences", "tokens"), assigns=("mentions",))
def make_entities_stage(*, use_tagger: bool = True, tagger: Any = None,
                        ner_model: str | None = None) -> EntitiesStage:
    """Build the stage; the NER tagger is used when it loads (gazetteer and rules always).

    ``ner_model``, a local Hugging Face token-classification model directory, replaces the
    shipped CRF; unlike the CRF, it must load (``ModelError`` otherwise).
    """
    if tagger is None and use_tagger and ner_model:
        from ..ner import load_hf_tagger

        tagger = load_hf_tagger(ner_model)
    elif tagger is None and use_tagger:
        tagger = _load_tagger()
    return EntitiesStage(load_lexicons(), tagger=tagger)


def _load_tagger() -> Any:
    try:
        from ..ner import load_tagger
    except ImportError:
        return None
    try:
        return load_tagger()
    except (ModelError, OSError, ValueError):
        return None


class EntitiesStage:
    name = "entities"

    def __init__(self, lexicons: Lexicons, *, tagger: Any = None) -> None:
        self.lex = lexicons
        self.tagger = tagger
        phrases: list[tuple[str, tuple[str, str]]] = []
        for kind, table in (("title", lexicons.titles), ("part", lexicons.org_parts),
                            ("org", lexicons.known_orgs), ("person", lexicons.persons),
                            ("place", lexicons.places)):
            phrases += [(key, (kind, key)) for key in table]
        # a well-known person's surname on its own (بوتين, لبوتين)
        for key, person in lexicons.persons.items():
            words = key.split()
            surnames = person.surnames or ((words[-1],) if len(words) >= 2 else ())
            phrases += [(s, ("surname", s)) for s in surnames if _can_stand_alone(s, lexicons)]
        self.matcher: PhraseMatcher[tuple[str, str]] = PhraseMatcher(phrases, keyed=True)
        self.person_words = {w for key in lexicons.persons for w in key.split()}

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(mentions=tuple(self.find_mentions(doc)))

    def find_mentions(self, doc: Document) -> list[Mention]:
        finder = _DocFinder(self, doc)
        return finder.run()


class _DocFinder:
    """The mention search over one document (state shared by the rules)."""

    def __init__(self, stage: EntitiesStage, doc: Document) -> None:
        self.stage = stage
        self.lex = stage.lex
        self.doc = doc
        self.text = doc.text
        self.tokens: Sequence[Token] = doc.tokens
        self.forms = token_forms(doc.text, doc.tokens)
        self.n = len(self.tokens)
        self.matches: dict[int, list[tuple[int, str, str]]] = {}
        for first, end, payloads in stage.matcher.find(self.forms):
            for kind, key in payloads:
                self.matches.setdefault(first, []).append((end, kind, key))
        self.sent_end = self._sentence_ends()
        self.cands: list[Candidate] = []
        self.spans_at: dict[int, Candidate] = {}  # org/place spans by first token

    # ----------------------------------------------------------------- token facts
    def _sentence_ends(self) -> list[int]:
        ends = [self.n] * self.n
        sents = list(self.doc.sentences)
        si = 0
        for i, tok in enumerate(self.tokens):
            while si < len(sents) and sents[si].end <= tok.start:
                si += 1
            if si < len(sents):
                ends[i] = sents[si].end
        return ends

    def is_word(self, i: int) -> bool:
        # a token of tatweel or marks alone (ـ) normalises to nothing: not a word
        return 0 <= i < self.n and self.tokens[i].kind == "word" and bool(self.forms[i])

    def is_quote(self, i: int) -> bool:
        return 0 <= i < self.n and self.text[self.tokens[i].start:self.tokens[i].end] in QUOTES

    def is_definite(self, i: int) -> bool:
        form = self.forms[i]
        return self.is_word(i) and form.startswith("ال") and len(form) > 3

    def is_stop(self, i: int) -> bool:
        form = self.forms[i]
        stop = self.lex.stopwords
        if form in stop or self.tokens[i].norm in stop:
            return True
        # a particle the tokenizer left on a short function word: وأن, فإن, بما
        return len(form) <= 4 and form[:1] in "وفبلك" and form[1:] in stop

    def locative_cue(self, i: int) -> bool:
        """A word before ``i`` (or a particle on it) that announces a place name."""
        tok = self.tokens[i]
        if tok.base_start > tok.start and self.text[tok.start:tok.base_start][-1:] == "ب":
            return True
        return i > 0 and self.forms[i - 1] in LOCATIVE_CUES

    def has_pronoun(self, i: int) -> bool:
        """An indefinite noun with an attached pronoun: مكتبه, حكومتها."""
        tok = self.tokens[i]
        if tok.stem_end < tok.end:
            return True
        raw = self.text[tok.base_start:tok.end]
        return len(raw) >= 4 and raw.endswith("ه") and not self.forms[i].startswith("ال")

    def nationality(self, i: int) -> Any:
        return self.lex.nationalities.get(self.forms[i]) if self.is_word(i) else None

    def same_sentence(self, i: int, j: int) -> bool:
        return j < self.n and self.tokens[j].start < self.sent_end[i]

    def match_kinds(self, i: int, kind: str) -> list[tuple[int, str]]:
        return [(end, key) for end, k, key in self.matches.get(i, ()) if k == kind]

    def title_at(self, i: int) -> tuple[int, str] | None:
        found = self.match_kinds(i, "title")
        return max(found) if found else None

    def name_strength(self, i: int) -> int:
        """2: a known name word; 1: an unknown word that may be a name; 0: not a name."""
        if not self.is_word(i) or self.is_stop(i):
            return 0
        form = self.forms[i]
        lex = self.lex
        if form in lex.nationalities or form in lex.titles:
            return 0
        bare = form[2:] if form.startswith("ال") and len(form) > 4 else form
        norm = self.tokens[i].norm
        if form in self.stage.person_words or form in lex.arabic_names \
                or norm in lex.arabic_names or form in lex.name_overrides:
            return 2
        wd = lex.name_tokens.get(form) or lex.name_tokens.get(bare)
        if form in lex.titles or form in lex.nationalities or form in lex.org_parts:
            return 0
        if wd is not None and wd.total >= 2 and not wd.common:
            return 2
        if _verb_shaped(bare):
            return 0
        if wd is not None and not wd.common:
            return 1  # a name word seen once in Wikidata (شويغو)
        if word_count(form) == 0 and word_count(bare) == 0:
            return 1  # a word no list knows: names are most of those in news
        return 0

    # ------------------------------------------------------------------- the run
    def run(self) -> list[Mention]:
        self.add_gazetteer()
        self.add_org_rules()
        self.add_quoted_outlets()
        self.add_regions()
        self.add_titled_persons()
        self.add_model()
        self.add_name_pairs()
        self.add_peoples()
        chosen = self.resolve(self.cands)
        chosen = self.propagate(chosen)
        return [self.to_mention(c) for c in sorted(chosen, key=lambda c: self.char_span(c))]

    def add(self, cand: Candidate) -> None:
        self.cands.append(cand)

    # ---------------------------------------------------------------- gazetteer
    def add_gazetteer(self) -> None:
        for first, items in self.matches.items():
            for end, kind, key in items:
                if kind == "person":
                    self.add(Candidate(first, end, "PER", P_KNOWN_PERSON, "gazetteer"))
                elif kind == "surname":
                    self.add(Candidate(first, end, "PER", P_NAME_PAIR, "gazetteer"))
                elif kind == "org":
                    known = self.lex.known_orgs[key]
                    if not known.strong:
                        continue  # العربية, فتح, القاعدة: ordinary words first; rules and
                        # the tagger may still find them, and linking knows the alias
                    cand = Candidate(first, end, known.type, P_KNOWN_ORG, "gazetteer")
                    self.add(cand)
                    self.spans_at.setdefault(first, cand)
                elif kind == "place":
                    place = choose_place(self.lex.places[key])
                    if place is None or (end == first + 1 and (
                            self.is_stop(first) or self.nationality(first) is not None)):
                        continue
                    etype = place.type
                    if etype == "GPE" and self.forms[first] in LOC_HEADS:
                        etype = "LOC"
                    prio = P_PLACE
                    if end == first + 1 and place.kind == "city" and self.name_strength(first) == 2:
                        prio = P_AMBIGUOUS_PLACE  # سالم: a first name before a town in India
                    if end == first + 1 and place.kind == "city" and not self.locative_cue(first) \
                            and (place.source == "geonames" or place.population < SMALL_TOWN):
                        continue  # a small or GeoNames-only town needs في, إلى, مدينة... before it
                    cand = Candidate(first, end, etype, prio, "gazetteer")
                    self.add(cand)
                    prev = self.spans_at.get(first)
                    if prev is None or prev.end < end:
                        self.spans_at[first] = cand

    # ------------------------------------------------------- organisations, places
    def add_org_rules(self) -> None:
        i = 0
        while i < self.n:
            heads = [(end, key) for end, key in self.match_kinds(i, "part")
                     if self.lex.org_parts[key].role == "head"]
            if not heads:
                i += 1
                continue
            end, key = max(heads)
            part = self.lex.org_parts[key]
            cand = self.org_from_head(i, end, key, part.type or "ORG")
            if cand is not None:
                self.add(cand)
                if cand.start_char is None:
                    self.spans_at[i] = cand
                i = max(i + 1, cand.end if cand.start_char is None else i + 1)
            else:
                i += 1

    def add_quoted_outlets(self) -> None:
        """A quoted name after a reporting verb is a news outlet: اطلعت "العين الإخبارية"."""
        for i in range(self.n - 1):
            if self.forms[i] not in OUTLET_CUES and self.tokens[i].norm not in OUTLET_CUES:
                continue
            if not self.is_quote(i + 1):
                continue
            quoted = self.quoted(i + 1)
            if quoted is None or quoted[1] - quoted[0] > 4:
                continue
            if any(self.tokens[k].kind != "word" for k in range(*quoted)):
                continue
            self.add(Candidate(quoted[0], quoted[1], "ORG", P_RULE_ORG, "rule"))

    def org_from_head(self, i: int, head_end: int, key: str, etype: str) -> Candidate | None:
        form = self.forms[i]
        # a quoted own name after a news-outlet word: وكالة "سبوتنيك" -> سبوتنيك
        if form in OUTLET_HEADS and head_end == i + 1 and self.is_quote(head_end):
            quoted = self.quoted(head_end)
            if quoted is not None:
                return Candidate(quoted[0], quoted[1], "ORG", P_RULE_ORG, "rule")
        # a facility with its name in quotes: مسجد "موسكو الجامع"
        if etype == "FAC" and self.is_quote(head_end):
            quoted = self.quoted(head_end)
            if quoted is not None:
                return Candidate(i, quoted[1] + 1, "FAC", P_RULE_ORG, "rule")
        # a military unit with a number: الكتيبة 166 مشاة
        if form in UNIT_HEADS and head_end < self.n and self.tokens[head_end].kind == "number":
            end = head_end + 1
            units = [e for e, k in self.match_kinds(end, "part") if self.lex.org_parts[k].role == "unit"]
            if units:
                end = max(units)
            return Candidate(i, end, "ORG", P_RULE_ORG, "rule")
        end = self.complement(head_end, org=True, after_definite=self.is_definite(head_end - 1))
        if etype == "FAC" and end == head_end and self.name_strength(head_end) >= 1 \
                and not self.is_definite(head_end) and self.same_sentence(i, head_end):
            end = self.complement(head_end + 1, org=True)  # مطار معيتيقة (الدولي)
            end = max(end, head_end + 1)
        multiword_head = " " in key
        if end == head_end and not multiword_head:
            return None
        if etype == "FAC" and end == head_end:
            return None
        return Candidate(i, end, etype, P_RULE_ORG, "rule")

    def quoted(self, q: int) -> tuple[int, int] | None:
        """Token range inside the quotes opening at ``q`` (at most 6 words)."""
        for j in range(q + 1, min(self.n, q + 8)):
            if self.is_quote(j):
                return (q + 1, j) if j > q + 1 else None
            if self.tokens[j].kind == "punct" and self.forms[j] not in "+-/&.":
                return None
        return None

    def complement(self, j: int, *, org: bool = False, after_definite: bool = False) -> int:
        """End of the phrase completing a title or an organisation head at ``j``.

        After an indefinite word a genitive follows (وزير الدفاع, رئيس أركان الوحدات);
        after a definite one only adjectives do (الجيش الليبي, الوكالة الدولية) or a
        genitive with لل (القائد العام للجيش الليبي). A word carrying و, ف, ب or ل
        (وألمانيا, لحماس) ends the phrase.
        """
        k = j
        consumed = False
        definite = after_definite
        while k < self.n and k - j < MAX_COMPLEMENT and self.same_sentence(j, k):
            if any(kind == "person" for _, kind, _ in self.matches.get(k, ())):
                break
            lil = self.is_lil(k)
            if self.has_particles(k) and not lil:
                break
            nat = self.nationality(k)
            if nat is not None and not nat.plural:
                k += 1
                consumed = True
                # a nationality ends the phrase, unless another follows (العربية الليبية)
                while k < self.n and (n2 := self.nationality(k)) is not None and not n2.plural:
                    k += 1
                break
            span = self.spans_at.get(k)
            if span is not None and span.start_char is None and span.end > k:
                if span.end == k + 1 and self.name_strength(k) == 2 \
                        and self.name_strength(k + 1) > 0:
                    break  # فلاديمير بوتين: a first name, not the city of Vladimir
                if definite and not lil:
                    break  # الوكالة الأمم المتحدة: two names side by side
                k = span.end
                consumed = True
                definite = True
                continue
            if self.is_quote(k) and consumed:
                quoted = self.quoted(k)
                if quoted is None or quoted[1] - quoted[0] > 3:
                    break
                k = quoted[1] + 1
                continue
            if not self.is_word(k) or self.is_stop(k) or self.title_at(k) is not None:
                if org and self.tokens[k].kind == "number" and consumed:
                    k += 1
                    continue
                break
            if lil and self.forms[k] not in self.lex.org_parts:
                break  # للمرة الأولى: not a genitive complement
            if self.is_definite(k):
                if definite and not lil and not self.is_adjective(k):
                    break  # الوكالة الرد: a definite noun cannot take another
                if not org and not consumed and self.name_strength(k) == 2 \
                        and self.forms[k] not in self.lex.org_parts:
                    break  # الرئيس السيسي: a surname, not a portfolio
                k += 1
                consumed = True
                definite = True
                continue
            if definite:
                break
            if self.has_pronoun(k) and not consumed and not org:
                return k + 1  # مدير مكتبه
            nxt = k + 1
            if self.forms[k] in NAME_LINKS:
                break  # عبد الله, أبو بكر: a name begins
            if nxt < self.n and ((self.is_definite(nxt) and not self.is_stop(nxt))
                                 or nxt in self.spans_at) \
                    and not self.has_particles(nxt) \
                    and self.name_strength(k) < 2 and self.same_sentence(j, nxt):
                k += 1  # a construct noun: رئيس أركان الوحدات
                continue
            break
        return k if consumed else j

    def is_lil(self, i: int) -> bool:
        """لل + noun: the article restored in the matching form (للجيش -> الجيش)."""
        tok = self.tokens[i]
        return tok.base_start > tok.start and self.forms[i].startswith("ال") \
            and not self.text.startswith("ال", tok.base_start)

    def has_particles(self, i: int) -> bool:
        tok = self.tokens[i]
        return tok.kind == "word" and tok.base_start > tok.start

    def is_adjective(self, i: int) -> bool:
        """A definite word that can qualify a definite noun: a known modifier or a nisba
        (الدولية, الأمنية, المسلحة is a known modifier)."""
        form = self.forms[i]
        part = self.lex.org_parts.get(form)
        if part is not None and part.role == "mod":
            return True
        bare = form[2:]
        return len(bare) >= 3 and (bare.endswith("ي") or bare.endswith("يه"))

    def add_regions(self) -> None:
        """الشرق الليبي, شرق ليبيا: a direction and a country make a region (LOC)."""
        for i in range(self.n - 1):
            form = self.forms[i]
            if form not in DIRECTIONS:
                continue
            nxt = i + 1
            nat = self.nationality(nxt)
            if form.startswith("ال") and nat is not None and not nat.plural and nat.country:
                self.add(Candidate(i, nxt + 1, "LOC", P_REGION, "rule"))
                continue
            span = self.spans_at.get(nxt)
            if not form.startswith("ال") and span is not None and span.type == "GPE":
                self.add(Candidate(i, span.end, "LOC", P_REGION, "rule"))

    # ------------------------------------------------------------------- persons
    def add_titled_persons(self) -> None:
        i = 0
        while i < self.n:
            chain, pos = self.title_chain(i)
            if not chain:
                i += 1
                continue
            last = self.lex.titles.get(self.title_at(chain[-1][0])[1])  # type: ignore[index]
            after_rank = last is not None and last.kind in ("rank", "honorific") \
                and chain[-1][1] - chain[-1][0] == 1
            name_end = self.name_after(pos, after_rank=after_rank)
            # an apposition: المتحدث باسم الرئاسة الروسية، دميتري بيسكوف،
            if name_end == pos and pos < self.n and self.forms[pos] in ("،", ",") \
                    and chain[-1][1] - chain[-1][0] > 1:
                appositive_end = self.name_after(pos + 1, strong_only=True)
                if appositive_end > pos + 1:
                    pos, name_end = pos + 1, appositive_end
            if name_end > pos:
                self.add(Candidate(pos, name_end, "PER", P_TITLED_PERSON, "rule", titles=chain))
                i = name_end
            else:
                i = pos if pos > i else i + 1

    def title_chain(self, i: int) -> tuple[list[tuple[int, int]], int]:
        chain: list[tuple[int, int]] = []
        pos = i
        while pos < self.n:
            phrase_end = self.title_phrase(pos)
            if phrase_end is None:
                break
            chain.append((pos, phrase_end))
            pos = phrase_end
        return chain, pos

    def title_phrase(self, i: int) -> int | None:
        found = self.title_at(i)
        if found is None:
            return None
        end, key = found
        title = self.lex.titles[key]
        if title.kind == "prefix":  # نائب وزير الدفاع: the deputy of the next title
            inner = self.title_phrase(end)
            if inner is not None:
                return inner
        if title.kind == "rank" and end < self.n and self.tokens[end].kind == "number":
            return None  # اللواء 444: a brigade, not a rank
        if title.complement == "no":
            return end
        comp = self.complement(end, after_definite=self.is_definite(end - 1))
        if comp == end and title.complement == "req":
            return None
        return comp

    def name_after(self, pos: int, *, strong_only: bool = False, after_rank: bool = False) -> int:
        """End of the person name starting at ``pos`` (``pos`` when there is none).

        ``after_rank``: the word follows a rank or honorific (العقيد باسم البوعيشي), so a
        common word that is also a name (باسم "in the name of") starts a name when a
        name-like word follows it.
        """
        if pos >= self.n or not self.is_word(pos):
            return pos
        if any(k == "person" for _, k, _ in self.matches.get(pos, ())):
            return max(e for e, k, _ in self.matches[pos] if k == "person")
        strength = self.name_strength(pos)
        if self.forms[pos] in ("عبد", "ابو", "بن") and pos + 1 < self.n and self.is_word(pos + 1) \
                and not self.is_stop(pos + 1):
            strength = 2  # عبد الله, عبد الرحمن: a compound name, whatever its second word
        if strength == 0 and after_rank and not self.is_stop(pos) and not self.is_definite(pos) \
                and self.title_at(pos) is None and self.nationality(pos) is None \
                and self.name_strength(pos + 1) > 0:
            strength = 2
        if strength == 0 or (strong_only and strength < 2):
            return pos
        if self.is_definite(pos) and strength < 2 and not self.forms[pos].endswith("ي"):
            return pos
        span = self.spans_at.get(pos)
        if span is not None and strength < 2:
            return pos  # a place or organisation, not a name
        k = pos + 1
        if self.forms[pos] in ("عبد", "ابو", "بن") and self.is_word(k) and not self.has_particles(k):
            k += 1  # عبد العزيز: the particle and its word are one name
        while k < self.n and k - pos < MAX_NAME_WORDS and self.same_sentence(pos, k):
            form = self.forms[k]
            if self.has_particles(k):
                break  # رؤى وأفكار: a conjunction never joins two words of one name
            if form in NAME_LINKS and k + 1 < self.n and self.is_word(k + 1) and (
                    self.name_strength(k + 1) > 0 or form in ("عبد", "ابو", "بن")):
                k += 2
                continue
            if form in ("الله", "الدين") and self.forms[k - 1] in ("عبد", "نصر", "سيف", "نور",
                                                                "جار", "عز", "علاء", "صلاح"):
                k += 1
                continue
            if form in REGNAL and k - pos >= 1:
                k += 1  # عبد الله الثاني
                break
            nat = self.nationality(k)
            if nat is not None and not nat.plural and k - pos >= 2 and form.startswith("ال"):
                k += 1  # محمد شياع السوداني: a family name that is also a nationality
                break
            if self.title_at(k) is not None or nat is not None:
                break
            s = self.name_strength(k)
            if s == 0:
                break
            if self.is_definite(k) and not form.endswith("ي") and s < 2 and (
                    k - pos < 2 or word_count(form) > 0):
                break  # after two name words an unknown ال-word is a surname: الدبيبة
            if self.spans_at.get(k) is not None and s < 2:
                break
            k += 1
        return k

    def add_name_pairs(self) -> None:
        """An Arabic first name and a name-like word: خالد المشري (no title needed)."""
        for i in range(self.n - 1):
            if self.forms[i] not in self.lex.arabic_names or "first" not in self.lex.arabic_names[self.forms[i]]:
                continue
            if self.tokens[i].base_start > self.tokens[i].start:
                continue  # و/ب + a name: too often a word
            if i > 0 and self.forms[i - 1] in ("شهر", "عيد", "يوم", "ليله"):
                continue  # شهر رمضان المبارك: a month or a feast, not a person
            end = self.name_after(i)
            if end - i >= 2 and self.name_strength(end - 1) >= 1:
                self.add(Candidate(i, end, "PER", P_NAME_PAIR, "rule"))

    # --------------------------------------------------------------------- model
    def add_model(self) -> None:
        tagger = self.stage.tagger
        if tagger is None:
            return
        index = {tok.base_start: i for i, tok in enumerate(self.tokens)}
        ends = {tok.end: i for i, tok in enumerate(self.tokens)}
        for sent in self.doc.sentences:
            toks = list(self.doc.tokens_in(sent))
            if not toks:
                continue
            try:
                spans = tagger.tag_spans(self.text, toks)
            except Exception:  # noqa: BLE001 - a model failure must not lose the rules' mentions
                return
            for start, end, label in spans:
                first, last = index.get(start), ends.get(end)
                if first is None or last is None or last < first:
                    continue
                first, last = self.trim_model_span(first, last, label)
                if last < first:
                    continue
                etype = self.model_type(first, last + 1, label)
                if etype:
                    self.add(Candidate(first, last + 1, etype, P_MODEL, "model"))

    def trim_model_span(self, first: int, last: int, label: str) -> tuple[int, int]:
        """Cut a tagger span at a conjunction (مجلس الأمن وألمانيا) and drop a leading
        nationality from a person (الليبي معمر القذافي)."""
        for k in range(first + 1, last + 1):
            tok = self.tokens[k]
            if tok.base_start > tok.start and self.text[tok.start:tok.start + 1] in "وف":
                last = k - 1
                break
        if label in ("PERS", "PER"):
            while first <= last and self.nationality(first) is not None:
                first += 1
        return first, last

    def model_type(self, first: int, end: int, label: str) -> str | None:
        if label in ("PERS", "PER"):
            return "PER"
        if label == "ORG":
            return "ORG"
        if label == "LOC":
            key = " ".join(self.forms[first:end])
            places = self.lex.places.get(key)
            if places:
                place = choose_place(places)
                return place.type if place else "GPE"
            if self.forms[first] in LOC_HEADS:
                return "LOC"
            part = self.lex.org_parts.get(self.forms[first])
            if part is not None and part.type == "FAC":
                return "FAC"
            nat = self.nationality(first)
            if nat is not None and end == first + 1:
                return None  # الليبي alone: an adjective the tagger took for a place
            return "GPE"
        if label == "MISC":
            nat = self.nationality(first)
            if nat is not None and end == first + 1:
                return "NORP" if nat.plural else None
            # one-word MISC (currencies, materials: دولار, اليورانيوم) is mostly noise
            return "MISC" if end - first > 1 else None
        return None

    # ------------------------------------------------------------------- peoples
    def add_peoples(self) -> None:
        """الروس, الليبيون as nouns (a people), not as adjectives after a noun."""
        for i in range(self.n):
            nat = self.nationality(i)
            if nat is None or not nat.plural:
                continue
            prev = i - 1
            if prev >= 0 and self.is_word(prev) and (self.is_definite(prev) or not self.is_stop(prev)) \
                    and self.tokens[i].base_start == self.tokens[i].start:
                continue  # المسؤولين الروس: an adjective
            self.add(Candidate(i, i + 1, "NORP", P_NORP, "rule"))

    # ---------------------------------------------------------------- resolution
    def char_span(self, c: Candidate) -> tuple[int, int]:
        start = c.start_char if c.start_char is not None else self.tokens[c.first].base_start
        end = c.end_char if c.end_char is not None else self.tokens[c.end - 1].end
        return start, end

    def resolve(self, cands: list[Candidate]) -> list[Candidate]:
        chosen: list[Candidate] = []
        taken: set[int] = set()
        for c in sorted(cands, key=lambda c: (-c.priority, -c.length, c.first)):
            rng = set(range(c.first, c.end))
            if rng & taken:
                continue
            chosen.append(c)
            taken |= rng
        return chosen

    def propagate(self, chosen: list[Candidate]) -> list[Candidate]:
        """Bare later mentions of names already found, and descriptors equal to a title."""
        taken = {i for c in chosen for i in range(c.first, c.end)}
        in_titles = {i for c in chosen for a, b in c.titles for i in range(a, b)}
        names: dict[str, str] = {}
        titles: dict[str, int] = {}
        for c in chosen:
            key = " ".join(self.forms[c.first:c.end])
            if not key.strip():
                continue
            if c.type == "PER":
                words = key.split()
                # a one-word name the tagger alone found is not spread (على, الحاضر)
                if c.source == "model" and len(words) < 2:
                    continue
                if len(words) == 1 and not _can_stand_alone(words[0], self.lex):
                    continue
                names.setdefault(key, "PER")
                surname = words[-1]
                known_word = c.source != "model" or self.name_strength(c.end - 1) == 2
                if len(words) >= 2 and known_word and _can_stand_alone(surname, self.lex):
                    names.setdefault(surname, "PER")
                for a, b in c.titles:
                    if b - a >= 2:
                        tkey = " ".join(self.forms[a:b])
                        titles[tkey] = titles.get(tkey, 0) + 1
            elif c.source == "rule" and c.start_char is None and not c.descriptor:
                names.setdefault(key, c.type)
        extra: list[Candidate] = []
        if names:
            matcher: PhraseMatcher[str] = PhraseMatcher(names.items(), keyed=True)
            for first, end, types in matcher.find(self.forms):
                rng = set(range(first, end))
                if rng & taken:
                    continue
                extra.append(Candidate(first, end, types[0], P_PROPAGATED, "rule"))
                taken |= rng
        if titles:
            tmatcher: PhraseMatcher[str] = PhraseMatcher(((k, k) for k in titles), keyed=True)
            for first, end, _ in tmatcher.find(self.forms):
                rng = set(range(first, end))
                if rng & taken or rng & in_titles:
                    continue
                # a title followed by a name is that name's title, not a descriptor
                if self.name_after(end) > end:
                    continue
                extra.append(Candidate(first, end, "PER", P_DESCRIPTOR, "rule",
                                       titles=[(first, end)], descriptor=True))
                taken |= rng
        return chosen + extra

    def to_mention(self, c: Candidate) -> Mention:
        start, end = self.char_span(c)
        titles = tuple(Span(self.tokens[a].base_start, self.tokens[b - 1].end) for a, b in c.titles)
        score = min(1.0, c.priority / P_KNOWN_PERSON)
        return Mention(start, end, c.type, titles, round(score, 3), c.source)


def _verb_shaped(form: str) -> bool:
    return any(p.match(form) for p in _VERB_SHAPES)


def _can_stand_alone(surname: str, lex: Lexicons) -> bool:
    """A surname that names its bearer on its own (حفتر), not a common first name (علي)
    nor an ordinary word (الحاضر, هادي)."""
    if len(surname) < 3 or surname in lex.stopwords or surname in NAME_LINKS:
        return False
    if surname in ("الله", "الدين") or surname in lex.nationalities:
        return False
    wd = lex.name_tokens.get(surname)
    if wd is not None and wd.common:
        return False
    kinds = lex.arabic_names.get(surname, "")
    return "first" not in kinds
