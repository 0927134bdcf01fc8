"""Fixtures for the extract tests: resources, a stage, and a helper that runs normalise + extract."""

from __future__ import annotations

import pytest
from extract_pages import Extract

from thoisu.extract.resources import ExtractResources, load_extract_resources
from thoisu.extract.stage import ExtractStage
from thoisu.model import Article, Page, PageFormat
from thoisu.normalise import NormaliseStage


@pytest.fixture(scope="session")
def resources() -> ExtractResources:
    return load_extract_resources()


@pytest.fixture(scope="session")
def stage(resources: ExtractResources) -> ExtractStage:
    return ExtractStage(resources, cross_page=False)


@pytest.fixture
def extract(stage: ExtractStage) -> Extract:
    """Run normalise + extract over one raw page; return the articles (or the rejected page)."""

    def run(raw: str, *, url: str | None = None, html: bool = False, page_id: str = "page") -> list[Article]:
        page = Page(id=page_id, raw=raw, url=url, format=PageFormat.HTML if html else PageFormat.TEXT)
        return list(stage.run(NormaliseStage().run([Article(page=page)])))

    return run
