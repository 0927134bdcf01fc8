"""Sentence segmentation of the article body.

Vietnamese uses Latin punctuation, so a rule splitter is accurate enough for
news prose and far faster than a statistical one. What it must not do is split
inside abbreviations ("TP.", "Tp.", "PGS."), numbers ("8,02%", "21.3"), the
VietnamPlus end mark "./." or inside quotations still open. Sentences never
cross a paragraph boundary, so the body spans bound them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import ClassVar

from thoisu.model import Article, Span
from thoisu.pipeline import Stage

# Terminal punctuation (with closing quotes/brackets), then space, then something that starts a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?…])(?P<close>[\"”’»)\]]*)\s+(?=[\"“‘«(\[]?[^\W\d_]|[\"“‘«(\[]?\d)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:TP|Tp|TS|PGS|GS|ThS|BS|Mr|Mrs|Ms|Dr|St|No|Tr|Q|P|Ng|TT|tr|v\.v)\.|\b[A-ZĐ]\.)$"
)


def split_paragraph(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield sentence spans of ``text[start:end]``, trimmed of surrounding whitespace."""
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        sentence_end = match.start() + len(match.group("close"))
        if _ABBREVIATION.search(text, cursor, match.start()):
            continue
        span = _trim(text, cursor, sentence_end)
        if span is not None:
            yield span
        cursor = match.end()
    span = _trim(text, cursor, end)
    if span is not None:
        yield span


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


class SentenceStage(Stage):
    """Split each body span into sentence spans."""

    name = "sentences"
    needs: ClassVar[frozenset[str]] = frozenset({"body"})
    adds: ClassVar[frozenset[str]] = frozenset({"sentences"})

    def process(self, article: Article) -> Iterable[Article]:
        """Fill ``article.sentences`` from its body spans."""
        article.sentences = [
            sentence
            for paragraph in article.body
            for line in _lines(article.text, paragraph)
            for sentence in split_paragraph(article.text, line.start, line.end)
        ]
        yield article


def _lines(text: str, span: Span) -> Iterator[Span]:
    """Body spans may hold several lines; a line break always ends a sentence."""
    start = span.start
    while True:
        newline = text.find("\n", start, span.end)
        if newline < 0:
            yield Span(start, span.end)
            return
        yield Span(start, newline)
        start = newline + 1
