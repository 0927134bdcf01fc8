from pathlib import Path

from thoisu.build import build_pipeline
from thoisu.execute.worker import default_pipeline
from thoisu.store import Store

CHAIN = ["normalise", "extract", "sentences", "entities", "events"]


def names(pipeline: object) -> list[str]:
    return [stage.name for stage in pipeline.stages]  # type: ignore[attr-defined]


def test_a_chain_without_a_store_does_not_prepare_rows() -> None:
    assert names(build_pipeline()) == CHAIN


def test_a_chain_into_a_store_prepares_then_stores(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.duckdb") as store:
        assert names(build_pipeline(store)) == [*CHAIN, "prepare", "store"]


def test_batch_workers_prepare_for_the_writer() -> None:
    assert names(default_pipeline()) == [*CHAIN, "prepare"]
