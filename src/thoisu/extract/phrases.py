"""Finding many fixed phrases in text in one pass (Aho-Corasick).

Agency aliases, official organs and country names are a few hundred phrases;
a regular-expression alternation of them costs a scan per alternative start
at every character. An Aho-Corasick automaton over the lower-cased text finds
them all in one C-level pass. Matches must sit on word boundaries; phrases
marked case-sensitive (acronyms: "AP" is not "ap") must also match the text's
case exactly. Overlapping matches resolve to the longest, leftmost one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick

T = TypeVar("T")

_JOINERS = frozenset("+&")


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """A phrase found in text: its span and the value it was registered with."""

    start: int
    end: int
    value: T


class PhraseIndex(Generic[T]):
    """An automaton over phrases, each with a value.

    Args:
        phrases: Phrase -> value. Phrases are matched case-insensitively unless listed in
            ``case_sensitive``.
        case_sensitive: Phrases that must match with their exact case.
    """

    def __init__(self, phrases: Mapping[str, T], case_sensitive: Iterable[str] = ()) -> None:
        exact = set(case_sensitive)
        # Case-sensitive phrases run over the text as written (far fewer raw hits: "Anh" never fires
        # inside "thành"); the others over the lower-cased text.
        self._exact = _automaton({phrase: value for phrase, value in phrases.items() if phrase in exact})
        self._folded = _automaton(
            {phrase.lower(): value for phrase, value in phrases.items() if phrase not in exact}
        )

    def find(self, text: str) -> list[PhraseMatch[T]]:
        """Non-overlapping word-bounded matches in ``text``, leftmost-longest first, in order."""
        if not text:
            return []
        found: list[PhraseMatch[T]] = []
        if self._exact is not None:
            found.extend(_matches(self._exact, text, text))
        if self._folded is not None:
            lowered = text.lower()
            if len(lowered) != len(text):  # a character whose lower case is longer: keep offsets exact
                lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
            found.extend(_matches(self._folded, lowered, text))
        if len(found) > 1:
            found.sort(key=lambda match: (match.start, match.start - match.end))
        result: list[PhraseMatch[T]] = []
        last_end = -1
        for match in found:
            if match.start >= last_end:
                result.append(match)
                last_end = match.end
        return result


def _automaton(phrases: Mapping[str, T]) -> Any:
    keys = {phrase: value for phrase, value in phrases.items() if phrase}
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for phrase, value in keys.items():
        automaton.add_word(phrase, (len(phrase), value))
    automaton.make_automaton()
    return automaton


def _matches(automaton: Any, haystack: str, text: str) -> Iterator[PhraseMatch[Any]]:
    for end_index, (length, value) in automaton.iter(haystack):
        end = end_index + 1
        start = end - length
        if _bounded(text, start, end):
            yield PhraseMatch(start, end, value)


def _bounded(text: str, start: int, end: int) -> bool:
    """The match does not continue a word on either side."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or before in _JOINERS:
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after in _JOINERS:
            return False
    return True
