from __future__ import annotations

import pytest
from extract_pages import Extract

from thoisu.extract.outlet import (
    DomainTable,
    LineOutlet,
    byline_names,
    outlet_from_lines,
    outlet_from_url,
    staff_credit,
)
from thoisu.extract.resources import Agency, ExtractResources, Outlet, Outlets


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.vietnamplus.vn/trung-quoc-post1.vnp", "VietnamPlus"),
        ("https://m.baoquocte.vn/bai-viet-123.html", "Báo Thế giới & Việt Nam"),
        ("world.kbs.co.kr/service/news_view.htm?lang=v", "KBS World (Vietnamese)"),
        ("https://www.bbc.com/vietnamese/articles/abc", "BBC Tiếng Việt"),
        ("https://tin-moi-la.example/bai-1", "tin-moi-la.example"),
        (None, None),
        ("", None),
    ],
)
def test_outlet_from_url(url: str | None, expected: str | None, resources: ExtractResources) -> None:
    assert outlet_from_url(url, resources.outlets, resources.sources.agencies) == expected


def test_domain_table_prefers_the_longest_domain_then_the_first_listed() -> None:
    outlets = Outlets(
        (
            Outlet("Tin Nhanh", ("tinnhanh.example",), (), ()),
            Outlet("Tin Nhanh Quốc tế", ("tinnhanh.example/quoc-te",), (), ()),
            Outlet("Tin Nhanh bản cũ", ("tinnhanh.example",), (), ()),
        ),
        {},
        frozenset(),
        frozenset(),
        "test",
    )
    table = DomainTable.build(outlets, (Agency("Hãng Tin", ("HT",), ("hangtin.example",)),))
    assert table.outlet("https://www.tinnhanh.example/the-gioi/1.html") == "Tin Nhanh"
    assert table.outlet("https://m.tinnhanh.example/quoc-te/1.html") == "Tin Nhanh Quốc tế"
    assert table.outlet("tinnhanh.example/quoc-tế") == "Tin Nhanh"
    assert table.outlet("http://en.hangtin.example/a") == "Hãng Tin"
    assert table.outlet("https://khac-tinnhanh.example/a") == "khac-tinnhanh.example"
    assert table.outlet("https://example/a") == "example"


def test_outlet_from_agency_domains(resources: ExtractResources) -> None:
    # The gazetteer's agencies (or the fallback table) know domains the outlet table does not.
    domains = [domain for agency in resources.sources.agencies for domain in agency.domains]
    if "kcna.kp" in domains:
        assert (
            outlet_from_url("http://kcna.kp/vn/article/1", resources.outlets, resources.sources.agencies)
            == "KCNA"
        )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Write: 2024-01-19 10:55:30Update: 2024-01-19 13:37:56"], "KBS World (Vietnamese)"),
        (["Thân bài.", "(TTXVN/Vietnam+)"], "VietnamPlus"),
        (["Theo dõi Baoquocte.vn trên"], "Báo Thế giới & Việt Nam"),
        (["Theo dõi VGT trên"], "VGT"),
        (["Một dòng không nói gì về nơi đăng."], None),
    ],
)
def test_outlet_from_page_signatures(
    lines: list[str], expected: str | None, resources: ExtractResources
) -> None:
    assert outlet_from_lines(lines, resources.outlets) == expected


def test_byline_names(resources: ExtractResources) -> None:
    lines = [
        "Nguyễn Hằng",
        "Tác giả: Trần Minh",
        "Minh Anh (tổng hợp)",
        "Thu Trang/VOV-Bắc Kinh",
        "Nguyễn Hằng",
    ]
    assert byline_names(lines, resources.outlets) == ["Nguyễn Hằng", "Trần Minh", "Minh Anh", "Thu Trang"]


def test_staff_credits(resources: ExtractResources) -> None:
    assert staff_credit("Nhóm PV", resources.outlets)
    assert staff_credit("PV", resources.outlets)
    assert not staff_credit("Hà Nội", resources.outlets)


def test_outlet_and_author_on_an_extracted_page(extract: Extract) -> None:
    page = (
        "Hai nước thúc đẩy hợp tác thương mại và đầu tư trong năm tới\n"
        "Theo dõi Báo Biên Giới trên\n"
        "Ngày 3/5, bộ trưởng thương mại hai nước đã hội đàm tại Hà Nội về các biện pháp thúc "
        "đẩy trao đổi hàng hóa.\n"
        "Hai bên nhất trí tháo gỡ rào cản kỹ thuật và mở rộng hợp tác trong lĩnh vực logistics, "
        "năng lượng sạch.\n"
        "Lan Phương\n"
    )
    (article,) = extract(page, url=None)
    assert article.outlet == "Báo Biên Giới"
    assert article.authors == ["Lan Phương"]
    (with_url,) = extract(page, url="https://vnexpress.net/hai-nuoc-123.html")
    assert with_url.outlet == "VnExpress"


def test_outlet_line_memo_gives_the_same_answers(resources: ExtractResources) -> None:
    memo: dict[str, LineOutlet] = {}
    pages = [
        ["Thân bài.", "(TTXVN/Vietnam+)"],
        ["Theo dõi VGT trên", "Một dòng không nói gì về nơi đăng."],
        ["Một dòng không nói gì về nơi đăng."],
        ["Thân bài.", "(TTXVN/Vietnam+)"],
    ]
    for lines in pages:
        assert outlet_from_lines(lines, resources.outlets, memo) == outlet_from_lines(
            lines, resources.outlets
        )
    assert memo["(TTXVN/Vietnam+)"][0] is not None
    assert memo["Theo dõi VGT trên"] == (None, "VGT")
    # A remembered line is trusted: what it says is not worked out again.
    memo["Thân bài."] = (None, "Tin Nhanh")
    assert outlet_from_lines(["Thân bài."], resources.outlets, memo) == "Tin Nhanh"
