"""The events stage: PLOVER events (type, mode, actors, place, date) for every sentence.

The work is in ``marsad.events``; this module registers the stage and the
``marsad eval events`` entry point.
"""

from __future__ import annotations

import argparse

from ..document import Document
from ..events import EventFinder
from ..events.detector import load_detector
from ..pipeline import register_stage

__all__ = ["EventsStage", "evaluate_cli", "make_events_stage"]


@register_stage(
    "events", requires=("sentences", "tokens", "entities", "dates"), assigns=("events",)
)
def make_events_stage() -> EventsStage:
    return EventsStage(EventFinder(detector=load_detector()))


class EventsStage:
    def __init__(self, finder: EventFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(events=self.finder(doc))


def evaluate_cli(args: argparse.Namespace) -> int:
    """``marsad eval events --gold FILE``: P/R/F1 per type and overall, end to end."""
    from ..events.score import evaluate_file

    report = evaluate_file(args.gold, end_to_end=not getattr(args, "gold_entities", False))
    print(report.format())
    return 0
