"""The annotators' tool for the real-news gold corpus (see docs/annotation.md).

    python tools/realnews/annotate.py show snn-123          # the article as numbered units
    python tools/realnews/annotate.py check FILE.json       # locate every string, check codes
    python tools/realnews/annotate.py build DIR             # DIR/*.json -> tests/realnews/*.jsonl

It never runs Marsad's extraction: annotation is done from the text alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from marsad.eval.corpus import read_records, units
from marsad.eval.gold import build_line

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "realnews"


def manifest() -> dict[str, dict[str, str]]:
    rows = (GOLD / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    return {r.split("\t")[0]: dict(zip(head, r.split("\t"), strict=True)) for r in rows[1:]}


def _record(key: str):
    entry = manifest().get(key)
    if entry is None:
        raise SystemExit(f"{key}: not in tests/realnews/manifest.tsv")
    number = int(entry["record"])
    return entry, read_records([number])[number]


def show(key: str) -> int:
    entry, rec = _record(key)
    day = ""
    if rec.published:
        day = dt.date.fromisoformat(rec.published).strftime("%A")
    print(f"# {key}  source={rec.source}  published={rec.published} ({day})  split={entry['split']}")
    print(f"# title (not annotated): {rec.title}")
    last_end = 0
    for i, (s, e) in enumerate(units(rec.text), 1):
        if "\n" in rec.text[last_end:s]:
            print()
        print(f"[u{i}] {rec.text[s:e]}")
        last_end = e
    return 0


def check(path: str) -> int:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    entry, rec = _record(raw["key"])
    line, problems = build_line(raw, rec, entry["split"])
    for p in problems.items:
        print("PROBLEM", p)
    text = rec.text
    for ent in line["entities"]:
        forms = sorted({text[s:e] for s, e in ent["mentions"]})
        print(f"entity {ent['id']} {ent['type']} {ent['name_en'][:1]} x{len(ent['mentions'])}: "
              + " | ".join(forms))
    for d in line["dates"]:
        print(f"date {text[d['span'][0]:d['span'][1]]!r} = {d['value']}")
    for ev in line["events"]:
        t = ev["trigger"]
        roles = {r: [text[a["span"][0]:a["span"][1]] + f"({a['entity']},{a['country']},{a['sector']})"
                     for a in ev[r]] for r in ("source", "target")}
        print(f"event {ev['type']} {text[t[0]:t[1]]!r} src={roles['source']} tgt={roles['target']} "
              f"loc={ev['location']} date={ev['date']} {ev['happening']}")
    for q in line["quotes"]:
        s, e = q["span"]
        body = text[s:e]
        print(f"quote {q['kind']} speaker={q['speaker']} via={q['via']}: "
              f"{body[:40]!r} … {body[-30:]!r}")
    print(f"{len(line['entities'])} entities, {len(line['dates'])} dates, "
          f"{len(line['events'])} events, {len(line['quotes'])} quotes, "
          f"{len(problems.items)} problems")
    return 1 if problems.items else 0


def build(folder: str, out: Path = GOLD) -> int:
    man = manifest()
    lines: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    raws = {}
    for p in sorted(Path(folder).glob("*.json")):
        raw = json.loads(p.read_text(encoding="utf-8"))
        raws[raw["key"]] = raw
    records = read_records([int(man[k]["record"]) for k in raws])
    bad = 0
    for key in sorted(raws, key=lambda k: int(man[k]["record"])):
        entry = man[key]
        line, problems = build_line(raws[key], records[int(entry["record"])], entry["split"])
        for p in problems.items:
            print(f"{key}: {p}", file=sys.stderr)
        bad += len(problems.items)
        lines[entry["split"]].append(json.dumps(line, ensure_ascii=False))
    for split, rows in lines.items():
        if rows:
            (out / f"{split}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
            print(f"{split}: {len(rows)} articles -> {out / (split + '.jsonl')}")
    missing = sorted(set(man) - set(raws))
    if missing:
        print(f"not annotated yet: {len(missing)}", file=sys.stderr)
    print(f"{bad} problems", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("key")
    sub.add_parser("check").add_argument("file")
    b = sub.add_parser("build")
    b.add_argument("folder")
    b.add_argument("--out", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    if args.cmd == "show":
        return show(args.key)
    if args.cmd == "check":
        return check(args.file)
    return build(args.folder, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
