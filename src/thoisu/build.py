"""Assembling the default pipeline.

Front ends (CLI, API, executors) call :func:`build_pipeline`; none of them
knows which classes make up a stage. Resources are loaded once here and
handed to the stages, which keeps stages free of global state.
"""

from __future__ import annotations

from thoisu.entities.resources import build_recogniser
from thoisu.entities.stage import EntityStage
from thoisu.events.stage import EventStage
from thoisu.extract.stage import ExtractStage
from thoisu.normalise import NormaliseStage
from thoisu.pipeline import Pipeline, Stage
from thoisu.sentences import SentenceStage
from thoisu.store.stage import PrepareStage, StoreStage
from thoisu.store.store import Store


def build_pipeline(store: Store | None = None, *, prepare: bool | None = None) -> Pipeline:
    """The standard chain: normalise, extract, sentences, entities, events[, prepare][, store].

    The prepare stage does the store's work that needs only the article (rows, reports, body
    fingerprint), so it runs wherever the chain runs (worker processes in a batch run), and the
    one process that writes the database does little more than insert and link. A chain whose
    articles are never stored (``thoisu extract``, evaluation) leaves it out.

    Args:
        store: When given, a final stage writes every article (and every rejection) to it.
        prepare: Whether to prepare articles for a store; by default, when ``store`` is given.
            Batch workers ask for it without a store, since another process writes.
    """
    stages: list[Stage] = [
        NormaliseStage(),
        ExtractStage(),
        SentenceStage(),
        EntityStage(build_recogniser()),
        EventStage(),
    ]
    if prepare if prepare is not None else store is not None:
        stages.append(PrepareStage())
    if store is not None:
        stages.append(StoreStage(store))
    return Pipeline(stages)
