"""Writing fused events and their mentions to files: JSON Lines, CSV, Parquet, GDELT 2.0.

CSV and Parquet are written by DuckDB's ``COPY ... TO`` (no extra package, and
as fast as DuckDB scans); JSON Lines and GDELT rows are assembled in Python
from streamed query results, a few thousand rows at a time, so an export of a
large store runs in constant memory. Every format takes the same selection of
events (a ``WHERE`` clause on ``fused_events f`` built by the service) and
writes exactly the mentions of the selected events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

from thoisu.errors import StoreError
from thoisu.store.gdelt import (
    GdeltEvent,
    GdeltMention,
    event_fields,
    load_places,
    mention_fields,
)

#: Rows fetched at a time from a streamed result.
FETCH = 2000


@dataclass(frozen=True, slots=True)
class Selection:
    """Which fused events to export: a ``WHERE`` clause on ``fused_events f`` and its parameters."""

    where: str
    parameters: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    paths: tuple[Path, ...]
    events: int
    mentions: int


_EVENT_TABLE = (
    "f.fused_id AS event_id, f.gid, f.code, f.root, f.source, f.target, f.source_actor_code, "
    "f.target_actor_code, f.source_person, f.target_person, f.date_first, f.date_last, f.date_basis, "
    "f.date_disputed, f.date_alternatives, f.status, f.place, f.city, f.place_alternatives, f.goldstein, "
    "f.quad_class, f.plover, f.confidence, f.mentions, f.articles, f.sources, f.independent, "
    "f.first_reported, f.first_stored, {outlets} AS outlets, {attributions} AS attributions"
)
_MENTION_TABLE = (
    "e.event_id AS mention_id, e.fused_id AS event_id, e.article_id, a.doc, a.url, a.title, a.outlet, "
    "a.published, c.original_id AS copy_of, e.code, e.source, e.target, e.source_actor_code, "
    "e.target_actor_code, e.source_person, e.target_person, e.date_first, e.date_last, e.date_basis, "
    "e.status, e.place, e.city, e.attribution, e.goldstein, e.quad_class, e.plover, e.confidence, "
    "v.sentence, v.trigger, v.sentence_no"
)
_MENTION_JOINS = (
    "events e JOIN articles a USING (article_id) LEFT JOIN article_copies c USING (article_id) "
    "LEFT JOIN event_evidence v ON v.event_id = e.event_id AND v.seq = 0"
)


def _selected(selection: Selection) -> str:
    return f"SELECT f.fused_id FROM fused_events f {selection.where}"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _count(connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[Any]) -> int:
    row = connection.execute(f"SELECT count(*) FROM ({sql})", list(parameters)).fetchone()
    return int(row[0]) if row else 0


def export_tables(
    connection: duckdb.DuckDBPyConnection, selection: Selection, out: Path, output_format: str
) -> ExportResult:
    """Write ``events.<fmt>`` and ``mentions.<fmt>`` (csv or parquet) into the directory ``out``.

    Lists (outlets, attributions) stay lists in Parquet and become ``; ``-joined text in CSV;
    date and place alternatives are JSON text in both.

    Raises:
        StoreError: When DuckDB cannot write the files.
    """
    if output_format not in ("csv", "parquet"):
        raise ValueError(f"table exports are csv or parquet, not {output_format!r}")
    as_csv = output_format == "csv"
    columns = _EVENT_TABLE.format(
        outlets="array_to_string(f.outlets, '; ')" if as_csv else "f.outlets",
        attributions="array_to_string(f.attributions, '; ')" if as_csv else "f.attributions",
    )
    events_sql = (
        f"SELECT {columns} FROM fused_events f {selection.where} ORDER BY f.date_first NULLS LAST, f.fused_id"
    )
    mentions_sql = (
        f"SELECT {_MENTION_TABLE} FROM {_MENTION_JOINS} WHERE e.fused_id IN ({_selected(selection)}) "
        "ORDER BY e.fused_id, a.published NULLS LAST, e.article_id, e.seq"
    )
    options = "(FORMAT csv, HEADER true)" if as_csv else "(FORMAT parquet)"
    paths = (out / f"events.{output_format}", out / f"mentions.{output_format}")
    try:
        for sql, path in zip((events_sql, mentions_sql), paths, strict=True):
            connection.execute(f"COPY ({sql}) TO {_literal(path)} {options}", list(selection.parameters))
        events = _count(connection, f"SELECT 1 FROM fused_events f {selection.where}", selection.parameters)
        mentions = _count(
            connection,
            f"SELECT 1 FROM events e WHERE e.fused_id IN ({_selected(selection)})",
            selection.parameters,
        )
    except duckdb.Error as exc:
        raise StoreError(f"export to {out} failed: {exc}") from exc
    return ExportResult(paths, events, mentions)


def _stream(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[Any]
) -> Iterator[tuple[Any, ...]]:
    """Rows of a query, fetched a block at a time on a cursor of their own."""
    cursor = connection.cursor()
    try:
        cursor.execute(sql, list(parameters))
        while rows := cursor.fetchmany(FETCH):
            yield from rows
    except duckdb.Error as exc:
        raise StoreError(f"export query failed: {exc}") from exc
    finally:
        cursor.close()


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day_range(first: date | None, last: date | None) -> str | list[str] | None:
    if first is None or last is None:
        return None
    return first.isoformat() if first == last else [first.isoformat(), last.isoformat()]


def export_jsonl(
    connection: duckdb.DuckDBPyConnection, selection: Selection, stream: IO[str]
) -> ExportResult:
    """Write one JSON object per selected event, its mentions and their evidence nested.

    Events come ordered by id, and so do their mentions, so the two streams are merged
    without holding either in memory.
    """
    events_sql = (
        "SELECT f.fused_id, f.code, f.root, f.source, f.target, f.source_actor_code, f.target_actor_code, "
        "f.source_person, f.target_person, f.date_first, f.date_last, f.date_basis, f.date_disputed, "
        "f.date_alternatives, f.status, f.place, f.city, f.place_alternatives, f.goldstein, f.quad_class, "
        "f.plover, f.confidence, f.mentions, f.articles, f.sources, f.independent, f.first_reported, "
        f"f.outlets, f.attributions FROM fused_events f {selection.where} ORDER BY f.fused_id"
    )
    mentions_sql = (
        "SELECT e.fused_id, e.event_id, e.article_id, a.doc, a.url, a.outlet, a.published, c.original_id, "
        "e.code, e.source, e.target, e.source_person, e.target_person, e.date_first, e.date_last, "
        "e.date_basis, e.status, e.place, e.attribution, e.confidence, "
        "(SELECT list({'sentence': v.sentence, 'trigger': v.trigger, "
        "'sentence_span': [v.sentence_start, v.sentence_end], "
        "'trigger_span': [v.trigger_start, v.trigger_end]} "
        "ORDER BY v.seq) FROM event_evidence v WHERE v.event_id = e.event_id) "
        "FROM events e JOIN articles a USING (article_id) LEFT JOIN article_copies c USING (article_id) "
        f"WHERE e.fused_id IN ({_selected(selection)}) ORDER BY e.fused_id, a.published NULLS LAST, "
        "e.article_id, e.seq"
    )
    mentions = _stream(connection, mentions_sql, selection.parameters)
    pending = next(mentions, None)
    events = written = 0
    for row in _stream(connection, events_sql, selection.parameters):
        fused_id = row[0]
        reports = []
        while pending is not None and pending[0] < fused_id:
            pending = next(mentions, None)
        while pending is not None and pending[0] == fused_id:
            reports.append(
                {
                    "mention_id": pending[1],
                    "article_id": pending[2],
                    "doc": pending[3],
                    "url": pending[4],
                    "outlet": pending[5],
                    "published": _iso(pending[6]),
                    "copy_of": pending[7],
                    "code": pending[8],
                    "source": pending[9],
                    "target": pending[10],
                    "source_actor": pending[11],
                    "target_actor": pending[12],
                    "date": _day_range(pending[13], pending[14]),
                    "date_basis": pending[15],
                    "status": pending[16],
                    "where": pending[17],
                    "attribution": pending[18],
                    "confidence": pending[19],
                    "evidence": pending[20] or [],
                }
            )
            pending = next(mentions, None)
        record = {
            "id": fused_id,
            "code": row[1],
            "root": row[2],
            "source": row[3],
            "target": row[4],
            "source_actor_code": row[5],
            "target_actor_code": row[6],
            "source_actor": row[7],
            "target_actor": row[8],
            "date": _day_range(row[9], row[10]),
            "date_basis": row[11],
            "date_disputed": row[12],
            "date_alternatives": json.loads(row[13] or "[]"),
            "status": row[14],
            "where": row[15],
            "city": row[16],
            "place_alternatives": json.loads(row[17] or "[]"),
            "goldstein": row[18],
            "quad_class": row[19],
            "plover": row[20],
            "confidence": row[21],
            "num_mentions": row[22],
            "num_articles": row[23],
            "num_sources": row[24],
            "num_independent_sources": row[25],
            "first_reported": _iso(row[26]),
            "outlets": list(row[27] or ()),
            "attributions": list(row[28] or ()),
            "mentions": reports,
        }
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        events += 1
        written += len(reports)
    return ExportResult((), events, written)


def export_gdelt(connection: duckdb.DuckDBPyConnection, selection: Selection, out: Path) -> ExportResult:
    """Write GDELT 2.0 ``thoisu.export.CSV`` (Event table) and ``thoisu.mentions.CSV`` into ``out``.

    Tab-separated, no header, one row per event and one per mention, as GDELT publishes them.
    """
    places = load_places()
    events_sql = (
        "SELECT f.gid, f.code, f.source, f.target, f.source_actor_code, f.target_actor_code, "
        "f.source_person, f.target_person, f.date_first, f.first_reported, f.place, f.goldstein, "
        "f.quad_class, f.mentions, f.sources, f.articles, f.first_stored, "
        "(SELECT min(v.sentence_no) FROM events m JOIN event_evidence v ON v.event_id = m.event_id "
        " WHERE m.fused_id = f.fused_id) = 0, "
        "(SELECT coalesce(a.url, a.doc) FROM events m JOIN articles a USING (article_id) "
        " WHERE m.fused_id = f.fused_id "
        " ORDER BY a.url IS NULL, a.published NULLS LAST, a.stored, a.article_id LIMIT 1) "
        f"FROM fused_events f {selection.where} ORDER BY f.first_stored, f.gid"
    )
    mentions_sql = (
        "SELECT f.gid, f.first_stored, a.stored, coalesce(a.outlet, a.url, a.doc), coalesce(a.url, a.doc), "
        "v.sentence_no, v.source_offset, v.target_offset, v.trigger_start, e.confidence, length(a.text), "
        "e.target IS NOT NULL "
        "FROM events e JOIN fused_events f ON f.fused_id = e.fused_id JOIN articles a USING (article_id) "
        "LEFT JOIN event_evidence v ON v.event_id = e.event_id AND v.seq = 0 "
        f"WHERE e.fused_id IN ({_selected(selection)}) ORDER BY f.first_stored, f.gid, a.stored, e.event_id"
    )
    paths = (out / "thoisu.export.CSV", out / "thoisu.mentions.CSV")
    events = mentions = 0
    with paths[0].open("w", encoding="utf-8", newline="") as stream:
        for row in _stream(connection, events_sql, selection.parameters):
            event = GdeltEvent(
                gid=row[0],
                code=row[1],
                source=row[2],
                target=row[3],
                source_actor_code=row[4],
                target_actor_code=row[5],
                source_person=row[6],
                target_person=row[7],
                date_first=row[8],
                first_reported=row[9],
                place=row[10],
                goldstein=row[11],
                quad_class=row[12],
                mentions=row[13],
                sources=row[14],
                articles=row[15],
                is_root=bool(row[17]),
                first_stored=row[16],
                source_url=row[18] or "",
            )
            stream.write("\t".join(event_fields(event, places)) + "\n")
            events += 1
    with paths[1].open("w", encoding="utf-8", newline="") as stream:
        for row in _stream(connection, mentions_sql, selection.parameters):
            mention = GdeltMention(
                gid=row[0],
                event_added=row[1],
                mention_stored=row[2],
                source_name=row[3],
                identifier=row[4],
                sentence_no=row[5],
                source_offset=row[6],
                target_offset=row[7],
                action_offset=row[8],
                confidence=row[9],
                doc_length=row[10] or 0,
                has_target=bool(row[11]),
            )
            stream.write("\t".join(mention_fields(mention)) + "\n")
            mentions += 1
    return ExportResult(paths, events, mentions)
