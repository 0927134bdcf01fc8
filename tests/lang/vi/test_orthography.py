from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoisu.lang.vi.orthography import canonical, fold, strip_diacritics


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("hoà", "hòa"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("Thuỷ", "Thủy"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("hoàng", "hoàng"),  # closed syllable: last vowel
        ("toán", "toán"),
        ("người", "người"),  # ươ: the ơ
        ("quả", "quả"),  # qu is a consonant
        ("giữa", "giữa"),  # gi is a consonant
        ("ngoài", "ngoài"),  # three vowels: the middle one
        ("khuỷu", "khuỷu"),
        ("múa", "múa"),
    ],
)
def test_traditional_tone_placement(written: str, expected: str) -> None:
    assert canonical(written) == expected


def test_decomposed_input_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Tập Cận Bình")
    assert canonical(decomposed) == "Tập Cận Bình"


def test_foreign_words_untouched() -> None:
    assert canonical("Choe Son-hui và Sergei Lavrov") == "Choe Son-hui và Sergei Lavrov"


@given(st.text(alphabet="aăâeêioôơuưyhgqnktrđ àáảãạèéẻẽẹ", max_size=40))
def test_canonical_keeps_length_and_is_idempotent(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    once = canonical(nfc)
    assert len(once) == len(nfc)
    assert canonical(once) == once


def test_fold_and_strip() -> None:
    assert fold("  Hoà   Bình ") == "hòa bình"
    assert strip_diacritics("Bình Nhưỡng, Đà Nẵng") == "Binh Nhuong, Da Nang"


@pytest.mark.parametrize("word", ["disputée", "UkraineCác", "Zürich", "Piñera"])
def test_only_vietnamese_syllables_are_touched(word: str) -> None:
    assert canonical(word) == unicodedata.normalize("NFC", word)
