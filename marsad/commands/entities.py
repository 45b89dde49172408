"""``marsad entities``: list, search, show, merge, split or rename stored entities.

    marsad entities [QUERY] [--type T]          search by name (Arabic or English)
    marsad entities show ID                     one entity: aliases, partners, counts
    marsad entities merge KEEP OTHER            OTHER becomes part of KEEP
    marsad entities split ID ALIAS... [--name N] [--name-en N]
                                                move these aliases to a new entity
    marsad entities rename ID [--name N] [--name-en N]
    marsad entities code ID [--country C] [--sector S]
                                                fix its actor code (RUS, GOV; "none": no code)
    marsad entities corrections                 the merges, splits, renames and codes made so far

Corrections are recorded in the store and stick when more articles are ingested.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

ACTIONS = ("show", "merge", "split", "rename", "code", "corrections")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.description = (__doc__ or "").replace("``", "")
    p.add_argument("words", nargs="*", metavar="QUERY | ACTION ARG...",
                   help="a name to search for, or one of: " + ", ".join(ACTIONS))
    p.add_argument("--type", dest="entity_type", metavar="T",
                   help="only entities of this type (PER ORG GPE LOC FAC NORP MISC)")
    p.add_argument("--name", help="split/rename: the canonical Arabic name to give")
    p.add_argument("--name-en", help="split/rename: the English name to give")
    p.add_argument("--country", help="code: ISO 3166-1 alpha-3 country (RUS), or none")
    p.add_argument("--sector", help="code: CAMEO/PLOVER sector (GOV, MIL, COP...), or none")
    p.add_argument("--limit", type=int, default=50, help="entities to list (default 50)")
    p.add_argument("--offset", type=int, default=0, help="entities to skip (default 0)")
    p.add_argument("--db", default="marsad.db", metavar="PATH",
                   help="the store file (default: ./marsad.db)")
    p.add_argument("--json", action="store_true", help="JSON output: {data, meta}")


def run(args: argparse.Namespace) -> int:
    from ..errors import MarsadError
    from ..store import Store

    words: list[str] = list(args.words)
    action = words[0] if words and words[0] in ACTIONS else None
    rest = words[1:] if action else words
    writing = action in ("merge", "split", "rename", "code")
    with Store(args.db, readonly=not writing) as store:
        if action is None:
            page = store.search_entities(" ".join(rest) or None, type=_type(args),
                                         limit=args.limit, offset=args.offset)
            items = [e.to_json() for e in page.items]
            if args.json:
                return _json(items, page.meta())
            print(f"{page.total} entities" + (f" (showing {len(items)})" if page.total > len(items)
                                              else ""))
            for e in items:
                print(_line(e))
            return 0
        if action == "show":
            _need(rest, 1, "show ID")
            profile = store.entity_profile(rest[0])
            if profile is None:
                raise MarsadError(f"no entity {rest[0]!r} in the store")
            if args.json:
                return _json(profile, {})
            _print_profile(profile)
            return 0
        if action == "corrections":
            items = store.corrections()
            if args.json:
                return _json(items, {"total": len(items)})
            for c in items:
                print(json.dumps(c, ensure_ascii=False))
            return 0
        if action == "merge":
            _need(rest, 2, "merge KEEP OTHER")
            entity_id = store.merge(rest[0], rest[1])
            message = f"merged {rest[1]} into {entity_id}"
        elif action == "split":
            if len(rest) < 2:
                raise MarsadError("usage: marsad entities split ID ALIAS... [--name N] [--name-en N]")
            entity_id = store.split(rest[0], rest[1:], name=args.name, name_en=args.name_en)
            message = f"split {', '.join(rest[1:])} from {rest[0]} into {entity_id}"
        elif action == "code":
            _need(rest, 1, "code ID [--country C] [--sector S]")
            fields = {k: v for k, v in (("country", args.country), ("sector", args.sector))
                      if v is not None}
            if not fields:
                raise MarsadError("usage: marsad entities code ID [--country C] [--sector S]")
            code = store.set_code(rest[0], **fields)
            entity_id = rest[0]
            message = (f"coded {entity_id}: country {code['country'] or '-'}, "
                       f"sector {code['sector'] or '-'}")
        else:
            _need(rest, 1, "rename ID [--name N] [--name-en N]")
            entity_id = store.rename(rest[0], name=args.name, name_en=args.name_en)
            message = f"renamed {entity_id}"
        entity = store.entity(entity_id)
        if args.json:
            return _json(entity.to_json() if entity else None, {"message": message})
        print(message)
        if entity:
            print(_line(entity.to_json()))
    return 0


def _type(args: argparse.Namespace) -> str | None:
    from ..document import ENTITY_TYPES
    from ..store import QueryError

    if args.entity_type is None:
        return None
    t = args.entity_type.upper()
    if t not in ENTITY_TYPES:
        raise QueryError(f"unknown entity type {t!r}; use one of {', '.join(ENTITY_TYPES)}")
    return str(t)


def _need(rest: list[str], n: int, usage: str) -> None:
    from ..errors import MarsadError

    if len(rest) != n:
        raise MarsadError(f"usage: marsad entities {usage}")


def _json(data: Any, meta: dict[str, Any]) -> int:
    print(json.dumps({"data": data, "meta": meta}, ensure_ascii=False))
    return 0


def _line(e: dict[str, Any]) -> str:
    en = f" ({e['name_en']})" if e.get("name_en") else ""
    kb = f" [{e['kb']['source']}:{e['kb']['id']}]" if e.get("kb") else ""
    return f"{e['id']}\t{e['type']}\t{e['name']}{en}{kb}\t{e['doc_count']} docs"


def _print_profile(p: dict[str, Any]) -> None:
    out = sys.stdout
    e = p["entity"]
    print(_line(e), file=out)
    if p.get("redirected_from"):
        print(f"  ({p['redirected_from']} was merged into {e['id']})", file=out)
    print("  aliases: " + "، ".join(e["aliases"]), file=out)
    if e["aliases_en"]:
        print("  English: " + "; ".join(e["aliases_en"]), file=out)
    for label, key in (("met", "met"), ("fought", "fought"), ("seen with", "cooccurring")):
        if p[key]:
            print(f"  {label}: " + ", ".join(
                f"{x['name']} ({x['id']})" for x in p[key][:10]), file=out)
    print(f"  events: {len(p['timeline'])}, quotes: {len(p['quotes'])}", file=out)
