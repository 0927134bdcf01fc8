"""Executors: where shards run. Stages know nothing of them.

Three executors share one small interface, :meth:`Executor.map`, which
applies a function to items in parallel and yields each :class:`Outcome` in
input order: the writer then stores shards in the same order whatever ran
them, so a Dask run, a process-pool run and an in-process run of the same
inputs leave identical stores (cross-source fusion depends on the order in
which reports arrive):

- :class:`InProcessExecutor`: in this process, in order (tests, small jobs, debugging);
- :class:`ProcessExecutor`: a pool of local processes, one per core by default;
- :class:`DaskExecutor`: a Dask distributed cluster, given by its scheduler address, or a
  local cluster started for the run.

Each keeps a bounded number of items in flight (finished ones wait in their
futures until their turn), so a corpus of a million shards never becomes a
million futures in memory. A failure while processing
one item is an :class:`Outcome` with an error, never an exception that ends
the run; a worker process that dies (killed, out of memory) fails only the
items it held, and the pool is rebuilt for the rest.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from thoisu.errors import ThoisuError

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Items in flight per worker: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 2


class ExecutorError(ThoisuError):
    """An executor cannot start (Dask missing, scheduler unreachable)."""


@dataclass(slots=True)
class Outcome(Generic[Item, Result]):
    """What became of one item: its result, or the error that stopped it."""

    item: Item
    result: Result | None = None
    error: str | None = None


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return max(os.cpu_count() or 1, 1)


class Executor(ABC):
    """Runs a function over items, yielding outcomes as they complete."""

    #: Short name used in run summaries ("in-process", "processes", "dask").
    name: str = "executor"
    workers: int = 1

    @abstractmethod
    def map(
        self, function: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[Outcome[Item, Result]]:
        """Apply ``function`` to every item; yield the outcomes in input order."""

    def close(self) -> None:  # noqa: B027 (a no-op unless the executor holds workers)
        """Release workers (idempotent)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class InProcessExecutor(Executor):
    """Everything in this process, one item after the other, in order."""

    name = "in-process"
    workers = 1

    def map(
        self, function: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[Outcome[Item, Result]]:
        """Apply ``function`` to each item in turn."""
        for item in items:
            try:
                yield Outcome(item, function(item))
            except Exception as exc:  # one failed item must not end the run
                yield Outcome(item, error=_describe(exc))


class ProcessExecutor(Executor):
    """A pool of local worker processes.

    Workers are started with ``spawn``: the parent holds an open DuckDB
    database and its threads, which a forked child must not inherit.

    Args:
        workers: Processes in the pool (default: one per available core).
    """

    name = "processes"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool

    def map(
        self, function: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[Outcome[Item, Result]]:
        """Submit items a few at a time; yield their outcomes in input order."""
        pending = iter(items)
        window: deque[tuple[Item, Future[Result]]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            while len(window) < limit:
                item = next(pending, _END)
                if item is _END:
                    break
                window.append((item, self._submit(function, item)))
            if not window:
                return
            item, future = window.popleft()
            try:
                yield Outcome(item, future.result())
            except BrokenProcessPool as exc:
                # Every future of a broken pool fails the same way; the next submission rebuilds it.
                yield Outcome(item, error=f"worker process died: {_describe(exc)}")
            except Exception as exc:  # the function raised in the worker
                yield Outcome(item, error=_describe(exc))

    def _submit(self, function: Callable[[Item], Result], item: Item) -> Future[Result]:
        try:
            return self._get_pool().submit(function, item)
        except BrokenProcessPool:
            self._discard_pool()
            return self._get_pool().submit(function, item)

    def _discard_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor(Executor):
    """A Dask distributed cluster.

    Args:
        scheduler: Address of a running scheduler (``tcp://host:8786``); when None, a local
            cluster of ``workers`` single-threaded worker processes is started for the run.
        workers: Worker processes of the local cluster (default: one per core); ignored with
            a scheduler address, where the cluster's own size counts.

    Raises:
        ExecutorError: When ``distributed`` is not installed or the scheduler cannot be reached.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            # Typed as Any: distributed ships no complete annotations.
            self._distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            hint = "pip install 'thoisu[dask]'"
            raise ExecutorError(f"the dask executor needs dask[distributed]: {hint}") from exc
        self._cluster: Any = None
        try:
            if scheduler is None:
                self.workers = workers or default_workers()
                self._cluster = self._distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self._client: Any = self._distributed.Client(self._cluster)
            else:
                self._client = self._distributed.Client(scheduler, timeout="20s")
                self.workers = max(sum(self._client.nthreads().values()), 1)
        except OSError as exc:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc

    def map(
        self, function: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[Outcome[Item, Result]]:
        """Submit items a few at a time; yield their outcomes in input order."""
        pending = iter(items)
        window: deque[tuple[Item, Any]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            while len(window) < limit:
                item = next(pending, _END)
                if item is _END:
                    break
                window.append((item, self._client.submit(function, item, pure=False)))
            if not window:
                return
            item, future = window.popleft()
            try:
                yield Outcome(item, future.result())
            except Exception as exc:  # the function raised on a worker, or the worker died
                yield Outcome(item, error=_describe(exc))
            future.release()

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this executor started one."""
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


class _EndMarker:
    """Sentinel for an exhausted iterator (``None`` may be a real item)."""


_END: Any = _EndMarker()


def make_executor(kind: str, workers: int | None = None, scheduler: str | None = None) -> Executor:
    """An executor by name: ``in-process``, ``processes`` (alias ``local``) or ``dask``.

    Raises:
        ExecutorError: For an unknown name, or a Dask executor that cannot start.
    """
    if kind == "in-process" or (kind in ("processes", "local") and workers == 1):
        return InProcessExecutor()
    if kind in ("processes", "local"):
        return ProcessExecutor(workers)
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    raise ExecutorError(f"unknown executor {kind!r}: use in-process, processes or dask")
