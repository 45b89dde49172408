"""Property tests: any document survives the store, and any of its words finds it."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import ENTITY_TYPES, EVENT_TYPES, Document
from marsad.ingest.dedup import content_hash
from marsad.store import Filters
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize
from tests.store.conftest import EmptyStore

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآةىئؤء" + "\u064e\u0650\u0651"
TEXT = st.text(alphabet=ARABIC + "   .،\n\"«»0123456789<>&'", min_size=1, max_size=200).filter(
    lambda t: any(c.isalpha() for c in t))
NAME = st.text(alphabet=ARABIC + " ", min_size=1, max_size=20).filter(lambda t: t.strip())
DATE = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                 st.integers(1000, 2100).map(str))


@st.composite
def span(draw: Any, n: int) -> dict[str, int]:
    start = draw(st.integers(0, n - 1))
    end = draw(st.integers(start + 1, n))
    return {"start": start, "end": end}


@st.composite
def document(draw: Any, doc_id: str) -> dict[str, Any]:
    text = draw(TEXT)
    n = len(text)
    entities = []
    for i in range(draw(st.integers(0, 4))):
        mentions = draw(st.lists(span(n), min_size=1, max_size=3))
        entities.append({
            "id": f"T{i}", "type": draw(st.sampled_from(ENTITY_TYPES)), "name": draw(NAME),
            "name_en": draw(st.one_of(st.none(), st.text("abcdefghij -'", min_size=1, max_size=15))),
            "kb": None, "titles": [],
            "mentions": [{**m, "text": text[m["start"]:m["end"]]} for m in mentions],
        })
    ids = [e["id"] for e in entities]
    actors = st.lists(st.sampled_from(ids), max_size=2, unique=True) if ids else st.just([])
    events = []
    for i in range(draw(st.integers(0, 3))):
        trig = draw(span(n))
        events.append({
            "id": f"V{i}", "type": draw(st.sampled_from(EVENT_TYPES)), "mode": None,
            "trigger": {**trig, "text": text[trig["start"]:trig["end"]]},
            "sentence": draw(span(n)), "source": draw(actors), "target": draw(actors),
            "location": draw(actors), "date": draw(DATE), "negated": draw(st.booleans()),
            "confidence": draw(st.floats(0, 1).map(lambda x: round(x, 3))),
        })
    quotes = []
    for i in range(draw(st.integers(0, 2))):
        q = draw(span(n))
        quotes.append({**q, "id": f"Q{i}", "text": text[q["start"]:q["end"]],
                       "kind": draw(st.sampled_from(["direct", "indirect"])),
                       "speaker": draw(st.one_of(st.none(), st.sampled_from(ids))) if ids else None,
                       "cue": None, "via": None})
    dates = []
    for _ in range(draw(st.integers(0, 2))):
        d = draw(span(n))
        dates.append({**d, "text": text[d["start"]:d["end"]], "value": draw(DATE),
                      "calendar": "gregorian", "kind": "absolute"})
    return {
        "schema": "marsad/document@1", "id": doc_id, "title": draw(st.one_of(st.none(), NAME)),
        "published": draw(DATE), "published_from": None,
        "source": draw(st.one_of(st.none(), NAME)), "url": None, "text": text,
        "sentences": [s.to_json() for s in split_sentences(text)],
        "entities": entities, "dates": dates, "events": events, "quotes": quotes,
    }


@st.composite
def collections(draw: Any) -> list[dict[str, Any]]:
    docs = [draw(document(f"d{i}")) for i in range(draw(st.integers(1, 4)))]
    hashes = set()
    unique = []
    for d in docs:
        h = content_hash(d["text"])
        if h not in hashes:
            hashes.add(h)
            unique.append(d)
    return unique


FRESH_STORE_EACH_EXAMPLE = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=40, deadline=None, suppress_health_check=FRESH_STORE_EACH_EXAMPLE)
@given(collections())
def test_documents_round_trip_through_the_store(empty_store: EmptyStore,
                                                 docs: list[dict[str, Any]]) -> None:
    with empty_store() as store:
        for data in docs:
            doc = Document.from_json(data)
            assert store.add_document(doc, content_hash=content_hash(doc.text)).status == "ingested"
        for data in docs:
            got = store.document(data["id"])
            assert got is not None
            del got["store"]
            store_ids = {e["id"]: e.pop("store_id") for e in got["entities"]}
            assert got == Document.from_json(data).to_json()
            # every document entity maps to one live stored entity of its type
            for ent in data["entities"]:
                stored = store.entity(store_ids[ent["id"]])
                assert stored is not None and stored.type == ent["type"]
        # the kept counts agree with the rows they count
        conn = store.conn  # type: ignore[attr-defined]
        for eid, doc_count, mention_count in conn.execute(
                "SELECT id, doc_count, mention_count FROM entities").fetchall():
            assert doc_count == conn.execute(
                "SELECT count(DISTINCT doc_rowid) FROM doc_entities WHERE entity_id = ?",
                (eid,)).fetchone()[0]
            assert mention_count == conn.execute(
                "SELECT count(*) FROM mentions WHERE entity_id = ?", (eid,)).fetchone()[0]
        assert store.events(Filters(), limit=500).total == sum(len(d["events"]) for d in docs)
        assert store.quotes(Filters(), limit=500).total == sum(len(d["quotes"]) for d in docs)
        counts = store.count_documents()
        assert counts["documents"] == counts["stories"] == len(docs)
        assert counts["events"] == conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert counts["quotes"] == conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        assert counts["entities"] == conn.execute(
            "SELECT count(*) FROM entities WHERE merged_into IS NULL").fetchone()[0]
        assert store.events().happenings == conn.execute(
            "SELECT count(DISTINCT cluster) FROM events").fetchone()[0]


@settings(max_examples=40, deadline=None, suppress_health_check=FRESH_STORE_EACH_EXAMPLE)
@given(collections(), st.data())
def test_any_word_of_a_document_finds_it(empty_store: EmptyStore, docs: list[dict[str, Any]],
                                         data: st.DataObject) -> None:
    with empty_store() as store:
        for d in docs:
            doc = Document.from_json(d)
            store.add_document(doc, content_hash=content_hash(doc.text))
        d = data.draw(st.sampled_from(docs))
        words = [d["text"][t.start:t.end] for t in tokenize(d["text"]) if t.kind == "word"]
        if not words:
            return
        word = data.draw(st.sampled_from(words))
        found = [hit["id"] for hit in store.search(Filters(q=word), limit=10).items]
        assert d["id"] in found, word
