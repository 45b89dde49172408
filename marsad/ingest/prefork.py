"""The pipeline, built once in the fork server before any ingest worker exists.

``marsad ingest --workers N`` starts its workers from a fork server
(``multiprocessing``'s ``forkserver``) that imports this module first: every worker, and
every fresh worker that replaces one (see ``ingester.WORKER_ARTICLES``), starts with the
pipeline already built, in memory it shares with the server until it writes to it. The
stages to build come from ``MARSAD_PREFORK_STAGES`` (``*``: the default pipeline), set by
the ingester before the server starts; a pipeline that cannot be built here is built (and
its error reported) by the workers themselves.
"""

from __future__ import annotations

import os
from typing import Any

PRELOAD_ENV = "MARSAD_PREFORK_STAGES"
DEFAULT = "*"
PIPELINES: dict[tuple[str, ...] | None, Any] = {}


def stages_key(stages: Any) -> tuple[str, ...] | None:
    return tuple(stages) if stages is not None else None


def env_value(stages: Any) -> str:
    return DEFAULT if stages is None else ",".join(stages)


def _build() -> None:
    value = os.environ.get(PRELOAD_ENV)
    if value is None:
        return
    stages = None if value == DEFAULT else tuple(s for s in value.split(",") if s)
    try:
        from .ingester import make_extractor

        PIPELINES[stages] = make_extractor(stages)
    except Exception:  # the workers build it themselves and say what is wrong
        pass


_build()
