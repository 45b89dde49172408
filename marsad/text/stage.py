"""The ``text`` stage: sentences and tokens."""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage
from .sentences import split_sentences
from .tokens import tokenize


@register_stage("text", assigns=("sentences", "tokens"))
def make_text_stage() -> TextStage:
    return TextStage()


class TextStage:
    name = "text"

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(sentences=tuple(split_sentences(doc.text)),
                               tokens=tuple(tokenize(doc.text)))
