"""Stages registered by name, and the pipeline that runs them in order.

A stage is a callable ``Document -> Document`` with a name, the layers it ``requires``
and the layers it ``assigns``. Stages are registered with ``@register_stage`` on a
*factory* so that models and lexicons load once, when the pipeline is built, never per
document. Which stages run is configuration: ``Pipeline(["text", "entities"])``.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .document import Document
from .errors import PipelineError


class Stage(Protocol):
    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[..., Stage]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, StageInfo] = {}

# Stage modules, imported on first use so that ``import marsad`` stays fast.
_STAGE_MODULES = {
    "text": "marsad.text.stage",
    "entities": "marsad.stages.entities",
    "linking": "marsad.stages.linking",
    "actors": "marsad.actors.stage",
    "dateline": "marsad.stages.dates",
    "dates": "marsad.stages.dates",
    "events": "marsad.stages.events",
    "actor_codes": "marsad.actors.stage",
    "quotes": "marsad.stages.quotes",
}

# ``dateline`` sets the publication date when the document has none, before anything that
# reads it (dates, events).
DEFAULT_STAGES = (
    "text", "entities", "linking", "actors", "dateline", "dates", "events", "actor_codes",
    "quotes",
)


def register_stage(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[Callable[..., Stage]], Callable[..., Stage]]:
    """Register a stage factory under ``name``."""

    def wrap(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        _REGISTRY[name] = StageInfo(name, factory, tuple(requires), tuple(assigns))
        return factory

    return wrap


def stage_info(name: str) -> StageInfo:
    if name not in _REGISTRY:
        module = _STAGE_MODULES.get(name)
        if module is None:
            known = ", ".join(sorted(set(_STAGE_MODULES) | set(_REGISTRY)))
            raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
        try:
            importlib.import_module(module)
        except ImportError as e:
            raise PipelineError(f"stage {name!r} could not be loaded: {e}") from e
        if name not in _REGISTRY:
            raise PipelineError(f"module {module} did not register stage {name!r}")
    return _REGISTRY[name]


def available_stages() -> list[str]:
    """Every stage that can be named in a pipeline, whether or not it can load here."""
    names = set(_REGISTRY)
    for name, module in _STAGE_MODULES.items():
        if importlib.util.find_spec(module) is not None:
            names.add(name)
    return sorted(names)


class Pipeline:
    """An ordered list of stages, checked when built: a missing prerequisite fails here."""

    def __init__(
        self,
        stages: Sequence[str] | None = None,
        *,
        options: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        names = list(DEFAULT_STAGES if stages is None else stages)
        self.names = names
        options = options or {}
        infos = [stage_info(n) for n in names]
        have: set[str] = set()
        for info in infos:
            missing = [r for r in info.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {info.name!r} needs {', '.join(missing)}, which no earlier "
                    f"stage provides (pipeline: {' -> '.join(names)})"
                )
            have.update(info.assigns)
        self.provides = frozenset(have)
        self._stages: list[tuple[str, Stage]] = [
            (info.name, info.factory(**options.get(info.name, {}))) for info in infos
        ]

    def run(self, doc: Document) -> Document:
        for _name, stage in self._stages:
            doc = stage(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self.run(doc)

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"


_DEFAULT: dict[tuple[str, ...], Pipeline] = {}


def default_pipeline(stages: Sequence[str] | None = None) -> Pipeline:
    """A pipeline built once per process for a given list of stages."""
    key = tuple(DEFAULT_STAGES if stages is None else stages)
    if key not in _DEFAULT:
        _DEFAULT[key] = Pipeline(list(key))
    return _DEFAULT[key]
