from __future__ import annotations

import copy
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoisu.cameo import load_cameo
from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml
from thoisu.lang.vi.orthography import canonical
from thoisu.lang.vi.triggers import (
    _NEW_STYLE,
    _TO_OLD,
    PhraseSet,
    TriggerLexicon,
    key_of,
    load_triggers,
    parse_triggers,
    words_of,
)


@pytest.fixture(scope="module")
def lexicon() -> TriggerLexicon:
    return load_triggers()


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return load_toml("thoisu.lang.vi.data", "triggers.toml")


def test_every_root_has_triggers(lexicon: TriggerLexicon) -> None:
    grouped = lexicon.by_root()
    assert sorted(grouped) == [f"{r:02d}" for r in range(1, 21)]
    assert len(lexicon.triggers) >= 300


def test_codes_exist_and_sit_under_their_root(lexicon: TriggerLexicon) -> None:
    cameo = load_cameo()
    for trigger in lexicon.triggers:
        assert trigger.code in cameo
        assert trigger.code[:2] == trigger.root
        assert all(code in cameo for code, _ in trigger.refine)
        assert trigger.frame != "modal" or trigger.modal is not None


# CAMEO has no appeal for an investigation: asking for one is the demand 101. The only crossing allowed.
CROSS_ROOT = {("appeal", "09"): "101"}


def test_modal_tables_map_to_their_own_root(lexicon: TriggerLexicon) -> None:
    roots = {"appeal": "02", "demand": "10", "intent": "03", "reject": "12", "threaten": "13", "cancel": "16"}
    for modal, root in roots.items():
        table = lexicon.modals[modal]
        assert table.default.startswith(root)
        for embedded, code in table.codes.items():
            assert code.startswith(root) or CROSS_ROOT.get((modal, embedded)) == code, (modal, embedded)
    assert lexicon.modals["appeal"].code_for("090") == "101"
    assert lexicon.modals["cancel"].code_for("042") == "161"  # a visit called off
    assert lexicon.modals["cancel"].code_for("046") == "164"  # talks halted
    assert lexicon.modals["appeal"].code_for("0871") == "0256"  # lookup by full code
    assert lexicon.modals["demand"].code_for("0874") == "106"
    assert lexicon.modals["intent"].code_for("046") == "036"
    assert lexicon.modals["threaten"].code_for("195") == "1384"  # by three-digit prefix
    assert lexicon.modals["threaten"].code_for("18") == "1383"  # by root
    assert lexicon.modals["reject"].code_for(None) == "120"


def _code_of(lexicon: TriggerLexicon, phrase: str) -> set[str]:
    key = tuple(tuple(words_of(part)) for part in phrase.split("..."))
    return {t.code for t in lexicon.triggers if t.fragments == key}


def test_codes_follow_the_codebook(lexicon: TriggerLexicon) -> None:
    # Tests, exercises and parades show force (15), they do not use it.
    assert _code_of(lexicon, "thử hạt nhân") == {"150"}
    assert _code_of(lexicon, "tập trận") == {"150"}
    assert _code_of(lexicon, "nâng mức báo động") == {"152"}
    assert _code_of(lexicon, "triển khai quân") == {"154"}
    # Expelling diplomats reduces relations; deporting people is coercion.
    assert _code_of(lexicon, "trục xuất ... nhà ngoại giao") == {"161"}
    assert _code_of(lexicon, "trục xuất") == {"174"}
    assert _code_of(lexicon, "nới lỏng trừng phạt") == {"085"}
    assert _code_of(lexicon, "phong tỏa") == {"191"}
    assert _code_of(lexicon, "điện đàm") == {"041"}
    assert _code_of(lexicon, "ký kết") == {"057"}


def test_grammar_words_are_loaded(lexicon: TriggerLexicon) -> None:
    grammar = lexicon.grammar
    assert grammar.markers[("với",)] == "with"
    assert grammar.markers[("của",)] == "gen"
    assert ("hai", "bên") in grammar.dyad
    assert grammar.longest_marker >= 2


# Real syllables, several in both tone placements ("hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe").
_SYLLABLES = (
    "hoà hòa hoạ họa thuỷ thủy khoẻ khỏe thuý thúy loà lòa toà tòa hoá hóa quý quả quốc người Trung Quốc "
    "Triều Tiên Hoà Bình Nhưỡng Việt Nam Thuỵ Điển ngoài khuỷu khuya thuyền quyền giữa gia hiệp định "
    "đàm phán hội kiến tuyên bố ủng hộ ĐÀM PHÁN HOÀ Ngoại trưởng Kim Jong-un"
).split()


@given(
    st.lists(
        st.tuples(st.sampled_from(_SYLLABLES), st.sampled_from([" ", "  ", "\n", "\t", ", "])), max_size=12
    )
)
def test_key_keeps_length_and_agrees_with_canonical(parts: list[tuple[str, str]]) -> None:
    text = unicodedata.normalize("NFC", "".join(word + space for word, space in parts))
    key = key_of(text)
    assert len(key) == len(text)
    expected = canonical(text).lower()
    for space in ("\n", "\t"):
        expected = expected.replace(space, " ")
    assert key == expected


def test_key_reads_both_tone_placements_alike() -> None:
    assert key_of("Hoà giải") == key_of("hòa giải") == "hòa giải"
    assert key_of("Thuỵ Sĩ") == "thụy sĩ"
    assert key_of("quý") == "quý"  # "qu" + vowel: the tone is already in place


def test_phrase_set_lookups() -> None:
    phrases = PhraseSet.of([("hai", "bên"), ("hai",), ("bên", "lề")])
    words = ["hai", "bên", "lề", "hội", "nghị"]
    assert phrases.at(words, 0) == ("hai", "bên")  # longest first
    assert phrases.at(words, 3) is None
    assert phrases.before(words, 3) == ("bên", "lề")
    assert phrases.first_in(words, 1) == (1, ("bên", "lề"))
    assert ("hai", "bên") in phrases and ("lề",) not in phrases


def _broken(raw: dict[str, Any], change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["triggers"]["04"].append({"phrase": "thăm", "code": "999"}), "not a CAMEO code"),
        (lambda d: d["triggers"]["04"].append({"phrase": "chiến", "code": "190"}), "filed under root 04"),
        (
            lambda d: d["triggers"]["04"].append({"phrase": "x", "code": "040", "frame": "run"}),
            "unknown frame",
        ),
        (lambda d: d["triggers"]["04"].append({"phrase": "x", "code": "040", "frame": "modal"}), "'modal'"),
        (lambda d: d["triggers"]["04"].append({"phrase": "x", "code": "040", "colour": 1}), "unknown keys"),
        (lambda d: d["triggers"]["04"].append({"phrase": "hội đàm", "code": "040"}), "listed twice"),
        (lambda d: d["triggers"].pop("20"), "no triggers for roots"),
        (lambda d: d["grammar"]["markers"].update({"với": "beside"}), "unknown role"),
        (lambda d: d["modal"]["appeal"].update({"default": "999"}), "appeal"),
    ],
)
def test_schema_errors_name_the_entry(raw: dict[str, Any], change: Any, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_triggers(_broken(raw, change), load_cameo())


def _naive_at(phrases: list[tuple[str, ...]], words: list[str], index: int) -> tuple[str, ...] | None:
    fits = [p for p in phrases if index >= 0 and tuple(words[index : index + len(p)]) == p]
    return max(fits, key=len) if fits else None


def _naive_before(phrases: list[tuple[str, ...]], words: list[str], index: int) -> tuple[str, ...] | None:
    fits = [p for p in phrases if len(p) <= index <= len(words) and tuple(words[index - len(p) : index]) == p]
    return max(fits, key=len) if fits else None


_WORDS = st.sampled_from(["hai", "bên", "lề", "hội", "nghị", "cấp", "cao"])


@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(tuple), max_size=6, unique=True),
    st.lists(_WORDS, max_size=10),
    st.integers(-2, 12),
    st.integers(-2, 12),
)
def test_phrase_set_lookups_agree_with_a_plain_scan(
    phrases: list[tuple[str, ...]], words: list[str], start: int, end: int
) -> None:
    indexed = PhraseSet.of(phrases)
    for index in range(-1, len(words) + 2):
        assert indexed.at(words, index) == _naive_at(phrases, words, index)
        assert indexed.before(words, index) == _naive_before(phrases, words, index)
    window = range(max(start, 0), min(end, len(words)))
    firsts = [(i, _naive_at(phrases, words, i)) for i in window if _naive_at(phrases, words, i)]
    assert indexed.first_in(words, start, end) == (firsts[0] if firsts else None)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*_SYLLABLES, "hoàn", "khoé", "quỳnh", "thuỵ", "xoè"]),
            st.sampled_from([" ", ". ", ", ", "-", "(", ")", '"', ""]),
        ),
        max_size=12,
    )
)
def test_key_moves_marks_only_at_a_syllable_end(parts: list[tuple[str, str]]) -> None:
    # Marks, brackets and glued words test the precheck's look-ahead: the key is the rewrite of
    # every new-style syllable end, wherever the first candidate pair stands.
    text = unicodedata.normalize("NFC", "".join(word + mark for word, mark in parts))
    lowered = text.lower()
    assert key_of(text) == _NEW_STYLE.sub(lambda match: _TO_OLD[match.group()], lowered)


@given(
    st.lists(
        st.sampled_from(["sẽ", "không", "nhằm", "sau", "khi", "lần", "thứ", "là", "hai", "bên", "x"]),
        max_size=10,
    )
)
def test_a_grammar_set_missing_from_the_mask_has_no_phrase_in_the_words(words: list[str]) -> None:
    grammar = load_triggers().grammar
    mask = grammar.heads_present(words)
    for name in ("planned", "negation", "purpose", "subordinators", "ordinals", "copulas", "dyad"):
        phrases: PhraseSet = getattr(grammar, name)
        assert phrases.bit
        if not mask & phrases.bit:
            assert phrases.first_in(words) is None
        else:
            assert not phrases.heads.isdisjoint(words)
