"""``marsad migrate``: bring a store to this Marsad's schema version.

Opening a store for writing (``ingest``, ``serve``, ``load``, entity corrections) migrates
it too; readers (``search``, ``export``, ``entities`` lists) refuse an older store and
point here.
"""

from __future__ import annotations

import argparse
import sys

from . import add_db_argument


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)


def run(args: argparse.Namespace) -> int:
    from ..store import SCHEMA_VERSION, open_store

    with open_store(args.db, create=False) as store:
        applied = list(getattr(store, "migrated", []))
    done = ("applied migration " + ", ".join(str(v) for v in applied) if applied
            else "nothing to do")
    print(f"marsad: {store.where} is at schema version {SCHEMA_VERSION}: {done}",
          file=sys.stderr)
    return 0
