"""``marsad search``: full-text and filtered search of the store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Filters


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The filters shared by ``search`` and ``export``."""
    p.add_argument("--entity", metavar="ID|NAME",
                   help="only what mentions this stored entity (id like E12, or a name, "
                        "Arabic or English)")
    p.add_argument("--type", dest="entity_type", metavar="T",
                   help="only what mentions an entity of this type (PER ORG GPE LOC FAC NORP MISC)")
    p.add_argument("--event-type", metavar="TYPE",
                   help="only what has an event of this PLOVER type (CONSULT, FIGHT, ...)")
    p.add_argument("--since", metavar="DATE", help="published (events: dated) on or after "
                                                   "DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="published (events: dated) on or before "
                                                   "DATE (inclusive)")
    p.add_argument("--source", metavar="NAME", help="only articles from this outlet")
    p.add_argument("--actor", metavar="CODE",
                   help="only what has an event actor with this code: a country (RUS), a "
                        "sector (GOV) or both (RUSGOV); entities: their own code")
    p.add_argument("--source-actor", metavar="CODE",
                   help="the same, for an event's source (who did it)")
    p.add_argument("--target-actor", metavar="CODE",
                   help="the same, for an event's target (to whom)")
    p.add_argument("--db", default="marsad.db", metavar="PATH",
                   help="the store file (default: ./marsad.db)")


def filters_from_args(args: argparse.Namespace, *, q: str | None = None) -> Filters:
    from ..store import Filters

    return Filters(q=q, entity=args.entity, entity_type=args.entity_type,
                   event_type=args.event_type, since=args.since, until=args.until,
                   source=args.source, speaker=getattr(args, "speaker", None),
                   actor=args.actor, source_actor=args.source_actor,
                   target_actor=args.target_actor)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", default=None, metavar="QUERY",
                   help="words to find (Arabic in any spelling or with clitics, or English "
                        "names of entities); every word must match")
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=20, help="results per page (default 20, max 500)")
    p.add_argument("--offset", type=int, default=0, help="results to skip (default 0)")
    p.add_argument("--json", action="store_true", help="JSON output: {data, meta}")


def run(args: argparse.Namespace) -> int:
    from ..store import Store

    filters = filters_from_args(args, q=args.query)
    with Store(args.db, readonly=True) as store:
        page = store.search(filters, limit=args.limit, offset=args.offset)
    if args.json:
        print(json.dumps({"data": page.items, "meta": {**page.meta(), **filters.as_dict()}},
                         ensure_ascii=False))
        return 0
    out = sys.stdout
    print(f"{page.total} stories match (showing {page.offset + 1 if page.items else 0}-"
          f"{page.offset + len(page.items)})", file=out)
    for hit in page.items:
        snippet = " ".join(hit["snippet"]["text"].split())
        copies = f" +{hit['copies']} copies" if hit["copies"] else ""
        print(f"\n{hit['id']}  {hit['published'] or '????-??-??'}  {hit['source'] or ''}{copies}",
              file=out)
        print(f"  {hit['title'] or ''}", file=out)
        print(f"  {snippet}", file=out)
    return 0
