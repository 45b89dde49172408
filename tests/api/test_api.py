"""The JSON API: one success shape, one error shape, filters, and writing with a key."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from marsad.api.app import create_app
from marsad.document import Document
from tests.api.client import fill_store, make_client
from tests.store.samples import TRIPOLI

KEY = "s3cret-key"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(tmp_path_factory.mktemp("api") / "api.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Any:
    return make_client(create_app(db), raise_server_exceptions=False)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"data", "meta"}, body
    assert isinstance(body["meta"], dict)
    return body


def error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) - {"details"} == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return str(body["error"]["message"])


SUCCESS_URLS = [
    "/api", "/api/documents", "/api/documents?q=حفتر&type=PER&since=2023-10",
    "/api/search?q=Haftar", "/api/documents/moscow-meeting", "/api/entities",
    "/api/entities?q=حفت&type=PER", "/api/entities/E2", "/api/events",
    "/api/events?event_type=FIGHT&entity=Haftar", "/api/quotes", "/api/quotes?speaker=Khalifa Haftar",
]


@pytest.mark.parametrize("url", SUCCESS_URLS)
def test_every_success_has_the_one_shape(client: Any, url: str) -> None:
    ok(client.get(url))


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("get", "/api/nothing-here", 404, "not_found"),
    ("get", "/api/documents/no-such-doc", 404, "not_found"),
    ("get", "/api/entities/E99999", 404, "not_found"),
    ("get", "/api/documents?limit=0", 422, "invalid_request"),
    ("get", "/api/documents?limit=5000", 422, "invalid_request"),
    ("get", "/api/documents?offset=-1", 422, "invalid_request"),
    ("get", "/api/documents?since=last-week", 422, "invalid_request"),
    ("get", "/api/events?event_type=MEETING", 422, "invalid_request"),
    ("get", "/api/entities?type=PERSON", 422, "invalid_request"),
    ("get", "/api/search", 422, "invalid_request"),
    ("get", "/api/export/people?format=csv", 422, "invalid_request"),
    ("get", "/api/export/events?format=xlsx", 422, "invalid_request"),
    ("delete", "/api/documents/moscow-meeting", 405, "method_not_allowed"),
    ("post", "/api/documents", 403, "read_only"),
])
def test_every_error_has_the_one_shape(client: Any, method: str, url: str, status: int,
                                       code: str) -> None:
    error(getattr(client, method)(url), status, code)


def test_documents_search_and_filters(client: Any) -> None:
    body = ok(client.get("/api/documents", params={"q": "المُشير"}))
    assert [d["id"] for d in body["data"]] == ["moscow-meeting"]
    assert body["meta"]["total"] == 1 and body["meta"]["filters"] == {"q": "المُشير"}
    assert body["data"][0]["copies"] == 1
    body = ok(client.get("/api/search", params={"q": "Haftar", "limit": 2}))
    assert body["meta"]["total"] == 3 and len(body["data"]) == 2
    assert body["meta"]["entities"][0]["name"] == "خليفة حفتر"
    body = ok(client.get("/api/documents", params={"event_type": "FIGHT"}))
    assert [d["id"] for d in body["data"]] == ["tripoli-clashes"]


def test_one_document(client: Any) -> None:
    doc = ok(client.get("/api/documents/moscow-meeting"))["data"]
    assert doc["schema"] == "marsad/document@1"
    assert {e["name"]: e["store_id"] for e in doc["entities"]}["خليفة حفتر"] == "E2"
    assert [c["id"] for c in doc["store"]["copies"]] == ["moscow-meeting-copy"]
    assert Document.from_json(doc).text == doc["text"]


def test_entity_profile(client: Any) -> None:
    body = ok(client.get("/api/entities/E2"))
    profile = body["data"]
    assert profile["entity"]["name_en"] == "Khalifa Haftar"
    assert {m["name_en"] for m in profile["met"]} == {"Vladimir Putin", "Abdel Fattah el-Sisi"}
    assert [f["name_en"] for f in profile["fought"]] == ["Government of National Unity"]
    assert profile["timeline"] and profile["quotes"] and profile["mentions"]
    assert body["meta"] == {"redirected_from": None}


def test_events_paging_and_filters(client: Any) -> None:
    first = ok(client.get("/api/events", params={"limit": 2}))
    second = ok(client.get("/api/events", params={"limit": 2, "offset": 2}))
    assert first["meta"]["total"] == 6 and len(first["data"]) == 2
    assert {e["event_id"] for e in first["data"]}.isdisjoint(e["event_id"] for e in second["data"])
    body = ok(client.get("/api/events", params={"entity": "E2", "since": "2023-10-01",
                                                "until": "2023-10-31"}))
    assert [e["type"] for e in body["data"]] == ["ASSAULT"]
    body = ok(client.get("/api/events", params={"source": "صحيفة المساء التجريبية"}))
    assert {e["doc"]["id"] for e in body["data"]} == {"tripoli-clashes"}


def test_quotes_by_speaker(client: Any) -> None:
    body = ok(client.get("/api/quotes", params={"speaker": "E2"}))
    assert [q["text"] for q in body["data"]] == ["العلاقات مع روسيا تاريخية وراسخة"]


def test_exports(client: Any) -> None:
    r = client.get("/api/export/events", params={"format": "csv", "event_type": "CONSULT"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4 and {row["event_type"] for row in rows} == {"CONSULT"}
    r = client.get("/api/export/entities", params={"format": "jsonl", "type": "PER"})
    names = {json.loads(line)["name_en"] for line in r.text.splitlines()}
    assert "Khalifa Haftar" in names and "Libya" not in names
    r = client.get("/api/export/quotes", params={"format": "parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 3


def test_openapi_lists_every_route(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api", "/api/documents", "/api/search", "/api/documents/{doc_id}", "/api/entities",
        "/api/entities/{entity_id}", "/api/events", "/api/quotes", "/api/export/{kind}",
        "/api/meaning", "/api/documents/{doc_id}/similar", "/api/searches", "/api/alerts",
    }


def test_the_docs_page_works_offline(client: Any) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and "/api/events" in r.text
    assert "cdn" not in r.text.lower() and "<script" not in r.text


def test_a_server_fault_has_the_error_shape(db: Path) -> None:
    def broken(doc: Document) -> Document:
        raise RuntimeError("boom: internal detail")

    client = make_client(create_app(db, api_key=KEY, extract=broken),
                         raise_server_exceptions=False)
    message = error(client.post("/api/documents", json={"text": "خبر جديد عن الطقس في مكة."},
                                headers={"X-API-Key": KEY}), 500, "internal_error")
    assert "boom" not in message  # no internals leak


def test_writing_needs_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = fill_store(tmp_path / "w.db")
    monkeypatch.setenv("MARSAD_API_KEY", KEY)
    calls: list[str] = []

    def extract(doc: Document) -> Document:
        calls.append(doc.id)
        return doc

    client = make_client(create_app(db, extract=extract))  # the key comes from the environment
    body = {"text": "افتتح وزير النقل اليوم الطريق الدائري الجديد في مدينة الدمام بحضور عدد "
                    "من المسؤولين والمهندسين الذين عملوا على المشروع لمدة ثلاث سنوات.",
            "title": "افتتاح الطريق الدائري", "published": "2024-02-01", "source": "تجربة",
            "url": "https://example.org/ring-road"}
    error(client.post("/api/documents", json=body), 401, "unauthorized")
    error(client.post("/api/documents", json=body, headers={"X-API-Key": "wrong"}), 403, "forbidden")
    error(client.post("/api/documents", json={"text": "English only text here."},
                      headers={"X-API-Key": KEY}), 422, "invalid_input")
    error(client.post("/api/documents", json={"title": "no text"}, headers={"X-API-Key": KEY}),
          422, "invalid_request")
    created = ok(client.post("/api/documents", json=body, headers={"X-API-Key": KEY}), 201)
    assert created["data"]["status"] == "ingested" and calls == [created["data"]["id"]]
    found = ok(client.get("/api/search", params={"q": "الدائري"}))
    assert [d["id"] for d in found["data"]] == [created["data"]["id"]]
    again = ok(client.post("/api/documents", json=body,
                           headers={"Authorization": f"Bearer {KEY}"}), 200)
    assert again["data"]["status"] == "duplicate" and len(calls) == 1
    copy = {**body, "text": TRIPOLI.text.replace("اليوم", "الثلاثاء"), "url": "https://z.example/t"}
    near = ok(client.post("/api/documents", json=copy, headers={"X-API-Key": KEY}), 201)
    assert near["data"]["status"] == "near_duplicate"
    assert near["data"]["dup_group"] == "tripoli-clashes" and len(calls) == 1
