"""``marsad ner-tag --conll FILE``: BIO tags for every token of a CoNLL file.

Output is ``token<TAB>tag`` per input token, in order, with the input's blank lines kept
(see shared/contract/CLI.md). Sentences are tagged a window at a time so that names found
in one are also found in its neighbours.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--conll", required=True, help="CoNLL file: the token is the first column")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--model", default=None, help="a model file other than the shipped one")
    which.add_argument("--ner-model", metavar="PATH", default=None,
                       help="a local Hugging Face token-classification model directory "
                            "(needs transformers)")


def run(args: argparse.Namespace) -> int:
    from marsad.errors import InputError
    from marsad.ner import load_hf_tagger, load_tagger
    from marsad.ner.evaluate import tag_sentences

    try:
        with open(args.conll, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read CoNLL file: {e}", where=args.conll) from e
    sentences: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.split()[0])
        elif current:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    tagger = load_hf_tagger(args.ner_model) if args.ner_model else load_tagger(args.model)
    tags = iter(tag for sent in tag_sentences(tagger, sentences) for tag in sent)
    tokens = iter(tok for sent in sentences for tok in sent)
    out = sys.stdout
    for line in lines:
        if line.strip():
            out.write(f"{next(tokens)}\t{next(tags)}\n")
        else:
            out.write("\n")
    out.flush()
    return 0
