"""The learned romaniser: its shipped model, its training code on pairs written for the test."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from marsad.errors import ModelError
from marsad.linking.romanizer import Romanizer, default_romanizer, parse_model
from marsad.linking.train_romanizer import (
    Pair,
    arabic_style,
    best_alignment,
    em,
    train,
    write_model,
)


def test_the_shipped_model_spells_gulf_names_in_newsroom_letters() -> None:
    model = default_romanizer()
    assert model is not None
    best = model.spell("قحطاني", 3)[0].text
    assert best.startswith("q") and "kh" not in best  # ق is q, not k or g
    assert model.spell("شهري", 1)[0].text == "shahri"
    assert model.spell("خالد", 1)[0].text in ("khalid", "khaled")


def test_a_spelling_the_letters_cannot_give_is_impossible() -> None:
    model = default_romanizer()
    assert model is not None
    assert model.score("ثبيتي", "otaibi") == -math.inf  # someone else's name
    assert model.score("ثبيتي", "thubaiti") > -math.inf
    assert model.spell("Ahmed", 1) == []  # not Arabic letters


# Pairs written for this test: a toy "Wikidata" of Arabic names and their spellings.
PAIRS = [("سالم", "salem"), ("سالم", "salim"), ("سعيد", "saeed"), ("سعد", "saad"),
         ("ماجد", "majed"), ("مجدي", "magdi"), ("حامد", "hamed"), ("حمد", "hamad"),
         ("محمد", "mohammed"), ("حسن", "hassan"), ("حسين", "hussein"), ("خالد", "khalid"),
         ("خليل", "khalil"), ("جمال", "jamal"), ("جميل", "jamil"), ("نادر", "nader"),
         ("ناصر", "nasser"), ("صالح", "saleh"), ("صلاح", "salah"), ("طلال", "talal"),
         ("طارق", "tariq"), ("قاسم", "qassem"), ("عادل", "adel"), ("عمر", "omar"),
         ("غراهام", "graham"), ("جورج", "george"), ("بول", "paul")]


def test_training_is_deterministic_and_keeps_arabic_style_pairs(tmp_path: Path) -> None:
    pairs = [Pair(a, e, 1.0) for a, e in PAIRS]
    theta = em(pairs, rounds=4)
    units = best_alignment(Pair("خالد", "khalid", 1.0), theta)
    assert units is not None and "".join(u.split("|")[1] for u in units) == "khalid"
    assert [u.split("|")[0] for u in units] == list("خالد")
    # غ as g and ب as p are how foreign names are written in Arabic, not Arabic names
    graham = ["غ|g", "ر|r", "ا|a", "ه|h", "ا|a", "م|m"]
    assert not arabic_style(Pair("غراهام", "graham", 1.0), graham)
    assert arabic_style(Pair("غالب", "ghaleb", 1.0), ["غ|gh", "ا|a", "ل|le", "ب|b"])
    assert not arabic_style(Pair("بول", "paul", 1.0), ["ب|pa", "و|u", "ل|l"])
    first = tmp_path / "a.tsv"
    second = tmp_path / "b.tsv"
    for out in (first, second):
        counts, choices, kept = train(pairs, 3)
        write_model(counts, choices, out, kept=kept, order=3)
    assert first.read_bytes() == second.read_bytes()
    assert kept < len(pairs)  # george and paul (p, no Arabic-only letter) are left out
    model = Romanizer.load(first)
    assert model.order == 3 and "س" in model.choices  # spellings seen twice or more kept


def test_a_bad_model_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("ngram\tx\n", encoding="utf-8")
    with pytest.raises(ModelError) as err:
        Romanizer.load(bad)
    assert "bad.tsv" in str(err.value)
    with pytest.raises(ModelError):
        parse_model("# only a comment\n", where="empty")
