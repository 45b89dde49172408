"""Property tests: every mention, title and entity span slices the text exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import Document
from marsad.pipeline import Pipeline

# Words that exercise every rule: titles, names, clitics, places, organisations, quotes.
WORDS = [
    "الرئيس", "الروسي", "فلاديمير", "بوتين", "وبوتين", "لبوتين", "المشير", "خليفة", "حفتر",
    "العميد", "خالد", "وزير", "الدفاع", "نائب", "المتحدث", "باسم", "الرئاسة", "الروسية",
    "موسكو", "وروسيا", "بالعاصمة", "ليبيا", "للجيش", "الليبي", "الجيش", "مجلس", "الإفتاء",
    "وكالة", "مسجد", "مطار", "الكتيبة", "166", "مشاة", "الشرق", "شرق", "الروس", "قال",
    "إن", "في", "إلى", "مع", "عبد", "الله", "الثاني", "أبوالقاسم", "درنة", "بنغازي",
    "الجبل", "الأخضر", "اطلعت", "العين", "الإخبارية", "مدير", "مكتبه", "الفريق", "خيري",
    "التميمي", "وَ", "المُشير", "ـ", "5+5",
]
PUNCT = ["،", ".", '"', "«", "»", ":", "\n", " - "]


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT)),
                          min_size=0, max_size=40))
    return " ".join(parts)


PIPE = Pipeline(["text", "entities", "linking"], options={"entities": {"use_tagger": False}})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_spans_slice_the_text(text: str) -> None:
    doc = PIPE.run(Document(text))
    n = len(text)
    mention_spans = set()
    for m in doc.mentions:
        assert 0 <= m.start < m.end <= n
        surface = text[m.start:m.end]
        assert surface == surface.strip() and surface
        mention_spans.add((m.start, m.end))
        for t in m.titles:
            assert 0 <= t.start < t.end <= n
            assert t.end <= m.start or (t.start, t.end) == (m.start, m.end)
    for ent in doc.entities:
        assert ent.name and ent.mentions
        for s in ent.mentions:
            assert (s.start, s.end) in mention_spans
    # mentions never overlap
    ordered = sorted(mention_spans)
    for (_a_start, a_end), (b_start, _) in zip(ordered, ordered[1:], strict=False):
        assert a_end <= b_start


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ ًٌٍَُِّْـ،.\"«»0123456789")),
               max_size=120))
def test_arbitrary_arabic_text_never_breaks_offsets(text: str) -> None:
    doc = PIPE.run(Document(text))
    for layer, start, end in doc.all_spans():
        assert 0 <= start <= end <= len(text), layer
