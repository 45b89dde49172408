"""One scorer for every fact, on whole real articles (the real-news gold corpus).

``score_pair(gold, pred)`` compares two fact sets of one article in the gold line's shape
(entities with mentions, dates, events with actors, quotes); a Marsad document is brought to
that shape by ``facts_of_document`` from its contract JSON, so the scorer sees exactly what
users get. The same comparison scores a second annotation against the first (agreement).

How facts are paired, one to one, in text order:
- entity mentions: same type and overlapping spans (also reported ignoring the type);
  an entity's English name and codes are judged on the predicted entity that holds most of
  its matched mentions; the name must be one of the gold spellings, up to case, hyphens,
  doubled letters and short-vowel quality (``fold_name``; the exact figure is reported too);
- dates: overlapping spans; the value must be equal;
- events: same PLOVER type and the predicted trigger inside the gold event's sentence
  (``with actors``: also the same source and target, where an actor is the same when the
  spans overlap or both point to entities whose mentions overlap; an empty role matches
  only an empty role; CONSULT and COOPERATE also match with source and target swapped, as a
  meeting is joint); predicted events marked ``negated`` are not counted, since the gold
  holds only what happened;
- quotes: overlapping content spans; the speaker must be the same entity (or both unnamed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..document import EVENT_TYPES
from ..scoring import Counts, Ratio

SCORED_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC")
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
Span = tuple[int, int]


def _overlap(a: Any, b: Any) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span(obj: dict[str, Any]) -> Span:
    if "span" in obj:
        return (obj["span"][0], obj["span"][1])
    return (obj["start"], obj["end"])


def facts_of_document(doc: dict[str, Any]) -> dict[str, Any]:
    """A contract JSON document (``marsad/document@1``) in the gold line's shape."""
    entities = [{
        "id": e["id"], "type": e["type"], "mentions": [[m["start"], m["end"]] for m in e["mentions"]],
        "name_en": [e["name_en"]] if e.get("name_en") else [],
        "country": e.get("country"), "sector": e.get("sector"),
    } for e in doc.get("entities", [])]
    mentions = {e["id"]: e["mentions"] for e in entities}
    sentences = [(s["start"], s["end"]) for s in doc.get("sentences", [])]

    def actors(ev: dict[str, Any], role: str) -> list[dict[str, Any]]:
        coded = ev.get(f"{role}_actors")
        if coded:
            return [{"span": [a["start"], a["end"]], "entity": a.get("entity"),
                     "country": a.get("country"), "sector": a.get("sector")} for a in coded]
        out = []  # no coded actors: entity ids only; the actor is the mention in the sentence
        sent = (ev["sentence"]["start"], ev["sentence"]["end"])
        for eid in ev.get(role) or []:
            spans = mentions.get(eid) or []
            inside = [m for m in spans if _overlap(m, sent)] or spans[:1]
            if inside:
                ent = next(e for e in entities if e["id"] == eid)
                out.append({"span": inside[0], "entity": eid, "country": ent["country"],
                            "sector": ent["sector"]})
        return out

    events = [{
        "type": ev["type"], "trigger": [ev["trigger"]["start"], ev["trigger"]["end"]],
        "sentence": [ev["sentence"]["start"], ev["sentence"]["end"]],
        "source": actors(ev, "source"), "target": actors(ev, "target"),
        "location": list(ev.get("location") or []), "date": ev.get("date"),
        "happening": ev.get("cluster") or ev["id"],
    } for ev in doc.get("events", []) if not ev.get("negated")]
    return {
        "id": doc.get("id"), "entities": entities, "sentences": sentences,
        "dates": [{"span": [d["start"], d["end"]], "value": d.get("value")}
                  for d in doc.get("dates", [])],
        "events": events,
        "quotes": [{"span": [q["start"], q["end"]], "kind": q.get("kind"),
                    "speaker": q.get("speaker"), "via": q.get("via")}
                   for q in doc.get("quotes", [])],
    }


def normalize_name(name: str) -> str:
    """An English name folded for comparison: case, accents, hyphens, spaces, 'the'."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"[^a-z0-9]", "", s)


def fold_name(name: str) -> str:
    """``normalize_name`` less the spelling choices newsrooms differ on for one Arabic name:
    doubled letters and the quality of short vowels (Khaled/Khalid, Nasser/Naser,
    Mohammed/Muhammad). Letters written or not still differ (Fahd/Fahad, Otaibi/Thubaiti)."""
    s = normalize_name(name)
    s = s.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    s = s.translate(str.maketrans("eo", "iu"))
    return re.sub(r"(.)\1+", r"\1", s)



@dataclass
class Report:
    """Every count of one scoring run."""

    articles: int = 0
    entities: dict[str, Counts] = field(default_factory=dict)
    entities_untyped: Counts = field(default_factory=Counts)
    name_en: Ratio = field(default_factory=Ratio)  # over gold entities; a missed one is wrong
    name_en_found: Ratio = field(default_factory=Ratio)  # over gold entities that were found
    name_en_exact: Ratio = field(default_factory=Ratio)  # found, one of the gold spellings exactly
    entity_country: Ratio = field(default_factory=Ratio)
    entity_sector: Ratio = field(default_factory=Ratio)
    dates: Counts = field(default_factory=Counts)
    date_value: Ratio = field(default_factory=Ratio)  # over gold dates; a missed one is wrong
    date_value_found: Ratio = field(default_factory=Ratio)
    events: dict[str, Counts] = field(default_factory=dict)
    events_actors: dict[str, Counts] = field(default_factory=dict)
    happenings: Ratio = field(default_factory=Ratio)
    actor_recall: Ratio = field(default_factory=Ratio)  # gold actors of every gold event
    actor_country: Ratio = field(default_factory=Ratio)  # a missed actor counts as wrong
    actor_sector: Ratio = field(default_factory=Ratio)
    quotes: Counts = field(default_factory=Counts)
    quotes_speaker: Counts = field(default_factory=Counts)  # span and speaker
    quotes_full: Counts = field(default_factory=Counts)  # span, speaker and kind
    speaker_right: Ratio = field(default_factory=Ratio)  # on matched quotes
    kind_right: Ratio = field(default_factory=Ratio)
    misses: dict[str, int] = field(default_factory=dict)

    def miss(self, what: str) -> None:
        self.misses[what] = self.misses.get(what, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        def prf(c: Counts) -> dict[str, Any]:
            return {"p": round(c.precision, 4), "r": round(c.recall, 4), "f1": round(c.f1, 4),
                    "tp": c.tp, "fp": c.fp, "fn": c.fn}

        def ratio(r: Ratio) -> dict[str, Any]:
            return r.as_dict()

        def total(table: dict[str, Counts]) -> Counts:
            out = Counts()
            for c in table.values():
                out.add(c)
            return out

        return {
            "articles": self.articles,
            "entities": {"micro": prf(total(self.entities)), "untyped": prf(self.entities_untyped),
                         **{t: prf(self.entities[t]) for t in SCORED_TYPES if t in self.entities}},
            "name_en": {"accuracy": ratio(self.name_en), "on_found": ratio(self.name_en_found),
                        "on_found_exact": ratio(self.name_en_exact)},
            "entity_codes": {"country": ratio(self.entity_country),
                             "sector": ratio(self.entity_sector)},
            "dates": {"spans": prf(self.dates), "value_accuracy": ratio(self.date_value),
                      "value_on_found": ratio(self.date_value_found)},
            "events": {"micro": prf(total(self.events)),
                       "micro_with_actors": prf(total(self.events_actors)),
                       "happening_recall": ratio(self.happenings),
                       "types": {t: {"plain": prf(self.events[t]),
                                     "with_actors": prf(self.events_actors.get(t, Counts()))}
                                 for t in EVENT_TYPES if t in self.events}},
            "actors": {"recall": ratio(self.actor_recall), "country": ratio(self.actor_country),
                       "sector": ratio(self.actor_sector)},
            "quotes": {"spans": prf(self.quotes), "with_speaker": prf(self.quotes_speaker),
                       "with_speaker_and_kind": prf(self.quotes_full),
                       "speaker_accuracy": ratio(self.speaker_right),
                       "kind_accuracy": ratio(self.kind_right)},
            "misses": dict(sorted(self.misses.items(), key=lambda kv: -kv[1])),
        }

    def table(self) -> str:
        d = self.as_dict()
        out = [f"articles {d['articles']}", "",
               f"{'fact':<30} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]

        def row(name: str, c: dict[str, Any]) -> None:
            out.append(f"{name:<30} {c['p']:6.3f} {c['r']:6.3f} {c['f1']:6.3f} {c['tp'] + c['fn']:6d}")

        def acc(name: str, r: dict[str, Any]) -> None:
            out.append(f"{name:<30} {r['value']:6.3f}  ({r['right']}/{r['total']})")

        row("entities (micro)", d["entities"]["micro"])
        for t in SCORED_TYPES:
            if t in d["entities"]:
                row(f"  {t}", d["entities"][t])
        row("entities, type ignored", d["entities"]["untyped"])
        row("dates (spans)", d["dates"]["spans"])
        row("events (type, sentence)", d["events"]["micro"])
        row("events with actors", d["events"]["micro_with_actors"])
        for t, c in d["events"]["types"].items():
            p, a = c["plain"], c["with_actors"]
            out.append(f"  {t:<28} {p['p']:6.3f} {p['r']:6.3f} {p['f1']:6.3f} "
                       f"{p['tp'] + p['fn']:6d}   with actors F1 {a['f1']:.3f}")
        row("quotes (spans)", d["quotes"]["spans"])
        row("quotes with speaker", d["quotes"]["with_speaker"])
        row("quotes with speaker and kind", d["quotes"]["with_speaker_and_kind"])
        out.append("")
        acc("English names (all gold)", d["name_en"]["accuracy"])
        acc("English names (found)", d["name_en"]["on_found"])
        acc("English names (found, exact)", d["name_en"]["on_found_exact"])
        acc("entity country", d["entity_codes"]["country"])
        acc("entity sector", d["entity_codes"]["sector"])
        acc("date values (all gold)", d["dates"]["value_accuracy"])
        acc("date values (found)", d["dates"]["value_on_found"])
        acc("event happenings found", d["events"]["happening_recall"])
        acc("event actors found", d["actors"]["recall"])
        acc("event actor country", d["actors"]["country"])
        acc("event actor sector", d["actors"]["sector"])
        acc("quote speaker (matched)", d["quotes"]["speaker_accuracy"])
        acc("quote kind (matched)", d["quotes"]["kind_accuracy"])
        if self.misses:
            out += ["", "most missed (gold not found, by kind):"]
            out += [f"  {k:<40} {v:5d}" for k, v in list(d["misses"].items())[:15]]
        return "\n".join(out)


def _pair(golds: list[Any], preds: list[Any], ok: Any, score: Any = None) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) where ``ok``; best ``score`` first."""
    cands = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if ok(g, p):
                cands.append((-(score(g, p) if score else 0), i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _len_overlap(a: Any, b: Any) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_pair(gold: dict[str, Any], pred: dict[str, Any], report: Report) -> None:
    """Add one article's comparison to ``report``."""
    report.articles += 1
    ent_map = _score_entities(gold, pred, report)
    _score_dates(gold, pred, report)
    _score_events(gold, pred, report, ent_map)
    _score_quotes(gold, pred, report, ent_map)


def _mentions(entities: list[dict[str, Any]], types: Iterable[str]) -> list[tuple[Span, str, str]]:
    return sorted((tuple(m), e["type"], e["id"]) for e in entities if e["type"] in types
                  for m in e["mentions"])


def _score_entities(gold: dict[str, Any], pred: dict[str, Any], report: Report) -> dict[str, str]:
    gm = _mentions(gold["entities"], SCORED_TYPES)
    pm = _mentions(pred["entities"], SCORED_TYPES)
    typed = _pair(gm, pm, lambda g, p: g[1] == p[1] and _overlap(g[0], p[0]),
                  lambda g, p: _len_overlap(g[0], p[0]))
    for t in SCORED_TYPES:
        c = report.entities.setdefault(t, Counts())
        hit = sum(1 for i, _ in typed if gm[i][1] == t)
        c.tp += hit
        c.fn += sum(1 for m in gm if m[1] == t) - hit
        c.fp += sum(1 for m in pm if m[1] == t) - sum(1 for _, j in typed if pm[j][1] == t)
    untyped = _pair(gm, pm, lambda g, p: _overlap(g[0], p[0]), lambda g, p: _len_overlap(g[0], p[0]))
    report.entities_untyped.add(Counts(len(untyped), len(pm) - len(untyped), len(gm) - len(untyped)))
    matched = {i for i, _ in untyped}
    for i, m in enumerate(gm):
        if i not in matched:
            report.miss(f"entity {m[1]}")
    # each gold entity -> the predicted entity holding most of its matched mentions
    votes: dict[str, dict[str, int]] = {}
    for i, j in untyped:
        votes.setdefault(gm[i][2], {}).setdefault(pm[j][2], 0)
        votes[gm[i][2]][pm[j][2]] += 1
    ent_map = {g: max(v, key=lambda k: v[k]) for g, v in votes.items()}
    preds = {e["id"]: e for e in pred["entities"]}
    for e in gold["entities"]:
        if e["type"] not in SCORED_TYPES:
            continue
        p = preds.get(ent_map.get(e["id"], ""))
        if e["name_en"]:
            guess = p["name_en"][0] if p and p["name_en"] else None
            ok = guess is not None and fold_name(guess) in {fold_name(n) for n in e["name_en"]}
            report.name_en.add(ok)
            if p is not None:
                report.name_en_found.add(ok)
                report.name_en_exact.add(guess is not None and normalize_name(guess) in
                                         {normalize_name(n) for n in e["name_en"]})
                if not ok:
                    report.miss(f"name_en {'null' if not p['name_en'] else 'wrong'} {e['type']}")
        if e.get("country"):
            report.entity_country.add(bool(p and p.get("country") == e["country"]))
        if e.get("sector"):
            report.entity_sector.add(bool(p and p.get("sector") == e["sector"]))
    return ent_map


def _score_dates(gold: dict[str, Any], pred: dict[str, Any], report: Report) -> None:
    gd, pd = gold["dates"], pred["dates"]
    pairs = _pair(gd, pd, lambda g, p: _overlap(_span(g), _span(p)),
                  lambda g, p: _len_overlap(_span(g), _span(p)))
    report.dates.add(Counts(len(pairs), len(pd) - len(pairs), len(gd) - len(pairs)))
    found = dict(pairs)
    for i, g in enumerate(gd):
        if i in found:
            ok = pd[found[i]]["value"] == g["value"]
            report.date_value.add(ok)
            report.date_value_found.add(ok)
            if not ok:
                report.miss("date value wrong")
        else:
            report.date_value.add(False)
            report.miss("date not found")


def _same_actor(g: dict[str, Any], p: dict[str, Any], gold: dict[str, Any],
                pred: dict[str, Any], ent_map: dict[str, str]) -> bool:
    if _overlap(_span(g), _span(p)):
        return True
    return bool(g.get("entity") and p.get("entity") and ent_map.get(g["entity"]) == p["entity"])


def _role_ok(gs: list[dict[str, Any]], ps: list[dict[str, Any]], same: Any) -> bool:
    if not gs or not ps:
        return not gs and not ps
    return any(same(g, p) for g in gs for p in ps)


def _score_events(gold: dict[str, Any], pred: dict[str, Any], report: Report,
                  ent_map: dict[str, str]) -> None:
    ge, pe = gold["events"], pred["events"]

    def same(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return _same_actor(g, p, gold, pred, ent_map)

    def in_sentence(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return g["type"] == p["type"] and g["sentence"][0] <= p["trigger"][0] < g["sentence"][1]

    def closeness(g: dict[str, Any], p: dict[str, Any]) -> int:
        return 1000 * int(_overlap(g["trigger"], p["trigger"])) - abs(g["trigger"][0] - p["trigger"][0]) // 10

    def with_actors(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if not in_sentence(g, p):
            return False
        if _role_ok(g["source"], p["source"], same) and _role_ok(g["target"], p["target"], same):
            return True
        # a meeting is joint: who hosted and who visited may be told either way
        return g["type"] in SYMMETRIC_TYPES and _role_ok(g["source"], p["target"], same) \
            and _role_ok(g["target"], p["source"], same)

    plain = _pair(ge, pe, in_sentence, closeness)
    strict = _pair(ge, pe, with_actors, closeness)
    for table, pairs in ((report.events, plain), (report.events_actors, strict)):
        for t in {e["type"] for e in ge} | {e["type"] for e in pe}:
            c = table.setdefault(t, Counts())
            hit = sum(1 for i, _ in pairs if ge[i]["type"] == t)
            c.tp += hit
            c.fn += sum(1 for e in ge if e["type"] == t) - hit
            c.fp += sum(1 for e in pe if e["type"] == t) - sum(1 for _, j in pairs if pe[j]["type"] == t)
    found = dict(plain)
    for i, g in enumerate(ge):
        if i not in found:
            report.miss(f"event {g['type']}")
    happenings: dict[str, bool] = {}
    for i, g in enumerate(ge):
        happenings[g["happening"]] = happenings.get(g["happening"], False) or i in found
    for ok in happenings.values():
        report.happenings.add(ok)
    for i, g in enumerate(ge):
        p = pe[found[i]] if i in found else None
        for role in ("source", "target"):
            # a meeting's host and guest may be told either way round (as for with_actors)
            pool = (p["source"] + p["target"] if g["type"] in SYMMETRIC_TYPES else p[role]) \
                if p else []
            for actor in g[role]:
                match = next((a for a in pool if same(actor, a)), None)
                report.actor_recall.add(match is not None)
                if actor.get("country"):
                    report.actor_country.add(bool(match and match.get("country") == actor["country"]))
                if actor.get("sector"):
                    report.actor_sector.add(bool(match and match.get("sector") == actor["sector"]))


def _score_quotes(gold: dict[str, Any], pred: dict[str, Any], report: Report,
                  ent_map: dict[str, str]) -> None:
    gq, pq = gold["quotes"], pred["quotes"]

    def speaker_ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g["speaker"] is None or p["speaker"] is None:
            return g["speaker"] is None and p["speaker"] is None
        return ent_map.get(g["speaker"]) == p["speaker"]

    def size(g: dict[str, Any], p: dict[str, Any]) -> int:
        return _len_overlap(_span(g), _span(p))

    def spans(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return _overlap(_span(g), _span(p))

    pairs = _pair(gq, pq, spans, size)
    with_speaker = _pair(gq, pq, lambda g, p: spans(g, p) and speaker_ok(g, p), size)
    full = _pair(gq, pq, lambda g, p: spans(g, p) and speaker_ok(g, p) and g["kind"] == p["kind"], size)
    for counts, got in ((report.quotes, pairs), (report.quotes_speaker, with_speaker),
                        (report.quotes_full, full)):
        counts.add(Counts(len(got), len(pq) - len(got), len(gq) - len(got)))
    for i, j in pairs:
        report.speaker_right.add(speaker_ok(gq[i], pq[j]))
        report.kind_right.add(gq[i]["kind"] == pq[j]["kind"])
    for i in set(range(len(gq))) - {i for i, _ in pairs}:
        report.miss(f"quote {gq[i]['kind']}")


def evaluate(gold_path: str, *, against: str | None = None, pred: str | None = None,
             progress: bool = False) -> Report:
    """Score Marsad (or the facts in ``pred`` / the annotation ``against``) on a gold file.

    Without ``against`` or ``pred``, each gold article's text is read from the corpus and
    run through the default pipeline with the record's publication date.
    """
    import json
    from pathlib import Path

    from .corpus import join_text, read_gold

    golds = read_gold(gold_path)
    others: dict[str, dict[str, Any]] = {}
    if against is not None:
        others = {it["id"]: it for it in read_gold(against)}
        golds = [g for g in golds if g["id"] in others]
    elif pred is not None:
        for line in Path(pred).read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                others[doc["id"]] = facts_of_document(doc)
    else:
        from ..api_python import extract

        records = join_text(golds)
        iterator: Iterable[dict[str, Any]] = golds
        if progress:
            from tqdm import tqdm

            iterator = tqdm(golds, desc="articles", unit="art", leave=False)
        for g in iterator:
            rec = records[int(g["record"])]
            doc = extract(rec.text, published=g.get("published"), title=rec.title or None,
                          id=g["id"], source=rec.source, url=rec.url)
            others[g["id"]] = facts_of_document(doc.to_json())
    report = Report()
    for g in golds:
        if g["id"] in others:
            score_pair(g, others[g["id"]], report)
    return report
