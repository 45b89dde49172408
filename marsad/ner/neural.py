"""A character-aware neural tagger, run with onnxruntime, whose label probabilities the
CRFs read as features (stacking).

The network (trained by ``train_neural.py`` with torch, exported to ONNX) reads, for each
token: its characters, normalised, with marks at the clitic boundaries that
``marsad.text.tokenize`` finds (``و+ب+ال_عاصمة``); an embedding of its stem when the stem
was frequent in training; and flags taken from the CRF features (gazetteer, cue words,
kind, particles, article, multi-word gazetteer matches). A char-CNN encodes each word, two
convolutions over the tokens read the context (three each side), and a softmax gives the
9 BIO tags.

At run time only numpy and onnxruntime are needed. The model is ``neural.onnx`` with its
vocabularies in ``neural.json``, beside the sentence CRF; a CRF trained with the neural
features is used only together with them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .features import _analyse

NEURAL_MODEL = "neural.onnx"
NEURAL_META = "neural.json"
TAGS = ("O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MAX_CHARS = 24
PAD, UNK = 0, 1
FLAG_PREFIXES = ("g=", "c=", "k=", "pg=", "pt=")


def neural_paths(model_path: str | Path) -> tuple[Path, Path]:
    """The neural model and its vocabularies that go with a sentence CRF (beside it)."""
    folder = Path(model_path).parent
    return folder / NEURAL_MODEL, folder / NEURAL_META


def char_form(token: str) -> str:
    """The token's characters as the network reads them: ``<و+ب+ال_عاصمه-ها>``."""
    norm, particles, base, stem, suffix, kind = _analyse(token)
    if kind != "word":
        if kind == "number":
            norm = "".join("0" if c.isdigit() else c for c in norm)
        return ("<" + norm.lower())[:MAX_CHARS - 1] + ">"
    body = stem
    tail = stem + suffix
    if base.endswith(tail) and len(base) > len(tail):
        body = base[:len(base) - len(tail)] + "_" + stem
    if particles:
        body = "+".join(particles) + "+" + body
    if suffix:
        body += "-" + suffix
    return "<" + body[:MAX_CHARS - 2] + ">"


def word_key(token: str) -> str:
    """The key of the word embedding: the stem of a word, a shape for other tokens."""
    norm, _, _, stem, _, kind = _analyse(token)
    if kind == "word":
        return stem
    if kind == "number":
        return "<num>"
    return norm.lower() if kind == "latin" else norm


def flag_names(feats: Sequence[str]) -> list[str]:
    """The CRF features of one token that become network flags."""
    return [f for f in feats if f.startswith(FLAG_PREFIXES) or f == "al"]


class Encoder:
    """Turns sentences (tokens and their CRF features) into the network's inputs."""

    def __init__(self, meta: dict[str, Any]) -> None:
        self.chars: dict[str, int] = meta["chars"]
        self.words: dict[str, int] = meta["words"]
        self.flags: dict[str, int] = meta["flags"]
        self._cache: dict[str, tuple[list[int], int, list[int]]] = {}

    def token(self, token: str, feats: Sequence[str]) -> tuple[list[int], int, list[int]]:
        """(char ids, word id, flag ids) of a token; the flags that depend on the word
        alone are cached, multi-word gazetteer flags (``pg=``, last in ``feats``) are not."""
        hit = self._cache.get(token)
        if hit is None:
            if len(self._cache) > 500_000:
                self._cache.clear()
            cids = [self.chars.get(c, UNK) for c in char_form(token)]
            own = [self.flags[f] for f in flag_names(feats)
                   if not f.startswith("pg=") and f in self.flags]
            hit = self._cache[token] = (cids, self.words.get(word_key(token), UNK), own)
        if feats and feats[-1].startswith("pg="):
            extra = [self.flags[f] for f in reversed(feats) if f.startswith("pg=")
                     and f in self.flags]
            return hit[0], hit[1], hit[2] + extra
        return hit

    def encode(self, tokens: Sequence[str], xseq: Sequence[Sequence[str]]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(chars [1, T, C] int64, words [1, T] int64, flags [1, T, F] float32)."""
        return self.encode_batch([tokens], [xseq])

    def encode_batch(self, sentences: Sequence[Sequence[str]],
                     xseqs: Sequence[Sequence[Sequence[str]]]
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Several sentences padded to the longest (padding: word id 0, which the network
        zeroes, so a sentence gets the same probabilities alone or in a batch)."""
        n = max(len(t) for t in sentences)
        pieces = [[self.token(t, f) for t, f in zip(tokens, xseq, strict=True)]
                  for tokens, xseq in zip(sentences, xseqs, strict=True)]
        width = max(len(c) for sent in pieces for c, _, _ in sent)
        chars = np.zeros((len(sentences), n, width), dtype=np.int64)
        words = np.zeros((len(sentences), n), dtype=np.int64)
        flags = np.zeros((len(sentences), n, len(self.flags)), dtype=np.float32)
        for b, sent in enumerate(pieces):
            for i, (cids, wid, fids) in enumerate(sent):
                chars[b, i, :len(cids)] = cids
                words[b, i] = wid
                if fids:
                    flags[b, i, fids] = 1.0
        return chars, words, flags


class NeuralTagger:
    """Per-token probabilities of the 9 BIO tags from the ONNX model."""

    def __init__(self, onnx_path: str | Path, meta_path: str | Path) -> None:
        try:
            import onnxruntime as ort
        except ImportError as e:  # pragma: no cover - onnxruntime is a dependency
            raise ModelError("onnxruntime is needed for the neural NER model") from e
        for path in (onnx_path, meta_path):
            if not Path(path).is_file():
                raise ModelError("neural NER model not found", where=str(path))
        meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
        if tuple(meta["tags"]) != TAGS:
            raise ModelError("neural NER model has other tags", where=str(meta_path))
        self.encoder = Encoder(meta)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(str(onnx_path), options,
                                                 providers=["CPUExecutionProvider"])
        except Exception as e:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load neural NER model: {e}", where=str(onnx_path)) from e

    def probs(self, tokens: Sequence[str], xseq: Sequence[Sequence[str]]) -> np.ndarray:
        """Probabilities [T, 9] (columns in ``TAGS`` order) for one sentence."""
        if not tokens:
            return np.zeros((0, len(TAGS)), dtype=np.float32)
        chars, words, flags = self.encoder.encode(tokens, xseq)
        out = self._session.run(None, {"chars": chars, "words": words, "flags": flags})[0]
        return np.asarray(out[0], dtype=np.float32)

    def probs_batch(self, sentences: Sequence[Sequence[str]],
                    xseqs: Sequence[Sequence[Sequence[str]]]) -> list[np.ndarray]:
        """``probs`` for several sentences, run in batches of similar length."""
        out = [np.zeros((0, len(TAGS)), dtype=np.float32) for _ in sentences]
        order = sorted((len(t), k) for k, t in enumerate(sentences) if len(t))
        start = 0
        while start < len(order):
            end = start + 1
            while (end < len(order) and end - start < 64
                   and order[end][0] <= 1.25 * order[start][0] + 4):
                end += 1
            idx = [k for _, k in order[start:end]]
            chars, words, flags = self.encoder.encode_batch([sentences[k] for k in idx],
                                                            [xseqs[k] for k in idx])
            res = self._session.run(None, {"chars": chars, "words": words, "flags": flags})[0]
            for row, k in enumerate(idx):
                out[k] = np.asarray(res[row, :len(sentences[k])], dtype=np.float32)
            start = end
        return out

    def tags(self, tokens: Sequence[str], xseq: Sequence[Sequence[str]]) -> list[str]:
        return [TAGS[k] for k in self.probs(tokens, xseq).argmax(axis=1)]


_NAMES = [("", f"nn:{tag}=lo", f"nn:{tag}=mid", f"nn:{tag}=hi") for tag in TAGS[1:]]


def stack_features(probs: np.ndarray) -> list[list[str]]:
    """CRF features from the network's probabilities [T, 9]: the best tag of the token and
    of its neighbours, and each tag with probability >= 0.1, binned (``nn:B-PERS=hi``)."""
    n = len(probs)
    if not n:
        return []
    best = [TAGS[k] for k in probs.argmax(axis=1).tolist()]
    # 0: below 0.1 (no feature), 1: lo, 2: mid, 3: hi; column 0 (O) gives none.
    bins = (probs >= 0.1).astype(np.int8) + (probs >= 0.5) + (probs >= 0.9)
    out: list[list[str]] = []
    for i, row in enumerate(bins[:, 1:].tolist()):
        feats = ["nn=" + best[i],
                 "nn-1=" + (best[i - 1] if i else "BOS"),
                 "nn+1=" + (best[i + 1] if i + 1 < n else "EOS")]
        feats += [_NAMES[k][b] for k, b in enumerate(row) if b]
        out.append(feats)
    return out
