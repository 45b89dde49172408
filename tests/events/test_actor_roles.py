"""Actors of events on sentences shaped like real news (gold entities, no NER model).

Each sentence was written for these tests. What is checked is the words each actor span
covers (``source_actors``/``target_actors``), since that is what users and the scorer get.
"""

from __future__ import annotations

from marsad.document import Document, Event

from .conftest import Build, describe


def sides(doc: Document, event: Event) -> tuple[list[str], list[str]]:
    return ([doc.text[a.start:a.end] for a in event.source_actors],
            [doc.text[a.start:a.end] for a in event.target_actors])


def of_type(doc: Document, kind: str) -> Event:
    found = [e for e in doc.events if e.type == kind]
    assert found, [describe(doc, e) for e in doc.events]
    return found[0]


def test_a_passive_verb_written_with_its_damma_has_a_target_and_no_source(make: Build) -> None:
    doc = make("اعتُقل ناشط حقوقي بارز في العاصمة أمس.", [["العاصمة", "LOC"]], [["أمس", "2024-05-01"]])
    source, target = sides(doc, of_type(doc, "COERCE"))
    assert source == [] and target and "ناشط" in target[0]


def test_a_count_of_people_is_acted_on_not_the_actor(make: Build) -> None:
    doc = make("وقال مسؤول في الشرطة إن 11 شخصا قتلوا في الانفجار.", [])
    event = of_type(doc, "ASSAULT")
    source, target = sides(doc, event)
    assert source == [] and any("شخصا" in t for t in target)


def test_the_agent_after_ala_yad_is_the_source_even_without_a_name(make: Build) -> None:
    doc = make("وقتل أكثر من 300 مدني على يد الحوثيين خلال الشهر الماضي.", [])
    source, target = sides(doc, of_type(doc, "ASSAULT"))
    assert source == ["الحوثيين"]
    assert not any("الحوثيين" in t for t in target)


def test_a_group_of_people_after_the_trigger_is_the_target(make: Build) -> None:
    doc = make("وأسهمت الجهات الأمنية في القبض على عدد من الباعة في السوق.", [])
    source, target = sides(doc, of_type(doc, "COERCE"))
    assert source == ["الجهات الأمنية"]  # the span takes its adjective
    assert target == ["عدد من الباعة"]


def test_things_seized_are_no_target(make: Build) -> None:
    doc = make("وضبطت السلطات المغربية طنين من الكوكايين في ميناء طنجة.", [["طنجة", "GPE"]])
    source, target = sides(doc, of_type(doc, "COERCE"))
    assert source == ["السلطات المغربية"] and target == []


def test_a_common_noun_actor_spans_its_complement_and_adjective(make: Build) -> None:
    doc = make("واعتقلت قوات الأمن العراقية ثلاثة مسلحين في الموصل.", [["الموصل", "GPE"]])
    source, target = sides(doc, of_type(doc, "COERCE"))
    assert source == ["قوات الأمن العراقية"]
    assert target and "مسلحين" in target[0]


def test_the_verb_that_carries_out_an_event_noun_names_its_source(make: Build) -> None:
    doc = make("وتعرضت القرية لهجوم شنه مسلحون فجر اليوم.", [])
    source, target = sides(doc, of_type(doc, "ASSAULT"))
    assert source == ["مسلحون"] and "مسلحون" not in target


def test_a_plural_verb_takes_the_subject_named_before_it(make: Build) -> None:
    doc = make("والمواطنون طالبوا وزارة الإسكان بتسريع المشاريع.", [["وزارة الإسكان", "ORG"]])
    source, target = sides(doc, of_type(doc, "DEMAND"))
    assert source == ["المواطنون"] and target == ["وزارة الإسكان"]


def test_a_statement_with_no_subject_takes_the_person_named_before(make: Build) -> None:
    doc = make(
        "وتحدث محافظ المدينة خالد العتيبي في الحفل عن الخطة. وأشاد بجهود المتطوعين في الحملة.",
        [["خالد العتيبي", "PER"]],
    )
    source, _ = sides(doc, of_type(doc, "SUPPORT"))
    assert source == ["خالد العتيبي"]


def test_a_visit_with_no_one_met_named_targets_the_country_visited(make: Build) -> None:
    doc = make("وقام وزير الخارجية عادل الجبير أمس بزيارة رسمية لدولة قطر.",
               [["عادل الجبير", "PER"], ["قطر", "GPE"]], [["أمس", "2024-05-01"]])
    source, target = sides(doc, of_type(doc, "CONSULT"))
    assert any("عادل الجبير" in s for s in source) and target == ["قطر"]
