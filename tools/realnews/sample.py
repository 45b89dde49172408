"""Draw the real-news gold articles from SaudiNewsNet with a fixed seed.

150 articles: every outlet gives at least three (one per split), the rest are shared out in
proportion to the outlet's size; no topic filter. Articles of 250 to 4,000 characters are
eligible (whole articles an annotator can read in one sitting; about 80% of the corpus), and
a text that repeats an earlier one exactly is not drawn twice. Within an outlet the drawn
articles are dealt to train, dev and test in turn, so each split spreads over the outlets.

    python tools/realnews/sample.py > /tmp/realnews-sample.tsv

Prints: key, record, split, source, published, characters, sha1 (no text).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict

from marsad.eval.corpus import read_records, text_sha1

SEED = 20261204
TOTAL = 150
MIN_PER_OUTLET = 3
MIN_CHARS, MAX_CHARS = 250, 4000
SPLITS = ("train", "dev", "test")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    records = read_records()
    seen: set[str] = set()
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for number in sorted(records):
        rec = records[number]
        digest = text_sha1(rec.text)
        if digest in seen or not (MIN_CHARS <= len(rec.text.strip()) <= MAX_CHARS):
            continue
        seen.add(digest)
        by_outlet[rec.source].append(number)
    outlets = sorted(by_outlet)
    rest = TOTAL - MIN_PER_OUTLET * len(outlets)
    size = sum(len(v) for v in by_outlet.values())
    shares = {o: len(by_outlet[o]) * rest / size for o in outlets}
    quota = {o: MIN_PER_OUTLET + int(shares[o]) for o in outlets}
    # largest remainders take the seats rounding left over
    for o in sorted(outlets, key=lambda o: -(shares[o] - int(shares[o])))[:TOTAL - sum(quota.values())]:
        quota[o] += 1
    rng = random.Random(args.seed)
    w = sys.stdout.write
    w("key\trecord\tsplit\tsource\tpublished\tchars\tsha1\n")
    turn = 0
    for o in outlets:
        drawn = sorted(rng.sample(by_outlet[o], quota[o]))
        for number in drawn:
            rec = records[number]
            split = SPLITS[turn % 3]
            turn += 1
            w(f"{rec.key}\t{number}\t{split}\t{o}\t{rec.published}\t{len(rec.text)}\t"
              f"{text_sha1(rec.text)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
