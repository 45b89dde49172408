"""Pipelines for the entity tests, built once per session (lexicons load in the factory)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.document import Document
from marsad.pipeline import Pipeline

Run = Callable[[str], Document]


@pytest.fixture(scope="session")
def rules_pipeline() -> Pipeline:
    """Gazetteer and rules only: the stage must work without the NER tagger."""
    return Pipeline(["text", "entities", "linking"], options={"entities": {"use_tagger": False}})


@pytest.fixture(scope="session")
def run(rules_pipeline: Pipeline) -> Run:
    return lambda text: rules_pipeline.run(Document(text))


def surfaces(doc: Document, etype: str | None = None) -> list[str]:
    return [doc.surface(m) for m in doc.mentions if etype is None or m.type == etype]


def entity_named(doc: Document, name: str) -> object:
    for ent in doc.entities:
        if ent.name == name:
            return ent
    raise AssertionError(f"no entity named {name!r}: {[e.name for e in doc.entities]}")
