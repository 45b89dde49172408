"""The commands of ``marsad``: one module each (``add_arguments`` and ``run``)."""

from __future__ import annotations

import argparse

DB_HELP = ("the store: a SQLite file, or postgresql://USER@HOST/DATABASE "
           "(default: $MARSAD_DB, else ./marsad.db)")


def add_db_argument(p: argparse.ArgumentParser, *, creates: bool = False) -> None:
    """``--db``: the store every command that reads or writes one takes."""
    p.add_argument("--db", default=None, metavar="PATH|URL",
                   help=DB_HELP + ("; created when missing" if creates else ""))
