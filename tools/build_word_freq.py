"""Build the clitic lexicon from ../shared.

    python tools/build_word_freq.py ../shared/data/ner/anercorp-camel-train.conll \
        [--names ../shared/data/gazetteers/wikidata-name-tokens/wd_arabic.normalized.aligned.tokens]
        [--places ../shared/data/gazetteers/world-cities/world-cities.csv]

Writes marsad/data/lexicon/word_freq.tsv (ANERcorp word counts) and, with --names,
marsad/data/lexicon/name_tokens.tsv (Arabic name tokens from Wikidata with their counts),
so that names such as بنيامين or فولوديمير are not cut as particle + rest, and, with
--places, marsad/data/lexicon/place_words.tsv (one-word Arabic city and country names from
the Wikidata world-cities table, CC BY 4.0), so that بكين is not read as ب + كين.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from marsad.text.normalize import normalize

MIN_COUNT = 2


def main(argv: list[str]) -> None:
    if "--names" in argv:
        i = argv.index("--names")
        build_names(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if "--places" in argv:
        i = argv.index("--places")
        build_places(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    counts: Counter[str] = Counter()
    for path in argv:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if parts:
                counts[normalize(parts[0])] += 1
    out = Path(__file__).resolve().parent.parent / "marsad/data/lexicon/word_freq.tsv"
    with out.open("w", encoding="utf-8") as f:
        for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= MIN_COUNT and any("\u0621" <= ch <= "\u064a" for ch in word):
                f.write(f"{word}\t{n}\n")
    print(f"wrote {out}")


# A place name weighs as much as a fairly common word: enough to beat a rare rest.
PLACE_WEIGHT = 5000


def build_places(path: str) -> None:
    import csv

    words: set[str] = set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for key in ("CityNameAr", "CountryNameAr"):
                name = (row.get(key) or "").strip()
                if name and " " not in name:
                    words.add(normalize(name))
    out = Path(__file__).resolve().parent.parent / "marsad/data/lexicon/place_words.tsv"
    with out.open("w", encoding="utf-8") as f:
        for word in sorted(words):
            f.write(f"{word}\t{PLACE_WEIGHT}\n")
    print(f"wrote {out}")


def build_names(path: str) -> None:
    counts: Counter[str] = Counter()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].strip().isdigit():
            word = normalize(parts[1].replace(" ", ""))
            if len(word) >= 3:
                counts[word] += int(parts[2])
    out = Path(__file__).resolve().parent.parent / "marsad/data/lexicon/name_tokens.tsv"
    with out.open("w", encoding="utf-8") as f:
        for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{word}\t{n}\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
