"""Bad input through normalise + extract: every page ends rejected with a reason or handled, quickly."""

from __future__ import annotations

import time

import pytest
from extract_pages import ARTICLE_PAGE, Extract

from thoisu.model import Article, Page
from thoisu.normalise import NormaliseStage


def single(extract: Extract, raw: str, **kwargs: object) -> Article:
    results = extract(raw, **kwargs)
    assert len(results) >= 1
    return results[0]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("\n\n   \n", "empty"),
        (bytes(range(256)).decode("latin-1") * 40, "binary"),
        ("\x00" + "abc" * 100, "binary"),
        ("\ufffd\ufffd \ufffd\ufffd\ufffd Hà \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd", "undecodable"),
        ("Trang chủ\nThời sự\nChia sẻ\nFacebook\nTin mới nhất\nĐọc thêm\n" * 5, "no-article"),
    ],
)
def test_bad_pages_are_rejected_with_a_reason(extract: Extract, raw: str, reason: str) -> None:
    page = single(extract, raw)
    assert page.reject is not None
    assert page.reject.reason == reason


def test_ten_megabyte_single_line_is_rejected_fast() -> None:
    raw = "Hà Nội " * (10_000_000 // 7)
    started = time.perf_counter()
    article = next(iter(NormaliseStage().run([Article(page=Page(id="huge", raw=raw))])))
    assert article.reject is not None and article.reject.reason == "too-large"
    assert time.perf_counter() - started < 2.0


def test_one_megabyte_single_line_is_handled_in_bounded_time(extract: Extract) -> None:
    raw = ("Hai bên đã hội đàm về hợp tác kinh tế và an ninh khu vực, " * 18_000)[:1_000_000]
    started = time.perf_counter()
    page = single(extract, raw)
    assert time.perf_counter() - started < 20.0
    assert page.reject is None or page.reject.reason in {"no-article", "too-large"}


@pytest.mark.parametrize(
    "line",
    [
        "(" * 5000,
        "/" * 5000 + "x",
        "1/" * 3000,
        "[" + "a " * 3000 + "]",
        "Ảnh: " + "(" * 3000,
        "theo dõi " + "x " * 3000 + "trên",
        "- Hình " + "9" * 3000,
        "a > " * 2000,
        "Thế giới | " * 2000,
    ],
)
def test_pathological_lines_do_not_hang(extract: Extract, line: str) -> None:
    started = time.perf_counter()
    extract(f"Tiêu đề bài viết về hợp tác\n{line}\n{ARTICLE_PAGE}")
    assert time.perf_counter() - started < 5.0


def test_replacement_characters_sprinkled_in_a_page_are_kept(extract: Extract) -> None:
    raw = ARTICLE_PAGE.replace("hội đàm", "h\ufffdi đàm", 1)
    page = single(extract, raw)
    assert page.reject is None
    assert "h\ufffdi đàm" in page.body_text


def test_truncated_page_still_yields_its_article(extract: Extract) -> None:
    cut = ARTICLE_PAGE[: ARTICLE_PAGE.index("Đây là chuyến thăm")]
    page = single(extract, cut)
    assert page.reject is None
    assert "Theo hãng tin Kyodo" in page.body_text


def test_a_batch_with_bad_pages_keeps_going(extract: Extract) -> None:
    good = extract(ARTICLE_PAGE)
    bad = extract("\x00\x00\x00")
    assert good[0].reject is None and bad[0].reject is not None
