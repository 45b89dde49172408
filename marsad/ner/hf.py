"""An optional NER backend: a local Hugging Face token-classification model.

    >>> from marsad.ner.hf import HFTagger
    >>> tagger = HFTagger("/models/camelbert-mix-ner")  # doctest: +SKIP
    >>> tagger.tag(["التقى", "الرئيس", "فلاديمير", "بوتين"])  # doctest: +SKIP
    ['O', 'O', 'B-PERS', 'I-PERS']

The directory is what ``save_pretrained`` writes (``config.json``, the weights and a fast
tokenizer). Nothing is downloaded: the hub is switched off and files are read locally only.
transformers and torch are imported when a model is loaded, so ``import marsad`` stays light.

The model's labels are mapped to Marsad's types: PER/PERS/PERSON to PERS, ORG to ORG,
LOC/GPE/FAC to LOC, MISC/NORP to MISC, anything else to O. Prefixes B-, I- (IOB1, IOB2),
E-/L- and S-/U- (BIOES, BILOU) and bare types (IO) are read, and the result is repaired
to valid BIO. Each word takes the label of its first sub-token.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .conll import repair_bio
from .tagger import Tagger

_TYPES = {
    "PER": "PERS", "PERS": "PERS", "PERSON": "PERS",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "NORP": "MISC",
}
_BEGIN = {"B", "S", "U"}
_INSIDE = {"I", "E", "L"}


def map_label(label: str) -> str:
    """A model label as ``O``, ``B-X`` or ``I-X`` of Marsad's types (before BIO repair).

    >>> [map_label(x) for x in ["B-PER", "I-GPE", "S-ORG", "NORP", "O", "B-DATE"]]
    ['B-PERS', 'I-LOC', 'B-ORG', 'I-MISC', 'O', 'O']
    """
    lab = label.strip().upper()
    prefix = ""
    if len(lab) > 2 and lab[1] in "-_" and lab[0] in _BEGIN | _INSIDE:
        prefix, lab = lab[0], lab[2:]
    etype = _TYPES.get(lab)
    if etype is None:
        return "O"
    return ("B-" if prefix in _BEGIN else "I-") + etype


class HFTagger(Tagger):
    """Tags words with a local Hugging Face token-classification model (CPU, no gradients).

    Same interface as the CRF ``Tagger``: ``tag``, ``tag_batch``, ``tag_spans`` and
    ``tag_document_spans`` (the last two are the CRF tagger's own code, on these tags).
    Sentences are tagged independently, ``batch_size`` at a time; there is no document
    pass and no name propagation.

    Long sentences are truncated, not split: sub-tokens beyond the model's maximum length
    (the smaller of the tokenizer's ``model_max_length`` and the model's
    ``max_position_embeddings``, or ``max_length`` when given) are cut off, and the words
    they belong to are tagged ``O``. A word that yields no sub-token at all is ``O`` too.

    Raises ``ModelError`` naming the directory when it is missing, has no ``config.json``,
    is not a token-classification model, has no fast tokenizer, has no label that maps to
    an entity type, or when transformers or torch is not installed.
    """

    def __init__(self, model_dir: str | Path, *, batch_size: int = 16, threads: int | None = 2,
                 max_length: int | None = None) -> None:
        # The CRF Tagger's __init__ is not called: it opens CRF files. Only its
        # span methods, which read tag()/tag_batch(), are inherited.
        self.model_path = Path(model_dir)
        self.batch_size = max(1, batch_size)
        where = str(self.model_path)
        if not self.model_path.is_dir():
            raise ModelError("Hugging Face model directory not found", where=where)
        if not (self.model_path / "config.json").is_file():
            raise ModelError("not a Hugging Face model directory (no config.json)", where=where)
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import torch
            from transformers import AutoConfig, AutoModelForTokenClassification, AutoTokenizer
        except ImportError as e:
            raise ModelError(f"--ner-model needs transformers and torch "
                             f"(pip install 'marsad[hf]'): {e}", where=where) from e
        self._torch = torch
        if threads:
            torch.set_num_threads(threads)
        try:
            config = AutoConfig.from_pretrained(where, local_files_only=True)
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"cannot read the model's config.json: {e}", where=where) from e
        archs = list(getattr(config, "architectures", None) or [])
        if archs and not any(a.endswith("ForTokenClassification") for a in archs):
            raise ModelError(f"not a token-classification model ({', '.join(archs)})",
                             where=where)
        from transformers.utils import logging as hf_logging

        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # no "Loading weights" bar on the CLI's stderr
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(where, local_files_only=True)
            self._model = AutoModelForTokenClassification.from_pretrained(
                where, local_files_only=True)
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as e:
            raise ModelError(f"cannot load the token-classification model: {e}",
                             where=where) from e
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        if not getattr(self._tokenizer, "is_fast", False):
            raise ModelError("the model needs a fast tokenizer (tokenizer.json) to align "
                             "sub-tokens with words", where=where)
        self._model.to("cpu")
        self._model.eval()
        id2label = self._model.config.id2label or {}
        n_labels = int(self._model.config.num_labels)
        self.labels = [map_label(str(id2label.get(i, "O"))) for i in range(n_labels)]
        if all(lab == "O" for lab in self.labels):
            raise ModelError(f"no model label names an entity type "
                             f"({', '.join(map(str, id2label.values()))})", where=where)
        limits = [n for n in (getattr(self._tokenizer, "model_max_length", None),
                              getattr(self._model.config, "max_position_embeddings", None))
                  if isinstance(n, int) and 0 < n < 1_000_000]
        if max_length:
            limits.append(max_length)
        self.max_length = min(limits) if limits else 512

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        raise NotImplementedError("HFTagger has no CRF features")

    def tag_sentence(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_batch([tokens])[0]

    def tag_batch(self, sentences: Sequence[Sequence[str]], *, propagate: bool = True
                  ) -> list[list[str]]:
        """Tags for each sentence (``propagate`` is accepted for the interface and ignored)."""
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for k in range(0, len(order), self.batch_size):
            chunk = order[k:k + self.batch_size]
            for i, tags in zip(chunk, self._tag_words([list(sentences[i]) for i in chunk]),
                               strict=True):
                out[i] = tags
        return out

    def _tag_words(self, batch: list[list[str]]) -> list[list[str]]:
        enc = self._tokenizer(batch, is_split_into_words=True, truncation=True,
                              max_length=self.max_length, padding=True, return_tensors="pt")
        with self._torch.no_grad():
            logits = self._model(**enc).logits
        best: Any = logits.argmax(dim=-1).tolist()
        out: list[list[str]] = []
        for b, words in enumerate(batch):
            tags = ["O"] * len(words)
            seen: set[int] = set()
            for pos, w in enumerate(enc.word_ids(b)):
                if w is None or w in seen or w >= len(words):
                    continue
                seen.add(w)
                label = int(best[b][pos])
                tags[w] = self.labels[label] if 0 <= label < len(self.labels) else "O"
            out.append(repair_bio(tags))
        return out
