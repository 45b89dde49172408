"""Exact-span precision, recall and F1 per entity type, counted as conlleval counts them.

An entity starts at ``B-X``, or at ``I-X`` after ``O`` or after a tag of another type; it
goes on while ``I-X`` follows. A predicted entity counts only when its start, end and type
all match a gold one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..scoring import prf


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """The (start, end, type) token spans of a BIO sequence, end exclusive."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and kind == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    if start >= 0:
        spans.append((start, len(tags), kind))
    return spans


@dataclass
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    n_pred: Counter[str] = field(default_factory=Counter)
    n_gold: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Sequence[str], pred: Sequence[str]) -> None:
        if len(gold) != len(pred):
            raise ValueError(f"gold has {len(gold)} tags, prediction {len(pred)}")
        gold_spans = set(bio_spans(gold))
        pred_spans = set(bio_spans(pred))
        for span in gold_spans:
            self.n_gold[span[2]] += 1
        for span in pred_spans:
            self.n_pred[span[2]] += 1
            if span in gold_spans:
                self.tp[span[2]] += 1

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """(precision, recall, F1) for one type, or micro-averaged when ``label`` is None."""
        if label is None:
            tp, n_pred, n_gold = (sum(c.values()) for c in (self.tp, self.n_pred, self.n_gold))
        else:
            tp, n_pred, n_gold = self.tp[label], self.n_pred[label], self.n_gold[label]
        return prf(tp, n_pred, n_gold)

    def labels(self) -> list[str]:
        return sorted(set(self.n_gold) | set(self.n_pred))

    def as_dict(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for label in [*self.labels(), None]:
            p, r, f = self.prf(label)
            key = label or "micro"
            support = self.n_gold[label] if label else sum(self.n_gold.values())
            out[key] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                        "support": support}
        return out

    def table(self) -> str:
        lines = [f"{'type':<6} {'prec':>7} {'recall':>7} {'F1':>7} {'gold':>6} {'pred':>6}"]
        for label in [*self.labels(), None]:
            p, r, f = self.prf(label)
            gold = self.n_gold[label] if label else sum(self.n_gold.values())
            pred = self.n_pred[label] if label else sum(self.n_pred.values())
            lines.append(f"{label or 'micro':<6} {p:7.4f} {r:7.4f} {f:7.4f} {gold:6d} {pred:6d}")
        return "\n".join(lines)


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Scores:
    scores = Scores()
    for g, p in zip(gold, pred, strict=True):
        scores.add(g, p)
    return scores
