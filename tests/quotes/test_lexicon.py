"""The cue and word lists are well-formed data."""

from __future__ import annotations

from importlib import resources

from marsad.quotes.lexicon import load_quote_lexicon
from marsad.text import normalize


def test_every_cue_is_normalised_and_well_formed() -> None:
    lex = load_quote_lexicon()
    assert len(lex.cues) > 100
    for form, cue in lex.cues.items():
        assert normalize(form) == form, form
        assert cue.role in {"verb", "participle", "source"}, form
        assert cue.complement in {"that", "noun", "any", "call", "about"}, form
        assert cue.kinds <= {"direct", "indirect"} and cue.kinds, form


def test_the_files_say_where_they_come_from() -> None:
    for name in ("cues.tsv", "words.tsv"):
        text = (resources.files("marsad") / "data" / "quotes" / name).read_text(encoding="utf-8")
        assert text.startswith("# ") and "by hand" in text.splitlines()[0] + text.splitlines()[1]


def test_cues_match_with_conjunctions() -> None:
    lex = load_quote_lexicon()
    for surface, lemma in (("وقال", "قال"), ("فأضاف", "اضاف"), ("وأكدت", "اكد"), ("ووفق", "")):
        cue = lex.cue(normalize(surface))
        assert cue is not None and cue.lemma == lemma, surface
    assert lex.cue(normalize("والقول")) is None
    assert lex.is_(normalize("وبأن"), "complementiser")
