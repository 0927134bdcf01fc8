"""``POST /ingest``: a request body becomes pages, the pipeline codes them, the store keeps them.

The body is one page (plain text or HTML) or JSON Lines rows (``{"id", "url",
"text" | "html"}``, as ``thoisu ingest`` reads them). Reading, decoding and
rejections are the reader's (:mod:`thoisu.read`), so a page posted here is
treated exactly like the same page in a file. The pipeline runs before the
database is opened: the store is held only for the write, and reads wait only
for that.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from enum import StrEnum

from thoisu.api.access import StoreAccess, Unavailable
from thoisu.api.schemas import IngestedItem, IngestReport, RejectInfo
from thoisu.model import Article
from thoisu.pipeline import Pipeline
from thoisu.read.common import DEFAULT_MAX_BYTES
from thoisu.read.jsonl import read_jsonl
from thoisu.read.reader import page_from_bytes
from thoisu.store.stage import StoreStage

#: Where pages posted to the API say they came from (the ``source`` of their rows).
SOURCE = "api"
_JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/json-lines"})


class BodyFormat(StrEnum):
    """How to read an ingest body."""

    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"


def resolve_format(requested: BodyFormat, content_type: str | None, body: bytes) -> BodyFormat:
    """The format to read: the one asked for, else the media type's, else a look at the body.

    ``auto`` with a plain or missing media type reads JSON Lines when the first
    non-blank line is a JSON object (as ``thoisu ingest -`` does), else one page
    whose HTML-ness the reader sniffs.
    """
    if requested is not BodyFormat.AUTO:
        return requested
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _JSONL_TYPES:
        return BodyFormat.JSONL
    if media in ("text/html", "application/xhtml+xml"):
        return BodyFormat.HTML
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return BodyFormat.JSONL
    return BodyFormat.AUTO


def read_body(body: bytes, body_format: BodyFormat, doc: str | None, url: str | None) -> Iterator[Article]:
    """The pages of a body, as the reader makes them (rejections included).

    Args:
        body: The request body.
        body_format: From :func:`resolve_format` (``auto`` there means one page, HTML sniffed).
        doc: The page's name; default ``api-`` and the start of the body's SHA-256, so
            posting the same page twice names it the same (and stores it once).
        url: The page's URL (single pages; JSONL rows carry their own).
    """
    if body_format is BodyFormat.JSONL:
        yield from read_jsonl(io.BytesIO(body), doc or "api", SOURCE, DEFAULT_MAX_BYTES)
        return
    name = doc or f"api-{hashlib.sha256(body).hexdigest()[:16]}"
    html = {BodyFormat.TEXT: False, BodyFormat.HTML: True}.get(body_format)
    article = page_from_bytes(body, name, SOURCE, html)
    if url and article.reject is None:
        article.page.url = url
    yield article


class Ingestor:
    """Runs ingests one at a time, reusing one pipeline (its resources load once).

    Args:
        access: The store's access control.
        pipeline: Builds the pipeline without a store stage (called on the first ingest).
        wait_seconds: How long an ingest waits for the one before it.
    """

    def __init__(
        self, access: StoreAccess, pipeline: Callable[[], Pipeline], *, wait_seconds: float = 120.0
    ) -> None:
        self.access = access
        self._factory = pipeline
        self._wait = wait_seconds
        # Ingests are serialised: the pipeline's stages keep cross-page memory (an outlet's
        # template), and DuckDB has a single writer anyway.
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None

    def ingest(self, articles: Iterator[Article]) -> IngestReport:
        """Code ``articles`` and store them (with their rejections) in one run.

        Raises:
            Unavailable: When another ingest holds on too long or the store cannot be opened.
        """
        if not self._lock.acquire(timeout=self._wait):
            raise Unavailable("another ingest is running; retry when it has finished")
        try:
            started = time.perf_counter()
            if self._pipeline is None:
                self._pipeline = self._factory()
            processed = list(self._pipeline.run(articles))
            with self.access.writing() as store:
                run_id = store.start_run()
                for _ in StoreStage(store).run(processed):
                    pass
                report = _report(run_id, processed, time.perf_counter() - started)
                store.finish_run(report.model_dump(exclude={"items", "run_id"}))
            return report
        finally:
            self._lock.release()


def _report(run_id: str, articles: list[Article], seconds: float) -> IngestReport:
    reasons: Counter[str] = Counter()
    items = []
    for article in articles:
        reject = article.reject
        if reject is not None:
            reasons[reject.reason] += 1
        items.append(
            IngestedItem(
                doc=article.doc,
                index=article.index,
                article_id=None if reject is not None else article.id,
                title=article.title,
                outlet=article.outlet,
                published=article.published,
                events=len(article.events),
                reject=None
                if reject is None
                else RejectInfo(stage=reject.stage, reason=reject.reason, detail=reject.detail),
            )
        )
    accepted = [article for article in articles if article.reject is None]
    return IngestReport(
        run_id=run_id,
        pages=len({article.doc for article in articles}),
        articles=len(accepted),
        rejects=sum(reasons.values()),
        rejects_by_reason=dict(reasons),
        events=sum(len(article.events) for article in accepted),
        seconds=round(seconds, 3),
        items=items,
    )
