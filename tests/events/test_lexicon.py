"""The trigger lexicon: every PLOVER type is there, rows are well formed, and one row
covers a word's inflections (conjunctions, particles, article, endings)."""

from __future__ import annotations

import pytest

from marsad.document import EVENT_TYPES
from marsad.events.lexicon import load_lexicon
from marsad.text import normalize


def rule_types(word: str) -> set[tuple[str, str]]:
    lexicon = load_lexicon()
    return {(r.type, r.text) for r, _ in lexicon.rules_for(normalize(word), word)}


def test_every_type_has_triggers_and_rows_are_well_formed() -> None:
    lexicon = load_lexicon()
    assert {r.type for r in lexicon.rules} >= set(EVENT_TYPES)
    for rule in lexicon.rules:
        assert rule.type in set(EVENT_TYPES) | {"LIGHT", "-"}, rule
        assert rule.pos in ("V", "P", "N"), rule
        assert len(rule.elements) == len(rule.gaps) and 0 <= rule.head < len(rule.elements)


@pytest.mark.parametrize(
    "word, pattern",
    [
        ("واجتمعوا", "اجتمع"),
        ("فاجتمعت", "اجتمع"),
        ("التقت", "التقى"),
        ("يلتق", "يلتقي"),  # jussive after لم
        ("ويلتقيان", "يلتقي"),
        ("وزيارته", "زيارة"),
        ("الزيارات", "زيارة"),
        ("بتعزيزات", "تعزيزات"),
        ("للتعذيب", "تعذيب"),
        ("واغتيل", "اغتيل"),
        ("هنأ", "=هنأ"),
    ],
)
def test_one_row_covers_the_inflections(word: str, pattern: str) -> None:
    assert pattern in {text for _, text in rule_types(word)}


@pytest.mark.parametrize("word", ["وسط", "هنا", "موقع", "المعتقلين", "المتظاهرون", "الحرب"])
def test_look_alikes_are_not_triggers_by_themselves(word: str) -> None:
    # وسط is not سطا, هنا (here) is not هنأ; people (المعتقلين) and wars are not events
    found = {t for t, text in rule_types(word) if "~" not in text and " " not in text}
    assert not found, found


def test_a_name_that_looks_like_a_verb_is_not_a_trigger() -> None:
    from .conftest import build

    doc = build(
        "وقال الأمير فيصل بن فرحان إن الوضع في المنطقة يتطلب الحكمة.",
        [["فيصل بن فرحان", "PER"]],
    )
    assert doc.events == ()
