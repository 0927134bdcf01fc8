from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from thoisu.errors import StoreError
from thoisu.model import Article, Attribution, DateRange, Event, Evidence, Mention, Page, Span
from thoisu.store import Migration, Store
from thoisu.store.migrations import apply_migrations, current_version, latest_version, migrations


def article() -> Article:
    text = "Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh."
    meeting = Event(
        "PRK",
        "CHN",
        "040",
        DateRange.day(date(2024, 3, 21)),
        evidence=[Evidence(Span(0, len(text)), Span(text.index("gặp"), text.index("gặp") + 3))],
    )
    at = text.index("Vương Nghị")
    return Article(
        page=Page(id="a.txt", raw=text),
        text=text,
        body=[Span(0, len(text))],
        sentences=[Span(0, len(text))],
        attributions=[Attribution("KCNA")],
        mentions=[Mention(Span(at, at + len("Vương Nghị")), "PER", "CHNGOV", "CHN", "Wang Yi")],
        events=[meeting],
    )


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


CHILDREN = ("attributions", "mentions", "event_evidence")


def schema(path: Path) -> dict[str, Any]:
    """Columns (in order, with types and nullability) and constraints of every table."""
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = connection.execute(
            "SELECT table_name, column_index, column_name, data_type, is_nullable FROM duckdb_columns() "
            "ORDER BY ALL"
        ).fetchall()
        constraints = connection.execute(
            "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
            "ORDER BY ALL"
        ).fetchall()
        indexes = connection.execute(
            "SELECT table_name, index_name FROM duckdb_indexes() ORDER BY ALL"
        ).fetchall()
    return {"columns": columns, "constraints": constraints, "indexes": indexes}


def child_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in CHILDREN
        }


def keyed(path: Path) -> set[str]:
    return {table for table, kind, _ in schema(path)["constraints"] if kind == "PRIMARY KEY"}


def test_child_tables_lose_their_keys_and_keep_their_rows(tmp_path: Path) -> None:
    old, new = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    with Store.open(old, steps=migrations()[:3]) as store:  # a store written before step 4
        store.write(article())
    assert set(CHILDREN) <= keyed(old)
    before = child_rows(old)
    assert all(before.values())
    Store.open(old).close()
    assert meta(old)["schema_version"] == "4"
    assert not set(CHILDREN) & keyed(old)
    assert {"pages", "articles", "events", "fused_events"} <= keyed(old)
    assert child_rows(old) == before
    # An upgraded store and a new one have the same schema, column order included.
    Store.open(new).close()
    assert schema(old) == schema(new)
