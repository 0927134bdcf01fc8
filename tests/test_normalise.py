from __future__ import annotations

import itertools
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thoisu.lang.vi.legacy import load_legacy_tables
from thoisu.model import Article, Page, PageFormat
from thoisu.normalise import (
    _MISPLACED_TONE,
    NormaliseStage,
    _canonical_token,
    _canonical_tones,
    normalise_text,
    undoubled_length,
)

TONES = "\u0300\u0301\u0303\u0309\u0323"


def run(raw: str, page_format: PageFormat = PageFormat.TEXT) -> Article:
    stage = NormaliseStage()
    return next(iter(stage.run([Article(page=Page(id="p", raw=raw, format=page_format))])))


def to_tcvn3(text: str) -> str:
    """Encode Vietnamese as TCVN3 bytes read back as latin-1 (what a careless reader produces)."""
    inverse = {char: byte for byte, char in load_legacy_tables().tcvn3.items()}
    return "".join(chr(inverse[char]) if char in inverse else char for char in text)


def to_vni(text: str) -> str:
    inverse = {char: raw for raw, char in load_legacy_tables().vni.items()}
    return "".join(inverse[char].decode("cp1252") if char in inverse else char for char in text)


def to_cp1258_as_cp1252(text: str) -> str:
    """Windows-1258 bytes (base letter + combining tone) decoded as cp1252."""
    data = bytearray()
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(part for part in parts if part in TONES)
        base = unicodedata.normalize("NFC", "".join(part for part in parts if part not in TONES))
        data += base.encode("cp1258") + tone.encode("cp1258")
    return data.decode("cp1252", errors="replace")


SENTENCE = "Người phát ngôn cho biết Việt Nam đã đến Hà Nội để hội đàm về hợp tác kinh tế."


def test_offsets_map_every_character_back_to_the_raw_page() -> None:
    raw = "  Tiêu đề bài\u00a0viết  \r\n\r\n\r\n\tĐoạn\u200b một của bài.\r\n"
    result = normalise_text(raw)
    assert result.text == "Tiêu đề bài viết\n\nĐoạn một của bài."
    assert len(result.offsets) == len(result.text)
    for index, char in enumerate(result.text):
        if not char.isspace():
            assert raw[result.offsets[index]] == char
    assert result.offsets == sorted(result.offsets)


def test_offsets_stay_exact_on_a_page_longer_than_the_shared_map() -> None:
    # Offsets up to 65536 are copied from a shared sequence, later ones counted: the join must not show.
    raw = "  " + "\n\n\n".join(f"{SENTENCE} ({number})" for number in range(1000))
    result = normalise_text(raw)
    assert len(raw) > 70_000 and len(result.offsets) == len(result.text)
    assert result.offsets == sorted(result.offsets)
    assert all(
        raw[offset] == char for offset, char in zip(result.offsets, result.text, strict=True) if char != "\n"
    )


def test_nfc_and_canonical_tone_placement() -> None:
    decomposed = unicodedata.normalize("NFD", "hoà bình và thuý")
    result = normalise_text(decomposed)
    assert result.text == "hòa bình và thúy"
    for index, char in enumerate(result.text):
        # Each composed letter maps to its base letter in the decomposed input.
        assert decomposed[result.offsets[index]] == (
            " " if char == " " else unicodedata.normalize("NFD", char)[0]
        )


def test_every_tone_canonical_placement_would_move_is_found_by_the_page_scan() -> None:
    # The scan lets pages through untouched: it must find every word orthography.canonical changes.
    # Syllables of every vowel run, with onsets and codas that change the rules (qu, gi, closed),
    # a tone on each letter, in three cases and next to glued words; a sample keeps the test fast.
    vowels = "aăâeêioôơuưy"
    runs = ["".join(run) for size in (1, 2, 3) for run in itertools.product(vowels, repeat=size)]
    rng = random.Random(11)
    changed = 0
    for _ in range(20_000):
        skeleton = rng.choice(["", "b", "ng", "gi", "qu", "g", "q", "tr"]) + rng.choice(runs)
        skeleton += rng.choice(["", "n", "ng", "ch"])
        position = rng.randrange(len(skeleton))
        word = skeleton[: position + 1] + rng.choice(TONES) + skeleton[position + 1 :]
        word = unicodedata.normalize("NFC", word)
        word = rng.choice([word, word.capitalize(), word.upper()])
        token = rng.choice([word, f"x{word}", f"{word}X", f"q{word.capitalize()}", f"{word}1"])
        if _canonical_token(token) != token:
            changed += 1
            assert _MISPLACED_TONE.search(token), token
    assert changed > 100


def test_pages_without_a_misplaced_tone_are_returned_as_they_are() -> None:
    text = "Người dân Hà Nội hòa bình, quý khách, giá cả, khỏe mạnh, thủy sản, ngoài trời."
    assert _MISPLACED_TONE.search(text) is None
    assert _canonical_tones(text) is text
    assert _canonical_tones("hoà thuý khoẻ") == "hòa thúy khỏe"
    assert _canonical_tones("Peña và Muñoz") == "Peña và Muñoz"  # a toned consonant: the full check


def test_a_page_whose_only_odd_character_is_a_copyright_sign_keeps_its_map() -> None:
    raw = "Tiêu đề bài viết\n\nĐoạn một của bài.\n© 2024 Báo Mới. Bản quyền thuộc về tòa soạn."
    result = normalise_text(raw)
    assert result.text == raw
    assert result.offsets == list(range(len(raw)))


def test_glued_words_do_not_move_tones_across_the_join() -> None:
    # A text dump glues "Ukraine" and "Các"; the tone of "Các" must stay on its own vowel.
    assert normalise_text("quân tới UkraineCác nước").text == "quân tới UkraineCác nước"


def test_invisible_and_control_characters_are_removed() -> None:
    result = normalise_text("Hà\u200bNội\u00ad \x07bình\ufeff yên")
    assert result.text == "HàNội bình yên"


def test_blank_line_runs_collapse_to_one_blank_line() -> None:
    assert normalise_text("a\n\n\n\n\nb\n \n c").text == "a\n\nb\n\nc"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rủ đồng nghiệp mua vé sốRủ đồng nghiệp mua vé số", "Rủ đồng nghiệp mua vé số"),
        ("Giao thừa muôn sắc Giao thừa muôn sắc", "Giao thừa muôn sắc"),
        ("Iran trước ngã rẽ - Iran trước ngã rẽ", "Iran trước ngã rẽ"),
        ("Hà Nội Hà Nội", "Hà Nội Hà Nội"),  # too short to be a doubled headline
        ("Le président élu", "Le président élu"),
        ("Một câu bình thường không lặp lại gì cả.", "Một câu bình thường không lặp lại gì cả."),
    ],
)
def test_doubled_link_text_keeps_one_copy(line: str, expected: str) -> None:
    assert normalise_text(line).text == expected


def test_undoubled_length_requires_a_separator_without_letters() -> None:
    assert undoubled_length("abcdefghabcdefgh") == 8
    assert undoubled_length("abcdefgh x abcdefgh") is None
    assert undoubled_length("abcdefgh | abcdefgh") == 8
    assert undoubled_length("abcdabcd") is None  # too short to be a headline


def test_doubled_line_offsets_show_the_dropped_copy() -> None:
    raw = "Tiêu đề dài một chútTiêu đề dài một chút\nTiếp theo"
    result = normalise_text(raw)
    first_line_end = result.text.index("\n")
    # The newline after the kept copy maps past the dropped copy: the extract stage reads that gap.
    assert result.offsets[first_line_end] == raw.index("\n")


def test_mojibake_is_repaired_with_ftfy() -> None:
    broken = SENTENCE.encode("utf-8").decode("latin-1")
    assert normalise_text(broken).text == SENTENCE


def test_tcvn3_text_is_converted() -> None:
    result = normalise_text(to_tcvn3(SENTENCE) + "\nDòng ASCII only")
    assert result.text.split("\n")[0] == unicodedata.normalize("NFC", SENTENCE)
    assert len(result.offsets) == len(result.text)


def test_vni_text_is_converted_with_monotone_offsets() -> None:
    raw = to_vni(SENTENCE)
    result = normalise_text(raw)
    assert result.text == SENTENCE
    assert result.offsets == sorted(result.offsets)
    assert result.offsets[-1] < len(raw)


def test_windows_1258_read_as_cp1252_is_converted() -> None:
    assert normalise_text(to_cp1258_as_cp1252(SENTENCE)).text == SENTENCE


def test_windows_1258_combining_sequences_are_composed() -> None:
    raw = "Vie\u0302\u0323t Nam"  # cp1258 decoded correctly: base + combining marks
    result = normalise_text(raw)
    assert result.text == "Việt Nam"
    assert result.offsets[2] == 2


@pytest.mark.parametrize(
    "foreign",
    [
        "Grüße aus München, schöne Straße für Jürgen und Åsa.",
        "Le président français a été élu à Paris après une élection très disputée.",
        "© 2024 Báo Điện tử — Giấy phép số 123 « Tin tức » được cấp.",
    ],
)
def test_text_that_is_not_legacy_encoded_is_left_alone(foreign: str) -> None:
    assert normalise_text(foreign).text == unicodedata.normalize("NFC", foreign)


def test_hard_wrapped_text_is_rejoined_into_paragraphs() -> None:
    paragraph = (
        "Chiều 23/8, tại Văn phòng Thủ tướng ở Tokyo, hai nhà lãnh đạo đã hội đàm và thông qua "
        "một thông cáo báo chí chung, văn kiện chung đầu tiên giữa lãnh đạo hai nước kể từ năm "
        "2008, đồng thời nhất trí thúc đẩy hợp tác trong nhiều lĩnh vực kinh tế, xã hội và an "
        "ninh khu vực trong thời gian tới theo hướng ổn định và hướng tới tương lai lâu dài."
    )
    words = paragraph.split()
    lines: list[str] = []
    current = ""
    for word in words:
        if len(current) + len(word) + 1 > 60:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    raw = "\n".join(lines) + "\n\n" + "\n".join(lines)
    result = normalise_text(raw)
    assert result.text.split("\n\n") == [paragraph, paragraph]
    assert len(result.text) == len(result.offsets)


def test_crawl_prefix_stays_in_the_text() -> None:
    assert normalise_text(" date 2025-10-12 Thế giới\n\nTiêu đề").text.startswith("date 2025-10-12 Thế giới")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
def test_any_input_gives_a_consistent_map(raw: str) -> None:
    result = normalise_text(raw)
    assert len(result.offsets) == len(result.text)
    assert result.offsets == sorted(result.offsets)
    assert all(0 <= offset <= len(raw) for offset in result.offsets)
    assert result.text == result.text.strip()
    if raw.replace("\n", " ").isprintable():
        assert normalise_text(raw, printable=True) == result


def test_stage_sets_text_and_offsets() -> None:
    article = run("Tiêu đề\n\nThân bài có nội dung.")
    assert article.reject is None
    assert article.text == "Tiêu đề\n\nThân bài có nội dung."
    assert len(article.offsets) == len(article.text)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("   \n\t  \n", "empty"),
        ("\x00\x01\x02PK\x03\x04" * 50, "binary"),
        ("\ufffd\ufffd\ufffd ab \ufffd\ufffd\ufffd\ufffd", "undecodable"),
        ("\u200b\u200b\u200b", "empty"),
    ],
)
def test_stage_rejects_unusable_pages(raw: str, reason: str) -> None:
    article = run(raw)
    assert article.reject is not None
    assert article.reject.reason == reason
    assert article.reject.stage == "normalise"


def test_stage_rejects_pages_over_the_size_limit_quickly() -> None:
    stage = NormaliseStage(max_chars=1000)
    article = next(iter(stage.run([Article(page=Page(id="big", raw="a" * 5000))])))
    assert article.reject is not None and article.reject.reason == "too-large"


def test_stage_handles_html_through_the_same_normalisation() -> None:
    html = (
        "<html><head><title>Hai nước ký hiệp định hợp tác</title></head><body><article>"
        "<h1>Hai nước ký hiệp định hợp tác</h1>"
        "<p>Ngày 12/10, hai bên đã ký hiệp định hợp tác kinh tế\u00a0tại Hà Nội sau cuộc hội đàm kéo dài.</p>"
        "<p>Các bộ trưởng cho biết hiệp định mở ra giai đoạn mới trong quan hệ song phương.</p>"
        "</article></body></html>"
    )
    article = run(html, PageFormat.HTML)
    assert article.reject is None
    assert "\u00a0" not in article.text
    assert "hai bên đã ký hiệp định hợp tác kinh tế tại Hà Nội" in article.text
    assert article.offsets == []


def test_invalid_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        NormaliseStage(max_chars=0)
    with pytest.raises(ValueError, match="max_undecodable"):
        NormaliseStage(max_undecodable=0)
