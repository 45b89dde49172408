"""``marsad serve``: the REST API, its documentation and the web UI on one port."""

from __future__ import annotations

import argparse
import os
import sys

from . import add_db_argument


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p, creates=True)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--api-key", default=None, metavar="KEY",
                   help="key that allows POST /api/documents (default: $MARSAD_API_KEY; "
                        "without one the API is read-only)")
    p.add_argument("--stages", help="comma-separated pipeline stages POST runs (default: all)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes (default 1); more serve more readers at once")
    p.add_argument("--readers", type=int, default=None, metavar="N",
                   help="pooled read-only store connections per process (default "
                        "$MARSAD_READERS, else 8)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"],
                   help="server log level (default: info)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api.app import API_KEY_ENV, READERS_ENV, STAGES_ENV, create_app
    from ..errors import MarsadError
    from ..store import DB_ENV, open_store, store_target

    if args.workers < 1:
        raise MarsadError("--workers must be 1 or more")
    if args.readers is not None and args.readers < 1:
        raise MarsadError("--readers must be 1 or more")
    target = store_target(args.db)
    with open_store(target) as store:  # create, check or migrate the store before listening
        where = store.where
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    api_key = args.api_key or os.environ.get(API_KEY_ENV) or None
    print(f"marsad: serving {where} on http://{args.host}:{args.port}/ "
          f"(API docs at /docs; {'writable with the API key' if api_key else 'read-only'}; "
          f"{args.workers} process(es))", file=sys.stderr)
    if args.workers == 1:
        app = create_app(target, api_key=api_key, stages=stages, readers=args.readers)
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
        return 0
    # several processes: each builds the app from the environment
    os.environ[DB_ENV] = target if "://" in target else os.path.abspath(target)
    if api_key:
        os.environ[API_KEY_ENV] = api_key
    if stages:
        os.environ[STAGES_ENV] = ",".join(stages)
    if args.readers:
        os.environ[READERS_ENV] = str(args.readers)
    uvicorn.run("marsad.api.app:create_app_from_env", factory=True, host=args.host,
                port=args.port, workers=args.workers, log_level=args.log_level)
    return 0
