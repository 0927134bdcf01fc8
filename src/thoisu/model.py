"""The typed records that flow through thoisu.

One ``Article`` travels through every stage. Stages fill its fields in place;
mentions, sentences and event evidence are character spans into
``Article.text`` (the article's normalised text), never copied strings, so a
coding can always be traced back to the characters that support it.

A page holding several articles is split by the extract stage into several
``Article`` records that share the same ``Page`` and normalised text but carry
different ``index`` values and body spans.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the field's type only: the model does not depend on the store
    from thoisu.store.store import PreparedArticle

MentionType = Literal["PER", "ORG", "GPE", "LOC"]


class Status(StrEnum):
    """Factuality of an event as the article presents it."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class PageFormat(StrEnum):
    """How the raw content of a page is encoded."""

    TEXT = "text"
    HTML = "html"


@dataclass(slots=True, frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(slots=True, frozen=True)
class DateRange:
    """A closed interval of days; a single day has ``first == last``.

    Events are often bounded rather than dated ("in September", "from 14/1"),
    so every event date is a range and a day is the degenerate case.
    """

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"date range ends before it starts: {self.first} > {self.last}")

    @classmethod
    def day(cls, value: date) -> DateRange:
        """A range covering exactly one day."""
        return cls(value, value)

    @property
    def is_day(self) -> bool:
        """Whether the range is a single day."""
        return self.first == self.last

    def to_json(self) -> str | list[str]:
        """``YYYY-MM-DD`` for a day, ``[first, last]`` otherwise (the gold schema's form)."""
        if self.is_day:
            return self.first.isoformat()
        return [self.first.isoformat(), self.last.isoformat()]


@dataclass(slots=True, frozen=True)
class Reject:
    """Why a page or article was dropped, and by which stage."""

    stage: str
    reason: str
    detail: str = ""


@dataclass(slots=True)
class Page:
    """Raw input as read from a file, a JSONL row, an archive record or stdin.

    Attributes:
        id: The document id used in gold files: the file name, or a JSONL row's ``id``.
        raw: The decoded content (page text or HTML).
        format: Whether ``raw`` is flat text or HTML.
        url: The page URL when the input carries one.
        source: Where the page was read from (path, ``-`` for stdin, archive name).
    """

    id: str
    raw: str
    format: PageFormat = PageFormat.TEXT
    url: str | None = None
    source: str = ""

    @property
    def content_hash(self) -> str:
        """SHA-256 of the raw content: the key that makes re-ingestion a no-op."""
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class Attribution:
    """A source the article cites: a news agency or an official body.

    Attributes:
        name: Canonical name ("KCNA", "TTXVN", "Chinese Foreign Ministry").
        kind: ``agency`` for news agencies and outlets, ``official`` for governments and officials.
        span: Where the citation appears in the text, when it is in the text.
    """

    name: str
    kind: Literal["agency", "official"] = "agency"
    span: Span | None = None


@dataclass(slots=True)
class Mention:
    """An entity mention: a span of the text resolved to an actor.

    Attributes:
        span: Characters of ``Article.text`` the mention covers.
        type: PER, ORG, GPE or LOC.
        actor: CAMEO-style actor code ("CHNGOV", "PRKMIL", "IGOUNO"), when known.
        country: ISO 3166-1 alpha-3 of the country the actor belongs to, when known.
        canonical: The usual English form ("Xi Jinping", "UN Security Council").
        role: Office or function held at the article's date ("head_of_state", "foreign_minister").
        resolved_by: How the mention was resolved: ``gazetteer``, ``title``, ``role+date``,
            ``coreference`` or ``context``.
        person_id: Stable id of the person in the office-holder knowledge base, when any.
    """

    span: Span
    type: MentionType
    actor: str | None = None
    country: str | None = None
    canonical: str | None = None
    role: str | None = None
    resolved_by: str = "gazetteer"
    person_id: str | None = None


@dataclass(slots=True)
class Evidence:
    """One place in the text that supports an event."""

    sentence: Span
    trigger: Span


@dataclass(slots=True)
class Event:
    """A coded interaction: who did what to whom, when, where, according to whom.

    Attributes:
        source: Country-level source actor (ISO3 or IGO code such as ``IGOUNO``).
        target: Country-level target actor, or ``None`` when the event has none.
        code: CAMEO event code ("042"); ``root`` is its first two digits.
        source_actor_code / target_actor_code: Finer CAMEO-style codes ("CHNGOV").
        source_person / target_person: Canonical English names of the persons, when named.
        when: The day or range of days the event happened, or ``None`` when unresolved.
        date_basis: How ``when`` was found ("explicit", "relative", "anaphoric", "article-date").
        status: Factuality (occurred, planned, negated, hypothetical).
        place: ISO3 of the country where it happened; ``city`` when one is named.
        attribution: Canonical name of the source the sentence cites.
        evidence: Sentence and trigger spans, one per time the article mentions the event.
        goldstein: Goldstein scale value of ``code``.
        quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
        plover: PLOVER category of ``code``.
        confidence: 0..1, lower when the date fell back to the article's date or actors were inferred.
    """

    source: str
    target: str | None
    code: str
    when: DateRange | None
    status: Status = Status.OCCURRED
    source_actor_code: str | None = None
    target_actor_code: str | None = None
    source_person: str | None = None
    target_person: str | None = None
    date_basis: str = "explicit"
    place: str | None = None
    city: str | None = None
    attribution: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    goldstein: float | None = None
    quad_class: int | None = None
    plover: str | None = None
    confidence: float = 0.5

    @property
    def root(self) -> str:
        """The CAMEO root: the first two digits of the code."""
        return self.code[:2]


@dataclass(slots=True)
class Article:
    """The record every stage reads and extends.

    Fields are filled stage by stage: ``text`` by normalise, the article fields
    by extract, ``sentences`` by the sentence splitter, ``mentions`` by the
    entity recogniser and ``events`` by the event coder. A rejected article
    keeps flowing (stages skip it) so the store can record why it was dropped.

    Attributes:
        page: The raw page this article came from.
        index: Position of this article on its page (0 for the first or only one).
        text: Normalised text; every span points into it.
        offsets: For each character of ``text``, its offset in ``page.raw`` (empty
            when the normaliser could not keep a map, e.g. after HTML extraction).
        title: The article's headline.
        body: Spans of ``text`` that make up the article body, in reading order.
        captions: Spans of photo captions and credits (kept out of the body).
        published: Publication day, when the page determines it.
        published_range: Bounds on the publication day when only those are known.
        published_basis: Where ``published`` came from ("dateline", "meta",
            "dateline+inferred-year", "crawl-prefix", ...).
        outlet: The publisher as a reader would name it.
        authors: Bylines.
        attributions: Agencies and official sources the article cites, in order of first citation.
        language: ISO 639-1 code of the detected language.
        sentences: Sentence spans inside the body.
        mentions: Entity mentions inside the body.
        events: Coded events.
        reject: Set when a stage drops the article; later stages pass it through untouched.
        prepared: What the store will write for the article (its rows, reports and body
            fingerprint), computed ahead by the prepare stage so that the single writer does
            not; None before that stage, or when it could not prepare the article.
    """

    page: Page
    index: int = 0
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    title: str | None = None
    body: list[Span] = field(default_factory=list)
    captions: list[Span] = field(default_factory=list)
    published: date | None = None
    published_range: tuple[date, date] | None = None
    published_basis: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    language: str | None = None
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    reject: Reject | None = None
    prepared: PreparedArticle | None = None

    @property
    def doc(self) -> str:
        """The page id this article belongs to (the gold files' ``doc``)."""
        return self.page.id

    @property
    def id(self) -> str:
        """Stable article id: page content hash plus position on the page."""
        return f"{self.page.content_hash[:16]}-{self.index}"

    @property
    def body_text(self) -> str:
        """The body as one string, paragraphs separated by newlines."""
        return "\n".join(span.of(self.text) for span in self.body)

    def span_text(self, span: Span) -> str:
        """The characters of ``text`` covered by ``span``."""
        return span.of(self.text)

    def raw_offset(self, position: int) -> int | None:
        """Map an offset in ``text`` back to ``page.raw``, when a map is kept."""
        if not self.offsets:
            return None
        if position >= len(self.offsets):
            return len(self.page.raw)
        return self.offsets[position]
