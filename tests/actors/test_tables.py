"""The actor tables: every row is valid, forms are found in text, a bad row names itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from marsad.actors import tables as T
from marsad.errors import ModelError
from marsad.lexicons.matcher import phrase_key


def test_the_tables_load_with_valid_codes() -> None:
    t = T.load_tables()
    assert len(t.words) > 500 and len(t.known) > 200 and len(t.outlets) > 50
    assert all(w.sector in T.SECTORS and 1 <= w.rank <= 3 for w in t.words.values())
    assert all(len(c) == 3 for c in t.nationalities.values())
    assert t.sector_word(phrase_key("والمسلحين")).sector == "UAF"  # type: ignore[union-attr]
    assert t.sector_word(phrase_key("للشرطة")).sector == "COP"  # type: ignore[union-attr]
    assert t.sector_word(phrase_key("انتحاريا")).sector == "UAF"  # type: ignore[union-attr]
    assert t.sector_word(phrase_key("متظاهرو")).sector == "CVL"  # type: ignore[union-attr]
    assert t.nationality(phrase_key("الروسية")) == "RUS"
    assert t.nationality(phrase_key("عراقيا")) == "IRQ"
    assert t.nationality(phrase_key("جورجيتين")) == "GEO"


@pytest.mark.parametrize(("url", "source", "country"), [
    ("https://www.okaz.com.sa/news/1", None, "SAU"),
    ("http://m.youm7.com/story/2", None, "EGY"),
    ("https://example.ae/a", None, "ARE"),  # a country's top-level domain
    ("https://news.example.co.uk/a", None, "GBR"),
    (None, "aawsat", "SAU"),
    ("https://example.org/a", None, None),
])
def test_the_outlet_gives_the_home_country(url: str | None, source: str | None,
                                           country: str | None) -> None:
    assert T.load_tables().outlet_country(url, source) == country


def _fake_rows(rows: list[list[str]]) -> object:
    def fake(name: str) -> Iterator[tuple[int, list[str]]]:
        yield from enumerate(rows, 20)
    return fake


@pytest.mark.parametrize(("rows", "message"), [
    ([["مسلح", "GUNMEN", "3"]], "unknown sector 'GUNMEN'"),
    ([["مسلح", "UAF", "three"]], "rank 'three' is not a number"),
    ([["مسلح", "UAF", "3", "Iraq"]], "not an ISO 3166-1 alpha-3 code"),
    ([["مسلح", "UAF", "3"], ["مسلح", "CVL", "3"]], "listed twice with different codes"),
    ([["رجل من رجال الأمن العام", "COP", "3"]], "more than 3 words"),
])
def test_a_bad_sector_row_is_named(monkeypatch: pytest.MonkeyPatch, rows: list[list[str]],
                                   message: str) -> None:
    monkeypatch.setattr(T, "_rows", _fake_rows(rows))
    with pytest.raises(ModelError, match=message) as err:
        T._load_sectors(T.ActorTables())
    assert "marsad/data/actors/sectors.tsv:2" in str(err.value)


def test_a_bad_actor_row_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(T, "_rows", _fake_rows([["بوتين", "PERSON", "RUS", "GOV"]]))
    with pytest.raises(ModelError, match="actors.tsv:20: type 'PERSON'"):
        T._load_known(T.ActorTables())
