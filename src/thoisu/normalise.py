"""Normalisation: raw page text to the one text every span points into.

Every later stage reads ``Article.text``, so this stage decides what a
character is: legacy encodings and mojibake are repaired, the text is NFC with
one tone-mark placement, invisible characters are dropped, whitespace is
tidied, and a line holding the same link text twice ("TitleTitle") keeps one
copy. Nothing else is removed: crawler prefixes such as ``" date 2025-10-12
Thế giới"`` stay in the text (the extract stage reads the date there and keeps
the line out of the body).

For each character of the result ``offsets`` gives its index in the raw text,
so a mention can be shown in the page it came from. The map is exact except
inside a run that was re-decoded from a legacy encoding, where it is spread
proportionally (still monotone).

HTML pages go through :func:`thoisu.extract.html.html_to_text` first (main
content by trafilatura) and then through the same :func:`normalise_text`; their
offsets are left empty because the extracted text has no character map back
into the markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from thoisu.lang.vi.legacy import (
    JUNK,
    LegacyTables,
    choose_legacy_encoding,
    fix_mojibake,
    is_syllable,
    load_legacy_tables,
    repair_line,
)
from thoisu.lang.vi.orthography import canonical
from thoisu.model import Article, PageFormat, Reject
from thoisu.pipeline import Stage

#: Pages longer than this (characters) are rejected as "too-large": nothing longer is a news article.
MAX_PAGE_CHARS = 3_000_000
# Lines longer than this are not checked for doubling (link text is short).
_MAX_DOUBLED_LINE = 1000
_MIN_DOUBLED_HALF = 8

_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_NEWLINE = r"\r\n?|[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]"
# Invisible characters: C0/C1 controls (not \t \n), soft hyphen, zero-width and bidi marks, BOM.
_INVISIBLE = (
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+"
)
# One pass for the character-level fixes: newline variants, invisible characters, odd whitespace.
_CHAR_FIXES = re.compile(f"({_NEWLINE})|({_INVISIBLE})|({_SPACE}{{2,}}|(?! ){_SPACE})")
_COMBINING_RUN = re.compile(r"[^\n][\u0300-\u036f]+")
# Words glued by a text dump ("ThànhBình"): a lower-to-upper change starts a new word.
_CAMEL = re.compile(r"(?<=[^\W\d_])(?<![A-ZĐÀ-Ỹ])(?=[A-ZĐ])")
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SPACE_RUN = re.compile(" {2,}")
# A character a cp1252/latin-1 decoder produces for a byte 0x80-0xFF: candidates for re-decoding.
_HIGH_CHAR = re.compile(r"[\x80-\xff]")
_SEPARATORS = frozenset(" -–—|:·•/,;")
#: Offsets below this are copied from one shared tuple: an offset map then costs a copy of references
#: rather than a new int object per character (the map is most of the stage's allocations).
_SHARED_OFFSETS = 1 << 16

Replacement = str | tuple[str, list[int]]


class _Tracked:
    """A string with, per character, its offset in the raw page.

    Edits are regex substitutions; unchanged stretches are copied as slices, so
    the cost is proportional to the number of edits, not of characters.
    """

    __slots__ = ("offsets", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: list[int] = list(_counting(0, len(text)))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], Replacement | None]) -> None:
        """Replace matches of ``pattern``.

        ``repl`` returns None to keep a match, a string, or a string with the
        match-relative index of each of its characters.
        """
        edits: list[tuple[int, int, Replacement]] = []
        for match in pattern.finditer(self.text):
            result = repl(match)
            if result is not None:
                edits.append((match.start(), match.end(), result))
        self.apply(edits)

    def apply(self, edits: Iterable[tuple[int, int, Replacement]]) -> None:
        """Apply non-overlapping ``(start, end, replacement)`` edits given in order."""
        text, offsets = self.text, self.offsets
        pieces: list[str] = []
        new_offsets: list[int] = []
        position = 0
        for start, end, result in edits:
            replacement, local = (result, None) if isinstance(result, str) else result
            pieces.append(text[position:start])
            new_offsets.extend(offsets[position:start])
            pieces.append(replacement)
            if local is not None:
                new_offsets.extend(offsets[start + index] for index in local)
            elif len(replacement) == end - start:
                new_offsets.extend(offsets[start:end])
            elif replacement:
                span = end - start
                size = len(replacement)
                new_offsets.extend(offsets[start + (index * span) // size] for index in range(size))
            position = end
        if position == 0 and not pieces:
            return
        pieces.append(text[position:])
        new_offsets.extend(offsets[position:])
        self.text = "".join(pieces)
        self.offsets = new_offsets


@lru_cache(maxsize=1)
def _shared_counting() -> tuple[int, ...]:
    return tuple(range(_SHARED_OFFSETS))


def _counting(start: int, stop: int) -> Sequence[int]:
    """The integers ``start .. stop - 1`` (none when ``stop <= start``), shared ones when small enough."""
    return _shared_counting()[start:stop] if stop <= _SHARED_OFFSETS else range(start, stop)


@dataclass(slots=True)
class Normalised:
    """The normalised text and its character map into the raw input."""

    text: str
    offsets: list[int]


def normalise_text(raw: str, *, tables: LegacyTables | None = None, printable: bool = False) -> Normalised:
    """Normalise flat page text.

    Lines are the unit of work: a clean line (printable, NFC, single spaces)
    is copied as it is, so the cost on ordinary pages is a few C-level string
    checks per line; only unusual lines go through the regex repairs.

    Args:
        raw: Page text as decoded by the reader (flat text, or text extracted from HTML).
        tables: Legacy-encoding tables; the shipped ones when omitted.
        printable: The caller found every line of ``raw`` printable (the stage checks the page
            once for control characters), so no line needs that test again.

    Returns:
        The normalised text and, per character, its offset in ``raw``.
    """
    source, source_offsets = raw, None
    junk = JUNK.search(raw)
    if junk is not None:
        tracked = _repair_encodings(raw, tables or load_legacy_tables(), junk.start())
        if tracked is not None and tracked.text != raw:
            source, source_offsets = tracked.text, tracked.offsets
            printable = False  # said of the raw text, not of the repaired one
    all_nfc = unicodedata.is_normalized("NFC", source)
    pieces: list[str] = []
    offsets: list[int] = []
    # Offsets come in long stretches of consecutive source indexes (a line, its line break, the next
    # line): a stretch grows while it can and is copied into ``offsets`` only where it breaks.
    run_start = run_stop = -1
    previous_end = -1  # source index just after the last kept line
    blank = False
    position = 0
    for line in source.split("\n"):
        start = position
        position += len(line) + 1
        if not line:
            blank = blank or previous_end >= 0
            continue
        parts: Sequence[tuple[str, list[int] | None, int]]
        if (
            (printable or line.isprintable())
            and (all_nfc or unicodedata.is_normalized("NFC", line))
            and line[0] != " "
            and line[-1] != " "
            and "  " not in line
        ):
            parts = ((line, None, start),)
        else:
            parts = _clean_line(line, start)
        for text, local, first in parts:
            if not text:
                blank = blank or previous_end >= 0
                continue
            # The line's end in the source, before undoubling: the separator after a doubled line maps
            # there, so the extract stage can see that the line stood for twice its length.
            line_end = first + len(text) if local is None else local[-1] + 1
            half = None
            if (
                len(text) >= 2 * _MIN_DOUBLED_HALF
                and text.find(text[:_MIN_DOUBLED_HALF], _MIN_DOUBLED_HALF) > 0
            ):
                half = undoubled_length(text)
            if half is not None:
                text = text[:half]
                local = local[:half] if local is not None else None
            if previous_end >= 0:
                pieces.append("\n\n" if blank else "\n")
                if previous_end != run_stop:
                    offsets.extend(_counting(run_start, run_stop))
                    run_start = previous_end
                run_stop = previous_end + 1
                if blank:
                    after_blank = min(previous_end + 1, first)
                    if after_blank != run_stop:
                        offsets.extend(_counting(run_start, run_stop))
                        run_start = after_blank
                    run_stop = after_blank + 1
            pieces.append(text)
            if local is None:
                if first != run_stop:
                    offsets.extend(_counting(run_start, run_stop))
                    run_start = first
                run_stop = first + len(text)
            else:
                offsets.extend(_counting(run_start, run_stop))
                offsets.extend(local)
                run_start = run_stop = -1
            previous_end = line_end
            blank = False
    offsets.extend(_counting(run_start, run_stop))
    # Every kept line is NFC (tested, or composed by _clean_line), and so is any piece of an NFC line:
    # joined by line breaks, which compose with nothing, they make an NFC text.
    text = _unwrap(_canonical_tones("".join(pieces), nfc=True))
    if source_offsets is not None:
        offsets = [source_offsets[index] if index < len(source_offsets) else len(raw) for index in offsets]
    return Normalised(text, offsets)


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines ("print" versions cut every ~75 characters) into their paragraphs.

    The page must look wrapped as a whole: nearly every line with spaces is at most a fixed width, many
    lines reach that width and run on into the next line, and the continuations often start in lower
    case (prose cut mid-sentence). Paragraphs stay apart where the page leaves a blank line. Replacing a
    newline by a space keeps the length, so offsets are untouched.
    """
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if " " in line)
    if len(lengths) < 8:
        return text
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 110 or sum(1 for size in lengths if size > width + 5) > 0.05 * len(lengths):
        return text
    joins: list[int] = []
    lower = 0
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if len(line) >= width - 22 and " " in line and following:
            joins.append(index)
            lower += following[0].islower()
    if len(joins) < 6 or lower < 0.3 * len(joins):
        return text
    joined = set(joins)
    return "".join(line + (" " if index in joined else "\n") for index, line in enumerate(lines))[:-1]


def _clean_line(line: str, start: int) -> list[tuple[str, list[int] | None, int]]:
    """The slow path for one unusual line: character fixes, whitespace, NFC; may split it in several."""
    if line.endswith("\r"):
        line = line[:-1]  # the usual CRLF: the line break itself is already accounted for
    tracked = _Tracked(line)
    tracked.sub(_CHAR_FIXES, _fix_char)
    if "  " in tracked.text:
        tracked.sub(_SPACE_RUN, lambda _match: " ")
    _compose(tracked)
    parts: list[tuple[str, list[int] | None, int]] = []
    position = 0
    for piece in tracked.text.split("\n"):
        begin = position
        position += len(piece) + 1
        left = len(piece) - len(piece.lstrip(" "))
        right = len(piece.rstrip(" "))
        if right <= left:
            parts.append(("", None, start))
            continue
        local = [start + offset for offset in tracked.offsets[begin + left : begin + right]]
        parts.append((piece[left:right], local, local[0]))
    return parts


def _fix_char(match: re.Match[str]) -> Replacement | None:
    if match.lastindex == 1:
        return "\n"
    if match.lastindex == 2:
        return ""
    return " "


def _line_spans(text: str, pattern: re.Pattern[str], position: int = 0) -> list[tuple[int, int]]:
    """Spans of the lines holding a match of ``pattern`` from ``position`` on (no line-wide regexes)."""
    spans: list[tuple[int, int]] = []
    while True:
        match = pattern.search(text, position)
        if match is None:
            return spans
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        spans.append((start, end))
        position = end + 1


def _repair_encodings(text: str, tables: LegacyTables, first_junk: int = 0) -> _Tracked | None:
    """Mojibake first (ftfy, line by line), then a page-level legacy encoding decision.

    Returns the repaired text with its map, or None when nothing needed a repair: the map is built only
    once there is an edit to record (most pages that get here hold nothing worse than a "©").

    Args:
        text: The page.
        tables: Legacy-encoding tables.
        first_junk: Where the caller found the first junk character (nothing before needs a look).
    """
    tracked: _Tracked | None = None
    edits: list[tuple[int, int, Replacement]] = []
    spans = _line_spans(text, JUNK, first_junk)
    for start, end in spans:
        line = text[start:end]
        fixed = fix_mojibake(line)
        if fixed != line and len(JUNK.findall(fixed)) < len(JUNK.findall(line)):
            edits.append((start, end, fixed))
    if edits:
        tracked = _Tracked(text)
        tracked.apply(edits)
        text = tracked.text
        spans = _line_spans(text, JUNK)  # without an edit, the text and so its junk lines are unchanged
    remaining = [text[start:end] for start, end in spans]
    if not remaining:
        return tracked
    encoding = choose_legacy_encoding("\n".join(remaining)[:20000], tables)
    if encoding is None:
        return tracked
    edits = []
    for start, end in _line_spans(text, _HIGH_CHAR):
        repaired = repair_line(text[start:end], encoding, tables)
        if repaired is not None:
            replacement = repaired.text if repaired.sources is None else (repaired.text, repaired.sources)
            edits.append((start, end, replacement))
    if edits:
        tracked = tracked or _Tracked(text)
        tracked.apply(edits)
    return tracked


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Latin letters with canonical decompositions live in these blocks (plus plain ASCII).
_LATIN_LETTERS = (range(0x41, 0x5B), range(0x61, 0x7B), range(0xC0, 0x250), range(0x1E00, 0x1F00))


def _letter_classes() -> dict[str, str]:
    """Regex classes of Latin letters as orthography's tone rules see them (base letter, tone, shape).

    ``vowel``: base a e i o u y with any marks; ``shaped``: a vowel with a mark that is not a tone
    (â ă ê ô ơ ư...); ``shaped_toned``; ``shaped_toned_u`` (toned ư); ``plain_toned``: a tone and no
    other mark (á ò ỷ...); ``plain_toned_u`` and ``plain_toned_i``; ``toned_consonant`` (ǹ ñ ḿ...);
    ``other_vowel``: vowels but u ư i, the letters "qu" and "gi" may turn into consonants.
    """
    found: dict[str, set[str]] = {}
    for char in map(chr, (code for block in _LATIN_LETTERS for code in block)):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0].lower(), decomposed[1:]
        if not "a" <= base <= "z":
            continue
        toned = any(mark in _TONE_MARKS for mark in marks)
        shaped = any(mark not in _TONE_MARKS for mark in marks)
        keys: list[str] = []
        if base not in "aeiouy":
            keys += ["toned_consonant"] if toned else []
        else:
            keys.append("vowel")
            keys += ["other_vowel"] if char not in "uưUƯiI" else []
            keys += ["shaped"] if shaped else []
            if toned:
                kind = "shaped_toned" if shaped else "plain_toned"
                keys += [kind, f"{kind}_{base}"]
        for key in keys:
            found.setdefault(key, set()).add(char)
    return {key: "[" + "".join(sorted(chars)) + "]" for key, chars in found.items()}


def _misplaced_tone_pattern() -> re.Pattern[str]:
    """Where orthography.canonical could move a tone mark in NFC text (a necessary condition).

    canonical moves the tone of a single syllable with a vowel cluster only, and by its rules a tone on
    a letter X is already in place unless:

    * X is a consonant (ǹ, ñ): a tone belongs on a vowel;
    * X is a shaped vowel (ấ, ờ) with another shaped vowel after it in its run (the last one takes
      the tone), or the toned ư of "qư" before a vowel (the onset takes no tone);
    * X is a plain vowel (á, ò) and a shaped vowel stands in its run ("ưà"); or X is the u of "qu" or the
      i of "gi" before a vowel; or a vowel and another letter follow X (a closed syllable tones its last
      vowel, an open three-vowel one its middle one: "tòan", "ùoi"); or X ends the word after a vowel
      of the nucleus (an open two-vowel syllable tones its first vowel: "hoà", "thuý"), that vowel not
      being the u of "qu" or the i of "gi" ("quý", "giá" are right).

    The pattern starts with the toned letter, so the regex engine skips to toned letters in C; the
    commonest one, with no vowel on either side, fails at the first test of each branch. A word ends
    before a character that is not a letter, or where ``_CAMEL`` splits a glued word.
    """
    c = _letter_classes()
    vowel, shaped, plain, shaped_toned = c["vowel"], c["shaped"], c["plain_toned"], c["shaped_toned"]
    word_end = r"(?:(?![^\W\d_])|(?<![A-ZĐÀ-Ỹ])(?=[A-ZĐ]))"
    # A vowel follows X (matched, so X stands two characters back).
    followed = (
        rf"{vowel}(?:(?<={plain}.)(?:(?<={shaped})|[^\W\d_]"
        rf"|(?<=[qQ]{c['plain_toned_u']}.)|(?<=[gG]{c['plain_toned_i']}.))"
        rf"|(?<={shaped_toned}.)(?:(?<={shaped})|{shaped}|(?<=[qQ]{c['shaped_toned_u']}.)))"
    )
    # A plain X after a vowel.
    after_nucleus_vowel = (
        rf"(?<={c['other_vowel']}.)|(?<=[uư].)(?<![qQ]..)|(?<=[UƯ].)(?<!Q..)"
        r"|(?<=i.)(?<![gG]..)|(?<=I.)(?<!G..)"
    )
    preceded = (
        rf"(?<={vowel}{plain})(?:(?<={shaped}.)|(?<={shaped}{vowel}.)|(?<={shaped}{vowel}{vowel}.)"
        rf"|(?:{after_nucleus_vowel}){word_end})"
    )
    toned = "[" + "".join(c[key][1:-1] for key in ("plain_toned", "shaped_toned", "toned_consonant")) + "]"
    return re.compile(rf"{toned}(?:{followed}|{preceded}|(?<={c['toned_consonant']}))")


_MISPLACED_TONE = _misplaced_tone_pattern()


@lru_cache(maxsize=65536)
def _canonical_token(token: str) -> str:
    """Canonical tones for one whitespace token.

    Words that are not Vietnamese syllables stay as written (French "disputée" is not a misplaced
    "dísputee"), and glued words ("UkraineCác") are handled part by part.
    """
    return "".join(
        "".join(canonical(word) if is_syllable(word) else word for word in _WORD_SPLIT.split(part))
        for part in _CAMEL.split(token)
    )


def _canonical_tones(text: str, *, nfc: bool = False) -> str:
    """orthography.canonical over the distinct tokens (same length), glued words split first.

    ``nfc``: the caller knows ``text`` is NFC (the scan below is only sound on NFC text).
    """
    if (nfc or unicodedata.is_normalized("NFC", text)) and _MISPLACED_TONE.search(text) is None:
        # Most pages place every tone as canonical does; one scan shows it, where the token loop costs
        # a split, a set and a look-up per distinct token.
        return text
    changed = {
        token: fixed
        for token in set(text.split())
        if not token.isascii() and (fixed := _canonical_token(token)) != token and len(fixed) == len(token)
    }
    if not changed:
        return text
    pattern = re.compile(
        r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(changed, key=len, reverse=True))) + r")(?!\S)"
    )
    return pattern.sub(lambda match: changed[match.group(0)], text)


def _compose(tracked: _Tracked) -> None:
    """NFC, keeping the map: a base letter and its combining marks map to the base's offset."""
    if unicodedata.is_normalized("NFC", tracked.text):
        return

    def compose(match: re.Match[str]) -> Replacement | None:
        run = match.group(0)
        composed = unicodedata.normalize("NFC", run)
        return None if composed == run else (composed, [0] * len(composed))

    tracked.sub(_COMBINING_RUN, compose)
    if not unicodedata.is_normalized("NFC", tracked.text):
        # Rare leftovers (singletons, compatibility forms): compose line by line.
        def line_nfc(match: re.Match[str]) -> Replacement | None:
            line = match.group(0)
            composed = unicodedata.normalize("NFC", line)
            return None if composed == line else composed

        tracked.sub(re.compile(r"[^\n]+"), line_nfc)


def undoubled_length(line: str) -> int | None:
    """When ``line`` is one string written twice (optionally with a separator), the string's length.

    Listing cards often render a headline twice (image alt text, then link
    text), which a text dump glues into "TitleTitle".
    """
    size = len(line)
    if size < 2 * _MIN_DOUBLED_HALF or size > _MAX_DOUBLED_LINE:
        return None
    for gap in range(4):
        if (size - gap) % 2:
            continue
        half = (size - gap) // 2
        if line[:half] != line[half + gap :]:
            continue
        if all(char in _SEPARATORS for char in line[half : half + gap]) and any(
            char.isalpha() for char in line[:half]
        ):
            return half
    return None


def looks_binary(raw: str) -> bool:
    """Whether decoded content is really binary: NUL bytes or many control characters."""
    sample = raw[:65536]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    if sample.replace("\n", " ").isprintable():
        return False  # the usual case, settled by one C-level check rather than a regex scan
    controls = sum(1 for _ in _CONTROL.finditer(sample))
    return controls / len(sample) > 0.02


def undecodable_share(text: str) -> float:
    """Share of U+FFFD replacement characters among the non-space characters."""
    sample = text[:200000]
    bad = sample.count("\ufffd")
    if not bad:
        return 0.0
    visible = len("".join(sample.split()))
    return bad / visible if visible else 0.0


class NormaliseStage(Stage):
    """Turn ``page.raw`` into ``text`` and ``offsets``; reject pages that cannot be text.

    Args:
        max_chars: Pages with more characters are rejected as ``too-large``.
        max_undecodable: Pages where a larger share of characters are U+FFFD are rejected as
            ``undecodable``.
    """

    name = "normalise"
    needs: ClassVar[frozenset[str]] = frozenset({"page"})
    adds: ClassVar[frozenset[str]] = frozenset({"text", "offsets"})
    # Page by page, with extraction (see ExtractStage.chunk).
    chunk: ClassVar[int] = 1

    def __init__(self, max_chars: int = MAX_PAGE_CHARS, max_undecodable: float = 0.2) -> None:
        if max_chars <= 0:
            raise ValueError("max_chars must be positive")
        if not 0.0 < max_undecodable <= 1.0:
            raise ValueError("max_undecodable must be in (0, 1]")
        self.max_chars = max_chars
        self.max_undecodable = max_undecodable

    def process(self, article: Article) -> Iterable[Article]:
        """Normalise one page; yield it, rejected when it is not usable text."""
        raw = article.page.raw
        reject, printable = self._check(raw)
        if reject is None:
            if article.page.format == PageFormat.HTML:
                from thoisu.extract.html import html_to_text  # HTML tools load only when needed

                article.text = normalise_text(html_to_text(raw)).text
                article.offsets = []
            else:
                normalised = normalise_text(raw, printable=printable)
                article.text, article.offsets = normalised.text, normalised.offsets
            if not article.text or article.text.isspace():  # blank, checked without a stripped copy
                reject = Reject(self.name, "empty", "no text after normalisation")
            elif undecodable_share(article.text) > self.max_undecodable:
                reject = Reject(self.name, "undecodable", "mostly U+FFFD replacement characters")
        article.reject = reject
        yield article

    def _check(self, raw: str) -> tuple[Reject | None, bool]:
        """Why ``raw`` cannot be text, if it cannot; and whether it is printable apart from line breaks."""
        if not raw or raw.isspace():
            return Reject(self.name, "empty", "page has no content"), False
        if len(raw) > self.max_chars:
            return Reject(self.name, "too-large", f"{len(raw)} characters > {self.max_chars}"), False
        # Printable text holds no control character: one check settles most pages, and the normaliser
        # takes its answer instead of testing every line again.
        printable = raw.replace("\n", " ").isprintable()
        if not printable and looks_binary(raw):
            return Reject(self.name, "binary", "NUL or control characters: not text"), False
        return None, printable
