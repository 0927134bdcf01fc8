"""The event stage: CAMEO events for every article."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from thoisu.events.coder import EventCoder
from thoisu.model import Article
from thoisu.pipeline import Stage


class EventStage(Stage):
    """Code the events of each article's body.

    Args:
        coder: A coder built once and shared by every article; by default one over the shipped
            Vietnamese lexicon, time grammar and CAMEO table (loaded once per process).
    """

    name = "events"
    needs: ClassVar[frozenset[str]] = frozenset({"sentences", "mentions", "published", "attributions"})
    adds: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, coder: EventCoder | None = None) -> None:
        self.coder = coder if coder is not None else EventCoder()

    def process(self, article: Article) -> Iterable[Article]:
        """Fill ``article.events``."""
        article.events = self.coder.code(article)
        yield article
