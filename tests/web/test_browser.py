"""What a person sees, in headless Chromium against a real server on 127.0.0.1.

Skips cleanly when Playwright or the Debian ``chromium`` package is missing. Set
``MARSAD_SCREENSHOTS=DIR`` to keep a screenshot of every page checked there.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.api.app import create_app
from tests.store.fake_embedder import WordsEmbedder
from tests.web.desk import desk_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    db = desk_store(tmp_path_factory.mktemp("browser") / "b.db")
    port = free_port()
    config = uvicorn.Config(create_app(db, embedder=WordsEmbedder()), host="127.0.0.1",
                            port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    pg = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.dialogs = dialogs
    yield pg
    context.close()


def plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def test_searching_from_the_search_box(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "وبالمشير")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    assert page.locator("#result-count").inner_text().startswith("2 ")
    titles = page.locator(".result h2 a").all_inner_texts()
    assert "بوتين يستقبل حفتر في موسكو" in titles
    assert page.locator(".snippet mark").first.is_visible()
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_the_article_reads_right_to_left_with_explained_highlights(
        server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/documents/moscow-meeting")
    article = page.locator("#article")
    assert article.is_visible()
    assert page.evaluate("getComputedStyle(document.getElementById('article')).direction") == "rtl"
    assert "الكرملين" in article.inner_text()
    haftar = page.locator("#article a.ent[data-entity=E2]", has_text="خليفة").first
    assert haftar.is_visible() and haftar.inner_text() == "خليفة حفتر"
    tip = page.locator("#tip")
    assert not tip.is_visible()
    haftar.hover()
    tip.wait_for(state="visible")
    assert plain(tip.inner_text()) == "شخص · خليفة حفتر (Khalifa Haftar)"
    page.locator("#article .ev[data-event=V1]").hover()
    page.wait_for_function("document.getElementById('tip').textContent.startsWith('تشاور')")
    assert "Vladimir Putin" in tip.inner_text() and "Moscow" in tip.inner_text()
    page.locator("#article .date").hover()
    page.wait_for_function("document.getElementById('tip').textContent.includes('2023-09-28')")
    page.locator("#article .quote").hover(position={"x": 5, "y": 5})
    page.wait_for_function("document.getElementById('tip').textContent.includes('اقتباس')")
    # the background of a person differs from a place: highlights are actually drawn
    colours = page.evaluate("""[...document.querySelectorAll('#article .ent')]
        .map(e => getComputedStyle(e).backgroundColor)""")
    assert len(set(colours)) >= 3
    haftar.hover()
    shots = Path(os.environ.get("MARSAD_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    haftar.click()
    page.wait_for_url("**/entities/E2")


def test_the_entity_page_draws_the_network(server: str, page: Any) -> None:
    page.goto(server + "/entities/E2")
    assert page.locator("#name-en").inner_text() == "Khalifa Haftar"
    assert "حفتر" in page.locator("#aliases").inner_text()
    svg = page.locator("svg.network")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert page.locator("svg.network a.node").count() == 4
    assert page.locator("#timeline tbody tr").count() == 6
    page.locator("svg.network a.node[data-entity=E1] circle").click()
    page.wait_for_url("**/entities/E1")
    assert page.locator("#name-en").inner_text() == "Vladimir Putin"


def test_the_events_table_filters_and_downloads_csv(server: str, page: Any) -> None:
    page.goto(server + "/events")
    assert page.locator("#event-count").inner_text() == "7"
    page.select_option("#event-filters select[name=event_type]", "CONSULT")
    page.fill("#event-filters input[name=entity]", "Haftar")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**event_type=CONSULT**")
    assert page.locator("#event-count").inner_text() == "5"
    types = page.locator("#events tbody tr.event").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types == ["CONSULT"] * 5
    with page.expect_download() as info:
        page.click("#csv-link")
    path = info.value.path()
    raw = Path(path).read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads the Arabic as UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("event_id,event_type,mode,date,date_source,date_precision,")
    assert len(lines) == 1 + 5 and all(",CONSULT," in line for line in lines[1:])


def test_a_hostile_page_runs_nothing(server: str, page: Any) -> None:
    page.goto(server + "/documents/hostile-page")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    assert "<script>window.__pwned = 1;</script>" in page.locator("#article").inner_text()
    assert page.locator("img").count() == 0
    page.goto(server + "/?q=" + "عمان")
    assert page.evaluate("window.__pwned === undefined") and page.dialogs == []


# --- the tips read in order ---------------------------------------------------------------

WORD_X = """(word) => {
  const tip = document.getElementById('tip');
  const walker = document.createTreeWalker(tip, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(word);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
  }
  return null;
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_tip_reads_from_source_to_target_in_the_page_direction(
        server: str, page: Any, lang: str) -> None:
    page.goto(server + f"/documents/moscow-meeting?lang={lang}")
    page.locator("#article .ev[data-event=V1]").hover()
    page.wait_for_function("!document.getElementById('tip').hidden")
    assert page.evaluate("document.getElementById('tip').dir") == ("rtl" if lang == "ar" else "ltr")
    putin = page.evaluate(WORD_X, "Vladimir")  # the source
    haftar = page.evaluate(WORD_X, "Khalifa")  # the target
    khalifa, family = page.evaluate(WORD_X, "Khalifa"), page.evaluate(WORD_X, "Haftar")
    assert putin and haftar and family
    if lang == "ar":  # read right to left: the source stands to the right of the target
        assert putin[0] > haftar[1]
    else:
        assert putin[1] < haftar[0]
    # an English name stays in one piece, in its own order, whatever the tip's direction
    assert khalifa[1] <= family[0]


# --- every page, as a person sees it ------------------------------------------------------

PAGES = ["/", "/?q=حفتر", "/?q=العلاقات+مع+روسيا&mode=meaning", "/documents/moscow-meeting",
         "/entities", "/entities/E2", "/events", "/quotes", "/charts", "/map", "/network",
         "/alerts", "/docs"]
UNMARKED_ARABIC = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!/[\u0600-\u06FF]/.test(text)) continue;
    const el = node.parentElement;
    if (!el || el.closest('title') || el.closest('#tip') || el.closest('option')) continue;
    if (!el.getClientRects().length) continue;  // not shown
    const marked = el.closest('[lang]');
    if (!marked || marked.getAttribute('lang') !== 'ar') out.push(text.slice(0, 40));
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_at_desktop_and_phone_widths(server: str, browser: Any, lang: str,
                                                width: int, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    failures: list[str] = []
    pg.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pg.on("console", lambda m: failures.append(f"console {m.type}: {m.text}")
          if m.type == "error" else None)
    pg.on("pageerror", lambda e: failures.append(f"page error: {e}"))
    shots = os.environ.get("MARSAD_SCREENSHOTS")
    problems: list[str] = []
    for url in PAGES:
        sep = "&" if "?" in url else "?"
        pg.goto(f"{server}{url}{sep}lang={lang}")
        pg.wait_for_load_state("load")
        wide = pg.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{url}: {wide} px wide at {width} px")
        expected = ("en", "ltr") if lang == "en" or url == "/docs" else ("ar", "rtl")
        got = pg.evaluate("[document.documentElement.lang, getComputedStyle(document.body).direction]")
        if tuple(got) != expected:
            problems.append(f"{url}: lang/direction {got}")
        if not pg.locator("main").is_visible():
            problems.append(f"{url}: nothing shown")
        if lang == "en":
            unmarked = pg.evaluate(UNMARKED_ARABIC)
            if unmarked:
                problems.append(f"{url}: Arabic shown as English text: {unmarked[:3]}")
        if shots:
            name = url.strip("/").split("?")[0].replace("/", "-") or "search"
            Path(shots).mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(Path(shots) / f"{name}-{lang}-{width}.png"))
    context.close()
    assert problems == [] and failures == []
