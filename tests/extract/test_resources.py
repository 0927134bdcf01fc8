from __future__ import annotations

from datetime import date

import pytest

from thoisu.errors import ResourceError
from thoisu.extract.resources import (
    load_extract_resources,
    parse_boilerplate,
    parse_knowledge,
    parse_outlets,
    parse_sources,
)
from thoisu.lang.vi.orthography import fold


def test_shipped_resources_load_and_are_frozen() -> None:
    resources = load_extract_resources()
    assert fold("Tin liên quan") in resources.boilerplate.section_headers
    assert "của" in resources.function_words
    assert resources.outlets.outlets and resources.sources.agencies
    assert resources.sources.agency_origin in {"gazetteer", "sources.toml"}
    assert {"boilerplate", "outlets", "sources", "relations"} <= set(resources.versions)
    with pytest.raises(AttributeError):
        resources.function_words = frozenset()  # type: ignore[misc]


def test_boilerplate_patterns_split_by_anchor() -> None:
    data = {
        "version": "1",
        "section_headers": {"phrases": ["Đọc thêm"]},
        "chrome": {"phrases": ["Chia sẻ"]},
        "patterns": {"chrome": ["^theo dõi .{1,20} trên", "hữu ích"]},
    }
    boilerplate = parse_boilerplate(data)
    assert boilerplate.is_chrome("theo dõi báo x trên")
    assert boilerplate.is_chrome("bài này có hữu ích không")
    assert not boilerplate.is_chrome("tôi theo dõi báo x trên mạng")  # anchored pattern


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": "1", "chrome": {"phrases": []}, "patterns": {"chrome": []}}, "section_headers"),
        (
            {
                "version": "1",
                "section_headers": {"phrases": ["a"]},
                "chrome": {"phrases": ["b"]},
                "patterns": {"chrome": ["(unclosed"]},
            },
            "bad regular expression",
        ),
    ],
)
def test_malformed_boilerplate_is_reported(data: dict[str, object], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_boilerplate(data)


def test_outlets_combine_signatures() -> None:
    outlets = parse_outlets(
        {
            "version": "1",
            "bylines": {"staff": ["PV"], "surnames": ["Nguyễn"]},
            "outlet": [
                {"name": "Báo A", "domains": ["a.vn"], "aliases": ["A"], "signatures": ["^A-SIG"]},
                {"name": "Báo B", "domains": ["b.vn"], "signatures": []},
            ],
        }
    )
    match = outlets.signature_pattern.search("A-SIG 2024")
    assert match is not None and match.lastgroup == "o0"
    assert outlets.by_alias[fold("A")].name == "Báo A"


def test_sources_reject_a_bad_country_code() -> None:
    data = {
        "version": "1",
        "reporting_verbs": ["cho biết"],
        "official_verbs": ["cho biết"],
        "preceding_cues": ["theo"],
        "name_heads": ["báo"],
        "person_heads": ["ông"],
        "country": [{"iso3": "Chn", "adjective": "Chinese", "names": ["Trung Quốc"]}],
    }
    with pytest.raises(ResourceError, match="ISO 3166"):
        parse_sources(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": "1", "relations": [{"pair": ["CHN"], "since": date(1949, 10, 6)}]}, "pair"),
        (
            {
                "version": "1",
                "relations": [],
                "event": [
                    {
                        "label": "x",
                        "kind": "visit",
                        "parties": ["CHN", "PRK"],
                        "host": "PRK",
                        "first": date(2019, 6, 21),
                        "last": date(2019, 6, 20),
                    }
                ],
            },
            "first <= last",
        ),
        (
            {
                "version": "1",
                "relations": [],
                "event": [
                    {
                        "label": "x",
                        "kind": "party",
                        "parties": ["CHN", "PRK"],
                        "host": "PRK",
                        "first": date(2019, 6, 20),
                        "last": date(2019, 6, 21),
                    }
                ],
            },
            "visit or summit",
        ),
    ],
)
def test_malformed_knowledge_is_reported(data: dict[str, object], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_knowledge(data)


def test_knowledge_events_are_consistent() -> None:
    knowledge = load_extract_resources().knowledge
    for event in knowledge.events:
        assert event.host in event.parties or event.kind == "summit", event.label
        assert (event.last - event.first).days <= 10, event.label
