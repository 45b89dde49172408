"""``marsad train ner --conll FILE [--wojood FILE] [--realnews GOLD] [--realnews-dev GOLD]``
(the NER tagger) and ``marsad train events`` (the event detector), each with a fixed seed."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="model", metavar="MODEL", required=True)
    ner = sub.add_parser("ner", help="train the CRF NER tagger on a BIO CoNLL file",
                         description="Train on all but the dev split (1 block in 10), "
                                     "score on dev, write ner.crfsuite, ner-doc.crfsuite and ner-dev-scores.json.")
    ner.add_argument("--conll", required=True, help="training file (token tag per line)")
    ner.add_argument("--out", default=None,
                     help="output folder (default: the package's marsad/ner/data)")
    ner.add_argument("--seed", type=int, default=13, help="seed of the dev split and dropout")
    ner.add_argument("--jobs", type=int, default=1,
                     help="processes for the jackknife folds (the result does not depend on it)")
    ner.add_argument("--wojood", default=None,
                     help="the Wojood sample (nested tags), trained on but for one block in five")
    ner.add_argument("--realnews", default=None,
                     help="a real-news gold file (tests/realnews/train.jsonl) to train on; its "
                          "text is read from SaudiNewsNet")
    ner.add_argument("--realnews-dev", default=None,
                     help="a real-news gold file scored after training (never trained on)")
    ner.add_argument("--anercorp-copies", type=int, default=1,
                     help="how many times the ANERcorp part is trained on (a weight)")


    events = sub.add_parser(
        "events", help="train the event detector (PLOVER type or none per lexicon candidate)",
        description="Train on the PLOVER Arabic GSR training half and the project's sentence "
                    "set, cross-validate by document on the GSR, write detector.npz and "
                    "detector-report.json.")
    events.add_argument("--gsr", default=None,
                        help="GSR folder (default: ../shared/data/events/plover-arabic-gsr)")
    events.add_argument("--sentences", default=None,
                        help="sentence set JSONL (default: tests/events/data/dev.jsonl)")
    events.add_argument("--realnews", default=None,
                        help="also train on a real-news gold file (SaudiNewsNet, CC BY-NC-SA: "
                             "for experiments only, never for the shipped weights)")
    events.add_argument("--out", default=None,
                        help="output folder (default: the package's marsad/data/events)")
    events.add_argument("--seed", type=int, default=13, help="seed of the folds and the weights")
    events.add_argument("--folds", type=int, default=5, help="GSR cross-validation folds (1: none)")


def run(args: argparse.Namespace) -> int:
    if args.model == "events":
        return _train_events(args)
    from pathlib import Path

    from marsad.ner.tagger import default_model_path
    from marsad.ner.training import train_ner

    out = Path(args.out) if args.out else default_model_path().parent
    train_ner(args.conll, out, seed=args.seed, jobs=args.jobs, wojood=args.wojood,
              realnews=args.realnews, realnews_dev=args.realnews_dev,
              anercorp_copies=args.anercorp_copies)
    return 0


def _train_events(args: argparse.Namespace) -> int:
    import json
    from importlib import resources
    from pathlib import Path

    from marsad.events import training

    out = Path(args.out) if args.out else Path(str(resources.files("marsad") / "data" / "events"))
    report = training.train_events(
        out, seed=args.seed,
        gsr_dir=Path(args.gsr) if args.gsr else training.GSR_DIR,
        sentences=Path(args.sentences) if args.sentences else training.SENTENCE_SET,
        realnews=Path(args.realnews) if args.realnews else None,
        cv_folds=args.folds, progress=True,
    )
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0
