"""The real-news gold corpus: articles drawn from SaudiNewsNet, joined by record number.

SaudiNewsNet is CC BY-NC-SA, so the project ships no text from it: a gold line holds the
record number, the URL and a SHA-1 of the text, and the text is read from
``../shared/data/corpus/saudinewsnet.jsonl.gz`` when the scorer runs. ``units`` cuts an
article into the numbered sentence-like pieces the annotators point into; it is a few
plain rules on punctuation, independent of Marsad's own sentence splitter, so that gold
sentences do not borrow the system's boundaries.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

_ROOT = Path(__file__).resolve().parents[2]
CORPUS_ENV = "MARSAD_SAUDINEWSNET"
"""Environment variable naming the corpus file, when it is not in ../shared."""


def corpus_path() -> Path:
    """Where SaudiNewsNet is: $MARSAD_SAUDINEWSNET, else ../shared beside the checkout."""
    env = os.environ.get(CORPUS_ENV)
    if env:
        return Path(env)
    return _ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet.jsonl.gz"


def corpus_available() -> bool:
    return corpus_path().is_file()


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Record:
    """One corpus article, addressed by its 0-based line number in the corpus file."""

    record: int
    source: str
    url: str
    published: str | None
    title: str
    text: str

    @property
    def key(self) -> str:
        return f"snn-{self.record}"


def read_records(numbers: Iterable[int] | None = None, path: Path | None = None) -> dict[int, Record]:
    """The records with these line numbers (all of them when ``numbers`` is None)."""
    path = path or corpus_path()
    if not path.is_file():
        raise ConfigError(f"SaudiNewsNet not found (set {CORPUS_ENV})", where=str(path))
    wanted = None if numbers is None else set(numbers)
    out: dict[int, Record] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            if wanted is not None and number not in wanted:
                continue
            rec = json.loads(line)
            out[number] = Record(number, rec.get("source") or "", rec.get("url") or "",
                                 rec.get("published"), rec.get("title") or "",
                                 rec.get("text") or "")
            if wanted is not None and len(out) == len(wanted):
                break
    return out


_UNIT_END = re.compile(r"[.!?؟]+(?=\s)|\n+")


def units(text: str) -> list[tuple[int, int]]:
    """Sentence-like pieces: text up to . ! ? ؟ followed by white space, or a line break.

    Returned as (start, end) with surrounding white space trimmed; empty pieces are
    dropped. A decimal point (3.5) is not followed by white space, so it does not cut.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _UNIT_END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        _add_unit(text, start, end, out)
        start = m.end()
    _add_unit(text, start, len(text), out)
    return out


def _add_unit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def unit_of(offset: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= offset < e:
            return (s, e)
    return None


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The lines of a gold JSONL file."""
    from ..errors import InputError

    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"cannot read gold file: {e.strerror}", where=str(path)) from e
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise InputError(f"line {number}: not JSON ({e.msg})", where=str(path)) from e
    return out


def join_text(items: list[dict[str, Any]], path: Path | None = None) -> dict[int, Record]:
    """The corpus records the gold items point to, each checked against its SHA-1."""
    from ..errors import InputError

    records = read_records([int(it["record"]) for it in items], path)
    for it in items:
        rec = records.get(int(it["record"]))
        if rec is None or text_sha1(rec.text) != it["sha1"]:
            raise InputError(f"{it['id']}: the corpus text differs from the one annotated "
                             "(record missing or SHA-1 mismatch)", where=str(path or corpus_path()))
    return records
