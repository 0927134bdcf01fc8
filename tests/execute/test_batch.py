from __future__ import annotations

import importlib.util
import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from thoisu.execute.batch import ShardDone, run_batch
from thoisu.execute.executors import DaskExecutor, InProcessExecutor, ProcessExecutor
from thoisu.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "pages"
# Bookkeeping that differs between runs by design: which run wrote a row, and when.
SKIPPED_TABLES = frozenset({"runs", "shards", "meta"})
SKIPPED_COLUMNS = frozenset({"run_id", "first_run", "last_run"})


def contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, without run ids and timestamps, sorted."""
    connection = duckdb.connect(str(db), read_only=True)
    try:
        columns: dict[str, list[str]] = {}
        for table, column, kind in connection.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        ).fetchall():
            if table in SKIPPED_TABLES or column in SKIPPED_COLUMNS or "TIMESTAMP" in kind:
                continue
            columns.setdefault(table, []).append(f'"{column}"')
        return {
            table: sorted(connection.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall(), key=repr)
            for table, names in columns.items()
        }
    finally:
        connection.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dozen example pages (text, HTML and a legacy-encoded one), copied so shards are small."""
    root = tmp_path_factory.mktemp("pages")
    chosen = sorted(EXAMPLES.iterdir())[:10] + sorted(EXAMPLES.glob("e3[23]*"))
    for path in chosen:
        shutil.copy(path, root / path.name)
    return root


def ingest(inputs: list[str], db: Path, executor: Any, files_per_shard: int = 3) -> Any:
    with Store.open(db) as store:
        return run_batch(inputs, store, executor, files_per_shard=files_per_shard)


@pytest.fixture(scope="module")
def reference(pages: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    report = ingest([str(pages)], db, InProcessExecutor())
    assert report.committed == report.shards == 4 and not report.failed
    assert report.articles > 5 and report.events > 10
    return contents(db)


def test_rerun_skips_committed_shards_and_changes_nothing(
    pages: Path, tmp_path: Path, reference: dict[str, list[tuple[Any, ...]]]
) -> None:
    db = tmp_path / "store.duckdb"
    ingest([str(pages)], db, InProcessExecutor())
    again = ingest([str(pages)], db, InProcessExecutor())
    assert (again.skipped, again.committed, again.pages) == (4, 0, 0)
    assert contents(db) == reference


def test_process_pool_gives_the_same_store(
    pages: Path, tmp_path: Path, reference: dict[str, list[tuple[Any, ...]]]
) -> None:
    db = tmp_path / "pool.duckdb"
    with ProcessExecutor(workers=2) as executor:
        report = ingest([str(pages)], db, executor)
    assert report.committed == 4 and not report.failed
    assert contents(db) == reference


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask[distributed] not installed")
def test_dask_local_cluster_gives_the_same_store(
    pages: Path, tmp_path: Path, reference: dict[str, list[tuple[Any, ...]]]
) -> None:
    db = tmp_path / "dask.duckdb"
    with DaskExecutor(workers=2) as executor:
        report = ingest([str(pages)], db, executor)
    assert report.committed == 4 and not report.failed
    assert contents(db) == reference


def test_progress_is_reported_per_shard(pages: Path, tmp_path: Path) -> None:
    seen: list[ShardDone] = []
    with Store.open(tmp_path / "p.duckdb") as store:
        run_batch([str(pages)], store, InProcessExecutor(), files_per_shard=5, on_shard=seen.append)
    assert [(done.index, done.total) for done in seen] == [(1, 3), (2, 3), (3, 3)]
    assert seen[-1].report.pages == 12


@pytest.mark.skipif(importlib.util.find_spec("warcio") is None, reason="warcio not installed")
def test_an_archive_and_a_directory_ingest_alike(pages: Path, tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    # The UTF-8 text pages, once as files and once as the text records of a WET archive.
    chosen = [path for path in sorted(pages.glob("*.txt")) if _is_utf8(path.read_bytes())]
    archive = tmp_path / "crawl.warc.wet.gz"
    with archive.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for path in chosen:
            payload = path.read_bytes()
            record = writer.create_warc_record(
                f"https://example.invalid/{path.stem}",
                "conversion",
                payload=io.BytesIO(payload),
                length=len(payload),
                warc_content_type="text/plain; charset=utf-8",
            )
            writer.write_record(record)
    from_archive = ingest([str(archive)], tmp_path / "archive.duckdb", InProcessExecutor())
    text_pages = tmp_path / "text"
    text_pages.mkdir()
    for path in chosen:
        shutil.copy(path, text_pages / path.name)
    from_files = ingest([str(text_pages)], tmp_path / "files.duckdb", InProcessExecutor())
    assert from_archive.shards == 1 and from_files.shards == 4
    assert from_archive.pages == len(chosen) > 5
    assert (from_archive.pages, from_archive.articles, from_archive.events) == (
        from_files.pages,
        from_files.articles,
        from_files.events,
    )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


KILLABLE = textwrap.dedent(
    """
    import sys, time
    from thoisu.execute.batch import run_batch
    from thoisu.execute.executors import InProcessExecutor
    from thoisu.store import Store

    def tell(done):
        print(f"shard {done.index}", flush=True)
        time.sleep(float(sys.argv[3]))

    with Store.open(sys.argv[2], batch_size=int(sys.argv[4])) as store:
        run_batch([sys.argv[1]], store, InProcessExecutor(), files_per_shard=3, on_shard=tell)
    print("finished", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(
    ("kill_after", "pause", "batch_size", "rerun_lines"),
    [
        # Between shards, each shard's marker committed with its rows: the rerun does the last two.
        ("shard 2", "30", "1", ["shard 1", "shard 2", "finished"]),
        # In the middle of the second shard's reading, coding and writing.
        ("shard 1", "0", "1", None),
        # Between shards, the markers still buffered with the rows: nothing was committed, the
        # rerun does all four.
        ("shard 2", "30", "500", ["shard 1", "shard 2", "shard 3", "shard 4", "finished"]),
    ],
)
def test_sigkill_then_rerun_equals_an_uninterrupted_run(
    pages: Path,
    tmp_path: Path,
    reference: dict[str, list[tuple[Any, ...]]],
    kill_after: str,
    pause: str,
    batch_size: str,
    rerun_lines: list[str] | None,
) -> None:
    script = tmp_path / "killable.py"
    script.write_text(KILLABLE, encoding="utf-8")
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, str(script), str(pages), str(db), pause, batch_size],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 300
    line = ""
    while not line.startswith(kill_after) and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert line.startswith(kill_after)
    resumed = subprocess.run(
        [sys.executable, str(script), str(pages), str(db), "0", batch_size],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines = resumed.stdout.splitlines()
    assert lines[-1] == "finished" and len(lines) <= 5
    if rerun_lines is not None:
        assert lines == rerun_lines
    assert contents(db) == reference
