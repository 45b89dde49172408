"""The word-frequency lexicon used to tell particles from word-initial letters.

``marsad/data/lexicon/word_freq.tsv`` is built by ``tools/build_word_freq.py`` from the
tokens of the ANERcorp training corpus (CC BY-SA 4.0, Benajiba & Rosso; CAMeL Lab split),
normalised, keeping words seen at least twice; ``name_tokens.tsv`` adds the Arabic sides of
the Wikidata English-Arabic person-name token pairs (CC0) with their counts, so that names
like بنيامين are known words; ``place_words.tsv`` adds one-word city and country names
from the Wikidata world-cities table (CC BY 4.0), so that بكين is one word;
``words_extra.txt`` adds common words written for the
project. It loads once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .normalize import normalize


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    base = resources.files("marsad") / "data" / "lexicon"
    freq = base / "word_freq.tsv"
    if freq.is_file():
        for line in freq.read_text(encoding="utf-8").splitlines():
            word, _, n = line.partition("\t")
            if word and n.isdigit():
                counts[word] = int(n)
    # Name tokens count occurrences in Wikidata labels, not in running text: they weigh a
    # tenth, enough to make a name known, not enough to outweigh a common word.
    for name, scale in (("name_tokens.tsv", 10), ("place_words.tsv", 1)):
        path = base / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                word, _, n = line.partition("\t")
                if word and n.isdigit():
                    counts[word] = counts.get(word, 0) + max(1, int(n) // scale)
    extra = base / "words_extra.txt"
    if extra.is_file():
        for line in extra.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                word = normalize(line)
                counts[word] = max(counts.get(word, 0), 50)
    return counts


def word_count(norm_word: str) -> int:
    """How often the normalised word was seen (0 when unknown)."""
    return _counts().get(norm_word, 0)
