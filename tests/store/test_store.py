from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thoisu.errors import StoreError
from thoisu.model import (
    Article,
    Attribution,
    DateRange,
    Event,
    Evidence,
    Mention,
    Page,
    Reject,
    Span,
)
from thoisu.store import Store
from thoisu.store.store import event_id, prepare

TEXT = "Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh. Ông Kim lại gặp Vương Nghị hôm sau."


def span(needle: str, start: int = 0) -> Span:
    at = TEXT.index(needle, start)
    return Span(at, at + len(needle))


def article(doc: str = "a.txt", raw: str = TEXT, index: int = 0) -> Article:
    first = span("Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh.")
    second = span("Ông Kim lại gặp Vương Nghị hôm sau.")
    meeting = Event(
        "PRK",
        "CHN",
        "040",
        DateRange.day(date(2024, 3, 21)),
        source_actor_code="PRKGOV",
        evidence=[Evidence(first, span("gặp"))],
    )
    # The same coding again (another mention): one stored event with two pieces of evidence.
    again = Event(
        "PRK",
        "CHN",
        "040",
        DateRange.day(date(2024, 3, 21)),
        source_actor_code="PRKGOV",
        evidence=[Evidence(second, span("gặp", second.start))],
    )
    undated = Event("CHN", None, "010", None)
    return Article(
        page=Page(id=doc, raw=raw, source=f"in/{doc}"),
        index=index,
        text=TEXT,
        title="Gặp gỡ",
        body=[Span(0, len(TEXT))],
        published=date(2024, 3, 25),
        published_range=(date(2024, 3, 24), date(2024, 3, 25)),
        authors=["A", "B"],
        attributions=[
            Attribution("KCNA", span=span("Bắc Kinh")),
            Attribution("Chinese Foreign Ministry", "official"),
        ],
        mentions=[Mention(span("Vương Nghị"), "PER", "CHNGOV", "CHN", "Wang Yi")],
        events=[meeting, again, undated],
    )


def rejected(doc: str = "x.bin", reason: str = "binary") -> Article:
    return Article(page=Page(id=doc, raw="", source=f"in/{doc}"), reject=Reject("read", reason, "detail"))


def counts(store: Store) -> dict[str, int]:
    cursor = store.cursor()
    tables = ["pages", "articles", "attributions", "mentions", "events", "event_evidence", "rejects"]
    return {table: cursor.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}  # type: ignore[index]


def rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    return store.cursor().execute(sql).fetchall()


def test_write_stores_every_part_of_an_article() -> None:
    with Store.open(":memory:") as store:
        assert store.write(article())
        assert counts(store) == {
            "pages": 1,
            "articles": 1,
            "attributions": 2,
            "mentions": 1,
            "events": 2,
            "event_evidence": 2,
            "rejects": 0,
        }
        [(title, published, first, last, authors)] = rows(
            store, "SELECT title, published, published_first, published_last, authors FROM articles"
        )
        assert (title, published, first, last, authors) == (
            "Gặp gỡ",
            date(2024, 3, 25),
            date(2024, 3, 24),
            date(2024, 3, 25),
            ["A", "B"],
        )
        assert rows(store, "SELECT text FROM mentions") == [("Vương Nghị",)]
        evidence = rows(store, "SELECT seq, trigger, sentence FROM event_evidence ORDER BY seq")
        assert [(seq, trigger) for seq, trigger, _ in evidence] == [(0, "gặp"), (1, "gặp")]
        assert evidence[1][2] == "Ông Kim lại gặp Vương Nghị hôm sau."
        dates = rows(store, "SELECT code, date_first, date_last FROM events ORDER BY seq")
        assert dates == [("040", date(2024, 3, 21), date(2024, 3, 21)), ("010", None, None)]


def test_ingesting_the_same_page_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    with Store.open(path) as store:
        assert store.write(article())
        assert not store.write(article())  # same batch
        before = counts(store)
    with Store.open(path) as store:
        assert not store.write(article(doc="renamed.txt"))  # same content, another name: already stored
        assert store.write(rejected())
        assert not store.write(rejected())
        after = counts(store)
    assert after == {**before, "rejects": 1}


def test_duplicates_are_caught_after_a_flush_in_a_new_store(tmp_path: Path) -> None:
    # A fresh store remembers what it wrote instead of asking DuckDB per article.
    with Store.open(tmp_path / "fresh.duckdb", batch_size=1) as store:
        assert store.write(article())
        store.flush()
        assert not store.write(article())
        assert store.write(rejected())
        store.flush()
        assert not store.write(rejected())
        assert counts(store)["articles"] == 1


def test_a_changed_page_is_a_new_article() -> None:
    with Store.open(":memory:") as store:
        store.write(article())
        assert store.write(article(raw=TEXT + " "))
        assert store.write(article(index=1))  # a second article on the first page
        assert counts(store)["articles"] == 3
        assert counts(store)["pages"] == 2


def test_ids_are_stable() -> None:
    first, second = article(), article()
    assert first.id == second.id
    assert event_id(first.id, first.events[0]) == event_id(second.id, second.events[0])
    assert event_id(first.id, first.events[0]) != event_id(first.id, first.events[2])


def test_rejects_are_recorded_once_per_input() -> None:
    with Store.open(":memory:") as store:
        assert store.record_reject(rejected("a.bin"))
        assert store.record_reject(rejected("b.bin"))  # same empty content, other file: another reject
        assert not store.record_reject(rejected("a.bin"))
        late = article(doc="en.html")
        late.reject = Reject("extract", "not-vietnamese", "en")
        assert store.write(late)
        assert rows(store, "SELECT doc, stage, reason, page_hash IS NOT NULL FROM rejects ORDER BY doc") == [
            ("a.bin", "read", "binary", False),
            ("b.bin", "read", "binary", False),
            ("en.html", "extract", "not-vietnamese", True),
        ]
        assert counts(store)["pages"] == 1  # the page read but rejected later is kept


def test_record_reject_needs_a_rejection() -> None:
    with Store.open(":memory:") as store, pytest.raises(ValueError):
        store.record_reject(article())


def test_batches_are_written_when_full_and_on_close(tmp_path: Path) -> None:
    path = tmp_path / "b.duckdb"
    store = Store.open(path, batch_size=2)
    for i in range(3):
        store.write(article(raw=f"{TEXT} {i}"))
    # A second connection in this process shares the database and sees only committed batches.
    with duckdb.connect(str(path)) as other:
        assert other.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    store.close()
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (3,)


def test_a_shard_marker_is_committed_with_the_shard_rows_never_before(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    store = Store.open(path, batch_size=4)
    store.write(article(raw=f"{TEXT} 1"))
    store.write(article(raw=f"{TEXT} 2"))
    store.finish_shard("s1", "first", {"pages": 2, "articles": 2})
    with duckdb.connect(str(path)) as other:  # buffered: neither the rows nor the marker
        assert other.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        assert other.execute("SELECT count(*) FROM shards").fetchone() == (0,)
    store.write(article(raw=f"{TEXT} 3"))  # the fourth record fills the batch: one transaction
    with duckdb.connect(str(path)) as other:
        assert other.execute("SELECT count(*) FROM articles").fetchone() == (3,)
        assert other.execute("SELECT shard_id, pages, articles FROM shards").fetchall() == [("s1", 2, 2)]
    assert store.completed_shards() == {"s1"}
    store.finish_shard("s2", "second", {"pages": 1, "articles": 1})
    assert store.completed_shards() == {"s1", "s2"}  # what is buffered is written first
    store.close()


def test_runs_are_recorded() -> None:
    with Store.open(":memory:") as store:
        run = store.start_run()
        store.write(article())
        store.finish_run({"pages": 1, "events": 2})
        [(run_id, status, summary)] = rows(store, "SELECT run_id, status, summary FROM runs")
        assert (run_id, status) == (run, "done")
        assert '"events": 2' in summary
        assert rows(store, "SELECT run_id FROM articles") == [(run,)]


def test_unfinished_run_is_marked_when_the_store_closes_on_an_error(tmp_path: Path) -> None:
    path = tmp_path / "r.duckdb"
    with pytest.raises(RuntimeError), Store.open(path) as store:
        store.start_run()
        store.write(article())
        raise RuntimeError("boom")
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT status, summary FROM runs").fetchone() == (
            "failed",
            '{"error": "RuntimeError: boom"}',
        )
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_open_errors_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "dir.duckdb")
    not_a_db = tmp_path / "text.duckdb"
    not_a_db.write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(not_a_db)
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as connection:
        connection.execute("CREATE TABLE something (x INTEGER)")
    with pytest.raises(StoreError, match="not a thoisu store"):
        Store.open(other)


def test_closed_store_refuses_writes() -> None:
    store = Store.open(":memory:")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.write(article())


def test_weird_text_is_stored_verbatim() -> None:
    text = "Lone surrogate-free but odd: \u0000 NUL, emoji 🇻🇳, quote ' and \" and \\ backslash."
    weird = Article(page=Page(id="w", raw=text), text=text, body=[Span(0, len(text))], title=text)
    with Store.open(":memory:") as store:
        store.write(weird)
        assert rows(store, "SELECT title, body FROM articles") == [(text, text)]


# ---------------------------------------------------------------- prepared articles

WRITTEN = {
    "pages": "page_hash, doc, url, source, format, size",
    "articles": "* EXCLUDE (run_id, stored)",
    "attributions": "*",
    "mentions": "*",
    "events": "*",
    "event_evidence": "*",
    "article_fingerprints": "*",
    "article_bands": "*",
    "article_copies": "* EXCLUDE (stored)",
    "fused_events": "* EXCLUDE (first_stored, updated)",
    "fused_blocks": "*",
}


def written(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: rows(store, f"SELECT {columns} FROM {table} ORDER BY ALL")
        for table, columns in WRITTEN.items()
    }


def test_a_prepared_article_is_stored_as_the_store_would_prepare_it() -> None:
    pages = [article(), article(raw=TEXT + " "), article(index=1)]
    with Store.open(":memory:") as plain, Store.open(":memory:") as ahead:
        for page in pages:
            plain.write(page)
        for page in pages:
            prepared = article(raw=page.page.raw, index=page.index)
            prepared.prepared = prepare(prepared)
            assert prepared.prepared.key == prepared.id
            ahead.write(prepared)
        assert written(ahead) == written(plain)
        assert written(plain)["mentions"] and written(plain)["fused_events"]


def test_the_store_trusts_what_was_prepared() -> None:
    # Nothing may change an article after the prepare stage: the store writes the prepared rows.
    page = article()
    page.prepared = prepare(page)
    page.title = "changed afterwards"
    with Store.open(":memory:") as store:
        store.write(page)
        assert rows(store, "SELECT title FROM articles") == [("Gặp gỡ",)]


def naive_offset(text_article: Article, sentence: Span, event: Event, *, source_side: bool) -> int | None:
    """The actor offset as first defined: every mention of the article, scanned in order."""
    person = event.source_person if source_side else event.target_person
    codes = (
        {event.source, event.source_actor_code} if source_side else {event.target, event.target_actor_code}
    )
    codes.discard(None)
    fallback = None
    for mention in text_article.mentions:
        if not sentence.contains(mention.span):
            continue
        if person is not None and mention.canonical == person:
            return mention.span.start
        if fallback is None and (mention.actor in codes or mention.country in codes):
            fallback = mention.span.start
    return fallback


spans = st.tuples(st.integers(0, 40), st.integers(0, 6)).map(lambda pair: Span(pair[0], pair[0] + pair[1]))
mentions = st.builds(
    Mention,
    spans,
    st.sampled_from(["PER", "GPE"]),
    st.sampled_from([None, "CHN", "CHNGOV", "PRK"]),
    st.sampled_from([None, "CHN", "PRK"]),
    st.sampled_from([None, "Wang Yi", "Kim Jong Un"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(mentions, max_size=12), st.lists(st.tuples(spans, spans), min_size=1, max_size=5))
def test_evidence_offsets_are_those_of_a_full_scan(
    found: list[Mention], places: list[tuple[Span, Span]]
) -> None:
    text = "x" * 60
    event = Event(
        "PRK",
        "CHN",
        "040",
        None,
        source_actor_code="PRKGOV",
        source_person="Kim Jong Un",
        target_person="Wang Yi",
        evidence=[Evidence(Span(min(a.start, b.start), max(a.end, b.end)), b) for a, b in places],
    )
    page = Article(page=Page(id="m", raw=text), text=text, body=[Span(0, 60)], mentions=found, events=[event])
    rows_ = prepare(page).evidence
    expected = [
        (
            naive_offset(page, evidence.sentence, event, source_side=True),
            naive_offset(page, evidence.sentence, event, source_side=False),
        )
        for evidence in event.evidence
    ]
    assert [(row[9], row[10]) for row in rows_] == expected
