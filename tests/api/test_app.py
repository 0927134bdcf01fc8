from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from thoisu.api import Settings, create_app
from thoisu.api.assets import dashboard_dir, plotly_js, swagger_dir
from thoisu.errors import StoreError


def test_openapi_lists_every_endpoint_and_the_token_scheme(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/events",
        "/events/{event_id}",
        "/dyads/{first}/{second}/timeline",
        "/dyads/{first}/{second}/trend",
        "/actors",
        "/network",
        "/articles",
        "/articles/{identifier}",
        "/summary",
        "/health",
        "/vocabulary",
        "/ingest",
    }
    ingest = schema["paths"]["/ingest"]["post"]
    assert ingest["security"] == [{"HTTPBearer": []}]
    assert set(ingest["requestBody"]["content"]) == {"text/plain", "text/html", "application/x-ndjson"}
    assert {"401", "403", "413", "503"} <= set(ingest["responses"])
    assert schema["paths"]["/events"]["get"]["parameters"][-2]["schema"]["maximum"] == 500


def test_the_dashboard_is_served_at_the_root(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<main id="main"' in page.text
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset


def test_dashboard_files_load_nothing_from_other_hosts() -> None:
    # Works with no internet: no script, stylesheet, font or import from elsewhere.
    external = re.compile(
        r"""(?:src|href)=["']https?:|url\(\s*["']?https?:|from\s+["']https?:|@import\s+["']?https?:"""
    )
    files = sorted(dashboard_dir().iterdir())
    assert {path.name for path in files} >= {"index.html", "app.js", "dashboard.css", "i18n.js"}
    for path in files:
        assert not external.search(path.read_text(encoding="utf-8")), path.name


def test_plotly_comes_from_the_installed_package(client: TestClient) -> None:
    path = plotly_js()
    if path is None:
        pytest.skip("the plotly package is not installed")
    response = client.get("/static/vendor/plotly.min.js")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert response.content == path.read_bytes()


def test_docs_use_local_swagger_ui(client: TestClient) -> None:
    if swagger_dir() is None:
        pytest.skip("swagger-ui-py is not installed: /docs uses FastAPI's CDN page")
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_a_store_error_during_a_query_is_503(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thoisu.service import Service

    def broken(self: Service, *args: object, **kwargs: object) -> None:
        raise StoreError("query on x failed: disk I/O error")

    monkeypatch.setattr(Service, "summary", broken)
    with TestClient(create_app(Settings(store_path))) as client:
        response = client.get("/summary")
    assert response.status_code == 503 and response.json()["detail"] == "query on x failed: disk I/O error"


def test_settings_refuse_an_empty_token_and_a_bad_limit(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="empty token"):
        Settings(tmp_path / "x.duckdb", token="  ")
    with pytest.raises(ValueError, match="positive"):
        Settings(tmp_path / "x.duckdb", max_body_bytes=0)
