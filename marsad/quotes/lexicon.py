"""The quotes stage's word lists, read once from ``marsad/data/quotes/*.tsv``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import ModelError

CONJUNCTIONS = ("و", "ف")


@dataclass(frozen=True)
class Cue:
    form: str
    lemma: str
    role: str  # verb | participle | source
    complement: str  # that | noun | any | call | about
    kinds: frozenset[str]


@dataclass(frozen=True)
class QuoteLexicon:
    cues: dict[str, Cue]
    classes: dict[str, frozenset[str]] = field(default_factory=dict)

    def cue(self, norm: str) -> Cue | None:
        """The cue a normalised token is, after stripping up to two conjunctions."""
        for form in strip_conjunctions(norm):
            cue = self.cues.get(form)
            if cue is not None:
                return cue
        return None

    def is_(self, norm: str, cls: str) -> bool:
        """Whether a normalised token (or the token less its conjunctions) is in ``cls``."""
        return any(cls in self.classes.get(form, ()) for form in strip_conjunctions(norm))


def strip_conjunctions(norm: str) -> Iterator[str]:
    """``norm`` itself, then less a leading و/ف, then less two (وف)."""
    yield norm
    rest = norm
    for _ in range(2):
        if len(rest) > 2 and rest[0] in CONJUNCTIONS:
            rest = rest[1:]
            yield rest
        else:
            return


def _rows(name: str) -> Iterator[list[str]]:
    path = resources.files("marsad") / "data" / "quotes" / name
    if not path.is_file():
        raise ModelError("lexicon file missing", where=f"marsad/data/quotes/{name}")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def load_quote_lexicon() -> QuoteLexicon:
    cues: dict[str, Cue] = {}
    for row in _rows("cues.tsv"):
        form, lemma, role, complement, kinds = row[:5]
        cues[form] = Cue(form, lemma, role, complement, frozenset(kinds.split(",")))
    classes: dict[str, set[str]] = {}
    for row in _rows("words.tsv"):
        classes.setdefault(row[0], set()).add(row[1])
    return QuoteLexicon(cues, {k: frozenset(v) for k, v in classes.items()})
