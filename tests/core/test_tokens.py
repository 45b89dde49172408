from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.tokens import tokenize


def _pieces(text: str) -> list[tuple[str, str]]:
    return [(text[t.start:t.end], text[t.base_start:t.end]) for t in tokenize(text)]


def test_particles_are_split_off_names() -> None:
    text = "التقى حفتر وبوتين ولبوتين في موسكو"
    base = {w: b for w, b in _pieces(text)}
    assert base["وبوتين"] == "بوتين"
    assert base["ولبوتين"] == "بوتين"
    assert base["حفتر"] == "حفتر"


def test_article_is_kept_in_base_and_dropped_in_stem() -> None:
    text = "وصل إلى بالعاصمة الروسية"
    tok = next(t for t in tokenize(text) if text[t.start:t.end] == "بالعاصمة")
    assert text[tok.base_start:tok.end] == "العاصمة"
    assert text[tok.stem_start:tok.stem_end] == "عاصمة"


def test_lam_lam_words() -> None:
    text = "التابع للجيش الليبي"
    tok = next(t for t in tokenize(text) if text[t.start:t.end] == "للجيش")
    assert text[tok.stem_start:tok.stem_end] == "جيش"


def test_words_that_begin_with_a_particle_letter_stay_whole() -> None:
    text = "وزير الخارجية في لبنان وكندا وبريطانيا"
    base = dict(_pieces(text))
    assert base["وزير"] == "وزير"
    assert base["لبنان"] == "لبنان"
    assert base["وكندا"] == "كندا"
    assert base["وبريطانيا"] == "بريطانيا"


def test_relative_pronouns_have_no_article() -> None:
    text = "الفيضانات التي حلت"
    tok = next(t for t in tokenize(text) if text[t.start:t.end] == "التي")
    assert tok.stem_start == tok.start


def test_numbers_and_punctuation() -> None:
    text = 'اللجنة "5+5" قتل 3.5 ألف، في ٢٠١٩!'
    kinds = [(text[t.start:t.end], t.kind) for t in tokenize(text)]
    assert ("3.5", "number") in kinds
    assert ("٢٠١٩", "number") in kinds
    assert ("،", "punct") in kinds
    assert ("5", "number") in kinds and ("+", "punct") in kinds


def test_diacritics_stay_inside_the_token() -> None:
    text = "قال المُشير"
    toks = tokenize(text)
    assert [text[t.start:t.end] for t in toks] == ["قال", "المُشير"]
    assert toks[1].norm == "المشير"


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("وفبلكالسمنتيهةىأإآءًُِّـ0123456789.,، \n\"«»!؟abcXYZ")), max_size=80))
def test_segmentation_is_lossless(text: str) -> None:
    toks = tokenize(text)
    last = 0
    for t in toks:
        assert last <= t.start < t.end <= len(text)
        assert t.start <= t.base_start <= t.stem_start <= t.stem_end <= t.end
        assert text[last:t.start].strip() == ""  # only white space between tokens
        last = t.end
        pieces = t.pieces()
        assert "".join(text[s.start:s.end] for _, s in pieces) == text[t.start:t.end]
    assert text[last:].strip() == ""


def test_foreign_names_that_begin_with_a_particle_letter_stay_whole() -> None:
    text = "بنيامين نتنياهو وفولوديمير زيلينسكي"
    base = dict(_pieces(text))
    assert base["بنيامين"] == "بنيامين"
    assert base["وفولوديمير"] == "فولوديمير"


def test_city_names_that_begin_with_a_particle_letter_stay_whole() -> None:
    text = "زار بكين ثم وصل وبكين"
    assert [b for _, b in _pieces(text)] == ["زار", "بكين", "ثم", "وصل", "بكين"]


def test_unknown_names_after_a_preposition_letter_and_common_words_stay_whole() -> None:
    text = "وصل بلينكن إلى ولاية وهران مع والدة الطفل"
    assert [b for _, b in _pieces(text)] == [
        "وصل", "بلينكن", "إلى", "ولاية", "وهران", "مع", "والدة", "الطفل"]
