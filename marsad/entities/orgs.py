"""Organisations and facilities from a head word and what follows it, quoted outlet names,
military units, and regions made of a direction and a country."""

from __future__ import annotations

from ..linking.geo import DIRECTIONS
from .candidates import P_INNER_NAMES, P_REGION, P_RULE_ORG, Candidate
from .context import DocContext

# Words a title's or an organisation's complement takes at most.
MAX_COMPLEMENT = 8


def add_org_rules(ctx: DocContext) -> None:
    lex = ctx.lex
    i = 0
    while i < ctx.n:
        heads = [(end, key) for end, key in ctx.match_kinds(i, "part")
                 if lex.org_parts[key].role == "head"]
        if not heads:
            i += 1
            continue
        end, key = max(heads)
        part = lex.org_parts[key]
        cand = org_from_head(ctx, i, end, key, part.type or "ORG")
        if cand is not None:
            ctx.add(cand)
            if cand.start_char is None:
                ctx.spans_at[i] = cand
            i = max(i + 1, cand.end if cand.start_char is None else i + 1)
        else:
            i += 1


def add_quoted_outlets(ctx: DocContext) -> None:
    """A quoted name after a reporting verb is a news outlet: اطلعت "العين الإخبارية"."""
    cues = ctx.rules.outlet_cues
    for i in range(ctx.n - 1):
        if ctx.forms[i] not in cues and ctx.tokens[i].norm not in cues:
            continue
        if not ctx.is_quote(i + 1):
            continue
        inside = quoted(ctx, i + 1)
        if inside is None or inside[1] - inside[0] > 4:
            continue
        if any(ctx.tokens[k].kind != "word" for k in range(*inside)):
            continue
        ctx.add(Candidate(inside[0], inside[1], "ORG", P_RULE_ORG, "rule"))


def org_from_head(ctx: DocContext, i: int, head_end: int, key: str,
                  etype: str) -> Candidate | None:
    form = ctx.forms[i]
    rules = ctx.rules
    # a quoted own name after a news-outlet word: وكالة "سبوتنيك" -> سبوتنيك
    if form in rules.outlet_heads and head_end == i + 1 and ctx.is_quote(head_end):
        inside = quoted(ctx, head_end)
        if inside is not None:
            return Candidate(inside[0], inside[1], "ORG", P_RULE_ORG, "rule")
    # a facility with its name in quotes: مسجد "موسكو الجامع"
    if etype == "FAC" and ctx.is_quote(head_end):
        inside = quoted(ctx, head_end)
        if inside is not None:
            return Candidate(i, inside[1] + 1, "FAC", P_RULE_ORG, "rule")
    # a military unit with a number: الكتيبة 166 مشاة
    if form in rules.unit_heads and head_end < ctx.n and ctx.tokens[head_end].kind == "number":
        end = head_end + 1
        units = [e for e, k in ctx.match_kinds(end, "part") if ctx.lex.org_parts[k].role == "unit"]
        if units:
            end = max(units)
        return Candidate(i, end, "ORG", P_RULE_ORG, "rule")
    end = complement(ctx, head_end, org=True, after_definite=ctx.is_definite(head_end - 1))
    if etype == "FAC" and end == head_end and ctx.name_strength(head_end) >= 1 \
            and not ctx.is_definite(head_end) and ctx.same_sentence(i, head_end):
        end = complement(ctx, head_end + 1, org=True)  # مطار معيتيقة (الدولي)
        end = max(end, head_end + 1)
    multiword_head = " " in key
    if end == head_end and not multiword_head:
        return None
    if etype == "FAC" and end == head_end:
        return None
    return Candidate(i, end, etype, _priority(ctx, head_end, end), "rule")


def _priority(ctx: DocContext, head_end: int, end: int) -> float:
    """A name built from a head holds the known names and titled people of its complement
    (اللجنة التنفيذية للفيفا, مستشفى الملك فهد): it outranks them."""
    for k in range(head_end, end):
        if ctx.forms[k] in ctx.rules.patrons:
            return P_INNER_NAMES
        for inner_end, kind, key in ctx.matches.get(k, ()):
            if inner_end > end:
                continue
            if kind == "person" or kind == "org" and ctx.lex.known_orgs[key].strong:
                return P_INNER_NAMES
    return P_RULE_ORG


def quoted(ctx: DocContext, q: int) -> tuple[int, int] | None:
    """Token range inside the quotes opening at ``q`` (at most 6 words)."""
    for j in range(q + 1, min(ctx.n, q + 8)):
        if ctx.is_quote(j):
            return (q + 1, j) if j > q + 1 else None
        if ctx.tokens[j].kind == "punct" and ctx.forms[j] not in "+-/&.":
            return None
    return None


def complement(ctx: DocContext, j: int, *, org: bool = False,
               after_definite: bool = False) -> int:
    """End of the phrase completing a title or an organisation head at ``j``.

    After an indefinite word a genitive follows (وزير الدفاع, رئيس أركان الوحدات);
    after a definite one only adjectives do (الجيش الليبي, الوكالة الدولية) or a
    genitive with لل (القائد العام للجيش الليبي). A word carrying و, ف, ب or ل
    (وألمانيا, لحماس) ends the phrase.
    """
    k = j
    consumed = False
    definite = after_definite
    while k < ctx.n and k - j < MAX_COMPLEMENT and ctx.same_sentence(j, k):
        if any(kind == "person" for _, kind, _ in ctx.matches.get(k, ())):
            break
        lil = ctx.is_lil(k)
        if ctx.has_particles(k) and not lil:
            place = ctx.spans_at.get(k)
            if org and (consumed or k == j) and place is not None and place.type in ("GPE", "LOC") \
                    and ctx.text[ctx.tokens[k].start:ctx.tokens[k].base_start] == "ب":
                k = place.end  # الغرفة التجارية بجدة: the body's seat ends its name
                consumed = True
            break
        nat = ctx.nationality(k)
        if nat is not None and not nat.plural:
            k += 1
            consumed = True
            # a nationality ends the phrase, unless another follows (العربية الليبية)
            while k < ctx.n and (n2 := ctx.nationality(k)) is not None and not n2.plural:
                k += 1
            break
        span = ctx.spans_at.get(k)
        if span is not None and span.start_char is None and span.end > k:
            if span.end == k + 1 and ctx.name_strength(k) == 2 \
                    and ctx.name_strength(k + 1) > 0:
                break  # فلاديمير بوتين: a first name, not the city of Vladimir
            if definite and not lil:
                break  # الوكالة الأمم المتحدة: two names side by side
            k = span.end
            consumed = True
            definite = True
            continue
        if ctx.is_quote(k) and consumed:
            inside = quoted(ctx, k)
            if inside is None or inside[1] - inside[0] > 3:
                break
            k = inside[1] + 1
            continue
        if org and ctx.forms[k] in ctx.rules.patrons:
            from .persons import name_after  # persons reads complements too

            named = name_after(ctx, k + 1, after_rank=True)
            if named > k + 1:
                k = named  # مستشفى الملك فهد: the patron's title and name
                consumed = True
                definite = True
                continue
        if not ctx.is_word(k) or ctx.is_stop(k) or ctx.title_at(k) is not None:
            if org and ctx.tokens[k].kind == "number" and consumed:
                k += 1
                continue
            break
        if lil and ctx.forms[k] not in ctx.lex.org_parts:
            break  # للمرة الأولى: not a genitive complement
        if ctx.is_definite(k):
            if definite and not lil and not ctx.is_adjective(k):
                break  # الوكالة الرد: a definite noun cannot take another
            if not org and not consumed and ctx.name_strength(k) == 2 \
                    and ctx.forms[k] not in ctx.lex.org_parts:
                break  # الرئيس السيسي: a surname, not a portfolio
            k += 1
            consumed = True
            definite = True
            continue
        if definite:
            break
        if ctx.has_pronoun(k) and not consumed and not org:
            return k + 1  # مدير مكتبه
        nxt = k + 1
        if ctx.forms[k] in ctx.rules.name_links:
            break  # عبد الله, أبو بكر: a name begins
        if nxt < ctx.n and ((ctx.is_definite(nxt) and not ctx.is_stop(nxt))
                            or nxt in ctx.spans_at) \
                and not ctx.has_particles(nxt) \
                and ctx.name_strength(k) < 2 and ctx.same_sentence(j, nxt):
            k += 1  # a construct noun: رئيس أركان الوحدات
            continue
        break
    return k if consumed else j


def add_regions(ctx: DocContext) -> None:
    """الشرق الليبي, شرق ليبيا: a direction and a country make a region (LOC)."""
    for i in range(ctx.n - 1):
        form = ctx.forms[i]
        if form not in DIRECTIONS:
            continue
        nxt = i + 1
        nat = ctx.nationality(nxt)
        if form.startswith("ال") and nat is not None and not nat.plural and nat.country:
            ctx.add(Candidate(i, nxt + 1, "LOC", P_REGION, "rule"))
            continue
        span = ctx.spans_at.get(nxt)
        if not form.startswith("ال") and span is not None and span.type == "GPE":
            ctx.add(Candidate(i, span.end, "LOC", P_REGION, "rule"))
