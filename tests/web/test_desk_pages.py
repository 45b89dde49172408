"""The analyst's pages (issue 15), as served: English mode, quotes, charts, the map, the
network, alerts, meaning search, and links from an event to its sentence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from marsad.api.app import create_app
from marsad.web.i18n import ARABIC, ENGLISH, FSI, PDI, labels
from marsad.web.render import Highlight, render_article, render_highlighted
from tests.api.client import fill_store, make_client
from tests.store.fake_embedder import WordsEmbedder
from tests.store.samples import MOSCOW, make_json
from tests.web.desk import desk_store

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
PAGES = ["/", "/?q=حفتر", "/?q=Haftar", "/?q=العلاقات+مع+روسيا&mode=meaning",
         "/documents/moscow-meeting", "/documents/moscow-meeting-copy", "/entities",
         "/entities?q=حفت", "/entities/E2", "/events", "/events?entity=Haftar", "/quotes",
         "/quotes?speaker=E2", "/charts", "/map", "/network", "/alerts", "/nothing-here"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Reader(HTMLParser):
    """Text of a page with the language each piece is marked as, links, ids and SVG."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str, str]] = []  # (text, lang, tag path)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag not in VOID:
            self.stack.append((tag, a.get("lang") or self.lang()))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((data.strip(), self.lang(), "/".join(t for t, _ in self.stack)))


def shown(path: str) -> bool:
    """Text a reader sees on the page: not the document head, and not a hover explanation
    (an SVG title, which like the article's tips gives both names)."""
    return not path.startswith("html/head") and not ("/svg/" in path and path.endswith("/title"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return desk_store(tmp_path_factory.mktemp("desk") / "desk.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Any:
    return make_client(create_app(db, embedder=WordsEmbedder()))


def page(client: Any, url: str, lang: str) -> tuple[Any, Reader]:
    sep = "&" if "?" in url else "?"
    r = client.get(f"{url}{sep}lang={lang}")
    assert r.status_code in (200, 404), (url, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return r, Reader(r.text)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_speaks_english_in_english_mode(client: Any, url: str) -> None:
    _, doc = page(client, url, "en")
    html = next(a for t, a in doc.tags if t == "html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")
    arabic_unmarked = [(text, path) for text, lang, path in doc.texts
                       if ARABIC_LETTER.search(text) and lang != "ar" and shown(path)]
    assert arabic_unmarked == []  # only article text and Arabic names, marked lang="ar"
    assert any(text in ("Search", "Entities", "Events") for text, _, _ in doc.texts)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_reads_right_to_left_in_arabic(client: Any, url: str) -> None:
    _, doc = page(client, url, "ar")
    html = next(a for t, a in doc.tags if t == "html")
    assert (html["lang"], html["dir"]) == ("ar", "rtl")
    nav = [text for text, _, path in doc.texts if "/nav/a" in path]
    assert nav[:3] == ["بحث", "الكيانات", "الأحداث"]
    assert any(t == "link" and a.get("rel") == "icon" for t, a in doc.tags)


def test_the_language_choice_is_kept(db: Path) -> None:
    client = make_client(create_app(db))
    r = client.get("/events?lang=en")
    assert "marsad_lang=en" in r.headers["set-cookie"]
    assert Reader(client.get("/entities").text).tags[0][1]["lang"] == "en"
    switch = next(a for t, a in Reader(client.get("/entities?q=x").text).tags
                  if a.get("id") == "lang-switch")
    assert switch["href"] == "/entities?q=x&lang=ar"
    assert Reader(client.get("/entities?lang=ar").text).tags[0][1]["lang"] == "ar"


def test_every_label_has_both_languages() -> None:
    table = labels()
    assert set(table["ar"]) == set(table["en"])
    assert all(table["en"][k] and table["ar"][k] for k in table["en"])
    assert not [k for k, v in table["en"].items() if ARABIC_LETTER.search(v)
                and k not in ("lang.switch", "lang.switch_title", "search.placeholder")]


@pytest.mark.parametrize("url", ["/events", "/entities/E2", "/events?entity=Haftar"])
def test_event_sentences_link_to_the_sentence(client: Any, url: str) -> None:
    _, doc = page(client, url, "ar")
    targets = [link for link in doc.links if "#ev-" in link]
    assert targets
    for link in targets:
        path, _, anchor = link.partition("#")
        _, article = page(client, path, "ar")
        assert anchor in article.ids, link


def test_an_event_hidden_under_an_entity_still_has_its_anchor() -> None:
    text = "وقال الرئيس إن الحرب انتهت."
    entity = Highlight(text.index("الحرب"), text.index("الحرب") + 5, "span", "ent", "")
    trigger = Highlight(text.index("الحرب"), text.index("الحرب") + 5, "span", "ev", "",
                        anchor="ev-V9", anchor_at=0)
    html = str(render_highlighted(text, [], [entity, trigger]))
    assert html.startswith('<span class="anchor" id="ev-V9"></span>وقال')
    assert html.count('id="ev-V9"') == 1


def test_tips_read_in_the_direction_of_the_page() -> None:
    data = make_json(MOSCOW)
    ar = str(render_article(data, ARABIC))
    en = str(render_article(data, ENGLISH))
    consult = re.compile(r'data-tip="([^"]*)"[^>]*data-event="V1"')
    tip_ar, tip_en = consult.search(ar).group(1), consult.search(en).group(1)  # type: ignore[union-attr]
    assert tip_ar.startswith("تشاور: ") and " ← " in tip_ar and " → " not in tip_ar
    assert tip_en.startswith("Consult: ") and " → " in tip_en and " ← " not in tip_en
    # names are isolated, so "Khalifa Haftar" stays one run inside an Arabic tip
    assert f"{FSI}Khalifa Haftar{PDI}" in tip_ar and f"{FSI}خليفة حفتر{PDI}" in tip_en
    assert tip_en.index("Vladimir Putin") < tip_en.index("Khalifa Haftar")


def test_the_quotes_page_shows_speaker_kind_via_date_and_sentence(client: Any) -> None:
    r, doc = page(client, "/quotes", "en")
    assert "Khalifa Haftar" in r.text and "Abdel Fattah el-Sisi" in r.text
    rows = re.findall(r'<tr class="quote-row" data-kind="(\w+)">', r.text)
    assert sorted(rows) == ["direct", "direct", "direct", "indirect"]
    assert "وقال حفتر في تصريح للصحفيين إن" in r.text  # the sentence, not only the quote
    assert "2023-09-28" in r.text and "Indirect" not in r.text and "indirect" in r.text
    speakers = [a for t, a in doc.tags if t == "a" and a.get("href", "").startswith("/quotes?")]
    assert {a.get("data-entity") for a in speakers} >= {"E2"}
    r, _ = page(client, "/quotes?speaker=E2", "en")
    assert re.findall(r'class="quote-row"', r.text) == ['class="quote-row"']


def _bars(svg: str) -> int:
    return sum(int(n) for n in re.findall(r"<rect class=\"bar\"[^>]*><title>[^<]*: (\d+)</title>", svg))


@pytest.mark.parametrize("query", ["", "entity=Haftar", "event_type=CONSULT", "since=2023-10",
                                   "q=حفتر"])
def test_the_chart_counts_what_the_events_table_lists(client: Any, query: str) -> None:
    r = client.get(f"/charts?{query}")
    assert r.status_code == 200
    total = client.get(f"/api/events?{query}").json()["meta"]["total"]
    assert _bars(r.text) == total and total > 0
    assert f'<span id="chart-count">{total}</span>' in r.text
    svg = client.get(f"/charts.svg?{query}")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    ET.fromstring(svg.text)  # well-formed SVG


def test_the_map_puts_event_places_over_country_outlines(client: Any) -> None:
    r, _ = page(client, "/map", "en")
    places = re.findall(r'<a class="place" href="/events\?entity=(E\d+)"', r.text)
    names = re.findall(r'<a class="place"[^>]*>.*?<title>\u2068([^\u2069]+)\u2069: (\d+)', r.text)
    assert {n for n, _ in names} >= {"Moscow", "Cairo", "Tripoli", "Benghazi"} and places
    assert r.text.count('class="country"') > 20 and "Natural Earth" in r.text
    ET.fromstring(client.get("/map.svg?entity=Haftar").text)
    only = client.get("/map?entity=E2&lang=en").text  # the places of Haftar's events
    assert set(re.findall(r"<title>\u2068([^\u2069]+)\u2069: ", only)) == {
        "Moscow", "Cairo", "Benghazi"}


def test_the_network_counts_meetings_not_mentions(client: Any) -> None:
    r, _ = page(client, "/network", "en")
    edges = dict(re.findall(r'<g class="edge" data-a="(E\d+)" data-b="(E\d+)"', r.text))
    assert edges.get("E1") == "E2"  # Putin and Haftar
    counts = re.findall(r"<title>\u2068([^\u2069]+)\u2069 — \u2068([^\u2069]+)\u2069: (\d+)</title>", r.text)
    pairs = {frozenset((a, b)): int(n) for a, b, n in counts}
    # the Moscow report tells one meeting with two events (استقبل, بحث): one meeting
    assert pairs[frozenset(("Vladimir Putin", "Khalifa Haftar"))] == 1
    assert pairs[frozenset(("Abdoulaye Bathily", "Khalifa Haftar"))] == 1
    profile = client.get("/api/entities/E2").json()["data"]
    assert {m["name_en"]: m["events"] for m in profile["met"]}["Vladimir Putin"] == 1


def test_the_entity_page_shows_each_meeting_with_party_place_and_date(client: Any) -> None:
    r, _ = page(client, "/entities/E2", "en")
    table = r.text[r.text.index('id="meetings"'):r.text.index("</table>", r.text.index('id="meetings"'))]
    rows = re.findall(r"<tr><td[^>]*>([\d-]+)</td>(.*?)</tr>", table, re.S)
    seen = {when: (re.sub(r"<[^>]+>", "", rest)) for when, rest in rows}
    assert set(seen) == {"2023-09-28", "2023-11-12", "2023-12-04"}
    assert "Vladimir Putin" in seen["2023-09-28"] and "Moscow" in seen["2023-09-28"]
    assert "Abdel Fattah el-Sisi" in seen["2023-11-12"] and "Cairo" in seen["2023-11-12"]
    assert "Benghazi" in seen["2023-12-04"]
    assert r.text.count('id="name-en"') == 1


def test_the_alerts_page_lists_searches_matches_and_feeds(client: Any) -> None:
    r, _ = page(client, "/alerts", "en")
    assert 'data-search="حفتر"' in r.text
    assert "المبعوث الأممي يلتقي حفتر في بنغازي" in r.text  # arrived after it was saved
    assert r.text.count('class="alert-row"') == 1
    assert '<tr class="feed failing">' in r.text and "HTTP Error 500" in r.text
    body = client.get("/api/alerts").json()
    assert [a["document"]["id"] for a in body["data"]] == ["benghazi-envoy"]
    assert {f["url"] for f in body["meta"]["feeds"]} == {"https://example.org/feed.rss",
                                                         "https://example.org/down.rss"}


def test_meaning_search_on_the_search_page_and_more_like_this(client: Any, tmp_path: Path) -> None:
    r, _ = page(client, "/?q=العلاقات+مع+روسيا+تاريخية&mode=meaning", "en")
    first = re.search(r'<li class="result">\s*<h2><a href="/documents/([^"]+)"', r.text)
    assert first and first.group(1) == "moscow-meeting" and "similarity" in r.text
    r, _ = page(client, "/documents/moscow-meeting", "en")
    similar = r.text[r.text.index('id="similar"'):]
    assert "/documents/cairo-talks" in similar[:2000]
    api = client.get("/api/meaning", params={"q": "العلاقات مع روسيا"}).json()
    assert api["data"][0]["id"] == "moscow-meeting" and api["data"][0]["score"] > 0
    bare = make_client(create_app(fill_store(tmp_path / "bare.db"), embedder=WordsEmbedder()))
    r = bare.get("/?q=x&mode=meaning&lang=en")
    assert "marsad vectors" in r.text and r.status_code == 200
    assert bare.get("/api/meaning", params={"q": "x"}).status_code == 503
