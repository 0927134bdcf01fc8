from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from apidata import build_store

from thoisu.api.access import StoreAccess, Unavailable


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    build_store(path)
    return path


@pytest.fixture
def locked(db: Path) -> Iterator[Path]:
    """The store held open for writing by another process, as a running 'thoisu ingest' does."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield db
    finally:
        if holder.stdin is not None:
            holder.stdin.close()
        holder.wait(timeout=30)


def test_reads_open_and_close_a_read_only_service(db: Path) -> None:
    access = StoreAccess(db)
    with access.reading() as service:
        assert service.count_events() == 4
    with access.reading() as again, access.reading() as concurrent:  # readers share the file
        assert again.count_events() == concurrent.count_events() == 4


def test_a_missing_store_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(Unavailable, match="no database"), StoreAccess(tmp_path / "nothing.duckdb").reading():
        pass


def test_a_store_locked_by_another_process_is_unavailable_for_reads_and_writes(locked: Path) -> None:
    access = StoreAccess(locked, write_wait=1)
    with pytest.raises(Unavailable, match="in use by another process"), access.reading():
        pass
    with pytest.raises(Unavailable, match="in use by another process"), access.writing():
        pass


def test_a_writer_waits_for_reads_in_flight(db: Path) -> None:
    access = StoreAccess(db, write_wait=0.2)
    with access.reading(), pytest.raises(Unavailable, match="busy"), access.writing():
        pass
    with access.writing() as store:  # free once the read is over
        assert store.path == str(db)


def test_reads_wait_for_the_writer_then_see_what_it_wrote(db: Path) -> None:
    access = StoreAccess(db, read_wait=0.2)
    with access.writing() as store:
        with pytest.raises(Unavailable, match="writing"), access.reading():
            pass
        store.cursor().execute("DELETE FROM rejects")
    with access.reading() as service:
        assert service.summary().rejects == 0


def test_a_waiting_reader_proceeds_when_the_writer_finishes(db: Path) -> None:
    access = StoreAccess(db, read_wait=30)
    entered = threading.Event()
    release = threading.Event()
    results: list[int] = []

    def write() -> None:
        with access.writing():
            entered.set()
            release.wait(30)

    def read() -> None:
        with access.reading() as service:
            results.append(service.count_events())

    writer = threading.Thread(target=write)
    writer.start()
    assert entered.wait(30)
    reader = threading.Thread(target=read)
    reader.start()
    reader.join(0.3)
    assert reader.is_alive() and results == []  # held back while the file is open for writing
    release.set()
    writer.join(30)
    reader.join(30)
    assert results == [4]
