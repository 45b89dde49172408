"""``marsad eval actors``: actor recall and code accuracy on the PLOVER Arabic GSR spans.

A spans file (``*_spans_*.json``, the Open Event Data Alliance's Arabic gold standard) lists
sentences with, for each annotator, the words of the event's source and target actors and
their CAMEO code (``main``: a country; ``role``: a sector), and the words all annotators
agreed on (``source_gold``, ``target_gold``). Each sentence is run through the whole
pipeline (``marsad extract``), and for each role with agreed words:

- *found*: some actor of that role, in any event of the sentence that is not negated,
  shares a word with the agreed words (words compared in matching form, clitics aside);
- *country*: the found actor's country is the annotators' (the most given among the
  annotators whose span shares a word with the agreed words; on a tie, any of the tied
  values), over the actors whose annotators gave a country (ISO alpha-3; ``INT``, ``IMG``
  and other non-state codes count as no country); a missed actor is wrong;
- *sector*: the same for the sector, over the actors whose annotators gave one.

``--part`` picks the sentences of a fixed half of the documents (by a hash of the document
id, so both parts hold whole documents): ``tune`` is the half the tables were checked
against, ``check`` the other, ``all`` both. Files other than the shipped training ones
(the held-out half) are scored whole unless a part is named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError
from ..lexicons.matcher import token_forms
from ..scoring import Ratio
from ..text import tokenize
from .tables import SECTORS

GSR_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "events" / \
    "plover-arabic-gsr"
TRAINING_FILES = ("assault_spans_train.json", "protest_spans_train.json")
PARTS = ("tune", "check", "all")
ROLES = ("source", "target")
# Stages an event actor depends on; quotes add nothing to it.
STAGES = ("text", "entities", "linking", "actors", "dates", "events", "actor_codes")


@dataclass(frozen=True)
class GoldActor:
    role: str
    words: frozenset[str]
    countries: frozenset[str]  # the annotators' most given country codes (ties: all)
    sectors: frozenset[str]


@dataclass(frozen=True)
class GoldSentence:
    id: str
    document: str
    text: str
    event_type: str
    actors: tuple[GoldActor, ...]
    where: str



@dataclass
class ActorReport:
    sentences: int = 0
    recall: Ratio = field(default_factory=Ratio)
    recall_any_role: Ratio = field(default_factory=Ratio)
    country: Ratio = field(default_factory=Ratio)
    sector: Ratio = field(default_factory=Ratio)
    country_none: Ratio = field(default_factory=Ratio)  # no country given, none predicted
    country_found: Ratio = field(default_factory=Ratio)  # on found actors only
    sector_found: Ratio = field(default_factory=Ratio)
    by_role: dict[str, Ratio] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "actors": self.recall.total,
                "recall": self.recall.as_dict(), "recall_any_role": self.recall_any_role.as_dict(),
                "country": self.country.as_dict(), "sector": self.sector.as_dict(),
                "country_none_kept": self.country_none.as_dict(),
                "country_on_found": self.country_found.as_dict(),
                "sector_on_found": self.sector_found.as_dict(),
                "recall_by_role": {r: v.as_dict() for r, v in sorted(self.by_role.items())}}

    def table(self, title: str) -> str:
        rows = [(f"actor recall ({self.recall.total} actors)", self.recall),
                ("  any role", self.recall_any_role),
                *((f"  {r}", v) for r, v in sorted(self.by_role.items())),
                ("country accuracy (missed = wrong)", self.country),
                ("sector accuracy (missed = wrong)", self.sector),
                ("no country where none was given", self.country_none),
                ("country on found actors", self.country_found),
                ("sector on found actors", self.sector_found)]
        out = [f"{title}: {self.sentences} sentences"]
        out += [f"  {name:<36} {r.value:6.3f}  ({r.right}/{r.total})" for name, r in rows]
        return "\n".join(out)


def part_of(document: str) -> str:
    """``tune`` or ``check``: a fixed half of the documents, by a hash of the id."""
    return "tune" if hashlib.sha1(document.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def word_keys(text: str) -> set[str]:
    """The matching forms of the words of ``text``, with and without the article."""
    keys: set[str] = set()
    for form in token_forms(text, tokenize(text)):
        if form and form[0].isalpha():
            keys.add(form)
            if form.startswith("ال") and len(form) > 3:
                keys.add(form[2:])
    return keys


def _majority(values: list[str]) -> frozenset[str]:
    if not values:
        return frozenset()
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    top = max(counts.values())
    return frozenset(v for v, n in counts.items() if n == top)


def _country(code: Any) -> str | None:
    if isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper() \
            and code not in _NOT_COUNTRIES:
        return code
    return None


# CAMEO "main" codes that are not states: international, international militarised group,
# intergovernmental and non-governmental bodies, Kurds as a people.
_NOT_COUNTRIES = frozenset({"INT", "IMG", "IGO", "NGO", "KUR", "UNK", "NON"})


def _gold_actors(record: dict[str, Any]) -> tuple[GoldActor, ...]:
    out = []
    for role in ROLES:
        common = str(record.get(f"{role}_gold") or "")
        words = word_keys(common)
        if not words:
            continue
        countries: list[str] = []
        sectors: list[str] = []
        for span in record.get("spans") or []:
            if not isinstance(span, dict):
                continue
            mine = word_keys(" ".join(span.get(f"{role}_actor") or []))
            code = span.get(f"{role}_role")
            if not (mine & words) or not isinstance(code, dict):
                continue
            country = _country(code.get("main"))
            if country:
                countries.append(country)
            sector = code.get("role")
            if sector in SECTORS:
                sectors.append(sector)
            elif code.get("main") in ("IGO", "NGO") and sector in (None, "None"):
                sectors.append(str(code["main"]))  # the UN coded IGO as its "country"
        out.append(GoldActor(role, frozenset(words), _majority(countries), _majority(sectors)))
    return tuple(out)


def read_spans(path: str | Path) -> list[GoldSentence]:
    """The sentences of one spans file; a malformed file names itself."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot read spans file: {e.strerror}", where=str(p)) from e
    except json.JSONDecodeError as e:
        raise InputError(f"not JSON ({e.msg}, line {e.lineno})", where=str(p)) from e
    if not isinstance(data, list):
        raise InputError("a spans file is a JSON list of sentences", where=str(p))
    out = []
    for n, record in enumerate(data):
        where = f"{p}[{n}]"
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError("a sentence needs a text", where=where)
        sid = str(record.get("source") or record.get("_id") or n)
        out.append(GoldSentence(sid, sid.rsplit("-", 1)[0], record["text"],
                                str(record.get("event_type") or ""), _gold_actors(record), where))
    return out


def training_files() -> list[Path]:
    return [GSR_DIR / name for name in TRAINING_FILES]


def select(sentences: Iterable[GoldSentence], part: str) -> list[GoldSentence]:
    return [s for s in sentences if part == "all" or part_of(s.document) == part]


Predict = Callable[[str], Document]


def extract_sentence(text: str) -> Document:
    from ..api_python import extract

    return extract(text, stages=STAGES)


def score(sentences: Sequence[GoldSentence], predict: Predict = extract_sentence) -> ActorReport:
    report = ActorReport()
    for sent in sentences:
        doc = predict(sent.text)
        report.sentences += 1
        predicted: dict[str, list[tuple[set[str], Any]]] = {r: [] for r in ROLES}
        for ev in doc.events:
            if ev.negated:
                continue
            for role in ROLES:
                for actor in getattr(ev, f"{role}_actors"):
                    predicted[role].append((word_keys(doc.text[actor.start:actor.end]), actor))
        for gold in sent.actors:
            hits = [(len(keys & gold.words), actor) for keys, actor in predicted[gold.role]
                    if keys & gold.words]
            match = max(hits, key=lambda h: h[0])[1] if hits else None
            anywhere = any(keys & gold.words for role in ROLES for keys, _ in predicted[role])
            report.recall.add(match is not None)
            report.recall_any_role.add(anywhere)
            report.by_role.setdefault(gold.role, Ratio()).add(match is not None)
            if gold.countries:
                ok = match is not None and match.country in gold.countries
                report.country.add(ok)
                if match is not None:
                    report.country_found.add(ok)
            elif match is not None:
                report.country_none.add(match.country is None)
            if gold.sectors:
                ok = match is not None and match.sector in gold.sectors
                report.sector.add(ok)
                if match is not None:
                    report.sector_found.add(ok)
            if match is None:
                report.errors.append(f"{sent.id}\t{gold.role}\tmissed")
            else:
                report.errors.append(
                    f"{sent.id}\t{gold.role}\t{doc.text[match.start:match.end]}\t"
                    f"{match.country}/{match.sector}\tgold "
                    f"{'|'.join(sorted(gold.countries)) or '-'}/{'|'.join(sorted(gold.sectors)) or '-'}")
    return report


def gold_span(doc: Document, gold: GoldActor) -> tuple[int, int, str | None] | None:
    """Where the annotators' agreed words are in the text, and the entity they name: the
    run of tokens (gaps of one word allowed) holding most of the words; a person or an
    organisation named there, else a place that is the whole run, else none (nominal)."""
    tokens = doc.tokens or tokenize(doc.text)
    forms = token_forms(doc.text, tokens)
    hits = [i for i, f in enumerate(forms) if f in gold.words
            or (f.startswith("ال") and f[2:] in gold.words)]
    if not hits:
        return None
    runs: list[list[int]] = [[hits[0]]]
    for i in hits[1:]:
        if i - runs[-1][-1] <= 2:
            runs[-1].append(i)
        else:
            runs.append([i])
    run = max(runs, key=len)
    start, end = tokens[run[0]].base_start, tokens[run[-1]].end
    inside = [(ent, m) for ent in doc.entities for m in ent.mentions
              if m.start < end and start < m.end]
    named = [ent for ent, _ in inside if ent.type not in ("GPE", "LOC", "FAC")]
    if named:
        return start, end, named[0].id
    whole = [ent for ent, m in inside if m.start <= start and end <= m.end]
    return start, end, whole[0].id if whole else None


def score_codes(sentences: Sequence[GoldSentence], predict: Predict = extract_sentence,
                coder: Any = None) -> ActorReport:
    """The coder alone: each gold actor coded at the annotators' own span."""
    from . import default_coder

    coder = coder or default_coder()
    report = ActorReport()
    for sent in sentences:
        doc = predict(sent.text)
        report.sentences += 1
        for gold in sent.actors:
            found = gold_span(doc, gold)
            report.recall.add(found is not None)
            if found is None:
                continue
            code = coder.code_actor(doc, *found)
            if gold.countries:
                report.country.add(code.country in gold.countries)
            else:
                report.country_none.add(code.country is None)
            if gold.sectors:
                report.sector.add(code.sector in gold.sectors)
            report.errors.append(
                f"{sent.id}\t{gold.role}\t{doc.text[found[0]:found[1]]}\t{found[2]}\t"
                f"{code.country}/{code.sector}\tgold {'|'.join(sorted(gold.countries)) or '-'}/"
                f"{'|'.join(sorted(gold.sectors)) or '-'}")
    return report


def evaluate(paths: Sequence[Path], parts: Sequence[str]) -> dict[str, dict[str, ActorReport]]:
    """``{part: {"end_to_end": ..., "coder_alone": ...}}`` over the spans files."""
    sentences = [s for p in paths for s in read_spans(p)]
    docs: dict[str, Document] = {}  # each sentence is extracted once for both scores

    def predict(text: str) -> Document:
        if text not in docs:
            docs[text] = extract_sentence(text)
        return docs[text]

    return {part: {"end_to_end": score(select(sentences, part), predict),
                   "coder_alone": score_codes(select(sentences, part), predict)}
            for part in parts}


def evaluate_cli(args: Any) -> int:
    """``marsad eval actors [--gold FILE...] [--part tune|check|all]``."""
    paths = [Path(p) for p in (args.gold or [])] or training_files()
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputError("no such spans file (the PLOVER Arabic GSR spans are read from "
                         f"{GSR_DIR})", where=str(missing[0]))
    parts = [args.part] if args.part else (["tune", "check"] if not args.gold else ["all"])
    results = evaluate(paths, parts)
    if args.json:
        print(json.dumps({p: {k: r.as_dict() for k, r in kinds.items()}
                          for p, kinds in results.items()}, indent=2))
        return 0
    names = ", ".join(p.name for p in paths)
    for part, kinds in results.items():
        print(kinds["end_to_end"].table(f"actors end to end, {names}, part {part}"))
        alone = kinds["coder_alone"]
        print(f"  coder alone, on the annotators' spans: country {alone.country.value:.3f} "
              f"({alone.country.right}/{alone.country.total}), sector {alone.sector.value:.3f} "
              f"({alone.sector.right}/{alone.sector.total})")
        if args.verbose:
            print("\n".join(kinds["end_to_end"].errors))
        print()
    return 0
