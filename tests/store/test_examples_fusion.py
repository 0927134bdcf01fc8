"""The team's example pages through the real pipeline: several outlets, one event each.

e25-e28 are four outlets on Blinken's April 2023 visit (e26 a reworded copy of e25's TTXVN wire, e28
a day off on the talks); ``pages/w01`` is a regional paper's verbatim copy of e27 (VOV) with its own
menus, byline and sidebars. e32 announces Xi Jinping's April 2025 tour that e01 reports, and recalls
his December 2023 visit that e33 (a TCVN3-encoded page) reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from thoisu.build import build_pipeline
from thoisu.model import Status
from thoisu.read import read_inputs
from thoisu.service import EventQuery, EventRow, Service
from thoisu.store import Store

HERE = Path(__file__).parent
BLINKEN = [
    "e25_blinken-bui-thanh-son-vietnamplus.txt",
    "e26_blinken-bui-thanh-son-baodongnai.txt",
    "e27_blinken-ha-noi-vov.txt",
    "e28_blinken-hanoimoi-lech-ngay.txt",
]
WIRE_COPY = HERE / "pages" / "w01_blinken-ha-noi-baophutho-ban-sao-vov.txt"
XI = [
    "e32_cong-bo-chuyen-tham-tap-can-binh.txt",
    "e01_xi-jinping-ha-noi.txt",
    "e33_tap-can-binh-ha-noi-tcvn3.txt",
]


def inputs(examples: Path) -> list[str]:
    pages = examples / "pages"
    return [*(str(pages / name) for name in BLINKEN), str(WIRE_COPY), *(str(pages / name) for name in XI)]


def ingest(path: Path, files: list[str]) -> None:
    with Store.open(path) as store:
        for _ in build_pipeline(store).run(read_inputs(files)):
            pass


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("examples") / "fusion.duckdb"
    ingest(path, inputs(examples_dir))
    return path


@pytest.fixture
def service(db: Path) -> Iterator[Service]:
    with Service.open(db) as opened:
        yield opened


def docs(service: Service, event: EventRow) -> list[str]:
    detail = service.event(event.event_id)
    assert detail is not None
    return sorted(mention.doc for mention in detail.mentions)


def test_copies_are_linked_to_their_originals(service: Service) -> None:
    copies = {}
    for name in (BLINKEN[1], WIRE_COPY.name):
        detail = service.article(name)
        assert detail is not None and detail.copy_of is not None
        original = service.article(detail.copy_of.original_id)
        assert original is not None
        copies[name] = (original.article.doc, detail.copy_of.method)
    assert copies == {BLINKEN[1]: (BLINKEN[0], "near"), WIRE_COPY.name: (BLINKEN[2], "exact")}
    assert service.summary().copies == 2


def test_the_talks_are_one_event_with_the_majority_date(service: Service) -> None:
    talks = [
        row
        for row in service.timeline("USA", "VNM", status=Status.OCCURRED)
        if row.root == "04"
        and row.code not in ("042", "043")
        and {row.source_person, row.target_person} == {"Antony Blinken", "Bui Thanh Son"}
    ]
    assert len(talks) == 1
    [row] = talks
    assert docs(service, row) == sorted([*BLINKEN, WIRE_COPY.name])
    # Five outlets, three independent sources: e26 copies e25, w01 copies e27.
    assert (row.mentions, row.articles, row.sources, row.independent) == (5, 5, 5, 3)
    assert (row.date_first, row.date_last) == (date(2023, 4, 15), date(2023, 4, 15))
    assert row.date_disputed
    [late] = [alternative for alternative in row.date_alternatives if alternative.conflicts]
    assert late.value == "2023-04-16" and late.groups == 1


def test_the_visit_is_one_event(service: Service) -> None:
    visits = [
        row
        for row in service.events(EventQuery(dyad=("USA", "VNM"), status=Status.OCCURRED, limit=None))
        if row.code in ("042", "043")
    ]
    assert len(visits) == 1
    [visit] = visits
    assert (visit.source, visit.target, visit.source_person) == ("USA", "VNM", "Antony Blinken")
    assert docs(service, visit) == sorted([*BLINKEN, WIRE_COPY.name])
    assert visit.independent == 3
    assert visit.date_first is not None and visit.date_last is not None
    assert visit.date_first <= date(2023, 4, 15) <= visit.date_last


def test_the_tcvn3_page_and_the_announcement_report_one_december_visit(service: Service) -> None:
    december = [
        row
        for row in service.events(
            EventQuery(dyad=("CHN", "VNM"), root="04", since=date(2023, 12, 1), until=date(2023, 12, 31))
        )
        if row.code in ("042", "043") and row.status == "occurred"
    ]
    assert len(december) == 1
    assert docs(service, december[0]) == sorted([XI[0], XI[2]])
    assert (december[0].date_first, december[0].date_last) == (date(2023, 12, 12), date(2023, 12, 13))


def test_an_announced_visit_and_the_visit_itself_are_two_codings(service: Service) -> None:
    april = service.events(
        EventQuery(
            dyad=("CHN", "VNM"), root="04", since=date(2025, 4, 14), until=date(2025, 4, 15), limit=None
        )
    )
    statuses = {row.status for row in april if row.code == "042" and row.source == "CHN"}
    assert statuses == {"planned", "occurred"}
    # The onward visit to Malaysia is announced by both pages: one planned event, two reports.
    [malaysia] = service.events(EventQuery(dyad=("CHN", "MYS"), limit=None))
    assert docs(service, malaysia) == sorted([XI[0], XI[1]])


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            "fused": connection.execute(
                "SELECT * EXCLUDE (first_stored, updated) FROM fused_events ORDER BY fused_id"
            ).fetchall(),
            "links": connection.execute("SELECT event_id, fused_id FROM events ORDER BY event_id").fetchall(),
            "copies": connection.execute(
                "SELECT * EXCLUDE (stored) FROM article_copies ORDER BY article_id"
            ).fetchall(),
        }


def test_reingesting_and_ingesting_in_two_runs_change_nothing(
    db: Path, tmp_path: Path, examples_dir: Path
) -> None:
    files = inputs(examples_dir)
    once = tables(db)
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(db.read_bytes())
    ingest(copy, files)
    assert tables(copy) == once
    twice = tmp_path / "twice.duckdb"
    ingest(twice, files[:3])
    ingest(twice, files[3:])
    assert tables(twice) == once
