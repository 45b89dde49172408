"""``marsad ingest``: files, folders, feeds and web archives into the store."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from . import add_db_argument

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD")
    return value


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers (1 or more)")
    return n


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders (.txt .html .json .jsonl[.gz] .rss .atom .xml "
                        ".warc[.gz]) or http(s) URLs of feeds or article pages")
    add_db_argument(p, creates=True)
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help="processes running the pipeline (default: the number of CPU cores, "
                        "at most 8)")
    p.add_argument("--stages", help="comma-separated pipeline stages to run (default: all)")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date for articles that give none")
    p.add_argument("--fetch-articles", action="store_true",
                   help="for feed entries, download the linked page and read it as the article")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--json", action="store_true",
                   help="print the final summary as one JSON object on stdout")


def run(args: argparse.Namespace) -> int:
    from ..ingest.ingester import Skip, ingest
    from ..store import open_store

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    workers = args.workers or default_workers()

    def on_skip(item: Skip) -> None:
        if args.no_progress:
            print(f"marsad: skipped {item.where}: {item.reason}", file=sys.stderr)
        else:
            from tqdm import tqdm

            tqdm.write(f"marsad: skipped {item.where}: {item.reason}", file=sys.stderr)

    with open_store(args.db) as store:
        report = ingest(args.paths, store, workers=workers, stages=stages,
                        published=args.published, progress=not args.no_progress,
                        fetch_articles=args.fetch_articles, on_skip=on_skip)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(report.summary())
    # every record was bad: say so in the exit status
    return 1 if report.skipped and report.seen == len(report.skipped) else 0
