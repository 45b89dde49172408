"""Find direct and indirect quotes in a Document, with speaker, cue and via.

The rules are written down in ``docs/quotes.md``. In short: a direct quote is text in
quotation marks that a speech cue introduces (``قال: «…»``, ``وقال "…"``) or follows
(``«…»، هكذا قال``); an indirect quote is the clause a cue opens with إن/أن/بأن/فإن
(``أكد X أن …``), or for a few cues (أعلن, أعرب عن) the noun phrase after the subject.
The speaker is the subject next to the cue; when there is none the previous speaker.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..document import Document, Quote, Span, Token
from .lexicon import Cue, QuoteLexicon, load_quote_lexicon, strip_conjunctions

# Quotation marks: an opener and the closer that ends it. ASCII quotes pair up in order
# within a paragraph, as Arabic news uses them for names as often as for speech.
_PAIRED = {"«": "»", "“": "”"}
_QUOTE_PUNCT = frozenset('"«»“”‹›()')
_END_PUNCT = ".،,:;؛!؟?-–— \n\t"
_STOP = frozenset({".", "؟", "!", "?"})
# How far a cue may be from what it introduces, in tokens: long enough for
# "وقال مكتب إعلام القيادة العامة التابع للجيش الليبي، في بيان مقتضب، اطلعت ... إن".
_MAX_ZONE = 30
# A subject named after a noun-complement cue starts within this many tokens of it.
_NOUN_SUBJECT_WINDOW = 4
# A quote in the last this-many sentences passes its speaker on to a cue without a subject.
_CARRY_SENTENCES = 2
# Words of a name that do not tell one person from another (بن عبد ال...).
_NAME_PARTICLES = frozenset({"بن", "ابن", "بنت", "ال", "عبد", "ابو", "ابي", "ام", "الدكتور"})
# A participle (مشيرا إلى أن) reaches its complementiser within this many tokens.
_PARTICIPLE_REACH = 3
# دعا X إلى / عبّر X عن: the preposition comes within this many tokens of the cue.
_MARKER_REACH = 10
# A cue this close after "X:" makes X a dateline, not the speaker of a headline.
_DATELINE_REACH = 8
# The speaker of a colon headline is at most this many words ("شرطة مكة", "الضمان الصحي").
_HEADLINE_NAME = 4


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: str
    type: str


@dataclass(frozen=True)
class _Direct:
    start: int  # content, inside the marks
    end: int
    open_tok: int
    close_tok: int
    cue_tok: int
    cue_side: str  # left | right
    cut: int  # where an indirect quote before it must end


@dataclass
class _State:
    quotes: list[tuple[int, Quote]]  # (sentence index, quote)


class QuoteFinder:
    """Finds quotes; built once (it holds the lexicon), called per document."""

    def __init__(self, lexicon: QuoteLexicon | None = None) -> None:
        self.lex = lexicon or load_quote_lexicon()

    def find(self, doc: Document) -> tuple[Quote, ...]:
        return _Run(doc, self.lex).find()


class _Run:
    def __init__(self, doc: Document, lex: QuoteLexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.toks: tuple[Token, ...] = doc.tokens
        self.starts = [t.start for t in self.toks]
        self.sent_of_tok = self._sentence_index()
        self.mentions = _outer_mentions(doc)
        self.ment_starts = [m.start for m in self.mentions]
        # a cue word inside a name is part of the name (وانغ ون بين, not بيّن)
        self.named_toks = {n for m in self.mentions
                           for n in range(self._tok_at(m.start), self._tok_at(m.end - 1) + 1)}

    # ---- small helpers -------------------------------------------------------------
    def _sentence_index(self) -> list[int]:
        bounds = [s.start for s in self.doc.sentences]
        return [max(0, bisect.bisect_right(bounds, t.start) - 1) for t in self.toks]

    def _sent_range(self, k: int) -> tuple[int, int]:
        """Token index range [a, b) of sentence k."""
        sent = self.doc.sentences[k] if self.doc.sentences else Span(0, len(self.text))
        a = bisect.bisect_left(self.starts, sent.start)
        b = bisect.bisect_left(self.starts, sent.end)
        return a, b

    def _tok_at(self, pos: int) -> int:
        """Index of the token that contains character ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def norm(self, i: int) -> str:
        return self.toks[i].norm

    def is_(self, i: int, cls: str) -> bool:
        return 0 <= i < len(self.toks) and self.lex.is_(self.toks[i].norm, cls)

    def cue(self, i: int) -> Cue | None:
        t = self.toks[i]
        return self.lex.cue(t.norm) if t.kind == "word" and i not in self.named_toks else None

    def is_comp(self, i: int) -> bool:
        return self.is_(i, "complementiser") and not self.is_(i - 1, "blocker")

    def is_word(self, i: int) -> bool:
        return self.toks[i].kind in ("word", "number", "latin")

    def prev_word(self, i: int) -> int:
        """The nearest token before i that is not a quotation mark (-1 if none)."""
        j = i - 1
        while j >= 0 and self.toks[j].kind == "punct" and self.toks[j].norm in _QUOTE_PUNCT:
            j -= 1
        return j

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        lo = bisect.bisect_left(self.ment_starts, start)
        hi = bisect.bisect_left(self.ment_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def trim(self, start: int, end: int) -> tuple[int, int]:
        while end > start and self.text[end - 1] in _END_PUNCT:
            end -= 1
        while start < end and self.text[start] in " \n\t":
            start += 1
        return start, end

    # ---- direct quotes -------------------------------------------------------------
    def _quote_pairs(self) -> list[tuple[int, int]]:
        text, pairs = self.text, []
        for i, ch in enumerate(text):
            if ch in _PAIRED:
                depth, j = 0, i + 1
                while j < len(text):
                    if text[j] == ch:
                        depth += 1
                    elif text[j] == _PAIRED[ch]:
                        if depth == 0:
                            pairs.append((i, j))
                            break
                        depth -= 1
                    j += 1
        pos = 0
        for line in text.split("\n"):
            marks = [pos + k for k, ch in enumerate(line) if ch == '"']
            pairs.extend(zip(marks[0::2], marks[1::2], strict=False))
            pos += len(line) + 1
        return sorted(pairs)

    def _directs(self) -> list[_Direct]:
        found: list[_Direct] = []
        for o, c in self._quote_pairs():
            if any(d.start - 1 < o < d.end + 1 for d in found):
                continue  # a quote inside an accepted quote
            direct = self._direct(o, c)
            if direct is not None:
                found.append(direct)
        return found

    def _direct(self, o: int, c: int) -> _Direct | None:
        start, end = self.trim(o + 1, c)
        words = self.text[start:end].split()
        if not words or any(m.start <= start and end <= m.end for m in self.mentions_in(o, c + 1)):
            return None
        ot, ct = self._tok_at(o), self._tok_at(c)
        a, _ = self._sent_range(self.sent_of_tok[ot])
        j = self.prev_word(ot)
        if j >= a and self.norm(j) == ":":
            cue = self._cue_before(j, a)
            if cue is not None:
                return _Direct(start, end, ot, ct, cue, "left", self._cut_before(cue))
        if len(words) < 2:
            return None
        if j >= a and self._cue_kind(j, "direct") and self.cue(j).role == "verb":  # type: ignore[union-attr]
            return _Direct(start, end, ot, ct, j, "left", self._cut_before(j))
        if len(words) >= 3 and not self._names_a_thing(j, ct):
            for k in range(j, max(a, j - 8) - 1, -1):
                if self.toks[k].kind == "punct" or self.is_comp(k):
                    break
                if self._cue_kind(k, "direct") and self.cue(k).role == "verb":  # type: ignore[union-attr]
                    return _Direct(start, end, ot, ct, k, "left", self._cut_before(k))
        k = ct + 1
        while k < len(self.toks) and self.toks[k].kind == "punct" and self.norm(k) in "،,":
            k += 1
        if k < len(self.toks) and strip_last(self.norm(k)) == "هكذا":
            k += 1
        if k < len(self.toks) and self._cue_kind(k, "direct") and self.cue(k).role == "verb":  # type: ignore[union-attr]
            return _Direct(start, end, ot, ct, k, "right", o)
        return None

    def _names_a_thing(self, before: int, close: int) -> bool:
        """Whether quotation marks hold a name: after a noun such as منظمة or صحيفة, or
        followed by إن/أن (the quoted words were the subject of a cue: وتقول منظمة "…" إن)."""
        after = close + 1
        return (before >= 0 and (self.is_(before, "name_noun") or self._is_media(before))) or (
            after < len(self.toks) and self.is_comp(after))

    def _cue_kind(self, i: int, kind: str) -> bool:
        cue = self.cue(i) if 0 <= i < len(self.toks) else None
        return cue is not None and kind in cue.kinds

    def _cue_before(self, colon: int, a: int) -> int | None:
        for k in range(colon - 1, a - 1, -1):
            if self.toks[k].norm in _QUOTE_PUNCT and k < colon - 1 and self._closes_quote(k):
                return None
            if self._cue_kind(k, "direct"):
                return k
        return None

    def _closes_quote(self, k: int) -> bool:
        return self.toks[k].norm in "»”"

    def _cut_before(self, cue: int) -> int:
        """Where an indirect quote running into this direct quote's cue stops."""
        return self.toks[cue].start

    # ---- the pass over the document ------------------------------------------------
    def find(self) -> tuple[Quote, ...]:
        if not self.toks:
            return ()
        directs = self._directs()
        left = {d.cue_tok: d for d in directs if d.cue_side == "left"}
        right = {d.cue_tok: d for d in directs if d.cue_side == "right"}
        inside = [(d.start, d.end) for d in directs]
        state = _State([])
        for k in range(len(self.doc.sentences) or 1):
            a, b = self._sent_range(k)
            i = a
            while i < b:
                t = self.toks[i]
                if i in left or i in right:
                    d = left.get(i) or right[i]
                    speaker, via = self._direct_speaker(d, k, a, b, state)
                    quote = Quote("", d.start, d.end, "direct", speaker, self.toks[i].span, via)
                    state.quotes.append((k, quote))
                    i += 1
                    continue
                if any(s <= t.start < e for s, e in inside):
                    i += 1
                    continue
                cue = self.cue(i)
                if cue is None and self.norm(i) == ":":
                    headline = self._headline(i, a, b)
                    if headline is not None:
                        state.quotes.append((k, headline))
                        inside.append((headline.start, headline.end))
                        i = self._tok_at(headline.end - 1) + 1
                        continue
                if cue is None:
                    i += 1
                    continue
                result = self._indirect(i, cue, k, a, b, directs, state)
                if result is None:
                    i += 1
                    continue
                quote, next_i = result
                state.quotes.append((k, quote))
                inside.append((quote.start, quote.end))
                i = next_i
        quotes = _carry_via(sorted((q for _, q in state.quotes), key=lambda q: (q.start, q.end)))
        return tuple(
            Quote(f"Q{n}", q.start, q.end, q.kind, q.speaker, q.cue, q.via)
            for n, q in enumerate(quotes, 1)
        )

    def _headline(self, colon: int, a: int, b: int) -> Quote | None:
        """A colon headline inside the body (``شرطة مكة: ضبط شخص …``, ``إيران: «…»``): a
        name right before a colon near the start of its sentence (or after an earlier
        colon or "..") says what follows."""
        p = self.prev_word(colon)
        if p < a or colon + 1 >= b:
            return None
        first = p
        while first - 1 >= a and self.is_word(first - 1) and p - first < _HEADLINE_NAME:
            first -= 1
        before = first - 1
        if before >= a and not (self.toks[before].kind == "punct" and self.norm(before) in ":.."):
            return None  # mid-sentence: "رابط الخبر بصحيفة الوئام:" names an outlet, not a speaker
        if not (before >= a and self.norm(before) == ":") and not self.mentions_in(
                self.toks[first].start, self.toks[p].end):
            return None  # "الأدوية: …" with no name and no title line before it is a label
        if any(self._is_media(n) or self._is_media_after_b(n) for n in range(first, p + 1)):
            return None  # "رابط الخبر بصحيفة الوئام:" names the outlet of a link
        if self.is_(first, "name_noun") or self.cue(first) is not None:
            return None
        if any(self.cue(n) is not None for n in range(colon + 1, min(b, colon + 1 + _DATELINE_REACH))):
            return None  # a dateline (الرياض: أعلنت الوزارة …), the cue after it speaks
        named = [m for m in self.mentions_in(self.toks[first].start, self.toks[p].end)
                 if m.type in ("PER", "ORG", "GPE", "NORP")]
        speaker = self._pick(named, first_tok=first) if named else None
        if speaker is None or not any(m.type in ("PER", "ORG") for m in named):
            speaker = self._org_named_by(first, p + 1) or speaker
        start = self.toks[colon + 1].start
        end = self._cut(start, self.sent_of_tok[colon], b, [])
        start, end = self.trim(start, end)
        opener = self.text[start] if start < end else ""
        if (opener in _PAIRED or opener == '"') and self.text[end - 1] == _PAIRED.get(opener, '"') \
                and self.text.find(_PAIRED.get(opener, '"'), start + 1) == end - 1:
            start, end = self.trim(start + 1, end - 1)
        if len(self.text[start:end].split()) < 2:
            return None
        return Quote("", start, end, "direct", speaker, self.toks[colon].span, None)

    def _org_named_by(self, first: int, end: int) -> str | None:
        """The organisation whose name holds every word of a short name (``شرطة مكة`` ->
        ``شرطة منطقة مكة المكرمة``, ``الضمان الصحي`` -> ``مجلس الضمان الصحي``)."""
        from ..text import normalize

        words = {self.norm(n) for n in range(first, end)}
        for ent in self.doc.entities:
            if ent.type == "ORG" and words <= set(normalize(ent.name).split()):
                return ent.id
        return None

    def _direct_speaker(
        self, d: _Direct, k: int, a: int, b: int, state: _State
    ) -> tuple[str | None, str | None]:
        cue = self.cue(d.cue_tok)
        if d.cue_side == "left":
            zone_end = self.prev_word(d.open_tok)
            if zone_end >= a and self.norm(zone_end) != ":":
                zone_end += 1
            return self._speaker(d.cue_tok, cue, zone_end, k, a, state)
        end = d.cue_tok + 1
        while end < b and not (self.toks[end].kind == "punct" and self.norm(end) in "،,.:؛"):
            end += 1
        return self._speaker(d.cue_tok, cue, end, k, a, state)

    # ---- indirect quotes -----------------------------------------------------------
    def _indirect(
        self, i: int, cue: Cue, k: int, a: int, b: int, directs: list[_Direct], state: _State
    ) -> tuple[Quote, int] | None:
        opens = {d.open_tok for d in directs}
        if cue.role == "source":
            return self._source(i, cue, k, a, b, directs, state)
        comp = colon = None
        for j in range(i + 1, min(b, i + 1 + _MAX_ZONE)):
            if self.norm(j) == ":" and not opens & {j + 1, j + 2} and "direct" in cue.kinds:
                colon = j  # وقال في تغريدته: نص بلا علامات تنصيص
                break
            if j in opens or self.norm(j) == ":" or self.norm(j) in _STOP:
                break
            if self.is_comp(j):
                comp = j
                break
            other = self.cue(j)
            if other is not None and other.role == "verb":
                break
        kind = "indirect"
        if colon is not None:
            zone_end, kind = colon, "direct"
            n = colon + 1
            if n < b and self.is_comp(n):
                kind = "direct" if strip_last(self.norm(n)).startswith("ان") and self.text[
                    self.toks[n].start] == "إ" else "indirect"
                n += 1
            if n >= b:
                return None
            start = self.toks[n].start
        elif comp is not None and not (cue.role == "participle" and comp - i > _PARTICIPLE_REACH):
            if comp == i + 1 and self.is_(i, "impersonal"):
                return None  # يذكر أن: "it is worth noting that", no one speaks
            zone_end = comp - 1 if self._is_prep(comp - 1) and comp - 1 > i else comp
            start = self.toks[comp].start
        else:
            after = self._verb_after(i, cue, k, a, b, state)
            if after is not None:
                return after
            found = None
            if cue.complement in ("call", "about"):
                found = self._marked_content(i, b, "الي" if cue.complement == "call" else "عن")
            elif cue.complement in ("noun", "any") and cue.role == "verb":
                found = self._noun_content(i, b)
            elif cue.complement in ("noun", "any") and cue.role == "participle" and i + 2 < b:
                found = (i + 1, self.toks[i + 2 if self._is_prep(i + 1) else i + 1].start)
            if found is None:
                return None
            zone_end, start = found
        end = self._cut(start, k, b, directs)
        start, end = self.trim(start, end)
        if len(self.text[start:end].split()) < 2:
            return None
        start, end, kind = self._quoted_content(start, end, kind)
        if cue.role == "participle":
            speaker = self._participle_speaker(i, k, a, state)
            via = self._via(i + 1, zone_end, a, i)
        else:
            speaker, via = self._speaker(i, cue, zone_end, k, a, state)
        quote = Quote("", start, end, kind, speaker, self.toks[i].span, via)
        return quote, self._tok_at(end - 1) + 1 if end > start else i + 1

    def _quoted_content(self, start: int, end: int, kind: str) -> tuple[int, int, str]:
        """``قال إن "…"``: when all that follows the complementiser is in quotation marks,
        the words are the speaker's own, a direct quote of what is inside the marks."""
        words = self.text[start:end].split(maxsplit=1)
        if len(words) < 2 or not self.lex.is_(self.toks[self._tok_at(start)].norm, "complementiser"):
            return start, end, kind
        body = self.text.find(words[1], start)
        opener = self.text[body]
        closer = _PAIRED.get(opener, '"' if opener == '"' else "")
        if closer and self.text[end - 1] == closer and self.text.find(closer, body + 1) == end - 1:
            inner_start, inner_end = self.trim(body + 1, end - 1)
            if inner_end > inner_start:
                return inner_start, inner_end, "direct"
        return start, end, kind

    def _marked_content(self, i: int, b: int, marker: str) -> tuple[int, int] | None:
        """(subject zone end, content start) for دعا X إلى … and عبّر X عن …: the content
        follows the first ``marker`` preposition within reach."""
        for j in range(i + 1, min(b - 1, i + 1 + _MARKER_REACH)):
            if self.toks[j].kind == "punct" and self.norm(j) in _STOP:
                return None
            if marker in strip_conjunctions(self.norm(j)):
                return j, self.toks[j + 1].start
        return None

    def _is_prep(self, i: int) -> bool:
        return any(f in ("الي", "علي", "من", "عن") for f in strip_conjunctions(self.norm(i)))

    def _noun_content(self, i: int, b: int) -> tuple[int, int] | None:
        """(subject zone end, content start) after a cue that takes a noun phrase."""
        j = i + 1
        for m in self.mentions_in(self.toks[i].end, self.toks[min(b, i + 1 + _NOUN_SUBJECT_WINDOW) - 1].end):
            j = self._tok_at(m.end - 1) + 1
            break
        else:
            if not self._svo_subject(i) and not (j < b and self._is_prep(j)):
                return None
        zone_end = j
        if j < b and self.norm(j) in "،,":
            for n in range(j + 1, min(b, j + 6)):
                if self.norm(n) in "،,":
                    j = n + 1
                    break
        if j < b and self._is_prep(j):
            j += 1
        if j >= b:
            return None
        return zone_end, self.toks[j].start

    def _cut(self, start: int, k: int, b: int, directs: list[_Direct]) -> int:
        """Where an indirect quote that starts at ``start`` ends: the end of its sentence,
        or before a direct quote or a new "، وأضاف"-like cue in the same sentence."""
        end = self.toks[b - 1].end if b > 0 else len(self.text)
        for d in directs:
            if start < d.cut < end and self.sent_of_tok[d.open_tok] == k:
                end = d.cut
        first = self._tok_at(start) + 1
        for j in range(first, b):
            if self.toks[j].start >= end:
                break
            cue = self.cue(j)
            if cue is None:
                continue
            # "، وأضاف" opens a new quote; so does "مشيرا إلى أن", with or without a comma
            # (one speech act each)
            if cue.role == "participle" or (cue.role == "verb" and self.norm(j) != cue.form
                                            and self.norm(j - 1) in "،,"):
                end = self.toks[j].start
                break
        return end

    def _source(
        self, i: int, cue: Cue, k: int, a: int, b: int, directs: list[_Direct], state: _State
    ) -> tuple[Quote, int] | None:
        """بحسب X، فإن … / وفق X، فإن … / نقلا عن X أن …"""
        j = i + 1
        while j < b and (self.norm(j) in ("ل", "عن") or self.toks[j].kind == "punct"
                         and self.norm(j) in _QUOTE_PUNCT):
            j += 1
        if j >= b:
            return None
        said = self.cue(j + 1) if self.norm(j) == "ما" and j + 1 < b else None
        if said is not None and said.role == "verb":
            j += 2  # وفق ما أعلن X / بحسب ما أفاد به X: X is the source
            while j < b and self.norm(j) in ("به", "بها"):
                j += 1
            if j >= b:
                return None
        named = [m for m in self.mentions_in(self.toks[j].start, self.toks[min(b, j + 6) - 1].end)
                 if self._tok_at(m.start) <= j + 5]
        if not named and not self.is_(j, "source_noun") and not (
                self.norm(j).startswith("ل") and self.lex.is_(self.norm(j)[1:], "source_noun")):
            return None  # وفقا لشهود عيان: the source noun carries the لـ
        n = j
        while n < b and n - j < 10 and self.norm(n) not in "،," and not self.is_comp(n):
            n += 1
        if self._ends_sentence(n, b):
            if i > a + 1:
                return self._source_after(i, j, k, a, b, state)
            if k > 0 and not any(sk == k - 1 for sk, _ in state.quotes):
                # the source stands alone after a line break: it tells the sentence before
                pa, _ = self._sent_range(k - 1)
                return self._source_after(i, j, k - 1, pa, b, state)
        if n < b and self.norm(n) in "،,":
            n += 1
        if n >= b:
            return None
        if not self.is_comp(n) and i != a and not (i == a + 1 and self.toks[a].kind == "punct"):
            return None  # a source named in mid-sentence, with nothing after it to report
        start = self.toks[n].start
        end = self._cut(start, k, b, directs)
        start, end = self.trim(start, end)
        if len(self.text[start:end].split()) < 2:
            return None
        speaker = self._pick(self.mentions_in(self.toks[i].end, self.toks[n].start), first_tok=j)
        quote = Quote("", start, end, "indirect", speaker, self.toks[i].span, None)
        return quote, self._tok_at(end - 1) + 1

    def _source_after(
        self, i: int, j: int, k: int, a: int, n: int, state: _State
    ) -> tuple[Quote, int] | None:
        """A source that ends its sentence (…، بحسب وزارة الصحة.): the clause before it is
        what the source said, from the sentence start or the end of an earlier quote."""
        clause = self._clause_before(i, k, a, state)
        if clause is None:
            return None
        speaker = self._pick(self.mentions_in(self.toks[i].end, self._pos(n)), first_tok=j)
        quote = Quote("", *clause, "indirect", speaker, self.toks[i].span, None)
        return quote, n

    def _clause_before(self, i: int, k: int, a: int, state: _State) -> tuple[int, int] | None:
        """The span from the start of sentence ``k`` (or the end of a quote in it) up to the
        cue at ``i`` that follows it; None when it is under three words."""
        start = self.toks[a].start
        for sk, q in state.quotes:
            if sk == k and q.end <= self.toks[i].start:
                start = max(start, q.end)
        start, end = self.trim(start, self.toks[i].start)
        while start < end and self.text[start] in _END_PUNCT + '"«»“”':
            start += 1
        if len(self.text[start:end].split()) < 3:
            return None
        return start, end

    def _verb_after(
        self, i: int, cue: Cue, k: int, a: int, b: int, state: _State
    ) -> tuple[Quote, int] | None:
        """A speech verb after the clause it reports (``قتل جندي …، أعلن المتحدث X.``): no
        conjunction, a comma before it, and nothing reported after its subject."""
        if (cue.role != "verb" or self.norm(i) != cue.form or i - 1 <= a
                or self.norm(i - 1) not in "،," or not self._ends_sentence(i + 1, b)):
            return None
        clause = self._clause_before(i - 1, k, a, state)
        if clause is None:
            return None
        speaker, via = self._speaker(i, cue, b, k, a, state)
        return Quote("", *clause, "indirect", speaker, self.toks[i].span, via), b

    def _ends_sentence(self, n: int, b: int) -> bool:
        """Whether nothing is reported after a source name that runs from token ``n`` to the
        end of the sentence (no إن/أن and no new cue; appositions such as "، أمس" allowed)."""
        for m in range(n, b):
            if self.is_comp(m) or self.norm(m) == ":":
                return False
            cue = self.cue(m)
            if cue is not None and cue.role == "verb":
                return False
            if self.toks[m].kind == "punct" and self.norm(m) in "،," and m + 1 < b \
                    and self.norm(m + 1).startswith("و") and m + 1 < b - 1:
                return False  # "، و…": a new clause follows
        return True

    # ---- speakers and outlets --------------------------------------------------------
    def _speaker(
        self, i: int, cue: Cue | None, zone_end: int, k: int, a: int, state: _State
    ) -> tuple[str | None, str | None]:
        """Speaker and via for a cue at token i whose subject zone is (i, zone_end)."""
        if cue is not None and cue.role == "participle":
            return self._participle_speaker(i, k, a, state), self._via(i + 1, zone_end, a, i)
        zone_start = i + 1
        relay = cue is not None and cue.lemma == "نقل"
        an = None
        for j in range(zone_start, zone_end):
            forms = set(strip_conjunctions(self.norm(j)))
            if "نقلا" in forms:
                relay = True
            if "عن" in forms and an is None:
                an = j
        via = self._via(zone_start, zone_end, a, i)
        if relay and an is not None:
            before = self.mentions_in(self.toks[i].end, self.toks[an].start)
            if via is None:
                outlets = [m for m in before if m.type == "ORG"]
                via = outlets[0].entity if outlets else None
            after = self.mentions_in(self.toks[an].end, self._pos(zone_end))
            return self._pick([m for m in after if not self._is_via(m)], first_tok=an + 1), via
        subject = self._subject_mentions(zone_start, zone_end)
        if self._unnamed(zone_start, zone_end) and not any(m.type == "PER" for m in subject):
            return None, via  # مسؤول في وزارة العدل: not named, so no speaker
        speaker = self._pick(subject, first_tok=zone_start)
        if speaker is None:
            speaker = self._svo_subject(i)
        if speaker is None:
            speaker = self._by_title(zone_start, zone_end)
        if speaker is None:
            speaker = self._by_reference(zone_start, zone_end, i)
        if speaker is None:
            speaker = self._by_name_word(zone_start, zone_end, i)
        if speaker is None and self._no_subject(zone_start, zone_end):
            speaker = self._previous_speaker(i, k, a, state)
        return speaker, via

    def _pos(self, tok: int) -> int:
        return self.toks[tok].start if tok < len(self.toks) else len(self.text)

    def _subject_mentions(self, zone_start: int, zone_end: int) -> list[_Mention]:
        """Mentions in the subject part of the zone: it ends at a preposition once a subject
        has been named, or at one that opens a speech event (في خطاب, في بيان)."""
        end = zone_end
        seen = False
        for j in range(zone_start, zone_end):
            if self.is_(j, "adjunct") and (seen or self.is_(j + 1, "event_noun")):
                end = j
                break
            if self.norm(j) in "،," and seen and not self._mention_starts(j + 1):
                end = j  # a comma after the subject, unless an apposition follows (X، Y،)
                break
            if any(m.end <= self.toks[j].end for m in self.mentions_in(self.toks[zone_start].start,
                                                                      self.toks[j].end)):
                seen = True
        kept = [m for m in self.mentions_in(self._pos(zone_start), self._pos(end)) if not self._is_via(m)]
        if end < zone_end and kept and all(m.type == "ORG" for m in kept) \
                and self.norm(end) == "في":
            # وقال مدير عام دائرة X في الهيئة محمد علي: the body is part of the speaker's
            # title; the person named after the preposition is the subject
            rest = [m for m in self.mentions_in(self._pos(end), self._pos(zone_end))
                    if m.type == "PER" and not self._is_via(m)]
            kept += rest[:1]
        return kept

    def _mention_starts(self, i: int) -> bool:
        if i >= len(self.toks):
            return False
        t = self.toks[i]
        return any(t.start <= m.start < t.end for m in self.mentions_in(t.start, len(self.text)))

    def _pick(self, mentions: list[_Mention], *, first_tok: int) -> str | None:
        """A person first; else an organisation; a place only as the first word (أكدت مصر)."""
        for m in mentions:
            if m.type == "PER":
                return m.entity
        for m in mentions:
            if m.type in ("ORG", "NORP", "MISC"):
                return m.entity
        for m in mentions:
            if self._tok_at(m.start) <= first_tok:
                return m.entity
        return None

    def _svo_subject(self, i: int) -> str | None:
        """The entity named just before a cue without a conjunction (وكان الجيش أعلن)."""
        cue = self.cue(i)
        if cue is None or self.norm(i) != cue.form or i == 0:
            return None
        k = self.sent_of_tok[i]
        if self.sent_of_tok[i - 1] != k:
            return None
        prev = self.toks[i - 1]
        for m in self.mentions_in(self.toks[max(0, i - 8)].start, prev.end):
            if m.end >= prev.end - 1 and m.type in ("PER", "ORG", "GPE", "NORP"):
                return m.entity
        return None

    def _by_title(self, zone_start: int, zone_end: int) -> str | None:
        """A zone that opens with a known title of an entity (وقال الرئيس الروسي إن)."""
        from ..text import normalize

        if zone_start >= zone_end:
            return None
        head = normalize(self.text[self.toks[zone_start].start:self._pos(zone_end)]).strip()
        best: tuple[int, str] | None = None
        for ent in self.doc.entities:
            for title in ent.titles:
                t = normalize(title)
                if t and (head == t or head.startswith(t + " ")) and (best is None or len(t) > best[0]):
                    best = (len(t), ent.id)
        return best[1] if best else None

    def _by_reference(self, zone_start: int, zone_end: int, cue: int) -> str | None:
        """A common noun standing for an entity already named: the last organisation whose
        name holds the noun (الوزارة, الخلية), any last organisation for a few (المنظمة,
        التقرير), the last person for الرئيس, الوزير."""
        from ..text import normalize

        for j in range(zone_start, min(zone_end, zone_start + 4)):
            if self.is_(j, "ref_org"):
                head = strip_last(self.norm(j)).removeprefix("ال")
                orgs = [m for m in self.mentions_in(0, self.toks[cue].start) if m.type == "ORG"]
                for m in reversed(orgs):
                    ent = self.doc.entity(m.entity)
                    if ent is not None and head in normalize(ent.name).split():
                        return m.entity
                if self.is_(j, "ref_any") and orgs:
                    return orgs[-1].entity
                return None
            if self.is_(j, "ref_per"):
                people = [m for m in self.mentions_in(0, self.toks[cue].start) if m.type == "PER"]
                return people[-1].entity if people else None
        return None

    def _by_name_word(self, zone_start: int, zone_end: int, cue: int) -> str | None:
        """A person named before by one word of the name the entities stage did not tag
        here (``وأشار الدهاسي إلى``, ``وبين الدكتور باطوق أن``)."""
        from ..text import normalize

        names: dict[str, str] = {}
        for m in self.mentions_in(0, self.toks[cue].start):
            ent = self.doc.entity(m.entity)
            if m.type == "PER" and ent is not None:
                for word in normalize(ent.name).split():
                    if len(word) > 2 and word not in _NAME_PARTICLES:
                        names[word] = m.entity  # the latest person with that word wins
        for j in range(zone_start, min(zone_end, zone_start + _NOUN_SUBJECT_WINDOW)):
            if self.toks[j].kind != "word" or self.is_(j, "adjunct") or self.is_comp(j):
                break
            for form in strip_conjunctions(self.norm(j)):
                if form in names:
                    return names[form]
        return None

    def _unnamed(self, zone_start: int, zone_end: int) -> bool:
        """Whether the subject opens with a noun for someone not named (مصدر, مسؤول, أحد)."""
        first = zone_start
        while first < zone_end and self.toks[first].kind == "punct":
            first += 1
        if first >= zone_end or self.toks[first].kind != "word":
            return False
        if self.is_(first, "ref_per"):
            return False  # وأشار المتحدث: the spokesman named before
        return any(self.lex.is_(form.removeprefix("ال"), "unnamed")
                   for form in strip_conjunctions(self.norm(first)))

    def _no_subject(self, zone_start: int, zone_end: int) -> bool:
        """Whether the zone names no subject: it is empty or opens with a preposition."""
        if zone_start >= zone_end:
            return True
        first = zone_start
        while first < zone_end and (self.toks[first].kind == "punct" or self._is_participle(first)):
            first += 1
        return first >= zone_end or self.is_(first, "adjunct") or self.is_comp(first)

    def _previous_speaker(self, i: int, k: int, a: int, state: _State) -> str | None:
        for sk, q in reversed(state.quotes):
            if sk == k and q.speaker is not None:
                return q.speaker
        before = [m for m in self.mentions_in(self.toks[a].start, self.toks[i].start)
                  if not self._is_via(m)]
        found = self._pick_person_or_org(before)
        if found is not None:
            return found
        for sk, q in reversed(state.quotes):
            if sk >= k - _CARRY_SENTENCES and q.speaker is not None:
                return q.speaker
        if k > 0:
            pa, pb = self._sent_range(k - 1)
            if pb > pa:
                return self._pick_person_or_org(
                    self.mentions_in(self.toks[pa].start, self.toks[pb - 1].end))
        return None

    def _participle_speaker(self, i: int, k: int, a: int, state: _State) -> str | None:
        for sk, q in reversed(state.quotes):
            if sk == k and q.speaker is not None:
                return q.speaker
        return self._previous_speaker(i, k, a, state)

    def _is_participle(self, i: int) -> bool:
        cue = self.cue(i)
        return cue is not None and cue.role == "participle"

    @staticmethod
    def _pick_person_or_org(mentions: list[_Mention]) -> str | None:
        for types in (("PER",), ("ORG",)):
            for m in mentions:
                if m.type in types:
                    return m.entity
        return None

    def _via(self, zone_start: int, zone_end: int, a: int, cue: int) -> str | None:
        """The outlet named in the cue's zone, or before the cue in a speech-event phrase
        (وفي حديث لوكالة الأناضول، قال ...), or the platform of a tweet (في تغريدته)."""
        for m in self.mentions_in(self._pos(zone_start), self._pos(zone_end)):
            if self._is_via(m):
                return m.entity
        if any(self.is_(n, "tweet") for n in range(max(0, cue), min(zone_end, len(self.toks)))):
            return self._platform_entity("tweet")
        for m in self.mentions_in(self.toks[a].start, self.toks[cue].start):
            t0 = self._tok_at(m.start)
            near = range(max(a, t0 - 3), t0 + 1)
            if self._is_via(m) and any(self.is_(n, "via_noun") or self.is_(n, "platform")
                                       or self._is_media(n) for n in near):
                return m.entity
        return None

    def _is_media(self, i: int) -> bool:
        norm = self.norm(i)
        return self.is_(i, "media_noun") or (norm.startswith("ل") and self.lex.is_(norm[1:], "media_noun"))

    def _abbara_an(self, i: int) -> bool:
        """Whether عبر at ``i`` is the cue عبّر عن (expressed), not عبر (via)."""
        cue = self.cue(i) if i >= 0 else None
        if cue is None or cue.complement != "about":
            return False
        k = self.sent_of_tok[i]
        return any("عن" in strip_conjunctions(self.norm(n))
                   for n in range(i + 1, min(len(self.toks), i + 1 + _MARKER_REACH))
                   if self.sent_of_tok[n] == k)

    def _platform_entity(self, cls: str) -> str | None:
        """The entity the document names for the platform of ``cls`` (تغريدة -> تويتر)."""
        from ..text import normalize

        for ent in self.doc.entities:
            if any(self.lex.is_(form, f"{cls}_platform") for form in normalize(ent.name).split()):
                return ent.id
        return None

    def _is_media_after_b(self, i: int) -> bool:
        norm = self.norm(i)
        return norm.startswith("ب") and self.lex.is_(norm[1:], "media_noun")

    def _is_via(self, m: _Mention) -> bool:
        """Whether a mention names the outlet a statement was given to or carried by."""
        t0 = self._tok_at(m.start)
        prefix = self.text[self.toks[t0].start:m.start]
        p = self.prev_word(t0)
        if self.is_(p, "via_verb"):
            return True
        if any(self.is_(n, "platform") and not self._abbara_an(n) for n in range(max(0, p - 2), p + 1)):
            return True
        if p >= 0 and self.norm(p) == "مع" and self.is_(p - 1, "via_noun"):
            return True
        lam = False
        if prefix.replace("ـ", "").endswith("ل"):
            lam = True
        elif p >= 0 and self.norm(p) == "ل":
            lam, p = True, self.prev_word(p)
        elif p >= 0 and self._is_media(p) and self.norm(p).startswith("ل"):
            lam, p = True, self.prev_word(p)
        if not lam or m.type != "ORG":
            return False
        return not (p >= 0 and self.is_(p, "owner"))


def _carry_via(quotes: list[Quote]) -> list[Quote]:
    """A speaker who goes on talking goes on talking to the same outlet: a quote with no via
    whose speaker is the previous quote's takes that quote's via (an interview given to
    «عكاظ» runs over many paragraphs)."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if q.via is None and prev is not None and prev.via is not None and q.speaker is not None \
                and q.speaker == prev.speaker:
            q = Quote(q.id, q.start, q.end, q.kind, q.speaker, q.cue, prev.via)
        out.append(q)
    return out


def strip_last(norm: str) -> str:
    """``norm`` less its conjunctions (وهكذا -> هكذا)."""
    forms = list(strip_conjunctions(norm))
    return forms[-1]


def _outer_mentions(doc: Document) -> list[_Mention]:
    """Entity mentions, keeping the longest where they overlap, in text order."""
    every = sorted(
        (_Mention(span.start, span.end, ent.id, ent.type) for ent in doc.entities for span in ent.mentions),
        key=lambda m: (m.start, -(m.end - m.start)),
    )
    kept: list[_Mention] = []
    for m in every:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept
