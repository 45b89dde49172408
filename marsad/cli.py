"""The ``marsad`` command: a thin layer over the Python API.

Each command lives in its own module with two functions, ``add_arguments(parser)`` and
``run(args) -> int``. Command modules import only the standard library at module level,
so that ``marsad --help`` stays fast; models and lexicons load inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# (command, module, one-line help). Nested commands use "group command".
COMMANDS: list[tuple[str, str, str]] = [
    ("extract", "marsad.commands.extract", "extract entities, dates, events and quotes from articles"),
    ("ner-tag", "marsad.commands.ner_tag", "tag CoNLL tokens with BIO entity tags"),
    ("eval", "marsad.commands.evaluate", "score a component on a gold file (facts, ner, dates, events, quotes)"),
    ("train", "marsad.commands.train", "train a model (ner) reproducibly"),
    ("ingest", "marsad.commands.ingest", "ingest files, folders, feeds or WARC archives into the store"),
    ("serve", "marsad.commands.serve", "serve the REST API and web UI"),
    ("export", "marsad.commands.export", "export events, entities or quotes as csv, jsonl or parquet"),
    ("search", "marsad.commands.search", "search the store from the command line"),
    ("entities", "marsad.commands.entities", "list, search, merge, split or rename stored entities"),
    ("kb", "marsad.commands.kb", "import a Wikidata JSON dump into the entity knowledge base"),
    ("migrate", "marsad.commands.migrate", "bring a store (SQLite or PostgreSQL) to this version's schema"),
    ("spark", "marsad.commands.spark", "run the pipeline over archives on Spark, writing Parquet facts"),
    ("load", "marsad.commands.load", "load the Parquet facts of `marsad spark extract` into a store"),
    ("vectors", "marsad.commands.vectors", "compute the meaning-search vectors of stored stories"),
    ("watch", "marsad.commands.watch", "poll RSS/Atom feeds, ingest what is new, raise alerts"),
    ("alerts", "marsad.commands.alerts", "saved searches and their alerts"),
]


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Marsad: Arabic-native news intelligence (entities, dates, PLOVER events, quotes).",
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name != module_name:
                raise
            continue  # a command whose module is not built yet
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import MarsadError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except MarsadError as e:
        print(f"marsad: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
