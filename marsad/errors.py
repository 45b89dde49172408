"""One exception tree for Marsad.

Every error carries a short code (``E###``) so that users can search for it, and the CLI
turns any ``MarsadError`` into one line naming the file or record concerned.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base class of every error Marsad raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(self.__str__())

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message} [{self.code}]"


class InputError(MarsadError):
    """The input could not be read as an article (binary, encoding, empty, malformed)."""

    code = "E100"


class EncodingError(InputError):
    code = "E101"


class EmptyInputError(InputError):
    code = "E102"


class BinaryInputError(InputError):
    code = "E103"


class MalformedInputError(InputError):
    code = "E104"


class NotArabicError(InputError):
    code = "E105"


class TooLargeError(InputError):
    code = "E106"


class PipelineError(MarsadError):
    """The pipeline is misconfigured (unknown stage, missing prerequisite)."""

    code = "E200"


class ModelError(MarsadError):
    """A model or lexicon could not be loaded or trained."""

    code = "E300"


class StoreError(MarsadError):
    """The store could not be opened, read or written."""

    code = "E400"


class QueryError(StoreError):
    """A search or filter value is invalid (bad date, unknown type, bad limit)."""

    code = "E410"


class ConfigError(MarsadError):
    code = "E500"


class VectorsError(MarsadError):
    """Meaning search cannot run: the store has no vectors yet, or there is no model."""

    code = "E600"


class WatchError(MarsadError):
    """``marsad watch`` cannot start: a bad feeds file, interval or webhook URL."""

    code = "E700"
