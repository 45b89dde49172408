from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from marsad.errors import StoreError
from marsad.ingest.dedup import content_hash
from marsad.store import SCHEMA_VERSION, DocumentStore, Filters, QueryError, Store
from tests.store.conftest import NewStore
from tests.store.samples import (
    ALL,
    CAIRO,
    MOSCOW,
    MOSCOW_COPY,
    TRIPOLI,
    Article,
    Ent,
    make_doc,
    make_json,
)


def add(store: DocumentStore, article: Article, **kwargs: object) -> str:
    doc = make_doc(article)
    return store.add_document(doc, content_hash=content_hash(doc.text), **kwargs).status  # type: ignore[arg-type]


@pytest.fixture
def store(new_store: NewStore) -> DocumentStore:
    s = new_store()
    for article in ALL:
        add(s, article)
    return s


def ids(page: object) -> list[str]:
    return [item["id"] for item in page.items]  # type: ignore[attr-defined]


def test_a_stored_document_reads_back_as_the_same_contract_json(store: DocumentStore) -> None:
    got = store.document("moscow-meeting")
    assert got is not None
    want = make_json(MOSCOW)
    stored_extras = got.pop("store")
    for ent in got["entities"]:
        assert ent.pop("store_id").startswith("E")
    assert got == want
    assert stored_extras["is_story"] is True and stored_extras["copies"] == []


def test_the_file_is_wal_and_versioned(tmp_path: Path) -> None:
    store = Store(tmp_path / "v.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    row = store.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert int(row[0]) == SCHEMA_VERSION


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a Marsad store"):
        Store(path)


def test_a_missing_store_is_not_created_by_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


def test_storing_the_same_document_twice_adds_nothing(store: DocumentStore) -> None:
    before = store.count_documents()
    assert add(store, MOSCOW) == "duplicate"
    assert store.count_documents() == before


def test_search_reads_queries_with_the_project_normalisation(new_store: NewStore) -> None:
    s = new_store()
    add(s, Article(id="clitic", text="التقى الوزير وبالمُشير في العاصمة الليبية اليوم."))
    add(s, Article(id="plain", text="قال المشير إن الاجتماع كان مثمرا."))
    add(s, Article(id="other", text="وصل وزير الخارجية إلى الرياض في زيارة رسمية."))
    for query in ("المشير", "المُشير", "وبالمشير", "مشير", "بالمشير"):
        assert sorted(ids(s.search(Filters(q=query)))) == ["clitic", "plain"], query
    assert ids(s.search(Filters(q="الرياض"))) == ["other"]
    assert ids(s.search(Filters(q="المشير الاجتماع"))) == ["plain"]  # every word must match
    assert ids(s.search(Filters(q="طوكيو"))) == []


def test_search_folds_hamza_ta_marbuta_and_alef_maqsura(new_store: NewStore) -> None:
    s = new_store()
    add(s, Article(id="a", text="أعلنت الحكومة إلغاء الرسوم على المستشفى الجديد في المدينة."))
    assert ids(s.search(Filters(q="اعلنت الحكومه الغاء المستشفي"))) == ["a"]


def test_english_names_find_arabic_articles(store: DocumentStore) -> None:
    assert sorted(ids(store.search(Filters(q="Haftar")))) == ["cairo-talks", "moscow-meeting",
                                                             "tripoli-clashes"]
    assert ids(store.search(Filters(q="Putin"))) == ["moscow-meeting"]
    assert ids(store.search(Filters(q="haftar cairo"))) == ["cairo-talks"]
    assert ids(store.search(Filters(q="Haftar Shoigu"))) == ["moscow-meeting"]
    assert ids(store.search(Filters(q="Mandela"))) == []


def test_a_search_hit_has_a_snippet_with_its_matches(store: DocumentStore) -> None:
    hit = store.search(Filters(q="الكرملين")).items[0]
    snippet = hit["snippet"]
    (start, end), = snippet["highlights"]
    assert snippet["text"][start:end] == "الكرملين"


def test_filters(store: DocumentStore) -> None:
    assert ids(store.search(Filters(entity="E2"))) == ["cairo-talks", "tripoli-clashes",
                                                       "moscow-meeting"]
    assert ids(store.search(Filters(entity="شويغو"))) == ["moscow-meeting"]
    assert ids(store.search(Filters(entity="Sergei Shoigu"))) == ["moscow-meeting"]
    assert ids(store.search(Filters(event_type="FIGHT"))) == ["tripoli-clashes"]
    assert sorted(ids(store.search(Filters(entity_type="ORG")))) == ["cairo-talks",
                                                                     "moscow-meeting",
                                                                     "tripoli-clashes"]
    assert ids(store.search(Filters(since="2023-10-01"))) == ["cairo-talks", "tripoli-clashes"]
    assert ids(store.search(Filters(until="2023-10"))) == ["tripoli-clashes", "moscow-meeting"]
    assert ids(store.search(Filters(since="2023-10", until="2023-10-31"))) == ["tripoli-clashes"]
    assert ids(store.search(Filters(source="صحيفة المساء التجريبية"))) == ["tripoli-clashes"]
    assert ids(store.search(Filters(q="حفتر", source="وكالة الأنباء التجريبية",
                                    since="2023-11"))) == ["cairo-talks"]
    assert ids(store.search(Filters(entity="E9999"))) == []


@pytest.mark.parametrize("bad", [
    {"since": "yesterday"}, {"until": "2023/09/01"}, {"entity_type": "PERSON"},
    {"event_type": "MEET"},
])
def test_invalid_filters_are_refused_with_a_clear_message(bad: dict[str, str]) -> None:
    with pytest.raises(QueryError):
        Filters(**bad)


def test_paging(store: DocumentStore) -> None:
    first = store.search(Filters(), limit=2, offset=0)
    second = store.search(Filters(), limit=2, offset=2)
    assert first.total == second.total == 3
    assert len(first.items) == 2 and len(second.items) == 1
    assert set(ids(first)).isdisjoint(ids(second))
    with pytest.raises(QueryError):
        store.search(Filters(), limit=0)


def test_a_near_duplicate_is_stored_once_as_a_story_with_its_copy_linked(store: DocumentStore) -> None:
    status = add(store, MOSCOW_COPY, dup_group="moscow-meeting", similarity=0.91)
    assert status == "near_duplicate"
    assert ids(store.search(Filters(q="الكرملين"))) == ["moscow-meeting"]
    story = store.document("moscow-meeting")
    assert story is not None
    assert [c["id"] for c in story["store"]["copies"]] == ["moscow-meeting-copy"]
    copy = store.document("moscow-meeting-copy")
    assert copy is not None
    assert copy["store"]["dup_group"] == "moscow-meeting" and not copy["store"]["is_story"]
    assert copy["text"] == MOSCOW_COPY.text and copy["entities"] == []
    # its facts are not counted twice
    assert store.events(Filters(event_type="CONSULT")).total == 4
    assert store.search(Filters(q="الكرملين")).items[0]["copies"] == 1


def test_an_exact_copy_at_another_url_gets_its_own_id(new_store: NewStore) -> None:
    s = new_store()
    add(s, replace(TRIPOLI, id=""))
    story_id = s.search(Filters()).items[0]["id"]
    again = make_doc(replace(TRIPOLI, id="", url="https://x.example/2"))
    result = s.add_document(again, content_hash=content_hash(again.text), dup_group=story_id,
                            similarity=1.0)
    assert result.status == "near_duplicate" and result.id != story_id
    assert s.count_documents()["documents"] == 2


def test_events_list_with_actors_as_stored_entities(store: DocumentStore) -> None:
    page = store.events(Filters(entity="Haftar", event_type="CONSULT"))
    assert page.total == 4
    first = page.items[0]
    assert first["event_id"] == "cairo-talks:x2" and first["negated"] is True
    assert [a["name_en"] for a in first["source"]] == ["Khalifa Haftar"]
    fights = store.events(Filters(event_type="FIGHT")).items
    assert [a["name"] for a in fights[0]["location"]] == ["طرابلس"]
    assert store.events(Filters(since="2023-11-01")).total == 2
    assert store.events(Filters(entity="Vladimir Putin")).total == 2


def test_quotes_by_speaker(store: DocumentStore) -> None:
    page = store.quotes(Filters(speaker="خليفة حفتر"))
    assert [q["text"] for q in page.items] == ["العلاقات مع روسيا تاريخية وراسخة"]
    assert page.items[0]["speaker"]["name_en"] == "Khalifa Haftar"
    assert store.quotes(Filters(speaker="Abdel Fattah el-Sisi")).total == 1


def test_entity_profile_has_timeline_network_and_quotes(store: DocumentStore) -> None:
    haftar = store.entities_by_alias("خليفة حفتر")[0]
    profile = store.entity_profile(haftar.id)
    assert profile is not None
    assert {p["name_en"] for p in profile["met"]} == {"Vladimir Putin", "Abdel Fattah el-Sisi"}
    # the negated CONSULT (he did not meet the government) is not a meeting
    assert "Government of National Unity" not in {p["name_en"] for p in profile["met"]}
    assert [p["name_en"] for p in profile["fought"]] == ["Government of National Unity"]
    whens = [e["when"] for e in profile["timeline"]]
    assert whens == sorted(whens)
    assert profile["quotes"][0]["text"] == "العلاقات مع روسيا تاريخية وراسخة"
    assert {d["id"] for d in profile["documents"]} == {"moscow-meeting", "cairo-talks",
                                                       "tripoli-clashes"}
    assert "Libya" in {c["name_en"] for c in profile["cooccurring"]}


def test_entities_of_a_document_carry_their_store_ids(store: DocumentStore) -> None:
    cairo = store.document(CAIRO.id)
    moscow = store.document(MOSCOW.id)
    assert cairo is not None and moscow is not None
    by_name_c = {e["name"]: e["store_id"] for e in cairo["entities"]}
    by_name_m = {e["name"]: e["store_id"] for e in moscow["entities"]}
    assert by_name_c["خليفة حفتر"] == by_name_m["خليفة حفتر"]
    assert by_name_c["ليبيا"] == by_name_m["ليبيا"]


def test_an_entity_without_mentions_of_its_type_is_kept_apart(new_store: NewStore) -> None:
    s = new_store()
    add(s, Article(id="a", text="زار وفد من الأردن العاصمة اليوم.",
                   entities=[Ent("1", "GPE", "الأردن", "Jordan", ("الأردن",))]))
    add(s, Article(id="b", text="ارتفع منسوب نهر الأردن هذا العام.",
                   entities=[Ent("1", "LOC", "الأردن", "Jordan River", ("الأردن",))]))
    assert s.search_entities("الأردن").total == 2
