from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from apidata import TOKEN
from fastapi.testclient import TestClient

from thoisu.api import Settings, create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def small_app(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(tmp_path / "x.duckdb", token=TOKEN, max_body_bytes=1000)))


def test_a_declared_length_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    with small_app(tmp_path) as client:
        response = client.post("/ingest", content=b"a" * 1001, headers=AUTH)
    assert response.status_code == 413
    assert (
        response.json()["detail"]
        == "the request body is larger than the limit of 0.000953674 MB (1000 bytes)"
    )


def test_a_chunked_body_is_counted_as_it_arrives(tmp_path: Path) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"b" * 100

    with small_app(tmp_path) as client:
        response = client.post("/ingest", content=chunks(), headers=AUTH)
    assert response.status_code == 413


def test_the_limit_applies_without_a_token_too(tmp_path: Path) -> None:
    with small_app(tmp_path) as client:
        assert client.post("/ingest", content=b"c" * 5000).status_code == 413
        # At the limit the body goes through (to the token check here).
        assert client.post("/ingest", content=b"c" * 1000).status_code == 401


def test_reads_are_not_affected(client: TestClient) -> None:
    assert client.get("/events", params={"limit": 1}).status_code == 200
