"""Vietnamese orthography: one canonical tone-mark placement.

Unicode NFC does not unify the two tone-placement conventions in use:
"hoà" and "hòa", "thuý" and "thúy", "khoẻ" and "khỏe" are different strings
in NFC. Vietnamese newsrooms overwhelmingly write the traditional ("old")
style, so thoisu canonicalises to it:

* a vowel carrying a diacritic of its own (ă â ê ô ơ ư) takes the tone; in
  "ươ" the ơ does ("người");
* otherwise, in a closed syllable, the last vowel of the nucleus takes it
  ("hoàng", "toán");
* in an open syllable, the first of two vowels ("hòa", "thủy", "múa") or the
  middle of three ("ngoài", "khuỷu") takes it.

"qu" and "gi" before another vowel count as consonants ("quả", "giữa").
Moving a tone mark within a syllable never changes the length of NFC text, so
canonicalisation keeps character offsets; normalisers rely on that.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook above, dot below
_SHAPES = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn: part of the letter
_PLAIN_VOWELS = frozenset("aeiouy")


def _build_vowel_class() -> str:
    """All NFC lowercase and uppercase Vietnamese vowels, with any tone and shape."""
    chars: set[str] = set()
    for base in "aeiouy":
        for shape in ("", "\u0302", "\u0306", "\u031b"):
            for tone in ("", *sorted(_TONES)):
                composed = unicodedata.normalize("NFC", base + shape + tone)
                if len(composed) == 1:
                    chars.add(composed)
                    chars.add(composed.upper())
    return "".join(sorted(chars))


_VOWELS = _build_vowel_class()
# A vowel run of two or more letters inside a word: the only place a tone can be misplaced.
_CLUSTER_WORD = re.compile(rf"[^\W\d_]*[{_VOWELS}]{{2,}}[^\W\d_]*")


def _decompose(word: str) -> list[tuple[str, str, str]]:
    """Split a word into (base letter, shape marks, tone mark) triples."""
    letters: list[tuple[str, str, str]] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and letters:
            base, shape, tone = letters[-1]
            if char in _TONES:
                letters[-1] = (base, shape, tone + char)
            else:
                letters[-1] = (base, shape + char, tone)
        else:
            letters.append((char, "", ""))
    return letters


def _tone_position(letters: list[tuple[str, str, str]]) -> int | None:
    """Index of the letter that should carry the tone, by the traditional rules."""
    lower = [base.lower() for base, _, _ in letters]
    start = 0
    while start < len(lower) and lower[start] not in _PLAIN_VOWELS:
        start += 1
    if start >= len(lower):
        return None
    end = start
    while end < len(lower) and lower[end] in _PLAIN_VOWELS:
        end += 1
    # "qu" and "gi" + vowel: the u / i belongs to the initial consonant.
    if (
        end - start >= 2
        and start > 0
        and (
            (lower[start - 1] == "q" and lower[start] == "u")
            or (lower[start - 1] == "g" and lower[start] == "i" and not letters[start][1])
        )
    ):
        start += 1
    nucleus = range(start, end)
    shaped = [i for i in nucleus if letters[i][1]]
    if shaped:
        return shaped[-1]
    if end < len(lower):  # closed syllable
        return end - 1
    size = end - start
    if size == 1:
        return start
    if size == 2:
        return start
    return start + 1


# One Vietnamese syllable (tone marks removed): initial consonant, one vowel nucleus, final consonant.
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$"
)


@lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    letters = _decompose(word)
    toned = [i for i, (_, _, tone) in enumerate(letters) if tone]
    if len(toned) != 1 or len(letters[toned[0]][2]) != 1:
        return word  # not a single-toned syllable: leave foreign words and typos alone
    skeleton = unicodedata.normalize("NFC", "".join(base + shape for base, shape, _ in letters)).lower()
    if not _SYLLABLE.match(skeleton):
        return word  # "disputée", "UkraineCác": not one Vietnamese syllable
    target = _tone_position(letters)
    if target is None or target == toned[0]:
        return word
    tone = letters[toned[0]][2]
    rebuilt = [(base, shape, "") for base, shape, _ in letters]
    base, shape, _ = rebuilt[target]
    rebuilt[target] = (base, shape, tone)
    return unicodedata.normalize("NFC", "".join(b + s + t for b, s, t in rebuilt))


def canonical(text: str) -> str:
    """NFC with one canonical (traditional) tone placement; same length as NFC input.

    Args:
        text: Any text; non-Vietnamese words pass through unchanged.

    Returns:
        The NFC text with tone marks moved to their traditional position.
    """
    text = unicodedata.normalize("NFC", text)
    return _CLUSTER_WORD.sub(lambda match: _canonical_word(match.group(0)), text)


def fold(text: str) -> str:
    """The matching key: canonical text, case-folded, with whitespace runs collapsed."""
    return " ".join(canonical(text).casefold().split())


def strip_diacritics(text: str) -> str:
    """ASCII-ish skeleton ("Bình Nhưỡng" -> "Binh Nhuong"), for slugs and fuzzy keys."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
