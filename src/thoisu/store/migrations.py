"""Versioned schema steps, applied in order when a store is opened.

Version 1 is ``schema.sql``. A later change to the schema is a new
:class:`Migration` appended to :func:`migrations` (``ALTER TABLE ...``), never
an edit of an old step, so every database, however old, reaches the current
schema by replaying the steps it lacks. A database written by a newer thoisu
is refused rather than misread.

Version 2 (``v2_fusion.sql``) adds copies of articles and fused events. Its
tables are derived from what version 1 already holds, so the step also fills
them: the stored articles are fingerprinted and their events fused, oldest
first, exactly as an ingest of the same pages would have done (see
:func:`thoisu.store.backfill.link_stored`). A step and its data run in one
transaction, so an interrupted upgrade leaves the previous version intact.

Version 4 (``v4_child_keys.sql``) drops the primary keys of the tables whose
rows only ever come with a new article (attributions, mentions, evidence):
keeping their indexes up to date was a large share of the cost of a write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources

import duckdb

from thoisu import __version__
from thoisu.errors import StoreError


@dataclass(slots=True, frozen=True)
class Migration:
    """One schema step.

    Attributes:
        version: The schema version the step produces (1, 2, ...).
        description: What changes, for the reader of a migration log.
        sql: The statements, run in one transaction.
        data: Run after ``sql`` in the same transaction, to fill what the new tables derive from
            the old ones.
    """

    version: int
    description: str
    sql: str
    data: Callable[[duckdb.DuckDBPyConnection], None] | None = None


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """Every schema step of this thoisu, oldest first."""
    from thoisu.store.backfill import link_stored

    folder = resources.files("thoisu.store")
    baseline = folder.joinpath("schema.sql").read_text(encoding="utf-8")
    fusion = folder.joinpath("v2_fusion.sql").read_text(encoding="utf-8")
    shards = folder.joinpath("v3_shards.sql").read_text(encoding="utf-8")
    child_keys = folder.joinpath("v4_child_keys.sql").read_text(encoding="utf-8")
    return (
        Migration(
            1, "baseline: pages, articles, mentions, events, evidence, attributions, rejects, runs", baseline
        ),
        Migration(
            2,
            "copies of articles (MinHash LSH) and fused events; stored articles are linked",
            fusion,
            link_stored,
        ),
        Migration(3, "ledger of committed shards, for resumable batch runs", shards),
        Migration(
            4,
            "attributions, mentions and evidence without primary keys (the article's key makes them unique)",
            child_keys,
        ),
    )


def latest_version(steps: Sequence[Migration] | None = None) -> int:
    """The schema version ``steps`` lead to."""
    steps = migrations() if steps is None else steps
    return steps[-1].version if steps else 0


def current_version(connection: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database (0 for an empty one).

    Raises:
        StoreError: When the database holds tables but is not a thoisu store.
    """
    tables = {
        row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    if not tables:
        return 0
    if "meta" not in tables:
        raise StoreError(
            f"the database holds other tables ({', '.join(sorted(tables)[:5])}) and is not a thoisu store"
        )
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or not str(row[0]).isdigit():
        raise StoreError("the database's meta table has no valid schema_version; it is not a thoisu store")
    return int(row[0])


def check_version(version: int, steps: Sequence[Migration] | None = None) -> None:
    """Refuse a database newer than this thoisu understands.

    Raises:
        StoreError: Naming both versions and the fix.
    """
    latest = latest_version(steps)
    if version > latest:
        raise StoreError(
            f"the database has schema version {version} but this thoisu ({__version__}) knows only up to "
            f"{latest}; upgrade thoisu to use it"
        )


def apply_migrations(connection: duckdb.DuckDBPyConnection, steps: Sequence[Migration] | None = None) -> int:
    """Bring the database up to the latest schema; return the resulting version.

    Each step runs in its own transaction together with the version bump, so an
    interrupted upgrade leaves the database at the last completed step.

    Raises:
        StoreError: When the database is newer than ``steps``, not a thoisu store, or a step fails.
    """
    steps = migrations() if steps is None else steps
    versions = [step.version for step in steps]
    if versions != list(range(1, len(steps) + 1)):
        raise StoreError(f"migration steps must be numbered 1, 2, 3... in order, got {versions}")
    version = current_version(connection)
    check_version(version, steps)
    for step in steps[version:]:
        try:
            connection.execute("BEGIN TRANSACTION")
            connection.execute(step.sql)
            if step.data is not None:
                step.data(connection)
            if step.version == 1:
                created = datetime.now(UTC).isoformat(timespec="seconds")
                connection.execute("INSERT INTO meta VALUES ('created', ?)", [created])
            connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('thoisu_version', ?)",
                [str(step.version), __version__],
            )
            connection.execute("COMMIT")
        except (duckdb.Error, StoreError) as exc:
            connection.execute("ROLLBACK")
            raise StoreError(f"schema step {step.version} ({step.description}) failed: {exc}") from exc
        version = step.version
    return version
