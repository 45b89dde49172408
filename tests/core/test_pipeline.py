from __future__ import annotations

import pytest

from marsad.document import Document, Span
from marsad.errors import PipelineError
from marsad.pipeline import Pipeline, register_stage


@register_stage("test-upper-title", requires=("sentences",), assigns=("meta",))
def _make_title_stage() -> object:
    def stage(doc: Document) -> Document:
        first = doc.sentences[0]
        return doc.with_layers(meta={"first": doc.text[first.start:first.end]})

    return stage


def test_text_stage_adds_sentences_and_tokens() -> None:
    doc = Pipeline(["text"]).run(Document("وصل الوفد إلى القاهرة. ثم غادر."))
    assert doc.has("sentences") and doc.has("tokens")
    assert [doc.surface(s) for s in doc.sentences] == ["وصل الوفد إلى القاهرة.", "ثم غادر."]


def test_missing_prerequisite_fails_at_construction() -> None:
    with pytest.raises(PipelineError, match="needs sentences"):
        Pipeline(["test-upper-title"])


def test_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        Pipeline(["text", "nope"])


def test_registered_stage_runs_after_its_prerequisite() -> None:
    docs = list(Pipeline(["text", "test-upper-title"]).pipe([Document("أولا. ثانيا.")]))
    assert docs[0].meta == {"first": "أولا."}


def test_documents_are_immutable_and_keep_their_text() -> None:
    doc = Document("نص أصلي")
    with pytest.raises(AttributeError):
        doc.text = "other"  # type: ignore[misc]
    new = doc.with_layers(sentences=(Span(0, 2),))
    assert doc.sentences == () and new.sentences == (Span(0, 2),)
    assert new.text == doc.text and new.id == doc.id
