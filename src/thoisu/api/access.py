"""Who may open the database file, and when: per-request readers and one writer.

DuckDB lets a process hold a file either read-only (any number of
connections) or read-write, never both at once, and while another process
writes to the file nobody else can open it at all. So:

- every read opens its own read-only :class:`~thoisu.service.Service` and
  closes it when the response is built, which leaves the file free between
  requests for a ``thoisu ingest`` run in another process;
- an ingest through the API waits until the reads in flight end, keeps new
  reads waiting while it writes (a fraction of a second for a few pages), then
  lets them in again; writers go first so a stream of reads cannot starve them;
- whatever cannot be had in time, or is held by another process, becomes
  :class:`Unavailable`, which the API answers with 503 and a reason.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from thoisu.errors import StoreError, ThoisuError
from thoisu.service import Service
from thoisu.store import Store


class Unavailable(ThoisuError):
    """The store cannot be used right now (locked, missing, busy); the message says why."""

    code = "UNAVAILABLE"


class StoreAccess:
    """Coordinates the readers and the writer of one database file inside this process.

    Args:
        path: The DuckDB file.
        read_wait: Seconds a reader waits for a writer of this process before giving up.
        write_wait: Seconds a writer waits for the readers in flight.
    """

    def __init__(self, path: Path, *, read_wait: float = 10.0, write_wait: float = 120.0) -> None:
        self.path = path
        self._read_wait = read_wait
        self._write_wait = write_wait
        self._state = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self, *, wait: float | None = None) -> Iterator[Service]:
        """A read-only service on the store, closed on exit.

        Args:
            wait: Seconds to wait for a writer of this process (default: the reader's wait).

        Raises:
            Unavailable: When this process is writing for too long, another process holds the
                file, or there is no usable store at the path.
        """
        with self._state:
            free = self._state.wait_for(
                lambda: not self._writing and self._writers_waiting == 0,
                timeout=self._read_wait if wait is None else wait,
            )
            if not free:
                raise Unavailable("an ingest is writing to the database; retry in a moment")
            self._readers += 1
        try:
            try:
                service = Service.open(self.path)
            except StoreError as exc:
                raise Unavailable(_reason(exc, self.path)) from exc
            with service:
                yield service
        finally:
            with self._state:
                self._readers -= 1
                self._state.notify_all()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened for writing (created when missing), closed on exit.

        Raises:
            Unavailable: When reads do not end in time or another process holds the file.
        """
        with self._state:
            self._writers_waiting += 1
            try:
                free = self._state.wait_for(
                    lambda: self._readers == 0 and not self._writing, timeout=self._write_wait
                )
            finally:
                self._writers_waiting -= 1
            if not free:
                self._state.notify_all()
                raise Unavailable("the database is busy with other requests; retry in a moment")
            self._writing = True
        try:
            try:
                store = Store.open(self.path)
            except StoreError as exc:
                raise Unavailable(_reason(exc, self.path)) from exc
            with store:
                yield store
        finally:
            with self._state:
                self._writing = False
                self._state.notify_all()


def _reason(exc: StoreError, path: Path) -> str:
    """A message for a client: a lock held by another process is the usual cause and gets its own."""
    message = message_of(exc)
    if "lock" in message.lower():
        return (
            f"the database {path} is in use by another process (an ingest is running); "
            "retry when it has finished"
        )
    return message


def message_of(exc: Exception) -> str:
    """The message of an error without the ``[CODE]`` prefixes thoisu adds for terminals."""
    return str(exc.args[0]) if exc.args else str(exc)
