"""Reading and writing CoNLL files: one token per line, a blank line between sentences.

The token is the first whitespace-separated column; the tag, when there is one, the second.
Odd lines are tolerated: a token with two tags keeps the first valid one, and tags of
other schemes are mapped to the ANERcorp types (``GPE``/``FAC`` -> ``LOC``, ``NORP`` ->
``MISC``, ``PER`` -> ``PERS``); any other type becomes ``O``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

TYPES = ("PERS", "ORG", "LOC", "MISC")
_TYPE_MAP = {"PERS": "PERS", "PER": "PERS", "PERSON": "PERS", "ORG": "ORG", "LOC": "LOC",
             "GPE": "LOC", "FAC": "LOC", "MISC": "MISC", "NORP": "MISC"}


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]


def clean_tag(raw: str) -> str | None:
    """The ANERcorp form of a BIO tag, ``O`` for other types, None when it is no tag."""
    if raw == "O":
        return "O"
    prefix, sep, label = raw.partition("-")
    if not sep or prefix not in ("B", "I"):
        return None
    mapped = _TYPE_MAP.get(label.upper())
    return f"{prefix}-{mapped}" if mapped else "O"


def parse_line(line: str) -> tuple[str, str]:
    """(token, tag) of a non-blank line; the tag is ``O`` when absent or unreadable."""
    cols = line.split()
    tag = "O"
    for raw in cols[1:]:
        cleaned = clean_tag(raw)
        if cleaned is not None:
            tag = cleaned
            break
    return cols[0], tag


def iter_sentences(lines: Iterable[str]) -> Iterator[Sentence]:
    tokens: list[str] = []
    tags: list[str] = []
    for line in lines:
        if not line.strip():
            if tokens:
                yield Sentence(tokens, tags)
                tokens, tags = [], []
            continue
        token, tag = parse_line(line)
        tokens.append(token)
        tags.append(tag)
    if tokens:
        yield Sentence(tokens, tags)


def read_conll(path: str | Path) -> list[Sentence]:
    """Every sentence of a CoNLL file, with its tags repaired to valid BIO."""
    try:
        with open(path, encoding="utf-8") as f:
            sentences = list(iter_sentences(f))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read CoNLL file: {e}", where=str(path)) from e
    for sent in sentences:
        sent.tags = repair_bio(sent.tags)
    return sentences


def repair_bio(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that opens an entity into ``B-X`` (conlleval reads it so anyway)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def format_conll(sentences: Iterable[Sentence]) -> str:
    """CoNLL text: ``token<TAB>tag`` lines, a blank line after each sentence."""
    parts: list[str] = []
    for sent in sentences:
        parts.extend(f"{tok}\t{tag}" for tok, tag in zip(sent.tokens, sent.tags, strict=True))
        parts.append("")
    return "\n".join(parts) + ("\n" if parts else "")
