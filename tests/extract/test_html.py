from __future__ import annotations

from datetime import date

from extract_pages import Extract

from thoisu.extract.html import html_metadata, html_to_text

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Hai nước ký hiệp định thương mại tự do | Báo Tin Nhanh</title>
<meta property="og:title" content="Hai nước ký hiệp định thương mại tự do">
<meta property="article:published_time" content="2024-07-08T15:30:00+07:00">
<meta name="author" content="Hải Linh">
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/the-gioi">Thế giới</a></nav>
<article>
<h1>Hai nước ký hiệp định thương mại tự do</h1>
<p>Ngày 8/7, bộ trưởng thương mại hai nước đã ký hiệp định thương mại tự do tại thủ đô sau hai năm \
đàm phán.</p>
<p>Theo hãng tin Reuters, hiệp định sẽ xóa bỏ phần lớn dòng thuế đối với hàng hóa của hai bên trong \
mười năm tới.</p>
<figure><img src="a.jpg"><figcaption>Lễ ký hiệp định. Ảnh: Reuters</figcaption></figure>
<p>Các doanh nghiệp hai nước kỳ vọng kim ngạch thương mại song phương sẽ tăng gấp đôi vào cuối thập kỷ.</p>
</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/x">Giá vàng hôm nay tăng mạnh</a></li></ul></aside>
<footer>Bản quyền thuộc về Báo Tin Nhanh.</footer>
</body></html>"""


def test_html_to_text_keeps_headline_and_paragraphs() -> None:
    text = html_to_text(ARTICLE_HTML)
    assert text.lstrip().startswith("Hai nước ký hiệp định thương mại tự do")
    assert "xóa bỏ phần lớn dòng thuế" in text
    assert "Giá vàng hôm nay" not in text


def test_html_metadata_prefers_published_time() -> None:
    meta = html_metadata(ARTICLE_HTML)
    assert meta.published == date(2024, 7, 8)
    assert meta.title is not None and "Hai nước ký hiệp định" in meta.title


def test_html_page_goes_through_the_same_extraction(extract: Extract) -> None:
    (article,) = extract(ARTICLE_HTML, html=True)
    assert article.reject is None
    assert article.title == "Hai nước ký hiệp định thương mại tự do"
    assert article.published == date(2024, 7, 8)
    assert article.published_basis == "meta"
    assert [attribution.name for attribution in article.attributions] == ["Reuters"]
    assert "kim ngạch thương mại song phương" in article.body_text
    assert article.offsets == []


def test_truncated_html_is_handled(extract: Extract) -> None:
    cut = ARTICLE_HTML[: ARTICLE_HTML.index("Các doanh nghiệp")]
    (article,) = extract(cut, html=True)
    assert article.reject is None
    assert "xóa bỏ phần lớn dòng thuế" in article.body_text


def test_markup_without_an_article_is_rejected(extract: Extract) -> None:
    (page,) = extract("<html><body><nav><a>Trang chủ</a><a>Thế giới</a></nav></body></html>", html=True)
    assert page.reject is not None
    assert page.reject.reason in {"no-article", "empty"}


def test_broken_markup_never_raises() -> None:
    for raw in (
        "<",
        "<<<>>>",
        "<html><body><p>chưa đóng thẻ",
        "\x00\x01<p>x</p>",
        "<?xml version='1.0'?><a/>",
    ):
        assert isinstance(html_to_text(raw), str)
        html_metadata(raw)
