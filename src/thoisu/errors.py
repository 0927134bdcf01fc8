"""Exceptions with a code and the fix in the message.

Front ends print ``str(error)`` as one line and exit non-zero; they never show
a traceback for a user mistake.
"""

from __future__ import annotations


class ThoisuError(Exception):
    """Base class: every error thoisu raises on purpose."""

    code = "THOISU"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class PipelineError(ThoisuError):
    """A pipeline was assembled wrongly (a stage's needs are not met)."""

    code = "PIPELINE"


class InputError(ThoisuError):
    """An input path or stream cannot be used at all (missing, unreadable)."""

    code = "INPUT"


class ResourceError(ThoisuError):
    """A language resource file is missing or fails its schema check."""

    code = "RESOURCE"


class StoreError(ThoisuError):
    """The store cannot be opened or has an incompatible schema."""

    code = "STORE"


class GoldError(ThoisuError):
    """A gold or prediction file does not follow the shared schema."""

    code = "GOLD"
