"""Queries the front ends ask of a store: events, their provenance, timelines, trends, exports.

This module and :mod:`thoisu.store` are the only places with SQL. Front ends
(CLI, API, dashboard) build an :class:`EventQuery` or call a method with plain
arguments and get typed rows back, so none of them depends on table layouts.
Queries run on read-only connections: a browsing user can never damage the
database.

Vocabulary: an *event* is a fused event, one real-world event however many
outlets report it (``fused_events``); a *mention* is one article's report of
it (an ``events`` row, with its evidence sentences). Lists, timelines and
trends count events, so a story carried by ten outlets counts once; the
mentions are the provenance shown by :meth:`Service.event`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

import duckdb

from thoisu.errors import StoreError
from thoisu.fusion.model import Alternative
from thoisu.model import Status
from thoisu.store import export as exports
from thoisu.store.migrations import check_version, current_version, latest_version
from thoisu.store.store import Store

_ROOT = re.compile(r"^\d{2}$")
_CODE = re.compile(r"^[A-Z0-9]{3,}$")
_HEX = re.compile(r"^[0-9a-f]+$")
#: Shortest prefix of an id accepted by :meth:`Service.event` and :meth:`Service.article`.
MIN_PREFIX = 4
_FUSED_DIGITS = 15
_MENTION_DIGITS = 24


class Period(StrEnum):
    """Buckets of a trend."""

    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class ExportFormat(StrEnum):
    """Formats of :meth:`Service.export`."""

    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"
    GDELT = "gdelt"


@dataclass(slots=True, frozen=True)
class EventQuery:
    """Filters on fused events; all given filters must hold.

    Attributes:
        actors: Events involving any of these on either side, as country (``CHN``) or actor code
            (``CHNGOV``).
        dyad: Events between these two, in either direction.
        since: Events whose dates reach this day or later (undated events are left out).
        until: Events whose dates begin on this day or earlier (undated events are left out).
        root: CAMEO root, two digits ("04").
        status: Factuality.
        place: Country (ISO3) where the event happened.
        min_sources: Events reported by at least this many independent sources.
        limit: At most this many rows (None: all).
        offset: Rows skipped first (paging).

    Raises:
        ValueError: On a filter that cannot match anything well-formed.
    """

    actors: tuple[str, ...] = ()
    dyad: tuple[str, str] | None = None
    since: date | None = None
    until: date | None = None
    root: str | None = None
    status: Status | None = None
    place: str | None = None
    min_sources: int = 0
    limit: int | None = 100
    offset: int = 0

    def __post_init__(self) -> None:
        codes = [*self.actors, *(self.dyad or ()), *([self.place] if self.place else [])]
        for code in codes:
            if not _CODE.match(code):
                raise ValueError(f"actor codes are upper-case letters and digits (CHN, CHNGOV), not {code!r}")
        if self.dyad is not None and len(self.dyad) != 2:
            raise ValueError("a dyad names exactly two actors")
        if self.root is not None and not _ROOT.match(self.root):
            raise ValueError(f"a CAMEO root is two digits such as 04, not {self.root!r}")
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"'until' ({self.until}) is before 'since' ({self.since})")
        if (self.limit is not None and self.limit < 0) or self.offset < 0 or self.min_sources < 0:
            raise ValueError("limit, offset and min_sources cannot be negative")


@dataclass(slots=True, frozen=True)
class EvidenceRow:
    """A sentence supporting a mention, with its trigger and their spans in the article text."""

    sentence: str
    trigger: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    sentence_no: int | None = None

    @property
    def trigger_offset(self) -> int:
        """Where the trigger starts inside the sentence (for highlighting)."""
        return self.trigger_start - self.sentence_start


def _date_text(first: date | None, last: date | None) -> str | None:
    if first is None or last is None:
        return None
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()}..{last.isoformat()}"


@dataclass(slots=True, frozen=True)
class EventRow:
    """A fused event: the consensus of its mentions, with counts and disagreements.

    Attributes:
        event_id: The fused event id (15 hex digits).
        mentions: Articles' reports of it; ``articles`` the distinct articles, ``sources`` the
            distinct outlets, ``independent`` the independent sources (wire copies count once).
        date_alternatives / place_alternatives: What other reports say, and who says it.
        date_disputed: Whether some source contradicts the consensus date.
        headline: The mention shown for the event (its id), with its first evidence sentence.
    """

    event_id: str
    code: str
    root: str
    source: str
    target: str | None
    source_actor_code: str | None
    target_actor_code: str | None
    source_person: str | None
    target_person: str | None
    date_first: date | None
    date_last: date | None
    date_basis: str | None
    date_disputed: bool
    status: str
    place: str | None
    city: str | None
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    confidence: float
    mentions: int
    articles: int
    sources: int
    independent: int
    first_reported: date | None
    first_stored: datetime
    outlets: tuple[str, ...]
    attributions: tuple[str, ...]
    date_alternatives: tuple[Alternative, ...]
    place_alternatives: tuple[Alternative, ...]
    headline: str
    evidence: EvidenceRow | None = None

    @property
    def date(self) -> str | None:
        """``YYYY-MM-DD``, ``first..last`` for a range, None when undated."""
        return _date_text(self.date_first, self.date_last)


@dataclass(slots=True, frozen=True)
class MentionRow:
    """One article's report of an event, with the article and the evidence.

    Attributes:
        mention_id: The article-level event id.
        event_id: The fused event it is a mention of.
        copy_of: The original article when this article is a copy (its report is not independent).
    """

    mention_id: str
    event_id: str | None
    article_id: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    copy_of: str | None
    code: str
    root: str
    source: str
    target: str | None
    source_actor_code: str | None
    target_actor_code: str | None
    source_person: str | None
    target_person: str | None
    date_first: date | None
    date_last: date | None
    date_basis: str
    status: str
    place: str | None
    city: str | None
    attribution: str | None
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    confidence: float
    evidence: tuple[EvidenceRow, ...] = ()

    @property
    def date(self) -> str | None:
        """``YYYY-MM-DD``, ``first..last`` for a range, None when undated."""
        return _date_text(self.date_first, self.date_last)


@dataclass(slots=True, frozen=True)
class EventDetail:
    """An event with its provenance: every mention, the outlets, the sentences."""

    event: EventRow
    mentions: tuple[MentionRow, ...]


@dataclass(slots=True, frozen=True)
class CopyRow:
    """A copy link between two articles."""

    article_id: str
    doc: str
    outlet: str | None
    original_id: str
    similar_to: str
    similarity: float
    method: str


@dataclass(slots=True, frozen=True)
class EntityRow:
    """An entity mention of an article."""

    text: str
    type: str
    actor: str | None
    country: str | None
    canonical: str | None
    role: str | None
    resolved_by: str
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class ArticleRow:
    """A stored article's metadata and body."""

    article_id: str
    doc: str
    index: int
    url: str | None
    title: str | None
    published: date | None
    outlet: str | None
    authors: tuple[str, ...]
    language: str | None
    body: str
    stored: datetime


@dataclass(slots=True, frozen=True)
class ArticleDetail:
    """An article with its entities, its mentions of events, the events, and its copy links.

    Attributes:
        copy_of: The link to its original when it is a copy.
        copies: Articles stored later that copy it.
    """

    article: ArticleRow
    attributions: tuple[str, ...]
    entities: tuple[EntityRow, ...]
    mentions: tuple[MentionRow, ...]
    events: tuple[EventRow, ...]
    copy_of: CopyRow | None
    copies: tuple[CopyRow, ...]


@dataclass(slots=True, frozen=True)
class TrendPoint:
    """Events of a dyad in one period.

    Attributes:
        period: First day of the period.
        events: Fused events dated in it; ``mentions`` their reports.
        goldstein_sum / goldstein_mean: Goldstein scale of those events (each event once).
        cooperation / conflict: Events of quad classes 1-2 and 3-4.
    """

    period: date
    events: int
    mentions: int
    goldstein_sum: float
    goldstein_mean: float | None
    cooperation: int
    conflict: int


@dataclass(slots=True, frozen=True)
class ActorCount:
    """How often an actor appears in events."""

    actor: str
    events: int
    as_source: int
    as_target: int
    mentions: int


@dataclass(slots=True, frozen=True)
class RejectRow:
    """A recorded rejection."""

    doc: str
    index: int
    source: str
    url: str | None
    stage: str
    reason: str
    detail: str
    run_id: str | None
    stored: datetime


@dataclass(slots=True, frozen=True)
class RunRow:
    """An ingestion run."""

    run_id: str
    started: datetime
    finished: datetime | None
    status: str
    thoisu_version: str
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class DyadCount:
    """Events between two actors (either direction): an edge of the actor network.

    Attributes:
        first / second: The two actors, in alphabetical order.
        events: Fused events between them; ``mentions`` their reports.
        goldstein_sum: Goldstein scale of those events (each event once).
        cooperation / conflict: Events of quad classes 1-2 and 3-4.
    """

    first: str
    second: str
    events: int
    mentions: int
    goldstein_sum: float
    cooperation: int
    conflict: int


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    """A stored article in a list: enough to choose one, without its text."""

    article_id: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    copy_of: str | None
    mentions: int
    events: int


@dataclass(slots=True, frozen=True)
class ArticleText:
    """An article's normalised text and where its body paragraphs lie in it.

    Every stored span (evidence sentences and triggers, entity mentions) is an offset into
    ``text``; the paragraphs let a reader show the body alone (not the page's menus) and
    still place those spans.

    Attributes:
        paragraphs: ``(start, end)`` of each body paragraph in ``text``, in reading order.
    """

    article_id: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]


@dataclass(slots=True, frozen=True)
class Summary:
    """What a store holds.

    Attributes:
        entities: Entity mentions; ``mentions`` reports of events (article-level events);
            ``events`` fused events; ``copies`` articles recognised as copies of another.
    """

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
    first_event: date | None
    last_event: date | None
    events_by_root: tuple[tuple[str, int], ...]
    rejects_by_reason: tuple[tuple[str, int], ...]


_EVENT_COLUMNS = (
    "fused_id",
    "code",
    "root",
    "source",
    "target",
    "source_actor_code",
    "target_actor_code",
    "source_person",
    "target_person",
    "date_first",
    "date_last",
    "date_basis",
    "date_disputed",
    "status",
    "place",
    "city",
    "goldstein",
    "quad_class",
    "plover",
    "confidence",
    "mentions",
    "articles",
    "sources",
    "independent",
    "first_reported",
    "first_stored",
    "outlets",
    "attributions",
    "date_alternatives",
    "place_alternatives",
    "headline",
    "headline_sentence",
    "headline_trigger",
    "headline_sentence_start",
    "headline_trigger_start",
    "headline_sentence_no",
)
_EVENT_SELECT = ", ".join(f"f.{column}" for column in _EVENT_COLUMNS)

_MENTION_SELECT = (
    "e.event_id, e.fused_id, e.article_id, a.doc, a.url, a.title, a.outlet, a.published, c.original_id, "
    "e.code, e.root, e.source, e.target, e.source_actor_code, e.target_actor_code, e.source_person, "
    "e.target_person, e.date_first, e.date_last, e.date_basis, e.status, e.place, e.city, e.attribution, "
    "e.goldstein, e.quad_class, e.plover, e.confidence"
)
#: MentionRow field of each selected column.
_MENTION_FIELDS = (
    "mention_id",
    "event_id",
    "article_id",
    "doc",
    "url",
    "title",
    "outlet",
    "published",
    "copy_of",
    *(column.split(".")[1] for column in _MENTION_SELECT.split(", ")[9:]),
)
_MENTION_FROM = "events e JOIN articles a USING (article_id) LEFT JOIN article_copies c USING (article_id)"


class Service:
    """Read-only queries on a store.

    Args:
        connection: A connection (read-only for files) to a store at the current schema.
        path: The database path, for messages.
        owned: Whether :meth:`close` closes the connection.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, *, owned: bool = True) -> None:
        self._connection = connection
        self.path = path
        self._owned = owned

    @classmethod
    def open(cls, path: str | Path) -> Service:
        """Open the database at ``path`` read-only.

        DuckDB refuses to open a file another process is writing (an ingest in
        progress); the error says so, and the query can be retried when the
        ingest ends.

        Raises:
            StoreError: When there is no database, it is locked, or its schema is not this thoisu's.
        """
        location = str(path)
        if not Path(location).is_file():
            raise StoreError(
                f"no database at {location}; create one with 'thoisu ingest INPUT --db {location}'"
            )
        try:
            connection = duckdb.connect(location, read_only=True)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {location} for reading: {exc}") from exc
        try:
            version = current_version(connection)
            check_version(version)
            if version < latest_version():
                raise StoreError(
                    f"schema version {version} is older than this thoisu's ({latest_version()}); "
                    f"run 'thoisu upgrade --db {location}' once (or any ingest) to upgrade it"
                )
        except (StoreError, duckdb.Error) as exc:
            connection.close()
            raise StoreError(f"{location}: {exc.args[0] if isinstance(exc, StoreError) else exc}") from exc
        return cls(connection, location)

    @classmethod
    def from_store(cls, store: Store) -> Service:
        """Query an open store (needed for ``:memory:`` stores, which have no file to reopen)."""
        return cls(store.cursor(), store.path, owned=True)

    # ------------------------------------------------------------ events

    def events(self, query: EventQuery | None = None) -> list[EventRow]:
        """Fused events matching ``query``, latest first, each with its headline sentence."""
        query = query or EventQuery()
        where, parameters = _event_filters(query)
        rows = self._fetch(
            f"SELECT {_EVENT_SELECT} FROM fused_events f {where} "
            "ORDER BY f.date_first DESC NULLS LAST, f.date_last DESC, f.first_reported DESC NULLS LAST, "
            "f.fused_id "
            f"{_paging(query)}",
            parameters,
        )
        return self._event_rows(rows)

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many fused events match ``query`` (ignoring limit and offset)."""
        where, parameters = _event_filters(query or EventQuery())
        return int(self._fetch(f"SELECT count(*) FROM fused_events f {where}", parameters)[0][0])

    def timeline(
        self,
        first: str,
        second: str,
        *,
        since: date | None = None,
        until: date | None = None,
        status: Status | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EventRow]:
        """The events between two actors (either direction), oldest first; undated events last.

        Raises:
            ValueError: On malformed actor codes or dates.
        """
        query = EventQuery(
            dyad=(first, second), since=since, until=until, status=status, limit=limit, offset=offset
        )
        where, parameters = _event_filters(query)
        rows = self._fetch(
            f"SELECT {_EVENT_SELECT} FROM fused_events f {where} "
            f"ORDER BY f.date_first NULLS LAST, f.date_last, f.fused_id {_paging(query)}",
            parameters,
        )
        return self._event_rows(rows)

    def trend(
        self,
        first: str,
        second: str,
        *,
        by: Period = Period.MONTH,
        since: date | None = None,
        until: date | None = None,
        status: Status | None = Status.OCCURRED,
    ) -> list[TrendPoint]:
        """Events of a dyad per period, with Goldstein sums: the temperature of a relation over time.

        Each real-world event counts once (not once per outlet), by its consensus date. Only events
        that occurred count by default: a planned visit is not yet part of the relation. Periods
        without events between the first and the last are present with zero counts, so a chart
        shows the gaps.

        Raises:
            ValueError: On malformed actor codes or dates.
        """
        query = EventQuery(dyad=(first, second), since=since, until=until, status=status)
        where, parameters = _event_filters(query)
        where = f"{where} {'AND' if where else 'WHERE'} f.date_first IS NOT NULL"
        rows = self._fetch(
            f"SELECT date_trunc('{Period(by).value}', f.date_first)::DATE AS period, count(*), "
            "sum(f.mentions), coalesce(sum(f.goldstein), 0), avg(f.goldstein), "
            "count(*) FILTER (WHERE f.quad_class IN (1, 2)), count(*) FILTER (WHERE f.quad_class IN (3, 4)) "
            f"FROM fused_events f {where} GROUP BY period ORDER BY period",
            parameters,
        )
        points = {
            row[0]: TrendPoint(
                row[0],
                int(row[1]),
                int(row[2]),
                round(float(row[3]), 3),
                None if row[4] is None else round(float(row[4]), 3),
                int(row[5]),
                int(row[6]),
            )
            for row in rows
        }
        if not points:
            return []
        filled = []
        period = min(points)
        last = max(points)
        while period <= last:
            filled.append(points.get(period) or TrendPoint(period, 0, 0, 0.0, None, 0, 0))
            period = _next_period(period, Period(by))
        return filled

    def top_actors(
        self,
        *,
        limit: int = 20,
        since: date | None = None,
        until: date | None = None,
        root: str | None = None,
        detailed: bool = False,
    ) -> list[ActorCount]:
        """The actors in most events, on either side.

        Args:
            limit: How many actors.
            since: Events on or after this day.
            until: Events on or before this day.
            root: Events of this CAMEO root.
            detailed: Count finer actor codes ("CHNGOV", "CHNMIL") instead of countries.

        Raises:
            ValueError: On malformed filters.
        """
        where, parameters = _event_filters(EventQuery(since=since, until=until, root=root, limit=None))
        source = "coalesce(f.source_actor_code, f.source)" if detailed else "f.source"
        target = "coalesce(f.target_actor_code, f.target)" if detailed else "f.target"
        rows = self._fetch(
            "SELECT actor, count(*), count(*) FILTER (WHERE side = 's'), "
            "count(*) FILTER (WHERE side = 't'), sum(mentions) "
            f"FROM (SELECT {source} AS actor, 's' AS side, f.mentions FROM fused_events f {where} "
            f"UNION ALL SELECT {target}, 't', f.mentions FROM fused_events f {where}) "
            "WHERE actor IS NOT NULL GROUP BY actor ORDER BY 2 DESC, actor LIMIT ?",
            [*parameters, *parameters, limit],
        )
        return [ActorCount(row[0], int(row[1]), int(row[2]), int(row[3]), int(row[4])) for row in rows]

    def dyads(
        self,
        *,
        actors: Sequence[str] = (),
        limit: int = 50,
        since: date | None = None,
        until: date | None = None,
        root: str | None = None,
        status: Status | None = None,
        detailed: bool = False,
    ) -> list[DyadCount]:
        """The pairs of actors with most events between them (either direction): the actor network.

        Events without a target, or whose two sides are the same actor, make no pair.

        Args:
            actors: Only pairs with one of these actors on a side (country or actor code).
            limit: How many pairs.
            since: Events on or after this day.
            until: Events on or before this day.
            root: Events of this CAMEO root.
            status: Events of this factuality (None: all).
            detailed: Pair finer actor codes ("CHNGOV", "CHNMIL") instead of countries.

        Raises:
            ValueError: On malformed filters.
        """
        query = EventQuery(
            actors=tuple(actors), since=since, until=until, root=root, status=status, limit=None
        )
        where, parameters = _event_filters(query)
        source = "coalesce(f.source_actor_code, f.source)" if detailed else "f.source"
        target = "coalesce(f.target_actor_code, f.target)" if detailed else "f.target"
        rows = self._fetch(
            "SELECT least(s, t) AS a, greatest(s, t) AS b, count(*), sum(mentions), "
            "coalesce(sum(goldstein), 0), count(*) FILTER (WHERE quad_class IN (1, 2)), "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) "
            f"FROM (SELECT {source} AS s, {target} AS t, f.mentions, f.goldstein, f.quad_class "
            f"FROM fused_events f {where}) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t "
            "GROUP BY a, b ORDER BY 3 DESC, a, b LIMIT ?",
            [*parameters, limit],
        )
        return [
            DyadCount(
                row[0], row[1], int(row[2]), int(row[3]), round(float(row[4]), 3), int(row[5]), int(row[6])
            )
            for row in rows
        ]

    def event(self, identifier: str) -> EventDetail | None:
        """An event with all its mentions, outlets and sentences.

        Args:
            identifier: A fused event id or an unambiguous prefix of one (at least 4 digits), or the
                id of one of its mentions.

        Raises:
            ValueError: On a malformed or ambiguous id.
        """
        fused_id = self._fused_id(identifier)
        if fused_id is None:
            return None
        rows = self._fetch(f"SELECT {_EVENT_SELECT} FROM fused_events f WHERE f.fused_id = ?", [fused_id])
        if not rows:
            return None
        [event] = self._event_rows(rows)
        mentions = self._mentions("e.fused_id = ?", [fused_id])
        return EventDetail(event, tuple(mentions))

    def article(self, identifier: str) -> ArticleDetail | None:
        """An article with its entities, its mentions of events, the events and its copy links.

        Args:
            identifier: An article id, an unambiguous prefix of one, or a page's doc name (its
                first article).

        Raises:
            ValueError: On an ambiguous prefix.
        """
        article_id = self._article_id(identifier)
        if article_id is None:
            return None
        [row] = self._fetch(
            "SELECT article_id, doc, idx, url, title, published, outlet, authors, language, body, stored "
            "FROM articles WHERE article_id = ?",
            [article_id],
        )
        article = ArticleRow(
            article_id=row[0],
            doc=row[1],
            index=row[2],
            url=row[3],
            title=row[4],
            published=row[5],
            outlet=row[6],
            authors=tuple(row[7] or ()),
            language=row[8],
            body=row[9],
            stored=row[10],
        )
        attributions = tuple(
            name
            for (name,) in self._fetch(
                "SELECT name FROM attributions WHERE article_id = ? ORDER BY seq", [article_id]
            )
        )
        entities = tuple(
            EntityRow(*row)
            for row in self._fetch(
                "SELECT text, type, actor, country, canonical, role, resolved_by, span_start, span_end "
                "FROM mentions WHERE article_id = ? ORDER BY seq",
                [article_id],
            )
        )
        mentions = self._mentions("e.article_id = ?", [article_id])
        fused_ids = sorted({mention.event_id for mention in mentions if mention.event_id})
        events: list[EventRow] = []
        if fused_ids:
            events = self._event_rows(
                self._fetch(
                    f"SELECT {_EVENT_SELECT} FROM fused_events f WHERE f.fused_id IN ({_marks(fused_ids)}) "
                    "ORDER BY f.date_first NULLS LAST, f.fused_id",
                    fused_ids,
                )
            )
        copy_select = (
            "SELECT c.article_id, a.doc, a.outlet, c.original_id, c.similar_to, c.similarity, c.method "
            "FROM article_copies c JOIN articles a USING (article_id) "
        )
        copy_of = [
            CopyRow(*row) for row in self._fetch(f"{copy_select} WHERE c.article_id = ?", [article_id])
        ]
        copies = [
            CopyRow(*row)
            for row in self._fetch(
                f"{copy_select} WHERE c.original_id = ? OR c.similar_to = ? ORDER BY a.stored, c.article_id",
                [article_id, article_id],
            )
        ]
        return ArticleDetail(
            article,
            attributions,
            entities,
            tuple(mentions),
            tuple(events),
            next(iter(copy_of), None),
            tuple(copies),
        )

    def articles(
        self, *, outlet: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ArticleSummary]:
        """Stored articles, latest published first, with how many events each reports.

        Args:
            outlet: Only this outlet's articles (its name as stored, e.g. "VnExpress").
            limit: At most this many.
            offset: Skip this many first.
        """
        where = "WHERE a.outlet = ?" if outlet else ""
        parameters: list[Any] = [outlet] if outlet else []
        rows = self._fetch(
            "SELECT a.article_id, a.doc, a.url, a.title, a.outlet, a.published, c.original_id, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id), "
            "(SELECT count(DISTINCT e.fused_id) FROM events e WHERE e.article_id = a.article_id) "
            f"FROM articles a LEFT JOIN article_copies c USING (article_id) {where} "
            "ORDER BY a.published DESC NULLS LAST, a.stored DESC, a.article_id LIMIT ? OFFSET ?",
            [*parameters, limit, offset],
        )
        return [
            ArticleSummary(
                article_id=row[0],
                doc=row[1],
                url=row[2],
                title=row[3],
                outlet=row[4],
                published=row[5],
                copy_of=row[6],
                mentions=int(row[7]),
                events=int(row[8]),
            )
            for row in rows
        ]

    def count_articles(self, *, outlet: str | None = None) -> int:
        """How many articles :meth:`articles` would list without paging."""
        where = "WHERE outlet = ?" if outlet else ""
        return int(self._fetch(f"SELECT count(*) FROM articles {where}", [outlet] if outlet else [])[0][0])

    def article_text(self, identifier: str) -> ArticleText | None:
        """An article's normalised text with its body paragraphs located in it (for highlighting).

        The store keeps the text and the body (paragraphs joined by newlines), not the body's
        spans; :func:`_locate_paragraphs` finds them again, using the offsets of the article's
        entity mentions and evidence (which lie in the body) where a line occurs twice.

        Args:
            identifier: As for :meth:`article`.

        Raises:
            ValueError: On an ambiguous prefix.
        """
        article_id = self._article_id(identifier)
        if article_id is None:
            return None
        [(text, body)] = self._fetch("SELECT text, body FROM articles WHERE article_id = ?", [article_id])
        anchors = [
            int(start)
            for (start,) in self._fetch(
                "SELECT span_start FROM mentions WHERE article_id = ? UNION ALL "
                "SELECT v.sentence_start FROM event_evidence v JOIN events e USING (event_id) "
                "WHERE e.article_id = ?",
                [article_id, article_id],
            )
        ]
        return ArticleText(article_id, text or "", _locate_paragraphs(text or "", body or "", anchors))

    # ------------------------------------------------------------ store-wide

    def summary(self) -> Summary:
        """Counts of everything stored, events per root and rejections per reason."""
        counts = self._fetch(
            "SELECT (SELECT count(*) FROM pages), (SELECT count(*) FROM articles), "
            "(SELECT count(*) FROM article_copies), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM fused_events), "
            "(SELECT count(*) FROM rejects), (SELECT count(*) FROM runs), "
            "(SELECT min(date_first) FROM fused_events), (SELECT max(date_last) FROM fused_events)",
            [],
        )[0]
        meta = dict(self._fetch("SELECT key, value FROM meta", []))
        roots = self._fetch("SELECT root, count(*) FROM fused_events GROUP BY root ORDER BY root", [])
        reasons = self._fetch("SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC, 1", [])
        return Summary(
            path=self.path,
            schema_version=int(meta.get("schema_version", 0)),
            created=meta.get("created"),
            pages=counts[0],
            articles=counts[1],
            copies=counts[2],
            entities=counts[3],
            mentions=counts[4],
            events=counts[5],
            rejects=counts[6],
            runs=counts[7],
            first_event=counts[8],
            last_event=counts[9],
            events_by_root=tuple((str(root), int(n)) for root, n in roots),
            rejects_by_reason=tuple((str(reason), int(n)) for reason, n in reasons),
        )

    def rejects(self, *, reason: str | None = None, limit: int = 100, offset: int = 0) -> list[RejectRow]:
        """Recorded rejections, newest first, optionally of one reason."""
        where = "WHERE reason = ?" if reason else ""
        parameters: list[Any] = [reason] if reason else []
        rows = self._fetch(
            "SELECT doc, idx, source, url, stage, reason, detail, run_id, stored FROM rejects "
            f"{where} ORDER BY stored DESC, doc LIMIT ? OFFSET ?",
            [*parameters, limit, offset],
        )
        return [RejectRow(*row) for row in rows]

    def runs(self, *, limit: int = 20) -> list[RunRow]:
        """Ingestion runs, newest first."""
        rows = self._fetch(
            "SELECT run_id, started, finished, status, thoisu_version, summary FROM runs "
            "ORDER BY started DESC LIMIT ?",
            [limit],
        )
        return [
            RunRow(
                run_id=row[0],
                started=row[1],
                finished=row[2],
                status=row[3],
                thoisu_version=row[4],
                summary=_json_object(row[5]),
            )
            for row in rows
        ]

    # ------------------------------------------------------------ exports

    def export(
        self,
        output_format: ExportFormat,
        out: Path,
        query: EventQuery | None = None,
    ) -> exports.ExportResult:
        """Write the events matching ``query`` (default: all) and their mentions.

        ``jsonl`` writes one file (an event per line, its mentions nested);
        ``csv`` and ``parquet`` write ``events`` and ``mentions`` tables into the
        directory ``out``; ``gdelt`` writes GDELT 2.0's Event and Mentions tables
        into it (``thoisu.export.CSV``, ``thoisu.mentions.CSV``; see docs/gdelt.md).

        Raises:
            StoreError: When the files cannot be written.
        """
        query = query or EventQuery(limit=None)
        where, parameters = _event_filters(query)
        selection = exports.Selection(where, tuple(parameters))
        try:
            if output_format is ExportFormat.JSONL:
                out.parent.mkdir(parents=True, exist_ok=True)
                with out.open("w", encoding="utf-8") as stream:
                    return self.export_jsonl(stream, query)
            out.mkdir(parents=True, exist_ok=True)
            if output_format is ExportFormat.GDELT:
                return exports.export_gdelt(self._connection, selection, out)
            return exports.export_tables(self._connection, selection, out, output_format.value)
        except OSError as exc:
            raise StoreError(f"cannot write the export to {out}: {exc}") from exc

    def export_jsonl(self, stream: IO[str], query: EventQuery | None = None) -> exports.ExportResult:
        """Write one JSON object per event (its mentions and their evidence nested) to ``stream``."""
        query = query or EventQuery(limit=None)
        where, parameters = _event_filters(query)
        return exports.export_jsonl(self._connection, exports.Selection(where, tuple(parameters)), stream)

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connection (when this service opened it)."""
        if self._owned:
            self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ internals

    def _event_rows(self, rows: Sequence[tuple[Any, ...]]) -> list[EventRow]:
        result = []
        for row in rows:
            values = dict(zip(_EVENT_COLUMNS, row, strict=True))
            values["event_id"] = values.pop("fused_id")
            values["outlets"] = tuple(values["outlets"] or ())
            values["attributions"] = tuple(values["attributions"] or ())
            values["date_alternatives"] = _alternatives(values["date_alternatives"])
            values["place_alternatives"] = _alternatives(values["place_alternatives"])
            sentence, trigger = values.pop("headline_sentence"), values.pop("headline_trigger")
            start, trigger_start = values.pop("headline_sentence_start"), values.pop("headline_trigger_start")
            number = values.pop("headline_sentence_no")
            evidence = None
            if sentence is not None and trigger is not None:
                evidence = EvidenceRow(
                    sentence,
                    trigger,
                    start,
                    start + len(sentence),
                    trigger_start,
                    trigger_start + len(trigger),
                    number,
                )
            result.append(EventRow(**values, evidence=evidence))
        return result

    def _mentions(self, condition: str, parameters: list[Any]) -> list[MentionRow]:
        rows = self._fetch(
            f"SELECT {_MENTION_SELECT} FROM {_MENTION_FROM} WHERE {condition} "
            "ORDER BY a.published NULLS LAST, a.stored, e.article_id, e.seq",
            parameters,
        )
        evidence = self._evidence([row[0] for row in rows])
        return [
            MentionRow(
                **dict(zip(_MENTION_FIELDS, row, strict=True)), evidence=tuple(evidence.get(row[0], ()))
            )
            for row in rows
        ]

    def _evidence(
        self, event_ids: Sequence[str], *, first_only: bool = False
    ) -> dict[str, list[EvidenceRow]]:
        if not event_ids:
            return {}
        rows = self._fetch(
            "SELECT event_id, sentence, trigger, sentence_start, sentence_end, trigger_start, trigger_end, "
            "sentence_no FROM event_evidence WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
            f"{'AND seq = 0 ' if first_only else ''}ORDER BY event_id, seq",
            [list(event_ids)],
        )
        grouped: dict[str, list[EvidenceRow]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(EvidenceRow(*row[1:]))
        return grouped

    def _fused_id(self, identifier: str) -> str | None:
        key = identifier.strip().lower()
        if (
            not _HEX.match(key)
            or len(key) < MIN_PREFIX
            or len(key)
            not in (
                *range(MIN_PREFIX, _FUSED_DIGITS + 1),
                _MENTION_DIGITS,
            )
        ):
            raise ValueError(
                f"{identifier!r} is not an event id (15 hex digits, or a prefix of at least {MIN_PREFIX}) "
                f"nor a mention id ({_MENTION_DIGITS} hex digits)"
            )
        if len(key) == _MENTION_DIGITS:
            rows = self._fetch("SELECT fused_id FROM events WHERE event_id = ?", [key])
            return rows[0][0] if rows else None
        rows = self._fetch(
            "SELECT fused_id FROM fused_events WHERE starts_with(fused_id, ?) ORDER BY fused_id LIMIT 6",
            [key],
        )
        if len(rows) > 1:
            shown = ", ".join(row[0] for row in rows[:5])
            raise ValueError(
                f"{identifier!r} is the start of several event ids ({shown}...); give more digits"
            )
        return rows[0][0] if rows else None

    def _article_id(self, identifier: str) -> str | None:
        key = identifier.strip()
        rows = self._fetch("SELECT article_id FROM articles WHERE article_id = ?", [key])
        if rows:
            return str(rows[0][0])
        rows = self._fetch("SELECT article_id FROM articles WHERE doc = ? ORDER BY idx LIMIT 1", [key])
        if rows:
            return str(rows[0][0])
        if len(key) < MIN_PREFIX:
            return None
        rows = self._fetch(
            "SELECT article_id FROM articles WHERE starts_with(article_id, ?) ORDER BY article_id LIMIT 6",
            [key],
        )
        if len(rows) > 1:
            shown = ", ".join(row[0] for row in rows[:5])
            raise ValueError(f"{identifier!r} is the start of several article ids ({shown}...)")
        return str(rows[0][0]) if rows else None

    def _fetch(self, sql: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql, list(parameters)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _locate_paragraphs(text: str, body: str, anchors: Sequence[int] = ()) -> tuple[tuple[int, int], ...]:
    """Spans of ``body``'s lines in ``text``, in order.

    A line can occur more than once in a page (a lead repeated in a teaser above the body, a
    line of the body in a footer), so the lines are placed twice: each as early as possible after
    the previous one, and each as late as possible before the next one. When the two placements
    differ, the one holding more ``anchors`` (offsets known to lie in the body: entity mentions,
    evidence sentences) wins.
    """
    lines = [line for line in body.split("\n") if line.strip()]
    forward: list[tuple[int, int]] = []
    cursor = 0
    for line in lines:
        start = text.find(line, cursor)
        if start >= 0:  # a line that is not a verbatim piece of the text (should not happen) is left out
            forward.append((start, start + len(line)))
            cursor = start + len(line)
    backward: list[tuple[int, int]] = []
    limit = len(text)
    for line in reversed(lines):
        start = text.rfind(line, 0, limit)
        if start >= 0:
            backward.append((start, start + len(line)))
            limit = start
    backward.reverse()
    if backward == forward or len(backward) != len(forward):
        return tuple(forward)

    def held(spans: list[tuple[int, int]]) -> int:
        return sum(any(start <= anchor < end for start, end in spans) for anchor in anchors)

    return tuple(backward if held(backward) > held(forward) else forward)


def _paging(query: EventQuery) -> str:
    limit = f"LIMIT {int(query.limit)} " if query.limit is not None else ""
    return f"{limit}OFFSET {int(query.offset)}"


def _next_period(period: date, by: Period) -> date:
    if by is Period.WEEK:
        return period + timedelta(days=7)
    if by is Period.YEAR:
        return period.replace(year=period.year + 1)
    return date(period.year + (period.month == 12), period.month % 12 + 1, 1)


def _is_country(code: str) -> bool:
    """Whether a code names a country-level actor (``CHN``, ``IGOUNO``) rather than a finer one."""
    return len(code) == 3 or code.startswith("IGO")


def _side(side: str) -> str:
    """SQL for "this side of the event is actor ?" (country or finer actor code)."""
    return f"(f.{side} = ? OR f.{side}_actor_code = ?)"


def _event_filters(query: EventQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    parameters: list[Any] = []
    if query.actors:
        either = []
        for actor in query.actors:
            either.append(f"({_side('source')} OR {_side('target')})")
            parameters += [actor] * 4
        clauses.append("(" + " OR ".join(either) + ")")
    if query.dyad is not None:
        first, second = query.dyad
        if _is_country(first) and _is_country(second):
            # The stored pair is sorted: one equality the scan evaluates fast.
            clauses.append("f.dyad = ?")
            parameters.append("|".join(sorted((first, second))))
        else:
            source, target = _side("source"), _side("target")
            clauses.append(f"(({source} AND {target}) OR ({source} AND {target}))")
            parameters += [first, first, second, second, second, second, first, first]
    if query.since is not None:
        clauses.append("f.date_last >= ?")
        parameters.append(query.since)
    if query.until is not None:
        clauses.append("f.date_first <= ?")
        parameters.append(query.until)
    if query.root is not None:
        clauses.append("f.root = ?")
        parameters.append(query.root)
    if query.status is not None:
        clauses.append("f.status = ?")
        parameters.append(query.status.value)
    if query.place is not None:
        clauses.append("f.place = ?")
        parameters.append(query.place)
    if query.min_sources > 1:
        clauses.append("f.independent >= ?")
        parameters.append(query.min_sources)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", parameters


def _alternatives(value: Any) -> tuple[Alternative, ...]:
    if not value:
        return ()
    try:
        return tuple(Alternative.from_json(item) for item in json.loads(value))
    except (ValueError, KeyError, TypeError):
        return ()


def _json_object(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
