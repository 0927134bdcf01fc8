from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from thoisu.errors import InputError
from thoisu.model import Article, PageFormat
from thoisu.read import read_inputs

PAGE = (
    "Ngày 21/3, ông Kim Song-nam đã có cuộc gặp với Chủ tịch Chính hiệp toàn quốc Trung Quốc Vương Hỗ Ninh.\n"
)


def docs(articles: list[Article]) -> list[str]:
    return [article.doc for article in articles]


def reason(article: Article) -> str | None:
    return article.reject.reason if article.reject else None


def test_text_file_is_one_page_named_by_file(tmp_path: Path) -> None:
    path = tmp_path / "000_abc.txt"
    path.write_text(PAGE, encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert article.reject is None
    assert article.doc == "000_abc.txt"
    assert article.page.raw == PAGE
    assert article.page.format is PageFormat.TEXT
    assert article.page.source == str(path)


def test_html_file_gets_format_and_canonical_url(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<!doctype html><html><head><meta property="og:url" content="https://x.vn/a-1.html"></head>'
        f"<body><p>{PAGE}</p></body></html>",
        encoding="utf-8",
    )
    [article] = list(read_inputs([str(path)]))
    assert article.page.format is PageFormat.HTML
    assert article.page.url == "https://x.vn/a-1.html"


def test_html_in_legacy_charset_uses_its_declaration(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    markup = '<html><head><meta charset="windows-1252"></head><body>Caf\u00e9 \u2013 na\u00efve</body></html>'
    path.write_bytes(markup.encode("cp1252"))
    [article] = list(read_inputs([str(path)]))
    assert "Café – naïve" in article.page.raw


def test_directory_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "gold.json").write_text("[]", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text(f"<p>{PAGE}</p>", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(PAGE, encoding="utf-8")
    out = list(read_inputs([str(tmp_path)]))
    assert docs(out) == ["a.txt", "b.txt", "sub/c.htm"]
    assert out[2].page.format is PageFormat.HTML


def test_missing_path_fails_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    with pytest.raises(InputError, match=r"not found: .*nope\.txt"):
        read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "nope.txt")])


def test_bad_files_are_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "2_big.txt").write_bytes(b"a" * 2048 + b"\n")
    (tmp_path / "3_empty.txt").write_bytes(b"   \n\n")
    (tmp_path / "4_good.txt").write_text(PAGE, encoding="utf-8")
    out = list(read_inputs([str(tmp_path)], max_bytes=1024))
    assert docs(out) == ["1_binary.txt", "2_big.txt", "3_empty.txt", "4_good.txt"]
    assert [reason(a) for a in out] == ["binary", "too-large", "empty", None]
    assert [a.reject.stage for a in out if a.reject] == ["read"] * 3
    assert out[1].reject is not None and "1024" in out[1].reject.detail


def test_invalid_utf8_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(PAGE.encode() + b"\xc3\x28 broken\n" + PAGE.encode())
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    out = list(read_inputs([str(tmp_path)]))
    assert [reason(a) for a in out] == [None, None]
    assert "Vương Hỗ Ninh" in out[0].page.raw
    assert "\ufffd" in out[0].page.raw


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(PAGE, encoding="utf-8")
    path.chmod(0)
    try:
        [article] = list(read_inputs([str(path)]))
    finally:
        path.chmod(0o644)
    assert reason(article) == "unreadable"


def test_file_vanishing_after_the_call_is_rejected_as_unreadable(tmp_path: Path) -> None:
    # A file that vanishes or cannot be opened between listing and reading.
    path = tmp_path / "gone.txt"
    path.write_text(PAGE, encoding="utf-8")
    articles = read_inputs([str(path)])
    path.unlink()
    [article] = list(articles)
    assert reason(article) == "unreadable"


def test_reading_is_lazy(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    articles = read_inputs([str(tmp_path)])
    (tmp_path / "b.txt").write_text("changed after the call", encoding="utf-8")
    assert [a.page.raw for a in articles][1] == "changed after the call"


def test_explicit_file_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    text_page = tmp_path / "page"
    text_page.write_text(PAGE, encoding="utf-8")
    html_page = tmp_path / "page.php"
    html_page.write_text(f"<html><body>{PAGE}</body></html>", encoding="utf-8")
    out = list(read_inputs([str(text_page), str(html_page)]))
    assert [a.page.format for a in out] == [PageFormat.TEXT, PageFormat.TEXT]
    assert docs(out) == ["page", "page.php"]


def test_stdin_single_page() -> None:
    [article] = list(read_inputs(["-"], stdin=io.StringIO(PAGE)))
    assert article.doc == "stdin"
    assert article.page.raw == PAGE
    assert article.page.source == "-"


def test_stdin_bytes_html_page() -> None:
    data = f"<!DOCTYPE html><html><body>{PAGE}</body></html>".encode()
    [article] = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert article.page.format is PageFormat.HTML


def test_stdin_json_lines() -> None:
    rows = [{"id": "r1", "text": PAGE}, {"id": "r2", "url": "https://x.vn/2", "text": PAGE}]
    data = "\n" + "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n"
    out = list(read_inputs(["-"], stdin=io.BytesIO(data.encode())))
    assert docs(out) == ["r1", "r2"]
    assert out[1].page.url == "https://x.vn/2"


def test_stdin_too_large() -> None:
    [article] = list(read_inputs(["-"], stdin=io.BytesIO(b"x" * 5000), max_bytes=1000))
    assert reason(article) == "too-large"


def test_cap_must_be_positive() -> None:
    with pytest.raises(InputError):
        read_inputs(["-"], max_bytes=0)
