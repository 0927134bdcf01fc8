"""Finding many fixed phrases in text in one pass (Aho-Corasick).

Agency aliases, official organs and country names are a few hundred phrases;
a regular-expression alternation of them costs a scan per alternative start
at every character. An Aho-Corasick automaton over the lower-cased text finds
them all in one C-level pass. Matches must sit on word boundaries; phrases
marked case-sensitive (acronyms: "AP" is not "ap") must also match the text's
case exactly. Overlapping matches resolve to the longest, leftmost one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick

T = TypeVar("T")
U = TypeVar("U")

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
        self._exact_phrases = {phrase: value for phrase, value in phrases.items() if phrase in exact}
        self._folded_phrases = {
            phrase.lower(): value for phrase, value in phrases.items() if phrase not in exact
        }
        self._exact = _automaton(self._exact_phrases)
        self._folded = _automaton(self._folded_phrases)
        # Texts can be searched joined by newlines only when no match can straddle one.
        self._joinable = not any("\n" in phrase for phrase in phrases)

    def find(self, text: str) -> list[PhraseMatch[T]]:
        """Non-overlapping word-bounded matches in ``text``, leftmost-longest first, in order."""
        if not text:
            return []
        return self._resolve(self._raw(text, _lowered(text) if self._folded is not None else text))

    def find_each(self, texts: Sequence[str]) -> list[list[PhraseMatch[T]]]:
        """``[find(text) for text in texts]``, in one pass over the texts joined by newlines.

        An article's paragraphs are searched together: one automaton walk instead of one per
        paragraph. A newline is a word boundary and no phrase spans one, so each text's matches
        are exactly those :meth:`find` gives it (offsets are relative to each text).
        """
        if len(texts) < 2 or not self._joinable:
            return [self.find(text) for text in texts]
        starts: list[int] = []
        position = 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        joined = "\n".join(texts)
        # Lower-cased text by text, exactly as find() does it (str.lower depends on the context).
        lowered = "\n".join(map(_lowered, texts)) if self._folded is not None else joined
        return _split(self._resolve(self._raw(joined, lowered)), starts)

    def _raw(self, text: str, lowered: str) -> list[PhraseMatch[T]]:
        found: list[PhraseMatch[T]] = []
        if self._exact is not None:
            found.extend(_matches(self._exact, text, text))
        if self._folded is not None:
            found.extend(_matches(self._folded, lowered, text))
        return found

    @staticmethod
    def _resolve(found: list[PhraseMatch[T]]) -> list[PhraseMatch[T]]:
        """Leftmost-longest, non-overlapping."""
        if len(found) > 1:
            found.sort(key=lambda match: (match.start, match.start - match.end))
        result: list[PhraseMatch[T]] = []
        last_end = -1
        for match in found:
            if match.start >= last_end:
                result.append(match)
                last_end = match.end
        return result


class PhrasePair(Generic[T, U]):
    """Two phrase indexes searched together, in one automaton walk of the lower-cased text.

    Case-sensitive phrases go into the walk in lower case, and a hit counts only where the text has the
    phrase as written. Each index keeps its own raw matches (case-sensitive ones first, each kind in the
    order its own automaton gives them) and its own leftmost-longest resolution, so :meth:`find_each`
    returns exactly ``(first.find_each(texts), second.find_each(texts))`` for a quarter of the walks.
    """

    def __init__(self, first: PhraseIndex[T], second: PhraseIndex[U]) -> None:
        self.first = first
        self.second = second
        self._automaton = _walk_automaton((first, second))
        self._joinable = first._joinable and second._joinable

    def find_each(
        self, texts: Sequence[str]
    ) -> tuple[list[list[PhraseMatch[T]]], list[list[PhraseMatch[U]]]]:
        """``(first.find_each(texts), second.find_each(texts))`` in one walk of the joined texts."""
        if len(texts) < 2 or not self._joinable or self._automaton is None:
            return self.first.find_each(texts), self.second.find_each(texts)
        starts: list[int] = []
        position = 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        joined = "\n".join(texts)
        # Per index: the case-sensitive matches, then the others (the order PhraseIndex._raw keeps).
        found: tuple[tuple[list[PhraseMatch[Any]], ...], ...] = (([], []), ([], []))
        for end_index, (length, entries) in self._automaton.iter("\n".join(map(_lowered, texts))):
            end = end_index + 1
            start = end - length
            if _bounded(joined, start, end):
                for number, value, written in entries:
                    if written is None or joined[start:end] == written:
                        found[number][written is None].append(PhraseMatch(start, end, value))
        first, second = (PhraseIndex._resolve(exact + folded) for exact, folded in found)
        return _split(first, starts), _split(second, starts)


def _walk_automaton(indexes: Sequence[PhraseIndex[Any]]) -> Any:
    """One automaton over the lower-case phrases of several indexes, for :class:`PhrasePair`.

    A key maps to ``(length, ((index, value, written), ...))``, ``written`` being a case-sensitive
    phrase as written (None for the others). None when a case-sensitive phrase's lower case might not
    line up with the lower-cased text (a sigma, a letter whose lower case is longer).
    """
    entries: dict[str, list[tuple[int, Any, str | None]]] = {}
    for number, index in enumerate(indexes):
        for phrase, value in index._exact_phrases.items():
            if "Σ" in phrase or any(len(char.lower()) != 1 for char in phrase):
                return None
            if phrase:
                entries.setdefault(phrase.lower(), []).append((number, value, phrase))
        for phrase, value in index._folded_phrases.items():
            if phrase:
                entries.setdefault(phrase, []).append((number, value, None))
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, tagged in entries.items():
        automaton.add_word(key, (len(key), tuple(tagged)))
    automaton.make_automaton()
    return automaton


def _split(matches: list[PhraseMatch[T]], starts: list[int]) -> list[list[PhraseMatch[T]]]:
    """Matches in texts joined by newlines, back to per-text lists with per-text offsets."""
    result: list[list[PhraseMatch[T]]] = [[] for _ in starts]
    for match in matches:
        number = bisect_right(starts, match.start) - 1
        base = starts[number]
        result[number].append(PhraseMatch(match.start - base, match.end - base, match.value))
    return result


def _lowered(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay those of ``text``)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: keep offsets exact
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered


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
