from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest.importorskip("uvicorn", reason="serving needs the api extra (fastapi, uvicorn)")

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from thoisu.cli import main as cli
from thoisu.store import Store


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `thoisu serve` hands to uvicorn, instead of listening."""
    calls: dict[str, Any] = {}

    def run(app: FastAPI, **options: Any) -> None:
        calls["app"] = app
        calls.update(options)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.delenv("THOISU_TOKEN", raising=False)
    return calls


def test_serve_runs_the_app_on_the_given_address(tmp_path: Path, served: dict[str, Any]) -> None:
    db = tmp_path / "events.duckdb"
    Store.open(db).close()
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(db), "--port", "8123", "--token", "t0k"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    with TestClient(served["app"]) as client:
        health = client.get("/health").json()
        assert health["database"]["available"] and health["writes_enabled"]
        assert (
            client.post("/ingest", content=b"x", headers={"Authorization": "Bearer t0k"}).status_code != 401
        )
    assert "dashboard: http://127.0.0.1:8123/" in result.output


def test_the_token_comes_from_the_environment(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(
        cli.app, ["serve", "--db", str(tmp_path / "new.duckdb")], env={"THOISU_TOKEN": "from-env"}
    )
    assert result.exit_code == 0, result.output
    assert "no database at" in result.output and "POST /ingest will create it" in result.output
    with TestClient(served["app"]) as client:
        wrong = client.post("/ingest", content=b"x", headers={"Authorization": "Bearer other"})
        assert wrong.status_code == 401


def test_without_a_token_writes_are_off(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 0 and "writes are off" in result.output
    with TestClient(served["app"]) as client:
        assert client.post("/ingest", content=b"x").status_code == 403


@pytest.mark.parametrize(
    "arguments", [["--port", "0"], ["--port", "70000"], ["--token", "  "], ["--max-body-mb", "0"]]
)
def test_bad_options_are_usage_errors(tmp_path: Path, served: dict[str, Any], arguments: list[str]) -> None:
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(tmp_path / "x.duckdb"), *arguments])
    assert result.exit_code == 2 and "app" not in served
