"""What a person sees, in headless Chromium against a real server on 127.0.0.1.

Skips cleanly when Playwright or the Debian ``chromium`` package is missing. Set
``MARSAD_SCREENSHOTS=DIR`` to keep a screenshot of the article page there.
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
from tests.api.client import fill_store

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

    db = fill_store(tmp_path_factory.mktemp("browser") / "b.db")
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
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


def test_searching_from_the_search_box(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "وبالمشير")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    assert page.locator("#result-count").inner_text().startswith("1 ")
    first = page.locator(".result h2 a").first
    assert first.inner_text() == "بوتين يستقبل حفتر في موسكو"
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
    assert tip.inner_text() == "PER · خليفة حفتر (Khalifa Haftar)"
    page.locator("#article .ev[data-event=V1]").hover()
    page.wait_for_function("document.getElementById('tip').textContent.startsWith('CONSULT')")
    assert "Vladimir Putin" in tip.inner_text() and "Moscow" in tip.inner_text()
    page.locator("#article .date").hover()
    page.wait_for_function("document.getElementById('tip').textContent === 'date: 2023-09-28'")
    page.locator("#article .quote").hover(position={"x": 5, "y": 5})
    page.wait_for_function("document.getElementById('tip').textContent.includes('quote')")
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
    assert page.locator("svg.network a.node").count() == 3
    assert page.locator("#timeline tbody tr").count() == 5
    page.locator("svg.network a.node[data-entity=E1] circle").click()
    page.wait_for_url("**/entities/E1")
    assert page.locator("#name-en").inner_text() == "Vladimir Putin"


def test_the_events_table_filters_and_downloads_csv(server: str, page: Any) -> None:
    page.goto(server + "/events")
    assert page.locator("#event-count").inner_text() == "6"
    page.select_option("#event-filters select[name=event_type]", "CONSULT")
    page.fill("#event-filters input[name=entity]", "Haftar")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**event_type=CONSULT**")
    assert page.locator("#event-count").inner_text() == "4"
    types = page.locator("#events tbody tr.event").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types == ["CONSULT"] * 4
    with page.expect_download() as info:
        page.click("#csv-link")
    path = info.value.path()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id,event_type,mode,date,source_actor")
    assert len(lines) == 1 + 4 and all(",CONSULT," in line for line in lines[1:])


def test_a_hostile_page_runs_nothing(server: str, page: Any) -> None:
    page.goto(server + "/documents/hostile-page")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    assert "<script>window.__pwned = 1;</script>" in page.locator("#article").inner_text()
    assert page.locator("img").count() == 0
    page.goto(server + "/?q=" + "عمان")
    assert page.evaluate("window.__pwned === undefined") and page.dialogs == []
