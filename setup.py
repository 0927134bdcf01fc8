"""Build hook: compile the hot pure-Python modules with mypyc.

Everything else about the package lives in pyproject.toml; this file exists
only because extension modules cannot be declared there. The modules listed
under ``[tool.thoisu.mypyc]`` are ordinary, fully typed Python (mypy --strict
clean): mypyc turns them into C extensions that run the same code two to three
times faster, which the per-core throughput targets of BENCHMARKS.md need.
The Python sources stay the reference: set ``THOISU_MYPYC=0`` to install
without compiling (slower, same results).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup


def compiled_extensions() -> list:  # type: ignore[type-arg]
    """The mypyc extensions to build, or none when compilation is switched off."""
    if os.environ.get("THOISU_MYPYC", "1") == "0":
        return []
    from mypyc.build import mypycify

    config = tomllib.loads(Path(__file__).with_name("pyproject.toml").read_text(encoding="utf-8"))
    modules = config["tool"]["thoisu"]["mypyc"]["modules"]
    return mypycify(modules, opt_level="3")


setup(ext_modules=compiled_extensions())
