"""Behaviour of the events stage on documents built by hand (gold entities, no models).

Each sentence was written for these tests; each test says what must and must not be found.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.document import Document
from marsad.pipeline import stage_info

from .conftest import Build, build, describe


def only(doc: Document) -> tuple[object, ...]:
    assert len(doc.events) == 1, [describe(doc, e) for e in doc.events]
    return describe(doc, doc.events[0])


def types(doc: Document) -> list[str]:
    return [e.type for e in doc.events]


def test_verb_subject_object_order_gives_source_and_target(make: Build) -> None:
    doc = make(
        "استقبل العاهل المغربي الملك محمد السادس في الرباط أمس رئيسة وزراء إيطاليا.",
        [["محمد السادس", "PER"], ["الرباط", "GPE"], ["إيطاليا", "GPE"]],
        [["أمس", "2024-03-09"]],
    )
    # a host: the guest is the source, as in the project's gold data
    kind, mode, source, target, location, date, negated = only(doc)
    assert (kind, mode) == ("CONSULT", "visit")
    assert target == ["محمد السادس"] and location == ["الرباط"] and date == "2024-03-09"


def test_subject_before_the_verb_and_two_parties_after_mah(make: Build) -> None:
    doc = make(
        "وأفاد البيان أن الرئيس التونسي قيس سعيد اجتمع مع رئيس الحكومة أحمد الحشاني، "
        "ووزير الداخلية كمال الفقي في قصر قرطاج.",
        [["قيس سعيد", "PER"], ["أحمد الحشاني", "PER"], ["كمال الفقي", "PER"], ["قصر قرطاج", "FAC"]],
    )
    got = sorted(describe(doc, e)[3][0] for e in doc.events)
    assert got == ["أحمد الحشاني", "كمال الفقي"]  # one meeting per pair of parties
    for e in doc.events:
        assert describe(doc, e)[2] == ["قيس سعيد"]
        assert describe(doc, e)[4] == ["قصر قرطاج"]


def test_inflected_verbs_and_verbal_nouns_are_matched(make: Build) -> None:
    doc = make(
        "واجتمعت وزيرة الخارجية الألمانية أنالينا بيربوك بنظيرها الأردني أيمن الصفدي.",
        [["أنالينا بيربوك", "PER"], ["أيمن الصفدي", "PER"]],
    )
    assert only(doc)[:4] == ("CONSULT", None, ["أنالينا بيربوك"], ["أيمن الصفدي"])
    doc = make(
        "وأجرى رئيس الوزراء العراقي محمد شياع السوداني زيارة إلى طهران.",
        [["محمد شياع السوداني", "PER"], ["طهران", "GPE"]],
    )
    assert only(doc)[:5] == ("CONSULT", "visit", ["محمد شياع السوداني"], ["طهران"], ["طهران"])


def test_negation_is_marked_and_plans_are_left_out(make: Build) -> None:
    doc = make(
        "ولم يلتق المبعوث الأممي هانس غروندبرغ بقادة جماعة الحوثي.",
        [["هانس غروندبرغ", "PER"], ["جماعة الحوثي", "ORG"]],
    )
    assert only(doc)[6] is True
    for text in (
        "ومن المقرر أن يلتقي الرئيس الكيني وليام روتو نظيره التنزاني الأسبوع المقبل.",
        "وسيزور الرئيس الكيني وليام روتو العاصمة التنزانية دودوما.",
    ):
        doc = make(text, [["وليام روتو", "PER"], ["دودوما", "GPE"]])
        assert doc.events == (), [describe(doc, e) for e in doc.events]


def test_denial_negates_the_event_it_denies(make: Build) -> None:
    doc = make(
        "ونفى الجيش السوداني أن تكون طائراته قصفت سوقا في مدينة نيالا.",
        [["الجيش السوداني", "ORG"], ["نيالا", "GPE"]],
    )
    kind, mode, source, _, location, _, negated = only(doc)
    assert (kind, negated, source, location) == ("ASSAULT", True, ["الجيش السوداني"], ["نيالا"])


def test_condemning_an_attack_is_disapprove_not_assault(make: Build) -> None:
    doc = make(
        "واستنكرت منظمة التعاون الإسلامي الهجوم الذي استهدف مسجدا في مدينة بيشاور.",
        [["منظمة التعاون الإسلامي", "ORG"], ["بيشاور", "GPE"]],
    )
    assert types(doc) == ["DISAPPROVE"]


def test_threats_are_threaten_and_their_content_is_not_an_event(make: Build) -> None:
    doc = make(
        "وهدد وزير الدفاع الإسرائيلي يوآف غالانت بشن هجوم واسع على لبنان.",
        [["يوآف غالانت", "PER"], ["لبنان", "GPE"]],
    )
    assert types(doc) == ["THREATEN"]


def test_police_dispersing_protesters_is_not_a_protest(make: Build) -> None:
    doc = make(
        "وفرقت الشرطة الكينية المتظاهرين بالغاز المسيل للدموع وسط نيروبي.",
        [["نيروبي", "GPE"]],
    )
    kind, mode, source, target, *_ = only(doc)
    assert (kind, mode) == ("ASSAULT", "crowd-control")
    assert target == ["المتظاهرين"] and "PROTEST" not in types(doc)


def test_figurative_and_sport_uses_are_not_violence(make: Build) -> None:
    doc = make(
        "وشن رئيس الوزراء المجري فيكتور أوربان هجوما لاذعا على المفوضية الأوروبية.",
        [["فيكتور أوربان", "PER"], ["المفوضية الأوروبية", "ORG"]],
    )
    assert only(doc)[:4] == ("DISAPPROVE", None, ["فيكتور أوربان"], ["المفوضية الأوروبية"])
    for text, ents in (
        ("وحسم الوداد معركة الصدارة أمام الرجاء في مباراة مثيرة.", [["الوداد", "ORG"]]),
        ("ضربت موجة الغلاء أسواق العاصمة عمان.", [["عمان", "GPE"]]),
        ("ويهاجم المرض الخلايا العصبية ببطء.", []),
    ):
        doc = make(text, ents)
        assert doc.events == (), (text, [describe(doc, e) for e in doc.events])


def test_actor_carried_from_the_previous_sentence(make: Build) -> None:
    doc = make(
        "أعلنت الشرطة الفرنسية أنها اعتقلت ثلاثة أشخاص في مرسيليا. وأضافت أنها صادرت أسلحة.",
        [["الشرطة الفرنسية", "ORG"], ["مرسيليا", "GPE"]],
    )
    assert [describe(doc, e)[:3] for e in doc.events] == [
        ("COERCE", "arrest", ["الشرطة الفرنسية"]),
        ("COERCE", "seize", ["الشرطة الفرنسية"]),
    ]
    assert doc.events[1].attrs.get("source_from") == "context"


def test_the_two_men_are_the_two_persons_named_before(make: Build) -> None:
    doc = make(
        "واستقبل السلطان هيثم بن طارق وزير الخارجية الإيراني عباس عراقجي. "
        "ويعود آخر لقاء جمع الرجلين إلى 5 يناير الماضي في مسقط.",
        [["هيثم بن طارق", "PER"], ["عباس عراقجي", "PER"], ["مسقط", "GPE"]],
        [["5 يناير الماضي", "2024-01-05"]],
    )
    last = describe(doc, doc.events[-1])
    assert last[0] == "CONSULT" and last[5] == "2024-01-05" and last[4] == ["مسقط"]
    assert sorted(last[2] + last[3]) == ["عباس عراقجي", "هيثم بن طارق"]


def test_date_comes_from_the_sentence_or_the_meeting_it_continues(make: Build) -> None:
    doc = make(
        "ذلك الاجتماع عقد يوم الأحد في الدوحة. "
        "وقال مصدر إن رئيس الوزراء القطري محمد بن عبد الرحمن اجتمع مع المبعوث الأمريكي آموس هوكشتاين.",
        [["محمد بن عبد الرحمن", "PER"], ["آموس هوكشتاين", "PER"], ["الدوحة", "GPE"]],
        [["يوم الأحد", "2024-03-10"]],
    )
    assert only(doc)[5] == "2024-03-10"


def test_a_duration_after_mundhu_does_not_date_the_event(make: Build) -> None:
    doc = make(
        "وأضرب الأسير ماهر الأخرس عن الطعام منذ 2020.",
        [["ماهر الأخرس", "PER"]],
        [["منذ 2020", "2020"]],
    )
    assert only(doc)[:3] == ("PROTEST", "hunger", ["ماهر الأخرس"])
    assert only(doc)[5] is None


def test_casualties_and_crowd_size_become_attributes(make: Build) -> None:
    doc = make(
        "وقتل 12 شخصا في انفجار سيارة مفخخة في مدينة الموصل.",
        [["الموصل", "GPE"]],
    )
    assert only(doc)[:2] == ("ASSAULT", "explosives") and doc.events[0].attrs["dead"] == 12
    doc = make("وتظاهر آلاف المحتجين في ساحة التحرير ببغداد.", [["بغداد", "GPE"]])
    assert doc.events[0].attrs["size"] == "thousands"


def test_fight_puts_both_sides_in_the_source(make: Build) -> None:
    doc = make(
        "واشتبكت قوات الدعم السريع مع الجيش السوداني في مدينة الفاشر.",
        [["قوات الدعم السريع", "ORG"], ["الجيش السوداني", "ORG"], ["الفاشر", "GPE"]],
    )
    assert only(doc)[:5] == ("FIGHT", None, ["قوات الدعم السريع", "الجيش السوداني"], [], ["الفاشر"])


def test_spans_lie_in_the_text_and_ids_exist() -> None:
    doc = build(
        "التقى الرئيس الفرنسي إيمانويل ماكرون في باريس المستشار الألماني أولاف شولتس. "
        "وأدان الطرفان الهجوم على السفينة، ثم وقعا اتفاقية للتعاون الدفاعي.",
        [["إيمانويل ماكرون", "PER"], ["باريس", "GPE"], ["أولاف شولتس", "PER"]],
    )
    assert doc.events
    ids = {e.id for e in doc.entities}
    for event in doc.events:
        assert event.sentence.contains(event.trigger)
        assert doc.text[event.trigger.start : event.trigger.end].strip()
        assert set(event.source) | set(event.target) | set(event.location) <= ids
        assert 0.0 <= event.confidence <= 1.0


def test_the_stage_is_registered_and_adds_the_events_layer() -> None:
    info = stage_info("events")
    assert info.requires == ("sentences", "tokens", "entities", "dates")
    assert info.assigns == ("events",)
    doc = build("وقصفت طائرات حربية مدينة إدلب.", [["إدلب", "GPE"]])
    out = info.factory()(doc.with_layers(events=()))
    assert [e.type for e in out.events] == ["ASSAULT"] and out.events[0].mode == "aerial"
    assert out.has("events")


FRAGMENTS = (
    "التقى الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي في القاهرة",
    "ولم تلتق الوزيرة بالوفد",
    "وقصفت طائرات حربية مواقع في إدلب يوم الأحد",
    "ونفت الحكومة أن تكون قواتها اعتقلت صحفيين",
    "وسيزور الوفد العاصمة",
    "وأدانت القاهرة الهجوم على القافلة، وطالبت بتحقيق",
    "ويعود آخر لقاء جمع الرجلين إلى العام الماضي",
    "،",
    ".",
    "وتظاهر آلاف",
    "لل",
    "و",
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8))
def test_any_mix_of_fragments_gives_well_formed_events(parts: list[str]) -> None:
    doc = build(
        " ".join(parts),
        [["عبد الفتاح السيسي", "PER"], ["القاهرة", "GPE"], ["إدلب", "GPE"]],
        [["يوم الأحد", "2024-03-10"]],
    )
    ids = {e.id for e in doc.entities}
    seen = set()
    for event in doc.events:
        assert event.id not in seen
        seen.add(event.id)
        assert event.sentence in doc.sentences
        assert event.sentence.contains(event.trigger)
        assert set(event.source) | set(event.target) | set(event.location) <= ids
        assert event.date in (None, "2024-03-10")
