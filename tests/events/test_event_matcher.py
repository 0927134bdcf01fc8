from __future__ import annotations

import pytest

from thoisu.events.args import Tokens
from thoisu.events.matcher import Hit, TriggerMatcher
from thoisu.lang.vi.triggers import key_of, load_triggers


@pytest.fixture(scope="module")
def matcher() -> TriggerMatcher:
    return TriggerMatcher(load_triggers())


def hits(matcher: TriggerMatcher, text: str) -> list[tuple[str, str]]:
    key = key_of(text)
    found: list[Hit] = matcher.find(key, Tokens.of(key), 0, len(key))
    return [(text[h.start : h.end], h.trigger.code) for h in found]


def test_longest_match_wins(matcher: TriggerMatcher) -> None:
    assert hits(matcher, "hai bên hội đàm trực tuyến") == [("hội đàm trực tuyến", "041")]
    assert hits(matcher, "Nga và Trung Quốc tập trận chung") == [("tập trận chung", "062")]


def test_discontinuous_phrases_respect_their_window(matcher: TriggerMatcher) -> None:
    assert hits(matcher, "hai nước ký một hiệp định") == [("ký một hiệp định", "057")]
    assert hits(matcher, "hai nước ký tên vào danh sách các hiệp định") == []


def test_words_around_can_cancel_a_trigger(matcher: TriggerMatcher) -> None:
    assert hits(matcher, "ông gặp khó khăn") == []  # not_after
    assert hits(matcher, "sự kiện lớn") == []
    assert hits(matcher, "đòi hỏi cao") == [("đòi hỏi", "100")]
    assert hits(matcher, "các bên tiếp tục thảo luận") == [("thảo luận", "040")]  # "tiếp tục" is no reception


def test_required_context(matcher: TriggerMatcher) -> None:
    assert hits(matcher, "hai nước thống nhất tăng cường quan hệ")[0] == ("thống nhất", "030")
    assert hits(matcher, "đất nước thống nhất năm 1975") == []


def test_both_tone_placements_match(matcher: TriggerMatcher) -> None:
    new_style = [code for _, code in hits(matcher, "làm trung gian hoà giải")]
    assert new_style == [code for _, code in hits(matcher, "làm trung gian hòa giải")] == ["045"]


def test_matches_stay_on_word_boundaries(matcher: TriggerMatcher) -> None:
    assert hits(matcher, "gặpgỡ") == []
    assert hits(matcher, "thăm") == [("thăm", "042")]
