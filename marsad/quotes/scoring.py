"""Score quotes against a gold file (``tests/quotes/data/*.jsonl``).

A gold line: ``{"id", "published", "text", "entities": [[surface, type, [aliases]?], ...],
"quotes": [{"kind", "speaker", "via", "evidence"}]}``. A predicted quote *matches* a gold
one when it has the same kind and its span contains the evidence; it matches *strictly*
when, besides, its speaker and via name the gold speaker and via (None matching None).
Each gold quote takes at most one prediction and each prediction at most one gold quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, Entity, Quote, Span
from ..errors import InputError
from ..eval.corpus import read_gold  # noqa: F401  (one reader of gold JSONL)
from ..scoring import Counts
from ..text import normalize

KINDS = ("direct", "indirect")
_CLITICS = "وفبلك"




def gold_entities(text: str, entities: Sequence[Sequence[Any]]) -> tuple[Entity, ...]:
    """Entities T1… built from gold ``[surface, type, aliases?]`` rows, with a mention at
    every whole-word occurrence of the surface or an alias (clitics و ف ب ل ك allowed)."""
    built = []
    for n, row in enumerate(entities, 1):
        surface, etype = row[0], row[1]
        forms = [surface, *(row[2] if len(row) > 2 else [])]
        spans = sorted({s for form in forms for s in find_word(text, form)}, key=lambda s: s.start)
        built.append(Entity(f"T{n}", etype, surface, tuple(spans)))
    return tuple(built)


def find_word(text: str, form: str) -> list[Span]:
    spans = []
    for m in re.finditer(re.escape(form), text):
        s, e = m.start(), m.end()
        before = text[max(0, s - 2):s]
        ok_before = s == 0 or not _is_letter(text[s - 1]) or (
            text[s - 1] in _CLITICS and (s < 2 or not _is_letter(before[0]) or before[0] in _CLITICS))
        if ok_before and (e == len(text) or not _is_letter(text[e])):
            spans.append(Span(s, e))
    return spans


def _is_letter(ch: str) -> bool:
    return ch.isalpha() and ch != "ـ"


def gold_document(item: dict[str, Any]) -> Document:
    """The gold item's text through the text stage, with the gold entities on it."""
    from ..pipeline import Pipeline

    doc = Document(text=item["text"], id=item.get("id", ""), published=item.get("published"))
    doc = Pipeline(["text"]).run(doc)
    return doc.with_layers(entities=gold_entities(doc.text, item.get("entities", [])))


def names_match(doc: Document, entity_id: str | None, gold: str | None) -> bool:
    """Whether a predicted entity id names the gold surface (None matches None only)."""
    if entity_id is None or gold is None:
        return entity_id is None and gold is None
    ent = doc.entity(entity_id)
    if ent is None:
        return False
    want = _name_key(gold)
    names = {_name_key(ent.name)} | {_name_key(doc.text[s.start:s.end]) for s in ent.mentions}
    if want in names:
        return True
    # the pipeline's canonical name may be longer or shorter than the gold surface
    # (خليفة أبوالقاسم حفتر / خليفة حفتر): accept when one's words contain the other's
    words = set(want.split())
    return any(words <= set(n.split()) or set(n.split()) <= words for n in names if n)


def _name_key(name: str) -> str:
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in normalize(name).split()]
    return " ".join(w.strip('"«»“”()') for w in words)


@dataclass
class QuoteScores:
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    overall: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)
    matched: int = 0
    speaker_ok: int = 0
    via_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.matched if self.matched else 0.0

    @property
    def via_accuracy(self) -> float:
        return self.via_ok / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, c in [*self.kinds.items(), ("overall", self.overall), ("strict", self.strict)]:
            out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = (
                round(c.precision, 4), round(c.recall, 4), round(c.f1, 4))
        out["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        out["via_accuracy"] = round(self.via_accuracy, 4)
        return out

    def table(self) -> str:
        lines = [f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for name, c in [*self.kinds.items(), ("overall", self.overall), ("strict", self.strict)]:
            lines.append(f"{name:10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                         f"{c.tp:4d} {c.fp:4d} {c.fn:4d}")
        lines.append(f"speaker accuracy {self.speaker_accuracy:.3f} ({self.speaker_ok}/{self.matched} "
                     f"matched); via accuracy {self.via_accuracy:.3f}")
        return "\n".join(lines)


def score_document(doc: Document, gold: Sequence[dict[str, Any]], scores: QuoteScores,
                   *, item_id: str = "") -> None:
    """Add one document's predicted quotes, matched against its gold quotes, to ``scores``."""
    used: set[int] = set()
    for g in gold:
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(g["evidence"]), doc.text)]
        if not spans:
            raise InputError(f"evidence {g['evidence']!r} is not in the text", where=item_id)
        hit = _best(doc, g, spans, used)
        if hit is None:
            scores.kinds[g["kind"]].fn += 1
            scores.overall.fn += 1
            scores.strict.fn += 1
            scores.errors.append(f"{item_id}: missed {g['kind']} {g['evidence']!r}")
            continue
        used.add(hit)
        q = doc.quotes[hit]
        speaker_ok = names_match(doc, q.speaker, g.get("speaker"))
        via_ok = names_match(doc, q.via, g.get("via"))
        scores.kinds[g["kind"]].tp += 1
        scores.overall.tp += 1
        scores.matched += 1
        scores.speaker_ok += speaker_ok
        scores.via_ok += via_ok
        if speaker_ok and via_ok:
            scores.strict.tp += 1
        else:
            scores.strict.fp += 1
            scores.strict.fn += 1
            got = (_name(doc, q.speaker), _name(doc, q.via))
            scores.errors.append(f"{item_id}: {g['evidence']!r} speaker/via {got} != "
                                 f"{(g.get('speaker'), g.get('via'))}")
    for n, q in enumerate(doc.quotes):
        if n not in used:
            scores.kinds[q.kind].fp += 1
            scores.overall.fp += 1
            scores.strict.fp += 1
            scores.errors.append(f"{item_id}: extra {q.kind} {doc.text[q.start:q.end]!r}")


def _best(doc: Document, g: dict[str, Any], spans: list[tuple[int, int]], used: set[int]) -> int | None:
    """The unused prediction that contains the evidence, preferring a strict match."""
    found = [n for n, q in enumerate(doc.quotes) if n not in used and q.kind == g["kind"]
             and any(_contains(q, s, e) for s, e in spans)]
    for n in found:
        if names_match(doc, doc.quotes[n].speaker, g.get("speaker")):
            return n
    return found[0] if found else None


def _contains(q: Quote, start: int, end: int) -> bool:
    return q.start <= start and end <= q.end


def _name(doc: Document, entity_id: str | None) -> str | None:
    ent = doc.entity(entity_id) if entity_id else None
    return ent.name if ent else None


def score_items(items: Iterable[dict[str, Any]], annotate: Callable[[dict[str, Any]], Document]) -> QuoteScores:
    """Score every gold item, ``annotate`` turning an item into a Document with quotes."""
    scores = QuoteScores()
    for item in items:
        score_document(annotate(item), item.get("quotes", []), scores, item_id=item.get("id", ""))
    return scores
