"""Loading versioned language-resource files.

Resources are TOML files shipped inside a language package
(``thoisu.lang.vi.data``). TOML is read by the standard library, is easy to
review in a diff, and keeps a file's ``version`` next to its entries, so every
stored row can say which resource versions produced it.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from thoisu.errors import ResourceError


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse resource ``text``; ``name`` is used in error messages.

    Raises:
        ResourceError: On a TOML syntax error or a missing ``version`` key.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{name}: not valid TOML: {exc}") from exc
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise ResourceError(f"{name}: missing top-level 'version = \"YYYY.MM.N\"'")
    return data


def load_toml(package: str, name: str) -> dict[str, Any]:
    """Read resource file ``name`` shipped in ``package``.

    Raises:
        ResourceError: When the file is missing or malformed; the message names it.
    """
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(f"resource {package}/{name} is missing; reinstall thoisu") from exc
    return parse_toml(text, f"{package}/{name}")


def load_toml_path(path: Path) -> dict[str, Any]:
    """Read a resource file from a path (tests and user-supplied overrides)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read resource file {path}: {exc.strerror}") from exc
    return parse_toml(text, str(path))
