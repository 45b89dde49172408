"""``marsad kb import DUMP [--db PATH]``: link stored entities to Wikidata.

Streams a Wikidata JSON dump (``.json``, ``.json.gz`` or ``.json.bz2``; one entity per
line, the format of https://dumps.wikimedia.org/wikidatawiki/entities/) and, for each
stored entity whose Arabic name or alias equals an item's Arabic label or alias, records
the item's id and English label. Nothing is downloaded: give it a dump you have.
"""

from __future__ import annotations

import argparse
import sys

from . import add_db_argument


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.description = __doc__
    sub = p.add_subparsers(dest="kb_action", metavar="ACTION")
    imp = sub.add_parser("import", help="link stored entities to the items of a Wikidata dump")
    imp.add_argument("dump", metavar="DUMP", help="a Wikidata JSON dump (.json, .json.gz, .json.bz2)")
    add_db_argument(imp)
    imp.add_argument("--skip-bad-lines", action="store_true",
                     help="skip lines that are not entity JSON (they are counted) instead of stopping")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "kb_action", None) != "import":
        print("usage: marsad kb import DUMP [--db PATH]", file=sys.stderr)
        return 2
    from ..kb import AliasIndex, import_dump
    from ..store import open_store

    bad: list[int] = []
    with open_store(args.db, create=False) as store:
        index = AliasIndex.from_store(store)
        matches = import_dump(args.dump, store, index,
                              errors="skip" if args.skip_bad_lines else "raise", bad_lines=bad)
    for m in matches:
        print(f"{m.entity_id}\t{m.qid}\t{m.name_en or ''}")
    print(f"linked {len(matches)} entities ({len(index)} Arabic aliases in the store)",
          file=sys.stderr)
    if bad:
        print(f"skipped {len(bad)} bad lines (first: line {bad[0]})", file=sys.stderr)
    return 0
