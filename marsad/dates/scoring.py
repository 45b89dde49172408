"""Score date extraction against a gold file.

The gold file is JSON Lines, one sentence a line::

    {"id": "d001", "published": "2023-09-28", "sentence": "...",
     "dates": [{"text": "يوم الخميس", "value": "2023-09-28", "kind": "weekday"}],
     "not": ["5+5"]}

``dates`` lists every date expression of the sentence (its exact text, its ISO value or
null, its kind); ``not`` lists strings that must not be read as (part of) a date. A
repeated text is matched left to right.

Scores:
- accuracy by kind: a gold date is right when a predicted date has exactly its span and
  its value; a ``not`` item (kind ``negative``) is right when no predicted date overlaps it;
- value accuracy: the value is right on a predicted date that overlaps the gold span
  (a looser view that forgives span boundaries);
- span precision/recall/F1 over exact spans, every prediction counted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..document import DateExpr
from ..errors import InputError, MalformedInputError
from ..scoring import Counts


@dataclass(frozen=True)
class GoldDate:
    start: int
    end: int
    text: str
    value: str | None
    kind: str


@dataclass(frozen=True)
class GoldSentence:
    id: str
    sentence: str
    published: str | None
    dates: tuple[GoldDate, ...]
    negatives: tuple[tuple[int, int, str], ...]


@dataclass
class DateScore(Counts):
    """Value accuracy by kind, and span precision/recall (the inherited counts)."""

    total: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    value_correct: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        n = sum(self.total.values())
        return sum(self.correct.values()) / n if n else 0.0

    def kind_accuracy(self, kind: str) -> float:
        return self.correct[kind] / self.total[kind] if self.total[kind] else 0.0


def load_gold(path: str | Path) -> list[GoldSentence]:
    """Read a gold file; a malformed line raises an error naming the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"cannot read gold file: {e}", where=str(path)) from e
    out = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
            out.append(_gold_sentence(rec, where))
        except (ValueError, KeyError, TypeError) as e:
            raise MalformedInputError(f"bad gold record: {e}", where=where) from e
    return out


def _gold_sentence(rec: dict, where: str) -> GoldSentence:
    sentence = rec["sentence"]
    used: list[tuple[int, int]] = []

    def locate(text: str) -> tuple[int, int]:
        pos = 0
        while True:
            i = sentence.find(text, pos)
            if i < 0:
                raise MalformedInputError(f"{text!r} is not in the sentence", where=where)
            span = (i, i + len(text))
            if span not in used:
                used.append(span)
                return span
            pos = i + 1

    dates = []
    for d in rec.get("dates", ()):
        s, e = locate(d["text"])
        dates.append(GoldDate(s, e, d["text"], d.get("value"), d.get("kind", "absolute")))
    negatives = []
    for text in rec.get("not", ()):
        s, e = locate(text)
        negatives.append((s, e, text))
    return GoldSentence(str(rec.get("id", where)), sentence, rec.get("published"),
                        tuple(dates), tuple(negatives))


def score(gold: Iterable[GoldSentence],
          find: Callable[[str, str | None], list[DateExpr]]) -> DateScore:
    """Run ``find(sentence, published)`` over every gold sentence and score it."""
    result = DateScore()
    for g in gold:
        predicted = find(g.sentence, g.published)
        spans = {(p.start, p.end): p for p in predicted}
        gold_spans = {(d.start, d.end) for d in g.dates}
        for d in g.dates:
            result.total[d.kind] += 1
            exact = spans.get((d.start, d.end))
            if exact is not None:
                result.tp += 1
            else:
                result.fn += 1
            if exact is not None and exact.value == d.value:
                result.correct[d.kind] += 1
            else:
                got = exact or next((p for p in predicted if p.start < d.end and d.start < p.end), None)
                shown = f"{g.sentence[got.start:got.end]!r}={got.value}" if got else "nothing"
                result.errors.append(f"{g.id}: {d.text!r} want {d.value} ({d.kind}), got {shown}")
            if any(p.start < d.end and d.start < p.end and p.value == d.value for p in predicted):
                result.value_correct[d.kind] += 1
        for p in predicted:
            if (p.start, p.end) not in gold_spans:
                result.fp += 1
                if not any(p.start < e and s < p.end for s, e, _ in g.negatives):
                    if not any(p.start < d.end and d.start < p.end for d in g.dates):
                        result.errors.append(
                            f"{g.id}: extra {g.sentence[p.start:p.end]!r}={p.value} ({p.kind})")
        for s, e, text in g.negatives:
            result.total["negative"] += 1
            hit = next((p for p in predicted if p.start < e and s < p.end), None)
            if hit is None:
                result.correct["negative"] += 1
                result.value_correct["negative"] += 1
            else:
                result.errors.append(f"{g.id}: not-a-date {text!r} read as "
                                     f"{g.sentence[hit.start:hit.end]!r}={hit.value}")
    return result


def format_score(result: DateScore, *, title: str = "") -> str:
    lines = []
    if title:
        lines.append(title)
    lines.append(f"{'kind':<10} {'n':>5} {'exact':>7} {'value':>7}")
    for kind in sorted(result.total):
        n = result.total[kind]
        lines.append(f"{kind:<10} {n:>5} {result.correct[kind] / n:>7.3f} "
                     f"{result.value_correct[kind] / n:>7.3f}")
    n = sum(result.total.values())
    value = sum(result.value_correct.values()) / n if n else 0.0
    lines.append(f"{'overall':<10} {n:>5} {result.accuracy:>7.3f} {value:>7.3f}")
    lines.append(f"span precision {result.precision:.3f}  recall {result.recall:.3f}  "
                 f"f1 {result.f1:.3f}  (tp {result.tp}, fp {result.fp}, fn {result.fn})")
    return "\n".join(lines)
