"""Evaluation gate: the pipeline's scores on the gold files must not fall below pinned floors.

Like trafilatura's evaluation in its test suite, this turns a quality regression into a test
failure. Floors sit at or just under the figures measured when they were set (README, "How good
it is"); raise them when the pipeline improves, never lower them to make a change pass.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from thoisu.build import build_pipeline
from thoisu.evaluate import evaluate, load_gold
from thoisu.output import article_record
from thoisu.read import read_inputs

REPO = Path(__file__).resolve().parents[1]

# measure -> floor, per gold file.
FLOORS: dict[str, dict[str, float]] = {
    "seeds": {
        "body": 1.0,
        "title": 1.0,
        "published": 1.0,
        "attributions_precision": 0.9,
        "attributions_recall": 0.9,
        "entity_recall": 0.95,
        "events_recall": 0.9,
        "events_precision": 0.85,
    },
    "examples": {
        "body": 1.0,
        "title": 1.0,
        "published": 1.0,
        "attributions_precision": 0.9,
        "attributions_recall": 0.9,
        "entity_recall": 0.95,
        "events_recall": 0.93,  # measured 0.953 (81/85)
        "events_precision": 0.91,  # measured 0.932 (138/148)
        "rejects_expected_made": 1.0,
    },
}


@lru_cache(maxsize=2)
def scores(gold_file: Path, pages: Path) -> dict[str, float | int | None]:
    records = [article_record(article) for article in build_pipeline().run(read_inputs([str(pages)]))]
    return evaluate(load_gold(gold_file), records).scores()


def gold_inputs(name: str) -> tuple[Path, Path]:
    if name == "examples":
        return REPO / "examples" / "gold.json", REPO / "examples" / "pages"
    shared = REPO.parent / "shared"
    if not (shared / "gold" / "seeds.json").is_file():
        pytest.skip(f"shared gold material not found at {shared} (it sits beside the checkout)")
    return shared / "gold" / "seeds.json", shared / "seeds"


@pytest.mark.parametrize(
    ("gold_name", "measure"),
    [(gold_name, measure) for gold_name, floors in FLOORS.items() for measure in floors],
)
def test_score_stays_above_its_floor(gold_name: str, measure: str) -> None:
    gold_file, pages = gold_inputs(gold_name)
    value = scores(gold_file, pages)[measure]
    assert value is not None, f"{measure} has nothing to count on {gold_name}"
    assert value >= FLOORS[gold_name][measure], f"{gold_name} {measure} = {value:.3f}"
