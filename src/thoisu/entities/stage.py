"""The entity stage: mentions for every body sentence."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from thoisu.entities.recognise import Recogniser
from thoisu.model import Article
from thoisu.pipeline import Stage


class EntityStage(Stage):
    """Recognise and resolve entity mentions in the article body.

    Args:
        recogniser: Built once from the language resources (see
            :func:`thoisu.entities.resources.build_recogniser`) and shared by every article.
    """

    name = "entities"
    needs: ClassVar[frozenset[str]] = frozenset({"sentences", "published"})
    adds: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(self, recogniser: Recogniser) -> None:
        self.recogniser = recogniser

    def process(self, article: Article) -> Iterable[Article]:
        """Fill ``article.mentions``; offices resolve as of the publication day."""
        # Captions name people too (a photo of two ministers); the event coder reads only sentences.
        spans = sorted([*article.sentences, *article.captions])
        article.mentions = self.recogniser.recognise(article.text, spans, reference_day(article))
        yield article


def reference_day(article: Article) -> date | None:
    """The day offices are resolved on: the publication day, else the end of its known range."""
    if article.published is not None:
        return article.published
    if article.published_range is not None:
        return article.published_range[1]
    return None
