"""The server-rendered pages: what they show, and that no ingested HTML ever runs."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from typing import Any

import pytest

from marsad.api.app import create_app
from tests.api.client import fill_store, make_client


class Page(HTMLParser):
    """The tags of a page, with their attributes, and the text inside each script."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.scripts.append(data)

    def find(self, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
        out = []
        for t, a in self.tags:
            if tag and t != tag:
                continue
            if all(v in a.get(k.rstrip("_").replace("_", "-"), "").split() or
                   a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items()):
                out.append(a)
        return out


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = fill_store(tmp_path_factory.mktemp("web") / "web.db")
    return make_client(create_app(db))


def plain(tip: str) -> str:
    """A tip without its bidi isolates (they keep each name in one piece on screen)."""
    return tip.replace("\u2068", "").replace("\u2069", "")


def get(client: Any, url: str, status: int = 200) -> tuple[Any, Page]:
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    return r, Page(r.text)


def test_the_search_page(client: Any) -> None:
    r, page = get(client, "/?q=المشير")
    html_tag = page.find("html")[0]
    assert html_tag["dir"] == "rtl" and html_tag["lang"] == "ar"
    assert '<span class="n">1</span> نتيجة' in r.text
    assert "<mark>المشير</mark>" in r.text
    assert page.find("a", href="/documents/moscow-meeting")
    r, page = get(client, "/?q=Haftar")
    assert page.find("a", href="/entities/E2")  # the entity card
    assert "Khalifa Haftar" in r.text and '<span class="n">3</span> نتيجة' in r.text


def test_the_search_page_filters(client: Any) -> None:
    r, page = get(client, "/?event_type=FIGHT")
    assert [a["href"] for a in page.find("a") if a.get("href", "").startswith("/documents/")] == [
        "/documents/tripoli-clashes"]
    r, _ = get(client, "/?since=someday")
    assert "since must be a date" in r.text


def test_the_article_page_highlights_every_fact(client: Any) -> None:
    r, page = get(client, "/documents/moscow-meeting")
    article = page.find("article")[0]
    assert article["dir"] == "rtl" and article["lang"] == "ar"
    mentions = page.find(class_="ent")
    assert len([m for m in mentions if m.get("data-entity") == "E2"]) == 3  # خليفة حفتر ×2 + حفتر
    haftar = next(m for m in mentions if m.get("data-entity") == "E2")
    assert plain(haftar["data-tip"]) == "شخص · خليفة حفتر (Khalifa Haftar)"
    assert haftar["href"] == "/entities/E2"
    (meeting,) = [e for e in page.find(class_="ev") if e.get("data-event") == "V1"]
    assert plain(meeting["data-tip"]) == ("تشاور: فلاديمير بوتين (Vladimir Putin) ← خليفة حفتر "
                                          "(Khalifa Haftar) · في موسكو (Moscow) · 2023-09-28")
    assert meeting["id"] == "ev-V1"
    (date,) = page.find(class_="date", **{"data_date": "2023-09-28"})
    assert plain(date["data-tip"]) == "تاريخ: 2023-09-28"
    (quote,) = page.find(class_="quote", data_quote="Q1")
    assert plain(quote["data-tip"]) == "اقتباس مباشر · المتحدث: خليفة حفتر (Khalifa Haftar)"
    r, page = get(client, "/documents/moscow-meeting?lang=en")
    (meeting,) = [e for e in page.find(class_="ev") if e.get("data-event") == "V1"]
    assert plain(meeting["data-tip"]) == ("Consult: Vladimir Putin (فلاديمير بوتين) → Khalifa "
                                          "Haftar (خليفة حفتر) · in Moscow (موسكو) · 2023-09-28")
    r, page = get(client, "/documents/moscow-meeting?lang=ar")
    assert page.find("a", href="/documents/moscow-meeting-copy")  # also carried by


def test_a_copy_points_to_its_story(client: Any) -> None:
    _, page = get(client, "/documents/moscow-meeting-copy")
    assert page.find("a", href="/documents/moscow-meeting")


def test_nothing_from_an_ingested_page_can_run(client: Any) -> None:
    r, page = get(client, "/documents/hostile-page")
    assert "<script>window" not in r.text and "<script>alert" not in r.text
    assert "&lt;script&gt;window.__pwned = 1;&lt;/script&gt;" in r.text
    assert not page.find("img")
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert page.scripts == []
    assert all(a["src"].startswith("/static/") for a in page.find("script"))
    assert not [a for a in page.find("a") if a.get("href", "").lower().startswith("javascript:")]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    # the same text in the search results and the events/entities pages is escaped too
    r, page = get(client, "/?q=عمان")
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert not page.find("img") and page.scripts == []


def test_every_page_loads_only_local_resources(client: Any) -> None:
    for url in ("/", "/documents/moscow-meeting", "/entities", "/entities/E2", "/events", "/docs"):
        _, page = get(client, url)
        for a in page.find("script") + page.find("link") + page.find("img"):
            ref = a.get("src") or a.get("href") or ""
            assert ref.startswith("/"), (url, ref)
    assert client.get("/static/marsad.css").status_code == 200
    assert client.get("/static/marsad.js").status_code == 200


def test_the_entity_page(client: Any) -> None:
    r, page = get(client, "/entities/E2")
    assert "Khalifa Haftar" in r.text and "حفتر" in r.text
    (svg,) = page.find("svg")
    assert "network" in svg["class"]
    partners = {a["data-entity"] for a in page.find("a", class_="node")}
    assert partners == {"E1", "E10", "E8"}  # Putin, el-Sisi (met); the government (fought)
    assert len(page.find("line", class_="edge-met")) == 2
    assert len(page.find("line", class_="edge-fought")) == 1
    rows = [t for t in page.tags if t[0] == "tr"]
    assert len(rows) >= 1 + 5  # header + Haftar's five events
    assert "العلاقات مع روسيا تاريخية وراسخة" in r.text


def test_the_entities_page(client: Any) -> None:
    r, page = get(client, "/entities?type=PER")
    assert page.find("a", href="/entities/E2") and "Vladimir Putin" in r.text
    assert "Libya" not in r.text
    r, _ = get(client, "/entities?q=حفت")
    assert "خليفة حفتر" in r.text


def test_the_events_page_filters_and_its_csv_link(client: Any) -> None:
    r, page = get(client, "/events?event_type=FIGHT&entity=Tripoli")
    rows = page.find("tr", class_="event")
    assert [row["data-type"] for row in rows] == ["FIGHT"]
    (link,) = page.find("a", id="csv-link")
    assert "event_type=FIGHT" in link["href"] and "entity=Tripoli" in link["href"]
    download = client.get(link["href"])
    assert download.status_code == 200
    got = list(csv.DictReader(io.StringIO(download.text)))
    assert [(g["event_type"], g["source_actor_en"], g["location_en"]) for g in got] == [
        ("FIGHT", "Libyan National Army", "Tripoli")]


def test_missing_things_get_an_html_404(client: Any) -> None:
    r, _ = get(client, "/documents/nothing", status=404)
    assert "no document" in r.text
    get(client, "/entities/E404", status=404)
    get(client, "/no/such/page", status=404)
