from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoisu.events.args import Tokens
from thoisu.events.matcher import Hit, TriggerMatcher, _check, _resolve_overlaps
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


def test_phrase_words_are_joined_by_single_spaces(matcher: TriggerMatcher) -> None:
    # As written in the lexicon: a hyphen or a double space between the words is another text.
    assert hits(matcher, "hai bên hội đàm") == [("hội đàm", "040")]
    assert hits(matcher, "hai bên hội-đàm") == []
    assert hits(matcher, "hai bên hội  đàm") == []


def test_scan_reads_the_grammar_mask_with_the_triggers(matcher: TriggerMatcher) -> None:
    grammar = matcher.lexicon.grammar
    for text in ("Hai bên sẽ hội đàm nhằm tăng cường quan hệ", "Ông Kim không thăm Nga", "trời mưa"):
        key = key_of(text)
        words = Tokens.of(key)
        found, mask = matcher.scan(key, words, 0, len(key))
        assert mask == grammar.heads_present(words.texts)
        assert found == matcher.find(key, words, 0, len(key))
    assert matcher.scan("", Tokens.of(""), 0, 0) == ([], 0)


def _text_search(matcher: TriggerMatcher, key: str, words: Tokens) -> list[Hit]:
    """The triggers found by searching each phrase's first fragment as text (what the index replaces)."""
    found: list[tuple[int, int, int, Hit]] = []
    for index, trigger in enumerate(matcher.lexicon.triggers):
        phrase = " ".join(trigger.fragments[0])
        at = key.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if at in words.starts and end in words.ends:
                first, last = words.starts.index(at), words.ends.index(end) + 1
                checks = (bool(trigger.not_before), bool(trigger.not_after), bool(trigger.needs))
                hit = _check(trigger, checks, first, last, words)
                if hit is not None:
                    found.append((first, last, index, hit))
            at = key.find(phrase, at + 1)
    found.sort(key=lambda item: item[:3])  # by place, then shorter first fragments, then lexicon order
    ranked = [(-h.trigger.size, -h.trigger.priority, h.first, i) for i, (*_, h) in enumerate(found)]
    return _resolve_overlaps([h for *_, h in found], ranked) if len(found) > 1 else [h for *_, h in found]


_VOCABULARY = (
    "hội đàm hội nghị thượng đỉnh ký kết hiệp định thăm chính thức gặp gỡ tập trận chung không sẽ "
    "với của tại và hai bên Nga Mỹ ông kêu gọi lên án đe dọa trừng phạt tấn công"
).split()


@given(
    st.lists(
        st.tuples(st.sampled_from(_VOCABULARY), st.sampled_from([" ", " ", "  ", ", ", "-"])), max_size=14
    )
)
def test_index_finds_what_a_text_search_finds(matcher: TriggerMatcher, parts: list[tuple[str, str]]) -> None:
    key = key_of("".join(word + gap for word, gap in parts))
    words = Tokens.of(key)
    assert matcher.find(key, words, 0, len(key)) == _text_search(matcher, key, words)
