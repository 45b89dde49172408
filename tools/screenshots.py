"""Take the screenshots in docs/screenshots/ of the main pages, as a newcomer sees them.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Everything shown is real: the sample articles (examples/articles/) go through the full
pipeline and get their e5 vectors; a saved search (حفتر) is made, then two of the samples
arrive through ``marsad watch`` from an RSS feed served on 127.0.0.1 next to a feed that
answers 404, so the alerts page has new matches and a failing feed. The pages are served
on 127.0.0.1 and shot in headless Chromium (Debian's ``chromium``, through Playwright).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTICLES = ROOT / "examples" / "articles"
BY_FEED = ("sample-20-benghazi-envoy", "sample-23-abu-dhabi-haftar")
CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1200, "height": 760}
PHONE = {"width": 390, "height": 760}


def rss(names: tuple[str, ...]) -> bytes:
    items = []
    for name in names:
        art = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
        day = time.strftime("%a, %d %b %Y 08:00:00 +0000", time.strptime(art["published"], "%Y-%m-%d"))
        items.append(f"<item><title>{escape(art['title'])}</title><link>{escape(art['url'])}</link>"
                     f"<description>{escape(art['text'])}</description><pubDate>{day}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>صحيفة الساحل</title>{''.join(items)}</channel></rss>").encode()


def serve_feed() -> ThreadingHTTPServer:
    body = rss(BY_FEED)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            ok = self.path == "/sahel.rss"
            self.send_response(200 if ok else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(body if ok else b"not here")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_store(path: Path) -> str:
    from marsad.store.ingest import ingest

    from marsad.store import Filters, Store
    from marsad.store import alerts as alert_store
    from marsad.store.vectors import default_embedder
    from marsad.watch import Watcher

    first = [p for p in sorted(ARTICLES.glob("*.json")) if p.stem not in BY_FEED]
    with Store(path) as store:
        ingest(first, store, workers=2)
        with store.transaction() as conn:
            alert_store.add_search(conn, "حفتر", Filters(q="حفتر"))
        feed = serve_feed()
        url = f"http://127.0.0.1:{feed.server_address[1]}"
        Watcher(store, [f"{url}/sahel.rss", f"{url}/gone.rss"], embedder=default_embedder(),
                log=print).run(rounds=1)
        feed.shutdown()
        haftar = store.search_entities("حفتر").items[0].id
    return haftar


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from marsad.api.app import create_app

    db = Path(tempfile.mkdtemp()) / "tour.db"
    haftar = build_store(db)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    meaning = "talks between Libya's eastern commander and the Russian president"
    shots = [
        ("search-ar", "/?q=حفتر&lang=ar", DESKTOP, None),
        ("meaning-search-en", f"/?q={meaning}&mode=meaning&lang=en", DESKTOP, None),
        ("document-ar", "/documents/sample-13-moscow-haftar?lang=ar", DESKTOP, "#article .ev"),
        ("document-en", "/documents/sample-13-moscow-haftar?lang=en", DESKTOP, "#article .ev"),
        ("entity-en", f"/entities/{haftar}?lang=en", DESKTOP, None),
        ("events-en", "/events?entity=Haftar&lang=en", DESKTOP, None),
        ("events-phone-ar", "/events?entity=Haftar&lang=ar", PHONE, None),
        ("quotes-en", "/quotes?lang=en", DESKTOP, None),
        ("charts-en", "/charts?since=2023-06&lang=en", DESKTOP, None),
        ("map-en", "/map?lang=en", DESKTOP, None),
        ("network-ar", "/network?lang=ar", DESKTOP, None),
        ("alerts-en", "/alerts?lang=en", DESKTOP, None),
    ]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        for name, url, viewport, hover in shots:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(base + url)
            page.wait_for_load_state("load")
            if hover:
                page.locator(hover).first.hover()
                page.wait_for_function("!document.getElementById('tip').hidden")
            target = out / f"{name}.png"
            page.screenshot(path=str(target))
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
                  f"({target.stat().st_size // 1024} KB)")
            context.close()
        browser.close()
    server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
