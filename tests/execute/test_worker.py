from __future__ import annotations

import gc
from pathlib import Path

from thoisu.execute import worker
from thoisu.execute.shards import plan_shards
from thoisu.execute.worker import process_shard
from thoisu.extract.stage import ExtractStage
from thoisu.normalise import NormaliseStage
from thoisu.pipeline import Pipeline


def test_reset_forgets_the_template_lines_learnt() -> None:
    stage = ExtractStage()
    learnt = stage.memory
    Pipeline([NormaliseStage(), stage]).reset()
    assert stage.memory is not None and stage.memory is not learnt
    assert ExtractStage(cross_page=False).memory is None


def _summary(shard_articles: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [
        (
            a.doc,
            a.reject,
            a.title,
            [(s.start, s.end) for s in a.body],
            [(e.code, e.source, e.target) for e in a.events],
        )
        for a in shard_articles
    ]


def test_a_shard_gives_the_same_articles_whatever_ran_before_it(tmp_path: Path) -> None:
    # Two shards of pages from one outlet: without a reset, the second would lean on template
    # lines learnt from the first when the same worker runs both.
    import corpus  # bench/corpus.py (see conftest.py): synthetic pages of one outlet

    templates = [t for t in corpus.load_templates() if t.name.startswith("e25")]
    generator = corpus.CorpusGenerator(templates, seed=3)
    corpus.write_directory(generator.pages(8), tmp_path)
    first, second = plan_shards([str(tmp_path)], files_per_shard=4)
    alone = _summary(process_shard(second).articles)
    process_shard(first)
    after_first = _summary(process_shard(second).articles)
    assert after_first == alone


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"


def plain_pipeline() -> Pipeline:
    from thoisu.build import build_pipeline

    return build_pipeline()


def test_a_worker_keeps_the_garbage_collector_out_of_the_way() -> None:
    [shard] = plan_shards([str(next(EXAMPLES.glob("*.txt")))])
    thresholds = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    try:
        result = worker.process_shard(shard, pipeline=plain_pipeline)
        # The pipeline built for the shard (its lexicons and gazetteers) is now frozen, and young
        # objects are collected less often.
        assert gc.get_freeze_count() > 50_000
        assert gc.get_threshold() == (worker.YOUNG_COLLECTION_EVERY, 10, 10)
        assert result.pages == 1 and result.articles
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        worker._built.cache_clear()
