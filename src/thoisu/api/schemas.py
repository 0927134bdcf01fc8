"""The JSON the API publishes: pydantic models read from the service's dataclasses.

The models are the API's contract, kept apart from the service's types so a
change inside thoisu does not silently change what clients receive. Each one
reads a service row by attribute (``from_attributes``), properties included
(``date`` of an event is ``EventRow.date``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Row(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Problem(BaseModel):
    """An error: what went wrong, in a sentence."""

    detail: str = Field(description="What went wrong and, when it helps, what to do.")


class Alternative(_Row):
    """A value some reports give that the consensus did not take."""

    value: str = Field(description="A date (YYYY-MM-DD or first..last) or a place (ISO3).")
    outlets: list[str]
    groups: int = Field(description="Independent sources giving it (copies of one original count once).")
    conflicts: bool = Field(description="Whether it contradicts the consensus (vs. a vaguer range).")


class Evidence(_Row):
    """A sentence supporting a report, with its trigger; offsets are into the article's text."""

    sentence: str
    trigger: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    sentence_no: int | None = Field(description="1-based number of the sentence in the article.")


class Event(_Row):
    """A fused event: one real-world event, however many outlets report it."""

    event_id: str = Field(description="15 hex digits.")
    code: str = Field(description="CAMEO code (consensus of the reports).")
    root: str
    source: str = Field(description="Source country (ISO3) or organisation code.")
    target: str | None
    source_actor_code: str | None
    target_actor_code: str | None
    source_person: str | None
    target_person: str | None
    date: str | None = Field(description="YYYY-MM-DD, first..last for a range, null when undated.")
    date_first: dt.date | None
    date_last: dt.date | None
    date_basis: str | None
    date_disputed: bool
    status: str = Field(description="occurred, planned, negated or hypothetical.")
    place: str | None
    city: str | None
    goldstein: float | None
    quad_class: int | None = Field(
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."
    )
    plover: str | None
    confidence: float
    mentions: int = Field(description="Reports of it (article-level events).")
    articles: int
    sources: int = Field(description="Distinct outlets.")
    independent: int = Field(description="Independent sources (wire copies count once).")
    first_reported: dt.date | None
    first_stored: dt.datetime
    outlets: list[str]
    attributions: list[str]
    date_alternatives: list[Alternative]
    place_alternatives: list[Alternative]
    headline: str = Field(description="The report shown for the event (a mention id).")
    evidence: Evidence | None = Field(description="The headline report's first evidence sentence.")


class Mention(_Row):
    """One article's report of an event, with its evidence."""

    mention_id: str
    event_id: str | None
    article_id: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    copy_of: str | None = Field(description="The original article when this one is a copy.")
    code: str
    root: str
    source: str
    target: str | None
    source_actor_code: str | None
    target_actor_code: str | None
    source_person: str | None
    target_person: str | None
    date: str | None
    date_first: dt.date | None
    date_last: dt.date | None
    date_basis: str
    status: str
    place: str | None
    city: str | None
    attribution: str | None
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    confidence: float
    evidence: list[Evidence]


class EventPage(BaseModel):
    """A page of events matching a search."""

    total: int = Field(description="Events matching the filters, all pages together.")
    limit: int
    offset: int
    events: list[Event]


class EventDetail(_Row):
    """An event with its provenance: every report, its outlet and its sentences."""

    event: Event
    mentions: list[Mention]


class Timeline(BaseModel):
    """The events between two actors, oldest first (undated last)."""

    first: str
    second: str
    total: int
    limit: int
    offset: int
    events: list[Event]


class TrendPoint(_Row):
    """Events of a dyad in one period (each event once)."""

    period: dt.date = Field(description="First day of the period.")
    events: int
    mentions: int
    goldstein_sum: float
    goldstein_mean: float | None
    cooperation: int = Field(description="Events of quad classes 1-2.")
    conflict: int = Field(description="Events of quad classes 3-4.")


class Trend(BaseModel):
    """A dyad's relation over time."""

    first: str
    second: str
    by: Literal["week", "month", "year"]
    status: str = Field(description="The factuality counted, or 'any'.")
    points: list[TrendPoint]


class ActorCount(_Row):
    """How often an actor appears in events."""

    actor: str
    events: int
    as_source: int
    as_target: int
    mentions: int


class Actors(BaseModel):
    """The actors in most events."""

    actors: list[ActorCount]


class DyadCount(_Row):
    """Events between two actors in either direction."""

    first: str
    second: str
    events: int
    mentions: int
    goldstein_sum: float
    cooperation: int
    conflict: int


class Network(BaseModel):
    """The actor network: actors in most events and the pairs between them."""

    nodes: list[ActorCount]
    edges: list[DyadCount]


class ArticleSummary(_Row):
    """A stored article in a list."""

    article_id: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    copy_of: str | None
    mentions: int = Field(description="Reports of events in it.")
    events: int = Field(description="Distinct fused events it reports.")


class ArticlePage(BaseModel):
    """A page of stored articles."""

    total: int
    limit: int
    offset: int
    articles: list[ArticleSummary]


class Article(_Row):
    """A stored article's metadata and body."""

    article_id: str
    doc: str
    index: int
    url: str | None
    title: str | None
    published: dt.date | None
    outlet: str | None
    authors: list[str]
    language: str | None
    body: str = Field(description="The body paragraphs, joined by newlines.")
    stored: dt.datetime


class Entity(_Row):
    """An entity mention; offsets are into the article's text."""

    text: str
    type: str
    actor: str | None
    country: str | None
    canonical: str | None
    role: str | None
    resolved_by: str
    start: int
    end: int


class CopyLink(_Row):
    """A copy link between two articles."""

    article_id: str
    doc: str
    outlet: str | None
    original_id: str
    similar_to: str
    similarity: float
    method: str


class ArticleText(_Row):
    """The article's normalised text: every offset of the API points into it."""

    text: str
    paragraphs: list[tuple[int, int]] = Field(description="[start, end) of each body paragraph in text.")


class ArticleDetail(_Row):
    """An article with its entities, its reports of events, the events and its copy links."""

    article: Article
    attributions: list[str]
    entities: list[Entity]
    mentions: list[Mention]
    events: list[Event]
    copy_of: CopyLink | None
    copies: list[CopyLink]
    text: ArticleText | None = Field(default=None, description="Present when asked for with text=true.")


class Summary(_Row):
    """What the store holds."""

    path: str
    schema_version: int
    created: str | None
    pages: int
    articles: int
    copies: int
    entities: int
    mentions: int
    events: int
    rejects: int
    runs: int
    first_event: dt.date | None
    last_event: dt.date | None
    events_by_root: list[tuple[str, int]]
    rejects_by_reason: list[tuple[str, int]]


class DatabaseState(BaseModel):
    """Whether the store can be read now."""

    available: bool
    detail: str | None = None
    schema_version: int | None = None
    events: int | None = None


class Health(BaseModel):
    """The server is up; says whether its store is readable and whether writes are enabled."""

    status: Literal["ok", "degraded"]
    version: str
    database: DatabaseState
    writes_enabled: bool


class Name(BaseModel):
    """A name in English and in Vietnamese."""

    en: str
    vi: str | None = None


class CameoEntry(BaseModel):
    """A CAMEO code's label and derived values."""

    label: str
    goldstein: float
    quad_class: int
    plover: str | None


class Vocabulary(BaseModel):
    """Names for the codes the other endpoints return (for display)."""

    countries: dict[str, Name] = Field(description="CAMEO country code -> its names.")
    organizations: dict[str, Name] = Field(description="Organisation actor code -> its names.")
    cameo: dict[str, CameoEntry]


class RejectInfo(BaseModel):
    """Why a page or article was not kept."""

    stage: str
    reason: str
    detail: str


class IngestedItem(BaseModel):
    """One article (or rejected page) of an ingest."""

    doc: str
    index: int
    article_id: str | None = Field(description="Null for a rejected page.")
    title: str | None
    outlet: str | None
    published: dt.date | None
    events: int
    reject: RejectInfo | None


class IngestReport(BaseModel):
    """What an ingest did."""

    run_id: str
    pages: int
    articles: int
    rejects: int
    rejects_by_reason: dict[str, int]
    events: int = Field(description="Article-level events coded (before fusion with stored events).")
    seconds: float
    items: list[IngestedItem]
