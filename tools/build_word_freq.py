"""Build marsad/data/lexicon/word_freq.tsv from a CoNLL corpus (ANERcorp training split).

    python tools/build_word_freq.py ../shared/data/ner/anercorp-camel-train.conll
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from marsad.text.normalize import normalize

MIN_COUNT = 2


def main(argv: list[str]) -> None:
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


if __name__ == "__main__":
    main(sys.argv[1:])
