"""The external JSON form of an article: one "Predicted output" record per line.

The gold README fixes the fields a scorer reads (``doc``, ``title``,
``published``, ``attributions``, ``body``, ``entities``, ``events``); the
record adds what a user needs to trust a coding: actor codes, Goldstein and
quad class, confidence, the citing source, and the evidence sentences with
their character spans. The typed records stay inside; this module is the only
place that knows the JSON shape, so the CLI, the evaluator and an API all
print the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypedDict

from thoisu.model import Article, Event, Evidence, Mention, Span


class EvidenceRecord(TypedDict):
    """One supporting sentence of an event."""

    sentence: str
    trigger: str
    sentence_span: list[int]
    trigger_span: list[int]


class EventRecord(TypedDict):
    """An event as the gold schema names its fields, plus coding details."""

    source: str
    target: str | None
    root: str
    code: str
    date: str | list[str] | None
    date_basis: str
    status: str
    source_actor: str | None
    target_actor: str | None
    source_actor_code: str | None
    target_actor_code: str | None
    where: str | None
    city: str | None
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    confidence: float
    attribution: str | None
    evidence: list[EvidenceRecord]


class EntityRecord(TypedDict):
    """An entity mention with its resolution."""

    text: str
    type: str
    country: str | None
    canonical: str | None
    actor: str | None
    role: str | None
    resolved_by: str
    span: list[int]


class ArticleRecord(TypedDict):
    """One article of a page."""

    doc: str
    article: int
    id: str
    url: str | None
    title: str | None
    published: str | None
    published_range: list[str] | None
    published_basis: str | None
    outlet: str | None
    authors: list[str]
    attributions: list[str]
    language: str | None
    body: str
    captions: list[str]
    entities: list[EntityRecord]
    events: list[EventRecord]


class RejectRecord(TypedDict):
    """A page or article that was dropped, and why."""

    doc: str
    article: int
    url: str | None
    source: str
    reject: str
    stage: str
    detail: str


def article_record(article: Article) -> dict[str, Any]:
    """The JSON object for ``article``: a reject record when it was dropped, else an article record."""
    if article.reject is not None:
        return dict(reject_record(article))
    return dict(accepted_record(article))


def accepted_record(article: Article) -> ArticleRecord:
    """The full record of an article that went through the pipeline."""
    text = article.text
    return ArticleRecord(
        doc=article.doc,
        article=article.index,
        id=article.id,
        url=article.page.url,
        title=article.title,
        published=article.published.isoformat() if article.published else None,
        published_range=_days(article.published_range),
        published_basis=article.published_basis,
        outlet=article.outlet,
        authors=list(article.authors),
        attributions=_unique(attribution.name for attribution in article.attributions),
        language=article.language,
        body=article.body_text,
        captions=[span.of(text) for span in article.captions],
        entities=[entity_record(mention, text) for mention in article.mentions],
        events=[event_record(event, text) for event in article.events],
    )


def reject_record(article: Article) -> RejectRecord:
    """The record of a rejected article: which page, which stage, which reason.

    Raises:
        ValueError: When the article was not rejected.
    """
    if article.reject is None:
        raise ValueError(f"article {article.doc}#{article.index} was not rejected")
    return RejectRecord(
        doc=article.doc,
        article=article.index,
        url=article.page.url,
        source=article.page.source,
        reject=article.reject.reason,
        stage=article.reject.stage,
        detail=article.reject.detail,
    )


def entity_record(mention: Mention, text: str) -> EntityRecord:
    """A mention as the gold schema's entity, with the resolution details."""
    return EntityRecord(
        text=mention.span.of(text),
        type=mention.type,
        country=mention.country,
        canonical=mention.canonical,
        actor=mention.actor,
        role=mention.role,
        resolved_by=mention.resolved_by,
        span=_pair(mention.span),
    )


def event_record(event: Event, text: str) -> EventRecord:
    """An event in the gold schema's vocabulary (``source_actor`` is the person's name)."""
    return EventRecord(
        source=event.source,
        target=event.target,
        root=event.root,
        code=event.code,
        date=event.when.to_json() if event.when else None,
        date_basis=event.date_basis,
        status=event.status.value,
        source_actor=event.source_person,
        target_actor=event.target_person,
        source_actor_code=event.source_actor_code,
        target_actor_code=event.target_actor_code,
        where=event.place,
        city=event.city,
        goldstein=event.goldstein,
        quad_class=event.quad_class,
        plover=event.plover,
        confidence=event.confidence,
        attribution=event.attribution,
        evidence=[evidence_record(evidence, text) for evidence in event.evidence],
    )


def evidence_record(evidence: Evidence, text: str) -> EvidenceRecord:
    """A supporting sentence as text (for readers) and spans (for tools)."""
    return EvidenceRecord(
        sentence=evidence.sentence.of(text),
        trigger=evidence.trigger.of(text),
        sentence_span=_pair(evidence.sentence),
        trigger_span=_pair(evidence.trigger),
    )


def _days(bounds: tuple[date, date] | None) -> list[str] | None:
    return [day.isoformat() for day in bounds] if bounds else None


def _pair(span: Span) -> list[int]:
    return [span.start, span.end]


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return list(seen)
