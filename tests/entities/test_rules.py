"""The entity rules' word lists: read from data files, normalised, errors that name the file."""

from __future__ import annotations

import pytest

from marsad.entities import load_rules
from marsad.entities.rules import ROLES, parse_rules
from marsad.errors import ModelError


def test_every_role_has_words_in_their_matching_form() -> None:
    rules = load_rules()
    assert "وكاله" in rules.outlet_heads  # وكالة, ta marbuta folded
    assert "الي" in rules.locative_cues  # إلى
    assert "ال" in rules.name_links  # آل
    assert {"الله", "الدين"} == set(rules.compound_last)


def test_each_role_fills_its_own_list() -> None:
    for role in ROLES:
        rules = parse_rules(f"{role}\tكلمة\n", "")
        filled = [name for name, value in vars(rules).items()
                  if isinstance(value, frozenset) and value]
        assert len(filled) == 1 and getattr(rules, filled[0]) == {"كلمه"}, role


def test_verb_shapes_keep_verbs_from_being_names() -> None:
    rules = load_rules()
    assert rules.verb_shaped("استقبل") and rules.verb_shaped("يبحث")
    assert not rules.verb_shaped("بيسكوف")


def test_a_bad_line_names_the_file_and_line() -> None:
    with pytest.raises(ModelError) as err:
        parse_rules("# comment\nloc_head\tجبل\nnot_a_role\tكلمة\n", "")
    assert "line 3" in str(err.value) and "words.tsv" in str(err.value)
    with pytest.raises(ModelError) as err:
        parse_rules("", "^(unclosed\n")
    assert "verb_shapes.txt" in str(err.value)
