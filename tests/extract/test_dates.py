from __future__ import annotations

import random
from datetime import date

import pytest
from extract_pages import Extract

from thoisu.extract.dates import (
    CountryFinder,
    DateEvidence,
    LineDate,
    body_dates,
    body_range,
    crawl_prefix_date,
    has_line_date,
    infer_year,
    lead_date,
    line_dates,
    resolve_published,
)
from thoisu.extract.resources import ExtractResources


@pytest.fixture(scope="module")
def finder(resources: ExtractResources) -> CountryFinder:
    return CountryFinder(resources.sources.countries)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tin tức2024-03-25", [LineDate(25, 3, 2024, "plain")]),
        (
            "Write: 2024-01-19 10:55:30Update: 2024-01-19 13:37:56",
            [LineDate(19, 1, 2024, "published"), LineDate(19, 1, 2024, "updated")],
        ),
        ("Thứ sáu, 5/9/2025 07:31 (GMT+7)", [LineDate(5, 9, 2025, "plain")]),
        ("12/10/2025 08:15", [LineDate(12, 10, 2025, "plain")]),
        ("Cập nhật: 12/10/2025 08:15", [LineDate(12, 10, 2025, "updated")]),
        ("Ngày đăng: 03.04.2024", [LineDate(3, 4, 2024, "published")]),
        ("Hà Nội, ngày 12 tháng 10 năm 2025", [LineDate(12, 10, 2025, "plain")]),
        ("Thứ bảy, 21/6 08:00", [LineDate(21, 6, None, "plain")]),
        ("31/02/2024 10:00", []),  # no such day
        ("Tập 21/6", []),  # a bare day/month without a time or weekday is not a dateline
    ],
)
def test_dateline_formats(line: str, expected: list[LineDate]) -> None:
    assert line_dates(line) == expected


def test_has_line_date_answers_as_line_dates_does() -> None:
    # Full dates valid or not, overlapping formats, day/month stamps with and without their cues.
    pieces = ["12/10/2025", "31/2/2024", "2024-03-25", "9.10.2023", "ngày 5 tháng 9 năm 2025", "21/6"]
    pieces += ["08:15", "Thứ bảy", "chủ nhật", "32/13", "Tập", " ", ", ", "-", "/", "tháng", "2024"]
    rng = random.Random(3)
    lines = ["".join(rng.choices(pieces, k=rng.randint(1, 6))) for _ in range(3000)]
    assert any(has_line_date(line) for line in lines) and not all(has_line_date(line) for line in lines)
    for line in lines:
        assert has_line_date(line) == bool(line_dates(line)), line


def test_crawl_prefix() -> None:
    assert crawl_prefix_date("date 2025-10-12 Thế giới") == date(2025, 10, 12)
    assert crawl_prefix_date("update 2025-10-12") is None
    assert crawl_prefix_date("date 2025-13-12 x") is None


@pytest.mark.parametrize(
    ("line", "day", "month", "year", "before"),
    [
        ("Sáng nay (21/6), hãng thông tấn trung ương đưa tin...", 21, 6, None, 0),
        ("Chiều qua (20/6), hai bên đã ký kết văn kiện.", 20, 6, None, 1),
        ("VTV.vn - Chiều nay (16/5), sau cuộc hội đàm tại Bắc Kinh...", 16, 5, None, 0),
        ("(Dân trí) - Hôm nay (thứ Hai, 3/4/2024), Quốc hội khai mạc.", 3, 4, 2024, 0),
    ],
)
def test_lead_datelines(line: str, day: int, month: int, year: int | None, before: int) -> None:
    found = lead_date(line)
    assert found is not None
    assert (found.day, found.month, found.year, found.days_before) == (day, month, year, before)


def test_an_event_date_in_the_lead_is_not_a_dateline() -> None:
    assert lead_date("Ngày 11/4, Chủ tịch Quốc hội đã tham dự lễ kỷ niệm.") is None


def test_body_dates_know_future_tense() -> None:
    found = body_dates("Ngày 8/4, ông đã tới Bắc Kinh. Chuyến thăm sẽ kéo dài đến ngày 9/4.")
    assert [(item.day, item.month, item.future) for item in found] == [(8, 4, False), (9, 4, True)]


def test_year_from_an_anniversary_of_diplomatic_relations(
    resources: ExtractResources, finder: CountryFinder
) -> None:
    body = (
        "Ngày 22/12, lãnh đạo hai nước dự lễ kỷ niệm 30 năm Việt Nam và Hàn Quốc thiết lập quan "
        "hệ ngoại giao "
        "tại Seoul."
    )
    assert infer_year(22, 12, body, resources.knowledge, finder) == 2022


def test_year_from_a_known_state_visit(resources: ExtractResources, finder: CountryFinder) -> None:
    body = (
        "Tổng thống Nga đã tới Hà Nội ngày 19/6, bắt đầu chuyến thăm cấp Nhà nước tới Việt Nam theo lời mời "
        "của lãnh đạo Việt Nam. Đây là chuyến thăm thứ năm của ông tới Việt Nam."
    )
    assert infer_year(20, 6, body, resources.knowledge, finder) == 2024


def test_a_known_event_elsewhere_does_not_date_the_page(
    resources: ExtractResources, finder: CountryFinder
) -> None:
    # Same countries and a visit, but the place and days do not fit any known event.
    body = "Ngày 3/2, Bộ trưởng Nga đã thăm Hà Nội và hội đàm với người đồng cấp Việt Nam."
    assert infer_year(4, 2, body, resources.knowledge, finder) is None


def test_year_after_the_latest_dated_past_event(resources: ExtractResources, finder: CountryFinder) -> None:
    body = "Ngày 8/4, ông tới Bắc Kinh. Trước đó, ông đã thăm Bắc Kinh vào tháng 10/2023."
    assert infer_year(8, 4, body, resources.knowledge, finder) == 2024
    assert infer_year(20, 11, body, resources.knowledge, finder) == 2023


def test_full_date_shortly_before_the_dateline_gives_the_year(
    resources: ExtractResources, finder: CountryFinder
) -> None:
    body = "Hội nghị diễn ra ngày 28/12/2023 tại thủ đô và kết thúc sau hai ngày làm việc."
    assert infer_year(2, 1, body, resources.knowledge, finder) == 2024


def test_no_evidence_no_year(resources: ExtractResources, finder: CountryFinder) -> None:
    assert infer_year(5, 5, "Hai bên đã hội đàm về hợp tác kinh tế.", resources.knowledge, finder) is None


def test_body_range_from_past_events(resources: ExtractResources, finder: CountryFinder) -> None:
    body = "Ngày 11/4/2024, đoàn đã tới thủ đô. Đoàn dự kiến ở lại đến hết ngày 13/4."
    assert body_range(body, None, resources.knowledge, finder) == (date(2024, 4, 11), date(2024, 4, 13))


def test_resolution_order(resources: ExtractResources, finder: CountryFinder) -> None:
    knowledge = resources.knowledge
    header = DateEvidence(
        header_lines=("Cập nhật: 13/10/2025 09:00", "Đăng lúc: 12/10/2025 08:15"),
        crawl_line="date 2025-10-14 x",
    )
    published = resolve_published(header, "", knowledge, finder)
    assert (published.day, published.basis) == (date(2025, 10, 12), "dateline")
    meta = resolve_published(
        DateEvidence(meta=date(2024, 1, 2), crawl_line="date 2025-10-14 x"), "", knowledge, finder
    )
    assert (meta.day, meta.basis) == (date(2024, 1, 2), "meta")
    crawl = resolve_published(DateEvidence(crawl_line="date 2025-10-14 Thế giới"), "", knowledge, finder)
    assert (crawl.day, crawl.basis) == (date(2025, 10, 14), "crawl-prefix")
    lead = resolve_published(
        DateEvidence(crawl_line="date 2025-10-14 x", lead_line="Sáng nay (13/10), hai bên ký kết."),
        "",
        knowledge,
        finder,
    )
    assert (lead.day, lead.basis) == (date(2025, 10, 13), "dateline+crawl-year")
    nothing = resolve_published(DateEvidence(), "Không có ngày tháng nào.", knowledge, finder)
    assert (nothing.day, nothing.range, nothing.basis) == (None, None, None)


def test_partial_dateline_without_evidence_stays_unknown(
    resources: ExtractResources, finder: CountryFinder
) -> None:
    evidence = DateEvidence(header_lines=("Thứ bảy, 21/6 08:00",))
    published = resolve_published(evidence, "Hai bên đã hội đàm.", resources.knowledge, finder)
    assert published.day is None
    assert published.basis == "dateline-without-year"


def test_page_with_only_a_lead_dateline_infers_the_year(extract: Extract) -> None:
    page = (
        "Lãnh đạo Trung Quốc và Việt Nam hội đàm tại Hà Nội\n"
        "Chiều nay (14/4), Tổng Bí thư Việt Nam và Chủ tịch Trung Quốc đã hội đàm tại Hà Nội, "
        "ngay sau lễ đón.\n"
        "Chủ tịch Trung Quốc đến Hà Nội chiều 14/4, bắt đầu chuyến thăm cấp Nhà nước tới Việt "
        "Nam trong hai ngày.\n"
        "Hai bên nhất trí đẩy mạnh kết nối đường sắt và chứng kiến lễ trao nhiều văn kiện hợp "
        "tác quan trọng.\n"
    )
    (article,) = extract(page)
    assert article.published == date(2025, 4, 14)
    assert article.published_basis == "dateline+inferred-year"
