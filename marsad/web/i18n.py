"""The pages in Arabic or in English: the language switch and the words of each page.

Arabic is the default. ``?lang=en`` (or ``?lang=ar``) chooses a language and a cookie
keeps the choice for the next pages. In English every label, entity name, event type and
table is English; article text stays Arabic (marked ``lang="ar"``), with English names on
hover. A name with no English form is shown in Arabic, marked as Arabic.

The words are data: ``labels.tsv`` beside this module, one key a line with its Arabic
and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

LANGS = ("ar", "en")
COOKIE = "marsad_lang"
# Unicode isolates: a name inside a tip keeps its own direction whatever surrounds it
FSI, PDI = "\u2068", "\u2069"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"ar": {}, "en": {}}
    path = Path(__file__).with_name("labels.tsv")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"{path}:{n}: want key, Arabic and English separated by tabs")
        key, ar, en = parts
        out["ar"][key], out["en"][key] = ar, en
    return out


def _get(item: Any, key: str) -> Any:
    """A field of an entity given as a dict (API rows) or as an object (``StoredEntity``)."""
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def isolate(text: str) -> str:
    """``text`` between bidi isolates, for plain-text places (tips, SVG titles)."""
    return f"{FSI}{text}{PDI}"


@dataclass(frozen=True)
class Lang:
    """One language of the pages: its words and how it shows names."""

    code: str

    @property
    def dir(self) -> str:
        return "rtl" if self.code == "ar" else "ltr"

    @property
    def en(self) -> bool:
        return self.code == "en"

    @property
    def other(self) -> str:
        return "ar" if self.en else "en"

    @property
    def arrow(self) -> str:
        """From source to target, as it reads in this direction."""
        return "→" if self.en else "←"

    def t(self, key: str, **values: Any) -> str:
        text = labels()[self.code].get(key)
        if text is None:
            raise KeyError(f"no label {key!r} in labels.tsv")
        return text.format(**values) if values else text

    def event_type(self, code: str | None) -> str:
        return self.t(f"event.{code}") if code and f"event.{code}" in labels()[self.code] else code or ""

    def entity_type(self, code: str | None) -> str:
        return self.t(f"etype.{code}") if code and f"etype.{code}" in labels()[self.code] else code or ""

    def quote_kind(self, kind: str | None) -> str:
        key = f"quote.{kind}"
        return self.t(key) if kind and key in labels()[self.code] else kind or ""

    def role(self, role: str | None) -> str:
        key = f"role.{role}"
        return self.t(key) if role and key in labels()[self.code] else role or ""

    def plain_name(self, item: Any) -> str:
        """The name to write in plain text (tips, SVG labels): English in English mode when
        there is one, else the Arabic."""
        if not item:
            return self.t("tip.unknown")
        name = str(_get(item, "name") or _get(item, "id") or "")
        if self.en and _get(item, "name_en"):
            return str(_get(item, "name_en"))
        return name

    def name(self, item: Any) -> Markup:
        """An entity's name as markup: in English mode its English name, or its Arabic
        name marked as Arabic; in Arabic mode the Arabic name. Isolated either way, so a
        name never reorders what surrounds it."""
        if not item:
            return Markup(f"<bdi>{escape(self.t('tip.unknown'))}</bdi>")
        name = _get(item, "name") or _get(item, "id") or ""
        if self.en and _get(item, "name_en"):
            return Markup(f'<bdi lang="en">{escape(_get(item, "name_en"))}</bdi>')
        if self.en:
            return Markup(f'<bdi lang="ar" dir="rtl">{escape(name)}</bdi>')
        return Markup(f"<bdi>{escape(name)}</bdi>")

    def both_names(self, item: Any) -> str:
        """For a tip: the name in this language, then the other form in parentheses."""
        name, name_en = _get(item, "name") or "", _get(item, "name_en")
        if not name_en:
            return isolate(name)
        if self.en:
            return f"{isolate(name_en)} ({isolate(name)})"
        return f"{isolate(name)} ({isolate(name_en)})"


_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def has_arabic(text: str | None) -> bool:
    return bool(text and _ARABIC_LETTER.search(text))


def data_text(text: Any) -> Markup:
    """A piece of stored text (a title, an outlet, a sentence) isolated, and marked as
    Arabic when it is, whatever the page's language."""
    if text is None or text == "":
        return Markup("")
    value = str(text)
    if has_arabic(value):
        return Markup(f'<bdi lang="ar" dir="rtl">{escape(value)}</bdi>')
    return Markup(f"<bdi>{escape(value)}</bdi>")


ARABIC = Lang("ar")
ENGLISH = Lang("en")


def choose(query_value: str | None, cookie_value: str | None) -> Lang:
    """The language asked for by ``?lang=``, else the cookie, else Arabic."""
    for value in (query_value, cookie_value):
        if value in LANGS:
            return ENGLISH if value == "en" else ARABIC
    return ARABIC
