"""The quotes stage on sentences written for these tests (gold entities, no models)."""

from __future__ import annotations

import pytest

from marsad.document import Document
from marsad.pipeline import stage_info

from .helpers import described, only, quotes_of


def test_the_stage_is_registered_with_what_it_needs() -> None:
    info = stage_info("quotes")
    assert info.requires == ("sentences", "tokens", "entities")
    assert info.assigns == ("quotes",)


def test_an_empty_document_has_no_quotes() -> None:
    assert quotes_of("").quotes == ()


def test_indirect_quote_after_a_verb_subject_object_cue() -> None:
    doc = quotes_of("وقال وزير الخارجية الأردني أيمن الصفدي، في مؤتمر صحفي، إن الأردن يرفض أي تهجير.",
                    [("أيمن الصفدي", "PER"), ("الأردن", "GPE")])
    quote = only(doc)
    assert described(doc) == [("indirect", "أيمن الصفدي", None, "إن الأردن يرفض أي تهجير")]
    assert quote.cue is not None and doc.text[quote.cue.start:quote.cue.end] == "وقال"
    assert quote.id == "Q1"


def test_subject_before_the_cue() -> None:
    doc = quotes_of("الرئيس التركي رجب طيب أردوغان قال إن بلاده لن تقبل بأي تسوية.",
                    [("رجب طيب أردوغان", "PER")])
    assert described(doc) == [("indirect", "رجب طيب أردوغان", None, "إن بلاده لن تقبل بأي تسوية")]


def test_direct_quote_after_a_colon_and_a_continuing_cue() -> None:
    doc = quotes_of("وأضاف الصفدي: «لن نقبل بذلك أبدا». وتابع قائلا إن الحل يكمن في إقامة الدولة.",
                    [("الصفدي", "PER")])
    assert described(doc) == [
        ("direct", "الصفدي", None, "لن نقبل بذلك أبدا"),
        ("indirect", "الصفدي", None, "إن الحل يكمن في إقامة الدولة"),
    ]


def test_direct_quote_across_sentences_keeps_both() -> None:
    doc = quotes_of('وقال الوزير سامي العلي: "نحن مستعدون. لن نتراجع عن ذلك".', [("سامي العلي", "PER")])
    assert described(doc) == [("direct", "سامي العلي", None, "نحن مستعدون. لن نتراجع عن ذلك")]


def test_direct_quote_before_its_cue() -> None:
    doc = quotes_of("«الوقت ينفد أمامنا»، هكذا قالت المديرة ليلى حداد أمام البرلمان.",
                    [("ليلى حداد", "PER"), ("البرلمان", "ORG")])
    assert described(doc) == [("direct", "ليلى حداد", None, "الوقت ينفد أمامنا")]


@pytest.mark.parametrize("text", [
    'وبث تلفزيون "المستقبل" تقريرا عن الانتخابات.',
    'وقرأ الشاعر قصيدة "على ضفاف النيل" في الأمسية.',
    'وقال الوزير إن لجنة "5+5" ستجتمع غدا.',
    'ووصل الوفد إلى مسجد "النور الكبير" ظهرا.',
])
def test_a_quoted_name_is_not_a_quote(text: str) -> None:
    assert [q for q in quotes_of(text).quotes if q.kind == "direct"] == []


def test_a_quoted_name_after_a_cue_is_the_subject() -> None:
    doc = quotes_of('وتقول منظمة "أطباء العالم" إن العيادات أغلقت أبوابها.', [("أطباء العالم", "ORG")])
    assert described(doc) == [("indirect", "أطباء العالم", None, "إن العيادات أغلقت أبوابها")]


def test_via_an_outlet_the_statement_was_given_to() -> None:
    doc = quotes_of('وقال السفير ألكسندر روداكوف لقناة "الميادين" إن موسكو تتابع التطورات.',
                    [("ألكسندر روداكوف", "PER"), ("الميادين", "ORG"), ("موسكو", "GPE")])
    assert described(doc) == [("indirect", "ألكسندر روداكوف", "الميادين", "إن موسكو تتابع التطورات")]


def test_via_a_speech_event_before_the_cue() -> None:
    doc = quotes_of('وفي تصريح لـ"الشرق"، أكد النائب جو ويلسون أن واشنطن لن تتراجع.',
                    [("الشرق", "ORG"), ("جو ويلسون", "PER"), ("واشنطن", "GPE")])
    assert described(doc) == [("indirect", "جو ويلسون", "الشرق", "أن واشنطن لن تتراجع")]


def test_an_outlet_relaying_an_unnamed_source_is_via() -> None:
    doc = quotes_of('ونقلت صحيفة "المساء" عن مصدر أمني قوله إن المشتبه به اعتقل.', [("المساء", "ORG")])
    assert described(doc) == [("indirect", None, "المساء", "إن المشتبه به اعتقل")]


def test_an_owner_after_lam_is_not_via() -> None:
    doc = quotes_of("وأكد بيان لوزارة الزراعة العراقية أن الموسم سيكون وفيرا.",
                    [("وزارة الزراعة العراقية", "ORG")])
    assert described(doc) == [("indirect", "وزارة الزراعة العراقية", None, "أن الموسم سيكون وفيرا")]


def test_a_pronoun_cue_takes_the_subject_of_the_previous_sentence() -> None:
    doc = quotes_of("واستقبل الوزير كمال سعيد نظيره هاني رزق في تونس. وقال إن اللقاء كان مثمرا.",
                    [("كمال سعيد", "PER"), ("هاني رزق", "PER"), ("تونس", "GPE")])
    assert described(doc) == [("indirect", "كمال سعيد", None, "إن اللقاء كان مثمرا")]


def test_a_common_noun_stands_for_the_organisation_it_names() -> None:
    doc = quotes_of("أصدرت وزارة البيئة تقريرها السنوي. وأوضحت الوزارة أن التلوث تراجع بنسبة كبيرة.",
                    [("وزارة البيئة", "ORG")])
    assert described(doc) == [("indirect", "وزارة البيئة", None, "أن التلوث تراجع بنسبة كبيرة")]


def test_a_participle_after_a_comma_is_a_second_speech_act_of_the_same_speaker() -> None:
    doc = quotes_of("وأكد المتحدث رامي خليل أن الاتفاق صامد، مشيرا إلى أن الخروقات محدودة.",
                    [("رامي خليل", "PER")])
    assert described(doc) == [("indirect", "رامي خليل", None, "أن الاتفاق صامد"),
                              ("indirect", "رامي خليل", None, "أن الخروقات محدودة")]


def test_a_cue_inside_quotation_marks_opens_no_quote() -> None:
    doc = quotes_of("وقال رامي خليل: «الاتفاق صامد، وأكد الجميع أن الخروقات محدودة».",
                    [("رامي خليل", "PER")])
    assert described(doc) == [("direct", "رامي خليل", None, "الاتفاق صامد، وأكد الجميع أن الخروقات محدودة")]


def test_noun_complement_after_a_statement() -> None:
    doc = quotes_of("وأعلنت وزارة الداخلية الكويتية، في بيان، ضبط شحنة مخدرات في الميناء.",
                    [("وزارة الداخلية الكويتية", "ORG")])
    assert described(doc) == [("indirect", "وزارة الداخلية الكويتية", None, "ضبط شحنة مخدرات في الميناء")]


def test_according_to_a_source() -> None:
    doc = quotes_of("وبحسب مصادر طبية، فإن عدد الجرحى تجاوز المئة.")
    assert described(doc) == [("indirect", None, None, "فإن عدد الجرحى تجاوز المئة")]


@pytest.mark.parametrize("text", [
    "يذكر أن الرئيس السابق زار المدينة عام 2010.",
    "ومن المقرر أن يزور الوزير القاهرة بعد أن تلقى دعوة رسمية.",
    "ولم يعلن أي طرف مسؤوليته حتى الآن.",
    "ووقع الجانبان اتفاقية للتعاون وفق القانون الدولي.",
    "دمشق تعلن أول أيام عيد الفطر",
])
def test_no_quote(text: str) -> None:
    assert quotes_of(text, [("دمشق", "GPE"), ("القاهرة", "GPE")]).quotes == ()


def test_quotes_are_spans_of_the_original_text() -> None:
    text = "وقالت الناطقة ريم سعد: «سنعلن النتائج غدا». وأضافت أن الفرز مستمر."
    doc = quotes_of(text, [("ريم سعد", "PER")])
    assert [q.start < q.end for q in doc.quotes] == [True, True]
    for q in doc.quotes:
        assert q.cue is not None and q.cue.end <= len(text)
        assert text[q.start:q.end] == text[q.start:q.end].strip()
    assert isinstance(doc, Document)
