"""Mentions from the statistical tagger (``marsad.ner``), typed with the lexicons: its LOC
spans become GPE, LOC or FAC by the gazetteer and head words, its MISC nationalities NORP."""

from __future__ import annotations

from typing import Any

from ..linking.geo import choose_place
from .candidates import P_MODEL, Candidate
from .context import DocContext
from .persons import name_after


def add_model(ctx: DocContext) -> None:
    tagger = ctx.finder.tagger
    if tagger is None:
        return
    index = {tok.base_start: i for i, tok in enumerate(ctx.doc.tokens)}
    index.update({tok.base_start: i for i, tok in enumerate(ctx.tokens)})
    ends = {tok.end: i for i, tok in enumerate(ctx.tokens)}
    for spans in _tag(tagger, ctx):
        for start, end, label in spans:
            first, last = index.get(start), ends.get(end)
            if first is None or last is None or last < first:
                continue
            first, last = trim_model_span(ctx, first, last, label)
            if last < first:
                continue
            if label == "ORG":
                first, label = split_person(ctx, first, last, label)
            if label in ("PERS", "PER"):
                last = extend_person(ctx, first, last)
            etype = model_type(ctx, first, last + 1, label)
            if etype:
                ctx.add(Candidate(first, last + 1, etype, P_MODEL, "model"))


def _tag(tagger: Any, ctx: DocContext) -> list[list[tuple[int, int, str]]]:
    """The tagger's spans, sentence by sentence. A tagger that reads a whole document
    (``tag_document_spans``: the CRF's second pass and its name propagation see every
    sentence: بييلسا after مارسيلو بييلسا) is given the whole document; a failure loses
    the model's mentions only, never the rules'."""
    sentences = [toks for toks in _sentence_tokens(ctx) if toks]
    try:
        if hasattr(tagger, "tag_document_spans"):
            return list(tagger.tag_document_spans(ctx.text, sentences))
        return [tagger.tag_spans(ctx.text, toks) for toks in sentences]
    except Exception:  # noqa: BLE001 - a model failure must not lose the rules' mentions
        return []


def _sentence_tokens(ctx: DocContext) -> list[list[Any]]:
    """The document's tokens sentence by sentence (``Document.tokens_in`` for every
    sentence, in one pass)."""
    out: list[list[Any]] = []
    tokens = ctx.doc.tokens
    k = 0
    for sent in ctx.doc.sentences:
        while k < len(tokens) and tokens[k].end <= sent.start:
            k += 1
        j = k
        toks = []
        while j < len(tokens) and tokens[j].start < sent.end:
            toks.append(tokens[j])
            j += 1
        out.append(toks)
    return out


def trim_model_span(ctx: DocContext, first: int, last: int, label: str) -> tuple[int, int]:
    """Cut a tagger span at a conjunction (مجلس الأمن وألمانيا) and drop a leading
    nationality from a person (الليبي معمر القذافي)."""
    for k in range(first + 1, last + 1):
        tok = ctx.tokens[k]
        if tok.base_start > tok.start and ctx.text[tok.start:tok.start + 1] in "وف":
            last = k - 1
            break
    if label in ("PERS", "PER"):
        while first <= last and ctx.nationality(first) is not None:
            first += 1
    return first, last


def split_person(ctx: DocContext, first: int, last: int, label: str) -> tuple[int, str]:
    """An organisation span that is a common noun and a person's name (الهيئة محمد علي):
    the person, from the known first name on."""
    k = first + 1
    if k > last or "first" not in ctx.lex.arabic_names.get(ctx.forms[k], ""):
        return first, label
    if ctx.lex.org_parts.get(ctx.forms[first]) is None or name_after(ctx, k) <= k:
        return first, label
    return k, "PERS"


def extend_person(ctx: DocContext, first: int, last: int) -> int:
    """A person the tagger cut short: the rules' reading of the name from its first word
    goes on (خالد بن فريج [الجهني], سعد عابس [الشهري]); never past the sentence."""
    end = name_after(ctx, first)
    return end - 1 if end - 1 > last and ctx.same_sentence(first, end - 1) else last


def model_type(ctx: DocContext, first: int, end: int, label: str) -> str | None:
    if label in ("PERS", "PER"):
        return "PER"
    if label == "ORG":
        return "ORG"
    if label == "LOC":
        key = " ".join(ctx.forms[first:end])
        places = ctx.lex.places.get(key)
        if places:
            place = choose_place(places)
            return place.type if place else "GPE"
        if ctx.forms[first] in ctx.rules.loc_heads:
            return "LOC"
        part = ctx.lex.org_parts.get(ctx.forms[first])
        if part is not None and part.type == "FAC":
            return "FAC"
        nat = ctx.nationality(first)
        if nat is not None and end == first + 1:
            return None  # الليبي alone: an adjective the tagger took for a place
        return "GPE"
    if label == "MISC":
        nat = ctx.nationality(first)
        if nat is not None and end == first + 1:
            return "NORP" if nat.plural else None
        # one-word MISC (currencies, materials: دولار, اليورانيوم) is mostly noise
        return "MISC" if end - first > 1 else None
    return None
