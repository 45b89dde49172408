"""Reading PATH... arguments: folders, files of every kind, feeds, URLs and WARC archives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest.feeds import iter_feed
from marsad.ingest.readers import Record
from marsad.ingest.walk import iter_records
from marsad.ingest.warc import iter_warc
from tests.ingest.pages import (
    CAIRO_HTML,
    MOSCOW_HTML,
    TRIPOLI_HTML,
    atom,
    html_body,
    rss,
    write_warc,
)
from tests.store.samples import CAIRO, MOSCOW, TRIPOLI


def split(items: list[Record | InputError]) -> tuple[list[Record], list[InputError]]:
    return ([i for i in items if isinstance(i, Record)],
            [i for i in items if isinstance(i, InputError)])


def test_a_folder_of_every_kind_of_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(MOSCOW.text, encoding="utf-8")
    (tmp_path / "b.html").write_text(TRIPOLI_HTML, encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": CAIRO.text, "published": "2023-11-12",
                                                 "url": "https://example.org/c"}), encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    with gzip.open(sub / "d.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "j1", "text": "خبر أول عن الاقتصاد السعودي ونمو الصادرات."}) + "\n")
        f.write("{not json\n")
        f.write(json.dumps({"id": "j3", "text": "خبر ثالث عن الطقس في جدة والرياض."}) + "\n")
    (sub / "e.json").write_text(json.dumps([{"text": "خبر في مصفوفة عن التعليم."}, {"title": "x"}]),
                                encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text(MOSCOW.text, encoding="utf-8")
    records, errors = split(list(iter_records([tmp_path])))
    assert [r.where.replace(str(tmp_path), "") for r in records] == [
        "/a.txt", "/b.html", "/c.json", "/sub/d.jsonl.gz:1", "/sub/d.jsonl.gz:3", "/sub/e.json[0]"]
    assert records[0].text == MOSCOW.text
    assert "طرابلس" in records[1].text
    assert records[2].published == "2023-11-12" and records[2].url == "https://example.org/c"
    assert records[3].id == "j1"
    where = {(e.where or "").replace(str(tmp_path), ""): e for e in errors}
    assert set(where) == {"/empty.txt", "/photo.png", "/sub/d.jsonl.gz:2", "/sub/e.json[1]"}
    assert "unknown suffix" in where["/photo.png"].message


def test_missing_paths_and_binary_files_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    records, errors = split(list(iter_records([tmp_path / "nope.txt", tmp_path / "blob.bin"])))
    assert records == []
    assert [e.message for e in errors][0] == "no such file or folder"
    assert "binary" in errors[1].message


FEED_ITEMS = [
    ("بوتين يستقبل حفتر في موسكو", "https://example.org/news/moscow-meeting",
     "Thu, 28 Sep 2023 10:00:00 GMT", html_body(MOSCOW.text)),
    ("السيسي يبحث مع حفتر الأوضاع في ليبيا", "https://example.org/news/cairo-talks",
     "Sun, 12 Nov 2023 09:30:00 GMT", html_body(CAIRO.text)),
    ("خبر بلا نص", "https://example.org/news/empty", "Sun, 12 Nov 2023 09:30:00 GMT", ""),
]


def test_an_rss_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(rss(FEED_ITEMS), encoding="utf-8")
    records, errors = split(list(iter_records([path])))
    assert [r.url for r in records] == [FEED_ITEMS[0][1], FEED_ITEMS[1][1]]
    assert records[0].title == "بوتين يستقبل حفتر في موسكو"
    assert records[0].published == "2023-09-28" and records[0].published_from == "feed"
    assert records[0].source == "وكالة الأنباء التجريبية"
    assert "الكرملين" in records[0].text and "<p>" not in records[0].text
    assert [e.where for e in errors] == [f"{path}#entry3"]


def test_an_atom_file_is_sniffed_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "latest"
    path.write_text(atom([("اشتباكات عنيفة جنوب طرابلس", "https://example.net/t",
                           "2023-10-05T08:00:00Z", html_body(TRIPOLI.text))]), encoding="utf-8")
    records, errors = split(list(iter_records([path])))
    assert errors == []
    assert records[0].url == "https://example.net/t" and records[0].published == "2023-10-05"
    assert records[0].source == "صحيفة المساء التجريبية"


def test_a_feed_url_and_its_articles_through_a_fake_fetch() -> None:
    pages = {
        "https://example.org/rss": rss(FEED_ITEMS[:2], full=False).encode("utf-8"),
        FEED_ITEMS[0][1]: MOSCOW_HTML.encode("utf-8"),
        FEED_ITEMS[1][1]: CAIRO_HTML.encode("utf-8"),
    }
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        if url not in pages:
            raise InputError("404", where=url)
        return pages[url]

    summaries, _ = split(list(iter_records(["https://example.org/rss"], fetch=fetch)))
    assert fetched == ["https://example.org/rss"]
    assert len(summaries) == 2 and len(summaries[0].text) <= 80
    fetched.clear()
    full, errors = split(list(iter_records(["https://example.org/rss"], fetch=fetch,
                                           fetch_articles=True)))
    assert errors == []
    assert fetched == ["https://example.org/rss", FEED_ITEMS[0][1], FEED_ITEMS[1][1]]
    assert "الكرملين" in full[0].text and full[0].url == FEED_ITEMS[0][1]
    assert full[1].published == "2023-11-12"  # from the feed: the page has no date
    page, = split(list(iter_records([FEED_ITEMS[0][1]], fetch=fetch)))[0]
    assert page.title == "بوتين يستقبل حفتر في موسكو" and page.published == "2023-09-28"
    _, failed = split(list(iter_records(["https://example.org/gone"], fetch=fetch)))
    assert failed[0].where == "https://example.org/gone"


def test_a_broken_feed_is_reported() -> None:
    items = list(iter_feed(b"<rss><channel><item>", where="bad.rss"))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_warc_responses_become_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://example.org/news/moscow-meeting", "text/html; charset=utf-8", 200,
         "2023-09-28T12:00:00Z", MOSCOW_HTML),
        ("https://example.org/style.css", "text/css", 200, "2023-09-28T12:00:01Z", "body {}"),
        ("https://example.org/missing", "text/html", 404, "2023-09-28T12:00:02Z", "<html>404</html>"),
        ("https://example.net/tripoli", "text/html", 200, "2023-10-06T07:00:00Z", TRIPOLI_HTML),
        ("https://example.net/en", "text/html", 200, "2023-10-06T07:00:00Z",
         "<html><body><article><p>" + "An English page about the weather today. " * 20
         + "</p></article></body></html>"),
    ])
    records, errors = split(list(iter_warc(path)))
    assert [r.url for r in records] == ["https://example.org/news/moscow-meeting",
                                        "https://example.net/tripoli"]
    assert records[0].published == "2023-09-28"
    assert records[1].published == "2023-10-06" and records[1].published_from == "warc"
    assert "طرابلس" in records[1].text
    assert len(errors) == 1 and "not Arabic" in errors[0].message
    assert errors[0].where is not None and str(path) in errors[0].where
    assert split(list(iter_records([tmp_path])))[0] == records


def test_a_corrupt_warc_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    items = list(iter_warc(path))
    assert len(items) == 1 and isinstance(items[0], InputError)


@pytest.mark.parametrize("name", ["notes.md", "data.csv"])
def test_unknown_suffixes_in_folders_are_reported(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("نص عربي", encoding="utf-8")
    (item,) = list(iter_records([tmp_path]))
    assert isinstance(item, InputError) and name in (item.where or "")
