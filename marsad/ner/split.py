"""The fixed dev split of the ANERcorp training file.

The file has no document marks, so it is cut into blocks of ``BLOCK`` contiguous sentences
(about one news article each). Block ``i`` goes to dev when ``i % EVERY == offset``, with
``offset = random.Random(seed).randrange(EVERY)``: one block in ten, the same for a seed.
Keeping whole blocks together keeps an article's repeated names out of the other side.

``tune`` is a second, disjoint set of blocks (``offset + EVERY // 2``) used only while
choosing features and settings; the shipped model is trained on everything but dev.
"""

from __future__ import annotations

import random
from typing import TypeVar

T = TypeVar("T")

BLOCK = 25
EVERY = 10
DEFAULT_SEED = 13


def _offset(seed: int) -> int:
    return random.Random(seed).randrange(EVERY)


def split_part(items: list[T], part: str, *, seed: int = DEFAULT_SEED) -> list[T]:
    """``dev``, ``tune``, ``train`` (all but dev and tune) or ``fit`` (all but dev)."""
    dev = _offset(seed)
    tune = (dev + EVERY // 2) % EVERY
    out: list[T] = []
    for i, item in enumerate(items):
        block = (i // BLOCK) % EVERY
        keep = {"dev": block == dev, "tune": block == tune,
                "train": block not in (dev, tune), "fit": block != dev}[part]
        if keep:
            out.append(item)
    return out
