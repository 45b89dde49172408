"""People: names after a title chain, Arabic first names with a name-like word, peoples.

A title chain is one or more title phrases (``القائد العام للجيش الليبي`` ``المشير``); the
name after it is read word by word (``name_after``) with what the lexicons say about each
word (``DocContext.name_strength``).
"""

from __future__ import annotations

from ..lexicons.tables import Lexicons
from ..text.lexicon import word_count
from .candidates import P_NAME_PAIR, P_NORP, P_TITLED_PERSON, Candidate
from .context import DocContext
from .orgs import complement
from .rules import Rules

MAX_NAME_WORDS = 5


def add_titled_persons(ctx: DocContext) -> None:
    i = 0
    while i < ctx.n:
        chain, pos = title_chain(ctx, i)
        if not chain:
            i += 1
            continue
        last = ctx.lex.titles.get(ctx.title_at(chain[-1][0])[1])  # type: ignore[index]
        after_rank = last is not None and last.kind in ("rank", "honorific") \
            and chain[-1][1] - chain[-1][0] == 1
        name_end = name_after(ctx, pos, after_rank=after_rank)
        # an apposition: المتحدث باسم الرئاسة الروسية، دميتري بيسكوف،
        if name_end == pos and pos < ctx.n and ctx.forms[pos] in ("،", ",") \
                and chain[-1][1] - chain[-1][0] > 1:
            appositive_end = name_after(ctx, pos + 1, strong_only=True)
            if appositive_end > pos + 1:
                pos, name_end = pos + 1, appositive_end
        if name_end > pos:
            ctx.add(Candidate(pos, name_end, "PER", P_TITLED_PERSON, "rule", titles=chain))
            i = name_end
        else:
            i = pos if pos > i else i + 1


def title_chain(ctx: DocContext, i: int) -> tuple[list[tuple[int, int]], int]:
    chain: list[tuple[int, int]] = []
    pos = i
    while pos < ctx.n:
        phrase_end = title_phrase(ctx, pos)
        if phrase_end is None:
            break
        chain.append((pos, phrase_end))
        pos = phrase_end
    return chain, pos


def title_phrase(ctx: DocContext, i: int) -> int | None:
    found = ctx.title_at(i)
    if found is None:
        return None
    end, key = found
    title = ctx.lex.titles[key]
    if title.kind == "prefix":  # نائب وزير الدفاع: the deputy of the next title
        inner = title_phrase(ctx, end)
        if inner is not None:
            return inner
    if title.kind == "rank" and end < ctx.n and ctx.tokens[end].kind == "number":
        return None  # اللواء 444: a brigade, not a rank
    if title.complement == "no":
        return end
    comp = complement(ctx, end, after_definite=ctx.is_definite(end - 1))
    if comp == end and title.complement == "req":
        return None
    return comp


def name_after(ctx: DocContext, pos: int, *, strong_only: bool = False,
               after_rank: bool = False) -> int:
    """End of the person name starting at ``pos`` (``pos`` when there is none).

    ``after_rank``: the word follows a rank or honorific (العقيد باسم البوعيشي), so a
    common word that is also a name (باسم "in the name of") starts a name when a
    name-like word follows it.
    """
    if pos >= ctx.n or not ctx.is_word(pos):
        return pos
    if any(k == "person" for _, k, _ in ctx.matches.get(pos, ())):
        return max(e for e, k, _ in ctx.matches[pos] if k == "person")
    rules = ctx.rules
    compounds = rules.name_compounds
    strength = ctx.name_strength(pos)
    if ctx.forms[pos] in compounds and pos + 1 < ctx.n and ctx.is_word(pos + 1) \
            and not ctx.is_stop(pos + 1):
        strength = 2  # عبد الله, عبد الرحمن: a compound name, whatever its second word
    if strength == 0 and after_rank and not ctx.is_stop(pos) and not ctx.is_definite(pos) \
            and ctx.title_at(pos) is None and ctx.nationality(pos) is None \
            and ctx.name_strength(pos + 1) > 0:
        strength = 2
    if strength == 0 or (strong_only and strength < 2):
        return pos
    if ctx.is_definite(pos) and strength < 2 and not ctx.forms[pos].endswith("ي"):
        return pos
    span = ctx.spans_at.get(pos)
    if span is not None and strength < 2:
        return pos  # a place or organisation, not a name
    k = pos + 1
    if ctx.forms[pos] in compounds and ctx.is_word(k) and not ctx.has_particles(k):
        k += 1  # عبد العزيز: the particle and its word are one name
    while k < ctx.n and k - pos < MAX_NAME_WORDS and ctx.same_sentence(pos, k):
        form = ctx.forms[k]
        if ctx.has_particles(k):
            break  # رؤى وأفكار: a conjunction never joins two words of one name
        if form in rules.name_links and k + 1 < ctx.n and ctx.is_word(k + 1) and (
                ctx.name_strength(k + 1) > 0 or form in compounds):
            k += 2
            continue
        if form in rules.compound_last and ctx.forms[k - 1] in rules.compound_first:
            k += 1
            continue
        if form in rules.regnal and k - pos >= 1:
            k += 1  # عبد الله الثاني
            break
        nat = ctx.nationality(k)
        if nat is not None and not nat.plural and k - pos >= 2 and form.startswith("ال"):
            k += 1  # محمد شياع السوداني: a family name that is also a nationality
            break
        if ctx.title_at(k) is not None or nat is not None:
            break
        s = ctx.name_strength(k)
        if s == 0:
            break
        if ctx.is_definite(k) and not form.endswith("ي") and s < 2 and (
                k - pos < 2 or word_count(form) > 0):
            break  # after two name words an unknown ال-word is a surname: الدبيبة
        if ctx.spans_at.get(k) is not None and s < 2:
            break
        k += 1
    return k


def add_name_pairs(ctx: DocContext) -> None:
    """An Arabic first name and a name-like word: خالد المشري (no title needed)."""
    names = ctx.lex.arabic_names
    for i in range(ctx.n - 1):
        if ctx.forms[i] not in names or "first" not in names[ctx.forms[i]]:
            continue
        if ctx.tokens[i].base_start > ctx.tokens[i].start:
            continue  # و/ب + a name: too often a word
        if i > 0 and ctx.forms[i - 1] in ctx.rules.not_before_name:
            continue  # شهر رمضان المبارك: a month or a feast, not a person
        end = name_after(ctx, i)
        if end - i >= 2 and ctx.name_strength(end - 1) >= 1:
            ctx.add(Candidate(i, end, "PER", P_NAME_PAIR, "rule"))


def add_peoples(ctx: DocContext) -> None:
    """الروس, الليبيون as nouns (a people), not as adjectives after a noun."""
    for i in range(ctx.n):
        nat = ctx.nationality(i)
        if nat is None or not nat.plural:
            continue
        prev = i - 1
        if prev >= 0 and ctx.is_word(prev) and (ctx.is_definite(prev) or not ctx.is_stop(prev)) \
                and ctx.tokens[i].base_start == ctx.tokens[i].start:
            continue  # المسؤولين الروس: an adjective
        ctx.add(Candidate(i, i + 1, "NORP", P_NORP, "rule"))


def can_stand_alone(surname: str, lex: Lexicons, rules: Rules) -> bool:
    """A surname that names its bearer on its own (حفتر), not a common first name (علي)
    nor an ordinary word (الحاضر, هادي)."""
    if len(surname) < 3 or surname in lex.stopwords or surname in rules.name_links:
        return False
    if surname in rules.compound_last or surname in lex.nationalities:
        return False
    wd = lex.name_tokens.get(surname)
    if wd is not None and wd.common:
        return False
    kinds = lex.arabic_names.get(surname, "")
    return "first" not in kinds
