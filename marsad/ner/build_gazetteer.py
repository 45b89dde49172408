"""Compile ``marsad/ner/data/gazetteer.tsv`` from the shared gazetteers (build time only).

    python -m marsad.ner.build_gazetteer [--shared ../shared] [--out marsad/ner/data/gazetteer.tsv]

Sources (see MODEL_CARD.md for their licences): world-cities (Wikidata, CC BY 4.0),
arabic-names (MIT), wikidata-name-tokens (CC0 1.0), the Arabic country names of babel's
CLDR data (Unicode licence), and the project's own tables of organisations and Saudi and
Yemeni regions (``marsad/data/orgs/``, ``admin_places.tsv``). Forms are normalised with
``marsad.text.normalize``. Labels: ``first`` and ``last`` (Arabic person names), ``name`` /
``name1`` (person-name tokens seen at least twice / once in Wikidata), ``country``,
``city``, ``org`` / ``org2`` (a known organisation; org2: also an ordinary word). Multi-word
entries are kept as phrases (words separated by one space).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

from ..text import normalize

_ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3 ]+$")
_PLACE_HEADS = ("ولاية ", "محافظة ", "مدينة ", "منطقة ", "إقليم ", "مقاطعة ", "بلدية ", "جزيرة ")
_FIRST_FILES = ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt")


def _norm(text: str) -> str:
    return " ".join(normalize(text).split())


def _add(entries: dict[str, set[str]], form: str, label: str) -> None:
    form = _norm(form)
    if form and _ARABIC_WORD.match(form) and len(form.replace(" ", "")) >= 2:
        entries[form].add(label)


def _names(shared: Path, entries: dict[str, set[str]]) -> None:
    base = shared / "data/gazetteers/arabic-names"
    for name in _FIRST_FILES:
        for line in (base / name).read_text(encoding="utf-8-sig").splitlines():
            _add(entries, line, "first")
    for line in (base / "last-names-in-arabic.txt").read_text(encoding="utf-8-sig").splitlines():
        _add(entries, line, "last")
    with open(base / "200-Arabic-Names-UTF8.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            _add(entries, row.get("Male") or "", "first")
            _add(entries, row.get("Female") or "", "first")
            _add(entries, row.get("Lastname") or "", "last")


def _stopwords() -> set[str]:
    path = Path(__file__).parent / "data" / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return {_norm(line) for line in lines if line.strip() and not line.startswith("#")}


def _wikidata_tokens(shared: Path, entries: dict[str, set[str]]) -> None:
    stop = _stopwords()
    path = shared / "data/gazetteers/wikidata-name-tokens/wd_arabic.normalized.aligned.tokens"
    counts: dict[str, int] = defaultdict(int)
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[2].strip().isdigit():
            counts[_norm(cols[1].replace(" ", ""))] += int(cols[2])
    for form, n in counts.items():
        if form in stop or len(form) < 3:
            continue
        _add(entries, form, "name" if n >= 2 else "name1")


def _places(shared: Path, entries: dict[str, set[str]]) -> None:
    with open(shared / "data/gazetteers/world-cities/world-cities.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            _add(entries, row["CountryNameAr"], "country")
            city = row["CityNameAr"].strip()
            _add(entries, city, "city")
            for head in _PLACE_HEADS:
                if city.startswith(head):
                    _add(entries, city[len(head):], "city")
    from babel import Locale

    for code, name in Locale("ar").territories.items():
        if code.isalpha():  # skip UN M.49 regions such as 001 (world)
            _add(entries, name, "country")


def _package_tables(entries: dict[str, set[str]]) -> None:
    """The project's own hand-written tables: known organisations, media, clubs, companies
    and bodies (``org``; ``org2`` for forms that are also ordinary words: الهلال, اليوم),
    and Saudi and Yemeni regions and governorates (``city``)."""
    from ..lexicons.tables import ORG_TABLES

    data = Path(__file__).resolve().parents[1] / "data"
    for name in ORG_TABLES:
        for line in (data / "orgs" / name).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 5:
                continue
            _add(entries, cols[0], "org" if cols[4] == "strong" else "org2")
    admin = data / "gazetteer" / "admin_places.tsv"
    for line in admin.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) >= 2:
            _add(entries, cols[0], "city")


def build(shared: Path) -> dict[str, set[str]]:
    entries: dict[str, set[str]] = defaultdict(set)
    _names(shared, entries)
    _wikidata_tokens(shared, entries)
    _places(shared, entries)
    _package_tables(entries)
    return entries


def write(entries: dict[str, set[str]], out: Path) -> None:
    header = (
        "# Marsad NER gazetteer, compiled by marsad/ner/build_gazetteer.py from world-cities\n"
        "# (Wikidata, CC BY 4.0), arabic-names (MIT), wikidata-name-tokens (CC0 1.0),\n"
        "# babel/CLDR Arabic territory names (Unicode licence) and Marsad's own organisation\n"
        "# and region tables. form<TAB>labels (comma-separated)\n"
    )
    lines = [f"{form}\t{','.join(sorted(labels))}" for form, labels in sorted(entries.items())]
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[2]
    parser.add_argument("--shared", type=Path, default=root / ".." / "shared")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "gazetteer.tsv")
    args = parser.parse_args()
    entries = build(args.shared)
    write(entries, args.out)
    print(f"{len(entries)} entries -> {args.out}")


if __name__ == "__main__":
    main()
