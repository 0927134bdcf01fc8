"""Fixtures for the event coder's tests; the article builders live in ``eventkit``."""

from __future__ import annotations

import pytest

from thoisu.events.coder import EventCoder


@pytest.fixture(scope="session")
def coder() -> EventCoder:
    return EventCoder()
