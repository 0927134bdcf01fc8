from __future__ import annotations

import pytest

from thoisu.api.assets import dashboard_dir, package_dir, plotly_js, swagger_dir


def test_package_dir_finds_installed_packages_without_importing_them() -> None:
    root = package_dir("thoisu")
    assert root is not None and (root / "service.py").is_file()
    assert package_dir("no_such_package_here") is None
    assert package_dir("json.decoder") is None  # a module, not a package directory


def test_dashboard_files_ship_with_the_package() -> None:
    assert (dashboard_dir() / "index.html").is_file()


def test_vendored_files_are_found_when_installed() -> None:
    pytest.importorskip("plotly", reason="plotly is not installed")
    path = plotly_js()
    assert path is not None and path.name == "plotly.min.js" and path.stat().st_size > 1_000_000
    if package_dir("swagger_ui") is not None:
        docs = swagger_dir()
        assert docs is not None and (docs / "swagger-ui.css").is_file()
