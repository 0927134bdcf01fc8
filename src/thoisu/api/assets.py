"""Files the dashboard and the docs serve, found inside installed packages (nothing from a CDN).

The dashboard's own HTML, CSS and JavaScript ship in :mod:`thoisu.dashboard`.
Plotly's browser bundle is the ``plotly.min.js`` that the ``plotly`` wheel
carries, and Swagger UI's files are those of the ``swagger-ui-py`` wheel; both
are located without importing the packages (importing plotly is slow and
pulls in its Python stack, which the server does not use).
"""

from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path


def package_dir(name: str) -> Path | None:
    """The directory of an installed package, without importing it; None when it is not installed."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def dashboard_dir() -> Path:
    """The dashboard's static files (shipped with thoisu)."""
    return Path(str(files("thoisu.dashboard") / "static"))


def plotly_js() -> Path | None:
    """``plotly.min.js`` from the installed ``plotly`` package, or None."""
    root = package_dir("plotly")
    path = root / "package_data" / "plotly.min.js" if root else None
    return path if path is not None and path.is_file() else None


def swagger_dir() -> Path | None:
    """Swagger UI's files from the installed ``swagger-ui-py`` package, or None."""
    root = package_dir("swagger_ui")
    path = root / "static" if root else None
    return path if path is not None and (path / "swagger-ui-bundle.js").is_file() else None
