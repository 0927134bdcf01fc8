from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from thoisu.errors import StoreError
from thoisu.store import Migration, Store
from thoisu.store.migrations import apply_migrations, current_version, latest_version, migrations


def meta(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return dict(connection.execute("SELECT key, value FROM meta").fetchall())


def test_new_store_gets_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    values = meta(path)
    assert values["schema_version"] == str(latest_version())
    assert values["created"][:2] == "20"
    tables = {
        "meta",
        "runs",
        "pages",
        "articles",
        "attributions",
        "mentions",
        "events",
        "event_evidence",
        "rejects",
        "article_fingerprints",
        "article_bands",
        "article_copies",
        "fused_events",
        "fused_blocks",
        "shards",
    }
    with duckdb.connect(str(path), read_only=True) as connection:
        found = {
            row[0]
            for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    assert found == tables


def test_later_steps_are_applied_in_order_to_an_old_store(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()  # the current version
    now = latest_version()
    steps = (
        *migrations(),
        Migration(now + 1, "add a column", "ALTER TABLE events ADD COLUMN reviewed BOOLEAN DEFAULT false"),
        Migration(now + 2, "add a table", "CREATE TABLE notes (event_id VARCHAR, note VARCHAR)"),
    )
    store = Store.open(path, steps=steps)
    store.close()
    assert meta(path)["schema_version"] == str(now + 2)
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
        columns = {row[0] for row in connection.execute("DESCRIBE events").fetchall()}
    assert "reviewed" in columns
    Store.open(path, steps=steps).close()  # nothing left to apply: opening again is harmless


def test_a_failing_step_leaves_the_last_good_version(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    now = latest_version()
    steps = (*migrations(), Migration(now + 1, "broken", "ALTER TABLE no_such_table ADD COLUMN x INTEGER"))
    with pytest.raises(StoreError, match=f"step {now + 1}"):
        Store.open(path, steps=steps)
    assert meta(path)["schema_version"] == str(now)


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    future = latest_version() + 1
    steps = (*migrations(), Migration(future, "future", "CREATE TABLE future (x INTEGER)"))
    Store.open(path, steps=steps).close()
    with pytest.raises(StoreError, match=rf"schema version {future}.*upgrade thoisu"):
        Store.open(path)


def test_steps_must_be_numbered_in_order() -> None:
    connection = duckdb.connect(":memory:")
    with pytest.raises(StoreError, match="numbered"):
        apply_migrations(connection, (Migration(2, "skips one", "SELECT 1"),))
    assert current_version(connection) == 0
