"""Coding entities and actors: written for these tests, in the Arabic of news reports."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.actors import code_actor, code_entities, default_coder
from marsad.document import Document, Entity, Span

from .conftest import Extract


def entity_named(doc: Document, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name]
    assert found, [e.name for e in doc.entities]
    return found[0]


def phrase(doc: Document, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    return start, start + len(words)


def test_a_minister_takes_the_country_of_his_title(extract: Extract) -> None:
    doc = extract("التقى وزير الخارجية الروسي سيرغي لافروف نظيره المصري في القاهرة.")
    lavrov = entity_named(doc, "سيرغي لافروف")
    assert (lavrov.country, lavrov.sector) == ("RUS", "GOV")
    cairo = entity_named(doc, "القاهرة")
    assert (cairo.country, cairo.sector) == ("EGY", None)  # places: a country, no sector


@pytest.mark.parametrize(("text", "words", "code"), [
    ("وأعلن الجيش الليبي السيطرة على المدينة.", "الجيش الليبي", ("LBY", "MIL")),
    ("واعتقلت الشرطة العراقية ثلاثة أشخاص.", "الشرطة العراقية", ("IRQ", "COP")),
    ("وفرقت قوات الأمن اليمنية المتظاهرين.", "قوات الأمن اليمنية", ("YEM", "COP")),
    ("وأطلق مسلحون مجهولون النار على الحافلة.", "مسلحون", (None, "UAF")),
    ("وتجمع متظاهرون أمام المبنى.", "متظاهرون", (None, "CVL")),
    ("وقاطعت المعارضة الجلسة.", "المعارضة", (None, "OPP")),
    ("واحتج طلاب الجامعة على القرار.", "طلاب", (None, "EDU")),
    ("واختطف مجهولون مصورا فرنسيا في المدينة.", "مصورا فرنسيا", ("FRA", "MED")),
    ("وقتل جنود أميركيون في الهجوم.", "جنود أميركيون", ("USA", "MIL")),
])
def test_nominal_actors_are_coded_from_their_words(
        extract: Extract, text: str, words: str, code: tuple[str | None, str | None]) -> None:
    doc = extract(text)
    start, end = phrase(doc, words)
    assert code_actor(doc, start, end, None) == code


def test_the_words_after_the_head_say_whose_it_is(extract: Extract) -> None:
    """code_actor reads past the span it is given: the events stage may span the head only."""
    doc = extract("وفرقت قوات الأمن العراقية المحتجين.")
    start, end = phrase(doc, "قوات")
    assert code_actor(doc, start, end, None) == ("IRQ", "COP")


def test_known_actors_come_from_the_table(extract: Extract) -> None:
    doc = extract("ودعت الأمم المتحدة إلى وقف القتال، وأدانت حركة حماس الغارة.")
    un = entity_named(doc, "الأمم المتحدة")
    assert (un.country, un.sector) == (None, "IGO")


def test_a_state_body_without_a_country_belongs_to_the_home_country(extract: Extract) -> None:
    text = "وأعلنت وزارة الداخلية القبض على المتهمين."
    saudi = extract(text, url="https://www.alriyadh.com/1234")
    start, end = phrase(saudi, "وزارة الداخلية")
    ministry = next(e for e in saudi.entities if e.mentions[0].start == start)
    assert (ministry.country, ministry.sector) == ("SAU", "GOV")
    egyptian = extract(text, url="https://www.youm7.com/story/1")  # a known Egyptian outlet
    assert code_actor(egyptian, start, end, None)[0] == "EGY"
    # no outlet: the one country its sentence names
    baghdad = extract("وأعلنت وزارة الداخلية في بغداد القبض على المتهمين.")
    assert code_actor(baghdad, *phrase(baghdad, "وزارة الداخلية"), None) == ("IRQ", "GOV")


def test_armed_men_get_no_home_country(extract: Extract) -> None:
    doc = extract("وهاجم مسلحون حاجزا للشرطة في بغداد.", url="https://www.alriyadh.com/1")
    assert code_actor(doc, *phrase(doc, "مسلحون"), None) == (None, "UAF")


def test_codes_already_given_are_kept(extract: Extract) -> None:
    doc = extract("التقى وزير الخارجية الروسي سيرغي لافروف نظيره المصري.")
    lavrov = entity_named(doc, "سيرغي لافروف")
    fixed = doc.with_layers(entities=tuple(
        replace(e, country="UKR", sector=None) if e is lavrov else e for e in doc.entities))
    again = entity_named(code_entities(fixed), "سيرغي لافروف")
    assert (again.country, again.sector) == ("UKR", "GOV")


def test_a_document_without_tokens_is_coded_too() -> None:
    """A document read back from JSON has no token layer: the coder makes its own."""
    text = "وأطلق مسلحون النار على الجنود الأميركيين."
    doc = Document(text, sentences=(Span(0, len(text)),))
    start = text.index("الجنود")
    assert code_actor(doc, start, start + len("الجنود"), None) == ("USA", "MIL")


WORDS = ["مسلحون", "الشرطة", "العراقية", "وزير", "الخارجية", "الروسي", "في", "بغداد", "،",
         "متظاهرين", "قوات", "الأمن", "و", "طلاب", "الجيش"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.data())
def test_any_span_of_any_text_gets_a_valid_code(words: list[str], data: st.DataObject) -> None:
    from marsad.actors.tables import SECTORS

    text = " ".join(words)
    doc = Document(text, sentences=(Span(0, len(text)),))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    country, sector = default_coder().code_actor(doc, start, end).country, \
        default_coder().code_actor(doc, start, end).sector
    assert country is None or (len(country) == 3 and country.isupper())
    assert sector is None or sector in SECTORS
