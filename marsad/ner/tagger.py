"""The NER tagger at run time: two stacked CRFs (python-crfsuite), then name propagation.

1. The sentence CRF (``ner.crfsuite``) tags each sentence from the features in
   features.py.
2. The document CRF (``ner-doc.crfsuite``) tags it again. It gets the same features plus
   what the first pass said about the same words elsewhere in the document
   (docfeatures.py).
3. Names found once are given to their untagged mentions elsewhere (propagate.py).

When ``neural.onnx`` and ``neural.json`` lie beside the sentence CRF, both CRFs also read
the label probabilities of a character-aware neural tagger (neural.py, onnxruntime).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Token
from ..errors import ModelError
from .conll import repair_bio
from .docfeatures import document_features
from .features import FeatureExtractor
from .lexicons import load_lexicons
from .neural import NeuralTagger, neural_paths, stack_features
from .propagate import propagate_names
from .scorer import bio_spans

MODEL_NAME = "ner.crfsuite"
DOC_MODEL_NAME = "ner-doc.crfsuite"


def default_model_path() -> Path:
    return Path(str(resources.files("marsad.ner") / "data" / MODEL_NAME))


def doc_model_path(model_path: str | Path) -> Path:
    """The document CRF that goes with a sentence CRF: ``ner-doc.crfsuite`` beside it."""
    path = Path(model_path)
    return path.with_name(path.name.replace(".crfsuite", "") + "-doc.crfsuite")


def open_crf(path: Path) -> Any:
    import pycrfsuite

    if not path.is_file():
        raise ModelError("NER model not found", where=str(path))
    crf = pycrfsuite.Tagger()
    try:
        crf.open(str(path))
    except (OSError, ValueError) as e:
        raise ModelError(f"cannot load NER model: {e}", where=str(path)) from e
    return crf


class Tagger:
    """Tags tokens as written with BIO tags of the types PERS, ORG, LOC and MISC.

    The document CRF is optional: without ``ner-doc.crfsuite`` beside the model, only the
    sentence CRF and propagation run. So is the neural tagger (``neural.onnx`` beside the
    model; ``neural=False`` leaves it out, which only makes sense for CRFs trained without it).
    """

    def __init__(self, model_path: str | Path, extractor: FeatureExtractor | None = None,
                 *, neural: bool | None = None) -> None:
        self.model_path = Path(model_path)
        self.extractor = extractor or FeatureExtractor(load_lexicons())
        self._crf = open_crf(self.model_path)
        doc_path = doc_model_path(self.model_path)
        self._doc_crf = open_crf(doc_path) if doc_path.is_file() else None
        onnx_path, meta_path = neural_paths(self.model_path)
        if neural is None:
            neural = onnx_path.is_file()
        self._neural = NeuralTagger(onnx_path, meta_path) if neural else None

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """The CRF features of one sentence (with the neural tagger's, when it is loaded)."""
        xseq = self.extractor.sentence(list(tokens))
        if self._neural is not None and xseq:
            extra = stack_features(self._neural.probs(tokens, xseq))
            xseq = [a + b for a, b in zip(xseq, extra, strict=True)]
        return xseq

    def tag_sentence(self, tokens: Sequence[str]) -> list[str]:
        """The sentence CRF alone, on one sentence."""
        if not tokens:
            return []
        return repair_bio(list(self._crf.tag(self.features(tokens))))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """Tags for one sentence (a document of one sentence)."""
        return self.tag_batch([tokens])[0]

    def tag_batch(self, sentences: Sequence[Sequence[str]], *, propagate: bool = True
                  ) -> list[list[str]]:
        """Tags for the consecutive sentences of one document.

        Pass the sentences of one document, or a window of consecutive ones, not
        unrelated sentences: the second pass and propagation read across them.
        """
        xseqs = [self.extractor.sentence(list(tokens)) if tokens else [] for tokens in sentences]
        if self._neural is not None:
            probs = self._neural.probs_batch(sentences, xseqs)
            xseqs = [[a + b for a, b in zip(x, stack_features(p), strict=True)]
                     for x, p in zip(xseqs, probs, strict=True)]
        tags = [repair_bio(list(self._crf.tag(x))) if x else [] for x in xseqs]
        if self._doc_crf is not None:
            tags = self._second_pass(self._doc_crf, sentences, xseqs, tags)
        return propagate_names(sentences, tags, self.extractor) if propagate else tags

    def _second_pass(self, doc_crf: Any, sentences: Sequence[Sequence[str]],
                     xseqs: list[list[list[str]]], first: list[list[str]]) -> list[list[str]]:
        bases = [[self.extractor.word(tok).base for tok in tokens] for tokens in sentences]
        extra = document_features(bases, first)
        out: list[list[str]] = []
        for xseq, doc_feats in zip(xseqs, extra, strict=True):
            if not xseq:
                out.append([])
                continue
            full = [a + b for a, b in zip(xseq, doc_feats, strict=True)]
            out.append(repair_bio(list(doc_crf.tag(full))))
        return out

    def tag_spans(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
        """Character spans ``(start, end, type)`` of the entities among ``tokens``.

        ``tokens`` should be one sentence of ``text``, as ``marsad.text.tokenize`` gives
        them. A span begins at its first token's ``base_start``, so attached particles
        are left out (a tag on ``وروسيا`` gives the span of ``روسيا``).
        """
        return _char_spans(tokens, self.tag([text[t.start:t.end] for t in tokens]))

    def tag_document_spans(self, text: str, sentences: Sequence[Sequence[Token]]
                           ) -> list[list[tuple[int, int, str]]]:
        """``tag_spans`` for every sentence of a document, read as one document."""
        tags = self.tag_batch([[text[t.start:t.end] for t in sent] for sent in sentences])
        return [_char_spans(sent, sent_tags) for sent, sent_tags in zip(sentences, tags, strict=True)]


def _char_spans(tokens: Sequence[Token], tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for first, last, label in bio_spans(tags):
        start, end = tokens[first].base_start, tokens[last - 1].end
        if end > start:
            spans.append((start, end, label))
    return spans
