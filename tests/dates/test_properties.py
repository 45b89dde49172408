"""Property tests: offsets of every date expression, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dates import default_finder, find_dates
from marsad.dates.extract import _normalize_mapped
from marsad.dates.resolve import parse_published
from marsad.text.normalize import normalize, normalize_with_offsets, original_span

# Pieces of Arabic date text, so that random text often holds (parts of) dates.
WORDS = [
    "يوم", "اليوم", "أمس", "غداً", "الخميس", "الاثنين", "الماضي", "المقبل", "الجاري", "سبتمبر",
    "أيلول", "سبتمبر/أيلول", "كانون الثاني", "شوال", "رمضان", "هـ", "عام", "منذ", "قبل", "بين",
    "و", "من", "إلى", "الشهر", "الأسبوع", "العام", "هذا", "الخامس عشر", "الـ", "مساء", "م",
    "17", "2019", "٢٠١٩", "28/9/2023", "1445/9/1", "5+5", "2-1", "%", "(", ")", "،", ".", "\n",
    "ً", "ـ", "\u200f", "صلاة", "الجمعة", "أول", "يومين", "ثلاثة", "أيام", "الموافق",
    "عيد الفطر", "العيد", "المبارك", "ثاني أيام", "بمناسبة", "يوم عرفة", "الربع الثاني", "للعام",
    "الثمانينيات", "القرن الماضي", "عقد", "الموسم", "الصيف", "الدراسي", "السابق", "قرابة", "نحو",
    "أكثر من", "بعد", "سيعود", "ذات يوم", "يوما ما", "نهاية", "أول أيام", "منتصف ليل", "(الثلاثاء)",
    "أو", "2014", "1436", "هـ /", "16 / 11 / 1436", "18- 23/ 7/ 2015", "1434/1435هـ", "الشهر الفضيل",
    "المستمر", "لأول مرة",
]
ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى0123456789٠١٢٣٤٥٦٧٨٩ /-().،\n\u064b\u0651\u0640"

texts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, max_size=6), st.text(max_size=3)),
    max_size=30,
).map(" ".join)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                      st.sampled_from(["2023-09-28", "not a date", "2024-02-29T10:00"]))


@settings(deadline=None, max_examples=300)
@given(text=texts, pub=published)
def test_every_date_span_slices_the_text(text: str, pub: str | None) -> None:
    found = find_dates(text, pub)
    last_end = 0
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert d.start >= last_end  # in order, no overlaps
        last_end = d.end
        surface = text[d.start:d.end]
        assert surface == surface.strip() or surface.strip() == ""
        assert d.calendar in ("gregorian", "hijri")
        assert d.value is None or len(d.value) in (4, 7, 10)


@settings(deadline=None, max_examples=200)
@given(text=texts, pub=published)
def test_windows_find_what_the_whole_text_finds(text: str, pub: str | None) -> None:
    finder = default_finder()
    norm = normalize(text)
    when = parse_published(pub)
    assert finder.scan(norm, when) == finder.scan(norm, when, everywhere=True)


@settings(deadline=None, max_examples=300)
@given(text=st.text(alphabet=ALPHABET + "\u200b\ufeff\u0670sSA", max_size=40))
def test_fast_offsets_agree_with_normalize_with_offsets(text: str) -> None:
    norm, span = _normalize_mapped(text)
    expected_norm, offsets = normalize_with_offsets(text)
    assert norm == expected_norm
    for start in range(len(norm) + 1):
        for end in range(start, min(len(norm), start + 6) + 1):
            assert span(start, end) == original_span(offsets, start, end)
