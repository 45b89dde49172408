"""``marsad watch``: feeds polled from a server on 127.0.0.1, a failing feed backing off,
saved searches raising alerts, and alerts POSTed to a webhook on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from marsad.cli import main
from marsad.errors import WatchError
from marsad.store import Filters, Store
from marsad.store import alerts as alert_store
from marsad.watch import Watcher, parse_every, read_feeds

ENTRIES = [
    ("haftar-moscow", "حفتر يصل إلى موسكو",
     "وصل المشير خليفة حفتر اليوم إلى العاصمة الروسية موسكو في زيارة رسمية يلتقي خلالها كبار "
     "المسؤولين الروس لبحث التعاون العسكري.", "2024-03-01"),
    ("rain-riyadh", "أمطار غزيرة على الرياض",
     "هطلت أمطار غزيرة على مدينة الرياض صباح اليوم وأعلن الدفاع المدني رفع درجة الاستعداد في "
     "الأحياء المنخفضة تحسبا لجريان السيول.", "2024-03-02"),
    ("haftar-cairo", "حفتر في القاهرة",
     "استقبل الرئيس المصري عبد الفتاح السيسي المشير خليفة حفتر في القاهرة لبحث تطورات الأوضاع "
     "في ليبيا والتحضير للانتخابات المقبلة.", "2024-03-03"),
]


def rss(entries: list[tuple[str, str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://example.org/{slug}</link>"
        f"<description>{text}</description><pubDate>"
        f"{format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC))}</pubDate></item>"
        for slug, title, text, day in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>وكالة التجربة</title>{items}</channel></rss>").encode()


class Site:
    """The feeds and the webhook, served on 127.0.0.1."""

    def __init__(self) -> None:
        self.entries = ENTRIES[:2]
        self.hits: dict[str, int] = {}
        self.received: list[dict[str, Any]] = []
        self.webhook_status = 200
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                if self.path == "/news.rss":
                    body = rss(site.entries)
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                elif self.path == "/page.html":
                    body = b"<html><body>not a feed</body></html>"
                    self.send_response(200)
                else:
                    body = b"down"
                    self.send_response(500)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                if site.webhook_status == 200:
                    site.received.append(body)
                self.send_response(site.webhook_status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rounds_ingest_new_items_back_off_failing_feeds_and_alert(site: Site, tmp_path: Path) -> None:
    clock = Clock()
    lines: list[str] = []
    feeds = [f"{site.url}/news.rss", f"{site.url}/broken.rss", f"{site.url}/page.html"]
    with Store(tmp_path / "w.db") as store:
        with store.transaction() as conn:
            alert_store.add_search(conn, "حفتر", Filters(q="حفتر"))
        watcher = Watcher(store, feeds, every=600, webhook=f"{site.url}/hook", stages=["text"],
                          clock=clock, log=lines.append)
        first = watcher.poll()
        assert first.read == [feeds[0]] and first.new_stories == 2
        assert [f[0] for f in first.failed] == feeds[1:]
        assert "500" in first.failed[0][1] and "not an RSS or Atom feed" in first.failed[1][1]
        assert [a["document"]["title"] for a in first.alerts] == ["حفتر يصل إلى موسكو"]
        assert first.delivered == 1 and site.received[0]["search"]["name"] == "حفتر"
        assert site.received[0]["alerts"][0]["document"]["url"] == "https://example.org/haftar-moscow"

        # ten minutes on: the feed has one new entry; the failing ones are retried once
        site.entries = ENTRIES
        clock.now += 600
        second = watcher.poll()
        assert second.new_stories == 1 and second.duplicates == 2
        assert [a["document"]["title"] for a in second.alerts] == ["حفتر في القاهرة"]
        assert len(second.failed) == 2 and second.failed[0][2] == 1200  # backs off: 2 x 600 s
        # ten more minutes: the failing feeds wait out their backoff
        clock.now += 600
        third = watcher.poll()
        assert third.waiting == feeds[1:] and not third.failed and third.new_stories == 0
        assert site.hits["/broken.rss"] == 2 and site.hits["/news.rss"] == 3

        state = {f["url"]: f for f in alert_store.feeds(store.conn)}
        assert state[feeds[0]]["ok"] and state[feeds[0]]["new_stories"] == 3
        assert state[feeds[1]]["failures"] == 2 and "500" in state[feeds[1]]["last_error"]
        assert len(alert_store.alert_items(store.conn)) == 2


def test_a_refusing_webhook_keeps_the_alerts_for_the_next_round(site: Site, tmp_path: Path) -> None:
    with Store(tmp_path / "h.db") as store:
        with store.transaction() as conn:
            alert_store.add_search(conn, "moscow", Filters(q="موسكو"))
        site.webhook_status = 503
        watcher = Watcher(store, [f"{site.url}/news.rss"], webhook=f"{site.url}/hook",
                          stages=["text"], clock=Clock(), log=lambda line: None)
        first = watcher.poll()
        assert len(first.alerts) == 1 and first.delivered == 0
        assert "answered 503" in (first.webhook_error or "")
        assert "webhook failed" in first.summary()
        site.webhook_status = 200
        watcher.feeds[0].next_try = 0
        second = watcher.poll()
        assert second.alerts == [] and second.delivered == 1
        assert site.received[0]["alerts"][0]["document"]["title"] == "حفتر يصل إلى موسكو"


def test_the_command_runs_rounds_and_reports(site: Site, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text(f"# news\n{site.url}/news.rss   # the test agency\n\n{site.url}/gone.rss\n",
                     encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["alerts", "add", "haftar", "--q", "حفتر", "--db", db]) == 0
    assert main(["watch", str(feeds), "--every", "0.2s", "--rounds", "2", "--db", db,
                 "--stages", "text", "--no-vectors"]) == 0
    err = capsys.readouterr().err
    assert "watch round 1: read 1 feeds, 1 failing" in err and "watch round 2" in err
    assert f"feed failed: {site.url}/gone.rss" in err
    assert main(["alerts", "show", "haftar", "--db", db, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["data"]
    assert [a["document"]["title"] for a in shown] == ["حفتر يصل إلى موسكو"]
    assert main(["alerts", "list", "--db", db]) == 0
    assert "haftar" in capsys.readouterr().out


def test_bad_settings_are_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_every("10m") == 600 and parse_every("2h") == 7200 and parse_every("45") == 45
    with pytest.raises(WatchError, match="--every"):
        parse_every("soon")
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text("https://example.org/a.rss\nftp://example.org/b.rss\n", encoding="utf-8")
    with pytest.raises(WatchError, match=r"FEEDS.txt:2: not a feed URL"):
        read_feeds(feeds)
    assert main(["watch", str(feeds), "--db", str(tmp_path / "x.db"), "--no-vectors"]) == 1
    assert "FEEDS.txt:2" in capsys.readouterr().err
    with Store(tmp_path / "y.db") as store, pytest.raises(WatchError, match="http"):
        Watcher(store, ["https://example.org/a.rss"], webhook="file:///etc/passwd")
    assert main(["alerts", "add", "empty", "--db", str(tmp_path / "z.db")]) == 1
    assert "needs a query or a filter" in capsys.readouterr().err
