from __future__ import annotations

from thoisu.model import Article, Page, Span
from thoisu.sentences import SentenceStage


def sentences_of(text: str) -> list[str]:
    article = Article(page=Page(id="t", raw=text), text=text, body=[Span(0, len(text))])
    (out,) = SentenceStage().process(article)
    return [s.of(text) for s in out.sentences]


def test_splits_on_terminal_punctuation() -> None:
    text = "Hai bên đã hội đàm. Ông Kim cảm ơn Bắc Kinh! Liệu có tiến triển? Chưa rõ."
    assert sentences_of(text) == [
        "Hai bên đã hội đàm.",
        "Ông Kim cảm ơn Bắc Kinh!",
        "Liệu có tiến triển?",
        "Chưa rõ.",
    ]


def test_keeps_numbers_abbreviations_and_quotes_together() -> None:
    text = (
        "GDP tăng 8,02% tại TP. Hồ Chí Minh trong năm 2025. "
        'Ông nói: "Quan hệ rất tốt." Sau đó hai bên ký kết.'
    )
    assert sentences_of(text) == [
        "GDP tăng 8,02% tại TP. Hồ Chí Minh trong năm 2025.",
        'Ông nói: "Quan hệ rất tốt."',
        "Sau đó hai bên ký kết.",
    ]


def test_line_breaks_end_sentences_and_spans_point_into_text() -> None:
    text = "Dòng một không dấu chấm\nDòng hai. Câu ba./."
    article = Article(page=Page(id="t", raw=text), text=text, body=[Span(0, len(text))])
    (out,) = SentenceStage().process(article)
    assert [s.of(text) for s in out.sentences] == ["Dòng một không dấu chấm", "Dòng hai.", "Câu ba./."]
    assert all(0 <= s.start < s.end <= len(text) for s in out.sentences)


def test_abbreviations_before_a_full_stop_never_end_a_sentence() -> None:
    text = (
        "PGS. TS. Nguyễn Văn A phát biểu tại TP. Hồ Chí Minh. Ông cảm ơn các đại biểu, v.v. Sau đó "
        "Mr. Smith nói. Ngày 5/9 ông J. Biden đến."
    )
    assert sentences_of(text) == [
        "PGS. TS. Nguyễn Văn A phát biểu tại TP. Hồ Chí Minh.",
        "Ông cảm ơn các đại biểu, v.v. Sau đó Mr. Smith nói.",
        "Ngày 5/9 ông J. Biden đến.",
    ]


def test_a_body_span_may_start_right_after_a_full_stop() -> None:
    # The boundary before the span's first character is seen (the full stop lies just outside it).
    text = "Câu trước. Câu một. Câu hai."
    start = text.index("Câu một")
    article = Article(page=Page(id="t", raw=text), text=text, body=[Span(start - 1, len(text))])
    (out,) = SentenceStage().process(article)
    assert [s.of(text) for s in out.sentences] == ["Câu một.", "Câu hai."]
