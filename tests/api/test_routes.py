from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apidata import KCNA, MEETING
from fastapi.testclient import TestClient

from thoisu.api import Settings, create_app
from thoisu.api.settings import MAX_OFFSET, MAX_PAGE_SIZE


def codes(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return [event["code"] for event in response.json()["events"]]


def event_id(client: TestClient, code: str) -> str:
    [event] = [event for event in client.get("/events").json()["events"] if event["code"] == code]
    return str(event["event_id"])


# ---------------------------------------------------------------- search


def test_search_lists_fused_events_latest_first(client: TestClient) -> None:
    page = client.get("/events").json()
    assert page["total"] == 4 and (page["limit"], page["offset"]) == (50, 0)
    assert [event["code"] for event in page["events"]] == ["042", "111", "057", "040"]
    meeting = page["events"][-1]
    # Two outlets, one fused event, with its consensus and its headline sentence.
    assert (meeting["mentions"], meeting["independent"], meeting["outlets"]) == (
        2,
        2,
        ["KCNA Watch", "VietnamPlus"],
    )
    assert meeting["date"] == "2019-06-20" and meeting["source_person"] == "Xi Jinping"
    evidence = meeting["evidence"]
    assert evidence["sentence"] == "Ông Tập Cận Bình gặp ông Kim Jong-un tại Bình Nhưỡng ngày 20/6."
    assert evidence["sentence"][evidence["trigger_start"] - evidence["sentence_start"] :].startswith("gặp")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "rus"}, ["042", "057"]),
        ({"actor": ["USA", "CHNGOV"]}, ["111", "040"]),
        ({"dyad": "prk-chn"}, ["040"]),
        ({"dyad": "RUS,PRK"}, ["042", "057"]),
        ({"place": "prk"}, ["040"]),
        ({"root": "05"}, ["057"]),
        ({"status": "planned"}, ["042"]),
        ({"since": "2024-07-01", "until": "2024-07-31"}, ["111"]),
        ({"min_sources": 2}, ["040"]),
        ({"actor": "JPN"}, []),
    ],
)
def test_search_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert codes(client, **params) == expected


def test_search_pages_and_counts_all_matches(client: TestClient) -> None:
    page = client.get("/events", params={"limit": 2, "offset": 1}).json()
    assert [event["code"] for event in page["events"]] == ["111", "057"]
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)
    assert client.get("/events", params={"offset": 10}).json() == {
        "total": 4,
        "limit": 50,
        "offset": 10,
        "events": [],
    }


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": MAX_PAGE_SIZE + 1},
        {"offset": -1},
        {"offset": MAX_OFFSET + 1},
        {"dyad": "CHN"},
        {"dyad": "CHN-PRK-RUS"},
        {"actor": "C"},
        {"actor": "CH N"},
        {"root": "4"},
        {"status": "rumoured"},
        {"since": "2024-13-01"},
        {"min_sources": -1},
        {"actor": [f"A{n:02d}" for n in range(21)]},
    ],
)
def test_search_refuses_bad_parameters_with_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_contradictory_dates_say_why(client: TestClient) -> None:
    response = client.get("/events", params={"since": "2024-02-01", "until": "2024-01-01"})
    assert response.status_code == 422
    assert "before" in response.json()["detail"]


# ---------------------------------------------------------------- one event


def test_an_event_with_its_provenance(client: TestClient) -> None:
    identifier = event_id(client, "040")
    detail = client.get(f"/events/{identifier}").json()
    assert detail["event"]["event_id"] == identifier
    mentions = detail["mentions"]
    assert sorted(mention["outlet"] for mention in mentions) == ["KCNA Watch", "VietnamPlus"]
    kcna = next(mention for mention in mentions if mention["outlet"] == "KCNA Watch")
    assert kcna["attribution"] == "KCNA" and kcna["source"] == "PRK"
    [evidence] = kcna["evidence"]
    # Spans point into the article's text: the dashboard highlights them in place.
    assert KCNA[evidence["sentence_start"] : evidence["sentence_end"]] == evidence["sentence"]
    assert KCNA[evidence["trigger_start"] : evidence["trigger_end"]] == "hội đàm"


def test_event_lookup_by_prefix_and_by_mention_id(client: TestClient) -> None:
    identifier = event_id(client, "057")
    by_prefix = client.get(f"/events/{identifier[:6].upper()}")
    assert by_prefix.status_code == 200 and by_prefix.json()["event"]["event_id"] == identifier
    mention = by_prefix.json()["mentions"][0]["mention_id"]
    assert client.get(f"/events/{mention}").json()["event"]["event_id"] == identifier


@pytest.mark.parametrize(("identifier", "status"), [("0000000", 404), ("abc", 422), ("xyz12345", 422)])
def test_event_lookup_failures(client: TestClient, identifier: str, status: int) -> None:
    response = client.get(f"/events/{identifier}")
    assert response.status_code == status
    if status == 404:
        assert "no event" in response.json()["detail"]


# ---------------------------------------------------------------- dyads


def test_timeline_is_oldest_first_in_either_direction(client: TestClient) -> None:
    timeline = client.get("/dyads/prk/rus/timeline").json()
    assert (timeline["first"], timeline["second"], timeline["total"]) == ("PRK", "RUS", 2)
    assert [event["code"] for event in timeline["events"]] == ["057", "042"]
    paged = client.get("/dyads/RUS/PRK/timeline", params={"limit": 1, "offset": 1}).json()
    assert [event["code"] for event in paged["events"]] == ["042"] and paged["total"] == 2
    occurred = client.get("/dyads/RUS/PRK/timeline", params={"status": "occurred"}).json()
    assert [event["code"] for event in occurred["events"]] == ["057"] and occurred["total"] == 1


def test_trend_counts_occurred_events_per_month_with_gaps(client: TestClient) -> None:
    trend = client.get("/dyads/PRK/RUS/trend").json()
    assert (trend["by"], trend["status"]) == ("month", "occurred")
    assert [(point["period"], point["events"], point["goldstein_sum"]) for point in trend["points"]] == [
        ("2024-06-01", 1, 8.0)
    ]
    any_status = client.get("/dyads/PRK/RUS/trend", params={"status": "any"}).json()["points"]
    assert [(point["period"], point["events"], point["cooperation"]) for point in any_status] == [
        ("2024-06-01", 1, 1),
        ("2024-07-01", 0, 0),
        ("2024-08-01", 0, 0),
        ("2024-09-01", 1, 1),
    ]
    yearly = client.get("/dyads/PRK/RUS/trend", params={"by": "year", "status": "any"}).json()["points"]
    assert [(point["period"], point["events"]) for point in yearly] == [("2024-01-01", 2)]


@pytest.mark.parametrize(
    "url",
    [
        "/dyads/C/PRK/trend",
        "/dyads/CHN/P-K/timeline",
        "/dyads/CHN/PRK/trend?by=day",
        "/dyads/CHN/PRK/timeline?limit=501",
    ],
)
def test_dyad_endpoints_refuse_bad_input(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 422


# ---------------------------------------------------------------- actors


def test_top_actors(client: TestClient) -> None:
    actors = client.get("/actors", params={"limit": 2}).json()["actors"]
    assert actors[0] == {"actor": "PRK", "events": 4, "as_source": 1, "as_target": 3, "mentions": 5}
    assert len(actors) == 2
    detailed = [row["actor"] for row in client.get("/actors", params={"detailed": True}).json()["actors"]]
    assert "CHNGOV" in detailed and "CHN" not in detailed
    assert client.get("/actors", params={"limit": 0}).status_code == 422


def test_network_edges_join_listed_nodes(client: TestClient) -> None:
    network = client.get("/network", params={"nodes": 3}).json()
    nodes = {node["actor"] for node in network["nodes"]}
    assert nodes == {"PRK", "RUS", "CHN"}  # USA has one event; the top three have more
    pairs = {(edge["first"], edge["second"]): edge for edge in network["edges"]}
    assert set(pairs) == {("PRK", "RUS"), ("CHN", "PRK")}
    assert pairs[("PRK", "RUS")]["events"] == 2 and pairs[("PRK", "RUS")]["goldstein_sum"] == 9.9
    everyone = client.get("/network").json()
    assert ("PRK", "USA") in {(edge["first"], edge["second"]) for edge in everyone["edges"]}
    assert client.get("/network", params={"nodes": 1}).status_code == 422


# ---------------------------------------------------------------- articles


def test_articles_list_pages_and_filters_by_outlet(client: TestClient) -> None:
    page = client.get("/articles").json()
    assert page["total"] == 3
    assert [article["doc"] for article in page["articles"]] == ["russia.txt", "kcna.txt", "meeting.txt"]
    assert page["articles"][0]["events"] == 3
    only = client.get("/articles", params={"outlet": "KCNA Watch"}).json()
    assert only["total"] == 1 and only["articles"][0]["doc"] == "kcna.txt"
    assert (
        client.get("/articles", params={"limit": 1, "offset": 2}).json()["articles"][0]["doc"]
        == "meeting.txt"
    )


def test_an_article_with_its_text_and_body_paragraphs(client: TestClient) -> None:
    detail = client.get("/articles/meeting.txt", params={"text": True}).json()
    assert detail["article"]["outlet"] == "VietnamPlus" and len(detail["entities"]) == 3
    assert [mention["code"] for mention in detail["mentions"]] == ["040"]
    assert [event["code"] for event in detail["events"]] == ["040"]
    text = detail["text"]
    assert text["text"] == MEETING
    # The menu line is not body: the paragraphs start at the second line.
    paragraphs = [text["text"][start:end] for start, end in text["paragraphs"]]
    assert paragraphs == MEETING.split("\n")[1:]
    entity = detail["entities"][0]
    assert MEETING[entity["start"] : entity["end"]] == entity["text"] == "Tập Cận Bình"
    without = client.get(f"/articles/{detail['article']['article_id'][:8]}").json()
    assert without["text"] is None and without["article"]["doc"] == "meeting.txt"


def test_unknown_article_is_404(client: TestClient) -> None:
    response = client.get("/articles/nothing-here.txt")
    assert response.status_code == 404 and "no article" in response.json()["detail"]


# ---------------------------------------------------------------- store-wide


def test_summary(client: TestClient) -> None:
    summary = client.get("/summary").json()
    assert (summary["articles"], summary["events"], summary["mentions"], summary["rejects"]) == (3, 4, 5, 1)
    assert summary["rejects_by_reason"] == [["binary", 1]]


def test_health_reports_the_store(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["writes_enabled"] is True
    assert health["database"]["available"] is True and health["database"]["events"] == 4


def test_vocabulary_names_codes_in_both_languages(client: TestClient) -> None:
    vocabulary = client.get("/vocabulary").json()
    assert vocabulary["countries"]["CHN"] == {"en": "China", "vi": "Trung Quốc"}
    assert vocabulary["organizations"]["IGOUNO"]["en"] == "United Nations"
    assert vocabulary["cameo"]["042"]["quad_class"] == 1
    # National organs name a country's role, not one body: they are not listed as organisations.
    assert not any(code.startswith("RUS") for code in vocabulary["organizations"])


def test_without_a_store_reads_answer_503_and_health_says_why(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    with TestClient(create_app(Settings(missing))) as client:
        response = client.get("/events")
        assert response.status_code == 503
        assert "no database" in response.json()["detail"] and response.headers["retry-after"]
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded" and health.json()["writes_enabled"] is False
        assert "no database" in health.json()["database"]["detail"]
