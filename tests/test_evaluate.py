from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from thoisu.errors import GoldError
from thoisu.evaluate import (
    EvalResult,
    GoldDoc,
    attribution_key,
    evaluate,
    load_gold,
    load_predictions,
    normalise_text,
    parse_gold,
)


def gold_record(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "doc": "d1",
        "published": "2024-03-25",
        "title": "Quan chức Trung-Triều nhất trí",
        "attributions": ["KCNA"],
        "body_must_include": ["ông Kim đã có cuộc gặp"],
        "body_must_exclude": ["Tin mới nhất"],
        "entities": [{"text": "Vương Nghị", "type": "PER", "country": "CHN"}],
        "events": [],
    }
    record.update(fields)
    return record


def event(source: str, target: str | None, root: str, when: Any, **fields: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "root": root, "date": when, "status": "occurred", **fields}


def perfect_records(gold: list[GoldDoc]) -> list[dict[str, Any]]:
    """Predictions written from the gold itself."""
    records: list[dict[str, Any]] = []
    for doc in gold:
        if doc.expect_reject is not None:
            records.append({"doc": doc.doc, "reject": doc.expect_reject})
            continue
        records.append(
            {
                "doc": doc.doc,
                "title": doc.title,
                "published": doc.published.isoformat() if doc.published else None,
                "attributions": list(doc.attributions),
                "body": "\n".join(doc.body_must_include),
                "entities": [{"text": e.text, "type": e.type, "country": e.country} for e in doc.entities],
                "events": [
                    {
                        "source": e.source,
                        "target": e.target,
                        "root": e.root,
                        "code": e.code,
                        "date": e.date.to_json(),
                        "status": e.status,
                        "source_actor": e.source_actor,
                    }
                    for e in doc.events
                ],
            }
        )
    return records


def headline(result: EvalResult) -> list[float | None]:
    return [
        result.body.value,
        result.title.value,
        result.published.value,
        result.attributions.precision,
        result.attributions.recall,
        result.entities.value,
        result.events.precision,
        result.events.recall,
        result.events.f1,
        result.status_agreement.value,
        result.actor_agreement.value,
    ]


HAND_GOLD = [
    gold_record(
        events=[
            event("PRK", "CHN", "04", "2024-03-21", source_actor="Kim Song-nam"),
            event("CHN", "PRK", "03", ["2024-03-20", "2024-03-22"], required=False),
        ]
    ),
    gold_record(doc="d2", published=None, published_range=["2024-04-11", "2024-04-13"], events=[]),
    {"doc": "english.html", "expect_reject": "not-vietnamese"},
]


def test_perfect_prediction_scores_one_everywhere() -> None:
    gold = parse_gold(HAND_GOLD)
    result = evaluate(gold, perfect_records(gold))
    assert headline(result) == [1.0] * 11
    assert result.rejects.value == 1.0


def test_perfect_prediction_on_the_seed_gold(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "gold" / "seeds.json")
    result = evaluate(gold, perfect_records(gold))
    assert headline(result) == [1.0] * 11
    assert result.events.gold == sum(1 for doc in gold for e in doc.events if e.required)


def test_empty_prediction_scores_zero() -> None:
    gold = parse_gold(HAND_GOLD)
    result = evaluate(gold, [])
    assert [result.body.value, result.title.value, result.published.value] == [0.0, 0.0, 0.0]
    assert result.attributions.recall == 0.0 and result.entities.value == 0.0
    assert result.events.recall == 0.0 and result.events.f1 == 0.0
    # Nothing was predicted, so there is no precision or agreement to speak of.
    assert result.events.precision is None and result.status_agreement.value is None
    assert result.rejects.value == 0.0


def score_events(gold_events: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> EvalResult:
    gold = parse_gold([gold_record(events=gold_events)])
    return evaluate(gold, [{"doc": "d1", "events": predicted}])


@pytest.mark.parametrize(
    "root,matches", [("03", True), ("04", True), ("05", True), ("01", False), ("17", False)]
)
def test_reversed_actors_count_only_for_roots_03_04_05(root: str, matches: bool) -> None:
    result = score_events(
        [event("PRK", "CHN", root, "2024-03-21")], [event("CHN", "PRK", root, "2024-03-21")]
    )
    assert result.events.matched_gold == int(matches)


def test_roots_and_actors_must_agree() -> None:
    gold = [event("PRK", "CHN", "04", "2024-03-21")]
    assert score_events(gold, [event("PRK", "CHN", "03", "2024-03-21")]).events.matched_gold == 0
    assert score_events(gold, [event("PRK", "RUS", "04", "2024-03-21")]).events.matched_gold == 0
    assert score_events(gold, [event("PRK", None, "04", "2024-03-21")]).events.matched_gold == 0
    assert (
        score_events(
            gold, [{"source": "PRK", "target": "CHN", "code": "042", "date": "2024-03-21"}]
        ).events.recall
        == 1
    )


@pytest.mark.parametrize(
    "gold_date,predicted,matches",
    [
        ("2024-03-21", "2024-03-21", True),
        ("2024-03-21", "2024-03-22", True),  # widened by one day
        ("2024-03-21", "2024-03-20", True),
        ("2024-03-21", "2024-03-23", False),
        ("2024-03-21", ["2024-03-20", "2024-03-22"], True),
        (["2024-03-18", "2024-03-23"], ["2024-03-17", "2024-03-24"], True),
        (["2024-03-18", "2024-03-23"], ["2024-03-16", "2024-03-24"], False),
        (["2024-03-18", "2024-03-23"], "2024-03-25", False),
        # A range of at most three days containing a gold day, though it reaches past the widening.
        ("2024-03-21", ["2024-03-19", "2024-03-21"], True),
        ("2024-03-21", ["2024-03-21", "2024-03-23"], True),
        ("2024-03-21", ["2024-03-18", "2024-03-21"], False),  # four days
        ("2024-03-21", ["2024-03-17", "2024-03-19"], False),  # three days, but the gold day is outside
        (["2024-03-21", "2024-03-25"], ["2024-03-19", "2024-03-21"], False),  # the rule is for gold days
    ],
)
def test_date_rule(gold_date: Any, predicted: Any, matches: bool) -> None:
    result = score_events([event("PRK", "CHN", "04", gold_date)], [event("PRK", "CHN", "04", predicted)])
    assert result.events.matched_gold == int(matches)


def test_prediction_without_a_date_matches_nothing() -> None:
    result = score_events([event("PRK", "CHN", "04", "2024-03-21")], [event("PRK", "CHN", "04", None)])
    assert (result.events.matched_gold, result.events.predicted) == (0, 1)
    assert result.events.precision == 0.0


def test_matching_is_one_to_one() -> None:
    same = event("PRK", "CHN", "04", "2024-03-21")
    result = score_events([same], [same, same])
    assert result.events.recall == 1.0
    assert result.events.precision == 0.5
    [doc] = result.docs
    assert len(doc.events.extras) == 1


def test_matching_prefers_required_gold_and_finds_the_maximum() -> None:
    gold = [
        event("PRK", "CHN", "04", "2024-03-21", required=False),
        event("PRK", "CHN", "04", ["2024-03-20", "2024-03-22"]),
        event("PRK", "CHN", "04", "2024-03-22"),
    ]
    # The first prediction fits all three gold events, the second only the first and the range.
    predicted = [event("PRK", "CHN", "04", "2024-03-21"), event("PRK", "CHN", "04", "2024-03-20")]
    result = score_events(gold, predicted)
    assert result.events.matched_gold == 2  # both required events, not the optional one
    assert result.events.recall == 1.0 and result.events.precision == 1.0
    [doc] = result.docs
    assert [missed.required for missed in doc.events.missed] == [False]


def test_optional_matches_count_for_precision_not_recall() -> None:
    gold = [event("PRK", "CHN", "04", "2024-03-21"), event("CHN", "USA", "02", "2024-03-21", required=False)]
    result = score_events(gold, [event("CHN", "USA", "02", "2024-03-21")])
    assert result.events.precision == 1.0
    assert result.events.recall == 0.0


def test_status_and_source_actor_agreement() -> None:
    gold = [
        event("PRK", "CHN", "04", "2024-03-21", source_actor="Kim Song-nam", target_actor="Wang Yi"),
        event(
            "PRK", "VNM", "04", ["2024-03-22", "2024-04-15"], status="planned", source_actor="Kim Song-nam"
        ),
    ]
    predicted = [
        # Reversed: its source actor is compared with the gold target actor.
        event("CHN", "PRK", "04", "2024-03-21", source_actor="wang  yi"),
        event("PRK", "VNM", "04", ["2024-03-23", "2024-03-30"], source_actor="Kim Jong-un"),
    ]
    result = score_events(gold, predicted)
    assert result.events.matched_gold == 2
    assert (result.status_agreement.hit, result.status_agreement.total) == (1, 2)
    assert (result.actor_agreement.hit, result.actor_agreement.total) == (1, 2)


def test_records_of_one_doc_are_merged() -> None:
    gold = parse_gold(
        [
            gold_record(
                body_must_include=["first article", "second article"],
                events=[event("PRK", "CHN", "04", "2024-03-21"), event("RUS", "CHN", "04", "2024-04-09")],
            )
        ]
    )
    records: list[dict[str, Any]] = [
        {
            "doc": "d1",
            "title": "Quan chức Trung-Triều nhất trí",
            "published": "2024-03-25",
            "body": "first article",
            "attributions": ["KCNA"],
            "events": [event("PRK", "CHN", "04", "2024-03-21")],
        },
        {"doc": "d1", "reject": "no-article"},
        {
            "doc": "d1",
            "title": "Another title",
            "published": "2024-12-20",
            "body": "second article",
            "attributions": ["TASS"],
            "events": [event("RUS", "CHN", "04", "2024-04-09")],
        },
    ]
    result = evaluate(gold, records)
    assert result.body.value == 1.0
    assert result.title.value == 1.0  # the first title counts
    assert result.published.value == 1.0
    assert result.events.recall == 1.0 and result.events.precision == 1.0
    assert (result.attributions.precision, result.attributions.recall) == (0.5, 1.0)
    assert result.unexpected_rejects == ()


def test_body_check_uses_normalised_text() -> None:
    gold = parse_gold(
        [gold_record(body_must_include=["Hòa bình  và ổn định"], body_must_exclude=["Tin MỚI"])]
    )
    body = unicodedata.normalize("NFD", "vì HÒA BÌNH\nvà ổn định khu vực")
    result = evaluate(gold, [{"doc": "d1", "body": body}])
    assert result.body.value == 1.0
    leaked = evaluate(gold, [{"doc": "d1", "body": body + " tin mới nhất"}])
    assert leaked.body.value == 0.0
    assert leaked.docs[0].body_leaked == ("Tin MỚI",)


def test_normalise_text() -> None:
    assert normalise_text(" Hòa\u00a0 Bình\n") == normalise_text(unicodedata.normalize("NFD", "hòa bình"))


def test_published_null_gold_accepts_null_or_a_day_in_range() -> None:
    gold = parse_gold([gold_record(published=None, published_range=["2024-04-11", "2024-04-13"])])

    def ok(value: str | None) -> float | None:
        return evaluate(gold, [{"doc": "d1", "published": value}]).published.value

    assert ok(None) == 1.0
    assert ok("2024-04-12") == 1.0
    assert ok("2024-12-20") == 0.0
    no_range = parse_gold([gold_record(published=None)])
    assert evaluate(no_range, [{"doc": "d1", "published": "2024-04-12"}]).published.value == 0.0


def test_attribution_aliases_are_folded() -> None:
    assert attribution_key("TTXVN") == attribution_key("VNA")
    assert attribution_key("Vietnam+") == attribution_key("vietnamplus")
    assert attribution_key("Tân Hoa xã") == attribution_key("THX") == attribution_key("Xinhua")
    assert attribution_key("YONHAP") == attribution_key("Yonhap")
    assert attribution_key("KCNA") != attribution_key("Xinhua")
    gold = parse_gold([gold_record(attributions=["TTXVN", "Vietnam+", "Tân Hoa xã"])])
    result = evaluate(gold, [{"doc": "d1", "attributions": ["VNA", "VietnamPlus", "Reuters", "THX"]}])
    assert (result.attributions.matched_predicted, result.attributions.predicted) == (3, 4)
    assert result.attributions.recall == 1.0
    assert result.docs[0].attributions_extra == ("Reuters",)


def test_entity_recall_needs_text_type_and_agreeing_country() -> None:
    gold = parse_gold(
        [
            gold_record(
                entities=[
                    {"text": "Vương Nghị", "type": "PER", "country": "CHN"},
                    {"text": "Bình Nhưỡng", "type": "GPE", "country": "PRK"},
                    {"text": "KCNA", "type": "ORG", "country": "PRK"},
                    {"text": "Kim Song-nam", "type": "PER"},
                ]
            )
        ]
    )
    predicted = [
        {"text": "vương nghị", "type": "PER", "country": "CHN"},
        {"text": "Bình Nhưỡng", "type": "GPE", "country": "KOR"},  # wrong country
        {"text": "KCNA", "type": "ORG"},  # no country given: fine
        {"text": "Kim Song-nam", "type": "ORG", "country": "PRK"},  # wrong type
    ]
    result = evaluate(gold, [{"doc": "d1", "entities": predicted}])
    assert (result.entities.hit, result.entities.total) == (2, 4)
    assert [e.text for e in result.docs[0].entities_missed] == ["Bình Nhưỡng", "Kim Song-nam"]


def test_expected_rejections() -> None:
    gold = parse_gold([{"doc": "en.html", "expect_reject": "not-vietnamese"}, gold_record()])
    made = evaluate(gold, [{"doc": "en.html", "reject": "not-vietnamese"}, {"doc": "d1", "reject": "empty"}])
    assert (made.rejects.hit, made.rejects.total) == (1, 1)
    assert made.unexpected_rejects == ("d1",)
    assert made.body.total == 1 and made.body.hit == 0  # the expected reject takes no part in page checks
    missed = evaluate(
        gold, [{"doc": "en.html", "title": "Hello", "events": [event("USA", "CHN", "04", "2024-01-01")]}]
    )
    assert missed.rejects.value == 0.0
    assert missed.events.predicted == 1 and missed.events.precision == 0.0


def test_predictions_for_unknown_docs_are_reported_not_scored() -> None:
    gold = parse_gold([gold_record()])
    result = evaluate(gold, [{"doc": "other", "events": [event("PRK", "CHN", "04", "2024-03-21")]}])
    assert result.unscored == ("other",)
    assert result.events.predicted == 0


@pytest.mark.parametrize(
    "data,message",
    [
        ({"doc": "x"}, "JSON array"),
        ([gold_record(), gold_record()], "appears twice"),
        ([gold_record(events=[event("PRK", "CHN", "4", "2024-03-21")])], "root"),
        ([gold_record(events=[event("PRK", "CHN", "04", None)])], "date is required"),
        ([gold_record(events=[event("PRK", "CHN", "04", "21/3/2024")])], "YYYY-MM-DD"),
        ([gold_record(events=[event("PRK", "CHN", "04", ["2024-03-22", "2024-03-21"])])], "ends before"),
        ([gold_record(events=[event("PRK", "CHN", "04", "2024-03-21", code="057")])], "does not belong"),
        ([gold_record(events=[event("PRK", "CHN", "04", "2024-03-21", status="maybe")])], "status"),
        ([gold_record(entities=[{"text": "X", "type": "PERSON"}])], "type"),
        ([gold_record(attributions="KCNA")], "list of strings"),
        ([{"title": "no doc"}], "'doc' is required"),
    ],
)
def test_gold_schema_errors(data: Any, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        parse_gold(data, "g.json")


def test_load_files(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(HAND_GOLD, ensure_ascii=False), encoding="utf-8")
    gold = load_gold(gold_path)
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in perfect_records(gold)) + "\n\n", encoding="utf-8"
    )
    assert evaluate(gold, load_predictions(predictions)).events.recall == 1.0
    (tmp_path / "bad.json").write_text("[{", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid JSON"):
        load_gold(tmp_path / "bad.json")
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "missing.json")
    (tmp_path / "bad.jsonl").write_text('{"doc": "a"}\n[1]\n', encoding="utf-8")
    with pytest.raises(GoldError, match="line 2"):
        load_predictions(tmp_path / "bad.jsonl")


def test_bad_prediction_record_is_a_gold_error() -> None:
    gold = parse_gold([gold_record()])
    with pytest.raises(GoldError, match="prediction 1"):
        evaluate(gold, [{"doc": "d1", "events": [{"source": "PRK", "date": "2024-03-21"}]}])
    with pytest.raises(GoldError, match="published"):
        evaluate(gold, [{"doc": "d1", "published": "25/3/2024"}])
