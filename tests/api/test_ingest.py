from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from apidata import TOKEN
from fastapi.testclient import TestClient

from thoisu.api import Settings, create_app
from thoisu.api.ingest import BodyFormat, read_body, resolve_format
from thoisu.model import PageFormat

AUTH = {"Authorization": f"Bearer {TOKEN}"}


# ---------------------------------------------------------------- reading a body


@pytest.mark.parametrize(
    ("requested", "content_type", "body", "expected"),
    [
        (BodyFormat.AUTO, "application/x-ndjson", b"anything", BodyFormat.JSONL),
        (BodyFormat.AUTO, "application/jsonl; charset=utf-8", b"x", BodyFormat.JSONL),
        (BodyFormat.AUTO, "text/html", b"<p>x</p>", BodyFormat.HTML),
        (BodyFormat.AUTO, "text/plain", b'\n  {"id": 1, "text": "x"}', BodyFormat.JSONL),
        (BodyFormat.AUTO, None, b"Ha Noi, 1/1", BodyFormat.AUTO),
        (BodyFormat.TEXT, "application/x-ndjson", b"{}", BodyFormat.TEXT),
    ],
)
def test_resolve_format(
    requested: BodyFormat, content_type: str | None, body: bytes, expected: BodyFormat
) -> None:
    assert resolve_format(requested, content_type, body) is expected


def test_a_page_is_named_by_its_content_unless_named() -> None:
    [first] = read_body("Xin chào".encode(), BodyFormat.TEXT, None, "https://example.vn/a")
    [again] = read_body("Xin chào".encode(), BodyFormat.TEXT, None, None)
    [other] = read_body(b"Khac", BodyFormat.TEXT, None, None)
    assert first.doc == again.doc != other.doc and first.doc.startswith("api-")
    assert first.page.url == "https://example.vn/a" and first.page.format is PageFormat.TEXT
    [named] = read_body(b"<html><body><p>x</p></body></html>", BodyFormat.AUTO, "mine.html", None)
    assert named.doc == "mine.html" and named.page.format is PageFormat.HTML


def test_jsonl_rows_become_pages_and_bad_rows_rejections() -> None:
    body = b'{"id": "a", "text": "Mot"}\n\n{"id": "b", "html": "<p>Hai</p>"}\nnot json\n'
    articles = list(read_body(body, BodyFormat.JSONL, None, None))
    assert [article.doc for article in articles] == ["a", "b", "api:4"]
    assert articles[1].page.format is PageFormat.HTML
    assert articles[2].reject is not None and articles[2].reject.reason == "bad-jsonl-row"


# ---------------------------------------------------------------- the endpoint


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app over an empty directory: the first ingest creates the store."""
    path = tmp_path_factory.mktemp("ingest") / "new.duckdb"
    with TestClient(create_app(Settings(path, token=TOKEN, max_body_bytes=200_000))) as client:
        yield client


def test_without_the_token_writes_are_refused(writer: TestClient) -> None:
    missing = writer.post("/ingest", content=b"Trang")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert "token" in missing.json()["detail"]
    wrong = writer.post("/ingest", content=b"Trang", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["detail"] == "wrong token"
    basic = writer.post("/ingest", content=b"Trang", headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401


def test_a_server_without_token_has_writes_off(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(tmp_path / "x.duckdb"))) as client:
        response = client.post("/ingest", content=b"Trang", headers=AUTH)
    assert response.status_code == 403 and "THOISU_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize(
    ("url", "body", "status"),
    [
        ("/ingest", b"", 400),
        ("/ingest", b" \n\t", 400),
        ("/ingest?format=pdf", b"x", 422),
        ("/ingest?url=ftp://x", b"x", 422),
        ("/ingest?doc=", b"x", 422),
    ],
)
def test_bad_ingest_requests(writer: TestClient, url: str, body: bytes, status: int) -> None:
    response = writer.post(url, content=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["detail"]


def test_a_body_over_the_limit_is_413(writer: TestClient) -> None:
    response = writer.post("/ingest", content=b"x" * 200_001, headers=AUTH)
    assert response.status_code == 413 and "200000 bytes" in response.json()["detail"]


def test_ingest_runs_the_pipeline_into_the_store(writer: TestClient, examples_dir: Path) -> None:
    page = (examples_dir / "pages" / "e01_xi-jinping-ha-noi.txt").read_bytes()
    first = writer.post("/ingest?doc=xi.txt&url=https://example.vn/xi", content=page, headers=AUTH)
    assert first.status_code == 200, first.text
    report = first.json()
    assert (report["pages"], report["articles"], report["rejects"]) == (1, 1, 0)
    [item] = report["items"]
    assert item["doc"] == "xi.txt" and item["events"] == report["events"] > 0
    stored = writer.get(f"/articles/{item['article_id']}").json()
    assert stored["article"]["url"] == "https://example.vn/xi"
    assert stored["mentions"] and {mention["doc"] for mention in stored["mentions"]} == {"xi.txt"}
    events = writer.get("/summary").json()["events"]
    assert events > 0
    again = writer.post("/ingest?doc=xi.txt", content=page, headers=AUTH).json()
    assert writer.get("/summary").json()["events"] == events  # the same page again adds nothing
    assert again["run_id"] != report["run_id"]


def test_ingest_of_jsonl_reports_each_row(writer: TestClient, examples_dir: Path) -> None:
    text = (examples_dir / "pages" / "e12_modi-tham-kiev.txt").read_text(encoding="utf-8")
    body = "\n".join(
        [json.dumps({"id": "modi", "text": text}), "{broken", json.dumps({"id": "blank", "text": ""})]
    )
    response = writer.post(
        "/ingest", content=body.encode(), headers={**AUTH, "Content-Type": "application/x-ndjson"}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["articles"] == 1 and report["rejects"] == 2
    assert report["rejects_by_reason"] == {"bad-jsonl-row": 1, "empty": 1}
    rejected = {item["doc"]: item["reject"]["reason"] for item in report["items"] if item["reject"]}
    assert rejected == {"api:2": "bad-jsonl-row", "blank": "empty"}
    runs = writer.get("/summary").json()["runs"]
    assert runs >= 1


def test_a_binary_body_is_a_recorded_rejection(writer: TestClient) -> None:
    response = writer.post("/ingest", content=b"\x00\x01\x02 binary", headers=AUTH)
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["article_id"] is None and item["reject"]["reason"] == "binary"
