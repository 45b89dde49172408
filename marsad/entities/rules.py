"""The word lists of the entity rules, read once from ``marsad/entities/data/``.

``words.tsv`` holds every Arabic word the rules treat specially, by role (outlet words,
locative cues, heads of geographic features and military units, name links, regnal
numbers...); ``verb_shapes.txt`` the verb patterns that keep unknown words from being read
as names. Each file says where its words come from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ModelError
from ..text import normalize

ROLES = ("outlet_head", "outlet_cue", "locative_cue", "loc_head", "unit_head", "name_link",
         "name_compound", "compound_first", "compound_last", "regnal", "not_before_name",
         "sport_cue", "outlet_after", "patron")


@dataclass(frozen=True)
class Rules:
    outlet_heads: frozenset[str]
    outlet_cues: frozenset[str]
    locative_cues: frozenset[str]
    loc_heads: frozenset[str]
    unit_heads: frozenset[str]
    name_links: frozenset[str]
    name_compounds: frozenset[str]
    compound_first: frozenset[str]
    compound_last: frozenset[str]
    regnal: frozenset[str]
    not_before_name: frozenset[str]
    sport_cues: frozenset[str]
    outlet_after: frozenset[str]
    patrons: frozenset[str]
    verb_shapes: tuple[re.Pattern[str], ...]

    def verb_shaped(self, form: str) -> bool:
        return any(p.match(form) for p in self.verb_shapes)


def _read(name: str) -> str:
    path = resources.files("marsad.entities") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise ModelError(f"cannot read the entity rules {name}: {e}", where=str(path)) from e


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def parse_rules(words_text: str, shapes_text: str, *,
                where: str = "marsad/entities/data/") -> Rules:
    """The rules from the text of ``words.tsv`` and ``verb_shapes.txt``; a bad line is a
    ``ModelError`` naming the file and line."""
    words: dict[str, set[str]] = {role: set() for role in ROLES}
    for lineno, line in _lines(words_text):
        cols = line.split("\t")
        if len(cols) != 2 or cols[0] not in words or not cols[1].strip():
            raise ModelError(f"line {lineno}: expected a known role and a form",
                             where=where + "words.tsv")
        words[cols[0]].add(normalize(cols[1].strip()))
    shapes = []
    for lineno, line in _lines(shapes_text):
        try:
            shapes.append(re.compile(line.strip()))
        except re.error as e:
            raise ModelError(f"line {lineno}: bad pattern ({e})",
                             where=where + "verb_shapes.txt") from e
    sets = {role: frozenset(forms) for role, forms in words.items()}
    return Rules(
        outlet_heads=sets["outlet_head"], outlet_cues=sets["outlet_cue"],
        locative_cues=sets["locative_cue"], loc_heads=sets["loc_head"],
        unit_heads=sets["unit_head"], name_links=sets["name_link"],
        name_compounds=sets["name_compound"], compound_first=sets["compound_first"],
        compound_last=sets["compound_last"], regnal=sets["regnal"],
        not_before_name=sets["not_before_name"], sport_cues=sets["sport_cue"],
        outlet_after=sets["outlet_after"], patrons=sets["patron"], verb_shapes=tuple(shapes))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The entity rules' word lists (loaded once per process)."""
    return parse_rules(_read("words.tsv"), _read("verb_shapes.txt"))
