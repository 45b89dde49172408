"""``marsad serve``: the API, its description, its docs and the web UI on one port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.client import fill_store

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_publishes_api_docs_and_ui_on_one_port(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "serve.db")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port),
         "--api-key", "k3y", "--stages", "text", "--log-level", "warning"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10, trust_env=False) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    client.get("/api")
                    break
                except httpx.TransportError:
                    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.1)
            assert client.get("/api").json()["data"]["counts"]["stories"] == 4
            assert "/api/events" in client.get("/openapi.json").json()["paths"]
            assert client.get("/docs").headers["content-type"].startswith("text/html")
            assert 'dir="rtl"' in client.get("/").text
            article = {"text": "وصل رئيس الوزراء إلى مدينة العلا في زيارة تفقدية للمشاريع "
                               "السياحية الجديدة التي بدأ العمل بها هذا العام."}
            assert client.post("/api/documents", json=article).status_code == 401
            created = client.post("/api/documents", json=article, headers={"X-API-Key": "k3y"})
            assert created.status_code == 201, created.text
            hits = client.get("/api/search", params={"q": "العلا"}).json()["data"]
            assert [h["id"] for h in hits] == [created.json()["data"]["id"]]
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
