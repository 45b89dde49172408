"""The PySpark job behind ``marsad spark extract``: archives in, Parquet facts out.

1. The driver lists the inputs (files, and the files under folders) and makes one task per
   file: an executor reads it with Marsad's own readers (JSONL and JSONL.gz line by line,
   WARC and WARC.gz record by record, any other kind ``marsad ingest`` reads), so every
   record has the id, origin and error message ``marsad extract`` would give it.
2. The records are spread over ``--partitions`` partitions and each partition goes
   through the pipeline, built once per executor process (Python workers are reused:
   the pipeline outlives the task). An article the pipeline fails on, or that takes more
   than ``DOC_TIME_LIMIT`` seconds, is skipped with its reason, as in ``marsad ingest``.
3. The documents (kept once, memory or disk) are written as the tables of ``tables``:
   ``documents``, ``entities``, ``events``, ``quotes`` and ``skipped``, one Parquet folder
   each under ``--out``.

No deduplication or cross-document resolution happens here: those need every stored
story, and ``marsad load OUT --db ...`` does them when it brings the tables into a store.

Run it with ``marsad spark extract`` (local mode, or ``--master`` a cluster) or hand this
file to ``spark-submit``; see docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .tables import FACT_TABLES, document_rows, row_tuple, spark_schema

# seq = file number << 32 | record number: input order, across files
_SEQ_BITS = 32
_PIPELINES: dict[tuple[str, ...] | None, Any] = {}


@dataclass
class ExtractReport:
    files: int
    documents: int
    skipped: int
    seconds: float
    out: str

    def summary(self) -> str:
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        return (f"extracted {self.documents} documents from {self.files} files, skipped "
                f"{self.skipped}, in {self.seconds:.1f} s ({rate:.1f}/s) -> {self.out}")


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """The files to read, in order: each file given, and every file under each folder."""
    from ..errors import InputError
    from ..ingest.walk import _walk

    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(str(p.resolve()) for p in _walk(path))
        elif path.is_file():
            files.append(str(path.resolve()))
        else:
            raise InputError("no such file or folder", where=item)
    if not files:
        raise InputError("no input files", where=", ".join(inputs) or "<none>")
    return files


def read_file(task: tuple[int, str]) -> Iterator[tuple[int, Any]]:
    """(seq, Record) or (seq, (where, reason)) for every record of one input file."""
    from ..errors import InputError
    from ..ingest.walk import iter_records

    number, path = task
    for i, item in enumerate(iter_records([path])):
        seq = (number << _SEQ_BITS) | i
        if isinstance(item, InputError):
            yield seq, (item.where or path, f"{item.message} [{item.code}]")
        else:
            yield seq, item


def _pipeline(stages: tuple[str, ...] | None) -> Any:
    """The extractor of this executor process, built on its first partition."""
    if stages not in _PIPELINES:
        from ..ingest.ingester import make_extractor

        _PIPELINES[stages] = make_extractor(stages)
    return _PIPELINES[stages]


def extract_partition(stages: tuple[str, ...] | None, published: str | None
                      ) -> Any:
    """The function Spark runs on each partition of records."""

    def run(items: Iterable[tuple[int, Any]]) -> Iterator[tuple[str, int, Any]]:
        from ..ingest.ingester import extract_with_limit
        from ..ingest.readers import record_to_document

        extract = None
        for seq, item in items:
            if isinstance(item, tuple):
                yield "skip", seq, item
                continue
            if extract is None:
                extract = _pipeline(stages)
            status, out = extract_with_limit(extract, record_to_document(item, published=published))
            if status == "ok":
                yield "doc", seq, (json.dumps(out.to_json(), ensure_ascii=False), item.where)
            else:
                yield "skip", seq, (item.where, out)

    return run


def table_rows(table: str) -> Any:
    """The function turning one extracted item into the rows of ``table``."""

    def rows(item: tuple[str, int, Any]) -> Iterator[tuple[Any, ...]]:
        kind, seq, payload = item
        if table == "skipped":
            if kind == "skip":
                yield row_tuple("skipped", {"seq": seq, "where": payload[0], "reason": payload[1]})
            return
        if kind != "doc":
            return
        text, origin = payload
        for row in document_rows(json.loads(text), seq=seq, origin=origin)[table]:
            yield row_tuple(table, row)

    return rows


def make_session(master: str | None, *, app_name: str = "marsad-extract") -> Any:
    """A SparkSession; in local mode its Python workers run this very interpreter."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
        if master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
            # the workers must import this Marsad: run them with this interpreter
            os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = (builder.config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.parquet.compression.codec", "zstd"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def run_extract(spark: Any, inputs: Sequence[str], out: str, *,
                stages: Sequence[str] | None = None, published: str | None = None,
                partitions: int | None = None) -> ExtractReport:
    """The job (see the module docstring); returns what it did."""
    from pyspark import StorageLevel

    started = time.perf_counter()
    files = expand_inputs(inputs)
    sc = spark.sparkContext
    n = partitions or max(1, sc.defaultParallelism * 4)
    stage_key = tuple(stages) if stages is not None else None
    records = sc.parallelize(list(enumerate(files)), len(files)).flatMap(read_file)
    extracted = (records.repartition(n)
                 .mapPartitions(extract_partition(stage_key, published))
                 .persist(StorageLevel.MEMORY_AND_DISK))
    try:
        counts = dict(extracted.map(lambda item: (item[0], 1)).reduceByKey(lambda a, b: a + b)
                      .collect())
        for table in (*FACT_TABLES, "skipped"):
            frame = spark.createDataFrame(extracted.flatMap(table_rows(table)),
                                          spark_schema(table), verifySchema=False)
            frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{table}")
    finally:
        extracted.unpersist()
    return ExtractReport(files=len(files), documents=counts.get("doc", 0),
                         skipped=counts.get("skip", 0),
                         seconds=time.perf_counter() - started, out=out)


def main(argv: Sequence[str] | None = None) -> int:
    """For ``spark-submit marsad/spark/job.py INPUT... --out DIR``: the master and the
    resources come from spark-submit."""
    from ..commands.spark import add_extract_arguments, stages_of
    from ..errors import MarsadError

    parser = argparse.ArgumentParser(prog="marsad-spark-extract",
                                     description="extract Parquet facts from archives")
    add_extract_arguments(parser)
    args = parser.parse_args(argv)
    try:
        spark = make_session(args.master)
        try:
            report = run_extract(spark, args.inputs, args.out, stages=stages_of(args),
                                 published=args.published, partitions=args.partitions)
        finally:
            spark.stop()
    except MarsadError as e:
        print(f"marsad: error: {e}", file=sys.stderr)
        return 1
    print(report.summary(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
