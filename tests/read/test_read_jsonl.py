from __future__ import annotations

import io
import json
from pathlib import Path

from thoisu.model import PageFormat
from thoisu.read import read_inputs
from thoisu.read.jsonl import iter_lines

TEXT = "Bộ Ngoại giao Trung Quốc cho biết ông Kim đã gặp Ngoại trưởng Vương Nghị."


def write_jsonl(path: Path, lines: list[bytes]) -> str:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return str(path)


def row(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode()


def test_rows_become_pages(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            row(id="a", url="https://x.vn/a", text=TEXT),
            b"",
            row(
                id=7,
                html=f"<html><head><link rel='canonical' href='https://y.vn/7'></head><p>{TEXT}</p></html>",
            ),
        ],
    )
    out = list(read_inputs([path]))
    assert [a.doc for a in out] == ["a", "7"]
    assert out[0].page.format is PageFormat.TEXT and out[0].page.url == "https://x.vn/a"
    assert out[1].page.format is PageFormat.HTML and out[1].page.url == "https://y.vn/7"
    assert all(a.page.source == path for a in out)


def test_bad_rows_are_rejected_with_line_numbers_and_the_batch_goes_on(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [
            b"{not json",
            b"[1, 2]",
            row(text=TEXT),
            row(id="no-content"),
            row(id="bad-url", url=5, text=TEXT),
            row(id=True, text=TEXT),
            row(id="ok", text=TEXT),
        ],
    )
    out = list(read_inputs([path]))
    reasons = [a.reject.reason if a.reject else None for a in out]
    assert reasons == ["bad-jsonl-row"] * 6 + [None]
    details = [a.reject.detail for a in out if a.reject]
    assert [d.split(":")[0] for d in details] == [f"line {n}" for n in range(1, 7)]
    assert [a.doc for a in out] == [
        "c.jsonl:1",
        "c.jsonl:2",
        "c.jsonl:3",
        "no-content",
        "bad-url",
        "c.jsonl:6",
        "ok",
    ]


def test_over_long_line_is_skipped_and_named_by_its_id(tmp_path: Path) -> None:
    huge = row(id="huge", text="x" * (10 * 1024 * 1024))
    path = write_jsonl(tmp_path / "big.jsonl", [row(id="a", text=TEXT), huge, row(id="b", text=TEXT)])
    out = list(read_inputs([path], max_bytes=1024 * 1024))
    assert [(a.doc, a.reject.reason if a.reject else None) for a in out] == [
        ("a", None),
        ("huge", "too-large"),
        ("b", None),
    ]
    assert out[1].reject is not None and out[1].reject.detail.startswith("line 2:")


def test_over_long_line_without_id_is_named_by_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", [b'{"text": "' + b"y" * 5000 + b'"}'])
    [article] = list(read_inputs([path], max_bytes=1000))
    assert article.doc == "big.jsonl:1"
    assert article.reject is not None and article.reject.reason == "too-large"


def test_row_with_invalid_utf8_is_still_read(tmp_path: Path) -> None:
    line = row(id="r", text=TEXT).replace(b"Kim", b"K\xffm")
    [article] = list(read_inputs([write_jsonl(tmp_path / "r.jsonl", [line])]))
    assert article.reject is None
    assert "Vương Nghị" in article.page.raw


def test_iter_lines_caps_memory_and_counts_lines() -> None:
    stream = io.BytesIO(b"short\n" + b"z" * 100 + b"\nlast")
    lines = list(iter_lines(stream, 10))
    assert [(line.number, line.too_long) for line in lines] == [(1, False), (2, True), (3, False)]
    assert lines[1].data == b"z" * 11
    assert lines[2].data == b"last"


def test_lone_surrogates_from_json_escapes_are_replaced(tmp_path: Path) -> None:
    line = b'{"id": "s\\ud800", "text": "pair \\ud83c\\uddfb ok, lone \\udc00 gone"}'
    [article] = list(read_inputs([write_jsonl(tmp_path / "s.jsonl", [line])]))
    assert article.doc == "s\ufffd"
    assert article.page.raw == "pair \U0001f1fb ok, lone \ufffd gone"
    article.page.raw.encode("utf-8")  # strict: nothing unencodable is left
