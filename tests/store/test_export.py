from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from thoisu.errors import StoreError
from thoisu.model import Article, DateRange, Event, Evidence, Page, Span
from thoisu.service import EventQuery, ExportFormat, Service
from thoisu.store import Store

TEXT = (
    "Ngày 3/2, Chủ tịch nước tiếp Đại sứ Nhật Bản tại Hà Nội, hai bên bàn về hợp tác lao động. "
    "Phía Nhật Bản cam kết tạo điều kiện cho thực tập sinh Việt Nam và mở rộng viện trợ phát triển "
    "chính thức cho các dự án hạ tầng ở miền Trung trong năm nay."
)
SECOND = (
    "Chủ tịch nước đã tiếp Đại sứ Nhật Bản chiều 3/2. Đại sứ cho biết Tokyo coi Việt Nam là đối tác "
    "quan trọng hàng đầu ở Đông Nam Á, đồng thời mong hai nước sớm ký hiệp định về công nhận tay nghề."
)


def meeting(text: str) -> Event:
    trigger = text.index("tiếp")
    return Event(
        "VNM",
        "JPN",
        "040",
        DateRange.day(date(2024, 2, 3)),
        source_actor_code="VNMGOV",
        place="VNM",
        goldstein=1.0,
        quad_class=1,
        confidence=0.8,
        evidence=[Evidence(Span(0, text.index(".") + 1), Span(trigger, trigger + 4))],
    )


def page(doc: str, text: str, events: list[Event], outlet: str) -> Article:
    return Article(
        page=Page(id=doc, raw=f"{outlet}\n{text}", source=doc, url=f"https://{doc}.vn/a"),
        text=text,
        body=[Span(0, len(text))],
        sentences=[Span(0, text.index(".") + 1), Span(text.index(".") + 2, len(text))],
        published=date(2024, 2, 3),
        outlet=outlet,
        events=events,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "e.duckdb"
    threat = Event(
        "PRK",
        "KOR",
        "138",
        DateRange.day(date(2024, 1, 5)),
        goldstein=-7.0,
        quad_class=3,
        evidence=[Evidence(Span(0, 10), Span(0, 4))],
    )
    with Store.open(path) as store:
        store.write(page("nhandan", TEXT, [meeting(TEXT), threat], "Nhân Dân"))
        store.write(page("vov", SECOND, [meeting(SECOND)], "VOV"))
        store.write(page("baoxyz", TEXT, [meeting(TEXT)], "Báo XYZ"))  # a copy of the first
    return path


def test_jsonl_nests_mentions_and_evidence(db: Path) -> None:
    stream = io.StringIO()
    with Service.open(db) as service:
        result = service.export_jsonl(stream, EventQuery(dyad=("JPN", "VNM"), limit=None))
    [record] = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert (result.events, result.mentions) == (1, 3)
    assert (record["code"], record["date"], record["num_mentions"], record["num_independent_sources"]) == (
        "040",
        "2024-02-03",
        3,
        2,
    )
    assert sorted(mention["outlet"] for mention in record["mentions"]) == ["Báo XYZ", "Nhân Dân", "VOV"]
    copy = next(mention for mention in record["mentions"] if mention["outlet"] == "Báo XYZ")
    assert copy["copy_of"] is not None
    evidence = copy["evidence"][0]
    assert evidence["trigger"] == "tiếp" and TEXT[slice(*evidence["trigger_span"])] == "tiếp"


@pytest.mark.parametrize("output_format", [ExportFormat.CSV, ExportFormat.PARQUET])
def test_tables_can_be_read_back(db: Path, tmp_path: Path, output_format: ExportFormat) -> None:
    out = tmp_path / output_format.value
    with Service.open(db) as service:
        result = service.export(output_format, out)
    assert (result.events, result.mentions) == (2, 4)
    events, mentions = (str(path) for path in result.paths)
    with duckdb.connect() as connection:
        rows = connection.execute(
            f"SELECT code, mentions, independent, outlets FROM '{events}' ORDER BY code"
        ).fetchall()
        linked = connection.execute(
            f"SELECT count(*), count(DISTINCT event_id), count(copy_of) FROM '{mentions}'"
        ).fetchone()
    outlets = rows[0][3]
    assert (rows[0][:3], rows[1][:3]) == (("040", 3, 2), ("138", 1, 1))
    assert sorted(outlets.split("; ") if isinstance(outlets, str) else outlets) == [
        "Báo XYZ",
        "Nhân Dân",
        "VOV",
    ]
    assert linked == (4, 2, 1)


def test_gdelt_tables(db: Path, tmp_path: Path) -> None:
    with Service.open(db) as service:
        result = service.export(ExportFormat.GDELT, tmp_path / "gdelt", EventQuery(root="04", limit=None))
    events_path, mentions_path = result.paths
    assert (events_path.name, mentions_path.name) == ("thoisu.export.CSV", "thoisu.mentions.CSV")
    [event] = [line.split("\t") for line in events_path.read_text(encoding="utf-8").splitlines()]
    mentions = [line.split("\t") for line in mentions_path.read_text(encoding="utf-8").splitlines()]
    assert len(event) == 61 and all(len(row) == 16 for row in mentions) and len(mentions) == 3
    assert {row[0] for row in mentions} == {event[0]}
    assert (event[1], event[5], event[7], event[12], event[26], event[31:34]) == (
        "20240203",
        "VNMGOV",
        "VNM",
        "GOV",
        "040",
        ["3", "3", "3"],
    )
    assert event[51:55] == ["1", "Vietnam", "VM", "VM"] and event[60].startswith("https://")
    assert sorted(row[4] for row in mentions) == ["Báo XYZ", "Nhân Dân", "VOV"]
    assert {row[6] for row in mentions} == {"1"}  # the first sentence


def test_export_errors_are_store_errors(db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with Service.open(db) as service, pytest.raises(StoreError, match="cannot write"):
        service.export(ExportFormat.CSV, blocker / "sub")
