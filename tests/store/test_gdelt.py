from __future__ import annotations

from datetime import date, datetime

import pytest

from thoisu.store.gdelt import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    GdeltEvent,
    GdeltMention,
    Places,
    actor_fields,
    clean,
    event_fields,
    load_places,
    mention_fields,
)

PLACES = Places(
    {"VNM": "VM", "USA": "US"}, {"VNM": "Vietnam", "USA": "United States", "IGOUNO": "United Nations"}
)


def column(fields: list[str], name: str) -> str:
    return fields[EVENT_COLUMNS.index(name)]


def visit(**changes: object) -> GdeltEvent:
    values: dict[str, object] = {
        "gid": 123456789,
        "code": "042",
        "source": "USA",
        "target": "VNM",
        "source_actor_code": "USAGOV",
        "target_actor_code": None,
        "source_person": "Antony Blinken",
        "target_person": None,
        "date_first": date(2023, 4, 14),
        "first_reported": date(2023, 4, 15),
        "place": "VNM",
        "goldstein": 1.9,
        "quad_class": 1,
        "mentions": 5,
        "sources": 5,
        "articles": 5,
        "is_root": True,
        "first_stored": datetime(2026, 11, 22, 10, 5, 9),
        "source_url": "https://vietnamplus.vn/blinken",
    }
    values.update(changes)
    return GdeltEvent(**values)  # type: ignore[arg-type]


def test_the_layouts_have_gdelt_s_column_counts() -> None:
    assert len(EVENT_COLUMNS) == 61 and len(set(EVENT_COLUMNS)) == 61
    assert len(MENTION_COLUMNS) == 16
    assert EVENT_COLUMNS[0] == "GlobalEventID" and EVENT_COLUMNS[26] == "EventCode"
    assert EVENT_COLUMNS[51] == "ActionGeo_Type" and EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_an_event_row() -> None:
    fields = event_fields(visit(), PLACES)
    assert len(fields) == 61
    expected = {
        "GlobalEventID": "123456789",
        "Day": "20230414",
        "MonthYear": "202304",
        "Year": "2023",
        "Actor1Code": "USAGOV",
        "Actor1Name": "ANTONY BLINKEN",
        "Actor1CountryCode": "USA",
        "Actor1Type1Code": "GOV",
        "Actor2Code": "VNM",
        "Actor2Name": "VIETNAM",
        "Actor2Type1Code": "",
        "IsRootEvent": "1",
        "EventCode": "042",
        "EventBaseCode": "042",
        "EventRootCode": "04",
        "QuadClass": "1",
        "GoldsteinScale": "1.9",
        "NumMentions": "5",
        "AvgTone": "",
        "Actor1Geo_Type": "0",
        "ActionGeo_Type": "1",
        "ActionGeo_FullName": "Vietnam",
        "ActionGeo_CountryCode": "VM",
        "ActionGeo_ADM1Code": "VM",
        "ActionGeo_Lat": "",
        "DATEADDED": "20261122100509",
        "SOURCEURL": "https://vietnamplus.vn/blinken",
    }
    assert {name: column(fields, name) for name in expected} == expected
    assert column(fields, "FractionDate").startswith("2023.2")


def test_unknowns_stay_empty_and_igo_actors_are_known_groups() -> None:
    fields = event_fields(
        visit(
            source="IGOUNO",
            source_actor_code="IGOUNO",
            source_person=None,
            target=None,
            date_first=None,
            place=None,
            goldstein=None,
            quad_class=None,
        ),
        PLACES,
    )
    assert column(fields, "Actor1KnownGroupCode") == "UNO" and column(fields, "Actor1Type1Code") == "IGO"
    assert column(fields, "Actor1CountryCode") == "" and column(fields, "Actor1Name") == "UNITED NATIONS"
    assert column(fields, "Actor2Code") == "" and column(fields, "GoldsteinScale") == ""
    assert column(fields, "Day") == "20230415"  # undated: the day it was first reported
    assert column(fields, "ActionGeo_Type") == "0"
    assert actor_fields("PRKGOVMIL", "PRK", None, PLACES)[7:] == ["GOV", "MIL", ""]


def test_a_mention_row() -> None:
    fields = mention_fields(
        GdeltMention(
            gid=7,
            event_added=datetime(2026, 1, 2, 3, 4, 5),
            mention_stored=datetime(2026, 1, 2, 3, 4, 6),
            source_name="VOV",
            identifier="https://vov.vn/x",
            sentence_no=0,
            source_offset=10,
            target_offset=None,
            action_offset=30,
            confidence=0.844,
            doc_length=2000,
        )
    )
    assert fields == [
        "7",
        "20260102030405",
        "20260102030406",
        "1",
        "VOV",
        "https://vov.vn/x",
        "1",
        "10",
        "-1",
        "30",
        "0",
        "84",
        "2000",
        "",
        "srclc:vie",
        "",
    ]


def test_fields_never_break_the_tab_layout() -> None:
    assert clean("a\tb\nc\r\nd") == "a b c d"
    fields = event_fields(visit(source_url="https://x.vn/a\tb"), PLACES)
    assert all("\t" not in field and "\n" not in field for field in fields)


@pytest.mark.parametrize(
    ("code", "fips", "name"), [("VNM", "VM", "Vietnam"), ("PRK", "KN", None), ("MMR", "BM", None)]
)
def test_shipped_fips_table(code: str, fips: str, name: str | None) -> None:
    places = load_places()
    assert places.fips_of(code) == fips
    if name:
        assert places.name_of(code) == name
    assert places.fips_of("XXX") == "" and places.name_of("XXX") == "XXX"
