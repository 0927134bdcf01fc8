"""Is a page Vietnamese?

Two signals: the share of letters that only Vietnamese uses (ă â đ ê ô ơ ư
and the toned vowels) and py3langid. The letter share decides alone when it
is clearly high or clearly nil, which is what makes short pages (a headline
and two sentences) robust: a language identifier needs more text than that.
py3langid settles the cases in between (Vietnamese written without
diacritics, French with its own accents).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Only this much of the text is examined.
SAMPLE_CHARS = 2500
#: Above this share of Vietnamese-specific letters a page is Vietnamese without asking py3langid.
CLEAR_SHARE = 0.10
#: Below this share a page is not Vietnamese unless py3langid is sure it is.
LOW_SHARE = 0.02


def _vietnamese_letters() -> str:
    chars: set[str] = set("ăâđêôơưĂÂĐÊÔƠƯ")
    for base in "aeiouyAEIOUY":
        for shape in ("", "\u0302", "\u0306", "\u031b"):
            for tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
                composed = unicodedata.normalize("NFC", base + shape + tone)
                if len(composed) == 1:
                    chars.add(composed)
    # Letters French, Spanish or Portuguese also use are weak evidence: keep only the Vietnamese ones.
    chars -= set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
    return "".join(sorted(chars))


_VI_ONLY = re.compile(f"[{_vietnamese_letters()}]")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The detected language and the evidence behind it."""

    language: str
    vietnamese_share: float
    method: str


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` (ISO 639-1, ``und`` when there is too little text)."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters < 20:
        return LanguageGuess("und", 0.0, "too-short")
    share = len(_VI_ONLY.findall(sample)) / letters
    if share >= CLEAR_SHARE:
        return LanguageGuess("vi", share, "letters")
    import py3langid  # imported lazily: the model loads in ~0.2 s, needed only for unclear pages

    language = str(py3langid.classify(sample)[0])
    if language == "vi" and share < LOW_SHARE and not _unaccented_vietnamese(sample):
        return LanguageGuess("und", share, "langid")
    return LanguageGuess(language, share, "langid")


def clearly_vietnamese(text: str) -> bool:
    """Whether :func:`detect_language` would say "vi" from the letter share alone, without counting letters.

    Counting letters costs a function call per character. Every character that is not a space or a line
    break bounds the letter count from above, so when the Vietnamese-only letters reach
    :data:`CLEAR_SHARE` of that bound they reach it of the letters too (and there are at least 20
    letters): most pages are settled by a regex scan and two counts.
    """
    sample = text[:SAMPLE_CHARS]
    bound = len(sample) - sample.count(" ") - sample.count("\n")
    # The first part of the sample usually holds enough Vietnamese letters on its own.
    vietnamese = len(_VI_ONLY.findall(sample, 0, SAMPLE_CHARS * 3 // 5))
    if vietnamese >= 20 and vietnamese / bound >= CLEAR_SHARE:
        return True
    vietnamese += len(_VI_ONLY.findall(sample, SAMPLE_CHARS * 3 // 5))
    return vietnamese >= 20 and vietnamese / bound >= CLEAR_SHARE


_COMMON_SYLLABLES = frozenset(
    "va cua la cac nhung duoc da dang se voi trong cho nay khi de co khong mot nhu thi ma cung ve tu "
    "tai theo bi do vi nen rang nguoi nuoc viet nam".split()
)


def _unaccented_vietnamese(sample: str) -> bool:
    """Vietnamese typed without diacritics: dense in its commonest function syllables."""
    words = sample.lower().split()
    if not words:
        return False
    return sum(1 for word in words if word.strip(",.;:!?") in _COMMON_SYLLABLES) / len(words) >= 0.2
