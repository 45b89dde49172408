"""Mentions grouped into entities within one article (sentences written for these tests)."""

from __future__ import annotations

from marsad.document import Document, Entity
from marsad.linking.cluster import same_person

from .conftest import Run


def people(doc: Document) -> dict[str, list[str]]:
    return {e.name: [doc.text[s.start:s.end] for s in e.mentions]
            for e in doc.entities if e.type == "PER"}


def named(doc: Document, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in doc.entities]}"
    return found[0]


def test_surname_joins_the_full_name(run: Run) -> None:
    doc = run("استقبل المشير خليفة حفتر وفدا أمريكيا. وقال حفتر إن الزيارة مهمة.")
    assert people(doc) == {"خليفة حفتر": ["خليفة حفتر", "حفتر"]}


def test_a_middle_name_is_the_same_person(run: Run) -> None:
    doc = run("قال المشير خليفة أبوالقاسم حفتر إن الجيش جاهز. وأضاف المشير خليفة حفتر أن الحوار ممكن.")
    assert people(doc) == {"خليفة أبوالقاسم حفتر": ["خليفة أبوالقاسم حفتر", "خليفة حفتر"]}


def test_another_first_name_is_another_person(run: Run) -> None:
    doc = run("التقى المشير خليفة حفتر نجله العميد صدام خليفة حفتر. وأكد حفتر دعمه للقوات.")
    result = people(doc)
    assert set(result) == {"خليفة حفتر", "صدام خليفة حفتر"}
    assert result["صدام خليفة حفتر"] == ["صدام خليفة حفتر"]
    assert result["خليفة حفتر"] == ["خليفة حفتر", "حفتر"]


def test_bare_surname_goes_to_the_most_salient_holder(run: Run) -> None:
    doc = run("قال المشير خليفة حفتر إن الجيش جاهز، وكرر المشير خليفة حفتر ذلك. "
              "وحضر العميد خالد خليفة حفتر. وختم حفتر كلمته.")
    result = people(doc)
    assert result["خالد خليفة حفتر"] == ["خالد خليفة حفتر"]
    assert result["خليفة حفتر"][-1] == "حفتر"


def test_descriptor_joins_the_person_with_that_title(run: Run) -> None:
    doc = run("التقى الرئيس الروسي فلاديمير بوتين الوفد. وقال الرئيس الروسي إن المحادثات بناءة.")
    putin = named(doc, "فلاديمير بوتين")
    surfaces = [doc.text[s.start:s.end] for s in putin.mentions]
    assert surfaces == ["فلاديمير بوتين", "الرئيس الروسي"]
    assert putin.titles == ("الرئيس الروسي",)


def test_ids_follow_the_text_and_names_have_no_particles(run: Run) -> None:
    doc = run("وصل الوفد إلى موسكو. وقال لبوتين إن روسيا شريك. وزار الوفد موسكو مجددا.")
    assert [e.id for e in doc.entities] == [f"T{i}" for i in range(1, len(doc.entities) + 1)]
    assert [e.name for e in doc.entities] == ["موسكو", "بوتين", "روسيا"]
    assert len(named(doc, "موسكو").mentions) == 2


def test_organisation_aliases_are_one_entity_when_a_strong_alias_is_present(run: Run) -> None:
    doc = run('أعلن الجيش الليبي السيطرة على المدينة، وقالت القيادة العامة "للقوات المسلحة العربية '
              'الليبية" إن العملية انتهت.')
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert len(orgs) == 1
    assert orgs[0].name == "الجيش الليبي"
    assert orgs[0].name_en == "Libyan National Army"


def test_a_weak_alias_alone_stays_unlinked(run: Run) -> None:
    doc = run("أصدرت القيادة العامة بيانا حول الوضع.")
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert [o.name for o in orgs] == ["القيادة العامة"]
    assert orgs[0].name_en != "Libyan National Army"


def test_same_person_words() -> None:
    assert same_person("خليفه حفتر".split(), "خليفه ابوالقاسم حفتر".split())
    assert same_person("خليفه ابو القاسم حفتر".split(), "خليفه ابوالقاسم حفتر".split())
    assert not same_person("خالد خليفه حفتر".split(), "خليفه حفتر".split())
    assert not same_person("حفتر".split(), "خليفه حفتر".split())
    assert same_person("خيري التميمي".split(), "خيري تميمي".split())
