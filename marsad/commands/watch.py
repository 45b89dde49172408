"""``marsad watch FEEDS.txt --every 10m``: poll feeds, ingest what is new, raise alerts."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("feeds", metavar="FEEDS.txt",
                   help="a file with one RSS/Atom feed URL a line (# starts a comment)")
    p.add_argument("--every", default="10m", metavar="DURATION",
                   help="time between rounds: 30s, 10m, 2h (default 10m)")
    p.add_argument("--db", default="marsad.db", metavar="PATH",
                   help="the store file (default: ./marsad.db; created when missing)")
    p.add_argument("--webhook", metavar="URL",
                   help="POST new alerts here as JSON (http or https)")
    p.add_argument("--rounds", type=int, default=None, metavar="N",
                   help="stop after N rounds (default: run until interrupted)")
    p.add_argument("--stages", help="comma-separated pipeline stages to run (default: all)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes running the pipeline (default 1)")
    p.add_argument("--no-vectors", action="store_true",
                   help="do not compute meaning-search vectors for new stories")


def run(args: argparse.Namespace) -> int:
    from ..errors import WatchError
    from ..store import Store
    from ..watch import Watcher, parse_every, read_feeds

    every = parse_every(args.every)
    feeds = read_feeds(args.feeds)
    if args.rounds is not None and args.rounds < 1:
        raise WatchError("--rounds must be 1 or more")
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    embedder = None
    if not args.no_vectors:
        from ..store.vectors import default_embedder

        embedder = default_embedder()
    with Store(args.db) as store:
        watcher = Watcher(store, feeds, every=every, webhook=args.webhook, stages=stages,
                          workers=max(1, args.workers), embedder=embedder)
        watcher.run(rounds=args.rounds)
    return 0
