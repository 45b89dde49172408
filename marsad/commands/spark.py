"""``marsad spark extract INPUT... --out DIR``: the pipeline over archives, on Spark.

Reads JSONL (``.gz`` too), WARC (``.warc.gz`` too) and every other kind ``marsad ingest``
reads, one task per file; runs the pipeline in each executor; writes the Parquet tables
``documents``, ``entities``, ``events``, ``quotes`` and ``skipped`` under DIR (replacing
them). Needs pyspark and Java (``pip install 'marsad[spark]'``; Debian:
``openjdk-17-jre-headless``). Bring the tables into a store with ``marsad load DIR``.
"""

from __future__ import annotations

import argparse
import re

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD")
    return value


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of partitions (1 or more)")
    return n


def add_extract_arguments(p: argparse.ArgumentParser, *, master: str | None = None) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or folders: .jsonl[.gz] .warc[.gz] (and what `marsad ingest` "
                        "reads); on a cluster, on a file system every executor sees")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="where to write the Parquet tables (a local folder, or any path "
                        "Spark writes: hdfs://, s3a://)")
    p.add_argument("--master", default=master, metavar="URL",
                   help="the Spark master (default: " + (master or "the one spark-submit gives")
                        + "): local[N], spark://HOST:7077, yarn")
    p.add_argument("--partitions", type=_positive, default=None, metavar="N",
                   help="partitions the records are spread over (default: 4 per core)")
    p.add_argument("--stages", help="comma-separated pipeline stages to run (default: all)")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date for articles that give none")


def stages_of(args: argparse.Namespace) -> list[str] | None:
    return [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.description = __doc__
    sub = p.add_subparsers(dest="spark_action", metavar="ACTION")
    extract = sub.add_parser("extract", help="extract Parquet facts from archives on Spark")
    add_extract_arguments(extract, master="local[*]")


def run(args: argparse.Namespace) -> int:
    import sys

    from ..errors import MarsadError

    if getattr(args, "spark_action", None) != "extract":
        print("usage: marsad spark extract INPUT... --out DIR [--master URL]", file=sys.stderr)
        return 2
    try:
        from ..spark.job import make_session, run_extract
        spark = make_session(args.master)
    except ImportError as e:
        raise MarsadError("marsad spark needs pyspark: pip install 'marsad[spark]'") from e
    except Exception as e:  # the JVM could not start (no Java)
        raise MarsadError(f"Spark could not start: {e} (it needs Java 17: Debian "
                          "openjdk-17-jre-headless)") from e
    try:
        report = run_extract(spark, args.inputs, args.out, stages=stages_of(args),
                             published=args.published, partitions=args.partitions)
    finally:
        spark.stop()
    print(f"marsad: {report.summary()}", file=sys.stderr)
    return 0
