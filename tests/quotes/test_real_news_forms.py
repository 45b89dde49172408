"""Forms of quotes met in real news (issue 11, part 4), on sentences written for Marsad."""

from __future__ import annotations

import pytest

from .helpers import described, quotes_of


def test_a_colon_headline_inside_the_body_is_a_direct_quote() -> None:
    doc = quotes_of("ظريف في الكويت.. إيران: الاتفاق النووي لن يستخدم ضد الجيران",
                    [("ظريف", "PER"), ("الكويت", "GPE"), ("إيران", "GPE")])
    assert described(doc) == [("direct", "إيران", None, "الاتفاق النووي لن يستخدم ضد الجيران")]


def test_a_headline_speaker_the_entities_missed_is_found_by_the_words_of_its_name() -> None:
    doc = quotes_of("وفي الموقع: شرطة جدة: القبض على مروج مخدرات في حي الصفا",
                    [("شرطة محافظة جدة", "ORG")])
    # the name "شرطة جدة" is not tagged; "شرطة محافظة جدة" holds both of its words
    assert described(doc) == [("direct", "شرطة محافظة جدة", None, "القبض على مروج مخدرات في حي الصفا")]


@pytest.mark.parametrize("text", [
    "الرياض: أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة",
    "رابط الخبر بصحيفة المدينة: افتتاح مستشفى جديد في الرياض",
])
def test_a_dateline_or_an_outlet_before_a_colon_is_not_a_headline(text: str) -> None:
    doc = quotes_of(text, [("الرياض", "GPE"), ("وزارة الصحة", "ORG"), ("المدينة", "ORG")])
    assert all(q.kind != "direct" for q in doc.quotes), described(doc)


def test_a_source_at_the_end_of_a_clause_tells_the_clause() -> None:
    doc = quotes_of("وارتفع عدد الضحايا إلى 30 قتيلا في الانفجار، بحسب وزارة الصحة.",
                    [("وزارة الصحة", "ORG")])
    assert described(doc) == [("indirect", "وزارة الصحة", None, "وارتفع عدد الضحايا إلى 30 قتيلا في الانفجار")]


def test_an_unnamed_source_at_the_end_of_a_clause_has_no_speaker() -> None:
    doc = quotes_of("وسقط صاروخ على سوق شعبي في المدينة، وفقا لشهود عيان.")
    assert described(doc) == [("indirect", None, None, "وسقط صاروخ على سوق شعبي في المدينة")]


def test_a_source_standing_alone_tells_the_sentence_before() -> None:
    doc = quotes_of("وكان المصلون يؤدون صلاة الجمعة عند وقوع الانفجار\nبحسب مصادر أمنية.")
    assert described(doc) == [("indirect", None, None, "وكان المصلون يؤدون صلاة الجمعة عند وقوع الانفجار")]


def test_a_cue_and_a_colon_without_quotation_marks() -> None:
    doc = quotes_of("وقال الكاتب سعد المحمد في تغريدته: حفظ الله بلادنا من كل سوء",
                    [("سعد المحمد", "PER")])
    assert described(doc) == [("direct", "سعد المحمد", None, "حفظ الله بلادنا من كل سوء")]


def test_an_organisation_calls_for_something() -> None:
    doc = quotes_of("ودعت بلدية غزة المواطنين إلى ترشيد استهلاك المياه خلال الصيف.",
                    [("بلدية غزة", "ORG"), ("غزة", "GPE")])
    assert described(doc) == [("indirect", "بلدية غزة", None, "ترشيد استهلاك المياه خلال الصيف")]


def test_a_reported_attitude_with_abbara_an() -> None:
    doc = quotes_of("وعبّر رئيس الاتحاد خالد الرميح عن أسفه لنتيجة المباراة.",
                    [("خالد الرميح", "PER")])
    assert described(doc) == [("indirect", "خالد الرميح", None, "أسفه لنتيجة المباراة")]


def test_abr_as_via_is_not_a_cue() -> None:
    doc = quotes_of("ونشر اللاعب صورة عبر حسابه على تويتر أمس.", [("تويتر", "ORG")])
    assert doc.quotes == ()


def test_continuing_participles_are_quotes_of_the_same_speaker() -> None:
    doc = quotes_of("وأكدت الدكتورة منى السالم أن المراكز جاهزة، مبينة أن التطعيم مجاني، "
                    "ومنوهة إلى أن العيادات تعمل طوال اليوم.", [("منى السالم", "PER")])
    assert [(q[0], q[1]) for q in described(doc)] == [("indirect", "منى السالم")] * 3


def test_an_unnamed_official_of_a_ministry_is_no_speaker() -> None:
    doc = quotes_of("وقال مسؤول في وزارة العدل إن القرار سيصدر قريبا.", [("وزارة العدل", "ORG")])
    assert described(doc) == [("indirect", None, None, "إن القرار سيصدر قريبا")]


def test_a_spokesman_named_after_the_title_is_the_speaker() -> None:
    doc = quotes_of("وقال متحدث باسم الشركة فهد العلي إن الأسعار لن ترتفع.",
                    [("فهد العلي", "PER")])
    assert described(doc) == [("indirect", "فهد العلي", None, "إن الأسعار لن ترتفع")]


def test_a_person_named_again_by_one_word_of_the_name() -> None:
    doc = quotes_of("التقى الوزير وائل الدهاسي بالموظفين. وأشار الدهاسي إلى أن العمل سيستمر.",
                    [("وائل الدهاسي", "PER")])
    # the second naming is not tagged as an entity mention here
    assert described(doc) == [("indirect", "وائل الدهاسي", None, "أن العمل سيستمر")]


def test_a_cue_word_inside_a_name_is_part_of_the_name() -> None:
    doc = quotes_of("والتقى الوزير بالسيد وانغ ون بين في بكين.", [("وانغ ون بين", "PER"), ("بكين", "GPE")])
    assert doc.quotes == ()


def test_in_followed_only_by_a_quotation_is_direct() -> None:
    doc = quotes_of('وقال الرئيس خالد العمر إن "الحرب لن تحقق أهدافها".', [("خالد العمر", "PER")])
    assert described(doc) == [("direct", "خالد العمر", None, "الحرب لن تحقق أهدافها")]


def test_a_participle_without_a_comma_still_opens_a_quote() -> None:
    doc = quotes_of("وأوضح سامي الحربي أن الفرق وصلت في الوقت المناسب متمنيا السلامة للجميع.",
                    [("سامي الحربي", "PER")])
    assert described(doc) == [("indirect", "سامي الحربي", None, "أن الفرق وصلت في الوقت المناسب"),
                              ("indirect", "سامي الحربي", None, "السلامة للجميع")]


def test_according_to_what_someone_announced() -> None:
    doc = quotes_of("وقتل جندي في اشتباكات على الحدود، وفق ما أعلن المتحدث العسكري أحمد سالم السبت.",
                    [("أحمد سالم", "PER")])
    assert described(doc) == [("indirect", "أحمد سالم", None, "وقتل جندي في اشتباكات على الحدود")]


def test_a_speech_verb_after_the_clause_it_reports() -> None:
    doc = quotes_of("وأصيب ثلاثة مدنيين بجروح في القصف، أفادت وكالة الأنباء الرسمية.",
                    [("وكالة الأنباء الرسمية", "ORG")])
    assert described(doc) == [("indirect", "وكالة الأنباء الرسمية", None, "وأصيب ثلاثة مدنيين بجروح في القصف")]


def test_a_tweet_is_carried_by_the_platform_the_document_names() -> None:
    doc = quotes_of("ونشر عدد من المغردين على تويتر رسائل تعزية. وقال الكاتب سعد المحمد في تغريدته: "
                    "رحم الله الشهداء", [("تويتر", "ORG"), ("سعد المحمد", "PER")])
    assert described(doc) == [("direct", "سعد المحمد", "تويتر", "رحم الله الشهداء")]


def test_a_speaker_who_goes_on_talking_keeps_the_outlet() -> None:
    doc = quotes_of('وقال الوزير خالد العمر لـ"عكاظ" إن المشروع سيكتمل قريبا. '
                    "وأضاف أن التمويل متوفر بالكامل.", [("خالد العمر", "PER"), ("عكاظ", "ORG")])
    assert [(q[1], q[2]) for q in described(doc)] == [("خالد العمر", "عكاظ")] * 2
