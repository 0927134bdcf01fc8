"""Queries the front ends ask of a store: events, a summary, rejections, runs.

This module and :mod:`thoisu.store` are the only places with SQL. Front ends
(CLI, API) build an :class:`EventQuery` and get typed rows back, so none of
them depends on table layouts. Queries run on read-only connections: a
browsing user can never damage the database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from thoisu.errors import StoreError
from thoisu.model import Status
from thoisu.store.migrations import check_version, current_version, latest_version
from thoisu.store.store import Store

_ROOT = re.compile(r"^\d{2}$")
_CODE = re.compile(r"^[A-Z0-9]{3,}$")


@dataclass(slots=True, frozen=True)
class EventQuery:
    """Filters on stored events; all given filters must hold.

    Attributes:
        actors: Events involving any of these on either side, as country (``CHN``) or actor code
            (``CHNGOV``).
        dyad: Events between these two, in either direction.
        since: Events whose dates reach this day or later (undated events are left out).
        until: Events whose dates begin on this day or earlier (undated events are left out).
        root: CAMEO root, two digits ("04").
        status: Factuality.
        limit: At most this many rows.
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
    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        codes = [*self.actors, *(self.dyad or ())]
        for code in codes:
            if not _CODE.match(code):
                raise ValueError(f"actor codes are upper-case letters and digits (CHN, CHNGOV), not {code!r}")
        if self.dyad is not None and len(self.dyad) != 2:
            raise ValueError("a dyad names exactly two actors")
        if self.root is not None and not _ROOT.match(self.root):
            raise ValueError(f"a CAMEO root is two digits such as 04, not {self.root!r}")
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"'until' ({self.until}) is before 'since' ({self.since})")
        if self.limit < 0 or self.offset < 0:
            raise ValueError("limit and offset cannot be negative")


@dataclass(slots=True, frozen=True)
class EvidenceRow:
    """A sentence supporting an event, with its trigger and their spans in the article text."""

    sentence: str
    trigger: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int

    @property
    def trigger_offset(self) -> int:
        """Where the trigger starts inside the sentence (for highlighting)."""
        return self.trigger_start - self.sentence_start


@dataclass(slots=True, frozen=True)
class EventRow:
    """A stored event with the article it comes from."""

    event_id: str
    article_id: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
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
        if self.date_first is None or self.date_last is None:
            return None
        if self.date_first == self.date_last:
            return self.date_first.isoformat()
        return f"{self.date_first.isoformat()}..{self.date_last.isoformat()}"


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
class Summary:
    """What a store holds."""

    path: str
    schema_version: int
    created: str | None
    pages: int
    articles: int
    mentions: int
    events: int
    rejects: int
    runs: int
    first_event: date | None
    last_event: date | None
    events_by_root: tuple[tuple[str, int], ...]
    rejects_by_reason: tuple[tuple[str, int], ...]


_EVENT_COLUMNS = (
    "e.event_id, e.article_id, a.doc, a.url, a.title, a.outlet, a.published, e.code, e.root, e.source, "
    "e.target, e.source_actor_code, e.target_actor_code, e.source_person, e.target_person, e.date_first, "
    "e.date_last, e.date_basis, e.status, e.place, e.city, e.attribution, e.goldstein, e.quad_class, "
    "e.plover, e.confidence"
)

#: EventRow field for each selected column ("a.doc" -> "doc").
_EVENT_FIELDS = tuple(column.split(".")[1] for column in _EVENT_COLUMNS.split(", "))


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
                    "run 'thoisu ingest' on it once to upgrade"
                )
        except (StoreError, duckdb.Error) as exc:
            connection.close()
            raise StoreError(f"{location}: {exc.args[0] if isinstance(exc, StoreError) else exc}") from exc
        return cls(connection, location)

    @classmethod
    def from_store(cls, store: Store) -> Service:
        """Query an open store (needed for ``:memory:`` stores, which have no file to reopen)."""
        return cls(store.cursor(), store.path, owned=True)

    # ------------------------------------------------------------ queries

    def events(self, query: EventQuery | None = None) -> list[EventRow]:
        """Events matching ``query``, latest first, each with its evidence."""
        query = query or EventQuery()
        where, parameters = _event_filters(query)
        sql = (
            f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a USING (article_id) {where} "
            "ORDER BY e.date_first DESC NULLS LAST, a.published DESC NULLS LAST, e.article_id, e.seq "
            "LIMIT ? OFFSET ?"
        )
        rows = self._fetch(sql, [*parameters, query.limit, query.offset])
        evidence = self._evidence([row[0] for row in rows])
        return [_event_row(row, tuple(evidence.get(row[0], ()))) for row in rows]

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many events match ``query`` (ignoring limit and offset)."""
        where, parameters = _event_filters(query or EventQuery())
        rows = self._fetch(
            f"SELECT count(*) FROM events e JOIN articles a USING (article_id) {where}", parameters
        )
        return int(rows[0][0])

    def summary(self) -> Summary:
        """Counts of everything stored, events per root and rejections per reason."""
        counts = self._fetch(
            "SELECT (SELECT count(*) FROM pages), (SELECT count(*) FROM articles), "
            "(SELECT count(*) FROM mentions), (SELECT count(*) FROM events), (SELECT count(*) FROM rejects), "
            "(SELECT count(*) FROM runs), (SELECT min(date_first) FROM events), "
            "(SELECT max(date_last) FROM events)",
            [],
        )[0]
        meta = dict(self._fetch("SELECT key, value FROM meta", []))
        roots = self._fetch("SELECT root, count(*) FROM events GROUP BY root ORDER BY root", [])
        reasons = self._fetch("SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY 2 DESC, 1", [])
        return Summary(
            path=self.path,
            schema_version=int(meta.get("schema_version", 0)),
            created=meta.get("created"),
            pages=counts[0],
            articles=counts[1],
            mentions=counts[2],
            events=counts[3],
            rejects=counts[4],
            runs=counts[5],
            first_event=counts[6],
            last_event=counts[7],
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

    def _evidence(self, event_ids: Sequence[str]) -> dict[str, list[EvidenceRow]]:
        if not event_ids:
            return {}
        rows = self._fetch(
            "SELECT event_id, sentence, trigger, sentence_start, sentence_end, trigger_start, trigger_end "
            "FROM event_evidence WHERE event_id = ANY(?) ORDER BY event_id, seq",
            [list(event_ids)],
        )
        grouped: dict[str, list[EvidenceRow]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(EvidenceRow(*row[1:]))
        return grouped

    def _fetch(self, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc


def _event_row(row: Sequence[Any], evidence: tuple[EvidenceRow, ...]) -> EventRow:
    fields = dict(zip(_EVENT_FIELDS, row, strict=True))
    return EventRow(**fields, evidence=evidence)


def _side(column: str, code_column: str) -> str:
    """SQL for "this side of the event is actor ?" (country or finer actor code)."""
    return f"(e.{column} = ? OR e.{code_column} = ?)"


def _event_filters(query: EventQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    parameters: list[Any] = []
    if query.actors:
        either = []
        for actor in query.actors:
            either.append(
                f"({_side('source', 'source_actor_code')} OR {_side('target', 'target_actor_code')})"
            )
            parameters += [actor] * 4
        clauses.append("(" + " OR ".join(either) + ")")
    if query.dyad is not None:
        first, second = query.dyad
        source, target = _side("source", "source_actor_code"), _side("target", "target_actor_code")
        clauses.append(f"(({source} AND {target}) OR ({source} AND {target}))")
        parameters += [first, first, second, second, second, second, first, first]
    if query.since is not None:
        clauses.append("e.date_last >= ?")
        parameters.append(query.since)
    if query.until is not None:
        clauses.append("e.date_first <= ?")
        parameters.append(query.until)
    if query.root is not None:
        clauses.append("e.root = ?")
        parameters.append(query.root)
    if query.status is not None:
        clauses.append("e.status = ?")
        parameters.append(query.status.value)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", parameters


def _json_object(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
