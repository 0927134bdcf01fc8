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
# The match starts at the punctuation itself rather than after a look-behind: a pattern that starts with
# a character set lets the regex engine skip to the next candidate in C.
_BOUNDARY = re.compile(r"[.!?…](?P<close>[\"”’»)\]]*)\s+(?=[\"“‘«(\[]?[^\W\d_]|[\"“‘«(\[]?\d)")
_ABBREVIATIONS = (
    *("TP", "Tp", "TS", "PGS", "GS", "ThS", "BS", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Tr", "Q", "P"),
    *("Ng", "TT", "tr", "v.v"),
)
_ABBREVIATION = re.compile(r"(?:\b(?:" + "|".join(map(re.escape, _ABBREVIATIONS)) + r")\.|\b[A-ZĐ]\.)$")
# An abbreviation ends at the full stop, so only this many characters before it can hold one.
_ABBREVIATION_CHARS = max(map(len, _ABBREVIATIONS)) + 1


def split_paragraph(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield sentence spans of ``text[start:end]``, trimmed of surrounding whitespace."""
    cursor = start
    # From one character earlier: a full stop just before ``start`` may end a sentence at ``start``.
    for match in _BOUNDARY.finditer(text, max(0, start - 1), end):
        stop = match.start() + 1  # just after the terminal punctuation
        sentence_end = stop + len(match.group("close"))
        if _ABBREVIATION.search(text, max(cursor, stop - _ABBREVIATION_CHARS), stop):
            continue
        span = _trim(text, cursor, sentence_end)
        if span is not None:
            yield span
        cursor = match.end()
    span = _trim(text, cursor, end)
    if span is not None:
        yield span


def _trim(text: str, start: int, end: int) -> Span | None:
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return Span(start, end)  # the usual case: nothing to trim
    # str.strip() and str.isspace() share one definition of whitespace: slices instead of a char loop.
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    end = start + len(stripped.rstrip())
    return Span(start, end) if end > start else None


class SentenceStage(Stage):
    """Split each body span into sentence spans."""

    name = "sentences"
    needs: ClassVar[frozenset[str]] = frozenset({"body"})
    adds: ClassVar[frozenset[str]] = frozenset({"sentences"})

    def process(self, article: Article) -> Iterable[Article]:
        """Fill ``article.sentences`` from its body spans."""
        text = article.text
        article.sentences = [
            sentence
            for paragraph in article.body
            for start, end in _lines(text, paragraph)
            for sentence in split_paragraph(text, start, end)
        ]
        yield article


def _lines(text: str, span: Span) -> Iterator[tuple[int, int]]:
    """Body spans may hold several lines; a line break always ends a sentence."""
    start = span.start
    while True:
        newline = text.find("\n", start, span.end)
        if newline < 0:
            yield start, span.end
            return
        yield start, newline
        start = newline + 1
