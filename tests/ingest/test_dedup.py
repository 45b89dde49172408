from __future__ import annotations

from marsad.ingest import dedup
from tests.store.samples import CAIRO, MOSCOW, MOSCOW_COPY, TRIPOLI


def test_content_hash_ignores_spelling_variants_and_spacing() -> None:
    a = "أعلنت الحكومة   الجديدة\nإلغاء الرسوم."
    b = "اعلنت الحكومه الجديدة إلغاء الرُّسوم."
    assert dedup.content_hash(a) == dedup.content_hash(b)
    assert dedup.content_hash(a) != dedup.content_hash("أعلنت الحكومة القديمة إلغاء الرسوم.")


def test_a_lightly_edited_copy_is_a_near_duplicate() -> None:
    index = dedup.NearDuplicates()
    for article in (MOSCOW, TRIPOLI):
        sig = dedup.signature(article.text)
        assert sig is not None
        index.add(article.id, sig)
    copy = dedup.signature(MOSCOW_COPY.text)
    assert copy is not None
    found = index.find(copy)
    assert found is not None and found[0] == MOSCOW.id and found[1] >= dedup.THRESHOLD
    other = dedup.signature(CAIRO.text)
    assert other is not None and index.find(other) is None


def test_a_follow_up_story_sharing_a_paragraph_is_not_a_near_duplicate() -> None:
    shared = MOSCOW.text.splitlines()[1]
    follow_up = (
        "حفتر يعود إلى بنغازي بعد زيارة موسكو\n"
        + shared + "\n"
        "وعاد المشير إلى بنغازي مساء الجمعة حيث استقبله عدد من قادة الجيش في المطار.\n"
        "وقال مصدر عسكري إن الزيارة تناولت ملفات التدريب والتسليح والتعاون الأمني.\n"
        "ومن المنتظر أن يعقد المشير اجتماعا موسعا مع قادة المناطق العسكرية الأسبوع المقبل.\n"
    )
    index = dedup.NearDuplicates()
    index.add("moscow", dedup.signature(MOSCOW.text))  # type: ignore[arg-type]
    sig = dedup.signature(follow_up)
    assert sig is not None and index.find(sig) is None


def test_short_texts_get_no_signature() -> None:
    assert dedup.signature("خبر قصير جدا") is None


def test_signatures_survive_encoding() -> None:
    sig = dedup.signature(MOSCOW.text)
    assert sig is not None
    back = dedup.decode(dedup.encode(sig))
    assert dedup.similarity(sig, back) == 1.0
    index = dedup.NearDuplicates.from_signatures([("m", dedup.encode(sig))])
    assert index.find(back) == ("m", 1.0)
    index.remove("m")
    assert index.find(back) is None and len(index) == 0
