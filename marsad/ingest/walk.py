"""Turn the PATH... arguments of ``marsad ingest`` into a stream of records.

A path may be:

- a folder: every file below it, in sorted order (hidden files and folders are skipped),
  read by its suffix as below; a file with any other suffix is reported and skipped;
- ``.txt``, ``.html``/``.htm``, ``.json``: one article (the lead's ``read_file``); a
  ``.json`` file holding an array gives one article per object;
- ``.jsonl``/``.ndjson``, optionally ``.gz`` or ``.bz2``: one article per line, streamed;
- ``.rss``, ``.atom``, ``.xml`` (or any file that sniffs as a feed): RSS/Atom entries;
- ``.warc``, ``.warc.gz``: the HTML pages of a web archive;
- an ``http://`` or ``https://`` URL: downloaded, then read as a feed or an article page.

The stream yields a ``Record`` per article and an ``InputError`` per thing that could not
be read (naming the file, line, entry or archive offset); it never stops on bad input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, MalformedInputError
from .feeds import Fetch, fetch_url, iter_feed, looks_like_feed
from .readers import (
    MAX_ARTICLE_BYTES,
    Record,
    check_text,
    decode_bytes,
    iter_jsonl,
    read_file,
    record_from_html,
    record_from_json,
)
from .warc import is_warc, iter_warc

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".json"}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.bz2", ".ndjson.bz2")
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def iter_records(
    paths: Iterable[str | Path], *, fetch: Fetch | None = None, fetch_articles: bool = False,
) -> Iterator[Record | InputError]:
    """Every article under ``paths``, in order, as records or errors."""
    for path in paths:
        text = str(path)
        if is_url(text):
            yield from _iter_url(text, fetch=fetch, fetch_articles=fetch_articles)
            continue
        p = Path(path)
        if p.is_dir():
            for child in _walk(p):
                yield from _iter_file(child, explicit=False, fetch=fetch,
                                      fetch_articles=fetch_articles)
        elif p.exists():
            yield from _iter_file(p, explicit=True, fetch=fetch, fetch_articles=fetch_articles)
        else:
            yield InputError("no such file or folder", where=text)


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def kind_of(path: Path) -> str | None:
    """``jsonl``, ``warc``, ``feed``, ``article`` or None (unknown) from the file name."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if is_warc(name):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    return None


def _iter_file(path: Path, *, explicit: bool, fetch: Fetch | None,
               fetch_articles: bool) -> Iterator[Record | InputError]:
    where = str(path)
    kind = kind_of(path)
    if kind == "jsonl":
        try:
            yield from iter_jsonl(path)
        except InputError as e:
            yield e
        return
    if kind == "warc":
        yield from iter_warc(path)
        return
    if kind is None and not explicit:
        yield InputError(f"not an article file (unknown suffix {path.suffix or 'none'!r})",
                         where=where)
        return
    try:
        head = _head(path)
    except OSError as e:
        yield InputError(f"cannot read the file: {e.strerror}", where=where)
        return
    if kind == "feed" or (kind != "article" and looks_like_feed(head)):
        try:
            data = _read_limited(path)
        except InputError as e:
            yield e
            return
        yield from iter_feed(data, where=where, fetch=fetch, fetch_articles=fetch_articles)
        return
    if path.suffix.lower() == ".json" and head.lstrip()[:1] == b"[":
        yield from _iter_json_array(path)
        return
    try:
        yield read_file(path)
    except InputError as e:
        yield e


def _head(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(2048)


def _read_limited(path: Path) -> bytes:
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise InputError("the file is larger than a feed may be", where=str(path))
    return path.read_bytes()


def _iter_json_array(path: Path) -> Iterator[Record | InputError]:
    where = str(path)
    try:
        items = json.loads(decode_bytes(_read_limited(path), where=where))
    except InputError as e:
        yield e
        return
    except json.JSONDecodeError as e:
        yield MalformedInputError(f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}",
                                  where=where)
        return
    for i, obj in enumerate(items):
        item_where = f"{where}[{i}]"
        try:
            record = record_from_json(obj, where=item_where)
            check_text(record.text, where=item_where)
        except InputError as e:
            yield e
            continue
        yield record


def _iter_url(url: str, *, fetch: Fetch | None, fetch_articles: bool) -> Iterator[Record | InputError]:
    try:
        data = (fetch or fetch_url)(url)
    except InputError as e:
        yield e
        return
    if looks_like_feed(data):
        yield from iter_feed(data, where=url, fetch=fetch, fetch_articles=fetch_articles)
        return
    try:
        record = record_from_html(data, where=url, url=url)
        check_text(record.text, where=url)
    except InputError as e:
        yield e
        return
    yield record
