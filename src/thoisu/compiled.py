"""Which modules run as mypyc-compiled extensions, and which of those are stale.

The hot modules listed under ``[tool.thoisu.mypyc]`` in pyproject.toml are
compiled at install time. Python imports an extension in preference to the
``.py`` beside it, so after an edit to such a module the old compiled code
keeps running until it is rebuilt; the test suite checks for that first, and
benchmarks report whether they measured compiled code.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def _extensions(package: Path) -> list[tuple[Path, Path]]:
    """Pairs of (extension, its source) under ``package``."""
    pairs = []
    for path in package.rglob("*"):
        suffix = next((s for s in _SUFFIXES if path.name.endswith(s)), None)
        if suffix is not None:
            pairs.append((path, path.with_name(path.name[: -len(suffix)] + ".py")))
    return pairs


def compiled_modules(package: Path = _PACKAGE) -> list[str]:
    """Dotted names of the modules of ``package`` that have a compiled extension beside them."""
    root = package.parent
    return sorted(
        ".".join(source.relative_to(root).with_suffix("").parts) for _, source in _extensions(package)
    )


def stale_extensions(package: Path = _PACKAGE) -> list[str]:
    """Sources, relative to the package's parent, edited after their extension was built."""
    root = package.parent
    return sorted(
        str(source.relative_to(root))
        for extension, source in _extensions(package)
        if source.is_file() and source.stat().st_mtime > extension.stat().st_mtime
    )
