"""Turn an annotator's working file (strings) into a gold line (offsets, no text).

An annotator reads an article as numbered units (``marsad.eval.corpus.units``) and writes
what the guideline (docs/annotation.md) asks for, pointing at the text with strings:
``"حفتر"`` (every occurrence in the article) or ``{"text": "حفتر", "u": 3, "n": 1}`` (the
n-th occurrence in unit 3). ``build_line`` finds every string, checks every code and value,
and returns the gold line with character offsets only, so that no article text is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document import EVENT_TYPES
from .corpus import Record, text_sha1, units

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP")
SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI", "PTY", "OPP", "REB", "UAF", "INS",
           "SEP", "CRM", "CVL", "MED", "EDU", "BUS", "REL", "HLH", "LAB", "AGR", "REF", "NGO",
           "IGO", "HRI", "ENV")
QUOTE_KINDS = ("direct", "indirect")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_LETTER = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0671-\u06d3a-zA-Z0-9\u0660-\u0669"
_CLITICS = "(?:[وف]?[بلك]|[وف]|وس|فس)?"


@dataclass
class Problems:
    """What could not be located or checked, each naming the item."""

    items: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}")


def _pattern(surface: str) -> re.Pattern[str]:
    s = re.escape(surface.strip())
    alts = [s]
    if surface.startswith("ال") and len(surface) > 3:
        # ل + الرياض is written للرياض: the alif drops; the span is then لرياض
        alts.append("(?<=ل)" + re.escape(surface[1:]))
    body = "|".join(alts)
    return re.compile(f"(?<![{_LETTER}]){_CLITICS}({body})(?![{_LETTER}])")


def find_all(text: str, surface: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Every occurrence of ``surface`` in text[lo:hi] as a word (clitics before it allowed)."""
    hi = len(text) if hi is None else hi
    out = []
    pat = _pattern(surface)
    pos = lo
    while True:
        m = pat.search(text, pos, hi)
        if not m:
            break
        out.append((m.start(1), m.end(1)))
        pos = m.end(1)
    if not out:  # inside a longer word (a prefix the pattern does not know): plain search
        i = text.find(surface.strip(), lo, hi)
        while i >= 0 and surface.strip():
            out.append((i, i + len(surface.strip())))
            i = text.find(surface.strip(), i + 1, hi)
    return out


class Locator:
    """Resolves annotators' string pointers against one article."""

    def __init__(self, record: Record, problems: Problems) -> None:
        self.text = record.text
        self.units = units(record.text)
        self.problems = problems

    def unit(self, u: Any, where: str) -> tuple[int, int] | None:
        if not isinstance(u, int) or not 1 <= u <= len(self.units):
            self.problems.add(where, f"unit {u!r} is not one of 1..{len(self.units)}")
            return None
        return self.units[u - 1]

    def one(self, ptr: Any, where: str, default_unit: int | None = None,
            near: int | None = None) -> tuple[int, int] | None:
        """One span: ``{"text", "u", "n"}`` or a string (in ``default_unit`` if given).

        Without ``n``, the occurrence nearest to ``near`` (else the first) is taken; a string
        not in its unit is looked for in the whole article.
        """
        if isinstance(ptr, str):
            ptr = {"text": ptr}
        if not isinstance(ptr, dict) or not isinstance(ptr.get("text"), str) or not ptr["text"].strip():
            self.problems.add(where, f"not a text pointer: {ptr!r}")
            return None
        u = ptr.get("u", default_unit)
        lo, hi = 0, len(self.text)
        if u is not None:
            span = self.unit(u, where)
            if span is None:
                return None
            lo, hi = span
        found = find_all(self.text, ptr["text"], lo, hi)
        if not found and u is not None and "u" not in ptr:
            found = find_all(self.text, ptr["text"])
        if not found:
            self.problems.add(where, f"{ptr['text']!r} not found" + (f" in unit {u}" if u else ""))
            return None
        n = ptr.get("n")
        if n is not None:
            if not isinstance(n, int) or not 1 <= n <= len(found):
                self.problems.add(where, f"{ptr['text']!r}: occurrence {n} of {len(found)}")
                return None
            return found[n - 1]
        if near is not None:
            return min(found, key=lambda s: abs(s[0] - near))
        return found[0]


def _codes(obj: dict[str, Any], where: str, problems: Problems) -> tuple[str | None, str | None]:
    country, sector = obj.get("country"), obj.get("sector")
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        problems.add(where, f"country {country!r} is not ISO 3166-1 alpha-3 or null")
        country = None
    if sector is not None and sector not in SECTORS:
        problems.add(where, f"sector {sector!r} is not a CAMEO/PLOVER agent code or null")
        sector = None
    return country, sector


def _iso(value: Any, where: str, problems: Problems) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO.match(value):
        problems.add(where, f"value {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    return value


def build_line(raw: dict[str, Any], record: Record, split: str) -> tuple[dict[str, Any], Problems]:
    """The gold line for one annotated article, and the problems found on the way."""
    problems = Problems()
    loc = Locator(record, problems)
    entities, ids = _entities(raw.get("entities") or [], loc, problems)
    line: dict[str, Any] = {
        "id": record.key, "record": record.record, "split": split, "source": record.source,
        "published": record.published, "sha1": text_sha1(record.text),
        "chars": len(record.text), "annotator": raw.get("annotator"),
        "entities": entities,
        "dates": _dates(raw.get("dates") or [], loc, problems),
        "events": _events(raw.get("events") or [], loc, ids, problems),
        "quotes": _quotes(raw.get("quotes") or [], loc, ids, problems),
    }
    return line, problems


def _entities(rows: list[Any], loc: Locator, problems: Problems
              ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    taken: list[tuple[int, int]] = []
    out: list[dict[str, Any]] = []
    ids: dict[str, dict[str, Any]] = {}
    wanted: list[tuple[int, int, Any, dict[str, Any], str]] = []
    for i, row in enumerate(rows):
        where = f"entity {row.get('id', i + 1) if isinstance(row, dict) else i + 1}"
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            problems.add(where, "an entity is an object with an id")
            continue
        if row["id"] in ids:
            problems.add(where, "id used twice")
            continue
        if row.get("type") not in ENTITY_TYPES:
            problems.add(where, f"type {row.get('type')!r} is not one of {ENTITY_TYPES}")
        names = row.get("name_en")
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.add(where, "name_en is a list of acceptable English spellings")
            names = []
        country, sector = _codes(row, where, problems)
        ent = {"id": row["id"], "type": row.get("type"), "mentions": [],
               "name_en": names, "country": country, "sector": sector}
        ids[row["id"]] = ent
        out.append(ent)
        for m in row.get("mentions") or []:
            text = m if isinstance(m, str) else (m.get("text") if isinstance(m, dict) else None)
            explicit = isinstance(m, dict) and ("u" in m or "n" in m)
            wanted.append((0 if explicit else 1, -len(text or ""), m, ent, where))
    # pointers to one place first, then the longest strings: no two mentions overlap
    for _, _, m, ent, where in sorted(wanted, key=lambda w: (w[0], w[1])):
        if isinstance(m, dict) and ("u" in m or "n" in m):
            span = loc.one(m, where)
            spans = [span] if span else []
        elif isinstance(m, str) or isinstance(m, dict):
            text = m if isinstance(m, str) else m.get("text", "")
            spans = find_all(loc.text, text) if text.strip() else []
            if not spans:
                problems.add(where, f"mention {text!r} not found")
        else:
            problems.add(where, f"not a mention: {m!r}")
            continue
        for s in spans:
            if not any(s[0] < t[1] and t[0] < s[1] for t in taken):
                taken.append(s)
                ent["mentions"].append(list(s))
    for ent in out:
        ent["mentions"].sort()
        if not ent["mentions"]:
            problems.add(f"entity {ent['id']}", "no mention found in the text")
    return [e for e in out if e["mentions"]], ids


def _dates(rows: list[Any], loc: Locator, problems: Problems) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, row in enumerate(rows, 1):
        where = f"date {i}"
        if not isinstance(row, dict):
            problems.add(where, "a date is an object with text and value")
            continue
        span = loc.one(row, where)
        if span is None:
            continue
        out.append({"span": [span[0], span[1]], "value": _iso(row.get("value"), where, problems)})
    out.sort(key=lambda d: d["span"])
    for a, b in zip(out, out[1:], strict=False):
        if b["span"][0] < a["span"][1]:
            problems.add("dates", f"two dates overlap at {b['span']} (add \"n\" or \"u\")")
    return out


def _actor(obj: Any, loc: Locator, ids: dict[str, dict[str, Any]], where: str,
           unit: int | None, near: int, problems: Problems) -> dict[str, Any] | None:
    if not isinstance(obj, dict):
        problems.add(where, f"an actor is an object with text: {obj!r}")
        return None
    span = loc.one(obj, where, default_unit=unit, near=near)
    entity = obj.get("entity")
    if entity is not None and entity not in ids:
        problems.add(where, f"entity {entity!r} is not an entity id of this article")
        entity = None
    country, sector = _codes(obj, where, problems)
    if entity is not None:
        country = country if "country" in obj else ids[entity]["country"]
        sector = sector if "sector" in obj else ids[entity]["sector"]
    if span is None:
        return None
    return {"span": list(span), "entity": entity, "country": country, "sector": sector}


def _events(rows: list[Any], loc: Locator, ids: dict[str, dict[str, Any]],
            problems: Problems) -> list[dict[str, Any]]:
    out = []
    for i, row in enumerate(rows, 1):
        where = f"event {i}"
        if not isinstance(row, dict):
            problems.add(where, "an event is an object")
            continue
        if row.get("type") not in EVENT_TYPES:
            problems.add(where, f"type {row.get('type')!r} is not a PLOVER type")
            continue
        unit = row.get("u")
        uspan = loc.unit(unit, where)
        if uspan is None:
            continue
        trig = loc.one(row.get("trigger"), f"{where} trigger", default_unit=unit)
        if trig is None:
            continue
        if not uspan[0] <= trig[0] < uspan[1]:
            problems.add(where, "trigger is not in the event's unit")
        roles = {}
        for role in ("source", "target"):
            actors = row.get(role) or []
            if not isinstance(actors, list):
                actors = [actors]
            roles[role] = [a for a in (_actor(obj, loc, ids, f"{where} {role}", unit, trig[0],
                                              problems) for obj in actors) if a]
        places = [p for p in (row.get("location") or []) if isinstance(p, str)]
        for p in places:
            if p not in ids:
                problems.add(where, f"location {p!r} is not an entity id")
        out.append({
            "type": row["type"], "mode": row.get("mode"), "trigger": list(trig),
            "sentence": list(uspan), "source": roles["source"], "target": roles["target"],
            "location": [p for p in places if p in ids],
            "date": _iso(row.get("date"), where, problems),
            "happening": str(row.get("happening") or f"h{i}"),
        })
    return out


def _quotes(rows: list[Any], loc: Locator, ids: dict[str, dict[str, Any]],
            problems: Problems) -> list[dict[str, Any]]:
    out = []
    for i, row in enumerate(rows, 1):
        where = f"quote {i}"
        if not isinstance(row, dict):
            problems.add(where, "a quote is an object")
            continue
        if row.get("kind") not in QUOTE_KINDS:
            problems.add(where, f"kind {row.get('kind')!r} is not direct or indirect")
        unit = row.get("u")
        if loc.unit(unit, where) is None:
            continue
        first = loc.one({"text": row.get("from") or "", "u": unit}, f"{where} from")
        if first is None:
            continue
        last_unit = row.get("u_end", unit)
        last_span = loc.unit(last_unit, where)
        if last_span is None:
            continue
        ends = [s for s in find_all(loc.text, row.get("to") or "", first[0], last_span[1])
                ] if (row.get("to") or "").strip() else []
        if not ends:
            problems.add(where, f"to {row.get('to')!r} not found after from")
            continue
        end = ends[-1] if last_unit != unit else ends[0]
        for key in ("speaker", "via"):
            if row.get(key) is not None and row[key] not in ids:
                problems.add(where, f"{key} {row[key]!r} is not an entity id")
        cue = loc.one(row["cue"], f"{where} cue", default_unit=unit, near=first[0]) \
            if row.get("cue") else None
        out.append({
            "span": [first[0], end[1]], "kind": row.get("kind"),
            "speaker": row.get("speaker") if row.get("speaker") in ids else None,
            "via": row.get("via") if row.get("via") in ids else None,
            "cue": list(cue) if cue else None,
        })
    return out
