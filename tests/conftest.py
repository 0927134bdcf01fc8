"""Shared fixtures: paths to the shared gold material and hand-built records."""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.compiled import stale_extensions

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


def pytest_sessionstart(session: pytest.Session) -> None:
    # A compiled module shadows its source: testing a stale one would test old code.
    stale = stale_extensions()
    if stale:
        listed = ", ".join(stale)
        pytest.exit(f"compiled modules are older than their sources ({listed}): run `make build`", 2)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared folder (seeds and gold); tests that need it skip without it."""
    if not (SHARED / "gold" / "seeds.json").is_file():
        pytest.skip(f"shared gold material not found at {SHARED} (it sits beside the checkout)")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The team-written example pages and their gold file."""
    return EXAMPLES
