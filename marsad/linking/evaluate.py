"""Score English names against a hand-written list of acceptable forms.

The list (``tests/linking/data/names.tsv``) has one name per line: Arabic, type, and the
English forms a newsroom accepts, separated by ``|``. It is cut in two halves by a hash of
the Arabic (``split_of``), fixed before any tuning: ``dev`` for development, ``test`` for
the figure reported. Run ``python -m marsad.linking.evaluate NAMES.tsv [--split test]``.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..lexicons.tables import load_lexicons
from . import english_name, newsroom, normalize_name


@dataclass(frozen=True)
class NameCase:
    arabic: str
    type: str
    accepted: tuple[str, ...]

    @property
    def split(self) -> str:
        return split_of(self.arabic)


@dataclass
class NameScore:
    total: int = 0
    correct: int = 0
    unknown: int = 0  # answered None
    failures: list[tuple[NameCase, str | None]] | None = None

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def split_of(arabic: str) -> str:
    """``dev`` or ``test``, from the first byte of the SHA-1 of the Arabic name."""
    return "dev" if hashlib.sha1(arabic.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def read_cases(path: Path) -> list[NameCase]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError(f"line {n}: expected 3 tab-separated columns", where=str(path))
        cases.append(NameCase(parts[0], parts[1], tuple(f.strip() for f in parts[2].split("|"))))
    return cases


def same_name(a: str, b: str) -> bool:
    """Case-insensitive, ignoring how spaces are repeated."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def covered_by_hand_table(case: NameCase) -> bool:
    """Whether a hand-written table of whole names answers this name: well-known people
    (``persons.tsv``, ``leaders.tsv``), newsroom city spellings, hand-written regions and
    country aliases, known organisations. The rest is named by general mechanisms."""
    lex = load_lexicons()
    key = normalize_name(case.arabic)
    if case.type == "PER":
        return key in lex.persons or key in newsroom._leaders()
    if case.type in ("GPE", "LOC", "FAC"):
        if key in newsroom.newsroom_places():
            return True
        return any(p.source in ("regions", "alias") for p in lex.places.get(key, ()))
    known = lex.known_orgs.get(key)
    return known is not None and known.strong


def score_names(cases: Iterable[NameCase]) -> dict[str, NameScore]:
    """Accuracy per type and over ``ALL``, with the failures."""
    scores: dict[str, NameScore] = defaultdict(lambda: NameScore(failures=[]))
    for case in cases:
        got = english_name(case.arabic, case.type)
        ok = got is not None and any(same_name(got, acc) for acc in case.accepted)
        for key in (case.type, "ALL"):
            s = scores[key]
            s.total += 1
            s.correct += ok
            s.unknown += got is None
            if not ok and s.failures is not None:
                s.failures.append((case, got))
    return dict(scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="score English names on a names list")
    parser.add_argument("names", type=Path)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--failures", action="store_true", help="list the failures")
    parser.add_argument("--uncovered", action="store_true",
                        help="score only the names no hand-written table of whole names covers")
    parser.add_argument("--no-tables", action="store_true",
                        help="switch off leaders.tsv and newsroom_places.tsv (general rules alone)")
    args = parser.parse_args(argv)
    cases = [c for c in read_cases(args.names) if args.split == "all" or c.split == args.split]
    if args.uncovered:
        n = len(cases)
        cases = [c for c in cases if not covered_by_hand_table(c)]
        print(f"{n - len(cases)} of {n} names covered by hand tables; scoring the other {len(cases)}")
    if args.no_tables:
        newsroom.ENABLED = False
    scores = score_names(cases)
    for key in sorted(scores, key=lambda k: (k == "ALL", k)):
        s = scores[key]
        print(f"{key:4} {s.correct:4d}/{s.total:<4d} {s.accuracy:6.1%}  (unknown {s.unknown})")
    if args.failures:
        for case, got in scores.get("ALL", NameScore(failures=[])).failures or []:
            print(f"  {case.type}\t{case.arabic}\t{got}\t[{' | '.join(case.accepted)}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
