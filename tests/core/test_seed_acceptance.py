"""The first acceptance test: ``marsad extract`` on the seed article (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from marsad.cli import main

from ..conftest import SEED_DIR
from .test_cli_extract import _check_spans


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    article = SEED_DIR / "article.txt"
    if not article.is_file():
        pytest.skip("../shared/examples/seed/article.txt is not present")
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    assert main(["extract", str(article), "--published", "2023-09-28", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_seed_output_validates_and_spans_slice(seed_doc: dict[str, Any],
                                               schema: dict[str, Any]) -> None:
    jsonschema.validate(seed_doc, schema)
    _check_spans(seed_doc)
    assert seed_doc["published"] == "2023-09-28"
    assert Path(SEED_DIR / "article.txt").read_text(encoding="utf-8") == seed_doc["text"]
