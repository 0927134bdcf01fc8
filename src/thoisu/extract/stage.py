"""The extract stage: normalised text to dated, attributed articles.

For each page: decide the language (a page that is not Vietnamese is rejected
``not-vietnamese``), classify its lines and find its article(s)
(:mod:`thoisu.extract.flat`; none: ``no-article``), then give each article its
title, body and caption spans, publication date and basis
(:mod:`thoisu.extract.dates`), outlet and bylines
(:mod:`thoisu.extract.outlet`) and the sources it cites
(:mod:`thoisu.extract.attribution`). HTML pages arrive as trafilatura's text
(see :mod:`thoisu.normalise`) and take the same path, with dates and hints
from their markup.

A page holding several articles yields several ``Article`` records sharing the
page, text and offsets, with ``index`` 0, 1, ...
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import ClassVar

from thoisu.extract.attribution import AttributionFinder, Citation, deduplicate, looks_like_person
from thoisu.extract.dates import CountryFinder, DateEvidence, Published, resolve_published
from thoisu.extract.flat import ArticleLayout, Line, LineFeatures, classify_lines, layout_page
from thoisu.extract.html import HtmlMeta, html_fallback_date, html_metadata
from thoisu.extract.language import clearly_vietnamese, detect_language
from thoisu.extract.memory import OutletMemory
from thoisu.extract.outlet import (
    DomainTable,
    LineOutlet,
    byline_names,
    outlet_from_lines,
    staff_credit,
)
from thoisu.extract.resources import ExtractResources, load_extract_resources
from thoisu.model import Article, PageFormat, Reject, Span
from thoisu.pipeline import Stage

#: Lines scanned for outlet signatures (top and bottom of the page carry the template).
_SIGNATURE_LINES = 60


class ExtractStage(Stage):
    """Find the article(s) in each page's text and fill their fields.

    Args:
        resources: Extract resources; the shipped ones when omitted.
        cross_page: Remember lines each outlet repeats across pages and treat them as template text
            (useful when a batch holds many pages of one outlet; results then depend on page order).
    """

    name = "extract"
    # Page by page: the HTML path (trafilatura on lxml trees) fed a chunk of pages at a time ran
    # at 240 pages/s instead of 400, and flat pages gain nothing measurable from chunks here.
    chunk: ClassVar[int] = 1
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    adds: ClassVar[frozenset[str]] = frozenset(
        {"title", "body", "captions", "published", "outlet", "authors", "attributions", "language"}
    )

    def __init__(self, resources: ExtractResources | None = None, *, cross_page: bool = True) -> None:
        self.resources = resources or load_extract_resources()
        self.attributions = AttributionFinder(self.resources.sources)
        self.countries = CountryFinder(self.resources.sources.countries)
        self.memory = OutletMemory() if cross_page else None
        self.domains = DomainTable.build(self.resources.outlets, self.resources.sources.agencies)
        # What short lines already met say (pure functions of the line and the resources): an outlet's
        # template lines recur on all its pages.
        self._line_features: dict[str, LineFeatures] = {}
        self._line_outlets: dict[str, LineOutlet] = {}

    def reset(self) -> None:
        """Forget the outlets' template lines learnt so far (a new batch, such as a shard, starts)."""
        if self.memory is not None:
            self.memory = OutletMemory()

    def __getstate__(self) -> dict[str, object]:
        # The matchers hold compiled automatons; they are rebuilt from the resources on unpickling,
        # which is what process pools and Dask workers need.
        return {"resources": self.resources, "memory": self.memory}

    def __setstate__(self, state: dict[str, object]) -> None:
        resources = state["resources"]
        memory = state["memory"]
        assert isinstance(resources, ExtractResources)
        assert memory is None or isinstance(memory, OutletMemory)
        self.resources = resources
        self.attributions = AttributionFinder(resources.sources)
        self.countries = CountryFinder(resources.sources.countries)
        self.memory = memory
        self.domains = DomainTable.build(resources.outlets, resources.sources.agencies)
        self._line_features = {}
        self._line_outlets = {}

    def process(self, article: Article) -> Iterable[Article]:
        """Extract one page; yield its article(s), or the page rejected with a reason."""
        text = article.text
        language = "vi" if clearly_vietnamese(text) else detect_language(text).language
        if language not in ("vi", "und"):
            article.language = language
            article.reject = Reject(self.name, "not-vietnamese", f"language {language}")
            yield article
            return
        page = article.page
        meta = html_metadata(page.raw) if page.format == PageFormat.HTML else HtmlMeta()
        split = text.split("\n")  # one split, so each line is hashed once for the outlet and line memos
        outlet = self._outlet(article, meta, split)
        seen: Set[str] = frozenset()
        if self.memory is not None and outlet is not None:
            page_key = page.content_hash
            seen = self.memory.seen(outlet, page_key)
        lines = classify_lines(text, article.offsets, self.resources, seen, self._line_features, split)
        if self.memory is not None and outlet is not None:
            self.memory.add(outlet, page_key, (line.key for line in lines))
        layout = layout_page(lines)
        if not layout.articles:
            article.language = language
            article.outlet = outlet
            article.reject = Reject(self.name, "no-article", "no block of article prose on the page")
            yield article
            return
        page_body = "\n".join(line.text for found in layout.articles for line in found.body)
        for index, found in enumerate(layout.articles):
            target = (
                article if index == 0 else Article(page=page, index=index, text=text, offsets=article.offsets)
            )
            self._fill(target, found, layout.crawl, meta, outlet, page_body)
            target.language = "vi"
            yield target

    def _outlet(self, article: Article, meta: HtmlMeta, lines: list[str]) -> str | None:
        url = article.page.url or meta.url
        found = self.domains.outlet(url)
        if found is not None:
            return found
        window = (
            lines[:_SIGNATURE_LINES] + lines[-_SIGNATURE_LINES:]
            if len(lines) > 2 * _SIGNATURE_LINES
            else lines
        )
        return outlet_from_lines(window, self.resources.outlets, self._line_outlets) or meta.sitename

    def _fill(
        self,
        article: Article,
        found: ArticleLayout,
        crawl: Line | None,
        meta: HtmlMeta,
        outlet: str | None,
        page_body: str,
    ) -> None:
        text = article.text
        article.title = found.title.text if found.title is not None else meta.title
        article.body = [Span(line.start, line.end) for line in found.body]
        article.captions = [Span(line.start, line.end) for line in found.captions]
        article.outlet = outlet
        body_text = "\n".join(line.text for line in found.body)
        evidence = DateEvidence(
            header_lines=tuple(line.text for line in found.header),
            footer_lines=tuple(line.text for line in found.footer),
            crawl_line=crawl.text if crawl is not None else None,
            lead_line=found.body[0].text if found.body else None,
            meta=meta.published,
        )
        published = resolve_published(
            evidence, body_text, self.resources.knowledge, self.countries, context=page_body
        )
        if published.day is None and meta.published is None and article.page.format == PageFormat.HTML:
            # Neither the page's tags nor its text date it: htmldate's wider search is the last resort.
            fallback = html_fallback_date(article.page.raw)
            if fallback is not None:
                published = Published(fallback, None, "meta")
        article.published = published.day
        article.published_range = published.range
        article.published_basis = published.basis
        citations: list[Citation] = self.attributions.in_text(text, article.body)
        authors: list[str] = []
        for line in found.sources:
            source = self.attributions.in_source_line(line.text, line.start)
            citations.extend(source.citations)
            authors.extend(source.bylines)
            for name in source.unknown:
                if looks_like_person(name):
                    authors.append(name)
                else:  # a cited outlet nobody listed keeps the name the page gives it
                    citations.append(Citation(name, "agency", line.start, line.end))
        article.attributions = deduplicate(citations)
        authors = byline_names((line.text for line in found.bylines), self.resources.outlets) + authors
        if not authors and meta.author:
            authors = [meta.author]
        elif not authors and meta.byline:
            # The template's byline element (trafilatura leaves it out of the text): "Như Tâm (Theo
            # Reuters)" names the author before the citation; anything not shaped like a name is dropped.
            authors = [
                name
                for name in self.attributions.in_source_line(meta.byline, 0).bylines
                if looks_like_person(name) or staff_credit(name, self.resources.outlets)
            ]
        article.authors = list(dict.fromkeys(authors))
