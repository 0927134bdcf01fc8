from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import pytest

from thoisu.errors import PipelineError
from thoisu.model import Article, Page
from thoisu.pipeline import CHUNK, Pipeline, Stage


class AddsText(Stage):
    name = "text"
    needs: ClassVar[frozenset[str]] = frozenset({"page"})
    adds: ClassVar[frozenset[str]] = frozenset({"text"})

    def process(self, article: Article) -> Iterable[Article]:
        if article.page.raw == "boom":
            raise RuntimeError("cannot handle this page")
        article.text = article.page.raw.upper()
        yield article


class Splits(Stage):
    name = "split"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    adds: ClassVar[frozenset[str]] = frozenset({"body"})

    def process(self, article: Article) -> Iterable[Article]:
        for index, _part in enumerate(article.text.split("|")):
            yield Article(page=article.page, index=index, text=article.text)


def articles(*raws: str) -> list[Article]:
    return [Article(page=Page(id=f"p{i}", raw=raw)) for i, raw in enumerate(raws)]


def test_pipeline_checks_needs_when_built() -> None:
    with pytest.raises(PipelineError, match="needs \\['text'\\]"):
        Pipeline([Splits(), AddsText()])


def test_pipeline_streams_and_splits() -> None:
    out = list(Pipeline([AddsText(), Splits()]).run(articles("a|b", "c")))
    assert [(a.doc, a.index) for a in out] == [("p0", 0), ("p0", 1), ("p1", 0)]


def test_failure_on_one_page_is_recorded_and_batch_goes_on() -> None:
    out = list(Pipeline([AddsText(), Splits()]).run(articles("x", "boom", "y")))
    assert [a.doc for a in out] == ["p0", "p1", "p2"]
    rejected = out[1]
    assert rejected.reject is not None
    assert rejected.reject.stage == "text"
    assert "cannot handle this page" in rejected.reject.detail
    assert out[2].text == "Y"


def test_pipeline_is_lazy_a_chunk_at_a_time() -> None:
    consumed: list[str] = []
    total = CHUNK * 2 + 3

    def source() -> Iterable[Article]:
        for article in articles(*(str(number) for number in range(total))):
            consumed.append(article.doc)
            yield article

    stream = iter(Pipeline([AddsText(), Splits()]).run(source()))
    assert consumed == []
    first = next(stream)
    assert first.doc == "p0" and len(consumed) == CHUNK  # one chunk read, not the whole input
    rest = list(stream)
    assert len(consumed) == total and [a.doc for a in [first, *rest]] == [f"p{n}" for n in range(total)]


def test_each_stage_handles_a_chunk_before_the_next_stage_starts() -> None:
    calls: list[tuple[str, str]] = []

    class First(AddsText):
        def process(self, article: Article) -> Iterable[Article]:
            calls.append(("first", article.doc))
            yield from super().process(article)

    class Second(Splits):
        def process(self, article: Article) -> Iterable[Article]:
            calls.append(("second", article.doc))
            yield from super().process(article)

    list(Pipeline([First(), Second()]).run(articles("a", "b", "c")))
    assert calls == [
        ("first", "p0"),
        ("first", "p1"),
        ("first", "p2"),
        ("second", "p0"),
        ("second", "p1"),
        ("second", "p2"),
    ]
