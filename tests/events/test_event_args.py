from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoisu.events.args import Phrase, Tokens, build_phrases, level_of, read_markers
from thoisu.lang.vi.triggers import Grammar, key_of, load_triggers
from thoisu.model import Mention, MentionType, Span


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return load_triggers().grammar


def mention(
    text: str, surface: str, type_: MentionType, country: str | None, actor: str | None, **kw: str
) -> Mention:
    start = text.index(surface)
    return Mention(
        Span(start, start + len(surface)), type_, actor, country, kw.get("canonical"), kw.get("role")
    )


def phrases_of(text: str, mentions: list[Mention], grammar: Grammar) -> list[Phrase]:
    tokens = Tokens.of(key_of(text))
    phrases = build_phrases(text, tokens, mentions, grammar)
    read_markers(phrases, [(p.start, p.end) for p in phrases], tokens, grammar, text)
    return phrases


def test_title_modifier_and_name_make_one_phrase(grammar: Grammar) -> None:
    text = "Chủ tịch Trung Quốc Tập Cận Bình hội đàm với Tổng thống Nga Vladimir Putin."
    mentions = [
        mention(text, "Trung Quốc", "GPE", "CHN", "CHN", role="modifier"),
        mention(text, "Tập Cận Bình", "PER", "CHN", "CHNGOV", canonical="Xi Jinping"),
        mention(text, "Nga", "GPE", "RUS", "RUS", role="modifier"),
        mention(text, "Vladimir Putin", "PER", "RUS", "RUSGOV", canonical="Vladimir Putin"),
    ]
    phrases = phrases_of(text, mentions, grammar)
    assert [(text[p.start : p.end], p.party.person if p.party else None) for p in phrases] == [
        ("Trung Quốc Tập Cận Bình", "Xi Jinping"),
        ("Nga Vladimir Putin", "Vladimir Putin"),
    ]
    assert phrases[0].party is not None and phrases[0].party.actor == "CHNGOV"


def test_news_agencies_stay_apart_and_carry_their_name(grammar: Grammar) -> None:
    text = "Hãng thông tấn KCNA Triều Tiên đưa tin."
    mentions = [
        mention(text, "KCNA", "ORG", "PRK", None, canonical="KCNA", role="news_agency"),
        mention(text, "Triều Tiên", "GPE", "PRK", "PRK"),
    ]
    kinds = [(p.kind, p.source_name) for p in phrases_of(text, mentions, grammar)]
    assert kinds == [("agency", "KCNA"), ("actor", None)]


def test_markers_give_roles_and_coordination(grammar: Grammar) -> None:
    text = "Mỹ, Nhật Bản và Hàn Quốc hội đàm với Trung Quốc tại Bắc Kinh trước các quan chức của Nga."
    mentions = [
        mention(text, "Mỹ", "GPE", "USA", "USA"),
        mention(text, "Nhật Bản", "GPE", "JPN", "JPN"),
        mention(text, "Hàn Quốc", "GPE", "KOR", "KOR"),
        mention(text, "Trung Quốc", "GPE", "CHN", "CHN"),
        mention(text, "Bắc Kinh", "GPE", "CHN", "CHNGOV", role="capital", canonical="Beijing"),
        mention(text, "Nga", "GPE", "RUS", "RUS"),
    ]
    roles = [(p.country, p.role, p.coordinated) for p in phrases_of(text, mentions, grammar)]
    assert roles == [
        ("USA", None, False),
        ("JPN", None, True),  # a comma inside a list closed by "và"
        ("KOR", "and", True),
        ("CHN", "with", False),
        ("CHN", "loc", False),
        ("RUS", None, False),  # "của" after a head noun stands for that noun
    ]


def test_a_comma_ends_a_marker_and_a_clause_is_no_list(grammar: Grammar) -> None:
    text = "Trong ngày 21/3, ông Kim gặp Trung Quốc, Nga thì không."
    mentions = [
        mention(text, "Kim", "PER", "PRK", "PRKGOV"),
        mention(text, "Trung Quốc", "GPE", "CHN", "CHN"),
        mention(text, "Nga", "GPE", "RUS", "RUS"),
    ]
    phrases = phrases_of(text, mentions, grammar)
    assert [(p.role, p.coordinated) for p in phrases] == [(None, False), (None, False), (None, False)]


def test_dyad_words_and_pronouns(grammar: Grammar) -> None:
    text = "Hai bên nhất trí; ông cho biết hai nước khác là Việt Nam và Lào sẽ tham gia, ông Kim nói."
    mentions = [
        mention(text, "Việt Nam", "GPE", "VNM", "VNM"),
        mention(text, "Lào", "GPE", "LAO", "LAO"),
        mention(text, "Kim", "PER", "PRK", "PRKGOV"),
    ]
    kinds = [(text[p.start : p.end], p.kind) for p in phrases_of(text, mentions, grammar)]
    assert ("Hai bên", "dyadref") in kinds
    assert ("ông", "pronoun") in kinds  # "ông cho biết": a pronoun
    assert ("hai nước", "dyadref") not in kinds  # "hai nước khác là ...": other countries, listed
    assert [k for k in kinds if k[1] == "pronoun"] == [("ông", "pronoun")]  # "ông Kim" names someone


def test_level_of_prefers_igo_codes_and_countries() -> None:
    assert level_of(Mention(Span(0, 1), "ORG", "IGOUNO", None)) == "IGOUNO"
    assert level_of(Mention(Span(0, 1), "ORG", "CHNGOV", "CHN")) == "CHN"
    assert level_of(Mention(Span(0, 1), "PER", "RUSGOV", None)) == "RUS"
    assert level_of(Mention(Span(0, 1), "LOC", None, None)) is None


@given(st.text(alphabet=st.sampled_from("ab_1²ệđ ,.-/()\n«»\u00a0"), max_size=40))
def test_tokens_are_the_runs_of_word_characters(key: str) -> None:
    tokens = Tokens.of(key)
    runs = list(re.finditer(r"\w+", key))
    assert tokens.texts == [run.group() for run in runs]
    assert tokens.starts == [run.start() for run in runs]
    assert tokens.ends == [run.end() for run in runs]


@given(st.text(alphabet=st.sampled_from('ab_1²ệđ ,.;:!?")-/(\n«»“”…%\u00a0\u2003'), max_size=40))
def test_tokens_read_words_before_any_mark_alike(key: str) -> None:
    # Pieces such as "Nam,", '"đài' or "-" are read without the regex, others ("21/3", odd spaces) with it.
    tokens = Tokens.of(key)
    runs = list(re.finditer(r"\w+", key))
    assert (tokens.texts, tokens.starts, tokens.ends) == (
        [run.group() for run in runs],
        [run.start() for run in runs],
        [run.end() for run in runs],
    )
