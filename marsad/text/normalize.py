"""Arabic normalisation for matching.

The normalised form lives beside the original text, never instead of it.
``normalize`` gives the matching form of a string; ``normalize_with_offsets`` also gives,
for each character of the normalised form, the index of the original character it came
from, so that a match found in normalised text maps back to an exact original span.

What is folded (each choice is the usual one for Arabic search and NER):
- hamza and madda on alef (أ إ آ ٱ) -> bare alef ا; hamza on waw/ya (ؤ ئ) -> و ي;
- ta marbuta ة -> ه; alef maqsura ى -> ي;
- diacritics (tashkeel, U+064B-U+065F, U+0670 superscript alef) and tatweel ـ are dropped;
- Eastern Arabic (٠-٩) and Persian (۰-۹) digits -> ASCII digits;
- Persian/Urdu letters (ک ی گ پ چ ڤ) -> their Arabic counterparts (ك ي ك ب ج ف);
- zero-width and bidi control characters are dropped;
- Latin letters are lower-cased.
"""

from __future__ import annotations

import re

_FOLD: dict[int, str] = {}
for _src, _dst in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ک": "ك", "ی": "ي", "ۍ": "ي", "ې": "ي", "گ": "ك", "پ": "ب", "چ": "ج", "ڤ": "ف", "ڨ": "ق",
    "ھ": "ه", "ۀ": "ه",
}.items():
    _FOLD[ord(_src)] = _dst
for _i in range(10):
    _FOLD[0x0660 + _i] = str(_i)
    _FOLD[0x06F0 + _i] = str(_i)
for _c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _FOLD[ord(_c)] = _c.lower()

# Characters removed from the matching form.
_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x06E1}  # harakat, superscript alef, tatweel
_DROP |= {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x061C, 0x00AD}
_DROP |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))

_TABLE: dict[int, str | None] = dict(_FOLD)
for _cp in _DROP:
    _TABLE[_cp] = None

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")


def normalize(text: str) -> str:
    """The matching form of ``text`` (see the module docstring for what is folded)."""
    return text.translate(_TABLE)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The matching form and, for each of its characters, the index it came from.

    ``offsets`` has one extra entry at the end, ``len(text)``, so that a half-open match
    ``norm[i:j]`` maps back to ``text[offsets[i]:offsets[j-1] + 1]`` or, simply,
    ``text[offsets[i]:end_offset(offsets, j)]``.
    """
    chars: list[str] = []
    offsets: list[int] = []
    table = _TABLE
    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp in table:
            repl = table[cp]
            if repl is None:
                continue
            chars.append(repl)
        else:
            chars.append(ch)
        offsets.append(i)
    offsets.append(len(text))
    return "".join(chars), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of the normalised form back to the original text."""
    if end <= start:
        pos = offsets[start]
        return pos, pos
    return offsets[start], offsets[end - 1] + 1


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel only, keeping letters as written."""
    return "".join(ch for ch in text if ord(ch) not in _DROP)


def arabic_ratio(text: str) -> float:
    """The share of letters in ``text`` that are Arabic (0 when there are no letters)."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    return len(ARABIC_LETTER.findall(text)) / letters
