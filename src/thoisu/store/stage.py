"""The store's stages: preparing each article's rows, then writing every article to the store."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import ClassVar

from thoisu.errors import StoreError
from thoisu.model import Article, Reject
from thoisu.pipeline import Stage
from thoisu.store.store import Store, prepare

logger = logging.getLogger(__name__)


class PrepareStage(Stage):
    """Compute what the store will write for each article (:class:`~thoisu.store.store.PreparedArticle`).

    It needs only the article, so it runs where the rest of the pipeline runs: in a batch run,
    in the worker processes, while a single process writes the database. An article it cannot
    prepare (a malformed event) is passed on unprepared, for the store to reject as it always has.
    Nothing may change an article after this stage: the store trusts what it prepared.
    """

    name = "prepare"
    needs: ClassVar[frozenset[str]] = frozenset({"events"})
    adds: ClassVar[frozenset[str]] = frozenset({"prepared"})

    def process(self, article: Article) -> Iterable[Article]:
        """Prepare one article and yield it."""
        try:
            article.prepared = prepare(article)
        except Exception:  # the store meets the error again and records the rejection, as without us
            article.prepared = None
        yield article


class StoreStage(Stage):
    """Write each article (and each rejection) to a :class:`Store`, then pass it on.

    Unlike other stages it sees rejected articles too: recording why a page
    was dropped is half of its job. A failure to build one article's rows
    becomes a recorded rejection of that article; a failure of the database
    itself (disk full, lock lost) is a :class:`~thoisu.errors.StoreError` that
    stops the run, since no later write could succeed either.

    Args:
        store: The open store to write to.
    """

    name = "store"
    needs: ClassVar[frozenset[str]] = frozenset({"events"})
    adds: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, store: Store) -> None:
        self.store = store

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Write every article, rejected or not; flush when the stream ends."""
        for article in articles:
            yield from self.process(article)
        self.store.flush()

    def process(self, article: Article) -> Iterable[Article]:
        """Write one article (or its rejection) and yield it."""
        try:
            self.store.write(article)
        except StoreError:
            raise
        except Exception as exc:  # one malformed article must not stop the batch
            logger.warning("store failed on %s: %s", article.doc, exc, exc_info=True)
            article.reject = Reject(self.name, "error", f"{type(exc).__name__}: {exc}")
            self.store.record_reject(article)
        yield article
