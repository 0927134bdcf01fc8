"""The traps of Vietnamese international news, against the real packaged resources."""

from __future__ import annotations

from datetime import date

import pytest

from thoisu.entities.recognise import Recogniser
from thoisu.entities.resources import build_recogniser
from thoisu.model import Mention
from thoisu.sentences import split_paragraph


@pytest.fixture(scope="module")
def real() -> Recogniser:
    return build_recogniser()


def mentions(recogniser: Recogniser, text: str, on: date) -> dict[str, Mention]:
    found = recogniser.recognise(text, list(split_paragraph(text, 0, len(text))), on)
    return {m.span.of(text): m for m in found}


@pytest.mark.parametrize(
    ("text", "surface", "type_", "country", "canonical"),
    [
        ("Chủ tịch Trung Quốc Tập Cận Bình tới thăm.", "Tập Cận Bình", "PER", "CHN", "Xi Jinping"),
        ("Ông Kim Jong Un phát biểu.", "Kim Jong Un", "PER", "PRK", "Kim Jong-un"),
        ("Bà Choe Son Hui đã tới.", "Choe Son Hui", "PER", "PRK", "Choe Son-hui"),
        ("Ông Sergey Lavrov cho biết.", "Sergey Lavrov", "PER", "RUS", "Sergei Lavrov"),
        ("Hãng thông tấn KCNA đưa tin.", "KCNA", "ORG", "PRK", "KCNA"),
        ("Bắc Hàn phóng tên lửa.", "Bắc Hàn", "GPE", "PRK", "North Korea"),
        ("CHDCND Triều Tiên tuyên bố.", "CHDCND Triều Tiên", "GPE", "PRK", "North Korea"),
        ("Nam Hàn phản đối.", "Nam Hàn", "GPE", "KOR", "South Korea"),
        ("Hoa Kỳ trừng phạt.", "Hoa Kỳ", "GPE", "USA", "United States"),
        ("Điện Kremlin bác bỏ.", "Điện Kremlin", "ORG", "RUS", None),
        ("Nhà Xanh lên tiếng.", "Nhà Xanh", "ORG", "KOR", None),
        (
            "Hội đồng Bảo an Liên hợp quốc họp khẩn.",
            "Hội đồng Bảo an Liên hợp quốc",
            "ORG",
            None,
            "UN Security Council",
        ),
        ("Quan hệ Trung-Triều phát triển.", "Trung-Triều", "GPE", "CHN", "CHN-PRK"),
        ("Hợp tác Nga-Triều gây lo ngại.", "Nga-Triều", "GPE", "RUS", "RUS-PRK"),
        ("Đối thoại liên Triều bế tắc.", "liên Triều", "GPE", "KOR", "KOR-PRK"),
    ],
)
def test_names_resolve(
    real: Recogniser, text: str, surface: str, type_: str, country: str | None, canonical: str | None
) -> None:
    found = mentions(real, text, date(2024, 3, 21))[surface]
    assert (found.type, found.country) == (type_, country)
    if canonical is not None:
        assert found.canonical == canonical


def test_capital_as_metonym_and_peninsula_as_place(real: Recogniser) -> None:
    text = "Bình Nhưỡng cảnh báo về tình hình trên bán đảo Triều Tiên."
    found = mentions(real, text, date(2024, 3, 21))
    assert found["Bình Nhưỡng"].actor == "PRKGOV"
    peninsula = found["bán đảo Triều Tiên"]
    assert (peninsula.type, peninsula.actor) == ("LOC", None)


def test_title_chains(real: Recogniser) -> None:
    text = (
        "Chủ tịch Ủy ban Quốc vụ Bắc Triều Tiên Kim Jong-un tiếp Bộ trưởng Ngoại giao Trung Quốc "
        "Vương Nghị, sau khi ông Vương hội đàm với người đồng cấp Nga Sergey Lavrov."
    )
    found = mentions(real, text, date(2024, 3, 21))
    assert found["Kim Jong-un"].country == "PRK"
    assert (found["Vương Nghị"].canonical, found["Vương Nghị"].role) == ("Wang Yi", "foreign_minister")
    assert found["Sergey Lavrov"].canonical == "Sergei Lavrov"
    assert found["Vương"].canonical == "Wang Yi"  # "ông Vương": the Wang named before


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2024, 3, 21), "Wang Yi"), (date(2023, 5, 1), "Qin Gang"), (date(2018, 6, 1), "Wang Yi")],
)
def test_role_resolves_by_date(real: Recogniser, on: date, expected: str) -> None:
    text = "Ngoại trưởng Trung Quốc bày tỏ hy vọng hai nước hợp tác."
    found = mentions(real, text, on)["Ngoại trưởng Trung Quốc"]
    assert (found.canonical, found.resolved_by) == (expected, "role+date")


def test_north_depends_on_the_document(real: Recogniser) -> None:
    korea = "Triều Tiên và Nga tăng cường hợp tác. Đại sứ Nga tại miền Bắc đã ra sân bay Bình Nhưỡng."
    vietnam = "Mưa lớn kéo dài ở Việt Nam. Không khí lạnh tràn về miền Bắc, Hà Nội rét đậm."
    assert mentions(real, korea, date(2024, 1, 19))["miền Bắc"].country == "PRK"
    assert mentions(real, vietnam, date(2024, 1, 19))["miền Bắc"].actor is None


def test_bare_organ_is_the_home_country_unless_named_before(real: Recogniser) -> None:
    day = date(2025, 3, 30)
    home = mentions(real, "Bộ Công an đã cử đoàn cứu hộ sang Myanmar.", day)["Bộ Công an"]
    assert (home.country, home.actor, home.resolved_by) == ("VNM", "VNMCOP", "context")
    text = "Bộ Ngoại giao Trung Quốc ra tuyên bố. Bộ Ngoại giao cũng nói thêm."
    found = real.recognise(text, list(split_paragraph(text, 0, len(text))), day)
    bare = [m for m in found if m.span.of(text) == "Bộ Ngoại giao"]
    assert [(m.country, m.actor, m.resolved_by) for m in bare] == [("CHN", "CHNGOV", "coreference")]


def test_an_international_office_codes_the_organisation(real: Recogniser) -> None:
    rutte = mentions(real, "Tổng thư ký NATO Mark Rutte phát biểu.", date(2025, 6, 1))["Mark Rutte"]
    assert (rutte.actor, rutte.role) == ("IGOWSTNAT", "secretary_general")
    earlier = mentions(real, "Thủ tướng Hà Lan Mark Rutte phát biểu.", date(2020, 6, 1))["Mark Rutte"]
    assert (earlier.actor, earlier.country) == ("NLDGOV", "NLD")


@pytest.mark.parametrize(
    ("text", "surface", "country", "actor"),
    [
        ("Ngư dân Quảng Ngãi bị hành hung.", "Quảng Ngãi", "VNM", None),
        ("Lãnh đạo Đài Loan Lại Thanh Đức phát biểu.", "Lại Thanh Đức", "TWN", "TWNGOV"),
        ("Mỹ trừng phạt Rosneft và Lukoil.", "Rosneft", "RUS", "RUSBUS"),
    ],
)
def test_provinces_taiwan_leaders_and_companies(
    real: Recogniser, text: str, surface: str, country: str, actor: str | None
) -> None:
    found = mentions(real, text, date(2025, 10, 20))
    assert (found[surface].country, found[surface].actor) == (country, actor)
    assert "Đức" not in found  # the given name "Đức" is not Germany
