"""What a worker does with one shard: read its pages and run the pipeline up to the events.

The function is the same whichever executor calls it (this process, a local
process pool, a Dask worker on another machine), which is what makes their
results identical. Storing stays in the process that owns the database:
DuckDB has one writer, and the worker's only output is the shard's articles.
"""

from __future__ import annotations

import atexit
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from thoisu.execute.shards import Shard
from thoisu.model import Article
from thoisu.pipeline import Pipeline
from thoisu.read.common import DEFAULT_MAX_BYTES
from thoisu.read.reader import read_sources


@dataclass(slots=True)
class ShardResult:
    """A processed shard.

    Attributes:
        shard: The shard.
        articles: Every article it produced, rejected ones included, in reading order.
        pages: How many pages it read.
        cpu_seconds: CPU time the worker spent on it (resource loading excluded).
    """

    shard: Shard
    articles: list[Article]
    pages: int
    cpu_seconds: float


def default_pipeline() -> Pipeline:
    """The standard pipeline up to preparing articles for the store (the writer stores)."""
    from thoisu.build import build_pipeline

    return build_pipeline(prepare=True)


@lru_cache(maxsize=4)
def _built(factory: Callable[[], Pipeline]) -> Pipeline:
    # Loading the language resources takes a second or two: a worker pays it once per factory
    # and reuses the read-only stages for every shard it is given.
    pipeline = factory()
    settle_process()
    return pipeline


#: Allocations between two young-generation collections in a batch process (CPython's default: 700).
YOUNG_COLLECTION_EVERY = 10_000


def settle_process() -> None:
    """Keep the garbage collector out of the way of a process that runs the pipeline for hours.

    The gazetteers, lexicons and grammars are a few hundred thousand objects that live as long
    as the process, and every full collection would walk them again while the pages' own
    short-lived objects come and go. ``gc.freeze`` moves every object alive now to a
    generation the collector never examines (the recipe CPython documents for long-lived
    processes); a collection first keeps garbage out of it. At exit they are handed back, so
    the interpreter's last collections free them (extension modules such as DuckDB's report
    objects still alive then as leaks).

    The pipeline makes almost no reference cycles, yet CPython collects its youngest
    generation every 700 allocations and the older ones in proportion: with the store's
    batch in memory, 8% of a batch run's time. Collecting every 10,000 allocations instead
    brings that to 4%.
    """
    gc.collect()
    gc.freeze()
    atexit.unregister(gc.unfreeze)  # once, however many pipelines the process builds
    atexit.register(gc.unfreeze)
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_COLLECTION_EVERY), middle, old)


def process_shard(
    shard: Shard,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pipeline: Callable[[], Pipeline] = default_pipeline,
) -> ShardResult:
    """Read and process every page of ``shard``; a bad page becomes a rejected article.

    Args:
        shard: What to read.
        max_bytes: Largest page accepted.
        pipeline: A module-level function building the pipeline (it travels to worker
            processes by name), without a store stage.
    """
    pipeline_ = _built(pipeline)
    pipeline_.reset()  # what a shard learns (an outlet's template lines) stays in that shard
    started = time.process_time()
    articles = list(pipeline_.run(read_sources(shard.sources, max_bytes)))
    pages = len({(article.page.source, article.doc) for article in articles})
    return ShardResult(shard, articles, pages, time.process_time() - started)
