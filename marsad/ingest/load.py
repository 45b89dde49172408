"""``load``: the Parquet tables of ``marsad spark extract`` into a store.

The documents come back in input order (``spark.tables.iter_documents``) and go through
the same ``Ingester`` as ``marsad ingest``, with their facts already extracted: story
grouping (duplicates by content hash, copies at other URLs, MinHash near-duplicates,
linked to their story without facts) and cross-document entity resolution run here,
against everything the store holds. Loading the same tables twice adds nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..store.models import AddResult
from ..store.protocol import DocumentStore
from .ingester import Ingester, IngestReport, Plan, Skip
from .readers import Record


def load(folder: str | Path, store: DocumentStore, *, progress: bool = False,
         on_skip: Callable[[Skip], None] | None = None) -> IngestReport:
    """Bring the tables under ``folder`` into ``store``; see the module docstring."""
    from tqdm import tqdm

    from ..spark.tables import iter_documents, read_table

    report = IngestReport()
    started = time.perf_counter()

    def skip(item: Skip) -> None:
        report.skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    for row in read_table(folder, "skipped"):
        skip(Skip(row["where"], f"not extracted: {row['reason']}"))
    ingester = Ingester(store)
    bar = tqdm(desc="load", unit=" doc", file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    try:
        for data, origin in iter_documents(folder):
            record = Record(text=data["text"], id=data["id"], title=data.get("title"),
                            published=data.get("published"),
                            published_from=data.get("published_from"),
                            source=data.get("source"), url=data.get("url"),
                            where=origin or f"{folder}:{data['id']}")
            decision = ingester.plan(record)
            if isinstance(decision, Skip):
                skip(decision)
            elif isinstance(decision, AddResult):
                report.count(decision)
            else:
                outcome = _commit(ingester, decision, data)
                if isinstance(outcome, Skip):
                    skip(outcome)
                else:
                    report.count(outcome)
            bar.update()
    finally:
        bar.close()
        report.seconds = time.perf_counter() - started
    return report


def _commit(ingester: Ingester, plan: Plan, data: dict[str, object]) -> AddResult | Skip:
    if plan.story is not None:  # a copy or near-duplicate: stored without its facts
        return ingester.commit(plan)
    return ingester.commit(plan, dict(data))
