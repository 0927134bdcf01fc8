"""Finding triggers in a sentence.

All trigger phrases go into one Aho-Corasick automaton keyed by their first
fragment, so a sentence is scanned once in C however large the lexicon.
Each hit is then checked in Python only for what an automaton cannot see:
word boundaries, the later fragments of a discontinuous phrase ("ký ...
hiệp định"), the words that must or must not surround it. Overlaps are
resolved longest first, then by priority.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import ahocorasick

from thoisu.events.args import Tokens
from thoisu.lang.vi.triggers import Trigger, TriggerLexicon

_NEEDS_REACH = 8  # words after a trigger where its required context may be


@dataclass(slots=True)
class Hit:
    """A trigger found in a sentence.

    Attributes:
        trigger: The lexicon entry.
        first / last: Index of its first word and index after its last word (sentence words).
        word_indexes: Indexes of the words its fragments cover (not the gaps between them).
        start / end: Characters of the article text from its first to its last word.
        nominal: Whether a classifier makes it an event noun ("chuyến thăm").
        consumed: Taken up by a modal frame ("kêu gọi ngừng bắn"): not an event of its own.
    """

    trigger: Trigger
    first: int
    last: int
    word_indexes: frozenset[int]
    start: int
    end: int
    nominal: bool = False
    consumed: bool = False


class TriggerMatcher:
    """The automaton over a trigger lexicon; built once, shared read-only."""

    def __init__(self, lexicon: TriggerLexicon) -> None:
        self.lexicon = lexicon
        automaton = ahocorasick.Automaton()
        grouped: dict[str, list[int]] = {}
        for index, trigger in enumerate(lexicon.triggers):
            grouped.setdefault(" ".join(trigger.fragments[0]), []).append(index)
        for key, indexes in grouped.items():
            automaton.add_word(key, (len(key), tuple(indexes)))
        automaton.make_automaton()
        self._automaton = automaton
        # Per trigger, precomputed once: whether any context phrase must be checked around a hit,
        # and its rank among overlapping hits (longer first, then higher priority).
        self._context = tuple(bool(t.needs or t.not_before or t.not_after) for t in lexicon.triggers)
        # Most triggers are one contiguous phrase with no context to check: a hit is then final.
        self._plain = tuple(
            len(t.fragments) == 1 and not context
            for t, context in zip(lexicon.triggers, self._context, strict=True)
        )
        self._rank = tuple((-t.size, -t.priority) for t in lexicon.triggers)

    def find(self, key: str, words: Tokens, start: int, end: int) -> list[Hit]:
        """Triggers in ``key[start:end]`` (a sentence), after overlap resolution.

        Args:
            key: The article's matching key (or a key with the same offsets).
            words: The sentence's words, in order.
            start: Where the sentence starts in ``key``.
            end: Where it ends.
        """
        if not len(words):
            return []
        word_starts, word_ends = words.starts, words.ends
        count = len(word_starts)
        texts = words.texts
        triggers = self.lexicon.triggers
        context, plain = self._context, self._plain
        found: list[Hit] = []
        kinds: list[int] = []  # the lexicon index of each hit's trigger
        for end_index, (length, indexes) in self._automaton.iter(key, start, end):
            # A few automaton hits per sentence: bisecting for each is cheaper than indexing every word.
            first = bisect_left(word_starts, end_index - length + 1)
            last_word = bisect_left(word_ends, end_index + 1)
            if (
                first == count
                or last_word == count
                or word_starts[first] != end_index - length + 1
                or word_ends[last_word] != end_index + 1
            ):
                continue  # not on word boundaries ("gặp" inside "gặpp")
            for index in indexes:
                if plain[index]:
                    after = last_word + 1
                    hit: Hit | None = Hit(
                        triggers[index],
                        first,
                        after,
                        frozenset(range(first, after)),
                        word_starts[first],
                        word_ends[last_word],
                    )
                else:
                    hit = _check(triggers[index], context[index], first, last_word + 1, texts, words)
                if hit is not None:
                    found.append(hit)
                    kinds.append(index)
        if len(found) < 2:
            return found
        rank = self._rank
        order = [(*rank[kind], hit.first) for kind, hit in zip(kinds, found, strict=True)]
        return _resolve_overlaps(found, order)


def _check(
    trigger: Trigger, context: bool, first: int, after_first: int, texts: list[str], words: Tokens
) -> Hit | None:
    fragments = trigger.fragments
    if len(fragments) == 1:
        covered = frozenset(range(first, after_first))  # a contiguous phrase: the usual case
    else:
        spread = set(range(first, after_first))
        cursor = after_first
        for fragment in fragments[1:]:
            size, head = len(fragment), fragment[0]
            for gap in range(trigger.window + 1):
                at = cursor + gap
                if at + size > len(texts):
                    return None
                # The first word first: it rules out most places without building a slice.
                if texts[at] == head and (size == 1 or tuple(texts[at : at + size]) == fragment):
                    spread.update(range(at, at + size))
                    cursor = at + size
                    break
            else:
                return None
        after_first = cursor
        covered = frozenset(spread)
    last = after_first
    if context:
        if trigger.not_before and trigger.not_before.before(texts, first) is not None:
            return None
        if trigger.not_after and trigger.not_after.at(texts, last) is not None:
            return None
        if trigger.needs and trigger.needs.first_in(texts, last, last + _NEEDS_REACH) is None:
            return None
    return Hit(trigger, first, last, covered, words.starts[first], words.ends[last - 1])


def _resolve_overlaps(hits: list[Hit], order: list[tuple[int, int, int]]) -> list[Hit]:
    """Keep the best of overlapping hits; ``order`` holds each hit's (-size, -priority, first word)."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for position in sorted(range(len(hits)), key=order.__getitem__):  # stable, like sorting the hits
        hit = hits[position]
        if hit.word_indexes & taken:
            continue
        chosen.append(hit)
        taken |= hit.word_indexes
    chosen.sort(key=lambda h: h.first)
    return chosen
