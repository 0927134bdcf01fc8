from __future__ import annotations

from thoisu.extract.phrases import PhraseIndex


def test_longest_leftmost_word_bounded_matches() -> None:
    index = PhraseIndex(
        {"Bộ Ngoại giao": "organ", "Bộ Ngoại giao Mỹ": "state", "AP": "ap", "Vietnam+": "v"}, ["AP"]
    )
    text = "Bộ Ngoại giao Mỹ và Bộ Ngoại giaoX, theo AP, không phải ap hay APEC; (TTXVN/Vietnam+)"
    found = [(text[m.start : m.end], m.value) for m in index.find(text)]
    assert found == [("Bộ Ngoại giao Mỹ", "state"), ("AP", "ap"), ("Vietnam+", "v")]


def test_empty_index_and_empty_text() -> None:
    assert PhraseIndex({}).find("bất cứ gì") == []
    assert PhraseIndex({"a": 1}).find("") == []


def test_case_insensitive_unless_marked() -> None:
    index = PhraseIndex({"Hãng thông tấn Trung ương Triều Tiên": "KCNA"})
    (match,) = index.find("Hãng thông tấn trung ương Triều Tiên đưa tin")
    assert match.value == "KCNA" and match.start == 0
