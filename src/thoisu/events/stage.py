"""The event stage: CAMEO events for every article."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Protocol

from thoisu.events.coder import EventCoder
from thoisu.model import Article, Event
from thoisu.pipeline import Stage


class Coder(Protocol):
    """What the stage needs of a coder (an :class:`EventCoder`, or a stand-in in tests).

    A protocol rather than the class itself: the coder may be compiled (mypyc), and a compiled
    class cannot be subclassed by interpreted code.
    """

    def code(self, article: Article) -> list[Event]:
        """The events of one article."""
        ...


class EventStage(Stage):
    """Code the events of each article's body.

    Args:
        coder: A coder built once and shared by every article; by default one over the shipped
            Vietnamese lexicon, time grammar and CAMEO table (loaded once per process).
    """

    name = "events"
    needs: ClassVar[frozenset[str]] = frozenset({"sentences", "mentions", "published", "attributions"})
    adds: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, coder: Coder | None = None) -> None:
        self.coder: Coder = coder if coder is not None else EventCoder()

    def process(self, article: Article) -> Iterable[Article]:
        """Fill ``article.events``."""
        article.events = self.coder.code(article)
        yield article
