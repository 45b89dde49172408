"""The API's side of the desk defects (issue 15): dates on the calendar, what a duplicate
POST answers, aliases in entity search, Markdown in the API reference, the favicon."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.api.app import create_app
from tests.api.client import fill_store, make_client
from tests.api.test_api import KEY, error, ok


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = fill_store(tmp_path_factory.mktemp("desk-api") / "a.db")
    return make_client(create_app(db, api_key=KEY, extract=lambda doc: doc),
                       raise_server_exceptions=False)


@pytest.mark.parametrize("url", ["/api/documents?since=2023-13-45", "/api/events?until=2024-02-30",
                                 "/api/quotes?since=2023-02-29"])
def test_impossible_dates_in_filters_are_422(client: Any, url: str) -> None:
    message = error(client.get(url), 422, "invalid_request")
    assert "has no" in message


def test_an_impossible_published_date_is_not_stored(client: Any) -> None:
    body = {"text": "افتتح وزير النقل اليوم جسرا جديدا على نهر النيل في مدينة أسوان.",
            "published": "2024-02-31"}
    message = error(client.post("/api/documents", json=body, headers={"X-API-Key": KEY}),
                    422, "invalid_request")
    assert "published" in message and "February 2024 has 29 days" in message
    assert ok(client.get("/api/documents", params={"q": "أسوان"}))["meta"]["total"] == 0


def test_a_duplicate_post_names_its_story(client: Any) -> None:
    body = {"text": "افتتح وزير الصحة اليوم مستشفى جديدا في مدينة الأقصر بسعة مئتي سرير.",
            "published": "2024-02-29", "url": "https://example.org/luxor"}
    created = ok(client.post("/api/documents", json=body, headers={"X-API-Key": KEY}), 201)
    story = created["data"]["id"]
    assert created["data"]["dup_group"] == story
    again = ok(client.post("/api/documents", json=body, headers={"X-API-Key": KEY}), 200)
    assert again["data"]["status"] == "duplicate"
    assert again["data"]["dup_group"] == story


def test_entity_search_answers_the_aliases_the_entity_page_has(client: Any) -> None:
    found = ok(client.get("/api/entities", params={"q": "حفتر"}))["data"][0]
    page = ok(client.get(f"/api/entities/{found['id']}"))["data"]["entity"]
    assert found["aliases"] == page["aliases"] and len(found["aliases"]) >= 2
    assert ok(client.get("/api/entities"))["data"][0]["aliases"]


def test_the_api_reference_shows_code_not_backquotes(client: Any) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "``" not in r.text and "<code>q</code>" in r.text
    spec = client.get("/openapi.json").json()
    described = [op.get("description", "") for ops in spec["paths"].values() for op in ops.values()]
    assert described and not any("``" in d for d in described)


def test_there_is_a_favicon(client: Any) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/")
    assert b"<svg" in r.content


def test_saved_searches_through_the_api(client: Any) -> None:
    error(client.post("/api/searches", json={"name": "libya", "q": "ليبيا"}), 401, "unauthorized")
    made = ok(client.post("/api/searches", json={"name": "libya", "q": "ليبيا", "since": "2023"},
                          headers={"X-API-Key": KEY}), 201)["data"]
    assert made["filters"] == {"q": "ليبيا", "since": "2023"}
    listed = ok(client.get("/api/searches"))["data"]
    assert [s["name"] for s in listed] == ["libya"]
    error(client.post("/api/searches", json={"name": "libya", "q": "x"},
                      headers={"X-API-Key": KEY}), 422, "invalid_request")
    error(client.post("/api/searches", json={"name": "nothing"}, headers={"X-API-Key": KEY}),
          422, "invalid_request")
    error(client.post("/api/searches", json={"name": "bad date", "since": "2023-02-30"},
                      headers={"X-API-Key": KEY}), 422, "invalid_request")
    assert ok(client.get("/api/alerts"))["data"] == []  # nothing new arrived since
