from __future__ import annotations

import pickle
from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import pytest

from thoisu.errors import StoreError
from thoisu.model import Article, DateRange, Event, Page, Reject, Span
from thoisu.pipeline import Pipeline, Stage
from thoisu.store import PrepareStage, Store, StoreStage


class FakeEvents(Stage):
    """Stands in for the real chain: adds text, body and one event per page."""

    name = "fake"
    adds: ClassVar[frozenset[str]] = frozenset({"text", "body", "events"})

    def process(self, article: Article) -> Iterable[Article]:
        if article.page.raw == "no":
            article.reject = Reject(self.name, "not-vietnamese", "")
            yield article
            return
        article.text = article.page.raw
        article.body = [Span(0, len(article.text))]
        article.events = [Event("PRK", "CHN", "040", DateRange.day(date(2024, 3, 21)))]
        yield article


def pages(*raws: str) -> list[Article]:
    articles = [Article(page=Page(id=f"p{i}.txt", raw=raw)) for i, raw in enumerate(raws)]
    articles.append(Article(page=Page(id="bad.bin", raw=""), reject=Reject("read", "binary", "NUL")))
    return articles


def count(store: Store, table: str) -> int:
    row = store.cursor().execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_stage_contract() -> None:
    assert StoreStage.name == "store"
    assert StoreStage.needs == frozenset({"events"})
    assert StoreStage.adds == frozenset()


def test_every_article_is_written_and_passed_on() -> None:
    with Store.open(":memory:", batch_size=1000) as store:
        pipeline = Pipeline([FakeEvents(), StoreStage(store)])
        out = list(pipeline.run(pages("một", "no", "hai")))
        assert [a.doc for a in out] == ["p0.txt", "p1.txt", "p2.txt", "bad.bin"]
        # Flushed when the stream ended, although the batch was not full.
        assert count(store, "articles") == 2
        assert count(store, "events") == 2
        assert count(store, "rejects") == 2
        list(pipeline.run(pages("một", "no", "hai")))  # a second pass adds nothing
        assert (count(store, "articles"), count(store, "rejects")) == (2, 2)


def test_a_bad_article_becomes_a_recorded_rejection() -> None:
    broken = Article(page=Page(id="broken", raw="x"), text="x", body=[Span(0, 1)])
    broken.mentions = [None]  # type: ignore[list-item]
    with Store.open(":memory:") as store:
        out = list(StoreStage(store).run([broken]))
        assert out[0].reject is not None
        assert (out[0].reject.stage, out[0].reject.reason) == ("store", "error")
        assert count(store, "rejects") == 1
        assert count(store, "articles") == 0


def test_database_failures_stop_the_run() -> None:
    store = Store.open(":memory:")
    store.close()
    with pytest.raises(StoreError):
        list(StoreStage(store).run(pages("một")))


def test_prepare_stage_contract() -> None:
    assert PrepareStage.name == "prepare"
    assert PrepareStage.needs == frozenset({"events"})
    assert PrepareStage.adds == frozenset({"prepared"})
    with Store.open(":memory:") as store:
        Pipeline([FakeEvents(), PrepareStage(), StoreStage(store)])  # the chain is valid


def test_prepared_articles_travel_and_are_stored_alike() -> None:
    # Batch runs prepare articles in worker processes: they arrive pickled.
    prepared = list(Pipeline([FakeEvents(), PrepareStage()]).run(pages("một", "no", "hai")))
    assert [a.prepared is not None for a in prepared] == [True, False, True, False]  # rejects are skipped
    arrived = pickle.loads(pickle.dumps(prepared))
    with Store.open(":memory:") as ahead, Store.open(":memory:") as plain:
        list(StoreStage(ahead).run(arrived))
        list(Pipeline([FakeEvents(), StoreStage(plain)]).run(pages("một", "no", "hai")))
        for table in ("articles", "events", "fused_events", "article_fingerprints", "rejects"):
            assert count(ahead, table) == count(plain, table)
        query = "SELECT article_id, text, body FROM articles ORDER BY ALL"
        assert ahead.cursor().execute(query).fetchall() == plain.cursor().execute(query).fetchall()


def test_an_article_that_cannot_be_prepared_is_rejected_by_the_store() -> None:
    bad = Article(page=Page(id="bad", raw="x"), text="x", body=[Span(0, 1)])
    bad.events = [Event("PRK", "CHN", "4x", None)]  # not a CAMEO code: no report can be made of it
    [passed] = PrepareStage().run([bad])
    assert passed.prepared is None and passed.reject is None
    with Store.open(":memory:") as store:
        [out] = StoreStage(store).run([passed])
        assert out.reject is not None
        assert (out.reject.stage, out.reject.reason) == ("store", "error")
        assert "CAMEO" in out.reject.detail
        assert count(store, "articles") == 0
