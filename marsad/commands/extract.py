"""``marsad extract``: one article to JSON, or a JSONL stream to JSONL."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import IO, Any

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="an article: plain text (UTF-8), HTML or a JSON object")
    p.add_argument("--jsonl", metavar="IN.jsonl",
                   help="a JSONL file (.gz too) of records with text and optionally id, title, "
                        "published, source, url")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="the date relative dates resolve against; a record's own date wins")
    p.add_argument("--format", choices=["json"], default="json", help="output format (json)")
    p.add_argument("--stages", help="comma-separated stages to run (default: all)")
    p.add_argument("--ner-model", metavar="PATH",
                   help="a local Hugging Face token-classification model directory for the "
                        "entities stage, instead of the shipped CRF (needs transformers)")
    p.add_argument("--compact", action="store_true", help="one line per document, no indentation")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, MarsadError

    if bool(args.file) == bool(args.jsonl):
        raise MarsadError("give either FILE or --jsonl IN.jsonl")
    stages = [s.strip() for s in args.stages.split(",")] if args.stages else None
    out: IO[str] = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        if args.file:
            return _extract_one(args, stages, out)
        return _extract_jsonl(args, stages, out, InputError)
    finally:
        if args.output:
            out.close()


def _extract_one(args: argparse.Namespace, stages: list[str] | None, out: IO[str]) -> int:
    from ..api_python import extract_document
    from ..ingest.readers import read_file, record_to_document

    record = read_file(args.file)
    doc = extract_document(record_to_document(record, published=args.published),
                           pipeline=_pipeline(args, stages))
    _write(out, doc.to_json(), compact=args.compact)
    return 0


def _extract_jsonl(args: argparse.Namespace, stages: list[str] | None, out: IO[str],
                   input_error: type[Exception]) -> int:
    from tqdm import tqdm

    from ..api_python import extract_document
    from ..ingest.readers import iter_jsonl, record_to_document

    pipeline = _pipeline(args, stages)
    good = 0
    bad: list[str] = []
    bar = tqdm(desc="extract", unit=" articles", file=sys.stderr,
               disable=args.no_progress or None)
    try:
        for item in iter_jsonl(args.jsonl):
            bar.update(1)
            if isinstance(item, input_error):
                bad.append(str(item))
                print(f"marsad: skipped {item}", file=sys.stderr)
                continue
            assert not isinstance(item, Exception)
            doc = extract_document(record_to_document(item, published=args.published),
                                   pipeline=pipeline)
            _write(out, doc.to_json(), compact=True)
            good += 1
    finally:
        bar.close()
    print(f"marsad: {good} documents written, {len(bad)} lines skipped", file=sys.stderr)
    return 0 if good or not bad else 1


def _pipeline(args: argparse.Namespace, stages: list[str] | None) -> Any:
    """The shared default pipeline, or one whose entities stage uses ``--ner-model``."""
    from ..pipeline import Pipeline, default_pipeline

    if getattr(args, "ner_model", None):
        return Pipeline(stages, options={"entities": {"ner_model": args.ner_model}})
    return default_pipeline(stages)


def _write(out: IO[str], obj: dict[str, Any], *, compact: bool) -> None:
    if compact:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    else:
        out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
