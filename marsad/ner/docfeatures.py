"""Document features for the second CRF: what the first CRF said about the same words
elsewhere in the document.

For each token: the first CRF's tag for it and its neighbours, the type most often given
to other mentions of the same base form in the document (``dd=``, with a capped count),
and whether the base is the last word of a multi-word person name elsewhere (``dsur``).
A token's own tagging is left out of its counts, so the features say only what the
*other* mentions add.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .scorer import bio_spans


def _span_types(tags: Sequence[str]) -> tuple[dict[int, str], set[int]]:
    """Each tagged position's type, and the positions that end a multi-word PERS span."""
    types: dict[int, str] = {}
    surnames: set[int] = set()
    for start, end, label in bio_spans(tags):
        for j in range(start, end):
            types[j] = label
        if label == "PERS" and end - start >= 2:
            surnames.add(end - 1)
    return types, surnames


def document_features(bases: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
                      ) -> list[list[list[str]]]:
    """Extra features for every token of a document (sentences of token bases and tags)."""
    per_sentence = [_span_types(sent_tags) for sent_tags in tags]
    seen: dict[str, Counter[str]] = {}
    surname_count: Counter[str] = Counter()
    for sent_bases, (types, surnames) in zip(bases, per_sentence, strict=True):
        for j, label in types.items():
            seen.setdefault(sent_bases[j], Counter())[label] += 1
        for j in surnames:
            surname_count[sent_bases[j]] += 1
    out: list[list[list[str]]] = []
    for sent_bases, sent_tags, (types, surnames) in zip(bases, tags, per_sentence, strict=True):
        n = len(sent_tags)
        feats: list[list[str]] = []
        for j, base in enumerate(sent_bases):
            f = ["t1=" + sent_tags[j], "t1-1=" + (sent_tags[j - 1] if j else "BOS"),
                 "t1+1=" + (sent_tags[j + 1] if j + 1 < n else "EOS")]
            counts = seen.get(base)
            if counts is not None:
                best = _most_common_other(counts, types.get(j))
                if best is not None:
                    f += ["dd=" + best[0], f"dd{best[0]}n={min(best[1], 3)}"]
                if surname_count[base] - (j in surnames) > 0:
                    f.append("dsur")
            feats.append(f)
        out.append(feats)
    return out


def _most_common_other(counts: Counter[str], own: str | None) -> tuple[str, int] | None:
    """The most frequent type among the other mentions (leaving out the token's own);
    ties go to the type seen first, as ``Counter.most_common(1)`` breaks them."""
    best: tuple[str, int] | None = None
    for label, count in counts.items():
        if label == own:
            count -= 1
        if count > 0 and (best is None or count > best[1]):
            best = (label, count)
    return best
