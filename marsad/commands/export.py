"""``marsad export``: events, entities or quotes as CSV, JSONL or Parquet."""

from __future__ import annotations

import argparse
import sys

from .search import add_filter_arguments, filters_from_args


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=["events", "entities", "quotes"],
                   help="what to export: events (PLOVER fields), entities or quotes")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv",
                   help="output format (default: csv); parquet needs -o")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here (default: standard output, for csv and jsonl)")
    p.add_argument("--query", "-q", dest="query", metavar="QUERY",
                   help="only what matches these words (entities: by name; events and quotes: "
                        "in articles containing them)")
    p.add_argument("--speaker", metavar="ID|NAME", help="quotes: only this speaker's")
    add_filter_arguments(p)


def run(args: argparse.Namespace) -> int:
    from ..errors import MarsadError
    from ..store import open_store
    from ..store.export import export

    if args.format == "parquet" and not args.output:
        raise MarsadError("Parquet is binary: give -o FILE to write it to a file")
    filters = filters_from_args(args, q=args.query)
    with open_store(args.db, readonly=True) as store:
        if args.output:
            if args.format == "parquet":
                n = export(store, args.kind, "parquet", filters, args.output)
            else:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    n = export(store, args.kind, args.format, filters, out,
                               bom=args.format == "csv")
            print(f"marsad: wrote {n} {args.kind} to {args.output}", file=sys.stderr)
        else:
            export(store, args.kind, args.format, filters, sys.stdout)
    return 0
