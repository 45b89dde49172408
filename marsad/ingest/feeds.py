"""RSS and Atom feeds -> records, with feedparser.

Each entry becomes one record: its full content (``content:encoded`` / Atom ``content``)
when the feed carries it, else its summary, turned from HTML into text; its title, link
(the record's URL), publication date (``published`` or ``updated``) and the feed's title as
the source. With ``fetch_articles=True`` the page at each entry's link is downloaded and
read as an article page instead (the entry fills in what the page lacks).

Downloading goes through a ``fetch(url) -> bytes`` callable: tests pass a fake one; the
default, ``fetch_url``, uses urllib with a timeout and a size limit. Nothing is fetched
unless the user gave a URL or asked for ``fetch_articles``.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

from ..errors import InputError, MalformedInputError
from .readers import MAX_ARTICLE_BYTES, Record, check_text, record_from_html

Fetch = Callable[[str], bytes]

FETCH_TIMEOUT = 30.0
USER_AGENT = "marsad (+https://example.invalid/marsad) news-observatory"

_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)


def fetch_url(url: str) -> bytes:
    """Download ``url`` (http or https only), refusing bodies larger than an article may be."""
    if not url.lower().startswith(("http://", "https://")):
        raise InputError("only http(s) URLs can be fetched", where=url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data: bytes = response.read(MAX_ARTICLE_BYTES + 1)
    except OSError as e:
        raise InputError(f"cannot download: {e}", where=url) from e
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError("the download is larger than one article or feed may be", where=url)
    return data


def looks_like_feed(data: bytes) -> bool:
    """Whether these bytes are an RSS/Atom document (sniffed from the first 2 KB)."""
    return bool(_FEED_SNIFF.search(data[:2048]))


def iter_feed(
    data: bytes, *, where: str, fetch: Fetch | None = None, fetch_articles: bool = False,
) -> Iterator[Record | InputError]:
    """The entries of a feed document as records; a bad entry yields an error naming it."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        yield MalformedInputError(f"not a readable RSS/Atom feed: {reason}", where=where)
        return
    feed_title = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(parsed.get("entries", []), start=1):
        entry_where = f"{where}#entry{n}"
        try:
            yield _entry_record(entry, where=entry_where, source=feed_title, fetch=fetch,
                                fetch_articles=fetch_articles)
        except InputError as e:
            yield e


def _entry_record(entry: Any, *, where: str, source: str | None, fetch: Fetch | None,
                  fetch_articles: bool) -> Record:
    link = entry.get("link") or None
    title = _html_to_text(entry.get("title") or "").strip() or None
    published = _entry_date(entry)
    if fetch_articles and link:
        page = (fetch or fetch_url)(link)
        record = record_from_html(page, where=link, url=link)
        record = replace(
            record,
            title=record.title or title,
            published=record.published or published,
            published_from=record.published_from or ("feed" if published else None),
            source=source or record.source,
            where=f"{where} ({link})",
        )
    else:
        body = ""
        contents = entry.get("content") or []
        if contents:
            body = max((c.get("value") or "" for c in contents), key=len)
        if not body:
            body = entry.get("summary") or entry.get("description") or ""
        text = _html_to_text(body).strip()
        if not text:
            raise MalformedInputError("the feed entry has no text", where=where)
        record = Record(text=text, title=title, published=published,
                        published_from="feed" if published else None, source=source,
                        url=link, where=where)
    check_text(record.text, where=where)
    return record


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


class _TextExtractor(HTMLParser):
    """HTML fragment -> text: block elements become line breaks; script/style dropped."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
               "section", "article", "header", "footer", "ul", "ol", "table"}
    _SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment and "&" not in fragment:
        return fragment
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
