"""The compiled gazetteer: how it loads, and that the build reproduces it."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

import marsad.lexicons.compile as compile_mod
from marsad.lexicons.tables import Lexicons, _load_places, load_lexicons

from ..conftest import SHARED

DATA = Path(compile_mod.__file__).resolve().parents[1] / "data" / "gazetteer"


def test_places_load_with_the_tokenizer_they_were_keyed_with() -> None:
    lex = load_lexicons()
    assert lex.places["موسكو"][0].name_en == "Moscow"
    assert lex.places["ليبيا"][0].kind == "country"
    header = (DATA / "places.tsv").read_text(encoding="utf-8")[:2000]
    assert "tokenizer-lexicon:" in header


def test_stale_keys_are_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the tokenizer's word lists change after the build, loading re-keys the
    places (slower, still correct) instead of matching with stale keys."""
    monkeypatch.setattr(compile_mod, "tokenizer_fingerprint", lambda: "changed")
    fresh = Lexicons()
    _load_places(fresh)
    assert fresh.places.keys() == load_lexicons().places.keys()


def test_particle_collisions_are_not_keys() -> None:
    """كالدول (Caldwell) must not be matched as الدول (the states)."""
    lex = load_lexicons()
    assert "الدول" not in lex.places
    assert lex.place_forms.get("بكين") or lex.places.get("بكين")  # Beijing by its name


@pytest.mark.slow
def test_the_build_is_reproducible(tmp_path: Path) -> None:
    if not (SHARED / "data" / "gazetteers").is_dir():
        pytest.skip("../shared/data/gazetteers is not present")
    out = tmp_path / "gazetteer"
    compile_mod.build_all(SHARED, out)
    for name in ("places.tsv", "name_tokens.tsv", "arabic_names.tsv"):
        assert filecmp.cmp(out / name, DATA / name, shallow=False), name
