"""Outlets, clubs and the Kingdom: names that are also ordinary words, with their cues.

The sentences are written for these tests; they run without the NER tagger.
"""

from __future__ import annotations

from .conftest import Run, entity_named, surfaces


def types_of(doc: object, surface: str) -> list[str]:
    return [m.type for m in doc.mentions if doc.surface(m) == surface]  # type: ignore[attr-defined]


def test_a_newspaper_that_is_also_a_city_needs_its_cue(run: Run) -> None:
    outlet = run("وقال المتحدث لصحيفة «الرياض» إن المشروع سيبدأ قريبا.")
    assert types_of(outlet, "الرياض") == ["ORG"]
    assert entity_named(outlet, "الرياض").name_en == "Al Riyadh"  # type: ignore[attr-defined]
    city = run("وصل الوفد إلى الرياض مساء أمس.")
    assert types_of(city, "الرياض") == ["GPE"]


def test_a_club_that_is_also_a_word_is_a_club_in_a_sentence_about_sport(run: Run) -> None:
    match = run("وفاز الهلال على النصر في مباراة الدوري أمس بهدفين.")
    assert types_of(match, "الهلال") == ["ORG"] and types_of(match, "النصر") == ["ORG"]
    assert entity_named(match, "الهلال").name_en == "Al-Hilal"  # type: ignore[attr-defined]
    crescent = run("ظهر الهلال في السماء مساء أمس وحقق الجيش النصر.")
    assert "الهلال" not in surfaces(crescent) and "النصر" not in surfaces(crescent)


def test_social_networks_and_companies_are_organisations(run: Run) -> None:
    doc = run("نشر الحساب الرسمي على تويتر وفيسبوك أن شركة سابك وقعت اتفاقا مع موبايلي.")
    orgs = surfaces(doc, "ORG")
    assert {"تويتر", "فيسبوك", "موبايلي"} <= set(orgs)
    assert any(s.endswith("سابك") for s in orgs)


def test_the_kingdom_alone_is_the_kingdom_the_article_is_about(run: Run) -> None:
    doc = run("أكدت السعودية موقفها، وقال المتحدث إن المملكة ستواصل دعمها لليمن.")
    kingdom = [e for e in doc.entities if any(doc.surface(m) == "المملكة" for m in e.mentions)]
    assert kingdom and kingdom[0].type == "GPE" and kingdom[0].name_en == "Saudi Arabia"
    other = run("زار الوفد المملكة المتحدة ثم المملكة الأردنية الهاشمية.")
    assert "المملكة" not in surfaces(other)


def test_a_building_named_after_a_king_is_one_facility(run: Run) -> None:
    doc = run("نقل المصاب إلى مستشفى الملك فهد المركزي في جازان.")
    assert "مستشفى الملك فهد المركزي" in surfaces(doc, "FAC")
    assert "فهد" not in surfaces(doc, "PER")
    fac = entity_named(doc, "مستشفى الملك فهد المركزي")
    assert fac.name_en == "King Fahd Central Hospital"  # type: ignore[attr-defined]


def test_a_governorate_after_a_locative_cue(run: Run) -> None:
    doc = run("وقع الحادث في محافظة صبيا بمنطقة جازان، ثم في ضمد.")
    places = surfaces(doc, "GPE")
    assert any("صبيا" in p for p in places) and "ضمد" in places
