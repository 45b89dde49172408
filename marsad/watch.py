"""Watching sources: poll RSS/Atom feeds, ingest what is new, raise alerts.

``Watcher(store, feeds).run(every=600)`` is ``marsad watch FEEDS.txt --every 10m``. Each
round:

1. every feed that is due is downloaded and read; its entries go through ``ingest`` (the
   same duplicate rules: an entry seen before adds nothing). A feed that cannot be
   downloaded or read counts a failure and *backs off*: after ``n`` failures in a row it
   is tried again ``every * 2 ** (n - 1)`` later, at most ``MAX_BACKOFF``; each failure is
   reported (stderr and the ``/alerts`` page) and the other feeds go on;
2. the new stories get their meaning-search vectors (when an embedder is given);
3. the saved searches are evaluated (``store.alerts.evaluate``): a new story that matches
   one becomes an alert;
4. alerts not yet delivered are POSTed to the webhook, when one is given, as JSON
   ``{"search": {...}, "alerts": [...]}`` per saved search; one the webhook refuses stays
   undelivered and is sent again next round.

Downloads go through ``fetch(url) -> bytes`` and webhook calls through
``post(url, body) -> int`` (status), so tests run both against servers on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .errors import InputError, MarsadError, WatchError
from .ingest.feeds import Fetch, fetch_url, iter_feed, looks_like_feed
from .store import Store
from .store import alerts as alert_store

MAX_BACKOFF = 6 * 3600.0
WEBHOOK_TIMEOUT = 10.0
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

Post = Callable[[str, bytes], int]


def parse_every(value: str) -> float:
    """``10m`` -> 600.0; ``30s``, ``2h``, ``1d``, or plain seconds."""
    m = _EVERY.match(value)
    if not m or float(m.group(1)) <= 0:
        raise WatchError(f"--every must be a duration like 30s, 10m or 2h, not {value!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def read_feeds(path: str | Path) -> list[str]:
    """The feed URLs of a FEEDS.txt: one http(s) URL a line; blank lines and ``#``
    comments are skipped. A line that is not a URL is an error naming it."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise WatchError(f"cannot read the feeds file: {e}", where=str(p)) from e
    urls: list[str] = []
    for n, line in enumerate(lines, start=1):
        text = re.split(r"\s+#", line.strip(), maxsplit=1)[0]  # a comment after the URL
        if not text or text.startswith("#"):
            continue
        if not text.lower().startswith(("http://", "https://")) or " " in text:
            raise WatchError(f"not a feed URL: {text!r} (one http(s) URL a line)",
                             where=f"{p}:{n}")
        if text not in urls:
            urls.append(text)
    if not urls:
        raise WatchError("the feeds file lists no feed", where=str(p))
    return urls


def post_json(url: str, body: bytes) -> int:
    """POST ``body`` (JSON) to ``url``; the HTTP status (an error status is returned too)."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "marsad-watch"})
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


@dataclass
class FeedState:
    url: str
    failures: int = 0
    next_try: float = 0.0  # on the watcher's clock
    last_error: str | None = None


@dataclass
class RoundReport:
    """What one round did."""

    number: int
    read: list[str] = field(default_factory=list)
    failed: list[tuple[str, str, float]] = field(default_factory=list)  # url, reason, retry in s
    waiting: list[str] = field(default_factory=list)
    new_stories: int = 0
    duplicates: int = 0
    skipped: int = 0
    embedded: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    delivered: int = 0
    webhook_error: str | None = None

    def summary(self) -> str:
        lines = [f"watch round {self.number}: read {len(self.read)} feeds, "
                 f"{len(self.failed)} failing, {len(self.waiting)} backing off; "
                 f"{self.new_stories} new stories, {self.duplicates} already stored, "
                 f"{self.skipped} skipped; {len(self.alerts)} new alerts"
                 + (f", {self.delivered} sent to the webhook" if self.delivered else "")]
        for url, reason, retry in self.failed:
            lines.append(f"  feed failed: {url}: {reason} (next try in {_duration(retry)})")
        if self.webhook_error:
            lines.append(f"  webhook failed: {self.webhook_error} (alerts kept for next round)")
        return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"


class Watcher:
    """Polls ``feeds`` into ``store``; see the module docstring."""

    def __init__(self, store: Store, feeds: Sequence[str], *, every: float = 600.0,
                 fetch: Fetch | None = None, post: Post | None = None,
                 webhook: str | None = None, stages: Sequence[str] | None = None,
                 workers: int = 1, embedder: Any = None,
                 clock: Callable[[], float] = time.monotonic,
                 log: Callable[[str], None] | None = None) -> None:
        if webhook is not None and not webhook.lower().startswith(("http://", "https://")):
            raise WatchError(f"the webhook must be an http(s) URL, not {webhook!r}")
        self.store = store
        self.feeds = [FeedState(url) for url in feeds]
        self.every = every
        self.fetch = fetch or fetch_url
        self.post = post or post_json
        self.webhook = webhook
        self.stages = list(stages) if stages is not None else None
        self.workers = workers
        self.embedder = embedder
        self.clock = clock
        self.log = log or (lambda line: print(line, file=sys.stderr))
        self.rounds = 0
        alert_store.ensure_tables(store.conn)

    # --- one round ---------------------------------------------------------------------

    def poll(self) -> RoundReport:
        from .ingest.ingester import ingest

        self.rounds += 1
        report = RoundReport(self.rounds)
        for feed in self.feeds:
            now = self.clock()
            if feed.next_try > now:
                report.waiting.append(feed.url)
                continue
            try:
                data = self.fetch(feed.url)
                if not looks_like_feed(data):
                    raise InputError("the answer is not an RSS or Atom feed", where=feed.url)
                records = list(iter_feed(data, where=feed.url))
                if records and isinstance(records[0], InputError) and records[0].where == feed.url:
                    raise records[0]  # the feed itself could not be read (not one entry)
            except (InputError, OSError) as e:
                self._failed(feed, e, report)
                continue
            result = ingest(records=records, store=self.store, workers=self.workers,
                            stages=self.stages)
            feed.failures, feed.last_error = 0, None
            feed.next_try = now + self.every
            report.read.append(feed.url)
            report.new_stories += result.ingested
            report.duplicates += result.duplicates + result.near_duplicates
            report.skipped += len(result.skipped)
            alert_store.record_feed(self.store.conn, feed.url, ok=True, items=len(records),
                                    new_stories=result.ingested,
                                    next_try=_stamp(self.every))
        if self.embedder is not None:
            from .store import vectors

            report.embedded = vectors.build(self.store.conn, self.embedder).articles
        with self.store.transaction() as conn:
            report.alerts = alert_store.evaluate(conn)
        if self.webhook:
            self._deliver(report)
        return report

    def _failed(self, feed: FeedState, error: Exception, report: RoundReport) -> None:
        feed.failures += 1
        reason = error.message if isinstance(error, MarsadError) else str(error)
        feed.last_error = reason
        wait = min(self.every * 2 ** (feed.failures - 1), MAX_BACKOFF)
        feed.next_try = self.clock() + wait
        report.failed.append((feed.url, reason, wait))
        alert_store.record_feed(self.store.conn, feed.url, ok=False, error=reason,
                                failures=feed.failures, next_try=_stamp(wait))

    def _deliver(self, report: RoundReport) -> None:
        assert self.webhook is not None
        pending = alert_store.alert_items(self.store.conn, undelivered=True, limit=1000)
        by_search: dict[int, list[dict[str, Any]]] = {}
        for item in reversed(pending):  # oldest first
            by_search.setdefault(item["search"]["id"], []).append(item)
        for items in by_search.values():
            body = json.dumps({"search": items[0]["search"], "alerts": items},
                              ensure_ascii=False).encode("utf-8")
            try:
                status = self.post(self.webhook, body)
            except OSError as e:
                report.webhook_error = f"{self.webhook}: {e}"
                return
            if not 200 <= status < 300:
                report.webhook_error = f"{self.webhook} answered {status}"
                return
            alert_store.mark_delivered(self.store.conn, [i["alert_id"] for i in items])
            report.delivered += len(items)

    # --- the loop ----------------------------------------------------------------------

    def run(self, *, rounds: int | None = None,
            sleep: Callable[[float], None] = time.sleep) -> list[RoundReport]:
        """Poll every ``every`` seconds, ``rounds`` times (default: until interrupted)."""
        reports: list[RoundReport] = []
        while rounds is None or len(reports) < rounds:
            started = self.clock()
            report = self.poll()
            self.log(report.summary())
            reports.append(report)
            if rounds is not None and len(reports) >= rounds:
                break
            sleep(max(0.0, self.every - (self.clock() - started)))
        return reports


def _stamp(seconds_from_now: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds_from_now)).strftime("%Y-%m-%dT%H:%M:%SZ")
