"""What the rules know about one document's tokens: matching forms, lexicon matches,
sentence bounds, and the small judgements every rule shares (is this a word, a stop word,
a nationality, a name-like word?). The rules add their candidates here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..document import Document, Token
from ..lexicons.matcher import token_forms
from ..text.lexicon import word_count
from .candidates import Candidate

if TYPE_CHECKING:
    from .finder import MentionFinder

QUOTES = {'"', "«", "»", "“", "”", "„"}


class DocContext:
    """The mention search over one document (state shared by the rules)."""

    def __init__(self, finder: MentionFinder, doc: Document) -> None:
        self.finder = finder
        self.lex = finder.lex
        self.rules = finder.rules
        self.doc = doc
        self.text = doc.text
        self.forms = token_forms(doc.text, doc.tokens)
        self.tokens: Sequence[Token] = self._rejoin_names(doc.tokens)
        self.n = len(self.tokens)
        self.matches: dict[int, list[tuple[int, str, str]]] = {}
        for first, end, payloads in finder.matcher.find(self.forms):
            for kind, key in payloads:
                self.matches.setdefault(first, []).append((end, kind, key))
        self.sent_end = self._sentence_ends()
        self.cands: list[Candidate] = []
        self.spans_at: dict[int, Candidate] = {}  # org/place spans by first token
        self._sentence_forms: dict[int, frozenset[str]] = {}
        self.place_ends: set[int] = set()  # token index just after a place found so far

    def _rejoin_names(self, tokens: Sequence[Token]) -> Sequence[Token]:
        """Tokens whose first letter the clitic splitter took for a particle although the
        whole word is a known first name (فيصل is not ف + يصل, نواف not و + اف); their
        particle goes back into the word (a mention then starts at the name's first letter)."""
        out: list[Token] | None = None
        lex = self.lex
        for i, tok in enumerate(tokens):
            if tok.kind != "word" or tok.base_start != tok.start + 1:
                continue
            whole = tok.norm
            if "first" not in lex.arabic_names.get(whole, "") and whole not in lex.name_overrides:
                continue
            if "first" in lex.arabic_names.get(self.forms[i], "") \
                    or self.forms[i] in lex.name_overrides:
                continue  # وسعد: و + a name
            if out is None:
                out = list(tokens)
            out[i] = tok._replace(base_start=tok.start,
                                  stem_start=tok.start if tok.stem_start == tok.base_start
                                  else tok.stem_start)
            self.forms[i] = whole
        return tokens if out is None else out

    def add(self, cand: Candidate) -> None:
        self.cands.append(cand)

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
        """A word before ``i`` (or a particle on it) that announces a place name, or a
        list of places ``i`` continues (في جازان، وصبيا، وضمد)."""
        tok = self.tokens[i]
        particles = self.text[tok.start:tok.base_start]
        if particles[-1:] == "ب":
            return True
        if particles[:1] == "و":
            prev = i - 1 if i > 0 and self.forms[i - 1] not in ("،", ",") else i - 2
            if prev + 1 in self.place_ends:
                return True
        return i > 0 and self.forms[i - 1] in self.rules.locative_cues

    def has_pronoun(self, i: int) -> bool:
        """An indefinite noun with an attached pronoun: مكتبه, حكومتها."""
        tok = self.tokens[i]
        if tok.stem_end < tok.end:
            return True
        raw = self.text[tok.base_start:tok.end]
        return len(raw) >= 4 and raw.endswith("ه") and not self.forms[i].startswith("ال")

    def has_particles(self, i: int) -> bool:
        tok = self.tokens[i]
        return tok.kind == "word" and tok.base_start > tok.start

    def is_lil(self, i: int) -> bool:
        """لل + noun: the article restored in the matching form (للجيش -> الجيش)."""
        tok = self.tokens[i]
        return tok.base_start > tok.start and self.forms[i].startswith("ال") \
            and not self.text.startswith("ال", tok.base_start)

    def is_adjective(self, i: int) -> bool:
        """A definite word that can qualify a definite noun: a known modifier or a nisba
        (الدولية, الأمنية, المسلحة is a known modifier)."""
        form = self.forms[i]
        part = self.lex.org_parts.get(form)
        if part is not None and part.role == "mod":
            return True
        bare = form[2:]
        return len(bare) >= 3 and (bare.endswith("ي") or bare.endswith("يه"))

    def nationality(self, i: int) -> Any:
        return self.lex.nationalities.get(self.forms[i]) if self.is_word(i) else None

    def sentence_has(self, i: int, words: frozenset[str]) -> bool:
        """Whether the sentence of token ``i`` has one of ``words`` (matching forms)."""
        end = self.sent_end[i]
        forms = self._sentence_forms.get(end)
        if forms is None:
            start = i
            while start > 0 and self.sent_end[start - 1] == end:
                start -= 1
            stop = i
            while stop < self.n and self.sent_end[stop] == end:
                stop += 1
            forms = self._sentence_forms[end] = frozenset(self.forms[start:stop])
        return not words.isdisjoint(forms)

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
        if form in self.finder.person_words or form in lex.arabic_names \
                or norm in lex.arabic_names or form in lex.name_overrides:
            return 2
        wd = lex.name_tokens.get(form) or lex.name_tokens.get(bare)
        if form in lex.titles or form in lex.nationalities or form in lex.org_parts:
            return 0
        if wd is not None and wd.total >= 2 and not wd.common:
            return 2
        if self.rules.verb_shaped(bare):
            return 0
        if wd is not None and not wd.common:
            return 1  # a name word seen once in Wikidata (شويغو)
        if word_count(form) == 0 and word_count(bare) == 0:
            return 1  # a word no list knows: names are most of those in news
        return 0

    def char_span(self, c: Candidate) -> tuple[int, int]:
        start = c.start_char if c.start_char is not None else self.tokens[c.first].base_start
        end = c.end_char if c.end_char is not None else self.tokens[c.end - 1].end
        return start, end
