"""``marsad vectors``: compute the meaning-search vectors of every story that lacks them."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="marsad.db", metavar="PATH",
                   help="the store file (default: ./marsad.db)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="embed at most N stories this run (default: all that lack vectors)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..store import Store, vectors

    with Store(args.db, create=False) as store:
        todo = len(vectors.stories_without_vectors(store.conn, limit=args.limit))
        with tqdm(total=todo, desc="vectors", unit=" story", file=sys.stderr,
                  disable=args.no_progress or not todo) as bar:
            report = vectors.build(store.conn, vectors.default_embedder(), limit=args.limit,
                                   on_progress=lambda n: bar.update(1))
    print(report.summary())
    return 0
