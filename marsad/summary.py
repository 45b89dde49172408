"""A readable summary of what Marsad finds in articles: ``python -m marsad.summary PATH...``."""

from __future__ import annotations

import sys
from pathlib import Path

from .api_python import extract_document
from .document import Document
from .errors import InputError
from .ingest.readers import read_file, record_to_document


def summarize(doc: Document) -> str:
    lines = [f"== {doc.title or doc.id}  (published {doc.published or '?'})"]
    names = {e.id: (e.name_en or e.name) for e in doc.entities}
    for ent in doc.entities:
        en = f" = {ent.name_en}" if ent.name_en else ""
        titles = f"  [{'; '.join(ent.titles)}]" if ent.titles else ""
        lines.append(f"  {ent.type:<4} {ent.name}{en}{titles}")
    for d in doc.dates:
        lines.append(f"  DATE {doc.surface(d)} -> {d.value}")
    for ev in doc.events:
        who = ", ".join(names.get(i, i) for i in ev.source) or "?"
        whom = ", ".join(names.get(i, i) for i in ev.target) or "?"
        where = ", ".join(names.get(i, i) for i in ev.location)
        mode = f"/{ev.mode}" if ev.mode else ""
        neg = " (negated)" if ev.negated else ""
        lines.append(f"  EVENT {ev.type}{mode}: {who} -> {whom}"
                     f"{' @ ' + where if where else ''} on {ev.date or '?'}{neg}")
    for q in doc.quotes:
        speaker = names.get(q.speaker or "", "?")
        text = doc.text[q.start:q.end]
        lines.append(f"  QUOTE ({q.kind}) {speaker}: {text[:80]}{'…' if len(text) > 80 else ''}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths: list[Path] = []
    for arg in argv or ["examples/articles"]:
        p = Path(arg)
        paths.extend(sorted(q for q in p.iterdir() if q.is_file()) if p.is_dir() else [p])
    for path in paths:
        try:
            doc = extract_document(record_to_document(read_file(path)))
        except InputError as e:
            print(f"skipped: {e}", file=sys.stderr)
            continue
        print(summarize(doc))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
