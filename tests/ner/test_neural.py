"""The neural NER component: inputs, ONNX loading and shapes, stacking features."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from marsad.errors import ModelError
from marsad.ner.conll import Sentence
from marsad.ner.neural import (
    TAGS,
    NeuralTagger,
    char_form,
    neural_paths,
    stack_features,
    word_key,
)
from marsad.ner.tagger import Tagger, default_model_path

SENTENCES = [
    Sentence(["قال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "."],
             ["O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]),
    Sentence(["وزار", "لبوتين", "وزير", "خارجية", "مصر", "عام", "2019"],
             ["O", "B-PERS", "O", "O", "B-LOC", "O", "O"]),
    Sentence(["أعلنت", "الأمم", "المتحدة", "اليوم"], ["O", "B-ORG", "I-ORG", "O"]),
]


def test_char_form_marks_clitics() -> None:
    assert char_form("وبالعاصمة").startswith("<و+ب+ال_")
    assert char_form("لبوتين") == "<ل+بوتين>"
    assert char_form("2019") == "<0000>"
    assert word_key("لبوتين") == "بوتين"
    assert word_key("2019") == "<num>"


def test_stack_features() -> None:
    probs = np.full((3, len(TAGS)), 0.01, dtype=np.float32)
    probs[0, 1], probs[1, 2], probs[2, 0] = 0.95, 0.6, 0.9
    probs[1, 0] = 0.3
    feats = stack_features(probs)
    assert len(feats) == 3
    assert feats[0][:3] == ["nn=B-PERS", "nn-1=BOS", "nn+1=I-PERS"]
    assert "nn:B-PERS=hi" in feats[0]
    assert "nn:I-PERS=mid" in feats[1]
    assert not any(f.startswith("nn:O") for f in feats[1])  # O is the default
    assert stack_features(np.zeros((0, len(TAGS)))) == []


def test_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        NeuralTagger(tmp_path / "neural.onnx", tmp_path / "neural.json")


def test_tiny_model_exported_runs(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from marsad.ner.train_neural import _net, build_meta, export, feature_seqs, predict

    torch.manual_seed(0)
    xseqs = feature_seqs(SENTENCES)
    meta = build_meta(SENTENCES, xseqs)
    net = _net(meta)
    export(net, meta, tmp_path)
    nt = NeuralTagger(*neural_paths(tmp_path / "ner.crfsuite"))
    expected = predict(net, meta, SENTENCES, xseqs)
    for sent, xseq, want in zip(SENTENCES, xseqs, expected, strict=True):
        got = nt.probs(sent.tokens, xseq)
        assert got.shape == (len(sent.tokens), len(TAGS))
        assert np.allclose(got, want, atol=1e-5)
        assert len(nt.tags(sent.tokens, xseq)) == len(sent.tokens)
    # Beside a CRF, the tagger picks it up (a CRF ignores features it never saw).
    shutil.copy(default_model_path(), tmp_path / "ner.crfsuite")
    tagger = Tagger(tmp_path / "ner.crfsuite")
    assert tagger._neural is not None
    assert len(tagger.tag_batch([s.tokens for s in SENTENCES])[1]) == len(SENTENCES[1].tokens)
    assert Tagger(tmp_path / "ner.crfsuite", neural=False)._neural is None
