"""Stream a Wikidata JSON dump, one entity at a time, in constant memory.

The dump format (https://www.wikidata.org/wiki/Wikidata:Database_download): a JSON array
written one entity per line, each line but the last ending with a comma::

    [
    {"type":"item","id":"Q42","labels":{...},"aliases":{...},"claims":{...},...},
    {"type":"item","id":"Q64",...}
    ]

``.json``, ``.json.gz`` and ``.json.bz2`` files are read (the compression is recognised
by the file's first bytes, whatever its name). Only what the entity store needs is kept:
the id, Arabic and English labels and aliases, the instance-of (P31) classes, the number
of sitelinks (a measure of how well known the entity is), the countries an item belongs
to (P27 country of citizenship, P17 country) and, for a country, its ISO 3166-1 alpha-3
code (P298), from which the actor codes of the items that name it are read.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, MalformedInputError

LANGS = ("ar", "en")


@dataclass(frozen=True)
class WikidataItem:
    id: str
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    instance_of: tuple[str, ...] = ()
    sitelinks: int = 0
    countries: tuple[str, ...] = ()  # item ids of P27 (citizenship) then P17 (country)
    iso3: str | None = None  # P298, on a country's own item

    def names(self, lang: str) -> list[str]:
        """The label then the aliases in ``lang``, without repeats."""
        out: list[str] = []
        label = self.labels.get(lang)
        if label:
            out.append(label)
        for alias in self.aliases.get(lang, ()):
            if alias not in out:
                out.append(alias)
        return out


def open_dump(path: str | Path) -> IO[str]:
    """A text stream over a plain, gzip or bzip2 dump."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", where=str(p))
    with p.open("rb") as f:
        magic = f.read(3)
    if magic[:2] == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(p, "rb"), encoding="utf-8")
    if magic == b"BZh":
        return io.TextIOWrapper(bz2.open(p, "rb"), encoding="utf-8")
    return p.open(encoding="utf-8")


def parse_entity(data: dict[str, Any]) -> WikidataItem:
    labels = {lang: v["value"] for lang, v in (data.get("labels") or {}).items()
              if lang in LANGS and isinstance(v, dict) and v.get("value")}
    aliases = {lang: tuple(a["value"] for a in vals if isinstance(a, dict) and a.get("value"))
               for lang, vals in (data.get("aliases") or {}).items() if lang in LANGS}
    claims = data.get("claims") or {}
    countries = [q for prop in ("P27", "P17") for q in _claim_values(claims, prop)]
    iso3 = next((v for v in _claim_values(claims, "P298") if len(v) == 3), None)
    return WikidataItem(str(data["id"]), labels, aliases, tuple(_claim_values(claims, "P31")),
                        len(data.get("sitelinks") or {}), tuple(dict.fromkeys(countries)),
                        iso3.upper() if iso3 else None)


def _claim_values(claims: dict[str, Any], prop: str) -> list[str]:
    """The item ids (or strings) a property's claims point to, in order."""
    out: list[str] = []
    for claim in claims.get(prop, ()):
        try:
            value = claim["mainsnak"]["datavalue"]["value"]
        except (KeyError, TypeError):
            continue
        found = value.get("id") if isinstance(value, dict) else value
        if isinstance(found, str) and found:
            out.append(found)
    return out


def iter_wikidata(path: str | Path, *, errors: str = "raise",
                  bad_lines: list[int] | None = None) -> Iterator[WikidataItem]:
    """Every entity of the dump, in order.

    A line that is not valid entity JSON raises ``MalformedInputError`` naming the file
    and line; with ``errors="skip"`` it is skipped and its number appended to ``bad_lines``.
    """
    with open_dump(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line.endswith(","):
                line = line[:-1]
            if not line or line in ("[", "]"):
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict) or "id" not in data:
                    raise ValueError("not an entity object")
                item = parse_entity(data)
            except (ValueError, KeyError, TypeError) as e:
                if errors == "skip":
                    if bad_lines is not None:
                        bad_lines.append(n)
                    continue
                raise MalformedInputError(f"line {n}: not a Wikidata entity ({e})",
                                          where=str(path)) from e
            yield item
