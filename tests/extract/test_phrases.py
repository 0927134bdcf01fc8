from __future__ import annotations

import random

from thoisu.extract.phrases import PhraseIndex, PhrasePair


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


def test_phrase_pair_agrees_with_its_indexes_searched_apart() -> None:
    # Shared phrases, a case-sensitive phrase that is also a case-insensitive one in the same index,
    # two case-sensitive spellings of one word, overlapping phrases of different lengths.
    agencies = PhraseIndex(
        {"AP": "ap", "Ap": "ap2", "tass": "tass-folded", "TASS": "tass", "Hãng tin AP": "ap-long", "Bộ": "b"},
        ["AP", "Ap", "TASS"],
    )
    organs = PhraseIndex({"Bộ Ngoại giao": "mofa", "bộ": "bo", "AP": "organ-ap", "Nhà Trắng": "wh"}, ["AP"])
    pair = PhrasePair(agencies, organs)
    texts = [
        "Hãng tin AP dẫn lời Bộ Ngoại giao, Ap và ap, TASS và Tass",
        "",
        "theo AP. Nhà Trắng, nhà trắng; BỘ NGOẠI GIAO",
        "APEC không phải AP; bộ ngoại giao Mỹ",
    ]
    assert pair.find_each(texts) == (agencies.find_each(texts), organs.find_each(texts))
    assert pair.find_each(texts[:1]) == (agencies.find_each(texts[:1]), organs.find_each(texts[:1]))


def test_phrase_pair_agrees_on_random_tables_and_texts() -> None:
    # Texts hold letters whose lower case depends on the context or is longer ("Σ", "İ"); a phrase
    # holding one now and then makes the pair fall back to searching its indexes apart.
    rng = random.Random(7)
    words = ["an", "An", "AN", "bộ", "Bộ", "ngoại", "giao", "x", "Σ", "ς", "İ"]
    for _ in range(300):
        indexes = []
        for _ in range(2):
            vocabulary = words if rng.random() < 0.1 else words[:8]
            phrases = {" ".join(rng.choices(vocabulary, k=rng.randint(1, 3))): rng.random() for _ in range(6)}
            exact = [phrase for phrase in phrases if rng.random() < 0.5]
            indexes.append(PhraseIndex(phrases, exact))
        pair = PhrasePair(indexes[0], indexes[1])
        texts = [" ".join(rng.choices([*words, ",", "an."], k=rng.randint(0, 12))) for _ in range(3)]
        assert pair.find_each(texts) == (indexes[0].find_each(texts), indexes[1].find_each(texts))
