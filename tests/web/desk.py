"""The store the page and browser tests read: the hand-written samples, their vectors
(from the words embedder), a saved search that has raised an alert, and watched feeds."""

from __future__ import annotations

from pathlib import Path

from marsad.ingest.dedup import content_hash
from marsad.store import Filters, Store, vectors
from marsad.store import alerts as alert_store
from tests.api.client import fill_store
from tests.store.fake_embedder import WordsEmbedder
from tests.store.samples import Article, Ent, Ev, Qt, make_doc

# Arrives after the search "حفتر" was saved: it raises the alert.
BENGHAZI = Article(
    id="benghazi-envoy",
    title="المبعوث الأممي يلتقي حفتر في بنغازي",
    published="2023-12-04",
    source="صحيفة المساء التجريبية",
    url="https://example.net/benghazi-envoy",
    text=(
        "المبعوث الأممي يلتقي حفتر في بنغازي\n"
        "بنغازي - التقى المبعوث الأممي عبد الله باتيلي اليوم المشير خليفة حفتر في بنغازي.\n"
        "ونقل المكتب الإعلامي عن باتيلي قوله إن \"الحوار هو الطريق الوحيد\".\n"
    ),
    entities=[
        Ent("p1", "PER", "عبد الله باتيلي", "Abdoulaye Bathily", ("عبد الله باتيلي", "باتيلي")),
        Ent("p2", "PER", "خليفة حفتر", "Khalifa Haftar", ("خليفة حفتر", "حفتر")),
        Ent("p3", "GPE", "بنغازي", "Benghazi", ("بنغازي",), kb={"source": "geonames", "id": "88319"}),
        Ent("o1", "ORG", "المكتب الإعلامي", None, ("المكتب الإعلامي",)),
    ],
    events=[Ev("m1", "CONSULT", "التقى", source=("p1",), target=("p2",), location=("p3",),
               date="2023-12-04")],
    quotes=[Qt("mq", "الحوار هو الطريق الوحيد", "direct", "p1", cue="قوله")],
)


def desk_store(path: Path) -> Path:
    fill_store(path)
    with Store(path) as store:
        with store.transaction() as conn:
            alert_store.add_search(conn, "حفتر", Filters(q="حفتر"))
        doc = make_doc(BENGHAZI)
        store.add_document(doc, content_hash=content_hash(doc.text))
        with store.transaction() as conn:
            alert_store.evaluate(conn)
        alert_store.record_feed(store.conn, "https://example.org/feed.rss", ok=True, items=3,
                                new_stories=1, next_try="2023-12-04T10:10:00Z")
        alert_store.record_feed(store.conn, "https://example.org/down.rss", ok=False,
                                error="cannot download: HTTP Error 500", failures=2,
                                next_try="2023-12-04T10:20:00Z")
        vectors.build(store.conn, WordsEmbedder())
    return path
