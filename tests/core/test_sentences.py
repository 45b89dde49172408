from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.sentences import split_sentences


def _sents(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_splits_on_arabic_and_latin_enders() -> None:
    assert _sents("وصل الوفد. هل انتهى اللقاء؟ نعم! انتهى؛ ثم غادر") == [
        "وصل الوفد.", "هل انتهى اللقاء؟", "نعم!", "انتهى؛", "ثم غادر"]


def test_comma_does_not_split() -> None:
    assert len(_sents("قال الوزير، في بيان، إن الاجتماع ناجح.")) == 1


def test_headings_without_punctuation_are_sentences() -> None:
    text = "وفد رفيع\nويرافق حفتر خلال الزيارة مدير مكتبه."
    assert _sents(text) == ["وفد رفيع", "ويرافق حفتر خلال الزيارة مدير مكتبه."]


def test_decimals_and_5_plus_5() -> None:
    text = 'بلغ النمو 3.5 في المئة. وعقدت اللجنة "5+5" اجتماعها.'
    assert _sents(text) == ["بلغ النمو 3.5 في المئة.", 'وعقدت اللجنة "5+5" اجتماعها.']


def test_quotes_are_not_cut() -> None:
    text = 'وقال: «انتهى الاجتماع. سنلتقي غدا». ثم غادر.'
    assert _sents(text) == ['وقال: «انتهى الاجتماع. سنلتقي غدا».', "ثم غادر."]


def test_straight_quotes_after_colon() -> None:
    text = 'وأوضح بيسكوف: "نعم. كان هناك اجتماع". وغادر.'
    assert _sents(text) == ['وأوضح بيسكوف: "نعم. كان هناك اجتماع".', "وغادر."]


def test_abbreviation_with_one_letter() -> None:
    text = "وقال د. أحمد زويل إن البحث مستمر."
    assert len(_sents(text)) == 1


def test_list_items() -> None:
    text = "وتضمن البيان:\n- وقف إطلاق النار\n- تبادل الأسرى"
    assert _sents(text) == ["وتضمن البيان:", "- وقف إطلاق النار", "- تبادل الأسرى"]


@given(st.text(alphabet=st.sampled_from(list("اب تج.؟!؛\n«»\"،5+")), max_size=80))
def test_spans_are_ordered_trimmed_and_cover_all_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        chunk = text[s.start:s.end]
        assert chunk == chunk.strip()
        assert text[last:s.start].strip() == ""
        last = s.end
    assert text[last:].strip() == ""
