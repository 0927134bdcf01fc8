from __future__ import annotations

import pytest
from extract_pages import Extract

from thoisu.extract.language import clearly_vietnamese, detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hai nhà lãnh đạo đã hội đàm về quan hệ song phương và các vấn đề quốc tế cùng quan tâm.", "vi"),
        ("Bộ trưởng Ngoại giao phát biểu.", "vi"),  # short, decided by the letters alone
        ("The two leaders held talks on bilateral relations and regional security issues on Monday.", "en"),
        (
            "Le président français a rencontré son homologue allemand pour discuter de la "
            "défense européenne.",
            "fr",
        ),
        ("Trung Quoc va Trieu Tien san sang tang cuong hop tac chien luoc trong cac van de quoc te.", "vi"),
        ("12 34", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text).language == language


def test_letter_share_decides_clear_cases_without_langid() -> None:
    guess = detect_language("Người dân Hà Nội đón chào đoàn đại biểu với sự hân hoan.")
    assert guess.method == "letters" and guess.vietnamese_share > 0.1


@pytest.mark.parametrize(
    "text",
    [
        "Người dân Hà Nội đón chào đoàn đại biểu với sự hân hoan.",
        "Bộ trưởng Ngoại giao phát biểu.",
        "Trung Quoc va Trieu Tien san sang tang cuong hop tac chien luoc trong cac van de quoc te.",
        "The two leaders held talks on bilateral relations and regional security issues on Monday.",
        "Việt Nam 2025 — 12/10 — 08:15 — " * 40,
        "Đà Nẵng " + "1234567890 " * 300,
        "",
    ],
)
def test_a_clearly_vietnamese_text_is_one_detect_language_calls_vietnamese(text: str) -> None:
    # The shortcut may leave a page to the full detector, never disagree with it.
    if clearly_vietnamese(text):
        assert detect_language(text).language == "vi"


def test_clearly_vietnamese_settles_ordinary_prose() -> None:
    assert clearly_vietnamese(
        "Hai nhà lãnh đạo đã hội đàm về quan hệ song phương và các vấn đề quốc tế cùng quan tâm. "
        "Người phát ngôn Bộ Ngoại giao cho biết hai bên nhất trí tăng cường hợp tác kinh tế."
    )
    assert not clearly_vietnamese("The two leaders held talks on bilateral relations on Monday.")
    assert not clearly_vietnamese("Bộ trưởng")  # too few letters to say


def test_english_page_is_rejected(extract: Extract) -> None:
    page = (
        "ASEAN admits Timor-Leste as its eleventh member\n"
        "Leaders of the Association of Southeast Asian Nations formally admitted Timor-Leste on Sunday.\n"
        "The decision ends a membership process that began more than a decade ago in Jakarta.\n"
    )
    (result,) = extract(page)
    assert result.reject is not None
    assert result.reject.reason == "not-vietnamese"
    assert result.language == "en"
