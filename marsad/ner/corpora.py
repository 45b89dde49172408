"""Training and test corpora besides ANERcorp, brought to its BIO scheme (PERS ORG LOC MISC).

- **Wojood** (the sample released with SinaLab/ArabicNER; nested, several tags a token):
  each token takes the first of its tags whose type maps to ANERcorp's (``WOJOOD_TYPES``:
  GPE and LOC are LOC; WEBSITE is ORG, as news names social networks; EVENT, LAW and
  PRODUCT are MISC; FAC, NORP, OCC, dates and numbers are O: ANERcorp leaves most
  buildings untagged, and the entities stage finds facilities by their head words). The
  ``$#$`` segment marks are dropped. ``wojood_part`` cuts it into blocks of sentences, as
  ``split.py`` does ANERcorp, to hold some out.
- **Real news** (the gold corpus ``tests/realnews/``): the article text is joined from
  SaudiNewsNet at run time (its licence lets the project ship no text), cut into sentences
  and tokens by Marsad's text layer, and each token takes the type of the gold mention
  that covers it (PER -> PERS, ORG -> ORG, GPE/LOC -> LOC; FAC is O, as above; NORP is
  optional in the gold and left O). Tokens are the words as written, clitics attached, like ANERcorp's.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .conll import Sentence, repair_bio

WOJOOD_TYPES = {"PERS": "PERS", "PER": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC",
                "WEBSITE": "ORG", "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC"}
GOLD_TYPES = {"PER": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
WOJOOD_BLOCK = 20  # sentences; one block in EVERY goes to the held-out part
WOJOOD_EVERY = 5


def _wojood_tag(cols: list[str]) -> str:
    for raw in cols:
        prefix, sep, label = raw.partition("-")
        if sep and prefix in ("B", "I") and label in WOJOOD_TYPES:
            return f"{prefix}-{WOJOOD_TYPES[label]}"
    return "O"


def read_wojood(path: str | Path) -> list[Sentence]:
    """The sentences of a Wojood file in ANERcorp's scheme (see the module docstring)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the Wojood file: {e}", where=str(path)) from e
    out: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in lines + [""]:
        cols = line.split()
        if not cols:
            if tokens:
                out.append(Sentence(tokens, repair_bio(tags)))
                tokens, tags = [], []
            continue
        if cols[0] == "$#$":
            continue
        tokens.append(cols[0])
        tags.append(_wojood_tag(cols[1:]))
    return out


def wojood_part(sentences: list[Sentence], part: str) -> list[Sentence]:
    """``train`` (four blocks in five) or ``heldout`` (the fifth)."""
    keep = []
    for i, sent in enumerate(sentences):
        held = (i // WOJOOD_BLOCK) % WOJOOD_EVERY == WOJOOD_EVERY - 1
        if held == (part == "heldout"):
            keep.append(sent)
    return keep


def realnews_sentences(gold: str | Path) -> list[Sentence]:
    """The articles of a real-news gold file as tagged sentences (text from the corpus)."""
    from ..document import Document
    from ..eval.corpus import join_text, read_gold
    from ..pipeline import Pipeline

    items = read_gold(gold)
    records = join_text(items)
    text_stage = Pipeline(["text"])
    out: list[Sentence] = []
    for item in items:
        text = records[int(item["record"])].text
        doc = text_stage.run(Document(text))
        spans = sorted((s, e, GOLD_TYPES[ent["type"]]) for ent in item["entities"]
                       if ent["type"] in GOLD_TYPES for s, e in ent["mentions"])
        for sent in doc.sentences:
            toks = list(doc.tokens_in(sent))
            if not toks:
                continue
            tags = []
            prev: tuple[int, int, str] | None = None
            for tok in toks:
                span = next((sp for sp in spans if sp[0] < tok.end and tok.base_start < sp[1]),
                            None)
                if span is None:
                    tags.append("O")
                else:
                    tags.append(("I-" if span == prev else "B-") + span[2])
                prev = span
            out.append(Sentence([text[t.start:t.end] for t in toks], tags))
    return out
