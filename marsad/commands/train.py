"""``marsad train ner --conll FILE [--out DIR] [--seed N]``: train the NER tagger."""

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


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from marsad.ner.tagger import default_model_path
    from marsad.ner.training import train_ner

    out = Path(args.out) if args.out else default_model_path().parent
    train_ner(args.conll, out, seed=args.seed, jobs=args.jobs)
    return 0
