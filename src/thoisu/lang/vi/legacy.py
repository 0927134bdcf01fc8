"""Repairing Vietnamese text written in legacy encodings.

Before Unicode won, Vietnamese pages were written in TCVN3 ("ABC"), VNI or
Windows-1258. A reader that decodes such bytes as cp1252 or latin-1 produces
strings like ``"Hµ Néi"`` (TCVN3) or ``"Haø Noäi"`` (VNI) for "Hà Nội"; UTF-8
read as cp1252 produces mojibake (``"Hà Ná»™i"``). No codec library knows
TCVN3 or VNI, so their tables ship as data (``legacy_encodings.toml``); ftfy
repairs the mojibake.

Detection is by plausibility, not by byte statistics: a candidate repair is
kept only when it turns words that are not Vietnamese syllables into words
that are. That keeps genuine French or German text (also full of "é", "ü")
untouched, because converting it does not produce Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import ftfy

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml

DATA_PACKAGE = "thoisu.lang.vi.data"
LEGACY_FILE = "legacy_encodings.toml"

# Characters Vietnamese text in Unicode uses above ASCII (all tones and shapes, both cases).
_VI_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + shape + tone)
    for base in "aeiouyAEIOUY"
    for shape in ("", "\u0302", "\u0306", "\u031b")
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | frozenset("đĐ")
# cp1252 punctuation that ordinary text uses; not evidence of a wrong decoding.
_ORDINARY = frozenset("\u00a0–—‘’“”…•€")


def _junk_class() -> str:
    chars = [
        chr(code)
        for code in range(0x80, 0x250)
        if chr(code) not in _VI_LETTERS and chr(code) not in _ORDINARY
    ]
    chars.extend("ƒ†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")
    return "".join(re.escape(char) for char in chars)


#: A character that ordinary Vietnamese text does not contain but a wrong decoding does.
JUNK = re.compile(f"[{_junk_class()}]")

# cp1252 maps bytes 0x80-0x9F to these characters; latin-1 maps them to C1 controls.
_CP1252_HIGH = {
    char: byte
    for byte in range(0x80, 0xA0)
    for char in [bytes([byte]).decode("cp1252", errors="ignore")]
    if char
}

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"(?:iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|ue|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê"
    r"|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
    r"(?:ch|ng|nh|c|m|n|p|t)?"
)
_WORD = re.compile(r"[^\W\d_]+")
_LATIN1_HIGH = re.compile(r"[\x80-\xff]")


@dataclass(frozen=True, slots=True)
class LegacyTables:
    """The byte tables of the legacy encodings.

    Attributes:
        tcvn3: TCVN3 byte -> character.
        vni: VNI byte sequence (one or two bytes) -> character.
        version: The data file's version.
    """

    tcvn3: Mapping[int, str]
    vni: Mapping[bytes, str]
    version: str


def _parse_pairs(data: dict[str, Any], section: str) -> list[tuple[bytes, str]]:
    table = data.get(section)
    if not isinstance(table, dict) or not isinstance(table.get("map"), list):
        raise ResourceError(f"{LEGACY_FILE}: section [{section}] needs a 'map' list")
    pairs: list[tuple[bytes, str]] = []
    for entry in table["map"]:
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not all(isinstance(part, str) for part in entry)
            or len(entry[1]) != 1
        ):
            raise ResourceError(f"{LEGACY_FILE}: [{section}] entry {entry!r} must be [hex bytes, one char]")
        try:
            raw = bytes.fromhex(entry[0])
        except ValueError as exc:
            raise ResourceError(f"{LEGACY_FILE}: [{section}] entry {entry!r}: bad hex") from exc
        if not 1 <= len(raw) <= 2:
            raise ResourceError(f"{LEGACY_FILE}: [{section}] entry {entry!r}: one or two bytes expected")
        pairs.append((raw, entry[1]))
    return pairs


def parse_legacy_tables(data: dict[str, Any]) -> LegacyTables:
    """Validate a parsed ``legacy_encodings.toml``.

    Raises:
        ResourceError: Naming the entry at fault.
    """
    tcvn3: dict[int, str] = {}
    for raw, char in _parse_pairs(data, "tcvn3"):
        if len(raw) != 1 or raw[0] < 0x80:
            raise ResourceError(f"{LEGACY_FILE}: [tcvn3] {raw.hex()} must be one byte >= 0x80")
        tcvn3[raw[0]] = char
    vni = dict(_parse_pairs(data, "vni"))
    return LegacyTables(MappingProxyType(tcvn3), MappingProxyType(vni), str(data["version"]))


@lru_cache(maxsize=1)
def load_legacy_tables() -> LegacyTables:
    """The shipped tables (cached: they are immutable)."""
    return parse_legacy_tables(load_toml(DATA_PACKAGE, LEGACY_FILE))


def _byte_of(char: str) -> int | None:
    """The byte a cp1252/latin-1 decoder turned into ``char``, or None for other characters."""
    code = ord(char)
    if code < 0x100:
        return code
    return _CP1252_HIGH.get(char)


def decode_tcvn3(text: str, tables: LegacyTables) -> str:
    """Reinterpret ``text`` (TCVN3 bytes decoded as cp1252/latin-1) as Vietnamese; same length."""
    out: list[str] = []
    for char in text:
        byte = _byte_of(char)
        out.append(tables.tcvn3.get(byte, char) if byte is not None and byte >= 0x80 else char)
    return "".join(out)


def decode_vni(text: str, tables: LegacyTables) -> tuple[str, list[int]]:
    """Reinterpret ``text`` as VNI; returns the text and, per output char, its input index."""
    out: list[str] = []
    sources: list[int] = []
    index = 0
    size = len(text)
    while index < size:
        byte = _byte_of(text[index])
        if byte is not None and index + 1 < size:
            following = _byte_of(text[index + 1])
            if following is not None and following >= 0x80:
                pair = tables.vni.get(bytes((byte, following)))
                if pair is not None:
                    out.append(pair)
                    sources.append(index)
                    index += 2
                    continue
        single = tables.vni.get(bytes((byte,))) if byte is not None and byte >= 0x80 else None
        out.append(single if single is not None else text[index])
        sources.append(index)
        index += 1
    return "".join(out), sources


def decode_cp1258(text: str) -> str | None:
    """Reinterpret ``text`` (Windows-1258 bytes decoded as cp1252) as cp1258; same length before NFC."""
    data = bytearray()
    for char in text:
        byte = _byte_of(char)
        if byte is None:
            return None
        data.append(byte)
    try:
        return bytes(data).decode("cp1258")
    except UnicodeDecodeError:
        return None


#: Lines up to this long have their mojibake repair memoised (footers, not paragraphs).
_MEMO_LINE_CHARS = 300
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 mojibake with ftfy (encoding fixes only; nothing cosmetic).

    Short lines are memoised: the lines that reach this are mostly an outlet's footer ("© 2024 ...")
    repeated on every page, and ftfy's analysis of one costs tens of microseconds.
    """
    if len(text) <= _MEMO_LINE_CHARS:
        return _fix_short(text)
    # Typed locals: mypyc type-checks this module in a build environment without ftfy.
    fixed: str = ftfy.fix_text(text, _FTFY_CONFIG)
    return fixed


@lru_cache(maxsize=4096)
def _fix_short(text: str) -> str:
    fixed: str = ftfy.fix_text(text, _FTFY_CONFIG)
    return fixed


def is_syllable(word: str) -> bool:
    """Whether ``word`` (letters only) is a Vietnamese syllable: onset, nucleus, coda, at most one tone.

    Words of syllable size are memoised: the same few thousand recur on every page.
    """
    return _syllable_memo(word) if len(word) <= _MEMO_WORD_CHARS else _is_syllable(word)


#: Words up to this long (a syllable has at most 7 letters, plus marks when decomposed) are memoised.
_MEMO_WORD_CHARS = 16


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for char in decomposed if char in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


_syllable_memo = lru_cache(maxsize=65536)(_is_syllable)


def syllable_scores(text: str) -> tuple[int, int]:
    """(valid, total) over the words of ``text`` that carry non-ASCII letters.

    A word counts as valid when, with its tone removed, it is a Vietnamese
    syllable (onset, nucleus, coda) and carries at most one tone.
    """
    valid = total = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii():
            continue
        total += 1
        if is_syllable(word):
            valid += 1
    return valid, total


def _ratio(scores: tuple[int, int]) -> float:
    valid, total = scores
    return valid / total if total else 1.0


@dataclass(frozen=True, slots=True)
class Repair:
    """How a run of text was re-decoded: the new text and, per char, its source index."""

    text: str
    sources: list[int] | None  # None: same length, char i comes from char i
    encoding: str


def choose_legacy_encoding(sample: str, tables: LegacyTables) -> str | None:
    """Which legacy encoding (``tcvn3``, ``vni``, ``cp1258``) ``sample`` was written in, if any.

    Args:
        sample: Lines of the page that hold junk characters after mojibake repair.
        tables: The legacy byte tables.

    Returns:
        The encoding whose repair makes the words Vietnamese syllables, or None.
    """
    original = syllable_scores(sample)
    if original[1] < 2:
        return None
    base = _ratio(original)
    if base + 0.15 > 1.0:
        return None  # already Vietnamese enough that no repair can gain the margin required below
    best: tuple[float, str] | None = None
    for name in ("tcvn3", "vni", "cp1258"):
        repaired = repair_with(sample, name, tables)
        if repaired is None:
            continue
        text = unicodedata.normalize("NFC", repaired.text)
        if len(JUNK.findall(text)) * 4 > len(JUNK.findall(sample)):
            continue  # the repair must remove most of the junk
        ratio = _ratio(syllable_scores(text))
        if ratio >= 0.8 and ratio >= base + 0.15 and (best is None or ratio > best[0]):
            best = (ratio, name)
    return best[1] if best else None


def repair_with(text: str, encoding: str, tables: LegacyTables) -> Repair | None:
    """Re-decode ``text`` as ``encoding``; None when the text cannot be in it."""
    if encoding == "tcvn3":
        return Repair(decode_tcvn3(text, tables), None, encoding)
    if encoding == "vni":
        decoded, sources = decode_vni(text, tables)
        return Repair(decoded, sources, encoding)
    if encoding == "cp1258":
        decoded_1258 = decode_cp1258(text)
        return None if decoded_1258 is None else Repair(decoded_1258, None, encoding)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def repair_line(line: str, encoding: str, tables: LegacyTables) -> Repair | None:
    """Apply ``encoding`` to one line when that does not make its words less Vietnamese."""
    if not _LATIN1_HIGH.search(line) and not any(char in _CP1252_HIGH for char in line):
        return None
    repaired = repair_with(line, encoding, tables)
    if repaired is None or repaired.text == line:
        return None
    before = syllable_scores(line)
    after = syllable_scores(unicodedata.normalize("NFC", repaired.text))
    if after[1] and _ratio(after) < _ratio(before):
        return None
    return repaired
