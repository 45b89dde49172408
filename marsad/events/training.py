"""``marsad train events``: training data for the event detector, the trainer, and the
cross-validation by document on the PLOVER Arabic GSR training half.

Where labelled candidates come from (each candidate is one lexicon trigger in a document):
- the PLOVER Arabic gold standard records (``../shared/data/events/plover-arabic-gsr``):
  in a sentence labelled ``yes`` for ASSAULT, its ASSAULT and FIGHT candidates keep their
  type; in one labelled ``easy no`` or ``difficult no`` they are NONE; PROTEST likewise.
  Candidates of other types, and ``ambiguous`` sentences, teach nothing and are left out;
- the project's own sentence sets (``tests/events/data/dev.jsonl``, gold entities): a
  candidate whose trigger overlaps a gold trigger takes the gold type (NONE when the gold
  event is negated); every other candidate is NONE. ``test.jsonl`` there is held out;
- optionally (``--realnews FILE``, for experiments only: SaudiNewsNet is CC BY-NC-SA and no
  model trained on its text ships) the real-news gold corpus: a candidate takes the type of
  the gold event whose trigger it overlaps, else of a gold event of its type in its
  sentence, else NONE.

The trainer is a softmax regression fitted by full-batch Adam with L2, from zero weights:
the same data and seed give the same weights.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..document import EVENT_TYPES, Document
from ..errors import InputError
from .detector import NONE, RULES_FLOOR, THRESHOLD, EventDetector, Model, featurize
from .drafts import Draft
from .finder import event_candidates, find_events
from .lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
GSR_DIR = ROOT.parent / "shared" / "data" / "events" / "plover-arabic-gsr"
SENTENCE_SET = ROOT / "tests" / "events" / "data" / "dev.jsonl"
GSR_TYPES = ("ASSAULT", "PROTEST")
GSR_FAMILY = {"ASSAULT": frozenset({"ASSAULT", "FIGHT"}), "PROTEST": frozenset({"PROTEST"})}
GSR_NO = frozenset({"easy no", "difficult no"})
UPSTREAM = ("text", "entities", "linking", "dates")  # the stages events need
CLASSES = [NONE, *EVENT_TYPES]

EPOCHS = 150
LEARNING_RATE = 0.05
L2 = 1e-4
MIN_COUNT = 2  # features seen fewer times are dropped
# The project's sentence sets are few, exact and cover every PLOVER type, where the GSR
# covers two: each of their candidates counts this many times.
SENTENCE_WEIGHT = 3.0


@dataclass
class Example:
    features: list[str]
    label: str
    group: str  # the document it comes from: folds never split a document
    source: str  # gsr | sentences | realnews
    weight: float = 1.0


@dataclass
class GsrSentence:
    id: str
    doc: str
    event_type: str
    label: str
    text: str


@dataclass
class TrainReport:
    examples: dict[str, int] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    features: int = 0


def upstream(text: str, published: str | None = None, doc_id: str = "") -> Document:
    from ..api_python import extract

    return extract(text, published=published, id=doc_id or None, stages=UPSTREAM)


# ---------------------------------------------------------------------------- sources


def read_gsr(folder: Path = GSR_DIR) -> list[GsrSentence]:
    """The GSR training half: one row per (sentence, event type)."""
    out = []
    for event_type in GSR_TYPES:
        path = folder / f"{event_type.lower()}_train.csv"
        try:
            with path.open(encoding="utf-8", newline="") as f:
                for number, row in enumerate(csv.DictReader(f), 2):
                    try:
                        out.append(GsrSentence(row["id"], row["id"].rsplit("-", 1)[0],
                                               event_type, row["label"], row["text"]))
                    except KeyError as e:
                        raise InputError(f"line {number}: no column {e}", where=str(path)) from e
        except OSError as e:
            raise InputError(f"cannot read the GSR file: {e.strerror}", where=str(path)) from e
    return out


def gsr_examples(rows: list[GsrSentence], docs: dict[str, Document]) -> Iterator[Example]:
    for row in rows:
        if row.label != "yes" and row.label not in GSR_NO:
            continue
        doc = docs[row.id]
        cands = event_candidates(doc)
        feats = featurize(doc, cands)
        for cand, f in zip(cands, feats, strict=True):
            if cand.type not in GSR_FAMILY[row.event_type]:
                continue
            label = cand.type if row.label == "yes" else NONE
            yield Example(f, label, "gsr:" + row.doc, "gsr")


def gsr_documents(rows: list[GsrSentence], progress: bool = False) -> dict[str, Document]:
    """Each GSR sentence through the stages before events (one sentence, one document)."""
    out: dict[str, Document] = {}
    items: Iterable[GsrSentence] = rows
    if progress:
        from tqdm import tqdm

        items = tqdm(rows, desc="GSR sentences", unit="sent", leave=False)
    for row in items:
        if row.id not in out:
            out[row.id] = upstream(row.text, doc_id=row.id)
    return out


def sentence_set_examples(path: Path = SENTENCE_SET) -> Iterator[Example]:
    from .score import _find_all, _triggers, gold_document, read_gold

    for item in read_gold(path):
        doc = gold_document(item)
        cands = event_candidates(doc)
        feats = featurize(doc, cands)
        golds = [(g, [s for w in _triggers(g) for s in _find_all(doc.text, w)])
                 for g in item.get("events", [])]
        for cand, f in zip(cands, feats, strict=True):
            label = NONE
            for g, spans in golds:
                if any(cand.trigger.overlaps(s) for s in spans):
                    label = NONE if g.get("negated") else g["type"]
                    break
            yield Example(f, label, "sentences:" + item["id"], "sentences", SENTENCE_WEIGHT)


def realnews_examples(path: Path) -> Iterator[Example]:
    from ..eval.corpus import join_text, read_gold

    golds = read_gold(path)
    records = join_text(golds)
    for g in golds:
        rec = records[int(g["record"])]
        doc = upstream(rec.text, g.get("published"), g["id"])
        cands = event_candidates(doc)
        for cand, f in zip(cands, featurize(doc, cands), strict=True):
            yield Example(f, realnews_label(cand, g["events"]), "realnews:" + g["id"], "realnews")


def realnews_label(cand: Draft, gold_events: list[dict[str, Any]]) -> str:
    start, end = cand.trigger.start, cand.trigger.end
    for e in gold_events:
        if e["trigger"][0] < end and start < e["trigger"][1]:
            return str(e["type"])
    for e in gold_events:
        if e["sentence"][0] <= start < e["sentence"][1] and e["type"] == cand.type:
            return str(e["type"])
    return NONE


# ---------------------------------------------------------------------------- trainer


def fit(examples: list[Example], *, seed: int = 13, epochs: int = EPOCHS,
        l2: float = L2, min_count: int = MIN_COUNT) -> Model:
    """Softmax regression by full-batch Adam; deterministic for a given input and seed."""
    counts: dict[str, int] = {}
    for ex in examples:
        for f in set(ex.features):
            counts[f] = counts.get(f, 0) + 1
    features = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(features)}
    class_index = {c: i for i, c in enumerate(CLASSES)}
    flat: list[int] = []
    owner: list[int] = []
    for row, ex in enumerate(examples):
        ids = sorted({index[f] for f in ex.features if f in index})
        flat += ids
        owner += [row] * len(ids)
    flat_a, owner_a = np.asarray(flat, dtype=np.int64), np.asarray(owner, dtype=np.int64)
    y = np.asarray([class_index[ex.label] for ex in examples])
    sample = np.asarray([ex.weight for ex in examples])[:, None]
    n, k = len(examples), len(CLASSES)
    rng = np.random.default_rng(seed)
    weights = rng.normal(0.0, 1e-3, size=(len(features), k))
    m1 = np.zeros_like(weights)
    m2 = np.zeros_like(weights)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    for step in range(1, epochs + 1):
        scores = np.zeros((n, k))
        np.add.at(scores, owner_a, weights[flat_a])
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        delta = (probs - onehot) * sample / sample.sum()
        grad = np.zeros_like(weights)
        np.add.at(grad, flat_a, delta[owner_a])
        grad += l2 * weights
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        weights -= LEARNING_RATE * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
    return Model(CLASSES, features, weights)


def folds(groups: list[str], k: int, seed: int) -> list[set[str]]:
    """``k`` sets of groups (documents), shuffled with ``seed``."""
    unique = sorted(set(groups))
    random.Random(seed).shuffle(unique)
    return [set(unique[i::k]) for i in range(k)]


# ---------------------------------------------------------------------------- GSR scoring


@dataclass
class GsrScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


def gsr_says(doc: Document, event_type: str, detector: EventDetector | None,
             family: bool = False) -> bool:
    """Whether Marsad reports a (not negated) event of the type in a GSR sentence."""
    wanted = GSR_FAMILY[event_type] if family else {event_type}
    return any(ev.type in wanted and not ev.negated for ev in find_events(doc, detector=detector))


def score_gsr(rows: list[GsrSentence], docs: dict[str, Document],
              detector: EventDetector | None, *, family: bool = False) -> dict[str, GsrScore]:
    """Sentence-level P/R/F1 per type; ``ambiguous`` rows are left out, both kinds of no are no."""
    out = {t: GsrScore() for t in GSR_TYPES}
    for row in rows:
        if row.label != "yes" and row.label not in GSR_NO:
            continue
        said = gsr_says(docs[row.id], row.event_type, detector, family)
        gold = row.label == "yes"
        s = out[row.event_type]
        s.tp += said and gold
        s.fp += said and not gold
        s.fn += gold and not said
        s.tn += not said and not gold
    return out


def cross_validate(rows: list[GsrSentence], docs: dict[str, Document], extra: list[Example],
                   *, k: int = 5, seed: int = 13, threshold: float = THRESHOLD,
                   rules_floor: float = RULES_FLOOR,
                   keep: Callable[[str], bool] | None = None) -> dict[str, Any]:
    """Train on k-1 folds of GSR documents (plus ``extra``), score the held-out fold."""
    gsr = list(gsr_examples(rows, docs))
    if keep is not None:
        gsr = [Example([f for f in ex.features if keep(f)], ex.label, ex.group, ex.source, ex.weight)
               for ex in gsr]
        extra = [Example([f for f in ex.features if keep(f)], ex.label, ex.group, ex.source, ex.weight)
                 for ex in extra]
    parts = folds(["gsr:" + r.doc for r in rows], k, seed)
    total = {t: GsrScore() for t in GSR_TYPES}
    rules = {t: GsrScore() for t in GSR_TYPES}
    for part in parts:
        model = fit([ex for ex in gsr if ex.group not in part] + extra, seed=seed)
        detector = _FilteredDetector(model, keep, threshold, rules_floor)
        held = [r for r in rows if "gsr:" + r.doc in part]
        for t, s in score_gsr(held, docs, detector).items():
            total[t].tp += s.tp
            total[t].fp += s.fp
            total[t].fn += s.fn
            total[t].tn += s.tn
        for t, s in score_gsr(held, docs, None).items():
            rules[t].tp += s.tp
            rules[t].fp += s.fp
            rules[t].fn += s.fn
            rules[t].tn += s.tn
    return {
        "folds": k,
        "detector": {t: s.as_dict() for t, s in total.items()},
        "detector_macro_f1": round(sum(s.f1 for s in total.values()) / len(total), 4),
        "rules": {t: s.as_dict() for t, s in rules.items()},
        "rules_macro_f1": round(sum(s.f1 for s in rules.values()) / len(rules), 4),
    }


class _FilteredDetector(EventDetector):
    """A detector whose features pass through ``keep`` (for the ablation)."""

    def __init__(self, model: Model, keep: Callable[[str], bool] | None, threshold: float,
                 rules_floor: float) -> None:
        super().__init__(model, load_lexicon(), threshold=threshold, rules_floor=rules_floor)
        self.keep = keep

    def decide(self, doc: Document, candidates: list[Draft]) -> list[Draft]:
        if self.keep is None:
            return super().decide(doc, candidates)
        return _decide_with(self, doc, candidates, self.keep)


def _decide_with(det: EventDetector, doc: Document, candidates: list[Draft],
                 keep: Callable[[str], bool]) -> list[Draft]:
    rows = [[f for f in row if keep(f)] for row in featurize(doc, candidates, det.lexicon)]
    probs = det.model.probabilities(rows)
    none = det.model.classes.index(NONE)
    kept = []
    for draft, row in zip(candidates, probs, strict=True):
        masked = np.where(np.arange(len(row)) == none, -1.0, row)
        best = int(np.argmax(masked))
        label = det.model.classes[best]
        ruled = not (draft.flags - {"negated"}) and label == draft.type
        if row[best] >= det.threshold or (ruled and row[best] >= det.rules_floor):
            draft.type = label
            kept.append(draft)
    return kept


# ---------------------------------------------------------------------------- the command


def train_events(out: Path, *, seed: int = 13, gsr_dir: Path = GSR_DIR,
                 sentences: Path = SENTENCE_SET, realnews: Path | None = None,
                 cv_folds: int = 5, progress: bool = False) -> dict[str, Any]:
    """Build the examples, cross-validate on the GSR by document, fit on everything, save."""
    rows = read_gsr(gsr_dir)
    docs = gsr_documents(rows, progress)
    extra = list(sentence_set_examples(sentences))
    if realnews is not None:
        extra += list(realnews_examples(realnews))
    report: dict[str, Any] = {"seed": seed}
    if cv_folds > 1:
        report["gsr_cv"] = cross_validate(rows, docs, extra, k=cv_folds, seed=seed)
    examples = list(gsr_examples(rows, docs)) + extra
    model = fit(examples, seed=seed)
    by_source: dict[str, int] = {}
    labels: dict[str, int] = {}
    for ex in examples:
        by_source[ex.source] = by_source.get(ex.source, 0) + 1
        labels[ex.label] = labels.get(ex.label, 0) + 1
    report["examples"] = by_source
    report["labels"] = dict(sorted(labels.items()))
    report["features"] = len(model.features)
    model.save(out / "detector.npz", {"seed": str(seed), "realnews": str(realnews is not None)})
    (out / "detector-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    return report
