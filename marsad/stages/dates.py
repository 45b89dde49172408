"""The ``dateline`` and ``dates`` stages: the publication date from a dateline, then date
expressions with ISO values, relative to ``doc.published``.

Also the helpers other parts of Marsad call: :func:`nearest_date` (the events stage),
:func:`find_published` and :func:`evaluate_cli` (``marsad eval dates --gold FILE``). The
grammar lives in :mod:`marsad.dates`; the rules are documented in ``docs/dates.md``.
"""

from __future__ import annotations

import argparse
import dataclasses

from ..dates import DateFinder, find_published
from ..document import DateExpr, Document, Span
from ..pipeline import Pipeline, register_stage

__all__ = ["DatelineStage", "DatesStage", "evaluate_cli", "find_published", "make_dateline_stage",
           "make_dates_stage", "nearest_date"]


@register_stage("dateline", assigns=("published",))
def make_dateline_stage() -> DatelineStage:
    return DatelineStage()


class DatelineStage:
    """Sets ``doc.published`` from a dateline at the top of the article (``الرياض 05 شوال
    1436 هـ الموافق 21 يوليو 2015 م واس``) when the document has no publication date; a
    date given by the caller, the record or the page always wins. ``published_from`` says
    where the date came from (``dateline``)."""

    name = "dateline"

    def __call__(self, doc: Document) -> Document:
        if doc.published is not None:
            return doc
        value, origin = find_published(doc.text)
        if value is None:
            return doc
        return dataclasses.replace(doc, published=value, published_from=origin)


@register_stage("dates", requires=("sentences", "tokens"), assigns=("dates",))
def make_dates_stage() -> DatesStage:
    return DatesStage(DateFinder())


class DatesStage:
    name = "dates"

    def __init__(self, finder: DateFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(dates=tuple(self.finder.find(doc.text, doc.published)))


def nearest_date(doc: Document, span: Span) -> DateExpr | None:
    """The date expression nearest to ``span`` within its sentence (None if there is none).

    Distance is in characters between the two spans (0 when they overlap); on a tie the
    date before the span wins, as Arabic news puts the date after the verb it dates less
    often than before the clause it opens.
    """
    sentence = doc.sentence_of(span.start)
    if sentence is None:
        return None
    best: tuple[int, int, DateExpr] | None = None
    for d in doc.dates:
        if not (sentence.start <= d.start and d.end <= sentence.end):
            continue
        if d.end <= span.start:
            gap, side = span.start - d.end, 0
        elif d.start >= span.end:
            gap, side = d.start - span.end, 1
        else:
            gap, side = 0, 0
        if best is None or (gap, side) < best[:2]:
            best = (gap, side, d)
    return best[2] if best else None


def evaluate_cli(args: argparse.Namespace) -> int:
    """``marsad eval dates --gold FILE``: accuracy by kind and overall, span P/R/F1."""
    from ..dates.scoring import format_score, load_gold, score

    gold = load_gold(args.gold)
    pipeline = Pipeline(["text", "dates"])

    def find(sentence: str, published: str | None) -> list[DateExpr]:
        return list(pipeline.run(Document(text=sentence, published=published)).dates)

    result = score(gold, find)
    print(format_score(result, title=f"dates: {args.gold} ({len(gold)} sentences)"))
    if getattr(args, "verbose", False) or getattr(args, "errors", False):
        for line in result.errors:
            print(line)
    return 0
