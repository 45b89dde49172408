"""A verb after a title is not a name (headlines drop the name: الوزير يستقبل نظيره)."""

from __future__ import annotations

import pytest

from marsad.api_python import extract


@pytest.mark.parametrize("text, verb", [
    ("وزير الخارجية المصري يستقبل نظيره الأردني في القاهرة", "يستقبل"),
    ("الرئيس التونسي يستعرض مع وفد أوروبي ملف الهجرة", "يستعرض"),
    ("رئيس الوزراء يتابع سير الامتحانات في العاصمة", "يتابع"),
])
def test_present_tense_verb_after_a_title_is_not_a_person(text: str, verb: str) -> None:
    doc = extract(text, published="2024-03-14", stages=["text", "entities"])
    assert verb not in [text[m.start:m.end] for m in doc.mentions]


def test_unknown_foreign_name_after_a_title_is_still_a_person() -> None:
    text = "والتقى نائب وزير الدفاع الروسي يونس بك يفكيروف بالوفد"
    doc = extract(text, published="2024-03-14", stages=["text", "entities"])
    persons = [text[m.start:m.end] for m in doc.mentions if m.type == "PER"]
    assert "يونس بك يفكيروف" in persons


def test_an_unknown_definite_surname_after_two_name_words_is_kept() -> None:
    text = "وأعلن رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة أن الحكومة توصلت إلى اتفاق."
    doc = extract(text, published="2023-08-16", stages=["text", "entities"])
    persons = [text[m.start:m.end] for m in doc.mentions if m.type == "PER"]
    assert "عبد الحميد الدبيبة" in persons


def test_a_known_word_after_a_name_is_not_a_surname() -> None:
    text = "وقال الرئيس قيس سعيد الخميس إن الحكومة ستواصل الإصلاح."
    doc = extract(text, published="2023-10-04", stages=["text", "entities"])
    persons = [text[m.start:m.end] for m in doc.mentions if m.type == "PER"]
    assert "قيس سعيد" in persons and not any("الخميس" in p for p in persons)
