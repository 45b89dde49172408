"""Story grouping: pure decisions over the records of articles already stored.

An article is, against what is stored (and what the same run has planned):

- a *duplicate* when an article with the same content hash has the same URL, or when
  either has none: nothing is added;
- a *copy* when the same text is stored at another URL: stored with its own URL and
  metadata, linked to the story of the first such article, without facts;
- a *near-duplicate* when its MinHash is close to a stored story's (``dedup.THRESHOLD``):
  stored and linked to that story, without facts;
- a *story* otherwise: extracted, its facts stored and counted.

The ingester decides before extraction; the store decides again inside the transaction
that writes, with the same function, so that writers in several processes (or on several
machines sharing one PostgreSQL store) never store one text twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredCopy:
    """An article stored with the content hash in question."""

    id: str
    url: str | None
    story: str  # its dup_group


def classify_copy(url: str | None, stored: Sequence[StoredCopy]) -> tuple[str, str] | None:
    """``("same", id)`` (a duplicate of that article), ``("copy", story id)`` (the same
    text at a new URL), or None (the text is new). ``stored`` is oldest first."""
    if not stored:
        return None
    for copy in stored:
        if not url or copy.url == url:
            return "same", copy.id
    return "copy", stored[0].story


@dataclass(frozen=True)
class Grouping:
    """Where an article goes: ``kind`` is duplicate, copy, near_duplicate, story or
    id_clash (its id is taken by an article with another text)."""

    kind: str
    story: str | None = None  # the story a duplicate, copy or near-duplicate belongs to
    similarity: float | None = None


def group_article(copy: tuple[str, str] | None, *, id_taken: bool,
                  near: tuple[str, float] | None = None) -> Grouping:
    """The grouping of one article from ``classify_copy``'s answer, whether its id is
    already used, and the nearest stored story by MinHash (when one is close enough)."""
    if copy is not None and copy[0] == "same":
        return Grouping("duplicate", copy[1])
    if copy is None and id_taken:
        return Grouping("id_clash")
    if copy is not None:
        return Grouping("copy", copy[1], 1.0)
    if near is not None:
        return Grouping("near_duplicate", near[0], round(near[1], 4))
    return Grouping("story")
