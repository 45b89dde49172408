"""``marsad train ner --conll FILE [--wojood FILE] [--realnews GOLD] [--realnews-dev GOLD]
[--out DIR] [--seed N]``: train the NER tagger."""

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


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from marsad.ner.tagger import default_model_path
    from marsad.ner.training import train_ner

    out = Path(args.out) if args.out else default_model_path().parent
    train_ner(args.conll, out, seed=args.seed, jobs=args.jobs, wojood=args.wojood,
              realnews=args.realnews, realnews_dev=args.realnews_dev)
    return 0
