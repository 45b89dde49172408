"""Marsad: Arabic-native news intelligence.

The public surface is small and loads lazily: ``import marsad`` imports no model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Document", "Pipeline", "extract", "MarsadError", "__version__"]

if TYPE_CHECKING:
    from .api_python import extract
    from .document import Document
    from .errors import MarsadError
    from .pipeline import Pipeline


def __getattr__(name: str) -> Any:
    if name == "Document":
        from .document import Document
        return Document
    if name == "Pipeline":
        from .pipeline import Pipeline
        return Pipeline
    if name == "MarsadError":
        from .errors import MarsadError
        return MarsadError
    if name == "extract":
        from .api_python import extract
        return extract
    raise AttributeError(name)
