"""``marsad alerts``: saved searches and the alerts ``marsad watch`` raises for them."""

from __future__ import annotations

import argparse
import json

ACTIONS = ("add", "list", "remove", "show")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .search import add_filter_arguments

    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="save a search: new stories matching it become alerts")
    add.add_argument("name", metavar="NAME", help="a name for the search")
    add.add_argument("--q", dest="query", metavar="WORDS", help="words the story must contain")
    add_filter_arguments(add)
    for name, help_text in (("list", "the saved searches"),
                            ("show", "the alerts of one saved search (or of all), newest first"),
                            ("remove", "forget a saved search and its alerts")):
        action = sub.add_parser(name, help=help_text)
        if name != "list":
            action.add_argument("name", metavar="NAME", nargs="?" if name == "show" else None)
        action.add_argument("--db", default="marsad.db", metavar="PATH",
                            help="the store file (default: ./marsad.db)")
        action.add_argument("--json", action="store_true", help="JSON output: {data, meta}")
    add.add_argument("--json", action="store_true", help="JSON output: {data, meta}")


def run(args: argparse.Namespace) -> int:
    from ..store import Store
    from ..store import alerts as alert_store
    from .search import filters_from_args

    readonly = args.action in ("list", "show")
    with Store(args.db, readonly=readonly, create=not readonly) as store:
        if args.action == "add":
            with store.transaction() as conn:
                saved = alert_store.add_search(conn, args.name, filters_from_args(args, q=args.query))
            data: object = saved.to_json()
            text = f"saved {saved.name!r}: stories stored from now on that match it become alerts"
        elif args.action == "remove":
            with store.transaction() as conn:
                alert_store.remove_search(conn, args.name)
            data, text = {"removed": args.name}, f"removed {args.name!r}"
        elif args.action == "list":
            found = alert_store.searches(store.conn)
            data = [s.to_json() for s in found]
            text = "\n".join(f"{s.name}\t{json.dumps(s.filters.as_dict(), ensure_ascii=False)}"
                             for s in found) or "no saved searches"
        else:
            items = alert_store.alert_items(store.conn, search=args.name)
            data = items
            text = "\n".join(f"{a['created_at']}  {a['search']['name']}  {a['document']['id']}  "
                             f"{a['document']['title'] or ''}" for a in items) or "no alerts"
    if getattr(args, "json", False):
        print(json.dumps({"data": data, "meta": {}}, ensure_ascii=False))
    else:
        print(text)
    return 0
