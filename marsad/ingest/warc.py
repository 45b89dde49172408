"""WARC archives (``.warc``, ``.warc.gz``) -> records, with warcio.

Every ``response`` (and ``resource``) record whose payload is an HTML page with status 200
is read as an article page (``record_from_html``, trafilatura): its ``WARC-Target-URI`` is
the record's URL, and its ``WARC-Date`` the publication date when the page gives none.
Other records (requests, metadata, images, scripts, redirects) are not articles and are
passed over without a message. A page without article text, or not in Arabic, yields an
error naming the archive and the record's number (``crawl.warc.gz#record7``), and the
archive reading goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, MalformedInputError
from .readers import MAX_ARTICLE_BYTES, Record, check_text, record_from_html

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str | Path) -> Iterator[Record | InputError]:
    """The article pages of a WARC file, one record each, in archive order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where_file = str(path)
    try:
        stream = open(path, "rb")
    except OSError as e:
        yield InputError(f"cannot read the file: {e.strerror}", where=where_file)
        return
    with stream:
        records = ArchiveIterator(stream, arc2warc=True)
        n = 0
        while True:
            try:
                rec = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as e:
                yield MalformedInputError(f"cannot read the WARC archive: {e}", where=where_file)
                return
            n += 1
            where = f"{where_file}#record{n}"
            try:
                item = _page_record(rec, where=where)
            except InputError as e:
                yield e
                continue
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as e:
                yield MalformedInputError(f"cannot read the WARC record: {e}", where=where)
                continue
            if item is not None:
                yield item


def _page_record(rec: object, *, where: str) -> Record | None:
    rec_type = getattr(rec, "rec_type", None)
    if rec_type not in ("response", "resource"):
        return None
    headers = rec.rec_headers  # type: ignore[attr-defined]
    http = getattr(rec, "http_headers", None)
    if http is not None:
        status = http.get_statuscode()
        if status and not str(status).startswith("2"):
            return None
        content_type = (http.get_header("Content-Type") or "").lower()
    else:
        content_type = (headers.get_header("Content-Type") or "").lower()
    if content_type and "html" not in content_type:
        return None
    data = rec.content_stream().read(MAX_ARTICLE_BYTES + 1)  # type: ignore[attr-defined]
    if not content_type and b"<html" not in data[:2048].lower():
        return None
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError("the page is larger than one article may be", where=where)
    url = headers.get_header("WARC-Target-URI") or None
    record = record_from_html(data, where=where if not url else f"{where} ({url})", url=url)
    if not record.published:
        warc_date = (headers.get_header("WARC-Date") or "")[:10]
        if len(warc_date) == 10:
            record = replace(record, published=warc_date, published_from="warc")
    check_text(record.text, where=record.where)
    return record
