"""The trained event detector: for each trigger candidate, its PLOVER type or none.

The lexicon finds candidates with high recall (every trigger word, with the roles the rules
give it and what the hand rules noticed: a plan, a negation, a purpose, background, the
content of a governing verb, a match report). A softmax regression over sparse features
then decides, per candidate, which PLOVER type it reports as having taken place, or
``NONE`` (not an event, or not one that happened). The weights are trained by
``marsad train events`` (``marsad.events.training``) and ship in
``marsad/data/events/detector.npz``; see ``marsad/events/MODEL_CARD.md``.

Features are strings: the lexicon type and rule, the trigger's reading (stem, prefix,
suffix, definiteness), the rules' flags, whether the candidate has a source, a target, a
place and a date and of what kind, the words around the trigger, casualty/violence/protest
cue words in the sentence, and the other candidates of the sentence. Each is also
conjoined with the lexicon type, so "planned" can weigh differently for CONSULT and ASSAULT.
"""

from __future__ import annotations

import bisect
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..document import Document, Token
from ..errors import ConfigError
from .actors import NOMINAL
from .drafts import Draft
from .lexicon import Lexicon, load_lexicon

NONE = "NONE"
MODEL_NAME = "detector.npz"
CUE_KINDS = ("dead", "injured", "violent", "protest", "trial", "sports", "criminal", "speech")
WINDOW = 2  # words either side of the trigger used as features
# A candidate is an event when the model gives its best type at least THRESHOLD; when the
# hand rules keep it too (no flag raised), RULES_FLOOR is enough: the two disagree most on
# the project's own event kinds, where the GSR (ASSAULT and PROTEST only) teaches least.
# Chosen by cross-validation on the GSR training half (docs/events.md).
THRESHOLD = 0.5
RULES_FLOOR = 0.25


@dataclass(frozen=True)
class Candidate:
    """One candidate's features, as the model sees them."""

    features: tuple[str, ...]


def _sentence_tokens(doc: Document) -> list[list[Token]]:
    starts = [t.start for t in doc.tokens]
    out = []
    for sent in doc.sentences:
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        out.append(list(doc.tokens[lo:hi]))
    return out


def _kind(doc: Document, actor_id: str) -> str:
    if actor_id.startswith(NOMINAL):
        return "NOM"
    ent = doc.entity(actor_id)
    return ent.type if ent is not None else "?"


def featurize(doc: Document, candidates: list[Draft], lexicon: Lexicon | None = None) -> list[list[str]]:
    """The feature strings of every candidate of a document."""
    lexicon = lexicon or load_lexicon()
    by_sentence = _sentence_tokens(doc)
    types_in: dict[int, list[str]] = {}
    for c in candidates:
        types_in.setdefault(c.sentence, []).append(c.match.type)
    kinds_cache: dict[int, set[str]] = {}
    out = []
    for c in candidates:
        tokens = by_sentence[c.sentence] if c.sentence < len(by_sentence) else []
        words = [t.norm for t in tokens]
        if c.sentence not in kinds_cache:
            kinds_cache[c.sentence] = lexicon.kinds_in(words, CUE_KINDS)
        out.append(_features(doc, c, words, kinds_cache[c.sentence], types_in[c.sentence]))
    return out


def _features(doc: Document, c: Draft, words: list[str], kinds: set[str],
              types: list[str]) -> list[str]:
    m = c.match
    t = m.type
    an = m.reading
    base = [
        "bias",
        f"rule:{m.rule.text}",
        f"pos:{m.rule.pos}",
        f"stem:{an.stem}",
        f"pre:{an.prefix.lstrip('وف')}",
        f"suf:{an.suffix}",
        f"mode:{c.mode}",
    ]
    if an.definite:
        base.append("definite")
    if c.light:
        base.append("light")
    base += [f"flag:{f}" for f in sorted(c.flags)]
    base.append("src" if c.source else "nosrc")
    base.append("tgt" if c.target else "notgt")
    if c.source:
        base.append(f"srckind:{_kind(doc, c.source[0])}")
    if c.target:
        base.append(f"tgtkind:{_kind(doc, c.target[0])}")
    if c.location:
        base.append("loc")
    if c.date:
        base.append("date")
    if "dead" in c.attrs or "injured" in c.attrs:
        base.append("toll")
    if c.sentence == 0:
        base.append("first_sentence")
    base.append(f"others:{min(len(types) - 1, 3)}")
    base += [f"other:{o}" for o in sorted(set(types)) if o != t]
    # conjoined with the lexicon type, so the GSR's many ASSAULT and PROTEST negatives do
    # not teach NONE to the other types; the rules' flags are shared as well
    out = [f"{f}|{t}" for f in base] + [f for f in base if f.startswith("flag:")]
    # the sentence's cue words say what kind of story it is, the same for every type
    out += [f"cue:{k}" for k in sorted(kinds)]
    anchor = m.anchor
    for k in range(1, WINDOW + 1):
        before = words[anchor - k] if anchor - k >= 0 else "<s>"
        after = words[anchor + k] if anchor + k < len(words) else "</s>"
        out.append(f"w-{k}:{before}")
        out.append(f"w+{k}:{after}")
    out.append(f"w-1|{t}:{words[anchor - 1] if anchor > 0 else '<s>'}")
    out.append(f"w+1|{t}:{words[anchor + 1] if anchor + 1 < len(words) else '</s>'}")
    return out


class Model:
    """Softmax regression over sparse binary features: ``weights[feature, class]``."""

    def __init__(self, classes: list[str], features: list[str], weights: np.ndarray) -> None:
        self.classes = classes
        self.index = {f: i for i, f in enumerate(features)}
        self.features = features
        self.weights = weights.astype(np.float32)

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """One row of class probabilities per candidate, all candidates in one batch."""
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        flat: list[int] = []
        offsets = [0]
        for row in rows:
            flat += [self.index[f] for f in row if f in self.index]
            offsets.append(len(flat))
        scores = np.zeros((len(rows), len(self.classes)), dtype=np.float32)
        if flat:
            gathered = self.weights[np.asarray(flat)]
            owner = np.repeat(np.arange(len(rows)), np.diff(offsets))
            np.add.at(scores, owner, gathered)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path, meta: dict[str, str] | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            classes=np.array(self.classes),
            features=np.array(self.features),
            weights=self.weights.astype(np.float16),
            meta=np.array(sorted((meta or {}).items())),
        )
        path.write_bytes(buffer.getvalue())

    @classmethod
    def load(cls, path: Path | None = None) -> Model:
        try:
            if path is None:
                data = (resources.files("marsad") / "data" / "events" / MODEL_NAME).read_bytes()
            else:
                data = Path(path).read_bytes()
            arrays = np.load(io.BytesIO(data), allow_pickle=False)
            return cls([str(c) for c in arrays["classes"]], [str(f) for f in arrays["features"]],
                       arrays["weights"].astype(np.float32))
        except (OSError, KeyError, ValueError) as e:
            raise ConfigError(f"cannot read the event detector: {e}",
                              where=str(path or MODEL_NAME)) from e


class EventDetector:
    """Decides the type (or none) of each candidate with the trained model, in one batch."""

    def __init__(self, model: Model, lexicon: Lexicon | None = None, *,
                 threshold: float = THRESHOLD, rules_floor: float = RULES_FLOOR) -> None:
        self.model = model
        self.lexicon = lexicon or load_lexicon()
        self.threshold = threshold  # least probability of the chosen type
        self.rules_floor = rules_floor  # the same, for a candidate the hand rules keep

    def decide(self, doc: Document, candidates: list[Draft]) -> list[Draft]:
        if not candidates:
            return []
        probs = self.model.probabilities(featurize(doc, candidates, self.lexicon))
        kept = []
        none = self.model.classes.index(NONE)
        for draft, row in zip(candidates, probs, strict=True):
            best = int(np.argmax(np.where(np.arange(len(row)) == none, -1.0, row)))
            label = self.model.classes[best]
            if row[best] < self.threshold and not (
                not (draft.flags - {"negated"}) and label == draft.type and row[best] >= self.rules_floor
            ):
                continue
            if label != draft.type:
                draft.attrs["lexicon_type"] = draft.type
                draft.type = label
                if label != draft.match.type:
                    draft.mode = None
            draft.score = float(row[best])
            kept.append(draft)
        return kept


@lru_cache(maxsize=1)
def load_detector() -> EventDetector | None:
    """The shipped detector, or None when the package has no weights (rules decide)."""
    try:
        return EventDetector(Model.load())
    except ConfigError:
        return None
