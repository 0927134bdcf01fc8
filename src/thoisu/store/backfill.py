"""Linking the articles a store held before it had copies and fused events (schema step 2).

The articles are taken in the order they were stored and linked in batches
exactly as an ingest links them (:class:`~thoisu.store.linker.Linker`), so an
upgraded store holds what a new store would after ingesting the same pages in
the same order. Everything needed is in the version 1 tables: the body for
the fingerprint, the events' columns for the reports, the article's outlet,
URL and publication day. Only the evidence's sentence numbers and actor
offsets, which need the article's sentence and entity spans, stay empty for
old rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import duckdb

from thoisu.dedup.fingerprint import DEFAULT_PARAMS, fingerprint
from thoisu.fusion.model import Quote, Report
from thoisu.model import Article, Page
from thoisu.store.linker import Linker, PendingArticle

#: Articles linked per batch.
BATCH = 500


def link_stored(connection: duckdb.DuckDBPyConnection) -> None:
    """Fingerprint every stored article and fuse every stored event that has no fused event yet.

    Runs inside the migration's transaction on ``connection``.
    """
    from thoisu.store.store import outlet_key, write_links

    ids = [
        row[0]
        for row in connection.execute(
            "SELECT article_id FROM articles ORDER BY stored, article_id"
        ).fetchall()
    ]
    linker = Linker(connection, DEFAULT_PARAMS)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        marks = ", ".join("?" * len(chunk))
        articles = {
            row[0]: row
            for row in connection.execute(
                "SELECT article_id, doc, url, outlet, published, body FROM articles "
                f"WHERE article_id IN ({marks})",
                chunk,
            ).fetchall()
        }
        events: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in connection.execute(
            "SELECT e.article_id, e.event_id, e.code, e.source, e.target, e.source_actor_code, "
            "e.target_actor_code, e.source_person, e.target_person, e.date_first, e.date_last, e.date_basis, "
            "e.status, e.place, e.city, e.confidence, e.goldstein, e.quad_class, e.plover, e.attribution, "
            "v.sentence, v.trigger, v.sentence_start, v.trigger_start "
            "FROM events e LEFT JOIN event_evidence v ON v.event_id = e.event_id AND v.seq = 0 "
            f"WHERE e.fused_id IS NULL AND e.article_id IN ({marks}) ORDER BY e.article_id, e.seq",
            chunk,
        ).fetchall():
            events[row[0]].append(row)
        pending = []
        for article_id in chunk:
            _, doc, url, outlet, published, body = articles[article_id]
            # outlet_key reads only these fields of an article.
            shell = Article(page=Page(id=doc, raw="", url=url), outlet=outlet)
            outlet_name = outlet_key(shell)
            reports = [
                Report(
                    event_id=row[1],
                    article_id=article_id,
                    group="",
                    outlet=outlet_name,
                    published=published,
                    code=row[2],
                    source=row[3],
                    target=row[4],
                    source_actor=row[5],
                    target_actor=row[6],
                    source_person=row[7],
                    target_person=row[8],
                    first=row[9],
                    last=row[10],
                    basis=row[11],
                    status=row[12],
                    place=row[13],
                    city=row[14],
                    confidence=row[15],
                    goldstein=row[16],
                    quad_class=row[17],
                    plover=row[18],
                    attribution=row[19],
                    quote=None if row[20] is None else Quote(row[20], row[21], row[22], row[23]),
                )
                for row in events.get(article_id, [])
            ]
            pending.append(PendingArticle(article_id, fingerprint(body or "", DEFAULT_PARAMS), reports))
        now = datetime.now(UTC).replace(tzinfo=None)
        linked = linker.link(pending, now)
        write_links(connection, linked, now)
        if linked.fused:
            connection.execute(
                "UPDATE events SET fused_id = links.fused_id FROM "
                "(SELECT unnest(?::VARCHAR[]) AS event_id, unnest(?::VARCHAR[]) AS fused_id) AS links "
                "WHERE events.event_id = links.event_id",
                [list(linked.fused), list(linked.fused.values())],
            )
        linker.committed(linked)
