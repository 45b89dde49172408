"""The API over either backend: pooled read-only connections, kept counts, several
server processes."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from marsad.api.app import StoreAccess, create_app
from marsad.store import StoreReader
from tests.api.client import fill_store, make_client
from tests.store.conftest import NewTarget

REPO = Path(__file__).resolve().parents[2]


def test_the_api_answers_from_either_backend(new_target: NewTarget) -> None:
    target = fill_store(new_target())
    client = make_client(create_app(target, readers=2))
    counts = client.get("/api").json()["data"]["counts"]
    assert counts == {"documents": 5, "stories": 4, "entities": counts["entities"],
                      "events": counts["events"], "quotes": counts["quotes"]}
    assert counts["entities"] > 5 and counts["events"] > 3
    hits = client.get("/api/search", params={"q": "وبالمشير"}).json()
    assert [h["id"] for h in hits["data"]] == ["moscow-meeting"]
    assert hits["data"][0]["copies"] == 1
    assert client.get("/api/documents/moscow-meeting").json()["data"]["store"]["copies"]
    entity = client.get("/api/entities", params={"q": "Haft"}).json()["data"][0]
    profile = client.get(f"/api/entities/{entity['id']}").json()["data"]
    assert all(isinstance(d["mentions"], int) for d in profile["documents"])
    assert client.get("/api/events", params={"event_type": "FIGHT"}).json()["meta"]["total"] == 1
    csv = client.get("/api/export/events", params={"format": "csv"}).text
    assert csv.lstrip("\ufeff").startswith("event_id,event_type")
    assert 'dir="rtl"' in client.get("/", params={"q": "حفتر"}).text


def test_readers_share_a_bounded_pool(new_target: NewTarget) -> None:
    access = StoreAccess(fill_store(new_target()), readers=3)
    opened: set[int] = set()
    busy = 0
    most = 0
    lock = threading.Lock()

    def read() -> None:
        nonlocal busy, most
        for _ in range(10):
            with access.reader() as store:
                with lock:
                    busy += 1
                    most = max(most, busy)
                    opened.add(id(store))
                assert isinstance(store, StoreReader) and store.readonly
                store.search()
                time.sleep(0.002)
                with lock:
                    busy -= 1

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    access.close()
    assert most <= 3 and len(opened) <= 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_runs_several_processes_over_one_store(new_target: NewTarget) -> None:
    target = fill_store(new_target())
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", target, "--port", str(port),
         "--workers", "2", "--readers", "2", "--log-level", "warning"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10,
                          trust_env=False) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/api").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
            for _ in range(20):
                assert client.get("/api/search", params={"q": "حفتر"}).json()["meta"]["total"] == 3
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
