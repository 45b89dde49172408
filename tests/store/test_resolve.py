"""Entity resolution and story grouping are pure functions over records: no store needed."""

from __future__ import annotations

from marsad.document import Entity, Span
from marsad.store.resolve import (
    Candidate,
    Candidates,
    StoredState,
    match_entity,
    plan_accumulation,
)
from marsad.store.stories import StoredCopy, classify_copy, group_article


def ent(name: str, etype: str = "PER", name_en: str | None = None,
        kb: dict[str, str] | None = None) -> Entity:
    return Entity(id="T1", type=etype, name=name, name_en=name_en, kb=kb,
                  mentions=(Span(0, len(name)),))


def test_a_knowledge_base_link_wins() -> None:
    found = Candidates(kb="E9", arabic=[Candidate("E1", "خليفه حفتر", 3)])
    assert match_entity(ent("خليفة حفتر", kb={"source": "wikidata", "id": "Q1"}), found) == "E9"


def test_an_arabic_alias_the_canonical_name_then_most_documents() -> None:
    one = Candidates(arabic=[Candidate("E1", "خليفه حفتر", 1)])
    assert match_entity(ent("خليفة حفتر"), one) == "E1"
    two = Candidates(arabic=[Candidate("E1", "المشير خليفه حفتر", 9),
                             Candidate("E2", "خليفه حفتر", 1)])
    assert match_entity(ent("خليفة حفتر"), two) == "E2"  # its canonical name
    many = Candidates(arabic=[Candidate("E1", "ليبيا الجديده", 2),
                              Candidate("E2", "دوله ليبيا", 5)], )
    assert match_entity(ent("ليبيا", "GPE"), many) == "E2"  # most documents


def test_a_surname_shared_by_two_people_joins_neither() -> None:
    shared = Candidates(arabic=[Candidate("E1", "خليفه حفتر", 4), Candidate("E2", "صدام حفتر", 2)],
                        same_last=[("E1", "خليفه حفتر"), ("E2", "صدام حفتر")])
    assert match_entity(ent("حفتر"), shared) is None
    alone = Candidates(same_last=[("E1", "خليفه حفتر"), ("E1", "خليفه ابوالقاسم حفتر")])
    assert match_entity(ent("حفتر"), alone) == "E1"


def test_english_names_then_longer_or_shorter_person_names() -> None:
    assert match_entity(ent("بوتن", name_en="Vladimir Putin"),
                        Candidates(english=[Candidate("E4", "فلاديمير بوتين", 7)])) == "E4"
    fuller = Candidates(same_last=[("E3", "خليفه ابوالقاسم حفتر")])
    assert match_entity(ent("خليفة حفتر"), fuller) == "E3"
    other_first = Candidates(same_last=[("E3", "صدام حفتر")])
    assert match_entity(ent("خليفة حفتر"), other_first) is None
    surname_only = Candidates(surname_only=["E5"])
    assert match_entity(ent("خليفة حفتر"), surname_only) == "E5"
    assert match_entity(ent("خليفة حفتر"), Candidates()) is None


def test_accumulation_respects_locks_and_blocks() -> None:
    state = StoredState(type="PER", norm="حفتر", name_en=None, kb_source=None,
                        name_locked=False, name_en_locked=False)
    e = ent("خليفة حفتر", name_en="Khalifa Haftar", kb={"source": "wikidata", "id": "Q1"})
    plan = plan_accumulation(state, e, ["وخليفة حفتر", "حفتر"])
    assert plan.aliases == [("خليفة حفتر", "ar", "doc"), ("حفتر", "ar", "mention"),
                            ("Khalifa Haftar", "en", "doc")]
    assert plan.name == "خليفة حفتر" and plan.name_en == "Khalifa Haftar"
    assert plan.kb == {"source": "wikidata", "id": "Q1"}
    locked = StoredState(type="PER", norm="حفتر", name_en="K. Haftar", kb_source="wikidata",
                         name_locked=True, name_en_locked=True)
    plan = plan_accumulation(locked, e, [])
    assert plan.name is None and plan.name_en is None and plan.kb is None
    blocked = plan_accumulation(state, e, [], blocked=["خليفه حفتر"])
    assert blocked.name is None


def test_story_grouping() -> None:
    stored = [StoredCopy("a1", "https://x.example/1", "a1"),
              StoredCopy("a2", "https://y.example/1", "a1")]
    assert classify_copy("https://y.example/1", stored) == ("same", "a2")
    assert classify_copy(None, stored) == ("same", "a1")
    assert classify_copy("https://z.example/1", stored) == ("copy", "a1")
    assert classify_copy("https://z.example/1", []) is None
    assert group_article(("same", "a2"), id_taken=True).kind == "duplicate"
    assert group_article(None, id_taken=True).kind == "id_clash"
    copy = group_article(("copy", "a1"), id_taken=True)
    assert (copy.kind, copy.story, copy.similarity) == ("copy", "a1", 1.0)
    near = group_article(None, id_taken=False, near=("a1", 0.912345))
    assert (near.kind, near.story, near.similarity) == ("near_duplicate", "a1", 0.9123)
    assert group_article(None, id_taken=False).kind == "story"
