"""Hand-built articles for the event coder's tests (imported by the tests and conftest).

Mentions are given as the entity stage emits them (see the brief's "Mentions as the entity stage
emits them"): a surface string found in the text, its type, country, CAMEO actor, canonical name
and role. The article's body is its text, one paragraph per line, split into sentences by the
project's sentence splitter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thoisu.model import Article, Attribution, Mention, MentionType, Page, Span
from thoisu.sentences import split_paragraph


@dataclass(frozen=True)
class M:
    """A mention to place: the ``nth`` occurrence of ``surface`` in the text."""

    surface: str
    type: MentionType
    country: str | None = None
    actor: str | None = None
    canonical: str | None = None
    role: str | None = None
    nth: int = 0


def person(surface: str, country: str, canonical: str, nth: int = 0, role: str | None = None) -> M:
    return M(surface, "PER", country, f"{country}GOV", canonical, role, nth)


def country(surface: str, iso3: str, nth: int = 0) -> M:
    return M(surface, "GPE", iso3, iso3, surface, None, nth)


def place(surface: str, iso3: str, canonical: str, nth: int = 0) -> M:
    return M(surface, "LOC", iso3, None, canonical, "place", nth)


def agency(surface: str, canonical: str, nth: int = 0) -> M:
    return M(surface, "ORG", None, None, canonical, "news_agency", nth)


def _find(text: str, surface: str, nth: int) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            raise AssertionError(f"{surface!r} (occurrence {nth}) is not in the text")
    return Span(start, start + len(surface))


def build_article(
    text: str,
    mentions: Sequence[M] = (),
    published: date | None = date(2024, 3, 25),
    published_range: tuple[date, date] | None = None,
    attributions: Sequence[str] = (),
    captions: Sequence[str] = (),
) -> Article:
    """An article whose body is every non-caption line of ``text``."""
    body: list[Span] = []
    caption_spans: list[Span] = []
    position = 0
    for line in text.split("\n"):
        span = Span(position, position + len(line))
        position += len(line) + 1
        if not line.strip():
            continue
        (caption_spans if line in captions else body).append(span)
    sentences = [s for span in body for s in split_paragraph(text, span.start, span.end)]
    placed = []
    for spec in mentions:
        placed.append(
            Mention(
                _find(text, spec.surface, spec.nth),
                spec.type,
                spec.actor,
                spec.country,
                spec.canonical,
                spec.role,
            )
        )
    return Article(
        page=Page("test.txt", text),
        text=text,
        body=body,
        captions=caption_spans,
        published=published,
        published_range=published_range,
        sentences=sentences,
        mentions=sorted(placed, key=lambda m: m.span.start),
        attributions=[Attribution(name) for name in attributions],
    )
