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


def test_find_each_agrees_with_find_text_by_text() -> None:
    # Matches touching the start and end of each text, case-sensitive acronyms, an empty text, and a
    # phrase that ends one text while the next begins with a word character.
    index = PhraseIndex({"Bộ Ngoại giao": "organ", "AP": "ap", "Reuters": "r", "tin AP": "x"}, ["AP"])
    texts = [
        "Bộ Ngoại giao cho biết",
        "",
        "theo AP",
        "Reuters đưa tin, ap không phải AP",
        "tin AP và Bộ Ngoại giao",
        "Reuters",
    ]
    assert index.find_each(texts) == [index.find(text) for text in texts]
    assert [len(found) for found in index.find_each(texts)] == [1, 0, 1, 2, 2, 1]


def test_find_each_searches_texts_apart_when_a_phrase_spans_lines() -> None:
    index = PhraseIndex({"Hà\nNội": "city"})
    assert index.find_each(["Hà", "Nội"]) == [[], []]
    assert [match.value for match in index.find_each(["đến Hà\nNội", "x"])[0]] == ["city"]
