"""A resumable batch run: shards out to an executor, results into the store.

The run is safe to kill at any moment, SIGKILL included, and to start again:

- a shard's articles are written, then its marker (:meth:`Store.finish_shard`), which the
  store commits in the same transaction as the shard's last rows or a later one, never before
  them; a rerun skips the shards whose marker is stored;
- a shard whose rows were committed but whose marker was not (killed in between) is processed
  again, and writing it again changes nothing, because every row is keyed by content
  (page hash, article id) and the store skips keys it holds.

Markers ride with the buffered rows rather than forcing a transaction per shard: a
transaction has a fixed cost (a dozen inserts, the linker's lookups, the commit) that small
shards would pay again and again. A kill loses at most the store's batch (2,000 records by
default) of work, which the rerun redoes.

So nothing is lost (an uncommitted shard is redone) and nothing is duplicated (redone work
is a no-op). Only this process writes to the database; workers return articles.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from thoisu.execute.executors import Executor
from thoisu.execute.shards import DEFAULT_FILES_PER_SHARD, Shard, plan_shards
from thoisu.execute.worker import ShardResult, default_pipeline, process_shard
from thoisu.model import Article
from thoisu.pipeline import Pipeline
from thoisu.read.common import DEFAULT_MAX_BYTES
from thoisu.store.stage import StoreStage
from thoisu.store.store import Store


@dataclass(slots=True)
class BatchReport:
    """What a run did; stored as the run's summary."""

    executor: str
    workers: int
    shards: int = 0
    skipped: int = 0
    committed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    articles: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    events: int = 0
    worker_cpu_seconds: float = 0.0
    seconds: float = 0.0

    def add(self, result: ShardResult) -> None:
        """Count one shard written to the store."""
        self.committed += 1
        self.pages += result.pages
        self.worker_cpu_seconds += result.cpu_seconds
        for article in result.articles:
            if article.reject is not None:
                self.rejects[article.reject.reason] += 1
            else:
                self.articles += 1
                self.events += len(article.events)

    @property
    def pages_per_second(self) -> float:
        """Wall-clock throughput of the run."""
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> dict[str, Any]:
        """The JSON summary stored in the runs table."""
        return {
            "executor": self.executor,
            "workers": self.workers,
            "shards": self.shards,
            "shards_skipped": self.skipped,
            "shards_committed": self.committed,
            "shards_failed": [{"shard": label, "error": error} for label, error in self.failed],
            "pages": self.pages,
            "articles": self.articles,
            "rejects": sum(self.rejects.values()),
            "rejects_by_reason": dict(self.rejects),
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages_per_second, 1),
            "worker_cpu_seconds": round(self.worker_cpu_seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class ShardDone:
    """Progress news: one shard finished (written to the store, or failed with ``error``)."""

    shard: Shard
    index: int
    total: int
    error: str | None
    report: BatchReport


def run_batch(
    inputs: Sequence[str],
    store: Store,
    executor: Executor,
    *,
    files_per_shard: int = DEFAULT_FILES_PER_SHARD,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_shard: Callable[[ShardDone], None] | None = None,
    pipeline: Callable[[], Pipeline] = default_pipeline,
) -> BatchReport:
    """Process ``inputs`` shard by shard into ``store``, skipping shards committed before.

    A shard that fails as a whole (its worker died) is listed in the report and left
    uncommitted, so the next run retries it; pages that fail one by one are recorded
    rejections inside their shard, as in any run.

    Raises:
        InputError: When an input is missing (before anything runs).
        StoreError: When the database refuses a write (the run cannot go on).
    """
    started = time.perf_counter()
    shards = plan_shards(inputs, files_per_shard)
    done = store.completed_shards()
    todo = [shard for shard in shards if shard.id not in done]
    report = BatchReport(executor.name, executor.workers, shards=len(shards), skipped=len(shards) - len(todo))
    store.start_run()
    writer = StoreStage(store)
    work = partial(process_shard, max_bytes=max_bytes, pipeline=pipeline)
    try:
        for index, outcome in enumerate(executor.map(work, todo), start=1):
            if outcome.result is None:
                report.failed.append((outcome.item.label, outcome.error or "unknown error"))
            else:
                result = outcome.result
                _write(writer, result.articles)
                report.add(result)
                store.finish_shard(result.shard.id, result.shard.label, _counts(result))
            if on_shard is not None:
                on_shard(ShardDone(outcome.item, index, len(todo), outcome.error, report))
    finally:
        report.seconds = time.perf_counter() - started
    store.finish_run(report.summary(), status="done" if not report.failed else "partial")
    return report


def _write(writer: StoreStage, articles: list[Article]) -> None:
    # Article by article, not ``writer.run``, which flushes when its stream ends: the store
    # writes when its batch is full, and the shard's marker follows the rows (finish_shard).
    for article in articles:
        for _ in writer.process(article):
            pass


def _counts(result: ShardResult) -> dict[str, int]:
    rejected = sum(1 for article in result.articles if article.reject is not None)
    return {
        "pages": result.pages,
        "articles": len(result.articles) - rejected,
        "rejects": rejected,
        "events": sum(len(article.events) for article in result.articles),
    }
