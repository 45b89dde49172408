from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalize import (
    arabic_ratio,
    normalize,
    normalize_with_offsets,
    original_span,
)


def test_folds_hamza_alef_variants() -> None:
    assert normalize("أحمد إبراهيم آمال") == "احمد ابراهيم امال"


def test_folds_ta_marbuta_and_alef_maqsura() -> None:
    assert normalize("مدرسة مصطفى") == "مدرسه مصطفي"


def test_drops_diacritics_tatweel_and_bidi_marks() -> None:
    assert normalize("المُشـــير\u200f") == "المشير"


def test_eastern_and_persian_digits() -> None:
    assert normalize("٢٠١٩ و۲۰۲۳") == "2019 و2023"


def test_offsets_map_back_to_the_original() -> None:
    text = "قال المُشـير إن"
    norm, offsets = normalize_with_offsets(text)
    i = norm.index("المشير")
    start, end = original_span(offsets, i, i + len("المشير"))
    assert text[start:end] == "المُشـير"


def test_arabic_ratio() -> None:
    assert arabic_ratio("hello world") == 0.0
    assert arabic_ratio("مرحبا") == 1.0
    assert arabic_ratio("123 !!") == 0.0


arabicish = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىةًٌٍَُِّْـ٠١٢ 0123.\u200f\u200c")),
    max_size=60,
)


@given(arabicish)
def test_offsets_are_monotonic_and_in_range(text: str) -> None:
    norm, offsets = normalize_with_offsets(text)
    assert len(offsets) == len(norm) + 1
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)
    assert normalize(text) == norm


@given(arabicish, st.data())
def test_any_normalised_slice_maps_to_an_original_slice(text: str, data: st.DataObject) -> None:
    norm, offsets = normalize_with_offsets(text)
    i = data.draw(st.integers(0, len(norm)))
    j = data.draw(st.integers(i, len(norm)))
    start, end = original_span(offsets, i, j)
    assert 0 <= start <= end <= len(text)
    assert normalize(text[start:end]) == norm[i:j]
