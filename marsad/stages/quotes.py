"""The ``quotes`` stage: direct and indirect quotes with speaker, cue and via.

Also :func:`evaluate_cli`, which ``marsad eval quotes --gold FILE`` calls. The rules live in
:mod:`marsad.quotes` and are documented in ``docs/quotes.md``; the cue words are data in
``marsad/data/quotes/``.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..document import Document
from ..pipeline import register_stage
from ..quotes import QuoteFinder
from ..quotes.scoring import QuoteScores, gold_document, read_gold, score_items

__all__ = ["END_TO_END_STAGES", "QuotesStage", "evaluate_cli", "make_quotes_stage", "score_gold"]

# The stages quotes depend on, in the default order: the end-to-end score runs these
# (dates and events add nothing the quotes stage reads).
END_TO_END_STAGES = ("text", "entities", "linking", "quotes")


@register_stage("quotes", requires=("sentences", "tokens", "entities"), assigns=("quotes",))
def make_quotes_stage() -> QuotesStage:
    return QuotesStage(QuoteFinder())


class QuotesStage:
    name = "quotes"

    def __init__(self, finder: QuoteFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(quotes=self.finder.find(doc))


def score_gold(items: list[dict[str, Any]], *, end_to_end: bool) -> QuoteScores:
    """Scores on gold items: the stage alone on the gold entities, or the whole pipeline."""
    if end_to_end:
        from ..api_python import extract

        return score_items(items, lambda item: extract(
            item["text"], published=item.get("published"), stages=END_TO_END_STAGES))
    stage = make_quotes_stage()
    return score_items(items, lambda item: stage(gold_document(item)))


def evaluate_cli(args: argparse.Namespace) -> int:
    """Print P/R/F1 per kind, overall and strict, and speaker accuracy, for the stage alone
    (gold entities) and end to end (the default pipeline)."""
    items = read_gold(args.gold)
    for title, end_to_end in (("stage alone (gold entities)", False), ("end to end", True)):
        scores = score_gold(items, end_to_end=end_to_end)
        print(f"quotes, {title}: {len(items)} documents, {args.gold}")
        print(scores.table())
        if getattr(args, "verbose", False):
            print("\n".join(scores.errors))
        print()
    return 0
