"""``marsad`` with one extra pipeline stage, ``slow``, that takes a little time per article:
the crash test runs this in a subprocess and kills it in the middle of an ingest."""

from __future__ import annotations

import sys
import time

from marsad.document import Document
from marsad.pipeline import Stage, register_stage


@register_stage("slow")
def make_slow_stage() -> Stage:
    def slow(doc: Document) -> Document:
        time.sleep(0.03)
        return doc

    return slow


if __name__ == "__main__":
    from marsad.cli import main

    sys.exit(main(sys.argv[1:]))
