from __future__ import annotations

import io
from pathlib import Path

import pytest

from thoisu.errors import InputError
from thoisu.model import PageFormat
from thoisu.read import read_inputs

warcio = pytest.importorskip("warcio", reason="the optional 'warc' extra is not installed")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

HTML = (
    "<html><head><title>t</title></head><body><p>Ngày 11/4, Triệu Lạc Tế thăm Bình Nhưỡng.</p></body></html>"
)


def response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


def make_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        response(writer, "https://a.vn/1.html", HTML.encode(), "text/html; charset=utf-8")
        response(writer, "https://a.vn/logo.png", b"\x89PNG\x00\x00", "image/png")
        response(writer, "https://a.vn/moved", b"", "text/html", status="301 Moved")
        legacy = HTML.replace("Ngày 11/4, Triệu Lạc Tế thăm Bình Nhưỡng.", "Café naïve").encode("cp1252")
        response(writer, "https://a.vn/2.html", legacy, "text/html; charset=windows-1252")
        conversion = writer.create_warc_record(
            "https://a.vn/3.html",
            "conversion",
            payload=io.BytesIO("Triệu Lạc Tế gặp Choe Ryong Hae.".encode()),
            warc_content_type="text/plain",
        )
        writer.write_record(conversion)


@pytest.mark.parametrize("name,gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_pages(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    make_warc(path, gzip)
    out = list(read_inputs([str(path)]))
    assert [a.doc for a in out] == ["https://a.vn/1.html", "https://a.vn/2.html", "https://a.vn/3.html"]
    assert [a.page.format for a in out] == [PageFormat.HTML, PageFormat.HTML, PageFormat.TEXT]
    assert out[0].page.url == "https://a.vn/1.html"
    assert "Triệu Lạc Tế" in out[0].page.raw
    assert "Café naïve" in out[1].page.raw
    assert out[2].page.raw == "Triệu Lạc Tế gặp Choe Ryong Hae."


def test_oversized_record_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    make_warc(path, True)
    out = list(read_inputs([str(path)], max_bytes=40))
    assert all(a.reject is not None and a.reject.reason == "too-large" for a in out[:2])


def test_damaged_archive_yields_what_it_can_then_a_rejection(tmp_path: Path) -> None:
    path = tmp_path / "damaged.warc.gz"
    make_warc(path, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"garbage" * 50)
    out = list(read_inputs([str(path)]))
    assert out[0].doc == "https://a.vn/1.html" and out[0].reject is None
    assert out[-1].reject is not None
    assert out[-1].reject.reason == "unreadable"
    assert out[-1].doc == "damaged.warc.gz"


def test_missing_warcio_is_a_clear_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.warc.gz"
    make_warc(path, True)
    monkeypatch.setattr("thoisu.read.warc.warc_available", lambda: False)
    with pytest.raises(InputError, match=r"thoisu\[warc\]"):
        read_inputs([str(path)])
