"""Score predicted events against a gold file (JSON lines), per PLOVER type.

A gold line: ``{"id", "published", "text", "entities": [[surface, type, (aliases)]...],
"dates": [[surface, value]...], "events": [{"type", "mode", "trigger", "source",
"target", "location", "date", "negated"}]}``; a trigger is one surface or a list of the
words of one event; a name may list spellings as ``a|b``.

Two scores, as spaCy's Scorer pairs a prediction with its reference:
``match``: same type and the predicted trigger overlaps a gold trigger word;
``strict``: a match whose source and target name the same actors (by entity name, any
mention surface, or the common-noun actor the stage reports in ``source_text``).
Matching is one to one, in text order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import EVENT_TYPES, DateExpr, Document, Entity, Event, Span
from ..eval.corpus import read_gold  # noqa: F401  (one reader of gold JSONL)
from ..scoring import Counts
from ..text import normalize
from .finder import find_events

Predictor = Callable[[dict[str, Any]], Document]
# End to end means every stage events depend on, run for real (quotes is not needed).
PIPELINE_STAGES = ("text", "entities", "linking", "dates", "events")


@dataclass
class Report:
    match: dict[str, Counts] = field(default_factory=dict)
    strict: dict[str, Counts] = field(default_factory=dict)
    dates_right: int = 0
    negation_right: int = 0
    matched: int = 0
    errors: list[str] = field(default_factory=list)

    def counts(self, kind: str, label: str) -> Counts:
        table = self.match if kind == "match" else self.strict
        return table.setdefault(label, Counts())

    def overall(self, kind: str = "match") -> Counts:
        table = self.match if kind == "match" else self.strict
        total = Counts()
        for c in table.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    def format(self) -> str:
        lines = [f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'strictF1':>9} {'gold':>5}"]
        for label in EVENT_TYPES:
            c, s = self.match.get(label), self.strict.get(label)
            if c is None:
                continue
            gold = c.tp + c.fn
            lines.append(
                f"{label:<12} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                f"{(s or Counts()).f1:9.3f} {gold:5d}"
            )
        o, s = self.overall("match"), self.overall("strict")
        lines.append(
            f"{'overall':<12} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {s.f1:9.3f} "
            f"{o.tp + o.fn:5d}"
        )
        if self.matched:
            lines.append(
                f"matched {self.matched}: date right {self.dates_right / self.matched:.3f}, "
                f"negation right {self.negation_right / self.matched:.3f}"
            )
        return "\n".join(lines)


def gold_document(item: dict[str, Any]) -> Document:
    """The item's text with its gold entities and dates as layers (no model runs)."""
    from ..pipeline import Pipeline

    doc = Pipeline(["text"]).run(Document(item["text"], published=item.get("published")))
    text = doc.text
    taken: list[Span] = []
    entities: list[Entity] = []
    rows = sorted(item.get("entities", []), key=lambda r: -len(r[0]))
    for row in rows:
        surfaces = [row[0]] + (list(row[2]) if len(row) > 2 else [])
        spans: list[Span] = []
        for surface in surfaces:
            for span in _find_all(text, surface):
                if not any(span.overlaps(t) for t in taken + spans):
                    spans.append(span)
        if not spans:
            continue
        taken += spans
        entities.append(Entity("", row[1], row[0], tuple(sorted(spans, key=lambda s: s.start))))
    entities.sort(key=lambda e: e.mentions[0].start)
    entities = [Entity(f"T{i}", e.type, e.name, e.mentions) for i, e in enumerate(entities, 1)]
    dates = []
    for surface, value in item.get("dates", []):
        for span in _find_all(text, surface)[:1]:
            dates.append(DateExpr(span.start, span.end, value))
    dates.sort(key=lambda d: d.start)
    return doc.with_layers(entities=tuple(entities), dates=tuple(dates))


def _find_all(text: str, surface: str) -> list[Span]:
    out, start = [], text.find(surface)
    while start >= 0 and surface:
        out.append(Span(start, start + len(surface)))
        start = text.find(surface, start + 1)
    return out


def stage_alone(item: dict[str, Any]) -> Document:
    doc = gold_document(item)
    return doc.with_layers(events=find_events(doc))


def end_to_end(item: dict[str, Any]) -> Document:
    from ..api_python import extract

    return extract(item["text"], published=item.get("published"), stages=PIPELINE_STAGES)


def evaluate(items: Iterable[dict[str, Any]], predict: Predictor = stage_alone) -> Report:
    report = Report()
    for item in items:
        doc = predict(item)
        score_item(report, doc, item.get("events", []))
    return report


def evaluate_file(path: str | Path, *, end_to_end: bool = True) -> Report:
    predict: Predictor = globals()["end_to_end"] if end_to_end else stage_alone
    return evaluate(read_gold(path), predict)


def score_item(report: Report, doc: Document, gold_events: list[dict[str, Any]]) -> None:
    used: set[int] = set()
    for gold in gold_events:
        spans = [s for w in _triggers(gold) for s in _find_all(doc.text, w)]
        hit = None
        for i, event in enumerate(doc.events):
            if i in used or event.type != gold["type"]:
                continue
            if any(event.trigger.overlaps(s) for s in spans):
                hit = i
                break
        label = gold["type"]
        if hit is None:
            report.counts("match", label).fn += 1
            report.counts("strict", label).fn += 1
            continue
        used.add(hit)
        event = doc.events[hit]
        report.counts("match", label).tp += 1
        report.matched += 1
        report.dates_right += event.date == gold.get("date")
        report.negation_right += event.negated == bool(gold.get("negated"))
        if _same_actors(doc, event, gold):
            report.counts("strict", label).tp += 1
        else:
            report.counts("strict", label).fn += 1
            report.counts("strict", label).fp += 1
    for i, event in enumerate(doc.events):
        if i not in used:
            report.counts("match", event.type).fp += 1
            report.counts("strict", event.type).fp += 1


def _triggers(gold: dict[str, Any]) -> list[str]:
    trig = gold.get("trigger") or []
    return [trig] if isinstance(trig, str) else list(trig)


def _same_actors(doc: Document, event: Event, gold: dict[str, Any]) -> bool:
    for side, ids, nominal in (
        ("source", event.source, event.attrs.get("source_text", [])),
        ("target", event.target, event.attrs.get("target_text", [])),
    ):
        predicted = [_entity_names(doc, x) for x in ids] + [{_key(n)} for n in nominal]
        if not _sides_match(predicted, list(gold.get(side) or [])):
            return False
    return True


def _sides_match(predicted: list[set[str]], gold: list[str]) -> bool:
    if len(predicted) != len(gold):
        return False
    left = list(predicted)
    for name in gold:
        alts = {_key(a) for a in name.split("|")}
        found = next((p for p in left if _names_agree(p, alts)), None)
        if found is None:
            return False
        left.remove(found)
    return True


def _names_agree(names: set[str], alts: set[str]) -> bool:
    for a in alts:
        for n in names:
            if (
                a == n
                or (len(a) > 2 and f" {a} " in f" {n} ")
                or (len(n) > 2 and f" {n} " in f" {a} ")
            ):
                return True
    return False


def _entity_names(doc: Document, entity_id: str) -> set[str]:
    ent = doc.entity(entity_id)
    if ent is None:
        return {entity_id}
    names = {_key(ent.name)} | {_key(m.surface(doc.text)) for m in ent.mentions}
    return names


def _key(name: str) -> str:
    words = normalize(name).replace('"', " ").split()
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)
