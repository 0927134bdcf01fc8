import importlib.machinery
import os
import time
from pathlib import Path

from thoisu.compiled import compiled_modules, stale_extensions

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "events").mkdir(parents=True)
    (package / "plain.py").write_text("x = 1\n")
    return package


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_an_extension_older_than_its_source_is_stale(tmp_path: Path) -> None:
    package = _package(tmp_path)
    extension = package / "events" / f"coder{SUFFIX}"
    extension.write_bytes(b"")
    (package / "events" / "coder.py").write_text("x = 1\n")
    _age(extension, 60)
    assert stale_extensions(package) == ["pkg/events/coder.py"]
    assert compiled_modules(package) == ["pkg.events.coder"]


def test_an_extension_newer_than_its_source_is_fresh(tmp_path: Path) -> None:
    package = _package(tmp_path)
    source = package / "events" / "coder.py"
    source.write_text("x = 1\n")
    _age(source, 60)
    (package / "events" / f"coder{SUFFIX}").write_bytes(b"")
    assert stale_extensions(package) == []


def test_a_package_without_extensions_has_none(tmp_path: Path) -> None:
    package = _package(tmp_path)
    assert compiled_modules(package) == []
    assert stale_extensions(package) == []
