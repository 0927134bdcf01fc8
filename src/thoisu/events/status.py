"""Factuality of an event mention: occurred, planned, negated or hypothetical.

Vietnamese marks factuality with preverbal words rather than verb forms:
"sẽ" and "dự kiến" (planned), "không" and "chưa" (negated), "nếu" and "có
thể" (hypothetical). They scope over the clause that follows them, so the
reader looks back from the trigger to the start of its clause; negation is
local ("không tham dự"), so it only looks a few words back. An event noun can
carry its own cue after it ("chuyến thăm ... dự kiến vào tháng 5 tới").
"""

from __future__ import annotations

from collections.abc import Sequence

from thoisu.lang.vi.triggers import Grammar, PhraseSet
from thoisu.model import Status

_NEGATION_REACH = 3  # words before the trigger
_CLAUSE_REACH = 8  # words before the trigger for planned / hypothetical cues
_AFTER_REACH = 10  # words after an event noun for its own planned cue


def _any_phrase(words: Sequence[str], phrases: PhraseSet) -> bool:
    return phrases.first_in(words) is not None


def _negated(before: Sequence[str], grammar: Grammar) -> bool:
    if grammar.negation.heads.isdisjoint(before):
        return False  # no negation word at all: the usual case
    for index in range(len(before)):
        if grammar.negation.at(before, index) is None:
            continue
        if grammar.negation_exceptions.at(before, index) is not None:
            continue
        return True
    return False


def read_status(
    words: Sequence[str],
    first: int,
    last: int,
    clause_start: int,
    after_end: int,
    nominal: bool,
    grammar: Grammar,
    question: bool = False,
    conditional: bool = False,
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
    """
    if question or conditional:
        return Status.HYPOTHETICAL
    # Slices, not index ranges: a cue must lie wholly inside its reach.
    near = words[max(clause_start, first - _NEGATION_REACH) : first]
    if _negated(near, grammar):
        return Status.NEGATED
    before = words[max(clause_start, first - _CLAUSE_REACH) : first]
    if _any_phrase(before, grammar.negated_plans):
        return Status.NEGATED
    if nominal and _any_phrase(words[last : min(after_end, last + _AFTER_REACH)], grammar.planned_after):
        return Status.PLANNED
    if _any_phrase(before, grammar.hypothetical):
        return Status.HYPOTHETICAL
    if _any_phrase(before, grammar.planned):
        return Status.PLANNED
    return Status.OCCURRED
