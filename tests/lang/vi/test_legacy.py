from __future__ import annotations

import unicodedata

import pytest

from thoisu.errors import ResourceError
from thoisu.lang.vi.legacy import (
    choose_legacy_encoding,
    decode_tcvn3,
    decode_vni,
    is_syllable,
    load_legacy_tables,
    parse_legacy_tables,
    syllable_scores,
)

TEXT = "Hội đàm cấp cao giữa hai nước diễn ra trong bầu không khí hữu nghị, thẳng thắn."


def encode_tcvn3(text: str) -> str:
    inverse = {char: byte for byte, char in load_legacy_tables().tcvn3.items()}
    return "".join(chr(inverse[char]) if char in inverse else char for char in text)


def encode_vni(text: str) -> str:
    inverse = {char: raw for raw, char in load_legacy_tables().vni.items()}
    return "".join(inverse[char].decode("cp1252") if char in inverse else char for char in text)


def test_tables_cover_every_vietnamese_letter_once() -> None:
    tables = load_legacy_tables()
    lowercase = {char for char in tables.tcvn3.values() if char.islower()}
    assert len(lowercase) == len(set(lowercase)) == 67  # 12 vowels x tones (+ shapes) and đ
    assert len(set(tables.vni.values())) == len(tables.vni)  # no two sequences for one letter
    assert {"ư", "ơ", "đ", "Đ"} <= set(tables.vni.values())


def test_round_trips() -> None:
    tables = load_legacy_tables()
    assert decode_tcvn3(encode_tcvn3(TEXT), tables) == TEXT
    decoded, sources = decode_vni(encode_vni(TEXT), tables)
    assert decoded == TEXT
    assert sources == sorted(sources) and len(sources) == len(decoded)


@pytest.mark.parametrize(("encoder", "name"), [(encode_tcvn3, "tcvn3"), (encode_vni, "vni")])
def test_encoding_is_recognised(encoder: object, name: str) -> None:
    assert callable(encoder)
    assert choose_legacy_encoding(encoder(TEXT), load_legacy_tables()) == name


def test_unicode_vietnamese_is_not_mistaken_for_a_legacy_encoding() -> None:
    assert choose_legacy_encoding(TEXT, load_legacy_tables()) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nghiêng", True),
        ("người", True),
        ("khuỷu", True),
        ("Straße", False),
        ("thủỷ", False),
        ("dísputee", False),
    ],
)
def test_syllable_check(word: str, expected: bool) -> None:
    assert is_syllable(word) is expected


def test_syllable_scores_ignore_ascii_words() -> None:
    assert syllable_scores("Hello world") == (0, 0)
    assert syllable_scores(unicodedata.normalize("NFC", "Việt Nam xyzé")) == (1, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": "1", "vni": {"map": []}}, r"\[tcvn3\]"),
        ({"version": "1", "tcvn3": {"map": [["ZZ", "á"]]}, "vni": {"map": []}}, "bad hex"),
        ({"version": "1", "tcvn3": {"map": [["41", "á"]]}, "vni": {"map": []}}, ">= 0x80"),
        ({"version": "1", "tcvn3": {"map": [["B8", "ab"]]}, "vni": {"map": []}}, "must be"),
    ],
)
def test_malformed_tables_name_the_entry(data: dict[str, object], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_legacy_tables(data)
