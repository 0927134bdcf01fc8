from __future__ import annotations

from datetime import date

import pytest

from thoisu.model import Article, DateRange, Event, Page, Span


def test_span_rejects_inverted_range() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)


def test_span_slicing_and_relations() -> None:
    text = "Tập Cận Bình thăm Bình Nhưỡng"
    span = Span(0, 12)
    assert span.of(text) == "Tập Cận Bình"
    assert Span(0, 20).contains(span)
    assert span.overlaps(Span(11, 15))
    assert not span.overlaps(Span(12, 15))


def test_date_range_json_forms() -> None:
    assert DateRange.day(date(2024, 3, 21)).to_json() == "2024-03-21"
    assert DateRange(date(2024, 4, 11), date(2024, 4, 13)).to_json() == ["2024-04-11", "2024-04-13"]
    with pytest.raises(ValueError):
        DateRange(date(2024, 4, 13), date(2024, 4, 11))


def test_event_root_is_code_prefix() -> None:
    assert Event(source="CHN", target="PRK", code="042", when=None).root == "04"


def test_article_ids_are_stable_and_body_joins_spans() -> None:
    page = Page(id="a.txt", raw="Tiêu đề\nThân bài một.\nThân bài hai.")
    first = Article(page=page, text=page.raw, body=[Span(8, 21), Span(22, 35)])
    again = Article(page=Page(id="b.txt", raw=page.raw), index=0)
    assert first.id == again.id  # same content, same id: re-ingestion is a no-op
    assert first.body_text == "Thân bài một.\nThân bài hai."
    assert first.doc == "a.txt"


def test_raw_offset_map() -> None:
    article = Article(page=Page(id="x", raw="a\u200bb"), text="ab", offsets=[0, 2])
    assert article.raw_offset(1) == 2
    assert article.raw_offset(2) == 3
    assert Article(page=Page(id="y", raw="ab"), text="ab").raw_offset(0) is None
