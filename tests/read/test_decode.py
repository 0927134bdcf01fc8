from __future__ import annotations

import codecs
import unicodedata

from thoisu.lang.vi.legacy import load_legacy_tables
from thoisu.lang.vi.orthography import canonical
from thoisu.normalise import normalise_text
from thoisu.read.decode import decode_bytes, looks_binary

VIETNAMESE = "Ngoại trưởng Trung Quốc Vương Nghị hội đàm với người đồng cấp Triều Tiên tại Bắc Kinh."


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(VIETNAMESE.encode()).text == VIETNAMESE
    with_bom = decode_bytes(codecs.BOM_UTF8 + VIETNAMESE.encode())
    assert with_bom.text == VIETNAMESE
    assert with_bom.replaced == 0


def test_utf16_with_bom_is_text_not_binary() -> None:
    data = VIETNAMESE.encode("utf-16")
    assert not looks_binary(data)
    assert decode_bytes(data).text == VIETNAMESE


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed vowels where it has them, tone marks as combining marks."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        try:
            char.encode("cp1258")
            out.append(char)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def test_legacy_vietnamese_code_page_is_recognised() -> None:
    text = (VIETNAMESE + " Hai bên nhất trí tăng cường hợp tác chiến lược. ") * 3
    decoded = decode_bytes(windows_1258(text))
    assert decoded.encoding == "cp1258"
    assert unicodedata.normalize("NFC", decoded.text) == text


def test_declared_charset_wins_over_guessing() -> None:
    text = "Cộng hoà xã hội chủ nghĩa Việt Nam"
    data = text.encode("utf-16-le")  # no BOM: only the declaration tells
    assert decode_bytes(data, "utf-16-le").text == text


def test_a_few_damaged_bytes_keep_utf8() -> None:
    data = VIETNAMESE.encode() * 10
    damaged = data[:50] + b"\xff" + data[50:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 1
    assert "Vương Nghị" in decoded.text


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(1, 9)) * 100)
    assert not looks_binary(VIETNAMESE.encode())
    assert not looks_binary(b"tab\tand\r\nnewlines\x0cform feed")
    assert not looks_binary(b"")


def test_undecodable_flag() -> None:
    decoded = decode_bytes(b"ok")
    assert not decoded.undecodable


def test_tcvn3_bytes_are_kept_for_the_normaliser() -> None:
    text = (VIETNAMESE + " Hai bên nhất trí tăng cường hợp tác chiến lược. ") * 3
    inverse = {char: byte for byte, char in load_legacy_tables().tcvn3.items()}
    data = bytes(inverse.get(ch, ord(ch)) for ch in unicodedata.normalize("NFC", text))
    decoded = decode_bytes(data)
    assert decoded.encoding == "latin-1"  # every byte kept; no unrelated code page guessed
    assert normalise_text(decoded.text).text.strip() == canonical(text).strip()
