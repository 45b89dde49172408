"""Hand-written Arabic pages, feeds and archives for the ingest tests."""

from __future__ import annotations

import io
from pathlib import Path

from tests.store.samples import CAIRO, MOSCOW, TRIPOLI


def article_html(title: str, paragraphs: list[str], *, date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>الرئيسية</a> | <a href='/sport'>رياضة</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines()[1:] if line.strip()]


MOSCOW_HTML = article_html("بوتين يستقبل حفتر في موسكو", paragraphs(MOSCOW.text), date="2023-09-28")
TRIPOLI_HTML = article_html("اشتباكات عنيفة جنوب طرابلس", paragraphs(TRIPOLI.text))
CAIRO_HTML = article_html("السيسي يبحث مع حفتر الأوضاع في ليبيا", paragraphs(CAIRO.text))


def rss(items: list[tuple[str, str, str, str]], *, full: bool = True) -> str:
    """RSS 2.0 with (title, link, pubDate, body) items; the body as content:encoded."""
    out = []
    for title, link, date, body in items:
        content = (f"<content:encoded><![CDATA[{body}]]></content:encoded>" if full
                   else f"<description><![CDATA[{body[:80]}]]></description>")
        out.append(f"<item><title>{title}</title><link>{link}</link>"
                   f"<pubDate>{date}</pubDate>{content}</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>وكالة الأنباء التجريبية</title><link>https://example.org/</link>"
        "<description>أخبار</description>" + "".join(out) + "</channel></rss>"
    )


def atom(entries: list[tuple[str, str, str, str]]) -> str:
    out = []
    for title, link, updated, body in entries:
        out.append(f'<entry><title>{title}</title><link href="{link}"/><id>{link}</id>'
                   f'<updated>{updated}</updated><content type="html"><![CDATA[{body}]]></content></entry>')
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>صحيفة المساء التجريبية</title><id>urn:test</id><updated>2023-10-05T10:00:00Z</updated>"
        + "".join(out) + "</feed>"
    )


def html_body(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())


def write_warc(path: Path, pages: list[tuple[str, str, int, str, str]]) -> None:
    """A gzipped WARC of response records: (url, content type, status, date, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, ctype, status, date, body in pages:
            http = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            data = body.encode("utf-8")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(data), length=len(data), http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
