from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from thoisu.errors import StoreError
from thoisu.model import Article, DateRange, Event, Evidence, Mention, Page, Reject, Span, Status
from thoisu.service import EventQuery, Period, Service
from thoisu.store import Migration, Store
from thoisu.store.migrations import latest_version, migrations

TEXT = (
    "Ông Tập Cận Bình gặp ông Kim Jong-un tại Bình Nhưỡng. Nga và Triều Tiên ký thỏa thuận. "
    "Hai bên cũng trao đổi về hợp tác kinh tế, giao thông, du lịch và giáo dục trong thời gian tới, "
    "đồng thời nhất trí tăng cường phối hợp tại các diễn đàn đa phương như Liên hợp quốc."
)
RUSSIA = (
    "Nga và Triều Tiên ký thỏa thuận. Văn kiện gồm các điều khoản về hỗ trợ lẫn nhau, hợp tác quân sự, "
    "khoa học và năng lượng, được ký trong chuyến thăm của Tổng thống Nga tới Bình Nhưỡng tháng 6/2024."
)
OTHER = (
    "Theo hãng thông tấn KCNA, nhà lãnh đạo Kim Jong-un đã đón Chủ tịch Trung Quốc tại sân bay Bình Nhưỡng "
    "chiều 20/6 và hai bên hội đàm ngay trong buổi chiều, bàn về tình hình bán đảo và quan hệ song phương."
)


def at(needle: str, text: str = TEXT) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def day(text: str) -> DateRange:
    return DateRange.day(date.fromisoformat(text))


def article(
    doc: str,
    events: list[Event],
    published: date | None = None,
    text: str = TEXT,
    outlet: str = "VietnamPlus",
) -> Article:
    return Article(
        page=Page(id=doc, raw=f"{doc}: {text}", source=doc, url=f"https://{doc}.example.vn"),
        text=text,
        title=f"Title of {doc}",
        outlet=outlet,
        body=[Span(0, len(text))],
        sentences=[Span(0, len(text))],
        published=published,
        events=events,
    )


def meeting(text: str = TEXT, when: str = "2019-06-20") -> Event:
    trigger = "gặp" if "gặp" in text else "hội đàm"
    return Event(
        "CHN",
        "PRK",
        "040",
        day(when),
        source_actor_code="CHNGOV",
        target_actor_code="PRKGOV",
        source_person="Xi Jinping",
        goldstein=1.0,
        quad_class=1,
        place="PRK",
        evidence=[Evidence(Span(0, text.index(".") + 1), at(trigger, text))],
    )


VISIT = Event(
    "CHN", "PRK", "042", DateRange(date(2019, 6, 20), date(2019, 6, 21)), goldstein=1.9, quad_class=1
)
DEAL = Event(
    "RUS",
    "PRK",
    "057",
    day("2024-06-19"),
    goldstein=8.0,
    quad_class=2,
    evidence=[Evidence(at("Nga và Triều Tiên ký thỏa thuận.", RUSSIA), at("ký", RUSSIA))],
)
PLANNED = Event("PRK", "RUS", "042", DateRange(date(2024, 9, 1), date(2024, 9, 30)), status=Status.PLANNED)
UNDATED = Event("KOR", "USA", "010", None)
UNO = Event("IGOUNO", "PRK", "112", day("2024-01-05"), goldstein=-2.0, quad_class=3)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.start_run()
        store.write(article("a.txt", [meeting(), VISIT], date(2019, 6, 21)))
        store.write(article("b.txt", [DEAL, PLANNED, UNDATED, UNO], date(2024, 6, 20), RUSSIA))
        # A second outlet on the meeting, a day late, and a wire copy of it.
        store.write(
            article("kcna.txt", [meeting(OTHER, "2019-06-21")], date(2019, 6, 21), OTHER, "KCNA Watch")
        )
        store.write(article("copy.txt", [meeting(OTHER, "2019-06-21")], date(2019, 6, 22), OTHER, "Báo X"))
        for name in ("x.bin", "y.bin"):
            store.write(
                Article(page=Page(id=name, raw="", source=name), reject=Reject("read", "binary", "NUL"))
            )
        store.write(
            Article(
                page=Page(id="en.html", raw="Hello", source="en.html"),
                reject=Reject("extract", "not-vietnamese"),
            )
        )
        store.finish_run({"pages": 7})
    return path


def codes(service: Service, query: EventQuery) -> list[str]:
    return [row.code for row in service.events(query)]


def test_events_are_fused_latest_first_undated_last(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery()) == ["042", "057", "112", "042", "040", "010"]
        assert service.count_events(EventQuery()) == 6
        summary = service.summary()
    assert (summary.articles, summary.mentions, summary.events, summary.copies) == (4, 8, 6, 1)


def test_a_fused_row_counts_its_reports(db: Path) -> None:
    with Service.open(db) as service:
        [row] = service.events(EventQuery(root="04", until=date(2019, 12, 31), limit=1, offset=1))
    assert row.code == "040" and row.source_person == "Xi Jinping"
    assert (row.mentions, row.articles, row.sources, row.independent) == (3, 3, 3, 2)
    assert row.outlets == ("Báo X", "KCNA Watch", "VietnamPlus")
    # Two independent sources: one says 20/6, the other (and its copy) 21/6; a tie goes to the earlier day.
    assert row.date == "2019-06-20" and row.date_disputed
    assert [alternative.value for alternative in row.date_alternatives] == ["2019-06-21"]
    assert row.evidence is not None and row.evidence.sentence.startswith("Ông Tập Cận Bình gặp")
    assert row.evidence.sentence[row.evidence.trigger_offset :].startswith("gặp")


def test_actor_filter_matches_countries_and_actor_codes_on_either_side(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(actors=("RUS",))) == ["042", "057"]
        assert codes(service, EventQuery(actors=("CHNGOV",))) == ["040"]
        assert codes(service, EventQuery(actors=("USA", "IGOUNO"))) == ["112", "010"]
        assert codes(service, EventQuery(actors=("JPN",))) == []


def test_dyad_in_either_direction_by_country_or_actor_code(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(dyad=("PRK", "RUS"))) == ["042", "057"]
        assert codes(service, EventQuery(dyad=("RUS", "PRK"))) == ["042", "057"]
        assert codes(service, EventQuery(dyad=("PRKGOV", "CHNGOV"))) == ["040"]
        assert codes(service, EventQuery(dyad=("CHN", "RUS"))) == []


def test_dates_root_status_place_sources_and_paging(db: Path) -> None:
    with Service.open(db) as service:
        assert codes(service, EventQuery(since=date(2019, 6, 21), until=date(2019, 6, 21))) == ["042"]
        assert codes(service, EventQuery(since=date(2024, 9, 30))) == ["042"]
        assert codes(service, EventQuery(status=Status.PLANNED)) == ["042"]
        assert codes(service, EventQuery(root="05")) == ["057"]
        assert codes(service, EventQuery(place="PRK")) == ["040"]
        assert codes(service, EventQuery(min_sources=2)) == ["040"]
        assert codes(service, EventQuery(limit=2, offset=1)) == ["057", "112"]
        assert len(service.events(EventQuery(limit=None))) == 6


def test_timeline_is_oldest_first(db: Path) -> None:
    with Service.open(db) as service:
        assert [row.code for row in service.timeline("PRK", "CHN")] == ["040", "042"]
        assert [row.code for row in service.timeline("RUS", "PRK", status=Status.OCCURRED)] == ["057"]
        assert service.timeline("RUS", "PRK", since=date(2030, 1, 1)) == []


def test_trend_counts_each_event_once_and_fills_gaps(db: Path) -> None:
    with Store.open(db) as store:
        store.write(
            article("c.txt", [Event("RUS", "PRK", "190", day("2024-08-02"), goldstein=-10.0, quad_class=4)])
        )
    with Service.open(db) as service:
        points = service.trend("PRK", "RUS")
        yearly = service.trend("PRK", "RUS", by=Period.YEAR, status=None)
    assert [point.period for point in points] == [date(2024, 6, 1), date(2024, 7, 1), date(2024, 8, 1)]
    assert [(point.events, point.goldstein_sum, point.cooperation, point.conflict) for point in points] == [
        (1, 8.0, 1, 0),
        (0, 0.0, 0, 0),
        (1, -10.0, 0, 1),
    ]
    assert points[1].goldstein_mean is None
    assert [(point.period, point.events) for point in yearly] == [(date(2024, 1, 1), 3)]


def test_top_actors(db: Path) -> None:
    with Service.open(db) as service:
        actors = service.top_actors(limit=3)
        detailed = service.top_actors(limit=10, detailed=True)
        old = service.top_actors(until=date(2019, 12, 31))
    assert [(row.actor, row.events, row.as_source, row.as_target) for row in actors] == [
        ("PRK", 5, 1, 4),
        ("CHN", 2, 2, 0),
        ("RUS", 2, 1, 1),
    ]
    assert actors[0].mentions == 7  # the meeting's three reports count in the mentions, once in events
    assert ("CHNGOV", 1) in [(row.actor, row.events) for row in detailed]
    assert {row.actor for row in old} == {"CHN", "PRK"}


def test_an_event_with_its_provenance(db: Path) -> None:
    with Service.open(db) as service:
        [row] = service.events(EventQuery(min_sources=2))
        detail = service.event(row.event_id[:6])
        assert detail is not None
        by_mention = service.event(detail.mentions[0].mention_id)
    assert by_mention is not None and by_mention.event == detail.event
    assert [mention.doc for mention in detail.mentions] == ["a.txt", "kcna.txt", "copy.txt"]
    copy = detail.mentions[2]
    kcna = detail.mentions[1]
    assert copy.copy_of == kcna.article_id and kcna.copy_of is None
    assert copy.date == "2019-06-21" and copy.outlet == "Báo X"
    assert kcna.evidence[0].sentence.startswith("Theo hãng thông tấn KCNA")
    assert {mention.event_id for mention in detail.mentions} == {row.event_id}


def test_event_lookups_that_fail(db: Path) -> None:
    with Service.open(db) as service:
        assert service.event("0" * 15) is None
        assert service.event("f" * 24) is None
        for bad in ("xyz", "abc", "0" * 20):
            with pytest.raises(ValueError, match="not an event id"):
                service.event(bad)
        existing = service.events(EventQuery(limit=1))[0].event_id
    # Another event whose id shares the first digits (ids are hashes; this one is made to collide).
    twin = existing[:6] + ("0" if existing[6] != "0" else "1") + existing[7:]
    with duckdb.connect(str(db)) as connection:
        connection.execute(
            "INSERT INTO fused_events SELECT * REPLACE (? AS gid, ? AS fused_id) FROM fused_events "
            "WHERE fused_id = ?",
            [int(twin, 16), twin, existing],
        )
    with Service.open(db) as service:
        with pytest.raises(ValueError, match="several event ids"):
            service.event(existing[:6])
        detail = service.event(existing)
        assert detail is not None and detail.event.event_id == existing


def test_an_article_with_its_mentions_events_and_copies(db: Path) -> None:
    with Service.open(db) as service:
        original = service.article("kcna.txt")
        copy = service.article("copy.txt")
        first = service.article("a.txt")
        assert service.article("nothing.txt") is None
        assert first is not None
        assert service.article(first.article.article_id[:6]) == first
    assert original is not None and copy is not None
    assert copy.copy_of is not None and copy.copy_of.original_id == original.article.article_id
    assert copy.copy_of.method == "exact" and copy.copy_of.similarity == 1.0
    assert [link.doc for link in original.copies] == ["copy.txt"]
    assert first.article.outlet == "VietnamPlus" and first.article.published == date(2019, 6, 21)
    assert [mention.code for mention in first.mentions] == ["040", "042"]
    assert sorted(event.code for event in first.events) == ["040", "042"]


def test_summary_rejects_and_runs(db: Path) -> None:
    with Service.open(db) as service:
        summary = service.summary()
        rejects = service.rejects()
        binary = service.rejects(reason="binary")
        runs = service.runs()
    assert (summary.pages, summary.articles, summary.rejects, summary.runs) == (5, 4, 3, 1)
    assert summary.first_event == date(2019, 6, 20) and summary.last_event == date(2024, 9, 30)
    assert summary.events_by_root == (("01", 1), ("04", 3), ("05", 1), ("11", 1))
    assert summary.rejects_by_reason == (("binary", 2), ("not-vietnamese", 1))
    assert summary.schema_version == latest_version()
    assert {row.doc for row in rejects} == {"x.bin", "y.bin", "en.html"}
    assert [row.reason for row in binary] == ["binary", "binary"]
    [run] = runs
    assert run.status == "done" and run.summary == {"pages": 7}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"root": "4"},
        {"actors": ("chn",)},
        {"place": "vn"},
        {"limit": -1},
        {"min_sources": -1},
        {"since": date(2024, 2, 1), "until": date(2024, 1, 1)},
    ],
)
def test_bad_queries_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        EventQuery(**kwargs)  # type: ignore[arg-type]


def test_queries_are_read_only(db: Path) -> None:
    with Service.open(db) as service, pytest.raises(StoreError):
        service._fetch("DELETE FROM fused_events", [])  # the connection cannot write


def test_in_memory_store_can_be_queried() -> None:
    with Store.open(":memory:") as store:
        store.write(article("a.txt", [meeting()]))
        with Service.from_store(store) as service:
            assert codes(service, EventQuery()) == ["040"]


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Service.open(tmp_path / "missing.duckdb")
    newer = tmp_path / "newer.duckdb"
    future = latest_version() + 1
    Store.open(
        newer, steps=(*migrations(), Migration(future, "future", "CREATE TABLE future (x INTEGER)"))
    ).close()
    with pytest.raises(StoreError, match="upgrade thoisu"):
        Service.open(newer)
    older = tmp_path / "older.duckdb"
    Store.open(older, steps=migrations()[:1]).close()
    with pytest.raises(StoreError, match="run 'thoisu upgrade --db"):
        Service.open(older)


# ---------------------------------------------------------------- queries added for the API


def test_dyads_are_unordered_pairs_with_counts(db: Path) -> None:
    with Service.open(db) as service:
        pairs = service.dyads()
        russia = service.dyads(actors=("RUS",))
        occurred = service.dyads(status=Status.OCCURRED, actors=("RUS",))
        detailed = service.dyads(detailed=True, actors=("CHN",))
        top = service.dyads(limit=1)
    assert [(pair.first, pair.second, pair.events) for pair in pairs] == [
        ("CHN", "PRK", 2),
        ("PRK", "RUS", 2),
        ("IGOUNO", "PRK", 1),
        ("KOR", "USA", 1),
    ]
    chn_prk = pairs[0]
    assert (chn_prk.mentions, chn_prk.goldstein_sum, chn_prk.cooperation, chn_prk.conflict) == (4, 2.9, 2, 0)
    assert (pairs[2].goldstein_sum, pairs[2].conflict) == (-2.0, 1)
    assert [(pair.first, pair.second, pair.events) for pair in russia] == [("PRK", "RUS", 2)]
    assert occurred[0].events == 1
    assert {(pair.first, pair.second) for pair in detailed} == {("CHNGOV", "PRKGOV"), ("CHN", "PRK")}
    assert len(top) == 1


def test_articles_list_latest_first_with_counts(db: Path) -> None:
    with Service.open(db) as service:
        rows = service.articles()
        outlet = service.articles(outlet="Báo X")
        paged = service.articles(limit=1, offset=1)
        counts = (service.count_articles(), service.count_articles(outlet="VietnamPlus"))
    assert [row.doc for row in rows] == ["b.txt", "copy.txt", "kcna.txt", "a.txt"]
    assert (rows[0].mentions, rows[0].events) == (4, 4)
    assert rows[1].copy_of == rows[2].article_id and rows[2].copy_of is None
    assert [row.doc for row in outlet] == ["copy.txt"] and [row.doc for row in paged] == ["copy.txt"]
    assert counts == (4, 2)


def test_timeline_pages(db: Path) -> None:
    with Service.open(db) as service:
        assert [row.code for row in service.timeline("PRK", "RUS", limit=1, offset=1)] == ["042"]


MENU = "Thế giới\nHai bên ký thỏa thuận.\n"
PAGE = MENU + "Ông Tập Cận Bình gặp ông Kim Jong-un.\nHai bên ký thỏa thuận.\nLiên hệ quảng cáo"


def at_last(needle: str, text: str) -> Span:
    start = text.rindex(needle)
    return Span(start, start + len(needle))


def test_article_text_places_the_body_paragraphs_in_the_text() -> None:
    body = [
        Span(PAGE.index("Ông"), PAGE.index("Ông") + len("Ông Tập Cận Bình gặp ông Kim Jong-un.")),
        at_last("Hai bên ký thỏa thuận.", PAGE),
    ]
    with Store.open(":memory:") as store:
        store.write(
            Article(
                page=Page(id="p.txt", raw=PAGE, source="p.txt"),
                text=PAGE,
                body=body,
                sentences=body,
                mentions=[Mention(at("Tập Cận Bình", PAGE), "PER", "CHNGOV", "CHN", "Xi Jinping")],
            )
        )
        with Service.from_store(store) as service:
            placed = service.article_text("p.txt")
            assert service.article_text("nothing") is None
    assert placed is not None and placed.text == PAGE
    # The second paragraph also appears in the menu above the body: it is placed after the first.
    assert [PAGE[start:end] for start, end in placed.paragraphs] == [
        "Ông Tập Cận Bình gặp ông Kim Jong-un.",
        "Hai bên ký thỏa thuận.",
    ]
    assert placed.paragraphs == tuple((span.start, span.end) for span in body)


def test_a_repeated_first_paragraph_is_placed_where_the_entities_are() -> None:
    # The first body line occurs in the menu too; the entity mention inside it decides.
    text = "Ông Tập Cận Bình đến.\nMenu\nÔng Tập Cận Bình đến.\nHết."
    body = [at_last("Ông Tập Cận Bình đến.", text), at("Hết.", text)]
    entity = at_last("Tập Cận Bình", text)
    with Store.open(":memory:") as store:
        store.write(
            Article(
                page=Page(id="r.txt", raw=text, source="r.txt"),
                text=text,
                body=body,
                sentences=body,
                mentions=[Mention(entity, "PER", "CHNGOV", "CHN", "Xi Jinping")],
            )
        )
        with Service.from_store(store) as service:
            placed = service.article_text("r.txt")
    assert placed is not None and placed.paragraphs == tuple((span.start, span.end) for span in body)
