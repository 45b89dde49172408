"""Shared fixtures: one pipeline without the statistical tagger (gazetteer and rules find
the names these hand-written sentences use), built once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.document import Document
from marsad.pipeline import DEFAULT_STAGES, Pipeline

Extract = Callable[..., Document]


@pytest.fixture(scope="session")
def extract() -> Extract:
    pipe = Pipeline(list(DEFAULT_STAGES), options={"entities": {"use_tagger": False}})

    def run(text: str, **meta: str) -> Document:
        return pipe.run(Document(text, published=meta.pop("published", "2015-08-02"), **meta))

    return run
