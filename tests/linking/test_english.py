"""English names and places on the map (names written for these tests)."""

from __future__ import annotations

import pytest

from marsad.linking import english_name, link_place
from marsad.linking.orgs import ordinal

from .conftest import Run


@pytest.mark.parametrize(("arabic", "etype", "english"), [
    ("ليبيا", "GPE", "Libya"),
    ("موسكو", "GPE", "Moscow"),
    ("بنغازي", "GPE", "Benghazi"),
    ("الجبل الأخضر", "LOC", "Jabal al-Akhdar"),
    ("الشرق الليبي", "LOC", "eastern Libya"),
    ("شمال سوريا", "LOC", "northern Syria"),
    ("غرب العراق", "LOC", "western Iraq"),
    ("بوتين", "PER", "Putin"),
    ("خليفة حفتر", "PER", "Khalifa Haftar"),
    ("خيري التميمي", "PER", "Khairi al-Tamimi"),
    ("الجيش الليبي", "ORG", "Libyan Army"),
    ("وزارة الخارجية", "ORG", "Ministry of Foreign Affairs"),
    ("وزارة الخارجية الروسية", "ORG", "Russian Ministry of Foreign Affairs"),
    ("مجلس الإفتاء الروسي", "ORG", "Russian Council of Muftis"),
    ("الجيش الوطني الليبي", "ORG", "Libyan National Army"),
    ("القوات الجوية المصرية", "ORG", "Egyptian Air Force"),
    ("اللجنة العسكرية المشتركة", "ORG", "Joint Military Commission"),
    ("الكتيبة 101 مشاة", "ORG", "101st Infantry Battalion"),
    ("مسجد القاهرة الكبير", "FAC", "Cairo Grand Mosque"),
    ("جامعة بنغازي", "ORG", "Benghazi University"),
    ("سبوتنيك", "ORG", "Sputnik"),
    ("الروس", "NORP", "Russians"),
])
def test_english_names(arabic: str, etype: str, english: str) -> None:
    assert english_name(arabic, etype) == english


def test_unknown_parts_give_no_english_name() -> None:
    assert english_name("شركة الزيتونة للتجارة", "ORG") is None
    assert english_name("مطار معيتيقة", "FAC") is None


def test_ordinals() -> None:
    assert [ordinal(n) for n in ("1", "2", "3", "11", "12", "21", "166")] == \
        ["1st", "2nd", "3rd", "11th", "12th", "21st", "166th"]


def test_moscow_is_in_russia_not_idaho() -> None:
    place = link_place("موسكو")
    assert place is not None and place.country == "RU" and place.geonameid == "524901"


def test_tripoli_follows_the_article(run: Run) -> None:
    lebanon = run("وصل الوفد إلى طرابلس قادما من بيروت في جولة تشمل لبنان.")
    libya = run("وصل الوفد إلى طرابلس ثم توجه إلى بنغازي في جولة تشمل ليبيا.")
    assert lebanon.entities[0].attrs["geo"]["country"] == "LB"
    assert libya.entities[0].attrs["geo"]["country"] == "LY"
    assert libya.entities[0].kb == {"source": "geonames", "id": "2210247"}


def test_amman_or_oman(run: Run) -> None:
    doc = run("التقى العاهل الأردني الوفد في عمان.")
    assert [e.name_en for e in doc.entities if e.type == "GPE"] == ["Amman"]
    doc = run("وصل الوفد إلى عمان قادما من مسقط.")
    assert doc.entities[0].name_en == "Oman"
