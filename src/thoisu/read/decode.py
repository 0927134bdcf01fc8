"""Turning the bytes of a page into text.

Crawled pages arrive in every state: UTF-8 with or without a BOM, legacy
code pages (windows-1258 for Vietnamese), UTF-8 with a few bytes damaged by a
truncated download, or not text at all. The reader decodes what it can and
says why it gave up on the rest, so a batch never stops on a bad file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from thoisu.lang.vi.legacy import choose_legacy_encoding, load_legacy_tables

#: Bytes that never occur in text: C0 controls other than tab, newlines and form feed, plus DEL.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
#: Share of control bytes above which content is taken for binary data rather than damaged text.
BINARY_CONTROL_RATIO = 0.10
#: Share of replacement characters above which decoding is taken to have failed.
UNDECODABLE_RATIO = 0.10
#: Among non-ASCII characters, the share of damaged ones UTF-8 may have and still win over a guess.
_DAMAGED_UTF8_RATIO = 0.05

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(slots=True, frozen=True)
class Decoded:
    """Decoded text and how it was obtained.

    Attributes:
        text: The content as a string (BOM removed).
        encoding: The codec that produced it.
        replaced: How many undecodable byte sequences became U+FFFD.
    """

    text: str
    encoding: str
    replaced: int = 0

    @property
    def undecodable(self) -> bool:
        """Whether so much was replaced that the text is not worth processing."""
        return self.replaced > UNDECODABLE_RATIO * max(len(self.text), 1)


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is binary content (an image, an archive) rather than text.

    NUL bytes never occur in single-byte or UTF-8 text; UTF-16/32 text, which is
    full of them, is recognised by its byte-order mark first.
    """
    if not data or bom_encoding(data) not in (None, "utf-8-sig"):
        return False
    if b"\x00" in data:
        return True
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return control > BINARY_CONTROL_RATIO * len(data)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` as robustly as the evidence allows.

    Order of trust: a byte-order mark; strict UTF-8; the charset the document
    declares (HTML ``<meta charset>``, an HTTP header); UTF-8 with a few damaged
    bytes; charset-normalizer's statistical guess; and finally UTF-8 with
    replacement characters.

    Args:
        data: The raw bytes.
        declared: A charset the document or its transport declared, if any.
    """
    bom = bom_encoding(data)
    if bom is not None:
        return _replacing(data, bom)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec(declared)
    if codec is not None and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    damaged = _replacing(data, "utf-8")
    if _mostly_utf8(damaged):
        # A statistical guess would turn every Vietnamese letter into mojibake to save a few bytes.
        return damaged
    legacy = _legacy_vietnamese(data)
    if legacy is not None:
        return legacy
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        return Decoded(str(best), best.encoding)
    return damaged


def _legacy_vietnamese(data: bytes) -> Decoded | None:
    """Bytes in a pre-Unicode Vietnamese encoding (TCVN3/ABC, VNI, Windows-1258).

    Statistical guessers pick some unrelated code page for these, after which the letters are
    lost. Read as Latin-1 instead (every byte kept, one character each) when a legacy encoding
    turns the words into Vietnamese syllables; the normalise stage then converts TCVN3 and VNI,
    which no Python codec knows. Windows-1258 is decoded here.
    """
    text = data.decode("latin-1")
    encoding = choose_legacy_encoding(text[:20000], load_legacy_tables())
    if encoding is None:
        return None
    if encoding == "cp1258":  # a code page Python knows: decode it here
        return _replacing(data, "cp1258")
    return Decoded(text, "latin-1")


def _replacing(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    original = data.count("\ufffd".encode()) if encoding.startswith("utf-8") else 0
    return Decoded(text, encoding, max(text.count("\ufffd") - original, 0))


def _mostly_utf8(decoded: Decoded) -> bool:
    """UTF-8 with rare damage: many well-formed multibyte characters, few broken ones."""
    non_ascii = sum(1 for char in decoded.text if ord(char) > 127) - decoded.replaced
    return non_ascii > 0 and decoded.replaced <= _DAMAGED_UTF8_RATIO * (non_ascii + decoded.replaced)


def _codec(name: str | None) -> str | None:
    """Python's name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
