from __future__ import annotations

from datetime import date

import pytest
from eventkit import build_article, country

from thoisu.events.coder import EventCoder
from thoisu.events.stage import EventStage
from thoisu.model import Article, Event, Reject
from thoisu.pipeline import Pipeline, Stage


class _Source(Stage):
    """Stands for the stages before events: it adds what the event stage needs."""

    name = "upstream"
    adds = frozenset({"text", "sentences", "mentions", "published", "attributions"})

    def process(self, article: Article):  # type: ignore[no-untyped-def]
        yield article


def test_stage_contract() -> None:
    stage = EventStage()
    assert stage.name == "events"
    assert stage.needs == {"sentences", "mentions", "published", "attributions"}
    assert stage.adds == {"events"}
    assert "events" in Pipeline([_Source(), stage]).fields
    with pytest.raises(Exception, match="needs"):
        Pipeline([stage])


def test_stage_fills_events_and_passes_rejects_through(coder: EventCoder) -> None:
    article = build_article(
        "Hàn Quốc chỉ trích Triều Tiên.", [country("Hàn Quốc", "KOR"), country("Triều Tiên", "PRK")]
    )
    rejected = build_article("Hàn Quốc chỉ trích Triều Tiên.", published=date(2024, 3, 25))
    rejected.reject = Reject("extract", "no-article")
    out = list(EventStage(coder).run([article, rejected]))
    assert [(e.code, e.source, e.target) for e in out[0].events] == [("111", "KOR", "PRK")]
    assert out[1].events == [] and out[1].reject == Reject("extract", "no-article")


class _Broken:
    """A coder that fails on every article (the stage takes any object with ``code``)."""

    def code(self, article: Article) -> list[Event]:
        raise ValueError("boom")


def test_a_failing_article_becomes_a_rejection() -> None:
    article = build_article("Hàn Quốc chỉ trích Triều Tiên.", [country("Hàn Quốc", "KOR")])
    (out,) = list(EventStage(_Broken()).run([article]))
    assert out.reject is not None
    assert (out.reject.stage, out.reject.reason) == ("events", "error")
    assert "boom" in out.reject.detail
