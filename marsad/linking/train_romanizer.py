"""Train the newsroom-style romaniser (``romanizer.py``) from the Wikidata name tokens.

    python -m marsad.linking.train_romanizer [--shared ../shared] [--out FILE] [--eval]

Steps (deterministic: the same input gives the same file; no randomness is used):

1. *Pairs.* Each line of ``wikidata-name-tokens`` is an English name token, its Arabic
   spelling letter by letter and a count. Accents are folded and the English lower-cased;
   an article on both sides (``الحربي`` / ``alharbi``) is set aside, since names get their
   article back by rule.
2. *Alignment.* Expectation-maximisation over monotone alignments in which each Arabic
   letter stands for 0 to ``MAX_CHUNK`` English letters (``محمد`` = م|mo ح|ha م|mme د|d),
   then each pair's single best alignment.
3. *Arabic style.* Most of the tokens are European, Latin American or Asian names written
   in Arabic letters (غراهام, خوسيه), whose conventions (غ as g, خ as j, ب as p) are not
   those of Arabic names in English. A pair is kept when its best alignment uses none of
   the spellings that only transliterations *into* Arabic use (``FOREIGN``), its English has
   no letters Arabic names do not take (c outside ch, p, v, x), and its Arabic either has a
   letter foreign names rarely need (ح خ ع غ ص ض ط ظ ق ث ذ ة) or ends like an Arabic
   name; then EM is run again on the kept pairs alone.
4. *Model.* Counts of letter|spelling units in trigram contexts (``romanizer.py`` reads
   them with Witten-Bell interpolation); spellings seen once for a letter are dropped.

``--eval`` holds out one pair in ten (by a hash of the Arabic) from steps 2-4 and prints
the share of held-out words whose first (or any of the five best) spelling is the
Wikidata one.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .romanizer import ARABIC_WORD, BOS, EOS, MODEL_FILE, ORDER, Romanizer, letters

MAX_CHUNK = 4
EM_ROUNDS = 6
# Spellings kept per Arabic letter (the most frequent; the rest are alignment noise).
KEEP_CHOICES = 24
TOKENS = "data/gazetteers/wikidata-name-tokens/wd_arabic.normalized.aligned.tokens"
# Letter spellings that mark a name written *into* Arabic from another language.
FOREIGN = {("غ", "g"), ("خ", "j"), ("خ", "h"), ("خ", "x"), ("ب", "p"), ("ف", "v"),
           ("ك", "c"), ("ك", "ck"), ("ج", "g"), ("ش", "sch"), ("ش", "ch"), ("ج", "dj"), ("ت", "tt")}
_NON_ARABIC_EN = re.compile(r"c(?!h)|p|v|x")
_ARABIC_LETTERS = set("حخعغصضطظقثذة")
_ARABIC_ENDINGS = ("ي", "ه", "ة", "ان", "ون", "ين", "ات", "اوي")


@dataclass(frozen=True)
class Pair:
    arabic: str
    english: str
    weight: float


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch)).casefold()


def read_pairs(path: Path) -> list[Pair]:
    """The usable pairs of the token file, article set aside, merged by (arabic, english)."""
    if not path.is_file():
        raise InputError("Wikidata name tokens not found", where=str(path))
    weights: Counter[tuple[str, str]] = Counter()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cols = line.split("\t")
        if len(cols) != 3 or not cols[2].strip().isdigit():
            raise InputError(f"line {lineno}: expected english<TAB>arabic<TAB>count",
                             where=str(path))
        english = fold(cols[0])
        arabic = letters("".join(cols[1].split()))
        if not english.isalpha() or not english.isascii() or not ARABIC_WORD.match(arabic):
            continue
        if arabic.startswith("ال") and len(arabic) > 4 and english[:2] in ("al", "el"):
            arabic, english = arabic[2:], english[2:].lstrip("-")
        if not english or len(english) > MAX_CHUNK * len(arabic):
            continue
        weights[(arabic, english)] += int(cols[2])
    # a count says how often the spelling is used: weigh it, but sublinearly, so that one
    # very common name does not decide every letter
    return [Pair(a, e, 1.0 + math.log(c)) for (a, e), c in sorted(weights.items())]


# ------------------------------------------------------------------- alignment (EM)
def _chunks(english: str, j: int) -> Iterable[tuple[int, str]]:
    for k in range(0, min(MAX_CHUNK, j) + 1):
        yield k, english[j - k:j]


def em(pairs: list[Pair], rounds: int = EM_ROUNDS) -> dict[tuple[str, str], float]:
    """P(spelling | letter) from monotone alignments, by expectation-maximisation."""
    theta: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    for _ in range(rounds):
        expected: dict[tuple[str, str], float] = defaultdict(float)
        for pair in pairs:
            a, e = pair.arabic, pair.english
            n, m = len(a), len(e)
            # edges[i][j]: (k, unit, theta) for letter i ending at English position j
            edges = [[[(k, (a[i], c), theta[(a[i], c)]) for k, c in _chunks(e, j)]
                      for j in range(m + 1)] for i in range(n)]
            fwd = [[0.0] * (m + 1) for _ in range(n + 1)]
            fwd[0][0] = 1.0
            for i in range(1, n + 1):
                row, prev, cells = fwd[i], fwd[i - 1], edges[i - 1]
                for j in range(m + 1):
                    row[j] = sum(prev[j - k] * t for k, _u, t in cells[j])
            total = fwd[n][m]
            if total <= 0:
                continue
            bwd = [[0.0] * (m + 1) for _ in range(n + 1)]
            bwd[n][m] = 1.0
            scale = pair.weight / total
            for i in range(n, 0, -1):
                prev, nxt, back, cells = fwd[i - 1], bwd[i], bwd[i - 1], edges[i - 1]
                for j in range(m + 1):
                    b = nxt[j]
                    if not b:
                        continue
                    for k, unit, t in cells[j]:
                        tb = t * b
                        f = prev[j - k]
                        if f:
                            expected[unit] += f * tb * scale
                        back[j - k] += tb
        by_letter: dict[str, float] = defaultdict(float)
        for (ch, _c), v in expected.items():
            by_letter[ch] += v
        theta = defaultdict(float, {(ch, c): v / by_letter[ch] for (ch, c), v in expected.items()})
    return dict(theta)


def best_alignment(pair: Pair, theta: dict[tuple[str, str], float]) -> list[str] | None:
    """The most probable letter|spelling units of one pair (None when none exists)."""
    a, e = pair.arabic, pair.english
    n, m = len(a), len(e)
    best: list[list[tuple[float, int]]] = [[(-math.inf, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0.0, 0)
    for i in range(1, n + 1):
        for j in range(m + 1):
            top = (-math.inf, 0)
            for k, c in _chunks(e, j):
                p = theta.get((a[i - 1], c), 0.0)
                if p > 0 and best[i - 1][j - k][0] > -math.inf:
                    s = best[i - 1][j - k][0] + math.log(p)
                    if s > top[0]:
                        top = (s, k)
            best[i][j] = top
    if best[n][m][0] == -math.inf:
        return None
    units: list[str] = []
    j = m
    for i in range(n, 0, -1):
        k = best[i][j][1]
        units.append(f"{a[i - 1]}|{e[j - k:j]}")
        j -= k
    return units[::-1]


def maybe_arabic(pair: Pair) -> bool:
    """The letters alone allow an Arabic name (checked before any alignment)."""
    if _NON_ARABIC_EN.search(pair.english):
        return False
    return bool(_ARABIC_LETTERS & set(pair.arabic)) or pair.arabic.endswith(_ARABIC_ENDINGS)


def arabic_style(pair: Pair, units: list[str]) -> bool:
    if not maybe_arabic(pair):
        return False
    return not any(tuple(u.split("|", 1)) in FOREIGN for u in units)


# ----------------------------------------------------------------------- the model
def count_ngrams(aligned: list[tuple[list[str], float]], order: int
                 ) -> tuple[dict[tuple[str, ...], Counter[str]], dict[str, list[str]]]:
    counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    per_letter: dict[str, Counter[str]] = defaultdict(Counter)
    for units, weight in aligned:
        seq = [BOS] * (order - 1) + units + [EOS]
        w = max(1, round(weight))
        for i in range(order - 1, len(seq)):
            for n in range(order):
                counts[tuple(seq[i - n:i])][seq[i]] += w
        for u in units:
            ch, spelling = u.split("|", 1)
            per_letter[ch][spelling] += 1
    choices = {ch: [s for s, c in spellings.most_common(KEEP_CHOICES) if c >= 2]
               for ch, spellings in per_letter.items()}
    return counts, choices


def train(pairs: list[Pair], order: int = ORDER
          ) -> tuple[dict[tuple[str, ...], Counter[str]], dict[str, list[str]], int]:
    """(n-gram counts, spellings per letter, number of Arabic-style pairs kept)."""
    pairs = [p for p in pairs if maybe_arabic(p)]
    theta = em(pairs)
    kept = []
    for pair in pairs:
        units = best_alignment(pair, theta)
        if units is not None and arabic_style(pair, units):
            kept.append(pair)
    theta = em(kept)
    aligned = [(u, p.weight) for p in kept if (u := best_alignment(p, theta)) is not None]
    counts, choices = count_ngrams(aligned, order)
    return counts, choices, len(kept)


def write_model(counts: dict[tuple[str, ...], Counter[str]], choices: dict[str, list[str]],
                out: Path, *, kept: int, order: int) -> None:
    lines = [
        "# Marsad romaniser: a joint n-gram model over Arabic letter|English spelling units,",
        "# trained by marsad/linking/train_romanizer.py from wikidata-name-tokens (Wikidata,",
        f"# CC0 1.0): {kept} Arabic-style pairs. Rows: choice<TAB>letter<TAB>spellings",
        "# (_ = no letters) and ngram<TAB>context<TAB>unit<TAB>count.",
        f"order\t{order}",
    ]
    for ch in sorted(choices):
        lines.append(f"choice\t{ch}\t{' '.join(s or '_' for s in choices[ch])}")
    allowed = {f"{ch}|{s}" for ch, spellings in choices.items() for s in spellings} | {EOS}
    for context in sorted(counts):
        if any(u not in allowed and u != BOS for u in context):
            continue
        for unit, c in sorted(counts[context].items()):
            if unit in allowed and (c >= 2 or not context):
                lines.append(f"ngram\t{' '.join(context)}\t{unit}\t{c}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def held_out(arabic: str) -> bool:
    return int(hashlib.sha1(arabic.encode("utf-8")).hexdigest(), 16) % 10 == 0


def evaluate(pairs: list[Pair], model_path: Path) -> dict[str, float]:
    """Top-1 and top-5 accuracy on held-out Arabic-style words (the most used spelling)."""
    model = Romanizer.load(model_path)
    best: dict[str, tuple[float, str]] = {}
    for p in pairs:
        if held_out(p.arabic) and (p.weight, p.english) > best.get(p.arabic, (0.0, "")):
            best[p.arabic] = (p.weight, p.english)
    theta = em([p for p in pairs if not held_out(p.arabic)], rounds=3)
    words = []
    for arabic, (weight, english) in sorted(best.items()):
        units = best_alignment(Pair(arabic, english, weight), theta)
        if units is not None and arabic_style(Pair(arabic, english, weight), units):
            words.append((arabic, english))
    top1 = top5 = 0
    for arabic, english in words:
        spellings = [s.text for s in model.spell(arabic, 5)]
        top1 += bool(spellings) and spellings[0] == english
        top5 += english in spellings
    n = len(words) or 1
    return {"words": len(words), "top1": round(top1 / n, 3), "top5": round(top5 / n, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[2]
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--out", type=Path, default=root / "marsad" / "data" / "gazetteer" / MODEL_FILE)
    parser.add_argument("--order", type=int, default=ORDER)
    parser.add_argument("--eval", action="store_true",
                        help="train without one pair in ten and score on them (no model written "
                             "to --out unless it is given)")
    args = parser.parse_args()
    pairs = read_pairs(args.shared / TOKENS)
    if args.eval:
        train_pairs = [p for p in pairs if not held_out(p.arabic)]
        counts, choices, kept = train(train_pairs, args.order)
        tmp = Path(args.out).with_suffix(".eval.tsv")
        write_model(counts, choices, tmp, kept=kept, order=args.order)
        print(evaluate(pairs, tmp))
        tmp.unlink()
        return
    counts, choices, kept = train(pairs, args.order)
    write_model(counts, choices, args.out, kept=kept, order=args.order)
    print(f"{len(pairs)} pairs, {kept} Arabic-style -> {args.out}")


if __name__ == "__main__":
    main()
