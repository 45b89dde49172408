"""The cross-document entity store: matching, accumulation, and corrections that stick."""

from __future__ import annotations

import pytest

from marsad.ingest.dedup import content_hash
from marsad.store import DocumentStore, Filters, QueryError
from tests.store.conftest import NewStore
from tests.store.samples import ALL, Article, Ent, Ev, make_doc


def add(store: DocumentStore, article: Article) -> None:
    doc = make_doc(article)
    store.add_document(doc, content_hash=content_hash(doc.text))


def person(doc_id: str, text: str, *ents: Ent, events: list[Ev] | None = None) -> Article:
    return Article(id=doc_id, text=text, entities=list(ents), events=events or [],
                   published="2024-01-01")


def store_id(store: DocumentStore, doc_id: str, name: str) -> str:
    doc = store.document(doc_id)
    assert doc is not None
    return next(e["store_id"] for e in doc["entities"] if e["name"] == name)


@pytest.fixture
def store(new_store: NewStore) -> DocumentStore:
    return new_store()


def test_the_same_name_is_the_same_entity_across_documents(store: DocumentStore) -> None:
    for article in ALL:
        add(store, article)
    haftar = store.entities_by_alias("خليفة حفتر")
    assert len(haftar) == 1
    assert haftar[0].doc_count == 3
    assert store_id(store, "moscow-meeting", "خليفة حفتر") == haftar[0].id
    assert store_id(store, "tripoli-clashes", "حفتر") == haftar[0].id  # surname joins: unambiguous


def test_ids_are_stable_and_never_reused(new_store: NewStore) -> None:
    runs = []
    for _ in range(2):
        s = new_store()
        for article in ALL:
            add(s, article)
        runs.append({e.name: e.id for e in s.search_entities(limit=100).items})
    assert runs[0] == runs[1]
    assert all(i.startswith("E") for i in runs[0].values())


def test_aliases_and_english_names_accumulate(store: DocumentStore) -> None:
    add(store, person("a", "وصل المشير حفتر إلى بنغازي.", Ent("1", "PER", "حفتر", None, ("حفتر",))))
    add(store, person("b", "التقى خليفة حفتر وفدا أمريكيا.",
                      Ent("1", "PER", "خليفة حفتر", "Khalifa Haftar", ("خليفة حفتر",))))
    add(store, person("c", "قال خليفة أبوالقاسم حفتر إن الجيش جاهز.",
                      Ent("1", "PER", "خليفة أبوالقاسم حفتر", "Khalifa Belqasim Haftar",
                          ("خليفة أبوالقاسم حفتر",))))
    (ent,) = store.entities_by_alias("حفتر")
    assert store_id(store, "a", "حفتر") == store_id(store, "b", "خليفة حفتر") == ent.id
    assert store_id(store, "c", "خليفة أبوالقاسم حفتر") == ent.id
    assert set(ent.aliases) == {"حفتر", "خليفة حفتر", "خليفة أبوالقاسم حفتر"}
    assert set(ent.aliases_en) == {"Khalifa Haftar", "Khalifa Belqasim Haftar"}
    assert ent.name == "خليفة أبوالقاسم حفتر"  # the fullest form
    assert ent.name_en == "Khalifa Haftar"  # the first English name stays


def test_a_surname_shared_by_two_people_joins_neither(store: DocumentStore) -> None:
    add(store, person("a", "التقى خليفة حفتر السفير.",
                      Ent("1", "PER", "خليفة حفتر", "Khalifa Haftar", ("خليفة حفتر",))))
    add(store, person("b", "وصل صدام حفتر إلى القاهرة.",
                      Ent("1", "PER", "صدام حفتر", "Saddam Haftar", ("صدام حفتر",))))
    add(store, person("c", "قال حفتر إن الوضع مستقر.", Ent("1", "PER", "حفتر", None, ("حفتر",))))
    ids = {store_id(store, d, n) for d, n in (("a", "خليفة حفتر"), ("b", "صدام حفتر"),
                                               ("c", "حفتر"))}
    assert len(ids) == 3


def test_a_one_word_name_joins_by_english_name_only_of_the_same_type(store: DocumentStore) -> None:
    add(store, person("a", "قصفت روسيا مواقع في سوريا.",
                      Ent("1", "GPE", "روسيا", "Russia", ("روسيا",))))
    add(store, person("b", "أعلنت روسيّة الجديدة شيئا.",
                      Ent("1", "GPE", "روسيّة", "Russia", ("روسيّة",))))
    add(store, person("c", "فاز فريق روسيا للشباب.", Ent("1", "ORG", "روسيا", "Russia", ("روسيا",))))
    assert store_id(store, "a", "روسيا") == store_id(store, "b", "روسيّة")
    assert store_id(store, "c", "روسيا") != store_id(store, "a", "روسيا")


def test_a_knowledge_base_link_matches_first(store: DocumentStore) -> None:
    add(store, person("a", "زار بوتين بكين.", Ent("1", "PER", "بوتين", None, ("بوتين",))))
    (putin,) = store.entities_by_alias("بوتين")
    store.set_kb(putin.id, "wikidata", "Q7747", name_en="Vladimir Putin")
    add(store, person("b", "قال فلاديمير فلاديميروفيتش بوتين إن ...",
                      Ent("1", "PER", "فلاديمير فلاديميروفيتش بوتين", None,
                          ("فلاديمير فلاديميروفيتش بوتين",), kb={"source": "wikidata", "id": "Q7747"})))
    assert store_id(store, "b", "فلاديمير فلاديميروفيتش بوتين") == putin.id
    got = store.entity(putin.id)
    assert got is not None
    assert got.kb == {"source": "wikidata", "id": "Q7747"} and got.name_en == "Vladimir Putin"
    assert [e.id for e in store.entities_by_alias("vladimir putin")] == [putin.id]


def test_merge_sticks_when_more_documents_arrive(store: DocumentStore) -> None:
    add(store, person("a", "التقى الرئيس التركي رجب طيب أردوغان نظيره.",
                      Ent("1", "PER", "رجب طيب أردوغان", "Recep Tayyip Erdogan", ("رجب طيب أردوغان",))))
    add(store, person("b", "وصل أردوجان إلى أنقرة مساء أمس.",
                      Ent("1", "PER", "أردوجان", None, ("أردوجان",)),
                      events=[Ev("v", "CONSULT", "وصل", source=("1",))]))
    keep = store_id(store, "a", "رجب طيب أردوغان")
    other = store_id(store, "b", "أردوجان")
    assert keep != other  # another spelling: nothing says it is him
    assert store.merge(keep, other) == keep
    assert store_id(store, "b", "أردوجان") == keep
    assert store.events(Filters(entity=keep)).total == 1
    assert store.entity(other).id == keep  # type: ignore[union-attr]  # the old id redirects
    add(store, person("c", "قال أردوجان إن بلاده لن تتراجع.",
                      Ent("1", "PER", "أردوجان", None, ("أردوجان",))))
    assert store_id(store, "c", "أردوجان") == keep
    merged = store.entity(keep)
    assert merged is not None and (merged.doc_count, merged.mention_count) == (3, 3)
    assert store.corrections()[0]["op"] == "merge"


def test_split_sticks_when_more_documents_arrive(store: DocumentStore) -> None:
    # the pipeline took two men named الحريري for one
    add(store, person("a", "اغتيل رفيق الحريري في بيروت عام 2005.",
                      Ent("1", "PER", "رفيق الحريري", "Rafic Hariri", ("رفيق الحريري",))))
    add(store, person("b", "قال رفيق الحريري وسعد الحريري إن ...",
                      Ent("1", "PER", "رفيق الحريري", "Rafic Hariri", ("رفيق الحريري", "سعد الحريري"))))
    add(store, person("c", "التقى سعد الحريري الرئيس الفرنسي.",
                      Ent("1", "PER", "سعد الحريري", "Saad Hariri", ("سعد الحريري",))))
    rafic = store_id(store, "a", "رفيق الحريري")
    assert store_id(store, "c", "سعد الحريري") == rafic  # wrongly joined through the alias
    saad = store.split(rafic, ["سعد الحريري"], name_en="Saad Hariri")
    assert saad != rafic
    assert store_id(store, "c", "سعد الحريري") == saad
    assert store_id(store, "a", "رفيق الحريري") == rafic
    # later articles follow the split, and the alias is not re-attached to the old entity
    add(store, person("d", "قال رفيق الحريري وسعد الحريري في لقاء قديم ...",
                      Ent("1", "PER", "رفيق الحريري", "Rafic Hariri", ("رفيق الحريري", "سعد الحريري"))))
    add(store, person("e", "غادر سعد الحريري بيروت.",
                      Ent("1", "PER", "سعد الحريري", None, ("سعد الحريري",))))
    assert store_id(store, "e", "سعد الحريري") == saad
    old = store.entity(rafic)
    assert old is not None and "سعد الحريري" not in old.aliases
    new = store.entity(saad)
    assert new is not None and new.name_en == "Saad Hariri"
    assert (new.doc_count, old.doc_count) == (2, 3)  # c, e; a, b, d


def test_rename_sticks_when_more_documents_arrive(store: DocumentStore) -> None:
    add(store, person("a", "وصل محمد بن سلمان إلى باريس.",
                      Ent("1", "PER", "محمد بن سلمان", "Mohammed bin Salman", ("محمد بن سلمان",))))
    mbs = store_id(store, "a", "محمد بن سلمان")
    store.rename(mbs, name_en="Mohammed bin Salman Al Saud", name="الأمير محمد بن سلمان آل سعود")
    add(store, person("b", "التقى محمد بن سلمان عبد العزيز آل سعود الوفد.",
                      Ent("1", "PER", "محمد بن سلمان", "Muhammad bin Salman", ("محمد بن سلمان",))))
    ent = store.entity(mbs)
    assert ent is not None
    assert store_id(store, "b", "محمد بن سلمان") == mbs
    assert ent.name_en == "Mohammed bin Salman Al Saud"
    assert ent.name == "الأمير محمد بن سلمان آل سعود"
    assert "Muhammad bin Salman" in ent.aliases_en
    assert [c["op"] for c in store.corrections()] == ["rename"]


def test_corrections_are_checked(store: DocumentStore) -> None:
    for article in ALL:
        add(store, article)
    haftar = store.entities_by_alias("خليفة حفتر")[0].id
    with pytest.raises(QueryError, match="no entity"):
        store.merge(haftar, "E9999")
    with pytest.raises(QueryError, match="already the same"):
        store.merge(haftar, haftar)
    with pytest.raises(QueryError, match="no alias"):
        store.split(haftar, ["بوتين"])
    with pytest.raises(QueryError, match="every alias"):
        store.split(haftar, ["خليفة حفتر", "حفتر"])
    with pytest.raises(QueryError, match="needs"):
        store.rename(haftar)
    assert store.corrections() == []


def test_search_entities_by_arabic_prefix_or_english(store: DocumentStore) -> None:
    for article in ALL:
        add(store, article)
    assert [e.name for e in store.search_entities("حفت").items] == ["خليفة حفتر"]
    assert [e.name_en for e in store.search_entities("shoigu").items] == ["Sergei Shoigu"]
    assert [e.name for e in store.search_entities("الوطني", type="ORG").items] == [
        "الجيش الوطني الليبي", "حكومة الوحدة الوطنية"]
    assert store.search_entities(type="GPE").total == 6
    assert store.search_entities("؟؟").total == 0
