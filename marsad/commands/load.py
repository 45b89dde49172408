"""``marsad load DIR``: the Parquet tables of ``marsad spark extract`` into a store.

Runs story grouping and cross-document entity resolution as ``marsad ingest`` does;
loading the same tables twice adds nothing.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import add_db_argument


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="the --out folder of `marsad spark extract`")
    add_db_argument(p, creates=True)
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--json", action="store_true",
                   help="print the final summary as one JSON object on stdout")


def run(args: argparse.Namespace) -> int:
    from ..ingest.ingester import Skip
    from ..ingest.load import load
    from ..store import open_store

    def on_skip(item: Skip) -> None:
        print(f"marsad: skipped {item.where}: {item.reason}", file=sys.stderr)

    with open_store(args.db) as store:
        report = load(args.folder, store, progress=not args.no_progress, on_skip=on_skip)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(report.summary())
    return 0
