"""The Hugging Face NER backend (``--ner-model``) on a tiny random model built here.

Nothing is downloaded: the vocabulary, tokenizer, config and weights are written to a
temporary directory. The weights are random, so most checks are of format and plumbing;
one model has its classifier biased so that a single label wins everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from marsad.cli import main  # noqa: E402
from marsad.errors import ModelError  # noqa: E402
from marsad.ner import TYPES, load_hf_tagger, load_tagger  # noqa: E402
from marsad.ner.hf import HFTagger, map_label  # noqa: E402
from marsad.text import tokenize  # noqa: E402

VALID = {"O"} | {f"{p}-{t}" for p in "BI" for t in TYPES}
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-GPE", "I-GPE", "B-MISC", "I-MISC"]
MAX_LEN = 16  # sub-tokens, [CLS] and [SEP] included
SENTENCES = [
    "التقى الرئيس الروسي فلاديمير بوتين نظيره الفرنسي في موسكو .",
    "أعلنت وزارة الخارجية المصرية أن الوزير سيزور واشنطن غدا",
    "قال المتحدث باسم الأمم المتحدة إن الوضع في غزة خطير",
]


def _bio_ok(tags: list[str]) -> bool:
    prev = "O"
    for tag in tags:
        if tag not in VALID or (tag.startswith("I-") and prev[2:] != tag[2:]):
            return False
        prev = tag
    return True


def _build(path: Path, *, winner: str | None = None) -> Path:
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    path.mkdir()
    words = sorted({w for s in SENTENCES[:2] for w in s.split()})  # the third: sub-tokens
    chars = sorted({c for s in SENTENCES for c in s if not c.isspace()})
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = {w: i for i, w in enumerate(dict.fromkeys(
        [*specials, *words, *chars, *(f"##{c}" for c in chars)]))}
    backend = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    backend.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False,
                                                    handle_chinese_chars=False)
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    tok = PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="[UNK]",
                                  pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                                  mask_token="[MASK]", model_max_length=MAX_LEN)
    config = BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=64,
                        id2label=dict(enumerate(LABELS)),
                        label2id={lab: i for i, lab in enumerate(LABELS)})
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    if winner is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.fill_(-10.0)
            model.classifier.bias[LABELS.index(winner)] = 10.0
    model.save_pretrained(str(path))
    tok.save_pretrained(str(path))
    return path


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("hf") / "random")


@pytest.fixture(scope="module")
def gpe_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("hf") / "gpe", winner="I-GPE")


def test_map_label() -> None:
    assert [map_label(x) for x in ["B-PER", "I-PERS", "B-GPE", "I-FAC", "NORP", "S-ORG",
                                   "E-LOC", "B-DATE", "O", "LABEL_3", "b_misc"]] == [
        "B-PERS", "I-PERS", "B-LOC", "I-LOC", "I-MISC", "B-ORG", "I-LOC", "O", "O", "O",
        "B-MISC"]


def test_tags_one_valid_bio_tag_per_word(model_dir: Path) -> None:
    tagger = HFTagger(model_dir)
    long = ("بوتين " * 40).split()
    sentences = [s.split() for s in SENTENCES] + [[], long, ["كلمة"]]
    tags = tagger.tag_batch(sentences)
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    assert all(_bio_ok(t) for t in tags)
    assert tags[3] == []
    assert tagger.tag([]) == []
    assert tagger.tag(sentences[0]) == tags[0]  # batching and padding change nothing
    assert tags[4][MAX_LEN:] == ["O"] * (len(long) - MAX_LEN)  # truncated words are O


def test_one_label_everywhere_maps_to_marsad_type(gpe_dir: Path) -> None:
    tagger = HFTagger(gpe_dir, max_length=8)
    words = SENTENCES[2].split()  # words split into several sub-tokens
    tags = tagger.tag(words)
    # I-GPE on every sub-token: mapped to LOC, repaired to BIO, cut off after 8 sub-tokens
    n = sum(t != "O" for t in tags)
    assert 1 <= n < len(words)
    assert tags[:n] == ["B-LOC"] + ["I-LOC"] * (n - 1)
    assert tags[n:] == ["O"] * (len(words) - n)
    assert HFTagger(gpe_dir).tag(SENTENCES[0].split()) == ["B-LOC"] + ["I-LOC"] * 9


def test_tag_spans_inside_text(gpe_dir: Path) -> None:
    tagger = HFTagger(gpe_dir)
    text = "وزار بوتين موسكو. ثم عاد"
    toks = list(tokenize(text))
    spans = tagger.tag_spans(text, toks)
    assert spans
    for start, end, label in spans:
        assert 0 <= start < end <= len(text) and label in TYPES
    assert spans[0][0] == 1  # the particle و is left out
    doc_spans = tagger.tag_document_spans(text, [toks[:3], toks[3:]])
    assert len(doc_spans) == 2 and doc_spans[0][0][0] == 1


def test_load_tagger_dispatches_on_config_json(model_dir: Path) -> None:
    assert isinstance(load_tagger(str(model_dir)), HFTagger)
    assert load_hf_tagger(str(model_dir)) is load_hf_tagger(str(model_dir))


def test_bad_directories(tmp_path: Path, model_dir: Path) -> None:
    with pytest.raises(ModelError, match="nothing-here"):
        HFTagger(tmp_path / "nothing-here")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelError, match="config.json"):
        HFTagger(empty)
    seq = tmp_path / "seq"
    seq.mkdir()
    config: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    config["architectures"] = ["BertForSequenceClassification"]
    (seq / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="not a token-classification model"):
        HFTagger(seq)


def test_ner_tag_cli(tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conll = tmp_path / "in.conll"
    lines_in = ["", *SENTENCES[0].split(), "", "", *SENTENCES[1].split(), ""]
    conll.write_text("\n".join(f"{x}\tO" if x else "" for x in lines_in), encoding="utf-8")
    assert main(["ner-tag", "--conll", str(conll), "--ner-model", str(model_dir)]) == 0
    out = capsys.readouterr().out.split("\n")
    assert out[-1] == ""
    assert len(out) == len(lines_in)
    for line_in, line_out in zip(lines_in, out, strict=True):
        if not line_in:
            assert line_out == ""
            continue
        token, tag = line_out.split("\t")
        assert token == line_in and tag in VALID


def test_cli_bad_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conll = tmp_path / "in.conll"
    conll.write_text("زار\nموسكو\n", encoding="utf-8")
    bad = tmp_path / "no-model"
    assert main(["ner-tag", "--conll", str(conll), "--ner-model", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-model" in err and "E300" in err
    article = tmp_path / "a.txt"
    article.write_text(SENTENCES[0], encoding="utf-8")
    assert main(["extract", str(article), "--ner-model", str(bad), "--stages",
                 "text,entities"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-model" in err


def test_extract_with_ner_model(tmp_path: Path, gpe_dir: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    from marsad.stages.entities import make_entities_stage

    stage: Any = make_entities_stage(ner_model=str(gpe_dir))
    assert isinstance(stage.tagger, HFTagger)
    article = tmp_path / "a.txt"
    article.write_text(" ".join(SENTENCES), encoding="utf-8")
    assert main(["extract", str(article), "--ner-model", str(gpe_dir),
                 "--stages", "text,entities", "--compact"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert isinstance(doc, dict)
