"""Finding triggers in a sentence.

Trigger phrases are indexed by the first word of their first fragment, so a
sentence's words are each looked up once however large the lexicon. Each hit
is then checked for the rest of that fragment, the later fragments of a
discontinuous phrase ("ký ... hiệp định"), and the words that must or must
not surround it. Overlaps are resolved longest first, then by priority.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from thoisu.events.args import Tokens
from thoisu.lang.vi.triggers import Trigger, TriggerLexicon, Words

_NEEDS_REACH: Final = 8  # words after a trigger where its required context may be


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

    # Written out: mypyc compiles an explicit ``__init__``; the generated one stays interpreted.
    def __init__(
        self,
        trigger: Trigger,
        first: int,
        last: int,
        word_indexes: frozenset[int],
        start: int,
        end: int,
        nominal: bool = False,
        consumed: bool = False,
    ) -> None:
        self.trigger = trigger
        self.first = first
        self.last = last
        self.word_indexes = word_indexes
        self.start = start
        self.end = end
        self.nominal = nominal
        self.consumed = consumed


# What a word opens: the trigger phrases whose first fragment starts with it (the one-word ones as
# their trigger indexes, the longer ones by their second word, shortest first) and the bits of the
# grammar's sets with a phrase starting with it (``Grammar.head_bits``).
_Entry = tuple[Words, tuple[int, ...]]
_Head = tuple[tuple[int, ...], dict[str, list[_Entry]], int]


class TriggerMatcher:
    """The trigger phrases indexed by their first two words; built once, shared read-only."""

    def __init__(self, lexicon: TriggerLexicon) -> None:
        self.lexicon = lexicon
        grouped: dict[Words, list[int]] = {}
        for index, trigger in enumerate(lexicon.triggers):
            grouped.setdefault(trigger.fragments[0], []).append(index)
        singles: dict[str, tuple[int, ...]] = {}
        longer: dict[str, dict[str, list[_Entry]]] = {}
        for phrase, indexes in grouped.items():
            if len(phrase) == 1:
                singles[phrase[0]] = tuple(indexes)
            else:
                longer.setdefault(phrase[0], {}).setdefault(phrase[1], []).append((phrase, tuple(indexes)))
        # Shorter phrases first: a shorter one ends first, the order in which a scan of the text
        # meets them (overlapping hits that tie on every rank keep that order). Most words of a
        # sentence start no phrase, and most that do are not followed by a second word of one:
        # one lookup settles the first, a second the rest.
        grammar_bits = lexicon.grammar.head_bits
        self._heads: dict[str, _Head] = {
            head: (
                singles.get(head, ()),
                {
                    second: sorted(entries, key=_phrase_size)
                    for second, entries in longer.get(head, {}).items()
                },
                grammar_bits.get(head, 0),
            )
            for head in singles.keys() | longer.keys() | grammar_bits.keys()
        }
        # Per trigger, precomputed once: which context phrases must be checked around a hit (not
        # before it, not after it, needed after it), and its rank among overlapping hits (longer
        # first, then higher priority).
        self._checks = tuple((bool(t.not_before), bool(t.not_after), bool(t.needs)) for t in lexicon.triggers)
        # Most triggers are one contiguous phrase with no context to check: a hit is then final.
        self._plain = tuple(
            len(t.fragments) == 1 and not any(checks)
            for t, checks in zip(lexicon.triggers, self._checks, strict=True)
        )
        self._rank = tuple((-t.size, -t.priority) for t in lexicon.triggers)

    def find(self, key: str, words: Tokens, start: int, end: int) -> list[Hit]:
        """Triggers in ``key[start:end]`` (a sentence), after overlap resolution.

        A phrase matches where its words follow one another separated by single spaces, as
        written in the lexicon.

        Args:
            key: The article's matching key (or a key with the same offsets).
            words: The sentence's words, in order.
            start: Where the sentence starts in ``key``.
            end: Where it ends.
        """
        return self.scan(key, words, start, end)[0]

    def scan(self, key: str, words: Tokens, start: int, end: int) -> tuple[list[Hit], int]:
        """What :meth:`find` returns, and the mask ``Grammar.heads_present(words.texts)``.

        The grammar's first words are looked up with the triggers' (one lookup per word), so the
        coder gets the sentence's mask for free.
        """
        texts = words.texts
        count = len(texts)
        present = 0
        if not count:
            return [], present
        word_starts, word_ends = words.starts, words.ends
        heads = self._heads
        found: list[Hit] = []
        kinds: list[int] = []  # the lexicon index of each hit's trigger
        for first in range(count):
            head = heads.get(texts[first])
            if head is None:
                continue
            singles, by_second, bits = head
            present |= bits
            if word_starts[first] < start:
                continue
            if singles and word_ends[first] <= end:
                self._add(singles, first, first, words, found, kinds)
            second = first + 1
            if not by_second or second == count:
                continue
            gap = word_ends[first]
            if word_starts[second] != gap + 1 or key[gap] != " ":
                continue  # phrases are written with single spaces between their words
            entries = by_second.get(texts[second])
            if entries is None:
                continue
            for phrase, indexes in entries:
                size = len(phrase)
                last_word = first + size - 1
                if last_word >= count or word_ends[last_word] > end:
                    break  # longer phrases do not fit either
                matched = True
                for offset in range(2, size):
                    at = first + offset
                    gap = word_ends[at - 1]
                    if texts[at] != phrase[offset] or word_starts[at] != gap + 1 or key[gap] != " ":
                        matched = False
                        break
                if matched:
                    self._add(indexes, first, last_word, words, found, kinds)
        if len(found) < 2:
            return found, present
        rank = self._rank
        ranked: list[tuple[int, int, int, int]] = []
        for position in range(len(found)):
            size_key, priority_key = rank[kinds[position]]
            ranked.append((size_key, priority_key, found[position].first, position))
        return _resolve_overlaps(found, ranked), present

    def _add(
        self,
        indexes: tuple[int, ...],
        first: int,
        last_word: int,
        words: Tokens,
        found: list[Hit],
        kinds: list[int],
    ) -> None:
        """Add the hits of the triggers ``indexes`` whose first fragment covers ``first..last_word``."""
        triggers = self.lexicon.triggers
        for index in indexes:
            if self._plain[index]:
                after = last_word + 1
                hit: Hit | None = Hit(
                    triggers[index],
                    first,
                    after,
                    frozenset(range(first, after)),
                    words.starts[first],
                    words.ends[last_word],
                )
            else:
                hit = _check(triggers[index], self._checks[index], first, last_word + 1, words)
            if hit is not None:
                found.append(hit)
                kinds.append(index)


def _phrase_size(entry: _Entry) -> int:
    return len(entry[0])


def _check(
    trigger: Trigger, checks: tuple[bool, bool, bool], first: int, after_first: int, words: Tokens
) -> Hit | None:
    """The hit of a trigger whose first fragment covers ``first`` to ``after_first``, if it holds.

    ``checks`` says which context phrases the trigger has (not before, not after, needed after).
    """
    texts = words.texts
    fragments = trigger.fragments
    later: list[tuple[int, int]] = []  # the word ranges of the later fragments
    cursor = after_first
    for position in range(1, len(fragments)):
        fragment = fragments[position]
        size, head = len(fragment), fragment[0]
        for gap in range(trigger.window + 1):
            at = cursor + gap
            if at + size > len(texts):
                return None
            # The first word first: it rules out most places without building a slice.
            if texts[at] == head and (size == 1 or tuple(texts[at : at + size]) == fragment):
                later.append((at, at + size))
                cursor = at + size
                break
        else:
            return None
    last = cursor
    not_before, not_after, needs = checks
    if not_before and trigger.not_before.before(texts, first) is not None:
        return None
    if not_after and trigger.not_after.at(texts, last) is not None:
        return None
    if needs and trigger.needs.first_in(texts, last, last + _NEEDS_REACH) is None:
        return None
    if later:
        spread = set(range(first, after_first))
        for low, high in later:
            spread.update(range(low, high))
        covered = frozenset(spread)
    else:
        covered = frozenset(range(first, after_first))  # a contiguous phrase: the usual case
    return Hit(trigger, first, last, covered, words.starts[first], words.ends[last - 1])


def _resolve_overlaps(hits: list[Hit], ranked: list[tuple[int, int, int, int]]) -> list[Hit]:
    """Keep the best of overlapping hits.

    ``ranked`` holds each hit's (-size, -priority, first word, position in ``hits``): sorted, it
    orders the hits as a stable sort on the first three would.
    """
    ranked.sort()
    chosen: list[Hit] = []
    taken: set[int] = set()
    for _, _, _, position in ranked:
        hit = hits[position]
        if not hit.word_indexes.isdisjoint(taken):
            continue
        chosen.append(hit)
        taken.update(hit.word_indexes)
    chosen.sort(key=_first_word)
    return chosen


def _first_word(hit: Hit) -> int:
    return hit.first
