"""Property tests: whatever the input, quotes are well-formed spans of the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import quotes_of

PIECES = ["وقال", "الوزير", "سامي", "إن", "أن", "الوضع", "مستقر", ":", "«", "»", '"', "،", ".",
          "وأضاف", "مشيرا", "إلى", "بحسب", "مصادر", "لوكالة", "أعلنت", "الوزارة", "\n", "قائلا"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_quotes_are_ordered_non_empty_spans(words: list[str]) -> None:
    text = " ".join(words)
    doc = quotes_of(text, [("سامي", "PER"), ("الوزارة", "ORG")])
    ids = {"T1", "T2"}
    for n, q in enumerate(doc.quotes, 1):
        assert q.id == f"Q{n}"
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end].strip() == text[q.start:q.end]
        assert q.kind in ("direct", "indirect")
        assert q.speaker is None or q.speaker in ids
        assert q.via is None or q.via in ids
        assert q.cue is not None and 0 <= q.cue.start < q.cue.end <= len(text)
    starts = [q.start for q in doc.quotes]
    assert starts == sorted(starts)
