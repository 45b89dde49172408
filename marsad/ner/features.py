"""CRF features for one sentence of tokens as written (clitics possibly attached).

Each token is analysed once (cached by its surface): its normalised form, the particles
split off by ``marsad.text.tokenize`` (و ف ب ل ك), the base (article kept), the stem
(article dropped), affixes of the stem, its shape, and gazetteer and cue-word labels of the
base and stem. A token's features are its own plus those of its neighbours within two
tokens, and multi-word gazetteer matches (``الولايات المتحدة``) over the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import normalize, tokenize
from .lexicons import Lexicons

_CACHE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class WordInfo:
    base: str  # normalised, particles removed, article kept: the key for phrase matching
    stem: str
    own: tuple[str, ...]  # features of the word at position 0
    near: tuple[tuple[str, ...], ...]  # features seen from offsets -2, -1, +1, +2


def _analyse(token: str) -> tuple[str, str, str, str, str, str]:
    """(norm, particles, base, stem, suffix, kind) of one token."""
    norm = normalize(token)
    pieces = tokenize(token)
    if len(pieces) != 1:
        return norm, "", norm, norm, "", "mixed" if pieces else "empty"
    t = pieces[0]
    if t.kind != "word":
        return norm, "", norm, norm, "", t.kind
    return (norm, normalize(token[:t.base_start]), normalize(token[t.base_start:]),
            normalize(token[t.stem_start:t.stem_end]), normalize(token[t.stem_end:]), "word")


def _length_bin(n: int) -> str:
    return str(n) if n <= 4 else ("5-6" if n <= 6 else "7+")


class FeatureExtractor:
    def __init__(self, lexicons: Lexicons) -> None:
        self.lex = lexicons
        self._cache: dict[str, WordInfo] = {}

    def _labels(self, table: dict[str, tuple[str, ...]], base: str, stem: str) -> list[str]:
        found = set(table.get(base, ()))
        if stem != base:
            found.update(table.get(stem, ()))
            found.update(table.get("ال" + stem, ()))
        return sorted(found)

    def word(self, token: str) -> WordInfo:
        info = self._cache.get(token)
        if info is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            info = self._cache[token] = self._word(token)
        return info

    def _word(self, token: str) -> WordInfo:
        norm, particles, base, stem, suffix, kind = _analyse(token)
        gaz = self._labels(self.lex.words, base, stem)
        cue = self._labels(self.lex.cues, base, stem)
        own = ["bias", "w=" + norm, "b=" + base, "s=" + stem, "k=" + kind,
               "n=" + _length_bin(len(stem))]
        if particles:
            own.append("pt=" + particles)
        if base != stem:
            own.append("al")
        if suffix:
            own.append("sf=" + suffix)
        if kind == "word":
            own += ["p1=" + stem[:1], "p2=" + stem[:2], "p3=" + stem[:3],
                    "x1=" + stem[-1:], "x2=" + stem[-2:], "x3=" + stem[-3:], "x4=" + stem[-4:]]
        own += ["g=" + g for g in gaz]
        own += ["c=" + c for c in cue]
        if not gaz and kind == "word":
            own.append("g=none")
        near: list[tuple[str, ...]] = []
        for off in ("-2", "-1", "+1", "+2"):
            feats = [f"{off}w={norm}", f"{off}s={stem}"]
            feats += [f"{off}c={c}" for c in cue]
            if off in ("-1", "+1"):
                feats.append(f"{off}k={kind}")
                feats += [f"{off}g={g}" for g in gaz]
                if base != stem:
                    feats.append(f"{off}al")
            near.append(tuple(feats))
        return WordInfo(base, stem, tuple(own), tuple(near))

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        infos = [self.word(tok) for tok in tokens]
        n = len(infos)
        out: list[list[str]] = []
        for i, info in enumerate(infos):
            feats = list(info.own)
            if i >= 2:
                feats += infos[i - 2].near[0]
            if i >= 1:
                feats += infos[i - 1].near[1]
                feats.append(f"s-1|s={infos[i - 1].stem}|{info.stem}")
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += infos[i + 1].near[2]
                feats.append(f"s|s+1={info.stem}|{infos[i + 1].stem}")
            else:
                feats.append("EOS")
            if i + 2 < n:
                feats += infos[i + 2].near[3]
            out.append(feats)
        self._add_phrases(infos, out)
        return out

    def _add_phrases(self, infos: list[WordInfo], out: list[list[str]]) -> None:
        """Mark the longest multi-word gazetteer match starting at each free position."""
        i, n = 0, len(infos)
        while i < n:
            longest = self.lex.phrase_len.get(infos[i].base, 0)
            matched = 0
            for length in range(min(longest, n - i), 1, -1):
                key = " ".join([infos[i].base] + [x.base for x in infos[i + 1:i + length]])
                labels = self.lex.phrases.get(key)
                if labels:
                    for j in range(i, i + length):
                        prefix = "B" if j == i else "I"
                        out[j].extend(f"pg={prefix}-{label}" for label in labels)
                    matched = length
                    break
            i += matched or 1
