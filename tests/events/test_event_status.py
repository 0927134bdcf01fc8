from __future__ import annotations

import pytest

from thoisu.events.status import read_status
from thoisu.lang.vi.triggers import Grammar, load_triggers, words_of
from thoisu.model import Status


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return load_triggers().grammar


def status(
    grammar: Grammar, before: str, trigger: str, after: str = "", nominal: bool = False, **kw: bool
) -> Status:
    words = [*words_of(before), *words_of(trigger), *words_of(after)]
    first = len(words_of(before))
    last = first + len(words_of(trigger))
    return read_status(words, first, last, 0, len(words), nominal, grammar, **kw)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Nga sẽ", Status.PLANNED),
        ("Nga dự kiến", Status.PLANNED),
        ("Theo kế hoạch, Nga", Status.PLANNED),
        ("Nga không", Status.NEGATED),
        ("Nga chưa", Status.NEGATED),
        ("Nga sẽ không", Status.NEGATED),
        ("Nga không có kế hoạch", Status.NEGATED),
        ("Nga không chỉ", Status.OCCURRED),
        ("Nga có thể", Status.HYPOTHETICAL),
        ("Nga có thể sẽ", Status.HYPOTHETICAL),
        ("Nga đã", Status.OCCURRED),
        ("Nga", Status.OCCURRED),
    ],
)
def test_cues_before_the_trigger(grammar: Grammar, before: str, expected: Status) -> None:
    assert status(grammar, before, "hội đàm", "với Mỹ") == expected


def test_negation_is_local(grammar: Grammar) -> None:
    assert status(grammar, "Nga không ngờ rằng ông ấy lại", "hội đàm") == Status.OCCURRED


def test_event_noun_carries_its_own_cue(grammar: Grammar) -> None:
    assert (
        status(grammar, "chuyến", "thăm", "của ông Putin dự kiến vào tháng 5", nominal=True) == Status.PLANNED
    )
    assert status(grammar, "chuyến", "thăm", "của ông Putin dự kiến vào tháng 5") == Status.OCCURRED


def test_questions_and_conditions_are_hypothetical(grammar: Grammar) -> None:
    assert status(grammar, "Mỹ", "hội đàm", "với Nga", question=True) == Status.HYPOTHETICAL
    assert status(grammar, "Mỹ", "hội đàm", "với Nga", conditional=True) == Status.HYPOTHETICAL
