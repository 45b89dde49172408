"""Mentions from rules and gazetteers: types, clitics, titles, organisations, places.

The sentences are written for these tests; they run without the NER tagger.
"""

from __future__ import annotations

from typing import Any

from marsad.document import Document
from marsad.lexicons.tables import load_lexicons
from marsad.stages.entities import EntitiesStage

from .conftest import Run, surfaces


def titles_of(doc: Document, surface: str) -> list[str]:
    for m in doc.mentions:
        if doc.surface(m) == surface:
            return [doc.surface(t) for t in m.titles]
    raise AssertionError(f"no mention {surface!r} in {surfaces(doc)}")


def test_clitic_particles_are_left_out(run: Run) -> None:
    doc = run("زار الوفد مصر وروسيا والصين، ووصل بالعاصمة موسكو حيث قال لبوتين إن العلاقات قوية.")
    assert surfaces(doc, "GPE") == ["مصر", "روسيا", "الصين", "موسكو"]
    assert surfaces(doc, "PER") == ["بوتين"]
    for m in doc.mentions:
        assert not doc.surface(m).startswith(("و", "ل", "ب")) or doc.surface(m) == "بوتين"


def test_article_is_restored_in_names_after_lil(run: Run) -> None:
    doc = run("وجه القائد العام للجيش الليبي كلمة إلى الجنود.")
    assert surfaces(doc, "ORG") == ["جيش الليبي"]  # the span cannot hold the article
    assert [e.name for e in doc.entities if e.type == "ORG"] == ["الجيش الليبي"]


def test_title_with_nationality_before_a_name(run: Run) -> None:
    doc = run("قال وزير الخارجية الروسي سيرغي لافروف إن بلاده لن تتراجع.")
    assert surfaces(doc, "PER") == ["سيرغي لافروف"]
    assert titles_of(doc, "سيرغي لافروف") == ["وزير الخارجية الروسي"]


def test_apposition_after_a_comma(run: Run) -> None:
    doc = run("وأكد المتحدث باسم وزارة الخارجية المصرية، أحمد أبو زيد، أن القاهرة ترحب بالاتفاق.")
    assert "أحمد أبو زيد" in surfaces(doc, "PER")
    assert titles_of(doc, "أحمد أبو زيد") == ["المتحدث باسم وزارة الخارجية المصرية"]
    assert "وزارة الخارجية المصرية" in surfaces(doc, "ORG")
    assert "القاهرة" in surfaces(doc, "GPE")


def test_chain_of_titles_and_ranks(run: Run) -> None:
    doc = run("ويرافقه مدير مكتبه العقيد سالم المبروك، ورئيس أركان القوات البحرية اللواء فرج مهدي.")
    assert titles_of(doc, "سالم المبروك") == ["مدير مكتبه", "العقيد"]
    assert titles_of(doc, "فرج مهدي") == ["رئيس أركان القوات البحرية", "اللواء"]


def test_compound_and_regnal_names(run: Run) -> None:
    doc = run("استقبل الملك عبد الله الثاني في عمان رئيس الوزراء العراقي محمد شياع السوداني.")
    assert surfaces(doc, "PER") == ["عبد الله الثاني", "محمد شياع السوداني"]
    assert titles_of(doc, "عبد الله الثاني") == ["الملك"]


def test_a_title_is_not_a_name_when_a_verb_follows(run: Run) -> None:
    doc = run("قال الرئيس الروسي إن المحادثات مفيدة.")
    assert surfaces(doc, "PER") == []


def test_organisations_from_head_words(run: Run) -> None:
    doc = run("أعلنت وزارة الدفاع الروسية أن مجلس الإفتاء الروسي واللجنة العسكرية المشتركة "
              "اجتمعا، بحضور ممثل عن الكتيبة 166 مشاة.")
    assert surfaces(doc, "ORG") == ["وزارة الدفاع الروسية", "مجلس الإفتاء الروسي",
                                    "اللجنة العسكرية المشتركة", "الكتيبة 166 مشاة"]


def test_quoted_names_of_outlets_and_facilities(run: Run) -> None:
    doc = run('نقلت وكالة "نوفا" الإيطالية أن الوفد صلى في مسجد "الفتح الكبير"، '
              'بينما اطلعت "الوسط اليوم" على نسخة من البيان.')
    assert surfaces(doc, "ORG") == ["نوفا", "الوسط اليوم"]
    assert surfaces(doc, "FAC") == ['مسجد "الفتح الكبير"']


def test_facility_with_a_bare_name(run: Run) -> None:
    doc = run("هبطت الطائرة في مطار معيتيقة الدولي صباح اليوم.")
    assert surfaces(doc, "FAC") == ["مطار معيتيقة الدولي"]


def test_places_are_typed_gpe_or_loc(run: Run) -> None:
    doc = run("ضربت السيول مدينة درنة ومناطق الجبل الأخضر في الشرق الليبي، ووصلت المساعدات "
              "إلى شرق ليبيا عبر البحر المتوسط.")
    types = {doc.surface(m): m.type for m in doc.mentions}
    assert types["درنة"] == "GPE"
    assert types["الجبل الأخضر"] == "LOC"
    assert types["الشرق الليبي"] == "LOC"
    assert types["شرق ليبيا"] == "LOC"
    assert types["البحر المتوسط"] == "LOC"


def test_peoples_are_norp_but_adjectives_are_not(run: Run) -> None:
    doc = run("وقال الروس إنهم مستعدون للحوار مع المسؤولين الليبيين.")
    assert surfaces(doc, "NORP") == ["الروس"]


def test_common_words_are_not_places(run: Run) -> None:
    doc = run("وأكد أن الخبر صحيح وأن الأمل كبير في الوصول إلى حل.")
    assert surfaces(doc, "GPE") == []


class FakeTagger:
    """A stand-in for marsad.ner's tagger: returns fixed spans (the seam for tests)."""

    def __init__(self, spans: list[tuple[str, str]]) -> None:
        self.spans = spans

    def tag_spans(self, text: str, tokens: Any) -> list[tuple[int, int, str]]:
        out = []
        start = tokens[0].start
        end = tokens[-1].end
        for surface, label in self.spans:
            i = text.find(surface, start, end)
            if i >= 0:
                out.append((i, i + len(surface), label))
        return out


def test_model_spans_are_typed_and_merged(run: Run) -> None:
    tagger = FakeTagger([("سالم الهوني", "PERS"), ("الزنتان", "LOC"), ("جبل نفوسة", "LOC"),
                         ("المصريون", "MISC"), ("شركة البريقة", "ORG")])
    stage = EntitiesStage(load_lexicons(), tagger=tagger)
    text = "وصل سالم الهوني إلى الزنتان في جبل نفوسة، وقال المصريون إن شركة البريقة تعمل."
    base = run(text)
    doc = stage(base.with_layers(mentions=()))
    types = {doc.surface(m): (m.type, m.source) for m in doc.mentions}
    assert types["سالم الهوني"] == ("PER", "model")
    assert types["الزنتان"][0] == "GPE"
    assert types["جبل نفوسة"][0] == "LOC"
    assert types["المصريون"][0] == "NORP"
    assert types["شركة البريقة"][0] == "ORG"


def test_a_failing_tagger_does_not_lose_the_rules(run: Run) -> None:
    class Broken:
        def tag_spans(self, text: str, tokens: Any) -> list[tuple[int, int, str]]:
            raise RuntimeError("model exploded")

    stage = EntitiesStage(load_lexicons(), tagger=Broken())
    base = run("زار الوفد موسكو.")
    assert [base.surface(m) for m in stage(base).mentions] == ["موسكو"]
