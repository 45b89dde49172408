"""The NER lexicons shipped in ``marsad/ner/data``: the gazetteer and the cue words."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..text import normalize


@dataclass(frozen=True)
class Lexicons:
    words: dict[str, tuple[str, ...]]  # normalised single word -> gazetteer labels
    phrases: dict[str, tuple[str, ...]]  # normalised multi-word phrase -> labels
    phrase_len: dict[str, int]  # first word of a phrase -> longest phrase length
    cues: dict[str, tuple[str, ...]]  # normalised cue word -> cue labels


def _rows(name: str) -> Iterator[tuple[str, str]]:
    text = (resources.files("marsad.ner") / "data" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            form, _, labels = line.partition("\t")
            yield form, labels


def load_lexicons() -> Lexicons:
    words: dict[str, set[str]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    phrase_len: dict[str, int] = {}
    for form, labels in _rows("gazetteer.tsv"):
        parts = form.split(" ")
        if len(parts) == 1:
            words.setdefault(form, set()).update(labels.split(","))
        else:
            phrases[form] = tuple(labels.split(","))
            phrase_len[parts[0]] = max(phrase_len.get(parts[0], 0), len(parts))
    cues: dict[str, set[str]] = {}
    for form, label in _rows("cues.tsv"):
        cues.setdefault(normalize(form), set()).add(label)
    return Lexicons(
        words={k: tuple(sorted(v)) for k, v in words.items()},
        phrases=phrases,
        phrase_len=phrase_len,
        cues={k: tuple(sorted(v)) for k, v in cues.items()},
    )
