"""How often each source of English names is right, on whole real articles.

    python -m marsad.linking.sources tests/realnews/dev.jsonl [--json] [--wrong]

Each gold entity (PER, ORG, GPE, LOC, FAC with an English name) is paired, as in
``marsad eval facts``, with the predicted entity that holds most of its mentions (mentions
overlap, whatever their type); the predicted English name is right when it is one of the
gold forms, folded as the facts scorer folds them (``marsad.eval.facts.normalize_name``).
The tally is by ``name_en_source`` (``table``, ``wikidata``, ``compositional``,
``transliteration``), with the mean confidence of the right and the wrong names, so that
a caller can see which sources and which confidences to trust. Gold entities that were not
found are counted apart (``not found``): they have no source.

The article text is read from SaudiNewsNet (``marsad.eval.corpus``); never run this on a
split that is held out for a final score.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SCORED = ("PER", "ORG", "GPE", "LOC", "FAC")


@dataclass
class SourceTally:
    right: int = 0
    wrong: int = 0
    confidence_right: list[float] = field(default_factory=list)
    confidence_wrong: list[float] = field(default_factory=list)
    examples: list[tuple[str, str, list[str]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.wrong

    def as_dict(self) -> dict[str, Any]:
        def mean(xs: list[float]) -> float | None:
            return round(sum(xs) / len(xs), 3) if xs else None

        return {"right": self.right, "wrong": self.wrong,
                "wrong_rate": round(self.wrong / self.total, 3) if self.total else None,
                "confidence_right": mean(self.confidence_right),
                "confidence_wrong": mean(self.confidence_wrong)}


def _overlap(a: Iterable[int], b: Iterable[int]) -> bool:
    a0, a1 = a
    b0, b1 = b
    return a0 < b1 and b0 < a1


def tally_article(gold: dict[str, Any], doc: dict[str, Any], text: str,
                  tallies: dict[str, SourceTally]) -> None:
    """Add one article's gold entities (gold line) against its prediction (contract JSON)."""
    from ..eval.facts import normalize_name

    preds = [e for e in doc.get("entities", []) if e["type"] in SCORED]
    for ent in gold["entities"]:
        if ent["type"] not in SCORED or not ent.get("name_en"):
            continue
        votes: dict[int, int] = defaultdict(int)
        for span in ent["mentions"]:
            for k, pred in enumerate(preds):
                if any(_overlap(span, (m["start"], m["end"])) for m in pred["mentions"]):
                    votes[k] += 1
        if not votes:
            tallies["not found"].wrong += 1
            continue
        pred = preds[max(votes, key=lambda k: (votes[k], -k))]
        english = pred.get("name_en")
        source = pred.get("name_en_source") or ("none" if not english else "?")
        accepted = {normalize_name(n) for n in ent["name_en"]}
        ok = bool(english) and normalize_name(english) in accepted
        tally = tallies[source]
        confidence = float(pred.get("name_en_confidence") or 0.0)
        if ok:
            tally.right += 1
            tally.confidence_right.append(confidence)
        else:
            tally.wrong += 1
            tally.confidence_wrong.append(confidence)
            surface = text[ent["mentions"][0][0]:ent["mentions"][0][1]]
            tally.examples.append((surface, str(english), list(ent["name_en"])))


def source_report(gold_path: str) -> dict[str, SourceTally]:
    from ..api_python import extract
    from ..eval.corpus import join_text, read_gold

    golds = read_gold(gold_path)
    records = join_text(golds)
    tallies: dict[str, SourceTally] = defaultdict(SourceTally)
    for gold in golds:
        rec = records[int(gold["record"])]
        doc = extract(rec.text, published=gold.get("published"), id=gold["id"]).to_json()
        tally_article(gold, doc, rec.text, tallies)
    return dict(tallies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="a real-news gold file (tests/realnews/dev.jsonl)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--wrong", action="store_true", help="list the wrong names")
    args = parser.parse_args(argv)
    tallies = source_report(args.gold)
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in sorted(tallies.items())}, indent=1))
        return 0
    print(f"{'source':<16} {'right':>6} {'wrong':>6} {'wrong %':>8} {'conf right':>11} {'conf wrong':>11}")
    for source, t in sorted(tallies.items(), key=lambda kv: -kv[1].total):
        d = t.as_dict()
        rate = f"{100 * d['wrong_rate']:.1f}" if d["wrong_rate"] is not None else "-"
        print(f"{source:<16} {t.right:6d} {t.wrong:6d} {rate:>8} "
              f"{d['confidence_right'] or 0:11.2f} {d['confidence_wrong'] or 0:11.2f}")
    if args.wrong:
        for source, t in sorted(tallies.items()):
            for surface, got, gold in t.examples:
                print(f"  [{source}] {surface} -> {got}   gold: {' | '.join(gold)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
