"""The surface-form automaton behind entity recognition.

Every name the resources know (countries, capitals, metonyms, places,
organisations, agencies, persons, title phrases) goes into one Aho-Corasick
automaton keyed by a length-preserving match key, so a whole article is
scanned in one pass in C whatever the size of the gazetteer. Per-name regexes
would cost one pass per name.

The match key is the canonical text lower-cased with hyphens read as spaces:
"Kim Jong-un", "Kim Jong Un" and "kim jong-un" share a key, and because the
key has the same length as the text, automaton offsets are text offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import ahocorasick

from thoisu.lang.vi.orthography import canonical
from thoisu.model import MentionType

EntryKind = Literal[
    "country",  # a state's name: GPE, actor = ISO3
    "capital",  # a capital as a place; as a subject it stands for the government
    "metonym",  # a seat of power used for the government ("Nhà Trắng", "Điện Kremlin")
    "place",  # a city or region: GPE/LOC, never an actor by itself
    "nonactor",  # a place that looks like a state but is not one ("bán đảo Triều Tiên")
    "organization",  # an IGO, a party, a named organ
    "organ",  # an organ type to be combined with a following country ("Bộ Ngoại giao")
    "agency",  # a news agency or outlet: cited, never an actor
    "person",  # a known person
    "title",  # a title phrase that introduces a person ("Ngoại trưởng", "Chủ tịch")
    "honorific",  # "ông", "bà": introduces a person, carries no role
    "contextual",  # a term whose reading depends on the document ("miền Bắc")
    "blocker",  # a phrase containing a name that names nothing ("tiếng Anh", "Mỹ phẩm")
    "cue",  # a word that introduces an unknown name of ``type`` ("tại", "tập đoàn", "Đại học")
]

# Hyphen-like characters are read as spaces in the match key.
_HYPHENS = ("-", "‐", "‑", "–", "_")


def match_key(text: str, *, is_canonical: bool = False) -> str:
    """Length-preserving matching key: canonical, lower-case, hyphens as spaces.

    Args:
        text: Any text.
        is_canonical: The text is already canonical (an ``Article.text`` after the normalise
            stage), so the tone-placement pass can be skipped: it is most of the cost.
    """
    key = text if is_canonical else canonical(text)
    for hyphen in _HYPHENS:
        if hyphen in key:  # str.replace on the rare hit is much cheaper than translate on every text
            key = key.replace(hyphen, " ")
    lowered = key.lower()
    if len(lowered) == len(key):
        return lowered
    # A few characters (e.g. "İ") lower to two; keep those as they are to keep offsets.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in key)


@dataclass(slots=True, frozen=True)
class LexEntry:
    """What a surface form stands for.

    Attributes:
        kind: What sort of name it is (see ``EntryKind``).
        type: The mention type it yields.
        canonical: The usual English form.
        country: ISO3 of the country it belongs to, when any.
        actor: CAMEO-style actor code it stands for, when it can be an actor.
        role: For persons, unused (roles depend on the date); for titles, the role key.
        agent: For titles and organ types, the CAMEO agent suffix ("GOV", "MIL", "LEG").
        person_id: For persons, the knowledge-base id.
        cased: Whether the text must start with a capital letter to match. Country names such
            as "Anh", "Pháp", "Mỹ", "Đức" are ordinary words in lower case.
        alternatives: For contextual terms, the other readings, as (country, actor) pairs.
        countries: For titles valid only in some countries ("Chủ tịch" names a head of state
            in China or Vietnam, not in France), those countries; empty means any.
        exact: For acronyms, the text that must occur letter for letter: "UN" must not match
            the "Un" of "Kim Jong Un".
        homograph: The form is also an ordinary word or a given name ("Đức", "Anh"): a
            capitalised name run may run over it.
        skip: For cues, how many lower-case words may stand between the cue and the name
            ("sân bay quốc tế Nội Bài").
    """

    kind: EntryKind
    type: MentionType
    canonical: str
    country: str | None = None
    actor: str | None = None
    role: str | None = None
    agent: str | None = None
    person_id: str | None = None
    cased: bool = True
    alternatives: tuple[tuple[str | None, str | None], ...] = ()
    countries: tuple[str, ...] = ()
    exact: str | None = None
    homograph: bool = False
    skip: int = 0


@dataclass(slots=True, frozen=True)
class Match:
    """A surface form found in the text, with every entry it may stand for."""

    start: int
    end: int
    entries: tuple[LexEntry, ...]

    @property
    def entry(self) -> LexEntry:
        """The preferred reading (entries are ordered by preference)."""
        return self.entries[0]


# When one surface form has several readings, prefer the more specific one.
_KIND_PREFERENCE: dict[str, int] = {
    "person": 0,
    "nonactor": 1,
    "metonym": 2,
    "agency": 3,
    "organization": 4,
    "country": 5,
    "capital": 6,
    "contextual": 7,
    "title": 8,
    "organ": 9,
    "place": 10,
    "honorific": 11,
    "blocker": 12,
    "cue": 13,
}


class Lexicon:
    """An automaton from match keys to entries, built once and shared read-only.

    Args:
        entries: ``(surface form, entry)`` pairs. A surface form may carry several entries
            (two persons sharing a name, a word that is both a title and a place).
        version: A string naming the resource versions it was built from.
    """

    def __init__(self, entries: Iterable[tuple[str, LexEntry]], version: str = "") -> None:
        grouped: dict[str, list[LexEntry]] = {}
        for surface, entry in entries:
            key = match_key(surface).strip()
            if not key:
                continue
            bucket = grouped.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
        automaton = ahocorasick.Automaton()
        for key, bucket in grouped.items():
            bucket.sort(key=lambda e: _KIND_PREFERENCE.get(e.kind, 99))
            checked = any(e.cased or e.exact is not None for e in bucket)
            automaton.add_word(key, (len(key), tuple(bucket), checked))
        if grouped:
            automaton.make_automaton()
        self._automaton = automaton
        self._size = len(grouped)
        self.version = version

    def __len__(self) -> int:
        return self._size

    def lookup(self, surface: str, *, is_canonical: bool = False) -> tuple[LexEntry, ...]:
        """Entries for an exact surface form (after the match key), or ``()``."""
        key = match_key(surface, is_canonical=is_canonical).strip()
        if not self._size or key not in self._automaton:
            return ()
        found: tuple[int, tuple[LexEntry, ...], bool] = self._automaton.get(key)
        return found[1]

    def scan(self, text: str, key: str | None = None, base: int = 0) -> list[Match]:
        """All leftmost-longest, non-overlapping matches on word boundaries.

        Args:
            text: The text to scan, e.g. one sentence (used for case checks).
            key: ``match_key(text)``, when the caller already has it.
            base: Added to every offset: where ``text`` starts in the article's text.
        """
        if not self._size:
            return []
        key = match_key(text) if key is None else key
        candidates: list[Match] = []
        size = len(key)
        for end_index, (length, entries, checked) in self._automaton.iter(key):
            start, end = end_index - length + 1, end_index + 1
            # On word boundaries only: "Nga" must not match inside "Ngà".
            if (start > 0 and key[start - 1].isalnum()) or (end < size and key[end].isalnum()):
                continue
            if checked:
                upper = text[start].isupper()
                entries = tuple(
                    e
                    for e in entries
                    if (upper or not e.cased) and (e.exact is None or text[start:end] == e.exact)
                )
                if not entries:
                    continue
            candidates.append(Match(start + base, end + base, entries))
        return _leftmost_longest(candidates)


def _leftmost_longest(candidates: list[Match]) -> list[Match]:
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Match] = []
    last_end = -1
    for match in candidates:
        if match.start >= last_end:
            chosen.append(match)
            last_end = match.end
        elif (
            chosen
            and match.end > chosen[-1].end
            and (match.end - match.start) > (chosen[-1].end - chosen[-1].start)
        ):
            # A longer match that starts inside the previous one wins ("Hội đồng Bảo an Liên hợp quốc").
            chosen[-1] = match
            last_end = match.end
    return chosen


def iter_words(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of whitespace-separated words inside ``text[start:end]``."""
    index = start
    while index < end:
        while index < end and text[index].isspace():
            index += 1
        word_start = index
        while index < end and not text[index].isspace():
            index += 1
        if index > word_start:
            yield word_start, index
