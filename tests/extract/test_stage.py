from __future__ import annotations

import pickle

from extract_pages import ARTICLE_PAGE, TWO_ARTICLE_PAGE

from thoisu.extract.resources import ExtractResources
from thoisu.extract.stage import ExtractStage
from thoisu.model import Article, Page, Reject
from thoisu.normalise import NormaliseStage
from thoisu.pipeline import Pipeline
from thoisu.sentences import SentenceStage


def test_stage_contract() -> None:
    assert ExtractStage.name == "extract"
    assert ExtractStage.needs == {"text"}
    assert {"title", "body", "captions", "published", "outlet", "authors", "attributions", "language"} == (
        ExtractStage.adds
    )
    assert NormaliseStage.adds == {"text", "offsets"}


def test_pipeline_runs_normalise_extract_sentences(resources: ExtractResources) -> None:
    pipeline = Pipeline([NormaliseStage(), ExtractStage(resources, cross_page=False), SentenceStage()])
    pages = [Article(page=Page(id="a", raw=ARTICLE_PAGE)), Article(page=Page(id="b", raw=TWO_ARTICLE_PAGE))]
    articles = list(pipeline.run(pages))
    assert [(article.doc, article.index) for article in articles] == [("a", 0), ("b", 0), ("b", 1)]
    for article in articles:
        assert article.sentences
        assert all(any(body.contains(sentence) for body in article.body) for sentence in article.sentences)
    assert articles[1].id != articles[2].id


def test_rejected_articles_pass_through(resources: ExtractResources) -> None:
    article = Article(page=Page(id="x", raw="..."), reject=Reject("read", "binary"))
    (result,) = ExtractStage(resources, cross_page=False).run([article])
    assert result.reject == Reject("read", "binary")


def test_stage_pickles_for_worker_processes(resources: ExtractResources) -> None:
    stage = ExtractStage(resources)
    clone = pickle.loads(pickle.dumps(stage))
    text = NormaliseStage().run([Article(page=Page(id="p", raw=ARTICLE_PAGE))])
    (article,) = clone.run(text)
    assert article.title == "Hàn Quốc và Nhật Bản nhất trí khôi phục đối thoại an ninh cấp cao"
