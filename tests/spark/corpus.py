"""Articles for the Spark tests, made from the project's own example articles
(examples/articles/, written for Marsad): each mixes the lines of two of them, so the
pipeline finds people, places, dates, events and quotes in every one."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def sample_articles() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((REPO / "examples" / "articles").glob("*.json"))]


def make_articles(n: int, *, seed: int = 14) -> list[dict[str, Any]]:
    """``n`` records (text, title, published, source, url) with distinct texts."""
    rng = random.Random(seed)
    samples = sample_articles()
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    while len(out) < n:
        a, b = rng.sample(samples, 2)
        lines_a = [x for x in a["text"].splitlines() if x.strip()]
        lines_b = [x for x in b["text"].splitlines() if x.strip()][1:]
        body = lines_a[:1] + rng.sample(lines_a[1:], max(1, len(lines_a) - 2)) + \
            rng.sample(lines_b, min(2, len(lines_b)))
        text = "\n".join(body) + "\n"
        if text in seen:
            continue
        seen.add(text)
        i = len(out)
        out.append({"text": text, "title": lines_a[0], "published": a.get("published"),
                    "source": "مرصد", "url": f"https://news.example/{i}"})
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]], *, bad_line: bool = False) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_line:
        lines.insert(len(lines) // 2, '{"text": "no closing quote}')
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def write_warc(path: Path, records: list[dict[str, Any]]) -> Path:
    """A gzipped WARC of HTML pages, one per record."""
    from html import escape
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for r in records:
            paragraphs = "".join(f"<p>{escape(line)}</p>" for line in r["text"].splitlines()[1:])
            html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(r['title'])}"
                    f"</title><meta property='article:published_time' content='{r['published']}'>"
                    f"</head><body><article><h1>{escape(r['title'])}</h1>{paragraphs}"
                    "</article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                r["url"], "response", payload=BytesIO(html), length=len(html),
                http_headers=headers))
    return path
