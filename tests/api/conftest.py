"""Clients of the API over a small hand-built store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs the api extra (fastapi, uvicorn)")

from apidata import TOKEN, build_store
from fastapi.testclient import TestClient

from thoisu.api import Settings, create_app


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store_path, token=TOKEN))) as test_client:
        yield test_client
