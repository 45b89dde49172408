"""Both backends index the same tokens: FTS5 keeps exactly the tokens ``index_tokens``
gives (what PostgreSQL stores), and queries mean the same on both."""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.store.textindex import fts_tokens, index_forms, index_tokens, parse_query

MIXED = ("ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآةىئؤءـ" + "\u064e\u0650\u0651\u0670"
         + "٠١٢٣٤٥٦٧٨٩0123456789" + "abcXYZİßéüñ" + "\u0301\u200c\u200d" + " .,-_/%«»\"'\n")
TEXT = st.text(alphabet=MIXED, min_size=0, max_size=120)


def fts5_tokens(text: str) -> Counter[str]:
    """The tokens FTS5 stores for ``text`` given as the store gives it (``index_forms``)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 0')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    conn.execute("INSERT INTO t(body) VALUES (?)", (index_forms(text),))
    return Counter({term: cnt for term, _docs, cnt in conn.execute("SELECT term, doc, cnt FROM v")})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_fts5_keeps_exactly_the_index_tokens(text: str) -> None:
    assert fts5_tokens(text) == Counter(index_tokens(text))


@given(st.text(alphabet=MIXED, min_size=1, max_size=30))
def test_a_form_is_cut_into_lower_case_letter_and_digit_runs(form: str) -> None:
    tokens = fts_tokens(form)
    assert all(t and t.isalnum() and t == t.lower() for t in tokens)


def test_numbers_with_separators_need_all_their_parts() -> None:
    (term,) = parse_query("3.5")
    assert term.token_sets == (("3", "5"),)
    assert term.fts() == '("3" AND "5")'
    (word,) = parse_query("وبالمشير")
    assert word.fts() == '("المشير" OR "مشير")'
    assert word.fts(prefix=True) == '("المشير"* OR "مشير"*)'


def test_query_words_that_are_only_marks_or_punctuation_match_nothing() -> None:
    query: Any = parse_query("« - » \u064e")
    assert query == []
