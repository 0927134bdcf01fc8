"""The writer's deduplication and fusion step: link copies to originals, reports to fused events.

The store hands over a batch of articles when it flushes. For each article in
the order they were written:

1. **Copies.** Its body's MinHash fingerprint is looked up by LSH band among
   the stored articles and the batch's earlier ones; a candidate whose full
   signature is similar enough (see :mod:`thoisu.dedup.fingerprint`) makes
   the article a copy of that candidate's *original* (the first article of the
   cluster ever stored), recorded in ``article_copies``. Nothing is dropped: a
   copy's events are still stored, as mentions of the same fused events, but
   the copy belongs to its original's independence group and adds no
   independent source.
2. **Fusion.** Each of its events becomes a :class:`~thoisu.fusion.Report`,
   looked up by block among the fused events (:mod:`thoisu.fusion.match`);
   the best compatible one gains the report, otherwise the report founds a new
   fused event.

Working a whole batch at once keeps the database out of the per-article path:
a filter of the band and block keys of every stored row lives in memory
(:class:`~thoisu.store.keyindex.KeyFilter`, loaded on the first flush), so a
page that copies nothing and a dyad not seen that week cost no query, and the
rows that are needed come in one indexed query per table per batch. The
result is the same as handling the articles one by one (the batch's own
updates are consulted before the stored state), so where a batch ends does
not change what is stored: ingesting pages in two runs equals one run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, islice, repeat
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from thoisu.dedup.fingerprint import DEFAULT_PARAMS, Fingerprint, FingerprintParams
from thoisu.errors import StoreError
from thoisu.fusion.event import FusedEvent
from thoisu.fusion.match import best_match, blocks
from thoisu.fusion.model import Alternative, Report
from thoisu.store.keyindex import KeyFilter

#: Articles considered as originals of a copy, at most (a boilerplate body can match thousands).
MAX_COPY_CANDIDATES = 64


@dataclass(slots=True)
class PendingArticle:
    """What the linker needs of an accepted article.

    Attributes:
        article_id: The article.
        fingerprint: Its body's fingerprint (None for a body too short to have one).
        reports: Its events as reports; their ``group`` is set when the batch is linked.
        bands: The fingerprint's LSH band keys under the linker's parameters, when the caller
            has them (computed from the fingerprint otherwise).
    """

    article_id: str
    fingerprint: Fingerprint | None
    reports: list[Report] = field(default_factory=list)
    bands: tuple[int, ...] | None = None


@dataclass(slots=True, frozen=True)
class CopyLink:
    """An article found to copy another."""

    article_id: str
    original_id: str
    similar_to: str
    similarity: float
    method: str  # "exact" (same words) or "near" (MinHash)


@dataclass(slots=True)
class Linked:
    """The outcome of linking a batch: rows to write and the fused event of every report.

    Attributes:
        fused: Fused id of each report (by event id).
        events: Fused events created or changed, with the time each was first stored.
        founded: Keys of the events this batch created (the others are stored and changed).
        fingerprints, bands, copies, blocks: New rows of those tables.
    """

    fused: dict[str, str] = field(default_factory=dict)
    events: dict[int, tuple[FusedEvent, datetime]] = field(default_factory=dict)
    founded: set[int] = field(default_factory=set)
    fingerprints: list[tuple[Any, ...]] = field(default_factory=list)
    bands: list[tuple[int, str]] = field(default_factory=list)
    copies: list[CopyLink] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class _Known:
    """A fingerprinted article: stored or earlier in the batch."""

    fingerprint: Fingerprint
    original_id: str


class Linker:
    """Deduplication and fusion state of one store writer.

    Args:
        connection: The writer's connection (read for candidates; the store writes the results).
        params: Fingerprint parameters (must match those the store recorded).
    """

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, params: FingerprintParams = DEFAULT_PARAMS
    ) -> None:
        self._connection = connection
        self.params = params
        self._bands: KeyFilter | None = None
        self._blocks: KeyFilter | None = None

    # ------------------------------------------------------------ in-memory keys

    def _band_filter(self) -> KeyFilter:
        if self._bands is None:
            self._bands = KeyFilter(self._column("SELECT band_key FROM article_bands"))
        return self._bands

    def _block_filter(self) -> KeyFilter:
        if self._blocks is None:
            self._blocks = KeyFilter(self._column("SELECT block FROM fused_blocks"))
        return self._blocks

    @property
    def memory(self) -> int:
        """Bytes held by the in-memory key filters."""
        return sum(keys.nbytes for keys in (self._bands, self._blocks) if keys is not None)

    def committed(self, linked: Linked) -> None:
        """Record the keys of a batch the store has written (call after its transaction commits)."""
        if linked.bands:
            self._band_filter().add([key for key, _ in linked.bands])
        if linked.blocks:
            self._block_filter().add([key for key, _ in linked.blocks])

    def forget(self) -> None:
        """Drop the in-memory keys (after a failed write they may name rows that were never stored)."""
        self._bands = None
        self._blocks = None

    # ------------------------------------------------------------ linking

    def link(self, batch: Sequence[PendingArticle], now: datetime) -> Linked:
        """Decide the copies and the fused events of a batch, in order.

        Raises:
            StoreError: When the database cannot be read.
        """
        linked = Linked()
        groups = self._copies(batch, linked)
        self._fuse(batch, groups, linked, now)
        return linked

    def _copies(self, batch: Sequence[PendingArticle], linked: Linked) -> dict[str, str]:
        """The independence group (original id) of every article, recording copies and fingerprints."""
        keyed = {
            item.article_id: item.fingerprint.band_keys(self.params) if item.bands is None else item.bands
            for item in batch
            if item.fingerprint
        }
        stored = self._stored_candidates([key for keys in keyed.values() for key in keys])
        known: dict[str, _Known] = {}
        ids = sorted({article for articles in stored.values() for article in articles})
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for article_id, body_hash, shingles, signature, original in self._fetch(
                "SELECT article_id, body_hash, shingles, signature, original_id FROM article_fingerprints "
                f"WHERE article_id IN ({_marks(len(chunk))})",
                chunk,
            ):
                known[article_id] = _Known(Fingerprint(body_hash, shingles, bytes(signature)), original)
        in_batch: dict[int, list[str]] = defaultdict(list)
        groups: dict[str, str] = {}
        for item in batch:
            fingerprint = item.fingerprint
            if fingerprint is None:
                groups[item.article_id] = item.article_id
                continue
            keys = keyed[item.article_id]
            # Articles sharing a band, in the order of the bands (stored ones first), each once.
            sources: list[Iterable[str]] = []
            for key in keys:
                if key in stored:
                    sources.append(stored[key])
                if key in in_batch:
                    sources.append(in_batch[key])
            candidates = dict.fromkeys(chain.from_iterable(sources))
            considered = list(
                islice(
                    (article for article in candidates if article != item.article_id and article in known),
                    MAX_COPY_CANDIDATES,
                )
            )
            best: tuple[float, str] | None = None
            similarities = _similarities(fingerprint, [known[article].fingerprint for article in considered])
            for article, similarity in zip(considered, similarities, strict=True):
                if similarity >= self.params.threshold and (
                    best is None or (-similarity, article) < (-best[0], best[1])
                ):
                    best = (similarity, article)
            original = item.article_id
            if best is not None:
                similarity, similar_to = best
                original = known[similar_to].original_id
                exact = fingerprint.body_hash == known[similar_to].fingerprint.body_hash
                linked.copies.append(
                    CopyLink(
                        item.article_id,
                        original,
                        similar_to,
                        round(similarity, 4),
                        "exact" if exact else "near",
                    )
                )
            groups[item.article_id] = original
            known[item.article_id] = _Known(fingerprint, original)
            linked.fingerprints.append(
                (
                    item.article_id,
                    fingerprint.body_hash,
                    fingerprint.shingles,
                    fingerprint.signature,
                    original,
                )
            )
            for key in keys:
                in_batch[key].append(item.article_id)
            linked.bands += zip(keys, repeat(item.article_id))
        return groups

    def _stored_candidates(self, keys: list[int]) -> dict[int, list[str]]:
        """Stored articles filed under each band key, sorted (keys the filter rules out are not asked)."""
        found: dict[int, set[str]] = defaultdict(set)
        passing = self._band_filter().passing(keys)
        for key, article in self._lookup("article_bands", "band_key", "article_id", passing):
            found[key].add(article)
        return {key: sorted(articles) for key, articles in found.items()}

    def _stored_blocks(self, keys: Iterable[int]) -> dict[int, set[int]]:
        """Stored fused events filed under each block key."""
        result: dict[int, set[int]] = defaultdict(set)
        for key, gid in self._lookup("fused_blocks", "block", "gid", self._block_filter().passing(keys)):
            result[key].add(gid)
        return result

    def _lookup(self, table: str, key: str, value: str, keys: list[int]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            sql = f"SELECT {key}, {value} FROM {table} WHERE {key} IN ({_marks(len(chunk))})"
            rows += self._fetch(sql, chunk)
        return rows

    def _fuse(
        self, batch: Sequence[PendingArticle], groups: dict[str, str], linked: Linked, now: datetime
    ) -> None:
        reports = [
            report if report.group == groups[item.article_id] else report.with_group(groups[item.article_id])
            for item in batch
            for report in item.reports
        ]
        keys = {report.event_id: blocks(report) for report in reports}
        stored_blocks = self._stored_blocks(key for report_keys in keys.values() for key in report_keys)
        events = self._load(sorted({gid for gids in stored_blocks.values() for gid in gids}))
        new_blocks: dict[int, set[int]] = defaultdict(set)

        def filed_under(event: FusedEvent) -> set[int]:
            """The blocks the event is filed under (``event_blocks``, each report's keys computed once)."""
            found: set[int] = set()
            for member in event.reports:
                member_keys = keys.get(member.event_id)
                if member_keys is None:  # a stored report
                    member_keys = keys[member.event_id] = blocks(member)
                found.update(member_keys)
            return found

        for report in reports:
            report_keys = keys[report.event_id]
            gids: set[int] = set()
            for key in report_keys:
                if key in stored_blocks:
                    gids |= stored_blocks[key]
                if key in new_blocks:
                    gids |= new_blocks[key]
            candidates = [events[gid][0] for gid in sorted(gids) if gid in events]
            match = best_match(report, candidates)
            if match is None:
                event = FusedEvent.found(report)
                first_stored = now
                filed: set[int] = set()
                linked.founded.add(event.gid)
            else:
                event = match.with_report(report)
                first_stored = events[match.gid][1]
                filed = filed_under(match)
            gid = event.gid
            events[gid] = (event, first_stored)
            linked.events[gid] = (event, first_stored)
            linked.fused[report.event_id] = event.fused_id
            for key in report_keys:
                if key not in filed and gid not in new_blocks[key]:
                    new_blocks[key].add(gid)
                    linked.blocks.append((key, gid))

    def _load(self, gids: list[int]) -> dict[int, tuple[FusedEvent, datetime]]:
        """The stored fused events with these keys, rebuilt from their reports."""
        events: dict[int, tuple[FusedEvent, datetime]] = {}
        for start in range(0, len(gids), _CHUNK):
            chunk = gids[start : start + _CHUNK]
            for gid, fused_id, reports, first_stored in self._fetch(
                "SELECT gid, fused_id, reports, first_stored FROM fused_events "
                f"WHERE gid IN ({_marks(len(chunk))})",
                chunk,
            ):
                try:
                    parsed = tuple(Report.from_json(item) for item in json.loads(reports))
                except ValueError as exc:
                    raise StoreError(f"fused event {fused_id} has unreadable reports: {exc}") from exc
                events[gid] = (FusedEvent.of(fused_id, parsed), first_stored)
        return events

    # ------------------------------------------------------------ internals

    def _column(self, sql: str) -> npt.NDArray[np.int64]:
        try:
            result = self._connection.execute(sql).fetchnumpy()
        except duckdb.Error as exc:
            raise StoreError(f"reading keys failed: {exc}") from exc
        return np.asarray(next(iter(result.values())), dtype=np.int64)

    def _fetch(self, sql: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql, list(parameters)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"reading candidates failed: {exc}") from exc


def _similarities(fingerprint: Fingerprint, others: Sequence[Fingerprint]) -> list[float]:
    """``fingerprint.similarity(other)`` for each of ``others``, their signatures compared at once."""
    if not others:
        return []
    size = len(fingerprint.signature)
    if any(len(other.signature) != size for other in others):  # other parameters: similarity says so
        return [fingerprint.similarity(other) for other in others]
    mine = fingerprint.values()
    theirs = np.frombuffer(b"".join(other.signature for other in others), dtype=mine.dtype)
    agreeing = np.count_nonzero(theirs.reshape(len(others), len(mine)) == mine, axis=1).tolist()
    return [
        1.0 if other.body_hash == fingerprint.body_hash else count / len(mine)
        for other, count in zip(others, agreeing, strict=True)
    ]


#: Keys per IN list: DuckDB answers such lists from the ART index, about 20 µs a key.
_CHUNK = 2000


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def fused_row(event: FusedEvent, first_stored: datetime, now: datetime) -> tuple[Any, ...]:
    """The ``fused_events`` row of an event (column order of ``FUSED_EVENTS``)."""
    agreed = event.consensus
    quote = next(report.quote for report in event.reports if report.event_id == agreed.headline)
    return (
        event.gid,
        event.fused_id,
        event.family,
        event.dyad,
        agreed.code,
        agreed.root,
        agreed.source,
        agreed.target,
        agreed.source_actor,
        agreed.target_actor,
        agreed.source_person,
        agreed.target_person,
        agreed.first,
        agreed.last,
        agreed.date_basis,
        agreed.date_disputed,
        _alternatives(agreed.date_alternatives),
        event.status,
        agreed.place,
        agreed.city,
        _alternatives(agreed.place_alternatives),
        agreed.goldstein,
        agreed.quad_class,
        agreed.plover,
        agreed.confidence,
        agreed.mentions,
        agreed.articles,
        agreed.sources,
        agreed.independent,
        agreed.first_reported,
        first_stored,
        now,
        agreed.headline,
        quote.sentence if quote else None,
        quote.trigger if quote else None,
        quote.sentence_start if quote else None,
        quote.trigger_start if quote else None,
        quote.sentence_no if quote else None,
        list(agreed.outlets),
        list(agreed.attributions),
        "[" + ", ".join([report.json_text() for report in event.reports]) + "]",  # json.dumps of the list
    )


def _alternatives(values: Sequence[Alternative]) -> str:
    if not values:
        return "[]"
    return json.dumps([value.to_json() for value in values], ensure_ascii=False)
