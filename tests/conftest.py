"""Shared fixtures: where the repo and ../shared are, and the contract schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_DIR = SHARED / "examples" / "seed"
SCHEMA_PATH = SHARED / "contract" / "document.schema.json"


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    if not SCHEMA_PATH.is_file():
        pytest.skip("../shared/contract/document.schema.json is not present")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SEED_DIR / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/examples/seed/article.txt is not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict[str, Any]:
    path = SEED_DIR / "expected.json"
    if not path.is_file():
        pytest.skip("../shared/examples/seed/expected.json is not present")
    return json.loads(path.read_text(encoding="utf-8"))
