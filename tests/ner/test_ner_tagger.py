"""The shipped tagger on sentences written for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ner import TYPES, load_tagger
from marsad.ner.propagate import propagate_names
from marsad.ner.split import split_part
from marsad.text import tokenize

VALID = {"O"} | {f"{p}-{t}" for p in "BI" for t in TYPES}


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in load_tagger().tag_spans(text, tokenize(text))]


def test_load_is_cached() -> None:
    assert load_tagger() is load_tagger()


def test_person_after_title() -> None:
    text = "التقى الرئيس الروسي فلاديمير بوتين في موسكو أمس"
    spans = _spans(text)
    assert ("فلاديمير بوتين", "PERS") in spans
    assert ("موسكو", "LOC") in spans


def test_particles_are_trimmed() -> None:
    spans = _spans("وقعت اتفاقية بين الصين وروسيا لتعزيز التعاون")
    assert ("روسيا", "LOC") in spans
    assert ("الصين", "LOC") in spans


def test_organisation() -> None:
    # ANERcorp leaves heads such as شركة outside the name (and وزارة الخارجية untagged)
    assert ("أرامكو السعودية", "ORG") in _spans("أعلنت شركة أرامكو السعودية عن أرباح قياسية")
    assert ("حماس", "ORG") in _spans("قال المتحدث باسم حركة حماس إن الحركة ترفض العرض")


def test_no_entities_in_plain_sentence() -> None:
    assert _spans("ارتفعت الأسعار بشكل كبير خلال الأسبوع الماضي") == []


def test_tags_are_valid_bio() -> None:
    tagger = load_tagger()
    sentences = [["قال", "لبوتين", "إن", "باريس", "جميلة", "."], [], ["نعم"]]
    out = tagger.tag_batch(sentences)
    assert [len(t) for t in out] == [6, 0, 1]
    for tags in out:
        assert set(tags) <= VALID
        assert all(not t.startswith("I-") or (i and tags[i - 1][2:] == t[2:])
                   for i, t in enumerate(tags))


def test_tag_is_a_one_sentence_document() -> None:
    tagger = load_tagger()
    tokens = ["وصل", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "إلى", "الجزائر"]
    assert tagger.tag(tokens) == tagger.tag_batch([tokens])[0]
    assert len(tagger.tag_sentence(tokens)) == len(tokens)


def test_document_spans_match_sentence_spans() -> None:
    text = "وصل الرئيس الفرنسي إيمانويل ماكرون إلى الجزائر. وقال ماكرون إن الزيارة مهمة."
    tokens = tokenize(text)
    cut = next(i for i, t in enumerate(tokens) if text[t.start:t.end] == ".") + 1
    per_sentence = load_tagger().tag_document_spans(text, [tokens[:cut], tokens[cut:]])
    found = [(text[s:e], label) for spans in per_sentence for s, e, label in spans]
    assert ("إيمانويل ماكرون", "PERS") in found
    assert ("ماكرون", "PERS") in found
    assert ("الجزائر", "LOC") in found


def test_propagation_finds_bare_surname() -> None:
    tagger = load_tagger()
    sentences = [["قال", "الرئيس", "بوريس", "يلتسين", "إن", "الوضع", "صعب"],
                 ["وأضاف", "يلتسين", "أن", "الحكومة", "ستعمل"]]
    tags = [["O", "O", "B-PERS", "I-PERS", "O", "O", "O"], ["O", "O", "O", "O", "O"]]
    out = propagate_names(sentences, tags, tagger.extractor)
    assert out[1][1] == "B-PERS"
    assert out[0] == tags[0]


def test_split_is_disjoint_and_complete() -> None:
    items = list(range(1000))
    dev, fit = split_part(items, "dev"), split_part(items, "fit")
    train, tune = split_part(items, "train"), split_part(items, "tune")
    assert sorted(dev + fit) == items and not set(dev) & set(fit)
    assert sorted(train + tune) == fit
    assert len(dev) == 100 and split_part(items, "dev", seed=13) == dev


_WORDS = ["قال", "الرئيس", "فلاديمير", "بوتين", "موسكو", "روسيا", "الصين", "وزارة", "الخارجية",
          "في", "إن", "اليوم", "مصر", "القاهرة", "محمد", "علي", "،", ".", "2023"]
_PREFIX = ["", "و", "ف", "ب", "ل", "وب"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PREFIX), st.sampled_from(_WORDS)), max_size=14))
def test_spans_are_exact_offsets(words: list[tuple[str, str]]) -> None:
    text = " ".join(p + w if w[0].isalpha() else w for p, w in words)
    tokens = tokenize(text)
    starts = {t.base_start for t in tokens}
    ends = {t.end for t in tokens}
    for start, end, label in load_tagger().tag_spans(text, tokens):
        assert 0 <= start < end <= len(text)
        assert start in starts and end in ends
        assert label in TYPES
        assert text[start:end] == text[start:end].strip()
