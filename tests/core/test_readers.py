from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from marsad.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    MalformedInputError,
    NotArabicError,
)
from marsad.ingest.readers import iter_jsonl, read_file, record_to_document

ARTICLE = "وزير الخارجية يزور القاهرة\nوصل وزير الخارجية إلى القاهرة اليوم في زيارة رسمية.\n"


def test_plain_text_title_is_first_non_empty_line(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("\n\n" + ARTICLE, encoding="utf-8")
    rec = read_file(p)
    assert rec.title == "وزير الخارجية يزور القاهرة"
    assert rec.text == "\n\n" + ARTICLE


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1256"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    assert read_file(p).text == ARTICLE


def test_binary_file_is_refused_naming_it(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(BinaryInputError, match="image.txt"):
        read_file(p)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n")
    with pytest.raises(EmptyInputError, match="empty.txt"):
        read_file(p)


def test_not_arabic(tmp_path: Path) -> None:
    p = tmp_path / "english.txt"
    p.write_text("The minister visited Cairo today.", encoding="utf-8")
    with pytest.raises(NotArabicError, match="english.txt"):
        read_file(p)


def test_undecodable_bytes(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Ceci n'est pas arabe: été, déjà, où.".encode("latin-1"))
    with pytest.raises((EncodingError, NotArabicError), match="latin.txt"):
        read_file(p)


def test_json_object(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"id": "x1", "text": ARTICLE, "published": "2024-01-02",
                             "title": "عنوان"}, ensure_ascii=False), encoding="utf-8")
    rec = read_file(p)
    assert (rec.id, rec.published, rec.title) == ("x1", "2024-01-02", "عنوان")


def test_malformed_json_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{"text": "نص', encoding="utf-8")
    with pytest.raises(MalformedInputError, match="bad.json"):
        read_file(p)


def test_html_page(tmp_path: Path) -> None:
    body = "".join(f"<p>{line} وقال المتحدث إن الاجتماع بحث التعاون بين البلدين.</p>"
                   for line in ["وصل الوزير إلى القاهرة في زيارة رسمية", "والتقى نظيره المصري"])
    html = (
        '<html><head><meta charset="utf-8"><title>زيارة الوزير</title>'
        '<meta property="article:published_time" content="2024-03-14T10:00:00Z"></head>'
        f'<body><nav>الرئيسية | اتصل بنا</nav><article><h1>زيارة الوزير</h1>{body}</article>'
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    rec = read_file(p)
    assert "وصل الوزير إلى القاهرة" in rec.text
    assert "جميع الحقوق محفوظة" not in rec.text
    assert rec.published == "2024-03-14" and rec.published_from == "meta"


def test_jsonl_skips_bad_lines_and_keeps_good_ones(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl.gz"
    lines = [
        json.dumps({"id": "1", "text": ARTICLE}, ensure_ascii=False),
        '{"id": "2", "text": ',
        json.dumps({"id": "3", "text": "English only text here"}),
        json.dumps({"id": "4"}),
        "",
        json.dumps({"id": "5", "text": ARTICLE, "published": "2023-09-28"}, ensure_ascii=False),
    ]
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    items = list(iter_jsonl(p))
    good = [i for i in items if not isinstance(i, InputError)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [r.id for r in good] == ["1", "5"]  # type: ignore[union-attr]
    assert [e.where for e in bad] == [
        f"{p}:2", f"{p}:3", f"{p}:4"]


def test_record_date_wins_over_cli_date(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"text": ARTICLE, "published": "2020-01-01"}, ensure_ascii=False),
                 encoding="utf-8")
    doc = record_to_document(read_file(p), published="2023-09-28")
    assert doc.published == "2020-01-01" and doc.published_from == "record"
    p2 = tmp_path / "b.txt"
    p2.write_text(ARTICLE, encoding="utf-8")
    doc2 = record_to_document(read_file(p2), published="2023-09-28")
    assert doc2.published == "2023-09-28" and doc2.published_from == "cli"


def test_malformed_html_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text("<html><body><div><<<>>></div><script>var x = 1;</script>", encoding="utf-8")
    with pytest.raises(InputError, match="broken.html"):
        read_file(p)


def test_huge_jsonl_line_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    from marsad.errors import TooLargeError
    from marsad.ingest import readers

    p = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "ن" * 200}, ensure_ascii=False)
    ok = json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False)
    p.write_text(big + "\n" + ok + "\n", encoding="utf-8")
    old = readers.MAX_ARTICLE_BYTES
    readers.MAX_ARTICLE_BYTES = 300
    try:
        items = list(iter_jsonl(p))
    finally:
        readers.MAX_ARTICLE_BYTES = old
    assert isinstance(items[0], TooLargeError) and items[0].where == f"{p}:1"
    assert not isinstance(items[1], InputError) and items[1].id == "ok"


def test_jsonl_is_streamed_not_loaded(tmp_path: Path) -> None:
    p = tmp_path / "stream.jsonl"
    line = json.dumps({"text": ARTICLE}, ensure_ascii=False)
    p.write_text((line + "\n") * 3 + "{broken\n", encoding="utf-8")
    stream = iter_jsonl(p)
    first = next(stream)  # the generator yields before the bad last line is read
    assert not isinstance(first, InputError)
