"""Ingest records into the store: dedup, extraction across cores, one writer.

For each record, in input order, the main process decides (``Ingester.plan``):

- same content hash (and same URL, or none) as a stored article: a *duplicate*,
  nothing is added;
- same content hash at a new URL, or a MinHash near-duplicate (``dedup.THRESHOLD``) of a
  stored story: a *near-duplicate*, stored with its own text, title, source and URL and
  linked to that story (``dup_group``), without extraction: the story's facts count once;
- otherwise a new *story*: its Document goes to a worker process that runs the pipeline
  (``marsad.api_python.extract_document``) and prepares its full-text index.

Results are written by the main process alone, in input order, one transaction per
article: a crash or ``kill -9`` loses only the articles not yet committed, and the next
run skips what is stored (by content hash). Records that cannot be read, and articles the
pipeline fails on, are skipped with the reason, naming the file and line.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError, PipelineError
from ..store.models import AddResult
from ..store.protocol import DocumentStore
from ..store.stories import group_article
from ..store.textindex import index_forms
from . import dedup
from .readers import Record, record_to_document

Extract = Callable[[Document], Document]


@dataclass(frozen=True)
class Skip:
    where: str
    reason: str


@dataclass
class IngestReport:
    """What one ``ingest`` run did."""

    ingested: int = 0
    near_duplicates: int = 0
    duplicates: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0
    worker_peak_mb: float = 0.0  # the largest peak memory of a process that extracted

    @property
    def seen(self) -> int:
        return self.ingested + self.near_duplicates + self.duplicates + len(self.skipped)

    def count(self, result: AddResult) -> None:
        if result.status == "ingested":
            self.ingested += 1
        elif result.status == "near_duplicate":
            self.near_duplicates += 1
        else:
            self.duplicates += 1

    def to_json(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "near_duplicates": self.near_duplicates,
                "duplicates": self.duplicates, "skipped": len(self.skipped),
                "skipped_items": [{"where": s.where, "reason": s.reason} for s in self.skipped],
                "seconds": round(self.seconds, 3),
                "worker_peak_rss_mb": round(self.worker_peak_mb, 1)}

    def summary(self, *, max_listed: int = 20) -> str:
        rate = self.seen / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"ingested {self.ingested} new stories, {self.near_duplicates} near-duplicates "
            f"(linked to their story), {self.duplicates} duplicates (already stored), "
            f"skipped {len(self.skipped)} — {self.seen} records in {self.seconds:.1f} s "
            f"({rate:.1f}/s)"
        ]
        for s in self.skipped[:max_listed]:
            lines.append(f"  skipped {s.where}: {s.reason}")
        if len(self.skipped) > max_listed:
            lines.append(f"  ... and {len(self.skipped) - max_listed} more skipped")
        return "\n".join(lines)


@dataclass
class Plan:
    """A record on its way into the store."""

    doc: Document
    content_hash: str
    where: str
    story: str | None = None  # set for a near-duplicate: the story it belongs to
    similarity: float | None = None
    signature: bytes | None = None


# How often (seconds) the near-duplicate index takes in the stories other processes stored
# meanwhile: writers sharing a store then link one another's copies.
NEAR_REFRESH_SECONDS = 5.0


class Ingester:
    """The writer of one process: decides what each record is and commits it."""

    def __init__(self, store: DocumentStore, *, published: str | None = None) -> None:
        self.store = store
        self.published = published
        self._near: dedup.NearDuplicates | None = None
        self._near_position = 0
        self._near_refreshed = 0.0
        # articles planned but not yet committed: hash -> [(url, story id)], ids
        self._pending: dict[str, list[tuple[str | None, str]]] = {}
        self._pending_ids: set[str] = set()
        self._failed: set[str] = set()

    @property
    def near(self) -> dedup.NearDuplicates:
        now = time.monotonic()
        if self._near is None:
            self._near = dedup.NearDuplicates()
        if now - self._near_refreshed >= NEAR_REFRESH_SECONDS:
            position = self.store.last_position()
            for key, data in self.store.signatures(after=self._near_position):
                if key not in self._failed:
                    self._near.add(key, dedup.decode(data))
            self._near_position = max(self._near_position, position)
            self._near_refreshed = now
        return self._near

    def _find_copy(self, content_hash: str, url: str | None) -> tuple[str, str] | None:
        for pending_url, story in self._pending.get(content_hash, ()):
            if not url or pending_url == url:
                return "same", story
        found = self.store.find_copy(content_hash, url)
        if found is None and content_hash in self._pending:
            return "copy", self._pending[content_hash][0][1]
        return found

    def plan(self, record: Record) -> Plan | AddResult | Skip:
        """Where the record goes (``stories.group_article``)."""
        doc = record_to_document(record, published=self.published)
        content_hash = dedup.content_hash(doc.text)
        # the id first: whatever another writer stored by then, the hash lookup sees too
        id_taken = doc.id in self._pending_ids or self.store.has_id(doc.id)
        found = self._find_copy(content_hash, doc.url)
        mh = near = None
        if found is None and not id_taken:
            mh = dedup.signature(doc.text)
            near = self.near.find(mh) if mh is not None else None
        grouping = group_article(found, id_taken=id_taken, near=near)
        if grouping.kind == "duplicate":
            stored = grouping.story or doc.id
            return AddResult("duplicate", stored, self.store.story_of(stored) or stored)
        if grouping.kind == "id_clash":
            return Skip(record.where, f"the id {doc.id!r} is already used by another article")
        plan = Plan(doc, content_hash, record.where, grouping.story, grouping.similarity)
        if grouping.kind == "story" and mh is not None:
            self.near.add(doc.id, mh)
            plan.signature = dedup.encode(mh)
        self._pending.setdefault(content_hash, []).append((doc.url, plan.story or doc.id))
        if plan.story is None:  # a copy's id may be its story's; the store gives it its own
            self._pending_ids.add(doc.id)
        return plan

    def _forget(self, plan: Plan) -> None:
        entries = self._pending.get(plan.content_hash, [])
        story = plan.story or plan.doc.id
        if (plan.doc.url, story) in entries:
            entries.remove((plan.doc.url, story))
        if not entries:
            self._pending.pop(plan.content_hash, None)
        if plan.story is None:
            self._pending_ids.discard(plan.doc.id)

    def fail(self, plan: Plan) -> None:
        """The story could not be extracted: forget it, so near-duplicates do not link to it."""
        self._forget(plan)
        self._failed.add(plan.doc.id)
        if self._near is not None:
            self._near.remove(plan.doc.id)

    def commit(self, plan: Plan, extracted: dict[str, Any] | None = None,
               index: tuple[str, str] | None = None) -> AddResult | Skip:
        self._forget(plan)
        if plan.story is not None:
            if plan.story in self._failed:
                return Skip(plan.where, f"near-duplicate of {plan.story}, which could not be "
                                        "extracted; run again to ingest it on its own")
            return self.store.add_document(
                plan.doc, content_hash=plan.content_hash, dup_group=plan.story,
                similarity=plan.similarity, origin=plan.where,
            )
        return self.store.add_document(
            extracted if extracted is not None else plan.doc, content_hash=plan.content_hash,
            signature=plan.signature, origin=plan.where, index=index,
        )

    def ingest_one(self, record: Record, extract: Extract) -> AddResult | Skip:
        """Plan, extract and commit one record in this process (the API's POST)."""
        decision = self.plan(record)
        if not isinstance(decision, Plan):
            return decision
        if decision.story is not None:
            return self.commit(decision)
        try:
            doc = extract(decision.doc)
        except Exception:
            self.fail(decision)
            raise
        return self.commit(decision, doc.to_json(), _index_of(doc))


def _index_of(doc: Document) -> tuple[str, str]:
    return index_forms(doc.title), index_forms(doc.text)


# --- extraction in worker processes ------------------------------------------------------

_WORKER: dict[str, Any] = {}


# How many articles one worker process extracts before a fresh one replaces it. The
# pipeline's caches keep every word they meet, so a worker grows as it reads (measured on
# SaudiNewsNet, one process: 165 MB with the pipeline built, 350 MB after 250 articles,
# 520 MB after 500, 780 MB after 4,000); a fresh worker starts from the fork server's
# prebuilt pipeline (``prefork``), so replacing one costs a fork, not a rebuild.
WORKER_ARTICLES: int | None = 200


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_init(stages: Sequence[str] | None) -> None:
    from . import prefork

    built = prefork.PIPELINES.get(prefork.stages_key(stages))
    if built is not None:
        _WORKER["extract"] = built
        return
    try:
        _WORKER["extract"] = make_extractor(stages)
    except Exception as e:  # reported to the main process with the first job
        from ..errors import MarsadError
        from ..pipeline import available_stages

        reason = e.message if isinstance(e, MarsadError) else str(e)
        _WORKER["error"] = (f"the pipeline could not be built: {reason} (stages that can be "
                            f"named with --stages: {', '.join(available_stages())})")


def make_extractor(stages: Sequence[str] | None = None) -> Extract:
    """``extract_document`` over the default pipeline, or over the named stages."""
    from ..api_python import extract_document
    from ..pipeline import Pipeline, default_pipeline

    pipeline = Pipeline(list(stages)) if stages is not None else default_pipeline()

    def extract(doc: Document) -> Document:
        return extract_document(doc, pipeline=pipeline)

    return extract


# One article never needs this long; past it a stage is stuck, and the article is skipped
# (reported with the others) rather than stalling the whole ingest.
DOC_TIME_LIMIT = 120.0


class _DocTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _DocTimeout


def extract_with_limit(extract: Extract, doc: Document) -> tuple[str, Any]:
    """``("ok", Document)`` or ``("error", reason)``: one article through ``extract``,
    stopped after ``DOC_TIME_LIMIT`` seconds (when this is the main thread)."""
    limited = threading.current_thread() is threading.main_thread()
    if limited:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, DOC_TIME_LIMIT)
    try:
        return "ok", extract(doc)
    except _DocTimeout:
        return "error", f"extraction took longer than {DOC_TIME_LIMIT:.0f} s and was stopped"
    except Exception as e:  # one bad article must not stop the run
        return "error", f"extraction failed: {type(e).__name__}: {e}"
    finally:
        if limited:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _worker_extract(doc: Document) -> tuple[str, Any]:
    if "error" in _WORKER:
        return "fatal", _WORKER["error"]
    status, out = extract_with_limit(_WORKER["extract"], doc)
    if status != "ok":
        return status, out
    return "ok", (out.to_json(), _index_of(out), peak_rss_mb())


class _Inline:
    """Runs extraction in this process (``--workers 1``)."""

    capacity = 0

    def __init__(self, stages: Sequence[str] | None) -> None:
        self.stages = stages
        self.ready = False

    def submit(self, doc: Document) -> tuple[str, Any]:
        if not self.ready:  # the pipeline loads on the first article that needs it
            _worker_init(self.stages)
            self.ready = True
        return _worker_extract(doc)

    @staticmethod
    def result(handle: Any) -> tuple[str, Any]:
        return handle  # type: ignore[no-any-return]

    def close(self, *, abort: bool = False) -> None:
        _WORKER.clear()


class _Pool:
    """Runs extraction in ``workers`` processes, started on the first article that needs
    them (a run of duplicates starts none), each replaced after ``WORKER_ARTICLES``
    articles; results come back in order. Workers fork from a fork server holding the
    built pipeline (``prefork``) where the platform has one, else they are spawned."""

    def __init__(self, stages: Sequence[str] | None, workers: int) -> None:
        self.stages = stages
        self.workers = workers
        self.pool: Any = None
        self.capacity = workers * 4

    def submit(self, doc: Document) -> Any:
        if self.pool is None:
            ctx: Any
            if "forkserver" in multiprocessing.get_all_start_methods():
                from . import prefork

                ctx = multiprocessing.get_context("forkserver")
                # read by the fork server when it starts (once per process: a later run
                # with other stages builds its pipeline in each worker instead)
                os.environ[prefork.PRELOAD_ENV] = prefork.env_value(self.stages)
                ctx.set_forkserver_preload(["marsad.ingest.prefork"])
            else:
                ctx = multiprocessing.get_context("spawn")
            self.pool = ctx.Pool(self.workers, initializer=_worker_init, initargs=(self.stages,),
                                 maxtasksperchild=WORKER_ARTICLES)
        return self.pool.apply_async(_worker_extract, (doc,))

    @staticmethod
    def result(handle: Any) -> tuple[str, Any]:
        return handle.get()  # type: ignore[no-any-return]

    def close(self, *, abort: bool = False) -> None:
        if self.pool is None:
            return
        if abort:
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()


def ingest(
    paths: Iterable[str | Path] | None = None,
    store: DocumentStore | None = None,
    *,
    records: Iterable[Record | InputError] | None = None,
    workers: int = 1,
    stages: Sequence[str] | None = None,
    published: str | None = None,
    progress: bool = False,
    fetch: Callable[[str], bytes] | None = None,
    fetch_articles: bool = False,
    on_skip: Callable[[Skip], None] | None = None,
) -> IngestReport:
    """Ingest ``paths`` (or ready ``records``) into ``store``; see the module docstring.

    ``workers`` > 1 runs the pipeline in that many processes; ``stages`` names the
    pipeline stages (default: the full default pipeline).
    """
    from tqdm import tqdm

    from .walk import iter_records

    if store is None:
        raise ValueError("ingest needs a store")
    if records is None:
        records = iter_records(paths or [], fetch=fetch, fetch_articles=fetch_articles)
    report = IngestReport()
    started = time.perf_counter()
    ingester = Ingester(store, published=published)
    runner: _Inline | _Pool = _Inline(stages) if workers <= 1 else _Pool(stages, workers)
    bar = tqdm(desc="ingest", unit=" doc", file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    window: deque[tuple[Plan, Any]] = deque()

    def skip(item: Skip) -> None:
        report.skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    def finish(plan: Plan, handle: Any) -> None:
        extracted = index = None
        if handle is not None:
            status, payload = runner.result(handle)
            if status == "fatal":
                raise PipelineError(payload)
            if status == "error":
                ingester.fail(plan)
                skip(Skip(plan.where, payload))
                bar.update()
                return
            extracted, index, worker_mb = payload
            report.worker_peak_mb = max(report.worker_peak_mb, worker_mb)
        outcome = ingester.commit(plan, extracted, index)
        if isinstance(outcome, Skip):
            skip(outcome)
        else:
            report.count(outcome)
        bar.update()
        if bar.n % 50 == 0:
            bar.set_postfix(new=report.ingested, near=report.near_duplicates,
                            dup=report.duplicates, skip=len(report.skipped), refresh=False)

    aborted = True
    try:
        for item in records:
            if isinstance(item, InputError):
                skip(Skip(item.where or "<input>", f"{item.message} [{item.code}]"))
                bar.update()
                continue
            decision = ingester.plan(item)
            if isinstance(decision, Skip):
                skip(decision)
                bar.update()
                continue
            if isinstance(decision, AddResult):
                report.count(decision)
                bar.update()
                continue
            handle = runner.submit(decision.doc) if decision.story is None else None
            window.append((decision, handle))
            while len(window) > runner.capacity:
                finish(*window.popleft())
        while window:
            finish(*window.popleft())
        aborted = False
    finally:
        runner.close(abort=aborted)
        bar.close()
        report.seconds = time.perf_counter() - started
    return report
