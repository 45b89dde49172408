"""``marsad eval ner|facts|actors|dates|events|quotes``: score a component on a gold file.

``eval ner --conll FILE`` is scored here (exact spans, conlleval counting); the other
components are scored by ``evaluate_cli(args)`` in their stage modules, loaded on demand.
"""

from __future__ import annotations

import argparse
import importlib

_STAGE_SCORERS = {
    "dates": "marsad.stages.dates",
    "events": "marsad.stages.events",
    "quotes": "marsad.stages.quotes",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="component", metavar="COMPONENT", required=True)
    ner = sub.add_parser("ner", help="NER tags against a gold CoNLL file")
    ner.add_argument("--conll", required=True, help="gold CoNLL file (token tag per line)")
    ner.add_argument("--model", default=None, help="a model file other than the shipped one")
    ner.add_argument("--json", action="store_true", help="print the scores as JSON")
    facts = sub.add_parser(
        "facts", help="every fact on whole real articles (tests/realnews/*.jsonl)",
        description="Run Marsad on the gold articles (text joined from SaudiNewsNet in "
                    "../shared, or $MARSAD_SAUDINEWSNET) and score entities, English names, "
                    "codes, dates, events and quotes.")
    facts.add_argument("--gold", required=True, help="gold file, e.g. tests/realnews/dev.jsonl")
    facts.add_argument("--json", action="store_true", help="print the scores as JSON")
    facts.add_argument("--against", default=None, metavar="GOLD2",
                       help="score a second annotation of the same articles instead of Marsad")
    facts.add_argument("--pred", default=None, metavar="JSONL",
                       help="score these documents (marsad extract --jsonl output) instead of "
                            "running Marsad")
    actors = sub.add_parser(
        "actors", help="event actors and their codes on the PLOVER Arabic GSR spans",
        description="Run Marsad on the PLOVER Arabic gold-standard sentences and score actor "
                    "recall and country/sector accuracy (see docs/actors.md).")
    actors.add_argument("--gold", nargs="*", default=None, metavar="SPANS",
                        help="spans files (default: the training half in ../shared)")
    actors.add_argument("--part", choices=("tune", "check", "all"), default=None,
                        help="a fixed half of the documents (default: tune and check for the "
                             "training files, all for files given)")
    actors.add_argument("--json", action="store_true", help="print the scores as JSON")
    actors.add_argument("--verbose", action="store_true", help="list every gold actor's outcome")
    for name in _STAGE_SCORERS:
        p = sub.add_parser(name, help=f"{name} against a gold file")
        p.add_argument("--gold", required=True, help="gold file")
        if name == "events":
            p.add_argument("--gold-entities", action="store_true",
                           help="score the events stage alone, on the gold entities and dates")


def run(args: argparse.Namespace) -> int:
    if args.component == "ner":
        return _run_ner(args)
    if args.component == "facts":
        return _run_facts(args)
    if args.component == "actors":
        from marsad.actors.score import evaluate_cli

        return evaluate_cli(args)
    return _run_stage(args)


def _run_ner(args: argparse.Namespace) -> int:
    import json

    from marsad.ner import load_tagger, read_conll
    from marsad.ner.evaluate import evaluate_sentences

    scores = evaluate_sentences(load_tagger(args.model), read_conll(args.conll))
    print(json.dumps(scores.as_dict(), indent=2) if args.json else scores.table())
    return 0


def _run_facts(args: argparse.Namespace) -> int:
    import json
    import sys

    from marsad.eval.facts import evaluate

    report = evaluate(args.gold, against=args.against, pred=args.pred,
                      progress=sys.stderr.isatty())
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.table())
    return 0


def _run_stage(args: argparse.Namespace) -> int:
    from marsad.errors import ConfigError

    module_name = _STAGE_SCORERS[args.component]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != module_name:
            raise
        raise ConfigError(f"no scorer for {args.component}: {module_name} is not built yet") from e
    scorer = getattr(module, "evaluate_cli", None)
    if scorer is None:
        raise ConfigError(f"no scorer for {args.component}: {module_name} has no evaluate_cli")
    return int(scorer(args) or 0)
