"""The ``entities`` stage: mentions of people, organisations, places and peoples.

The search lives in :mod:`marsad.entities` (rules, gazetteer, tagger, propagation; the
rules' words in ``marsad/entities/data/``); this module registers the stage and loads the
tagger. It is documented in ``docs/entities.md``.
"""

from __future__ import annotations

from typing import Any

from ..document import Document, Mention
from ..entities import MentionFinder
from ..errors import ModelError
from ..lexicons.tables import Lexicons, load_lexicons
from ..pipeline import register_stage

__all__ = ["EntitiesStage", "make_entities_stage"]


@register_stage("entities", requires=("sentences", "tokens"), assigns=("mentions",))
def make_entities_stage(*, use_tagger: bool = True, tagger: Any = None,
                        ner_model: str | None = None) -> EntitiesStage:
    """Build the stage; the NER tagger is used when it loads (gazetteer and rules always).

    ``ner_model``, a local Hugging Face token-classification model directory, replaces the
    shipped CRF; unlike the CRF, it must load (``ModelError`` otherwise).
    """
    if tagger is None and use_tagger and ner_model:
        from ..ner import load_hf_tagger

        tagger = load_hf_tagger(ner_model)
    elif tagger is None and use_tagger:
        tagger = _load_tagger()
    return EntitiesStage(load_lexicons(), tagger=tagger)


def _load_tagger() -> Any:
    try:
        from ..ner import load_tagger
    except ImportError:
        return None
    try:
        return load_tagger()
    except (ModelError, OSError, ValueError):
        return None


class EntitiesStage:
    name = "entities"

    def __init__(self, lexicons: Lexicons, *, tagger: Any = None) -> None:
        self.finder = MentionFinder(lexicons, tagger=tagger)
        self.lex = lexicons
        self.tagger = tagger

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(mentions=tuple(self.find_mentions(doc)))

    def find_mentions(self, doc: Document) -> list[Mention]:
        return self.finder.find(doc)
