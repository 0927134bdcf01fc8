from __future__ import annotations

import random

import pytest
from extract_pages import ARTICLE_PAGE, LISTING_PAGE, TWO_ARTICLE_PAGE, Extract

from thoisu.extract.flat import (
    _CREDIT_TAIL,
    MEMO_LINE_CHARS,
    Kind,
    LineFeatures,
    _credit_tail,
    classify_lines,
    layout_page,
)
from thoisu.extract.resources import ExtractResources
from thoisu.extract.stage import ExtractStage
from thoisu.model import Article, Page
from thoisu.normalise import NormaliseStage, normalise_text


def kinds(text: str, resources: ExtractResources) -> list[Kind]:
    normalised = normalise_text(text)
    return [line.kind for line in classify_lines(normalised.text, normalised.offsets, resources)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Tin liên quan", Kind.SECTION),
        ("ĐỌC THÊM:", Kind.SECTION),
        ("Chia sẻ", Kind.CHROME),
        ("Theo dõi Báo Mới Toanh trên", Kind.CHROME),
        ("Thế giới > Châu Âu > Nga", Kind.CHROME),
        ("Bạn thấy bài viết này có hữu ích không?", Kind.CHROME),
        ("Quang cảnh cuộc hội đàm tại Hà Nội chiều 5/9. Ảnh: Hoàng Phong", Kind.CAPTION),
        ("Hai nhà lãnh đạo tại lễ đón - Hình 2", Kind.CAPTION),
        ("[Photo : YONHAP News]", Kind.CREDIT),
        ("(Ảnh minh họa)", Kind.CREDIT),
        ("(theo Reuters)", Kind.SOURCE),
        ("(TTXVN/Vietnam+)", Kind.SOURCE),
        ("Minh Anh (tổng hợp)", Kind.SOURCE),
        ("14:25:41 21/12/2024", Kind.DATE),
        ("Cập nhật: 12/10/2025 08:15", Kind.DATE),
        ("3 giờ trước", Kind.TIMESTAMP),
        ("Lượt xem: 1.254", Kind.TIMESTAMP),
        ("han quoc nhat ban khoi phuc doi thoai an ninh", Kind.SLUG),
        (
            "Chuyến thăm diễn ra trong bối cảnh quan hệ song phương có nhiều chuyển biến tích cực...",
            Kind.TEASER,
        ),
        ("Hàn Quốc và Nhật Bản nhất trí khôi phục đối thoại an ninh cấp cao", Kind.HEADING),
        ("Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Minh Đức, Hoàng Anh.", Kind.SHORT),
        (
            "Ngày 16/3, Tổng thống Hàn Quốc đã có cuộc hội đàm với Thủ tướng Nhật Bản tại Tokyo trong "
            "chuyến thăm chính thức kéo dài hai ngày.",
            Kind.PROSE,
        ),
    ],
)
def test_line_kinds(line: str, kind: Kind, resources: ExtractResources) -> None:
    assert kinds(f"Dòng đầu tiên của trang\n{line}", resources)[1] is kind


def test_credit_search_started_near_the_last_colon_finds_what_the_full_search_finds() -> None:
    pieces = ["ảnh", "Ảnh", "nguồn ảnh", "ẢNH CHỤP", "hình", "Photo", "video", "infographic", "đồ họa"]
    pieces += [":", ": ", " :", "(", "[", ")", "]", " ", "  ", ".", "TTXVN", "Hà Nội", "x", "12/10"]
    rng = random.Random(5)
    found = 0
    for _ in range(5000):
        line = "".join(rng.choices(pieces, k=rng.randint(1, 12)))
        if rng.random() < 0.3:
            line = "Quang cảnh hội đàm " * rng.randint(5, 10) + line  # credits past the last 140 characters
        full = _CREDIT_TAIL.search(line, max(0, len(line) - 140))
        quick = _credit_tail(line)
        assert (full is None) == (quick is None), line
        if full is not None and quick is not None:
            found += 1
            assert full.start() == quick.start(), line
    assert found > 100


def test_crawl_prefix_is_recognised_only_at_the_top(resources: ExtractResources) -> None:
    found = kinds("date 2025-10-12 Thế giới\nTiêu đề\nmột\nhai\ndate 2025-10-12 lặp lại", resources)
    assert found[0] is Kind.CRAWL
    assert found[4] is not Kind.CRAWL


def test_article_page_title_body_captions_byline(extract: Extract) -> None:
    (article,) = extract(ARTICLE_PAGE)
    assert article.reject is None
    assert article.title == "Hàn Quốc và Nhật Bản nhất trí khôi phục đối thoại an ninh cấp cao"
    body = article.body_text
    assert body.startswith("Lãnh đạo hai nước cam kết")
    assert "Đây là chuyến thăm song phương đầu tiên" in body
    for boilerplate in (
        "Thế giới > Châu Á",
        "Tin liên quan",
        "Giá vàng hôm nay",
        "Chia sẻ",
        "Bản quyền",
        "Ảnh: Reuters",
    ):
        assert boilerplate not in body
    assert [article.span_text(span) for span in article.captions] == [
        "Tổng thống Hàn Quốc và Thủ tướng Nhật Bản tại cuộc họp báo chung ở Tokyo. Ảnh: Reuters"
    ]
    assert article.authors == ["Thanh Bình"]
    assert article.language == "vi"
    assert all(span.end <= len(article.text) for span in article.body)


def test_sidebar_timestamps_do_not_date_the_article(extract: Extract) -> None:
    page = ARTICLE_PAGE.replace("Thứ năm, 16/3/2023, 20:15 (GMT+7)\n", "")
    (article,) = extract(page)
    # Only the related-news stamps (16/03/2023) carry a year; they belong to other articles.
    assert article.published_basis != "dateline"


def test_listing_page_is_rejected_as_no_article(extract: Extract) -> None:
    (page,) = extract(LISTING_PAGE)
    assert page.reject is not None
    assert page.reject.reason == "no-article"


def test_page_of_chrome_only_is_rejected(extract: Extract) -> None:
    chrome = "\n".join(
        ["Trang chủ", "Thời sự", "Thế giới", "Chia sẻ", "Facebook", "Zalo", "Tin mới nhất", "Go Top"]
    )
    (page,) = extract(chrome * 3)
    assert page.reject is not None and page.reject.reason == "no-article"


def test_two_articles_on_one_page(extract: Extract) -> None:
    first, second = extract(TWO_ARTICLE_PAGE)
    assert (first.index, second.index) == (0, 1)
    assert first.title == "Việt Nam và Lào ký kết nhiều văn kiện hợp tác quan trọng"
    assert second.title == "Thái Lan và Campuchia nối lại đàm phán biên giới"
    assert "12 văn kiện hợp tác" in first.body_text and "Bangkok" not in first.body_text
    assert "nhóm công tác chung" in second.body_text and "Viêng Chăn" not in second.body_text
    assert first.text is second.text and first.page is second.page
    assert [a.name for a in second.attributions] == ["Reuters"]
    assert first.attributions == []


def test_second_headline_with_its_own_dateline_starts_a_second_article(extract: Extract) -> None:
    page = (
        "Hai nước nâng cấp quan hệ lên đối tác chiến lược toàn diện\n"
        "Thứ Tư, 19:40, 19/06/2024\n"
        "Lãnh đạo hai nước ngày 19/6 đã ký tuyên bố chung về việc nâng cấp quan hệ sau cuộc hội "
        "đàm kéo dài.\n"
        "Hai bên cũng nhất trí tăng cường hợp tác trong các lĩnh vực năng lượng, giáo dục và "
        "khoa học công nghệ.\n"
        "Tổng thống đến thủ đô, bắt đầu chuyến thăm cấp Nhà nước\n"
        "Thứ Tư, 23:55, 19/06/2024\n"
        "Tối muộn 19/6, chuyên cơ chở Tổng thống đã hạ cánh xuống sân bay quốc tế, bắt đầu "
        "chuyến thăm hai ngày.\n"
        "Theo chương trình, ngày 20/6, hai bên sẽ tổ chức lễ đón chính thức và hội đàm tại Phủ Chủ tịch.\n"
    )
    articles = extract(page)
    assert [article.title for article in articles] == [
        "Hai nước nâng cấp quan hệ lên đối tác chiến lược toàn diện",
        "Tổng thống đến thủ đô, bắt đầu chuyến thăm cấp Nhà nước",
    ]
    assert all(
        article.published is not None and article.published.isoformat() == "2024-06-19"
        for article in articles
    )


def test_related_block_inside_an_article_is_skipped_and_the_body_resumes(extract: Extract) -> None:
    page = (
        "Nhật Bản và Philippines ký hiệp định tiếp cận đối ứng về quốc phòng\n"
        "Ngày 8/7, Ngoại trưởng Nhật Bản và Bộ trưởng Quốc phòng Philippines đã ký hiệp định "
        "tại Manila sau nhiều vòng đàm phán.\n"
        "TIN LIÊN QUAN\n"
        "nhat ban philippines ky hiep dinh Nhật Bản tăng cường hợp tác an ninh với các nước Đông Nam Á\n"
        "nhat ban philippines ky hiep dinh Philippines và Mỹ mở rộng tập trận chung thường niên\n"
        "Hiệp định cho phép quân đội hai nước đưa lực lượng sang lãnh thổ của nhau để huấn luyện chung.\n"
        "Đây là hiệp định quốc phòng cùng loại đầu tiên mà Nhật Bản ký với một quốc gia châu Á.\n"
        "Đọc thêm\n"
        "Giá xăng dầu hôm nay giảm nhẹ theo đà thế giới\n"
        "Giá xăng dầu hôm nay giảm nhẹ theo đà thế giới\n"
        "Giá dầu thế giới tiếp tục giảm do lo ngại nhu cầu yếu tại các nền kinh tế lớn trong quý tới.\n"
        "Bão số 3 đổ bộ, nhiều tỉnh miền Bắc mưa lớn kéo dài\n"
        "Bão số 3 đổ bộ, nhiều tỉnh miền Bắc mưa lớn kéo dài\n"
        "Các địa phương đã sơ tán hàng nghìn hộ dân khỏi vùng nguy hiểm trước khi bão vào đất liền.\n"
    )
    (article,) = extract(page)
    body = article.body_text
    assert "đã ký hiệp định tại Manila" in body
    assert "huấn luyện chung" in body and "quốc gia châu Á" in body
    for teaser in ("TIN LIÊN QUAN", "tập trận chung thường niên", "Giá xăng dầu", "sơ tán hàng nghìn"):
        assert teaser not in body


def test_teasers_ending_in_ellipsis_are_not_body(extract: Extract) -> None:
    page = ARTICLE_PAGE.replace(
        "(theo Yonhap)\n",
        "(theo Yonhap)\nHai nước sẽ tổ chức đối thoại chiến lược thường niên vào cuối năm nay "
        "tại Seoul với sự tham gia...\n",
    )
    (article,) = extract(page)
    assert "đối thoại chiến lược thường niên" not in article.body_text


def test_title_echo_in_the_body_is_not_body(extract: Extract) -> None:
    page = ARTICLE_PAGE.replace(
        "Ngày 16/3, Tổng thống",
        "Hàn Quốc, Nhật Bản nhất trí khôi phục đối thoại an ninh cấp cao.\nNgày 16/3, Tổng thống",
    )
    (article,) = extract(page)
    assert "Hàn Quốc, Nhật Bản nhất trí" not in article.body_text


def test_layout_of_no_lines_has_no_article(resources: ExtractResources) -> None:
    assert layout_page([]).articles == []
    normalised = normalise_text("Một dòng ngắn")
    assert layout_page(classify_lines(normalised.text, normalised.offsets, resources)).articles == []


def test_cross_page_memory_learns_an_outlets_template(resources: ExtractResources) -> None:
    promo = (
        "Báo điện tử Tin Nhanh là cơ quan ngôn luận của hội nhà báo, hoạt động theo giấy phép từ năm 2010."
    )
    stage = ExtractStage(resources, cross_page=True)
    normaliser = NormaliseStage()
    bodies: list[str] = []
    for number in range(4):
        page = (
            f"Tiêu đề bài viết số {number} về quan hệ hợp tác giữa hai nước láng giềng\n"
            f"Ngày {number + 1}/5, hai bộ trưởng đã gặp nhau tại thủ đô để bàn về hợp tác thương "
            f"mại và đầu tư lần {number}.\n"
            f"Hai bên nhất trí thúc đẩy kim ngạch thương mại song phương và mở rộng hợp tác "
            f"trong lĩnh vực số {number}.\n"
            f"Các doanh nghiệp của hai nước được khuyến khích tham gia {number + 2} dự án đầu tư "
            f"hạ tầng và năng lượng.\n"
            f"{promo}\n"
        )
        article = Article(page=Page(id=str(number), raw=page, url=f"https://tinnhanh.example/bai-{number}"))
        (result,) = stage.run(normaliser.run([article]))
        bodies.append(result.body_text)
    assert promo in bodies[0] and promo in bodies[1]
    assert promo not in bodies[2] and promo not in bodies[3]  # met on two other pages: template
    assert "kim ngạch thương mại" in bodies[3]


def test_line_memo_gives_the_same_lines_and_is_reused(resources: ExtractResources) -> None:
    normalised = normalise_text(ARTICLE_PAGE)
    plain = classify_lines(normalised.text, normalised.offsets, resources)
    memo: dict[str, LineFeatures] = {}
    first = classify_lines(normalised.text, normalised.offsets, resources, memo=memo)
    again = classify_lines(normalised.text, normalised.offsets, resources, memo=memo)
    assert first == plain and again == plain
    # Short lines are remembered, the first three included; long paragraphs are not.
    remembered = {line.text for line in plain if len(line.text) <= MEMO_LINE_CHARS}
    assert remembered and set(memo) == remembered
    assert {line.text for line in plain[:3]} <= remembered
    # A remembered line is not classified again: its stored features are what the page gets.
    line = next(line for line in plain[3:] if line.text in memo)
    memo[line.text] = (Kind.CHROME, *memo[line.text][1:])
    assert (
        classify_lines(normalised.text, normalised.offsets, resources, memo=memo)[line.index].kind
        is Kind.CHROME
    )


def test_a_crawler_prefix_at_the_top_is_never_taken_from_the_line_memo(resources: ExtractResources) -> None:
    # The same line is a crawler prefix among the first three lines and ordinary text further down:
    # met lower first, its memoised kind must not reach the top of the next page, nor the other way.
    prefix = "date 2025-10-12 Thế giới"
    memo: dict[str, LineFeatures] = {}
    lower = classify_lines(f"Tiêu đề\nmột\nhai\nba\n{prefix}", [], resources, memo=memo)
    top = classify_lines(f"{prefix}\nTiêu đề", [], resources, memo=memo)
    assert lower[4].kind is not Kind.CRAWL and top[0].kind is Kind.CRAWL
    assert memo[prefix][0] is not Kind.CRAWL
    again = classify_lines(f"Tiêu đề\nmột\nhai\nba\n{prefix}", [], resources, memo=memo)
    assert again[4].kind is lower[4].kind


def test_line_memo_is_bounded(resources: ExtractResources, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("thoisu.extract.flat.MEMO_LINES", 2)
    normalised = normalise_text(ARTICLE_PAGE)
    memo: dict[str, LineFeatures] = {}
    lines = classify_lines(normalised.text, normalised.offsets, resources, memo=memo)
    assert 1 <= len(memo) <= 2
    assert lines == classify_lines(normalised.text, normalised.offsets, resources)
