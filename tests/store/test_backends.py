"""SQLite and PostgreSQL give the same answers on the same data.

Both stores are filled with the same articles in the same order: the hand-annotated
samples (with a near-duplicate copy) and the project's example articles run through the
full pipeline. Then every reading call is asked the same questions of both: full-text
search with the project's normalisation and clitic stripping (every word of every
article, with and without filters, in Arabic and English), events, quotes, entities,
profiles, documents and exports. Results must be equal; BM25 scores to 1e-3 (the two
databases sum floating-point numbers in their own order).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.ingest.dedup import content_hash, encode, signature
from marsad.store import DocumentStore, Filters, SQLiteStore, open_store
from marsad.store.export import export
from marsad.text.tokens import tokenize
from tests.store.pgserver import PostgresServer
from tests.store.samples import ALL, HOSTILE, MOSCOW_COPY, make_doc

REPO = Path(__file__).resolve().parents[2]


def corpus() -> list[dict[str, Any]]:
    import marsad

    docs = [make_doc(a).to_json() for a in [*ALL, HOSTILE]]
    for path in sorted((REPO / "examples" / "articles").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        doc = marsad.extract(record["text"], published=record.get("published"))
        data = doc.to_json()
        data.update(id=record["id"], title=record.get("title"), source=record.get("source"))
        docs.append(data)
    return docs


def fill(store: DocumentStore, docs: list[dict[str, Any]]) -> None:
    for data in docs:
        sig = signature(data["text"])
        store.add_document(data, content_hash=content_hash(data["text"]),
                           signature=encode(sig) if sig is not None else None)
    copy = make_doc(MOSCOW_COPY)
    store.add_document(copy, content_hash=content_hash(copy.text), dup_group="moscow-meeting",
                       similarity=0.9)


@pytest.fixture(scope="module")
def stores(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory
           ) -> Any:
    docs = corpus()
    lite = SQLiteStore(tmp_path_factory.mktemp("parity") / "p.db")
    pg = open_store(postgres.new_url())
    fill(lite, docs)
    fill(pg, docs)
    yield lite, pg, docs
    lite.close()
    pg.close()


def same(a: Any, b: Any, where: str = "") -> None:
    """Equal, except floats (scores), which may differ in the last digits."""
    if isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, abs=1e-3), where
    elif isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list | tuple) and isinstance(b, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def page(p: Any) -> dict[str, Any]:
    return {"total": p.total, "items": [i.to_json() if hasattr(i, "to_json") else i
                                        for i in p.items]}


def words(docs: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for data in docs:
        toks = [t for t in tokenize(data["text"]) if t.kind != "punct"]
        out += [data["text"][t.start:t.end] for t in toks[::2]]
    return sorted(set(out))


def test_search_gives_the_same_stories_in_the_same_order(stores: Any) -> None:
    lite, pg, docs = stores
    queries = words(docs)
    assert len(queries) > 300
    pairs = [f"{a} {b}" for a, b in zip(queries[::7], queries[3::7], strict=False)]
    english = ["Haftar", "Putin", "haftar cairo", "Cairo", "Riyadh", "Mandela", "Sisi"]
    for q in [*queries, *pairs, *english, "", "  ", "3.5", "«»"]:
        for limit, offset in ((20, 0), (2, 1)):
            f = Filters(q=q)
            same(page(lite.search(f, limit=limit, offset=offset)),
                 page(pg.search(f, limit=limit, offset=offset)), q)


def test_filters_events_and_quotes_agree(stores: Any) -> None:
    lite, pg, _ = stores
    filters = [Filters(), Filters(entity="E2"), Filters(entity="حفتر"),
               Filters(entity="Vladimir Putin"), Filters(entity_type="ORG"),
               Filters(event_type="CONSULT"), Filters(since="2023-10"),
               Filters(until="2023-10"), Filters(since="2015", until="2024-03-14"),
               Filters(source="مرصد"), Filters(q="القاهرة", since="2024"),
               Filters(q="Haftar", event_type="FIGHT"), Filters(speaker="خليفة حفتر"),
               Filters(q="وزير الخارجية")]
    for f in filters:
        where = repr(f)
        same(page(lite.search(f)), page(pg.search(f)), where)
        same(page(lite.events(f, limit=500)), page(pg.events(f, limit=500)), where)
        same(page(lite.quotes(f, limit=500)), page(pg.quotes(f, limit=500)), where)
        for kind in ("events", "entities", "quotes"):
            a, b = io.StringIO(), io.StringIO()
            export(lite, kind, "csv", f, a)
            export(pg, kind, "csv", f, b)
            assert a.getvalue() == b.getvalue(), (kind, where)


def test_entities_documents_and_counts_agree(stores: Any) -> None:
    lite, pg, docs = stores
    assert lite.count_documents() == pg.count_documents()
    assert lite.sources() == pg.sources()
    everyone = lite.search_entities(limit=500)
    same(page(everyone), page(pg.search_entities(limit=500)))
    assert everyone.total > 40
    for ent in everyone.items:
        same(lite.entity_profile(ent.id), pg.entity_profile(ent.id), ent.id)
        for prefix in {ent.name[:2], ent.name.split()[0], (ent.name_en or "x")[:3]}:
            same(page(lite.search_entities(prefix)), page(pg.search_entities(prefix)), prefix)
    for data in [*docs, make_doc(MOSCOW_COPY).to_json()]:
        a, b = lite.document(data["id"]), pg.document(data["id"])
        assert a is not None and b is not None
        a["store"].pop("ingested_at")
        b["store"].pop("ingested_at")
        same(a, b, data["id"])
    assert lite.corrections() == pg.corrections() == []


def test_corrections_agree(postgres: PostgresServer, tmp_path: Path) -> None:
    docs = corpus()[:4]
    lite = SQLiteStore(tmp_path / "c.db")
    pg = open_store(postgres.new_url())
    for store in (lite, pg):
        fill(store, docs)
        haftar = store.entities_by_alias("خليفة حفتر")[0].id
        putin = store.entities_by_alias("فلاديمير بوتين")[0].id
        store.rename(putin, name_en="V. Putin")
        store.merge(haftar, putin)
    same(page(lite.search_entities(limit=100)), page(pg.search_entities(limit=100)))
    assert [{k: v for k, v in c.items() if k != "at"} for c in lite.corrections()] == \
           [{k: v for k, v in c.items() if k != "at"} for c in pg.corrections()]
    assert lite.count_documents() == pg.count_documents()
    lite.close()
    pg.close()
