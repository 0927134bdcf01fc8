"""Factuality of an event mention: occurred, planned, negated or hypothetical.

Vietnamese marks factuality with preverbal words rather than verb forms:
"sẽ" and "dự kiến" (planned), "không" and "chưa" (negated), "nếu" and "có
thể" (hypothetical). They scope over the clause that follows them, so the
reader looks back from the trigger to the start of its clause; negation is
local ("không tham dự"), so it only looks a few words back. An event noun can
carry its own cue after it ("chuyến thăm ... dự kiến vào tháng 5 tới").
"""

from __future__ import annotations

from typing import Final

from thoisu.lang.vi.triggers import Grammar, PhraseSet
from thoisu.model import Status

# Status members read once: compiled, ``Status.X`` is an attribute lookup at each use.
_HYPOTHETICAL: Final = Status.HYPOTHETICAL
_NEGATED: Final = Status.NEGATED
_OCCURRED: Final = Status.OCCURRED
_PLANNED: Final = Status.PLANNED

_NEGATION_REACH: Final = 3  # words before the trigger
_CLAUSE_REACH: Final = 8  # words before the trigger for planned / hypothetical cues
_AFTER_REACH: Final = 10  # words after an event noun for its own planned cue


def _any_phrase(words: list[str], phrases: PhraseSet, present: int) -> bool:
    if phrases.bit and not present & phrases.bit:
        return False  # no first word of the set in the sentence (see ``Grammar.heads_present``)
    return phrases.first_in(words) is not None


def _negated(before: list[str], grammar: Grammar, present: int) -> bool:
    if (grammar.negation.bit and not present & grammar.negation.bit) or grammar.negation.heads.isdisjoint(
        before
    ):
        return False  # no negation word at all: the usual case
    for index in range(len(before)):
        if grammar.negation.at(before, index) is None:
            continue
        if grammar.negation_exceptions.at(before, index) is not None:
            continue
        return True
    return False


def read_status(
    words: list[str],
    first: int,
    last: int,
    clause_start: int,
    after_end: int,
    nominal: bool,
    grammar: Grammar,
    question: bool = False,
    conditional: bool = False,
    present: int = -1,
) -> Status:
    """The factuality of a trigger.

    Args:
        words: The sentence's words (folded).
        first: Index of the trigger's first word.
        last: Index after the trigger's last word.
        clause_start: Index of the first word of the trigger's clause.
        after_end: Index after the last word an event noun's own cue may be in (its phrase).
        nominal: Whether the trigger is an event noun (it may carry a cue after it).
        grammar: The cue words.
        question: The sentence is a question.
        conditional: A conditional ("nếu") opens the sentence before the trigger.
        present: The sentence's ``Grammar.heads_present`` mask, when known (-1: every set may occur).
    """
    if question or conditional:
        return _HYPOTHETICAL
    # Slices, not index ranges: a cue must lie wholly inside its reach.
    near = words[max(clause_start, first - _NEGATION_REACH) : first]
    if _negated(near, grammar, present):
        return _NEGATED
    before = words[max(clause_start, first - _CLAUSE_REACH) : first]
    if _any_phrase(before, grammar.negated_plans, present):
        return _NEGATED
    if nominal and _any_phrase(
        words[last : min(after_end, last + _AFTER_REACH)], grammar.planned_after, present
    ):
        return _PLANNED
    if _any_phrase(before, grammar.hypothetical, present):
        return _HYPOTHETICAL
    if _any_phrase(before, grammar.planned, present):
        return _PLANNED
    return _OCCURRED
