"""Training the character-aware neural tagger of ``neural.py`` (needs torch; ``.[train]``).

    python -m marsad.ner.train_neural --conll FILE --select   # epochs, on the tune blocks
    python -m marsad.ner.train_neural --conll FILE --out DIR   # on all but dev

Sentences are batched with others of about the same length; padded tokens are zeroed
after each layer, so training and run time (one sentence at a time, unpadded) compute
the same thing. Rare
stems lose their embedding at random in training (as the CRF's identity dropout), so the
network learns to read the characters of names it has never seen. Seeded (torch, Python and
the word dropout), one torch thread: two runs gave byte-identical ONNX files.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .conll import Sentence, read_conll, repair_bio
from .features import FeatureExtractor
from .lexicons import load_lexicons
from .neural import (
    NEURAL_META,
    NEURAL_MODEL,
    PAD,
    TAGS,
    UNK,
    Encoder,
    char_form,
    flag_names,
    word_key,
)
from .scorer import score
from .split import DEFAULT_SEED, split_part

# Chosen on the tune blocks (see split.py), never on dev.
EPOCHS = 12
BATCH = 32
LR = 2e-3
CHAR_DIM, FILTERS, WORD_DIM, HIDDEN, DROPOUT = 24, 64, 48, 128, 0.25
MIN_WORD, MIN_CHAR, MIN_FLAG = 2, 2, 3
RARE_COUNT, DROP_RARE, DROP_ANY = 3, 0.5, 0.1
FOLDS = 4
THREADS = 1  # one thread: two thrash on a shared machine


def build_meta(sentences: Sequence[Sentence], xseqs: Sequence[list[list[str]]]) -> dict[str, Any]:
    chars: Counter[str] = Counter()
    words: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    for sent, xseq in zip(sentences, xseqs, strict=True):
        for tok, feats in zip(sent.tokens, xseq, strict=True):
            chars.update(char_form(tok))
            words[word_key(tok)] += 1
            flags.update(flag_names(feats))

    def index(counts: Counter[str], least: int, start: int) -> dict[str, int]:
        keep = sorted(k for k, n in counts.items() if n >= least)
        return {k: i + start for i, k in enumerate(keep)}

    return {"tags": list(TAGS), "chars": index(chars, MIN_CHAR, 2),
            "words": index(words, MIN_WORD, 2), "flags": index(flags, MIN_FLAG, 0)}


def _net(meta: dict[str, Any]) -> Any:
    import torch
    from torch import nn

    class Net(nn.Module):
        """char-CNN word encoder + word embedding + flags, then two convolutions over the
        sentence (5 and 3 tokens wide: each token sees three on each side) and a softmax.
        Convolutions, not a BiLSTM: on one CPU core a BiLSTM of useful size ran at a
        fraction of the tagger's speed budget."""

        def __init__(self) -> None:
            super().__init__()
            self.cemb = nn.Embedding(len(meta["chars"]) + 2, CHAR_DIM, padding_idx=PAD)
            self.conv = nn.Conv1d(CHAR_DIM, FILTERS, 3, padding=1)
            self.wemb = nn.Embedding(len(meta["words"]) + 2, WORD_DIM, padding_idx=PAD)
            self.drop = nn.Dropout(DROPOUT)
            self.proj = nn.Linear(FILTERS + WORD_DIM + len(meta["flags"]), HIDDEN)
            self.ctx1 = nn.Conv1d(HIDDEN, HIDDEN, 5, padding=2)
            self.ctx2 = nn.Conv1d(HIDDEN, HIDDEN, 3, padding=1)
            self.out = nn.Linear(2 * HIDDEN, len(TAGS))

        def logits(self, chars: Any, words: Any, flags: Any) -> Any:
            b, t, c = chars.shape[0], chars.shape[1], chars.shape[2]
            flat = chars.reshape(b * t, c)
            h = torch.relu(self.conv(self.cemb(flat).transpose(1, 2)))
            # ReLU output is >= 0, so zeroing the padding leaves the max unchanged.
            h = h * (flat > 0).unsqueeze(1).to(h.dtype)
            cvec = h.max(dim=2).values.reshape(b, t, FILTERS)
            # Padded tokens (word id 0, training only) are zeroed after each layer, as the
            # convolutions' own zero padding at the ends of an unpadded sentence.
            mask = (words > 0).unsqueeze(2).to(cvec.dtype)
            x = torch.relu(self.proj(self.drop(torch.cat([cvec, self.wemb(words), flags], dim=2))))
            x = x * mask
            y = torch.relu(self.ctx1(self.drop(x).transpose(1, 2))).transpose(1, 2) * mask
            y = torch.relu(self.ctx2(self.drop(y).transpose(1, 2))).transpose(1, 2) * mask
            return self.out(self.drop(torch.cat([x, y], dim=2)))

        def forward(self, chars: Any, words: Any, flags: Any) -> Any:
            return torch.softmax(self.logits(chars, words, flags), dim=-1)

    return Net()


def _tensors(sentences: Sequence[Sentence], xseqs: Sequence[list[list[str]]],
             encoder: Encoder, counts: Counter[str]) -> list[tuple[Any, ...]]:
    import torch

    index = {t: k for k, t in enumerate(TAGS)}
    out = []
    for sent, xseq in zip(sentences, xseqs, strict=True):
        chars, words, flags = encoder.encode(sent.tokens, xseq)
        keys = [word_key(t) for t in sent.tokens]
        drop = [DROP_RARE if counts[k] <= RARE_COUNT else DROP_ANY for k in keys]
        gold = [index.get(t, 0) for t in sent.tags]
        out.append((torch.from_numpy(chars[0]), torch.from_numpy(words[0]),
                    torch.from_numpy(flags[0]), torch.tensor(gold), torch.tensor(drop)))
    return out


def _batches(items: list[tuple[Any, ...]], rng: random.Random, shuffle: bool
             ) -> list[list[int]]:
    """Batches of sentences of about the same length (sorted, ties broken at random)."""
    keys = [(len(item[1]), rng.random() if shuffle else 0.0, k) for k, item in enumerate(items)
            if len(item[1])]
    order = [k for _, _, k in sorted(keys)]
    batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
    if shuffle:
        rng.shuffle(batches)
    return batches


def _pad(rows: list[Any], value: int = 0) -> Any:
    import torch
    from torch.nn import functional

    t = max(r.shape[0] for r in rows)
    pads = []
    for r in rows:
        spec = [0, 0] * (r.dim() - 1) + [0, t - r.shape[0]]
        pads.append(functional.pad(r, spec, value=value))
    return torch.stack(pads)


def _stack(items: list[tuple[Any, ...]], idx: list[int]) -> tuple[Any, Any, Any, Any]:
    import torch
    from torch.nn import functional

    width = max(items[k][0].shape[1] for k in idx)
    chars = _pad([functional.pad(items[k][0], (0, width - items[k][0].shape[1])) for k in idx])
    lengths = torch.tensor([len(items[k][1]) for k in idx])
    return chars, _pad([items[k][1] for k in idx]), _pad([items[k][2] for k in idx]), lengths


def train_model(sentences: Sequence[Sentence], xseqs: Sequence[list[list[str]]], *,
                seed: int = DEFAULT_SEED, epochs: int = EPOCHS,
                check: tuple[Sequence[Sentence], Sequence[list[list[str]]]] | None = None,
                log: bool = False) -> tuple[Any, dict[str, Any]]:
    """Train a network on ``sentences``; with ``check``, print its F1 there every epoch."""
    import torch
    from torch.nn import functional

    torch.set_num_threads(THREADS)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    meta = build_meta(sentences, xseqs)
    encoder = Encoder(meta)
    counts = Counter(word_key(t) for s in sentences for t in s.tokens)
    items = _tensors(sentences, xseqs, encoder, counts)
    net = _net(meta)
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    for epoch in range(epochs):
        net.train()
        started, total = time.perf_counter(), 0.0
        for idx in _batches(items, rng, shuffle=True):
            chars, words, flags, lengths = _stack(items, idx)
            gold = _pad([items[k][3] for k in idx], value=-100)
            drop = _pad([items[k][4] for k in idx])
            words = torch.where((torch.rand(drop.shape) < drop) & (words > PAD),
                                torch.full_like(words, UNK), words)
            logits = net.logits(chars, words, flags)
            loss = functional.cross_entropy(logits.reshape(-1, len(TAGS)), gold.reshape(-1),
                                            ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(idx)
        if log:
            msg = f"epoch {epoch + 1}: loss {total / len(items):.4f} ({time.perf_counter() - started:.0f} s)"
            if check is not None:
                pred = [repair_bio([TAGS[k] for k in p.argmax(axis=1)])
                        for p in predict(net, meta, *check)]
                msg += f"  check F1 {score([s.tags for s in check[0]], pred).prf(None)[2]:.4f}"
            print(msg, flush=True)
    net.eval()
    return net, meta


def predict(net: Any, meta: dict[str, Any], sentences: Sequence[Sentence],
            xseqs: Sequence[list[list[str]]]) -> list[np.ndarray]:
    """Probabilities [T, 9] for each sentence (packed batches: the same as run time)."""
    import torch

    net.eval()
    items = _tensors(sentences, xseqs, Encoder(meta), Counter())
    out: list[np.ndarray] = [np.zeros((0, len(TAGS)), dtype=np.float32) for _ in sentences]
    with torch.no_grad():
        for idx in _batches(items, random.Random(0), shuffle=False):
            chars, words, flags, lengths = _stack(items, idx)
            probs = net(chars, words, flags).numpy()
            for row, k in enumerate(idx):
                out[k] = probs[row, :len(items[k][1])]
    return out


def export(net: Any, meta: dict[str, Any], out_dir: str | Path) -> None:
    """Write ``neural.onnx`` and ``neural.json`` to ``out_dir``."""
    import torch

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    net.eval()
    example = (torch.ones(1, 3, 5, dtype=torch.long), torch.ones(1, 3, dtype=torch.long),
               torch.zeros(1, 3, len(meta["flags"])))
    with warnings.catch_warnings():  # the TorchScript exporter is deprecated, still fine
        warnings.simplefilter("ignore")
        torch.onnx.export(net, example, str(out / NEURAL_MODEL), dynamo=False,
                          input_names=["chars", "words", "flags"], output_names=["probs"],
                          dynamic_axes={"chars": {0: "batch", 1: "tokens", 2: "chars"},
                                        "words": {0: "batch", 1: "tokens"},
                                        "flags": {0: "batch", 1: "tokens"},
                                        "probs": {0: "batch", 1: "tokens"}},
                          opset_version=17)
    (out / NEURAL_META).write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n",
                                   encoding="utf-8")


def feature_seqs(sentences: Sequence[Sentence]) -> list[list[list[str]]]:
    extractor = FeatureExtractor(load_lexicons())
    return [extractor.sentence(s.tokens) for s in sentences]


def jackknife_probs(sentences: Sequence[Sentence], xseqs: Sequence[list[list[str]]], *,
                    window: int, seed: int = DEFAULT_SEED, epochs: int = EPOCHS,
                    folds: int = FOLDS, jobs: int = 1, log: bool = False) -> list[np.ndarray]:
    """Probabilities for every sentence from a network that never saw it: windows of
    ``window`` sentences go to fold ``w % folds``, and each fold is tagged by a network
    trained on the others (``jobs`` folds at a time, one thread each)."""
    tasks = []
    for k in range(folds):
        held = [j for j in range(len(sentences)) if (j // window) % folds == k]
        held_set = set(held)
        rest = [j for j in range(len(sentences)) if j not in held_set]
        tasks.append(([sentences[j] for j in rest], [xseqs[j] for j in rest],
                      [sentences[j] for j in held], [xseqs[j] for j in held], seed, epochs,
                      held))
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_fold_probs, tasks))
    else:
        results = [_fold_probs(task) for task in tasks]
    out: list[np.ndarray] = [np.zeros((0, len(TAGS)), dtype=np.float32) for _ in sentences]
    for task, fold_probs in zip(tasks, results, strict=True):
        for j, p in zip(task[6], fold_probs, strict=True):
            out[j] = p
    if log:
        print(f"neural jackknife: {folds} folds done", flush=True)
    return out


def _fold_probs(task: tuple[Any, ...]) -> list[np.ndarray]:
    rest, rest_x, held, held_x, seed, epochs, _ = task
    net, meta = train_model(rest, rest_x, seed=seed, epochs=epochs)
    return predict(net, meta, held, held_x)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--select", action="store_true",
                        help="train on the train part and print F1 on the tune blocks each epoch")
    parser.add_argument("--out", help="train on all but dev and write neural.onnx/.json here")
    args = parser.parse_args(argv)
    sentences = read_conll(args.conll)
    if args.select:
        train, tune = split_part(sentences, "train"), split_part(sentences, "tune")
        train_model(train, feature_seqs(train), seed=args.seed, epochs=args.epochs,
                    check=(tune, feature_seqs(tune)), log=True)
    if args.out:
        fit = split_part(sentences, "fit", seed=args.seed)
        net, meta = train_model(fit, feature_seqs(fit), seed=args.seed, epochs=args.epochs,
                                log=True)
        export(net, meta, args.out)


if __name__ == "__main__":
    main()
