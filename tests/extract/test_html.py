from __future__ import annotations

from datetime import date

import pytest
from extract_pages import Extract

from thoisu.extract.html import head_metadata, html_metadata, html_to_text

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


# Three paragraphs of prose shared by the pages below.
PROSE = (
    "Bộ trưởng thương mại hai nước đã ký hiệp định thương mại tự do tại thủ đô sau hai năm đàm phán kéo dài "
    "và nhiều vòng thương lượng.",
    "Theo hãng tin Reuters, hiệp định sẽ xóa bỏ phần lớn dòng thuế đối với hàng hóa của hai bên trong mười "
    "năm tới, mở ra cơ hội cho doanh nghiệp.",
    "Các doanh nghiệp hai nước kỳ vọng kim ngạch thương mại song phương sẽ tăng gấp đôi vào cuối thập kỷ này "
    "nhờ các ưu đãi thuế quan mới.",
)
PARAGRAPHS = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


def page(head: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'
    )


def test_head_metadata_reads_the_tags() -> None:
    raw = page(
        "<title>Tiêu đề trong thẻ title | Báo Tin Nhanh</title>"
        '<meta property="og:title" content="Hai nước ký hiệp định &amp; cam kết">'
        '<meta property="og:site_name" content="Báo Tin Nhanh">'
        '<meta name="author" content="Hải Linh">'
        "<link rel='canonical' href='https://tinnhanh.example/the-gioi/bai-1.html'>"
        '<meta content="2024-07-08T15:30:00+07:00" property="article:published_time">',
        f"<article>{PARAGRAPHS}</article>",
    )
    meta = head_metadata(raw)
    assert meta.title == "Hai nước ký hiệp định & cam kết"
    assert meta.sitename == "Báo Tin Nhanh"
    assert meta.author == "Hải Linh"
    assert meta.url == "https://tinnhanh.example/the-gioi/bai-1.html"
    assert meta.published == date(2024, 7, 8)


def test_head_metadata_reads_json_ld() -> None:
    linked = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "Trang"}, '
        '{"@type": "NewsArticle", "headline": "Hai nước ký hiệp định", '
        '"datePublished": "2023-09-13T19:25:00", '
        '"author": [{"@type": "Person", "name": "Hồng Nhung"}], "publisher": {"name": "Báo Tin tức"}}]}'
    )
    meta = head_metadata(page(f'<script type="application/ld+json">{linked}</script>', PARAGRAPHS))
    assert meta.title == "Hai nước ký hiệp định"
    assert meta.published == date(2023, 9, 13)
    assert meta.author == "Hồng Nhung"
    assert meta.sitename == "Báo Tin tức"


def test_head_metadata_without_tags_uses_the_headline_markup() -> None:
    one_h1 = page(
        "<title>Tiêu đề trang | Báo Tin Nhanh</title>", f"<h1>Hai nước ký hiệp định</h1>{PARAGRAPHS}"
    )
    assert head_metadata(one_h1).title == "Hai nước ký hiệp định"
    # Several <h1> (a template's logo and the headline): the <title> without the site's name instead.
    two_h1 = page("<title>Nga - Triều Tiên hội đàm | Báo Tin Nhanh</title>", "<h1>Logo</h1><h1>Tin</h1>")
    assert head_metadata(two_h1).title == "Nga - Triều Tiên hội đàm"


def test_head_metadata_rejects_what_is_not_a_name_or_a_url() -> None:
    raw = page(
        '<meta name="author" content="admin"><meta property="article:publisher" '
        'content="https://facebook.com/tinnhanh"><link rel="canonical" href="/bai-1.html">',
        PARAGRAPHS,
    )
    meta = head_metadata(raw)
    assert meta.author is None
    assert meta.sitename is None
    assert meta.url is None
    assert meta.published is None


def test_byline_element_gives_the_author(extract: Extract) -> None:
    raw = page(
        '<meta property="article:published_time" content="2024-07-08T15:30:00+07:00">',
        f"<article><h1>Hai nước ký hiệp định thương mại tự do</h1>{PARAGRAPHS}"
        '<p class="author"><strong>Như Tâm (Theo Reuters, AFP)</strong></p></article>',
    )
    (article,) = extract(raw, html=True)
    assert article.authors == ["Như Tâm"]


def test_byline_element_holding_no_name_gives_no_author(extract: Extract) -> None:
    raw = page(
        "",
        f"<article><h1>Hai nước ký hiệp định thương mại tự do</h1>{PARAGRAPHS}"
        '<div class="author-box">Tin liên quan</div></article>',
    )
    (article,) = extract(raw, html=True)
    assert article.authors == []


def test_related_teasers_kept_by_trafilatura_stay_out_of_the_body(extract: Extract) -> None:
    related = (
        "<h3>Tin liên quan</h3>"
        "<p>Giá vàng hôm nay tăng mạnh trên thị trường thế giới và trong nước</p>"
        "<p>Giá vàng thế giới đã tăng hơn 2% trong phiên giao dịch hôm qua do lo ngại về lạm phát và căng "
        "thẳng địa chính trị.</p>"
    )
    raw = page("", f"<article><h1>Hai nước ký hiệp định thương mại tự do</h1>{PARAGRAPHS}{related}</article>")
    assert "Giá vàng thế giới" in html_to_text(raw)  # trafilatura keeps the block
    (article,) = extract(raw, html=True)
    assert "kim ngạch thương mại song phương" in article.body_text
    assert "Giá vàng" not in article.body_text


def test_thin_fast_extraction_falls_back_to_the_full_cascade() -> None:
    # Paragraphs as bare <div>s: trafilatura's own extractor finds nothing, its fallbacks find the prose;
    # a plain dump of the page would bring the menu and the footer along.
    raw = page(
        "",
        "<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/the-gioi'>Thế giới</a></li></ul></nav>"
        + "".join(f"<div class='x'>{paragraph}</div>" for paragraph in PROSE)
        + "<footer><p>Bản quyền thuộc về Báo Tin Nhanh.</p></footer>",
    )
    text = html_to_text(raw)
    assert all(paragraph in text for paragraph in PROSE)
    assert "Trang chủ" not in text
    assert "Bản quyền" not in text


def test_htmldate_dates_a_page_only_the_url_dates(extract: Extract) -> None:
    raw = page(
        "<link rel='canonical' href='https://tinnhanh.example/2024/07/08/hai-nuoc-ky-hiep-dinh.html'>",
        f"<article><h1>Hai nước ký hiệp định thương mại tự do</h1>{PARAGRAPHS}</article>",
    )
    (article,) = extract(raw, html=True)
    assert article.published == date(2024, 7, 8)
    assert article.published_basis == "meta"


def test_htmldate_is_not_asked_when_the_text_dates_the_page(
    extract: Extract, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fallback(raw: str) -> date | None:
        asked.append(raw)
        return date(2001, 1, 1)

    monkeypatch.setattr("thoisu.extract.stage.html_fallback_date", fallback)
    raw = page(
        "",
        "<article><h1>Hai nước ký hiệp định thương mại tự do</h1>"
        f"<p>Thứ Hai, 08/07/2024 15:30 (GMT+7)</p>{PARAGRAPHS}</article>",
    )
    (article,) = extract(raw, html=True)
    assert article.published == date(2024, 7, 8)
    assert article.published_basis == "dateline"
    assert asked == []
