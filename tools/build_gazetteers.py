"""Compile the entity gazetteers into marsad/data/gazetteer/ from ../shared and PyPI packages.

    python tools/build_gazetteers.py [--shared ../shared] [--out marsad/data/gazetteer]

Deterministic: the same inputs give the same files. See marsad/lexicons/compile.py for the
sources and marsad/data/NOTICE.md for their licences.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from marsad.lexicons.compile import build_all  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "marsad" / "data" / "gazetteer")
    args = parser.parse_args()
    sizes = build_all(args.shared, args.out)
    for name, n in sizes.items():
        print(f"{name}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
