"""One sense per discourse: names found once in a document are found everywhere in it.

A news article names a person in full once (بوريس يلتسين) and by surname after that; the
CRF, reading one sentence at a time, often misses the bare surname. After the CRF pass
over a document's sentences, every entity it found is remembered by its token bases
(particles set aside), and so is the last word of every multi-word person name; untagged
tokens elsewhere in the document that match are given the same type, longest match first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .features import FeatureExtractor
from .scorer import bio_spans

MIN_SURNAME_LEN = 3  # letters; shorter words are too often common words


def _memory(bases: list[list[str]], tags: list[list[str]], blocked: set[str]
            ) -> tuple[dict[tuple[str, ...], str], int]:
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for sent_bases, sent_tags in zip(bases, tags, strict=True):
        for start, end, label in bio_spans(sent_tags):
            key = tuple(sent_bases[start:end])
            votes.setdefault(key, Counter())[label] += 1
            last = sent_bases[end - 1]
            if (label == "PERS" and end - start >= 2 and len(last) >= MIN_SURNAME_LEN
                    and last not in blocked):
                votes.setdefault((last,), Counter())[label] += 1
    memory = {key: counts.most_common(1)[0][0] for key, counts in votes.items()
              if not (len(key) == 1 and key[0] in blocked)}
    longest = max((len(k) for k in memory), default=0)
    return memory, longest


def propagate_names(sentences: Sequence[Sequence[str]], tags: list[list[str]],
                    extractor: FeatureExtractor) -> list[list[str]]:
    bases = [[extractor.word(tok).base for tok in sent] for sent in sentences]
    blocked = set(extractor.lex.cues)
    memory, longest = _memory(bases, tags, blocked)
    if not memory:
        return tags
    out = []
    for sent_bases, sent_tags in zip(bases, tags, strict=True):
        new = list(sent_tags)
        i = 0
        while i < len(new):
            matched = 0
            for length in range(min(longest, len(new) - i), 0, -1):
                label = memory.get(tuple(sent_bases[i:i + length]))
                if label and all(t == "O" for t in new[i:i + length]) and _free_after(new, i + length):
                    new[i:i + length] = [f"B-{label}"] + [f"I-{label}"] * (length - 1)
                    matched = length
                    break
            i += matched or 1
        out.append(new)
    return out


def _free_after(tags: list[str], j: int) -> bool:
    """A match may not end right before an I- tag (it would cut an entity in two)."""
    return j >= len(tags) or not tags[j].startswith("I-")
