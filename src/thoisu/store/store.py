"""The DuckDB store: articles, mentions, events with their evidence, copies, fused events, rejections.

Writes are idempotent (ids come from content hashes, and an article already
stored is skipped with everything it carries) and batched: rows collect in
memory and go to DuckDB in one transaction per batch, inserted column-wise,
which is two orders of magnitude faster than row-by-row inserts. When a batch
is written, its articles are first linked (:mod:`thoisu.store.linker`): copies
to their originals, each event to the fused event it reports, in the order the
articles were written.

An article's rows, reports and body fingerprint depend on the article alone
(:class:`PreparedArticle`); the prepare stage computes them where the pipeline
runs, so the single writing process mostly inserts and links.

Concurrency: DuckDB lets one process open a database file for writing, and
then no other process may open it at all, not even to read. A reader that
opens the file while no ingest runs (``thoisu events``, the API) sees a
consistent state: every batch is one transaction, so articles, their events,
their copy links and the fused events they changed appear together or not at
all. Inside the writing process, :meth:`Store.cursor` gives readers that see
committed batches only. Reads for the front ends live in :mod:`thoisu.service`.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from thoisu import __version__
from thoisu.dedup.fingerprint import DEFAULT_PARAMS, Fingerprint, fingerprint
from thoisu.errors import StoreError
from thoisu.fusion.model import Quote, Report
from thoisu.model import Article, Event, Mention, Span
from thoisu.store.linker import Linked, Linker, PendingArticle, fused_row
from thoisu.store.migrations import Migration, apply_migrations

#: Records (articles, rejections, shard markers) buffered before a batch is written. A write has a
#: fixed cost of about 0.1 s (a dozen inserts into indexed tables, the linker's lookups, the
#: commit), 0.05 ms a page at this size and four times that at 500; the larger batch raises a
#: run's peak memory by about 170 MiB (measured at 4,000 pages: 691 MiB against 518).
DEFAULT_BATCH_SIZE = 2000
MEMORY = ":memory:"


@dataclass(slots=True, frozen=True)
class Table:
    """Columns written to one table, with the DuckDB type of each (for column-wise inserts).

    Rows are plain inserts: the writer checks a key before it buffers a row (articles, pages,
    rejects), or the key derives from one it checked (events, fingerprints, copies: from the
    article's), so a conflict cannot happen and DuckDB's costly conflict handling is not asked
    for. Fused events are the exception: a stored one changes when a report joins it, and its
    row is then replaced (see :func:`write_links`).
    """

    name: str
    columns: tuple[tuple[str, str], ...]

    def insert_sql(self, relation: str, *, replace: bool = False) -> str:
        """``INSERT`` from an Arrow table registered as ``relation`` (DuckDB casts the columns)."""
        names = ", ".join(name for name, _ in self.columns)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        return f"{verb} INTO {self.name} ({names}) SELECT * FROM {relation}"

    def arrow(self, rows: Sequence[tuple[Any, ...]]) -> pa.Table:
        """The rows as an Arrow table, column by column (types are cast on insert)."""
        columns = list(zip(*rows, strict=True))
        return pa.table(
            {
                name: pa.array(values, type=_ARROW_TYPES.get(kind))
                for (name, kind), values in zip(self.columns, columns, strict=True)
            }
        )


# Arrow types for the DuckDB types whose values pyarrow could infer wrongly (an all-None column
# is "null", a BLOB is bytes either way); the rest are inferred and cast by DuckDB.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int64(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BLOB": pa.binary(),
    "VARCHAR[]": pa.list_(pa.string()),
}


PAGES = Table(
    "pages",
    (
        ("page_hash", "VARCHAR"),
        ("doc", "VARCHAR"),
        ("url", "VARCHAR"),
        ("source", "VARCHAR"),
        ("format", "VARCHAR"),
        ("size", "INTEGER"),
        ("run_id", "VARCHAR"),
        ("stored", "TIMESTAMP"),
    ),
)
ARTICLES = Table(
    "articles",
    (
        ("article_id", "VARCHAR"),
        ("page_hash", "VARCHAR"),
        ("idx", "INTEGER"),
        ("doc", "VARCHAR"),
        ("url", "VARCHAR"),
        ("title", "VARCHAR"),
        ("published", "DATE"),
        ("published_first", "DATE"),
        ("published_last", "DATE"),
        ("published_basis", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("authors", "VARCHAR[]"),
        ("language", "VARCHAR"),
        ("text", "VARCHAR"),
        ("body", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("stored", "TIMESTAMP"),
    ),
)
# Attributions, mentions and evidence come only with an article not stored yet: they need no
# key (schema step 4 dropped theirs, which cost an index entry per row).
ATTRIBUTIONS = Table(
    "attributions",
    (
        ("article_id", "VARCHAR"),
        ("seq", "INTEGER"),
        ("name", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
    ),
)
MENTIONS = Table(
    "mentions",
    (
        ("article_id", "VARCHAR"),
        ("seq", "INTEGER"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("text", "VARCHAR"),
        ("type", "VARCHAR"),
        ("actor", "VARCHAR"),
        ("country", "VARCHAR"),
        ("canonical", "VARCHAR"),
        ("role", "VARCHAR"),
        ("resolved_by", "VARCHAR"),
        ("person_id", "VARCHAR"),
    ),
)
EVENTS = Table(
    "events",
    (
        ("event_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("seq", "INTEGER"),
        ("code", "VARCHAR"),
        ("root", "VARCHAR"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("source_actor_code", "VARCHAR"),
        ("target_actor_code", "VARCHAR"),
        ("source_person", "VARCHAR"),
        ("target_person", "VARCHAR"),
        ("date_first", "DATE"),
        ("date_last", "DATE"),
        ("date_basis", "VARCHAR"),
        ("status", "VARCHAR"),
        ("place", "VARCHAR"),
        ("city", "VARCHAR"),
        ("attribution", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "INTEGER"),
        ("plover", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("fused_id", "VARCHAR"),
    ),
)
EVIDENCE = Table(
    "event_evidence",
    (
        ("event_id", "VARCHAR"),
        ("seq", "INTEGER"),
        ("sentence_start", "INTEGER"),
        ("sentence_end", "INTEGER"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        ("sentence", "VARCHAR"),
        ("trigger", "VARCHAR"),
        ("sentence_no", "INTEGER"),
        ("source_offset", "INTEGER"),
        ("target_offset", "INTEGER"),
    ),
)
REJECTS = Table(
    "rejects",
    (
        ("reject_id", "VARCHAR"),
        ("doc", "VARCHAR"),
        ("idx", "INTEGER"),
        ("source", "VARCHAR"),
        ("url", "VARCHAR"),
        ("page_hash", "VARCHAR"),
        ("stage", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("detail", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("stored", "TIMESTAMP"),
    ),
)
FINGERPRINTS = Table(
    "article_fingerprints",
    (
        ("article_id", "VARCHAR"),
        ("body_hash", "VARCHAR"),
        ("shingles", "INTEGER"),
        ("signature", "BLOB"),
        ("original_id", "VARCHAR"),
    ),
)
BANDS = Table("article_bands", (("band_key", "BIGINT"), ("article_id", "VARCHAR")))
COPIES = Table(
    "article_copies",
    (
        ("article_id", "VARCHAR"),
        ("original_id", "VARCHAR"),
        ("similar_to", "VARCHAR"),
        ("similarity", "DOUBLE"),
        ("method", "VARCHAR"),
        ("stored", "TIMESTAMP"),
    ),
)
FUSED_EVENTS = Table(
    "fused_events",
    (
        ("gid", "BIGINT"),
        ("fused_id", "VARCHAR"),
        ("family", "VARCHAR"),
        ("dyad", "VARCHAR"),
        ("code", "VARCHAR"),
        ("root", "VARCHAR"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("source_actor_code", "VARCHAR"),
        ("target_actor_code", "VARCHAR"),
        ("source_person", "VARCHAR"),
        ("target_person", "VARCHAR"),
        ("date_first", "DATE"),
        ("date_last", "DATE"),
        ("date_basis", "VARCHAR"),
        ("date_disputed", "BOOLEAN"),
        ("date_alternatives", "VARCHAR"),
        ("status", "VARCHAR"),
        ("place", "VARCHAR"),
        ("city", "VARCHAR"),
        ("place_alternatives", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "INTEGER"),
        ("plover", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("mentions", "INTEGER"),
        ("articles", "INTEGER"),
        ("sources", "INTEGER"),
        ("independent", "INTEGER"),
        ("first_reported", "DATE"),
        ("first_stored", "TIMESTAMP"),
        ("updated", "TIMESTAMP"),
        ("headline", "VARCHAR"),
        ("headline_sentence", "VARCHAR"),
        ("headline_trigger", "VARCHAR"),
        ("headline_sentence_start", "INTEGER"),
        ("headline_trigger_start", "INTEGER"),
        ("headline_sentence_no", "INTEGER"),
        ("outlets", "VARCHAR[]"),
        ("attributions", "VARCHAR[]"),
        ("reports", "VARCHAR"),
    ),
)
BLOCKS = Table("fused_blocks", (("block", "BIGINT"), ("gid", "BIGINT")))
SHARDS = Table(
    "shards",
    (
        ("shard_id", "VARCHAR"),
        ("label", "VARCHAR"),
        ("pages", "INTEGER"),
        ("articles", "INTEGER"),
        ("rejects", "INTEGER"),
        ("events", "INTEGER"),
        ("run_id", "VARCHAR"),
        ("committed", "TIMESTAMP"),
    ),
)
#: Tables in the order a batch writes them.
TABLES: tuple[Table, ...] = (PAGES, ARTICLES, ATTRIBUTIONS, MENTIONS, EVENTS, EVIDENCE, REJECTS)
#: Tables the linker fills, written in the same transaction.
LINK_TABLES: tuple[Table, ...] = (FINGERPRINTS, BANDS, COPIES, FUSED_EVENTS, BLOCKS)


def event_id(article_id: str, event: Event) -> str:
    """Stable id of an event: the same coding of the same article always gets the same id."""
    when = event.when
    parts = (
        article_id,
        event.code,
        event.source,
        event.target or "",
        event.source_actor_code or "",
        event.target_actor_code or "",
        when.first.isoformat() if when else "",
        when.last.isoformat() if when else "",
    )
    return _digest(parts)


def reject_id(article: Article) -> str:
    """Stable id of a rejection; read failures have empty content, so the source and doc are part of it."""
    reject = article.reject
    parts = (
        article.page.source,
        article.doc,
        str(article.index),
        reject.stage if reject else "",
        reject.reason if reject else "",
        article.page.content_hash if article.page.raw else "",
    )
    return _digest(parts)


def _digest(parts: Sequence[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass(slots=True)
class _Batch:
    """Rows waiting to be written, and the keys they claim (for idempotency inside a batch)."""

    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {table.name: [] for table in TABLES}
    )
    articles: set[str] = field(default_factory=set)
    pages: set[str] = field(default_factory=set)
    rejects: set[str] = field(default_factory=set)
    pending: list[PendingArticle] = field(default_factory=list)  # accepted articles, to link
    shards: list[tuple[Any, ...]] = field(default_factory=list)  # markers of finished shards

    @property
    def size(self) -> int:
        return len(self.articles) + len(self.rejects) + len(self.shards)


class Store:
    """A thoisu database. Open with :meth:`open`; use as a context manager.

    Args:
        connection: An open read-write DuckDB connection at the current schema.
        path: Where the database lives (``:memory:`` for a temporary one).
        batch_size: Records (articles, rejections, shard markers) buffered before a write.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, batch_size: int) -> None:
        self._connection = connection
        self.path = path
        self.batch_size = max(batch_size, 1)
        self._batch = _Batch()
        self._run_id: str | None = None
        self._closed = False
        # Keys written by this store to tables that were empty when it opened. DuckDB lets one
        # process write a database file at a time, so for those tables "already stored" means
        # "in this set", and a bulk ingest into a new store needs no lookup per article.
        self._session: dict[str, set[str]] = {
            table: set() for table in ("articles", "rejects", "pages") if self._is_empty(table)
        }
        self._linker = Linker(connection, DEFAULT_PARAMS)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        steps: Sequence[Migration] | None = None,
    ) -> Store:
        """Open (creating or upgrading) the database at ``path``.

        Args:
            path: A file path, or ``:memory:``.
            batch_size: Records (articles, rejections, shard markers) buffered before a write.
            steps: Schema steps to apply (default: this thoisu's; tests pass their own).

        Raises:
            StoreError: When the file cannot be opened, is not a thoisu store, or is newer than this thoisu.
        """
        location = str(path)
        if location != MEMORY:
            parent = Path(location).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create database {location}: directory {parent} does not exist")
        try:
            connection = duckdb.connect(location)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {location}: {exc}") from exc
        try:
            apply_migrations(connection, steps)
            if steps is None:
                check_fingerprints(connection)
        except (StoreError, duckdb.Error) as exc:
            connection.close()
            if isinstance(exc, StoreError):
                raise StoreError(f"{location}: {exc.args[0]}") from exc
            raise StoreError(f"{location}: {exc}") from exc
        return cls(connection, location, batch_size)

    # ------------------------------------------------------------ runs

    @property
    def run_id(self) -> str | None:
        """The run in progress, if any; rows written now carry it."""
        return self._run_id

    def start_run(self) -> str:
        """Record the start of an ingestion run and return its id."""
        self._check_open()
        self.flush()
        run = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self._execute(
            "INSERT INTO runs (run_id, started, status, thoisu_version) VALUES (?, ?, 'running', ?)",
            [run, _now(), __version__],
        )
        self._run_id = run
        return run

    def finish_run(self, summary: Mapping[str, Any] | None = None, *, status: str = "done") -> None:
        """Write what is buffered and close the current run with its summary (counts, timings)."""
        self._check_open()
        self.flush()
        if self._run_id is None:
            return
        self._execute(
            "UPDATE runs SET finished = ?, status = ?, summary = ? WHERE run_id = ?",
            [_now(), status, json.dumps(dict(summary or {}), ensure_ascii=False, default=str), self._run_id],
        )
        self._run_id = None

    # ------------------------------------------------------------ writes

    def write(self, article: Article) -> bool:
        """Store ``article`` (or its rejection). Returns False when it was already stored.

        The article is keyed by its id (page content hash and position), so
        ingesting the same page twice changes nothing. Whether it copies a
        stored article, and which fused events its events report, is decided
        when its batch is written (:meth:`flush`), in the order of the writes.

        Raises:
            ValueError: When an event cannot be stored (a malformed CAMEO code); nothing is kept.
        """
        self._check_open()
        if article.reject is not None:
            return self.record_reject(article)
        prepared = article.prepared
        if prepared is None:
            page_hash = article.page.content_hash  # hashing a large page costs: once per article
            key = article_key(page_hash, article.index)
        else:
            page_hash, key = prepared.page_hash, prepared.key
        if key in self._batch.articles or self._exists("articles", "article_id", key):
            return False
        if prepared is None:
            # Build every row first: an article that fails half-way must leave nothing behind.
            prepared = prepare(article, page_hash)
        now = _now()
        self._add_page(article, page_hash, now)
        rows = self._batch.rows
        rows[ARTICLES.name].append((*prepared.article, self._run_id, now))
        rows[ATTRIBUTIONS.name] += prepared.attributions
        rows[MENTIONS.name] += prepared.mentions
        rows[EVENTS.name] += prepared.events
        rows[EVIDENCE.name] += prepared.evidence
        self._batch.articles.add(key)
        # The store's linker uses the parameters the article was prepared with (DEFAULT_PARAMS).
        self._batch.pending.append(
            PendingArticle(key, prepared.fingerprint, prepared.reports, prepared.bands)
        )
        self._maybe_flush()
        return True

    def record_reject(self, article: Article) -> bool:
        """Store why ``article`` was dropped. Returns False when that rejection was already stored.

        Raises:
            ValueError: When the article carries no rejection.
        """
        self._check_open()
        reject = article.reject
        if reject is None:
            raise ValueError(f"article {article.doc}#{article.index} was not rejected")
        key = reject_id(article)
        if key in self._batch.rejects or self._exists("rejects", "reject_id", key):
            return False
        now = _now()
        page_hash = self._add_page(article, article.page.content_hash if article.page.raw else "", now)
        self._batch.rows[REJECTS.name].append(
            (
                key,
                article.doc,
                article.index,
                article.page.source,
                article.page.url,
                page_hash,
                reject.stage,
                reject.reason,
                reject.detail,
                self._run_id,
                now,
            )
        )
        self._batch.rejects.add(key)
        self._maybe_flush()
        return True

    def flush(self) -> None:
        """Link the buffered articles (copies, fused events) and write everything in one transaction.

        Raises:
            StoreError: When DuckDB refuses the batch (nothing of it is kept).
        """
        batch, self._batch = self._batch, _Batch()
        if batch.size == 0 and not batch.pages:
            return
        now = _now()
        linked = self._linker.link(batch.pending, now)
        batch.rows[EVENTS.name] = [(*row, linked.fused.get(row[0])) for row in batch.rows[EVENTS.name]]
        try:
            self._connection.execute("BEGIN TRANSACTION")
            for table in TABLES:
                _insert(self._connection, table, batch.rows[table.name])
            write_links(self._connection, linked, now)
            # Last: a shard's marker never commits before its rows (it may commit with them).
            _insert(self._connection, SHARDS, batch.shards, replace=True)
            self._connection.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            self._linker.forget()
            raise StoreError(f"writing {batch.size} records to {self.path} failed: {exc}") from exc
        self._linker.committed(linked)
        for name, keys in (("articles", batch.articles), ("rejects", batch.rejects), ("pages", batch.pages)):
            if name in self._session:
                self._session[name].update(keys)

    # ------------------------------------------------------------ shards (resumable batch runs)

    def completed_shards(self) -> set[str]:
        """Ids of the shards whose every article is in the database (see :mod:`thoisu.execute.batch`)."""
        self._check_open()
        self.flush()
        rows = self._connection.execute("SELECT shard_id FROM shards").fetchall()
        return {str(row[0]) for row in rows}

    def finish_shard(self, shard_id: str, label: str, counts: Mapping[str, int]) -> None:
        """Record that every article of a shard has been written to this store.

        The shard's marker joins the buffered rows, so it is committed in the same transaction
        as the shard's last rows, or a later one, never before them; a run killed before that
        transaction redoes the shard, and writing its articles again changes nothing (every row
        is keyed by content). Shards thus cost no transaction of their own: small shards (one
        page file each, say) are written as cheaply as one long stream.

        Raises:
            StoreError: When a write this triggers is refused.
        """
        self._check_open()
        self._batch.shards.append(
            (
                shard_id,
                label,
                counts.get("pages", 0),
                counts.get("articles", 0),
                counts.get("rejects", 0),
                counts.get("events", 0),
                self._run_id,
                _now(),
            )
        )
        self._maybe_flush()

    # ------------------------------------------------------------ lifecycle

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on this store's connection, for queries on an in-memory store (flushes first)."""
        self._check_open()
        self.flush()
        return self._connection.cursor()

    def close(self) -> None:
        """Write what is buffered and close the database (idempotent)."""
        if self._closed:
            return
        try:
            if self._run_id is not None:
                self.finish_run(status="interrupted")
            else:
                self.flush()
        finally:
            self._closed = True
            self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is not None and self._run_id is not None and not self._closed:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            # The original exception matters more than the bookkeeping.
            with contextlib.suppress(StoreError):
                self.finish_run({"error": f"{type(exc).__name__}: {exc}"}, status=status)
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    # ------------------------------------------------------------ internals

    def _add_page(self, article: Article, page_hash: str, now: datetime) -> str | None:
        page = article.page
        if not page.raw:
            return None
        if page_hash not in self._batch.pages and not self._exists("pages", "page_hash", page_hash):
            self._batch.rows[PAGES.name].append(
                (
                    page_hash,
                    page.id,
                    page.url,
                    page.source,
                    page.format.value,
                    len(page.raw),
                    self._run_id,
                    now,
                )
            )
            self._batch.pages.add(page_hash)
        return page_hash

    def _is_empty(self, table: str) -> bool:
        try:
            row = self._connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
        except duckdb.Error:
            return False  # unknown state: keep asking the database
        return row is None

    def _exists(self, table: str, column: str, key: str) -> bool:
        session = self._session.get(table)
        if session is not None:
            return key in session
        row = self._query(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [key])
        return row is not None

    def _maybe_flush(self) -> None:
        if self._batch.size >= self.batch_size:
            self.flush()

    def _query(self, sql: str, parameters: list[Any]) -> tuple[Any, ...] | None:
        try:
            return self._connection.execute(sql, parameters).fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    def _execute(self, sql: str, parameters: list[Any]) -> None:
        try:
            self._connection.execute(sql, parameters)
        except duckdb.Error as exc:
            raise StoreError(f"writing to {self.path} failed: {exc}") from exc

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # no transaction was open
            self._connection.execute("ROLLBACK")

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self.path} is closed")


def article_key(page_hash: str, index: int) -> str:
    """``Article.id`` from the page's content hash, which the writer computes once per article."""
    return f"{page_hash[:16]}-{index}"


@dataclass(slots=True)
class PreparedArticle:
    """What the store writes for an accepted article, computed from the article alone.

    :class:`~thoisu.store.stage.PrepareStage` builds it wherever the pipeline runs (the worker
    processes of a batch run), so the one process that writes the database only copies these
    rows into its batch and links them; the store prepares an article that comes without one.
    The writer adds what depends on the write: the run, the time, the fused events.

    Attributes:
        key: The article's id.
        page_hash: Its page's content hash.
        article: Its ``articles`` row without the last two columns (run id, time stored).
        attributions: Its ``attributions`` rows.
        mentions: Its ``mentions`` rows.
        events: Its ``events`` rows without the last column (the fused id, decided when linked).
        evidence: Its ``event_evidence`` rows.
        reports: Its events as fusion reports, each in the article's own independence group
            until linking finds the article a copy.
        fingerprint: Its body's MinHash fingerprint (None when the body is too short for one).
        bands: The fingerprint's LSH band keys (empty without a fingerprint).
    """

    key: str
    page_hash: str
    article: tuple[Any, ...]
    attributions: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    evidence: list[tuple[Any, ...]]
    reports: list[Report]
    fingerprint: Fingerprint | None
    bands: tuple[int, ...]


def prepare(article: Article, page_hash: str | None = None) -> PreparedArticle:
    """Everything the store writes for an accepted article that does not depend on the store.

    Args:
        article: The article.
        page_hash: Its page's content hash, when the caller has it.

    Raises:
        ValueError: When an event cannot be a report (a malformed code).
    """
    if page_hash is None:
        page_hash = article.page.content_hash
    key = article_key(page_hash, article.index)
    text = article.text
    body = article.body_text
    bounds = article.published_range
    mentions = article.mentions
    row = (
        key,
        page_hash,
        article.index,
        article.doc,
        article.page.url,
        article.title,
        article.published,
        bounds[0] if bounds else None,
        bounds[1] if bounds else None,
        article.published_basis,
        article.outlet,
        list(article.authors),
        article.language,
        text,
        body,
    )
    attributions = [
        (
            key,
            seq,
            attribution.name,
            attribution.kind,
            attribution.span.start if attribution.span else None,
            attribution.span.end if attribution.span else None,
        )
        for seq, attribution in enumerate(article.attributions)
    ]
    mention_rows = [
        (
            key,
            seq,
            mention.span.start,
            mention.span.end,
            text[mention.span.start : mention.span.end],
            mention.type,
            mention.actor,
            mention.country,
            mention.canonical,
            mention.role,
            mention.resolved_by,
            mention.person_id,
        )
        for seq, mention in enumerate(mentions)
    ]
    events: list[tuple[Any, ...]] = []
    evidence_rows: list[tuple[Any, ...]] = []
    reports: list[Report] = []
    if article.events:
        outlet = outlet_key(article)
        starts = [sentence.start for sentence in article.sentences]
        inside = _MentionsBySentence(mentions)
        evidence_count: dict[str, int] = {}  # event id -> evidence rows so far
        for seq, event in enumerate(article.events):
            identifier = event_id(key, event)
            count = evidence_count.get(identifier)
            first = count is None
            if count is None:
                count = 0
                events.append(_event_row(identifier, key, seq, event))
            # The same coding found twice in an article is one event with more evidence.
            quote: Quote | None = None
            for evidence in event.evidence:
                sentence, trigger = evidence.sentence, evidence.trigger
                sentence_text = text[sentence.start : sentence.end]
                trigger_text = text[trigger.start : trigger.end]
                sentence_no = bisect.bisect_right(starts, sentence.start) - 1 if starts else None
                named = inside.within(sentence)
                evidence_rows.append(
                    (
                        identifier,
                        count,
                        sentence.start,
                        sentence.end,
                        trigger.start,
                        trigger.end,
                        sentence_text,
                        trigger_text,
                        sentence_no,
                        _named_at(named, event, source_side=True),
                        _named_at(named, event, source_side=False),
                    )
                )
                if quote is None:
                    quote = Quote(sentence_text, trigger_text, sentence.start, trigger.start, sentence_no)
                count += 1
            if first:  # the report of a coding rests on its first telling's first evidence
                reports.append(_report(identifier, key, outlet, article, event, quote))
            evidence_count[identifier] = count
    prints = fingerprint(body, DEFAULT_PARAMS)
    return PreparedArticle(
        key,
        page_hash,
        row,
        attributions,
        mention_rows,
        events,
        evidence_rows,
        reports,
        prints,
        prints.band_keys(DEFAULT_PARAMS) if prints else (),
    )


class _MentionsBySentence:
    """The mentions a sentence contains, in the article's order, found by bisection on their starts.

    (Scanning every mention for every evidence sentence cost more than the rest of the rows.)
    """

    __slots__ = ("_mentions", "_order", "_starts")

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self._mentions = mentions
        self._order = sorted(range(len(mentions)), key=lambda index: mentions[index].span.start)
        self._starts = [mentions[index].span.start for index in self._order]

    def within(self, sentence: Span) -> list[Mention]:
        low = bisect.bisect_left(self._starts, sentence.start)
        high = bisect.bisect_right(self._starts, sentence.end, low)
        mentions = self._mentions
        inside = sorted(index for index in self._order[low:high] if mentions[index].span.end <= sentence.end)
        return [mentions[index] for index in inside]


def _named_at(named: Sequence[Mention], event: Event, *, source_side: bool) -> int | None:
    """Where a sentence names the event's source (or target) actor, given its mentions in order.

    The person's name when one is named, else a mention of the actor or its country; GDELT's
    Mentions table reports these offsets.
    """
    if not named:
        return None
    person = event.source_person if source_side else event.target_person
    codes = (
        {event.source, event.source_actor_code} if source_side else {event.target, event.target_actor_code}
    )
    codes.discard(None)
    fallback: int | None = None
    for mention in named:
        if person is not None and mention.canonical == person:
            return mention.span.start
        if fallback is None and (mention.actor in codes or mention.country in codes):
            fallback = mention.span.start
    return fallback


def outlet_key(article: Article) -> str:
    """Who published an article, as a key for counting sources.

    The outlet's name when the extractor found one, else the URL's host; an article with
    neither counts as a source of its own (its page id), never as "unknown" shared with others.
    """
    if article.outlet and article.outlet.strip():
        return " ".join(article.outlet.split())
    if article.page.url:
        host = urlsplit(article.page.url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return f"page:{article.doc}"


def _report(
    identifier: str, key: str, outlet: str, article: Article, event: Event, quote: Quote | None
) -> Report:
    """One event as a report; its group is the article itself until the linker finds it a copy."""
    when = event.when
    return Report(
        event_id=identifier,
        article_id=key,
        group=key,
        outlet=outlet,
        published=article.published,
        code=event.code,
        source=event.source,
        target=event.target,
        source_actor=event.source_actor_code,
        target_actor=event.target_actor_code,
        source_person=event.source_person,
        target_person=event.target_person,
        first=when.first if when else None,
        last=when.last if when else None,
        basis=event.date_basis,
        status=event.status.value,
        place=event.place,
        city=event.city,
        confidence=event.confidence,
        goldstein=event.goldstein,
        quad_class=event.quad_class,
        plover=event.plover,
        attribution=event.attribution,
        quote=quote,
    )


def _insert(
    connection: duckdb.DuckDBPyConnection,
    table: Table,
    rows: Sequence[tuple[Any, ...]],
    *,
    replace: bool = False,
) -> None:
    """Insert ``rows`` through Arrow: several times faster than DuckDB converting Python lists."""
    if not rows:
        return
    relation = f"_incoming_{table.name}"
    connection.register(relation, table.arrow(rows))
    try:
        connection.execute(table.insert_sql(relation, replace=replace))
    finally:
        connection.unregister(relation)


def write_links(connection: duckdb.DuckDBPyConnection, linked: Linked, now: datetime) -> None:
    """Write what the linker decided (inside the caller's transaction)."""
    _insert(connection, FINGERPRINTS, linked.fingerprints)
    _insert(connection, BANDS, linked.bands)
    _insert(
        connection,
        COPIES,
        [
            (copy.article_id, copy.original_id, copy.similar_to, copy.similarity, copy.method, now)
            for copy in linked.copies
        ],
    )
    founded: list[tuple[Any, ...]] = []
    changed: list[tuple[Any, ...]] = []
    for gid, (event, first_stored) in linked.events.items():
        (founded if gid in linked.founded else changed).append(fused_row(event, first_stored, now))
    _insert(connection, FUSED_EVENTS, founded)
    _insert(connection, FUSED_EVENTS, changed, replace=True)  # stored events a report joined
    _insert(connection, BLOCKS, linked.blocks)


FINGERPRINT_KEY = "fingerprint"


def check_fingerprints(connection: duckdb.DuckDBPyConnection) -> None:
    """Refuse a store whose fingerprints were made with other parameters (they would never match).

    Raises:
        StoreError: Naming both parameter sets.
    """
    row = connection.execute("SELECT value FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    expected = DEFAULT_PARAMS.describe()
    if row is None:
        connection.execute("INSERT INTO meta VALUES (?, ?)", [FINGERPRINT_KEY, expected])
    elif row[0] != expected:
        raise StoreError(
            f"the store's article fingerprints were made as {row[0]} but this thoisu makes them as "
            f"{expected}; copies could not be recognised across the two"
        )


def _event_row(identifier: str, article_id: str, seq: int, event: Event) -> tuple[Any, ...]:
    when = event.when
    return (
        identifier,
        article_id,
        seq,
        event.code,
        event.root,
        event.source,
        event.target,
        event.source_actor_code,
        event.target_actor_code,
        event.source_person,
        event.target_person,
        when.first if when else None,
        when.last if when else None,
        event.date_basis,
        event.status.value,
        event.place,
        event.city,
        event.attribution,
        event.goldstein,
        event.quad_class,
        event.plover,
        event.confidence,
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
