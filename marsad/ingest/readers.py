"""Readers: plain text, HTML pages, JSON objects and JSONL streams -> ``Record``.

Every reader names the file (and line) in the errors it raises, and never loads more than
one record of a JSONL stream into memory. Bytes are decoded by ``decode_bytes``: UTF-8
(with or without BOM), UTF-16 with a BOM, then Windows-1256, the common Arabic legacy
encoding, before giving up.
"""

from __future__ import annotations

import bz2
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..document import Document
from ..errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    MalformedInputError,
    NotArabicError,
    TooLargeError,
)
from ..text.normalize import arabic_ratio

# One article larger than this is not news: refuse it rather than exhaust memory.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# Below this share of Arabic letters a text is refused as "not Arabic".
MIN_ARABIC_RATIO = 0.3

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)


@dataclass(frozen=True)
class Record:
    """One article as read, before any analysis."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    source: str | None = None
    url: str | None = None
    where: str = "<input>"


def decode_bytes(data: bytes, *, where: str) -> str:
    """Decode article bytes, trying UTF-8, UTF-16 (BOM) and Windows-1256 in turn."""
    if not data.strip():
        raise EmptyInputError("the input is empty", where=where)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise EncodingError(f"invalid UTF-16: {e.reason}", where=where) from e
    if _looks_binary(data):
        raise BinaryInputError("this is a binary file, not text", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as e:
        raise EncodingError(
            "the text is neither UTF-8, UTF-16 nor Windows-1256", where=where
        ) from e
    if arabic_ratio(text) < MIN_ARABIC_RATIO:
        raise EncodingError(
            "the text is neither UTF-8, UTF-16 nor Windows-1256 Arabic", where=where
        )
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


def check_text(text: str, *, where: str) -> str:
    """Refuse empty and non-Arabic article text with a clear error."""
    if not text or not text.strip():
        raise EmptyInputError("the article has no text", where=where)
    if arabic_ratio(text) < MIN_ARABIC_RATIO:
        raise NotArabicError("the article is not Arabic text", where=where)
    return text


def read_file(path: str | Path, *, check_arabic: bool = True) -> Record:
    """Read one article from a .txt, .html or .json file (the kind is sniffed too)."""
    p = Path(path)
    where = str(p)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", where=where) from e
    if size > MAX_ARTICLE_BYTES:
        raise TooLargeError(
            f"the file is {size // (1024 * 1024)} MB; one article may be at most "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB (use --jsonl for collections)",
            where=where,
        )
    data = p.read_bytes()
    suffix = p.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in JSON_SUFFIXES and _HTML_SNIFF.match(data[:512])):
        record = record_from_html(data, where=where)
    elif suffix in JSON_SUFFIXES or (suffix != ".txt" and data.lstrip()[:1] == b"{"):
        text = decode_bytes(data, where=where)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise MalformedInputError(
                f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}", where=where
            ) from e
        record = record_from_json(obj, where=where)
    else:
        record = record_from_text(decode_bytes(data, where=where), where=where)
    if check_arabic:
        check_text(record.text, where=where)
    return record


def record_from_text(text: str, *, where: str = "<text>") -> Record:
    """Plain text: the first non-empty line is the title, ``text`` is the whole file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Record(text=text, title=title, where=where)


def record_from_json(obj: Any, *, where: str) -> Record:
    """A JSON object with ``text`` and optionally id, title, published, source, url."""
    if not isinstance(obj, dict):
        raise MalformedInputError(
            f"expected a JSON object, got {type(obj).__name__}", where=where
        )
    text = obj.get("text") or obj.get("content") or obj.get("body")
    if not isinstance(text, str):
        raise MalformedInputError('the record has no "text" string', where=where)
    published = obj.get("published") or obj.get("date")
    if published is not None and not isinstance(published, str):
        raise MalformedInputError('"published" must be a string (YYYY-MM-DD)', where=where)
    published = _iso_date(published, where=where) if published else None

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return str(value) if value not in (None, "") else None

    return Record(
        text=text,
        id=opt("id"),
        title=opt("title"),
        published=published,
        published_from="record" if published else None,
        source=opt("source"),
        url=opt("url"),
        where=where,
    )


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso_date(value: str, *, where: str) -> str:
    m = _ISO.match(value.strip())
    if not m:
        raise MalformedInputError(f"cannot read the date {value!r} (want YYYY-MM-DD)", where=where)
    return "-".join(g for g in m.groups() if g)


def record_from_html(html: str | bytes, *, where: str, url: str | None = None) -> Record:
    """An HTML page: title, publication date (meta tags or page) and body via trafilatura."""
    import trafilatura

    if isinstance(html, bytes):
        html = decode_html_bytes(html, where=where)
    if not html.strip():
        raise EmptyInputError("the page is empty", where=where)
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise MalformedInputError(f"cannot parse the HTML page: {e}", where=where) from e
    if result is None:
        raise MalformedInputError("no article text found in the HTML page", where=where)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise EmptyInputError("the HTML page has no article text", where=where)
    published = data.get("date")
    if published:
        published = _iso_date(published, where=where)
    return Record(
        text=text,
        title=(data.get("title") or None),
        published=published or None,
        published_from="meta" if published else None,
        source=data.get("sitename") or None,
        url=url or data.get("url") or None,
        where=where,
    )


def decode_html_bytes(data: bytes, *, where: str) -> str:
    """Decode a page, honouring a declared charset before falling back to ``decode_bytes``."""
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, where=where)


def open_maybe_compressed(path: str | Path) -> IO[bytes]:
    """Open a file for reading bytes, transparently un-gzipping .gz and .bz2."""
    p = Path(path)
    if p.suffix == ".gz":
        return gzip.open(p, "rb")  # type: ignore[return-value]
    if p.suffix == ".bz2":
        return bz2.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


def iter_jsonl(
    path: str | Path, *, check_arabic: bool = True
) -> Iterator[Record | InputError]:
    """Stream a JSONL file (optionally .gz/.bz2): a Record per good line, an error per bad one.

    Bad lines do not stop the stream: each yields an ``InputError`` naming ``FILE:LINE``.
    """
    where_file = str(path)
    try:
        raw = open_maybe_compressed(path)
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", where=where_file) from e
    with raw:
        for lineno, line in enumerate(raw, start=1):
            where = f"{where_file}:{lineno}"
            if not line.strip():
                continue
            yield _record_from_line(line, where=where, check_arabic=check_arabic)


def _record_from_line(line: bytes, *, where: str, check_arabic: bool) -> Record | InputError:
    if len(line) > MAX_ARTICLE_BYTES:
        return TooLargeError("the record is larger than one article may be", where=where)
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return EncodingError("the line is not valid UTF-8", where=where)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return MalformedInputError(f"invalid JSON at column {e.colno}: {e.msg}", where=where)
    try:
        record = record_from_json(obj, where=where)
        if check_arabic:
            check_text(record.text, where=where)
    except InputError as e:
        return e
    return record


def record_to_document(record: Record, *, published: str | None = None) -> Document:
    """A Document for the record. ``published`` is the fallback (the CLI's --published):
    the record's own date wins over it."""
    date, date_from = record.published, record.published_from
    if not date and published:
        date, date_from = published, "cli"
    kwargs: dict[str, Any] = {}
    if record.id:
        kwargs["id"] = record.id
    return Document(
        text=record.text,
        title=record.title,
        published=date,
        published_from=date_from,
        source=record.source,
        url=record.url,
        **kwargs,
    )
