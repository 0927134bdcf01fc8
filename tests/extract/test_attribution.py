from __future__ import annotations

import pytest
from extract_pages import ARTICLE_PAGE, Extract

from thoisu.extract.attribution import AttributionFinder, Citation, deduplicate, looks_like_person
from thoisu.extract.resources import ExtractResources
from thoisu.model import Span


@pytest.fixture(scope="module")
def finder(resources: ExtractResources) -> AttributionFinder:
    return AttributionFinder(resources.sources)


def cited(finder: AttributionFinder, paragraph: str) -> list[str]:
    return [citation.name for citation in finder.in_text(paragraph, [Span(0, len(paragraph))])]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Theo hãng tin TASS, ngày 8/4, Ngoại trưởng Nga đã tới Bắc Kinh.", ["TASS"]),
        ("Hãng thông tấn trung ương Triều Tiên (KCNA) ngày 23/3 đưa tin hai bên đã hội đàm.", ["KCNA"]),
        # A misspelt acronym beside the full name: the name decides.
        ("Hãng thông tấn trung ương Triều Tiên (KNCA) ngày 23/3 đưa tin ông Kim đã tới Bắc Kinh.", ["KCNA"]),
        ("Yonhap đưa tin Hàn Quốc lên án mạnh mẽ vụ phóng.", ["Yonhap"]),
        ("Tân Hoa xã dẫn lời Chủ tịch nhấn mạnh hai nước cần hợp tác.", ["Xinhua"]),
        ("Hai bên nhất trí tăng cường hợp tác trong lĩnh vực năng lượng (Reuters).", ["Reuters"]),
        ("Trong tuyên bố đăng trên KCNA, bà Kim cho biết sẽ không đối thoại.", ["KCNA"]),
        ("Phóng viên Reuters có mặt tại hiện trường cùng nhiều nhà báo khác.", []),
        ("Các nước đang áp dụng biện pháp mới, ap dụng ngay trong tuần.", []),
        (
            "Bộ Ngoại giao Trung Quốc cho biết cùng ngày, ông Kim đã gặp Ngoại trưởng.",
            ["Chinese Foreign Ministry"],
        ),
        ("Theo Bộ Quốc phòng Hàn Quốc, tên lửa bay khoảng 1.000 km.", ["South Korean Defense Ministry"]),
        ("Trước đó, Điện Kremlin đã cho biết không có kế hoạch ký văn kiện.", ["Kremlin"]),
        ("Nhà Trắng thông báo bữa trưa làm việc đã bị hủy.", ["White House"]),
        ("Người Phát ngôn cho biết Việt Nam kiên quyết phản đối.", ["Vietnamese Foreign Ministry"]),
        (
            "Thông tin trên được Người Phát ngôn Bộ Ngoại giao Lê Thị Thu Hằng công bố chiều 11/4.",
            ["Vietnamese Foreign Ministry"],
        ),
        # The organ employs the speaker: a person is cited, not the ministry.
        (
            "Trước đó, người phát ngôn Bộ Ngoại giao Nga Maria Zakharova cho biết dự kiến hai "
            "bên sẽ hội đàm.",
            [],
        ),
        ("Phát ngôn viên Bộ Ngoại giao Hàn Quốc Lim Soo-suk cho biết Seoul đang theo dõi.", []),
        # Whose ministry is not said; a position-taking verb makes the ministry an actor, not a source.
        ("Bộ Ngoại giao cho biết đã triệu đại sứ.", []),
        ("Bộ Ngoại giao Trung Quốc ra tuyên bố lên án việc xả thải.", []),
        ("Theo ông, tình hình hiện nay rất phức tạp.", []),
    ],
)
def test_cue_grammar(finder: AttributionFinder, paragraph: str, expected: list[str]) -> None:
    assert cited(finder, paragraph) == expected


@pytest.mark.parametrize(
    ("line", "agencies", "unknown", "bylines"),
    [
        ("(theo Reuters)", ["Reuters"], [], []),
        ("(TTXVN/Vietnam+)", ["TTXVN", "Vietnam+"], [], []),
        ("(theo Bernama, Reuters)", ["Bernama", "Reuters"], [], []),
        ("Minh Hòa/VOV.VN (Theo TASS, KCNA, Reuters)", ["TASS", "KCNA", "Reuters"], [], ["Minh Hòa"]),
        ("Hải Yến (theo TTXVN)", ["TTXVN"], [], ["Hải Yến"]),
        ("(Theo Diễn đàn Phương Nam)", [], ["Diễn đàn Phương Nam"], []),
        ("TTXVN/Vietnam+", ["TTXVN", "Vietnam+"], [], []),
    ],
)
def test_source_lines(
    finder: AttributionFinder, line: str, agencies: list[str], unknown: list[str], bylines: list[str]
) -> None:
    parsed = finder.in_source_line(line, 100)
    assert [citation.name for citation in parsed.citations] == agencies
    assert parsed.unknown == unknown
    assert parsed.bylines == bylines
    assert all(citation.start >= 100 for citation in parsed.citations)


def test_deduplicate_keeps_first_citation_order() -> None:
    citations = [
        Citation("Reuters", "agency", 50, 57),
        Citation("KCNA", "agency", 10, 14),
        Citation("Reuters", "agency", 5, 12),
        Citation("Chinese Foreign Ministry", "official", 30, 55),
    ]
    result = deduplicate(citations)
    assert [(item.name, item.kind) for item in result] == [
        ("Reuters", "agency"),
        ("KCNA", "agency"),
        ("Chinese Foreign Ministry", "official"),
    ]
    assert result[0].span == Span(5, 12)


def test_photo_credits_are_not_attributions(extract: Extract) -> None:
    (article,) = extract(ARTICLE_PAGE)
    names = [attribution.name for attribution in article.attributions]
    # "Ảnh: Reuters" is a photo credit; Kyodo, the Japanese ministry and the closing Yonhap line are cited.
    assert names == ["Kyodo", "Japanese Foreign Ministry", "Yonhap"]
    spans = [attribution.span for attribution in article.attributions]
    assert all(span is not None and article.text[span.start : span.end] for span in spans)


def test_people_and_outlets_are_told_apart() -> None:
    assert looks_like_person("Minh Anh")
    assert not looks_like_person("Asia Times Weekly Review Online")
    assert not looks_like_person("reuters")


def test_resolve_uses_aliases(finder: AttributionFinder) -> None:
    assert finder.resolve("VNA") == "TTXVN"
    assert finder.resolve("Thông tấn xã Việt Nam") == "TTXVN"
    assert finder.resolve("Nobody News") is None


def test_a_source_line_read_twice_keeps_its_own_offsets(finder: AttributionFinder) -> None:
    # Readings of citation groups are memoised relative to the group; spans must follow each line.
    first = finder.in_source_line("(Theo Reuters, AFP)", 100)
    second = finder.in_source_line("(Theo Reuters, AFP)", 500)
    assert [(c.name, c.start, c.end) for c in first.citations] == [("Reuters", 106, 113), ("AFP", 115, 118)]
    assert [(c.name, c.start - 400, c.end - 400) for c in second.citations] == [
        (c.name, c.start, c.end) for c in first.citations
    ]
    first.citations.clear()  # callers may extend or clear the lists they get
    assert len(finder.in_source_line("(Theo Reuters, AFP)", 0).citations) == 2
