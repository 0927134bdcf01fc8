from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from thoisu.errors import StoreError
from thoisu.model import Article, DateRange, Event, Evidence, Page, Reject, Span, Status
from thoisu.service import EventQuery, Service
from thoisu.store import Migration, Store
from thoisu.store.migrations import migrations

TEXT = "Ông Tập Cận Bình gặp ông Kim Jong-un tại Bình Nhưỡng. Nga và Triều Tiên ký thỏa thuận."


def at(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle))


def day(text: str) -> DateRange:
    return DateRange.day(date.fromisoformat(text))


def article(doc: str, events: list[Event], published: date | None = None) -> Article:
    return Article(
        page=Page(id=doc, raw=f"{doc}: {TEXT}", source=doc),
        text=TEXT,
        title=f"Title of {doc}",
        outlet="VietnamPlus",
        body=[Span(0, len(TEXT))],
        published=published,
        events=events,
    )


MEETING = Event(
    "CHN",
    "PRK",
    "040",
    day("2019-06-20"),
    source_actor_code="CHNGOV",
    target_actor_code="PRKGOV",
    source_person="Xi Jinping",
    evidence=[Evidence(at("Ông Tập Cận Bình gặp ông Kim Jong-un tại Bình Nhưỡng."), at("gặp"))],
)
VISIT = Event("CHN", "PRK", "042", DateRange(date(2019, 6, 20), date(2019, 6, 21)))
DEAL = Event(
    "RUS",
    "PRK",
    "057",
    day("2024-06-19"),
    evidence=[Evidence(at("Nga và Triều Tiên ký thỏa thuận."), at("ký"))],
)
PLANNED = Event("PRK", "RUS", "042", DateRange(date(2024, 9, 1), date(2024, 9, 30)), status=Status.PLANNED)
UNDATED = Event("KOR", "USA", "010", None)
UNO = Event("IGOUNO", "PRK", "112", day("2024-01-05"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.start_run()
        store.write(article("a.txt", [MEETING, VISIT], date(2019, 6, 21)))
        store.write(article("b.txt", [DEAL, PLANNED, UNDATED, UNO], date(2024, 6, 20)))
        store.write(
            Article(page=Page(id="x.bin", raw="", source="x.bin"), reject=Reject("read", "binary", "NUL"))
        )
        store.write(
            Article(page=Page(id="y.bin", raw="", source="y.bin"), reject=Reject("read", "binary", "NUL"))
        )
        store.write(
            Article(
                page=Page(id="en.html", raw="Hello", source="en.html"),
                reject=Reject("extract", "not-vietnamese"),
            )
        )
        store.finish_run({"pages": 5})
    return path


def codes(service: Service, query: EventQuery) -> list[str]:
    return [row.code for row in service.events(query)]


def test_all_events_latest_first_undated_last(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery()) == ["042", "057", "112", "040", "042", "010"]
        assert service.count_events(EventQuery()) == 6


def test_rows_carry_article_and_evidence(db: Path) -> None:
    with Service.open(db) as service:
        [row] = service.events(
            EventQuery(root="04", since=date(2019, 1, 1), until=date(2019, 12, 31), limit=1)
        )
    assert row.code == "040"
    assert (row.doc, row.title, row.outlet, row.published) == (
        "a.txt",
        "Title of a.txt",
        "VietnamPlus",
        date(2019, 6, 21),
    )
    assert row.source_person == "Xi Jinping"
    assert row.date == "2019-06-20"
    [evidence] = row.evidence
    assert evidence.sentence == "Ông Tập Cận Bình gặp ông Kim Jong-un tại Bình Nhưỡng."
    assert evidence.sentence[evidence.trigger_offset :].startswith("gặp")


def test_actor_filter_matches_countries_and_actor_codes_on_either_side(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(actors=("RUS",))) == ["042", "057"]
        assert codes(service, EventQuery(actors=("CHNGOV",))) == ["040"]
        assert codes(service, EventQuery(actors=("USA", "IGOUNO"))) == ["112", "010"]
        assert codes(service, EventQuery(actors=("JPN",))) == []


def test_dyad_in_either_direction(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(dyad=("PRK", "RUS"))) == ["042", "057"]
        assert codes(service, EventQuery(dyad=("RUS", "PRK"))) == ["042", "057"]
        assert codes(service, EventQuery(dyad=("CHN", "RUS"))) == []


def test_date_filters_use_overlap_and_drop_undated(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(since=date(2019, 6, 21), until=date(2019, 6, 21))) == ["042"]
        assert codes(service, EventQuery(since=date(2024, 9, 30))) == ["042"]
        assert codes(service, EventQuery(until=date(2019, 6, 20))) == ["040", "042"]


def test_root_status_limit_offset(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(status=Status.PLANNED)) == ["042"]
        assert codes(service, EventQuery(root="05")) == ["057"]
        assert codes(service, EventQuery(limit=2, offset=1)) == ["057", "112"]
        assert service.count_events(EventQuery(root="04")) == 3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"root": "4"},
        {"actors": ("chn",)},
        {"limit": -1},
        {"since": date(2024, 2, 1), "until": date(2024, 1, 1)},
    ],
)
def test_bad_queries_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        EventQuery(**kwargs)  # type: ignore[arg-type]


def test_summary_rejects_and_runs(db: Path) -> None:
    with Service.open(db) as service:
        summary = service.summary()
        rejects = service.rejects()
        binary = service.rejects(reason="binary")
        runs = service.runs()
    assert (summary.pages, summary.articles, summary.events, summary.rejects, summary.runs) == (3, 2, 6, 3, 1)
    assert summary.first_event == date(2019, 6, 20) and summary.last_event == date(2024, 9, 30)
    assert summary.events_by_root == (("01", 1), ("04", 3), ("05", 1), ("11", 1))
    assert summary.rejects_by_reason == (("binary", 2), ("not-vietnamese", 1))
    assert summary.schema_version == 1
    assert {row.doc for row in rejects} == {"x.bin", "y.bin", "en.html"}
    assert [row.reason for row in binary] == ["binary", "binary"]
    [run] = runs
    assert run.status == "done" and run.summary == {"pages": 5}


def test_queries_are_read_only(db: Path) -> None:
    with Service.open(db) as service, pytest.raises(StoreError):
        service._fetch("DELETE FROM events", [])  # the connection cannot write


def test_in_memory_store_can_be_queried() -> None:
    with Store.open(":memory:") as store:
        store.write(article("a.txt", [MEETING]))
        with Service.from_store(store) as service:
            assert codes(service, EventQuery()) == ["040"]


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Service.open(tmp_path / "missing.duckdb")
    newer = tmp_path / "newer.duckdb"
    Store.open(
        newer, steps=(*migrations(), Migration(2, "future", "CREATE TABLE future (x INTEGER)"))
    ).close()
    with pytest.raises(StoreError, match="upgrade thoisu"):
        Service.open(newer)
