from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.document import Document
from marsad.pipeline import Pipeline

Run = Callable[[str], Document]


@pytest.fixture(scope="session")
def run() -> Run:
    pipe = Pipeline(["text", "entities", "linking"], options={"entities": {"use_tagger": False}})
    return lambda text: pipe.run(Document(text))
