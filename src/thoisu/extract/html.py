"""HTML pages: main text and metadata by trafilatura, then the flat-text path.

The normalise stage calls :func:`html_to_text` and runs the result through the
same :func:`thoisu.normalise.normalise_text` as flat pages; the extract stage
then classifies its lines like any flat page (trafilatura keeps some related
links and captions) and takes the publication date from the markup
(:func:`html_metadata`): ``article:published_time`` and its siblings first,
trafilatura's metadata next, htmldate last. Title, outlet and author hints from
the markup fill what the text leaves open.

Broken markup never raises: trafilatura returning nothing falls back to a
plain block-by-block text dump with lxml, and a document lxml cannot parse
falls back to stripping tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from thoisu.extract.dates import MAX_YEAR, MIN_YEAR

#: Markup beyond this many characters is not parsed (the reader's limit should have caught it).
MAX_HTML_CHARS = 5_000_000

_META_DATE = re.compile(
    r"<meta\b[^>]{0,300}?(?:property|name|itemprop)\s*=\s*[\"']"
    r"(?:article:published_time|og:published_time|datePublished|pubdate|publishdate|dc\.date\.issued|"
    r"date|dc\.date)[\"'][^>]{0,300}?>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']{4,40})[\"']", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TAG = re.compile(r"<[^>]{0,2000}>")
_SCRIPT = re.compile(r"<(script|style|noscript)\b[^>]{0,500}>.{0,200000}?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "br",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figcaption",
        "blockquote",
        "td",
        "dt",
        "dd",
        "title",
    }
)


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    """What the markup says about the article."""

    published: date | None = None
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """One parse of an HTML page: its main text and what the markup says about it."""

    text: str
    meta: HtmlMeta


@lru_cache(maxsize=8)
def parse_html(raw: str) -> HtmlDocument:
    """Parse ``raw`` once for both stages that need it (never raises).

    The normalise stage wants the main text and the extract stage the metadata; trafilatura's
    ``bare_extraction`` gives both from one parse. The cache is keyed by the page's own string
    (whose hash Python keeps on the object), so the second stage's call costs nothing.
    """
    raw = raw[:MAX_HTML_CHARS]
    text: str | None = None
    title = author = sitename = url = None
    found_day: date | None = None
    try:
        import trafilatura

        document = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            deduplicate=False,
        )
        if document is not None and not isinstance(document, dict):  # dict only with as_dict=True
            text = document.text
            title = document.title or None
            author = document.author or None
            sitename = document.sitename or None
            url = document.url or None
            found_day = _parse_day(str(document.date)) if document.date else None
    except Exception:  # trafilatura raises assorted errors on broken markup; fall back below
        text = None
    if not text or len(text) < 80:
        text = _fallback_text(raw)
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    published = _meta_published(raw) or found_day or _htmldate(raw)
    if published is not None and not MIN_YEAR <= published.year <= MAX_YEAR:
        published = None
    return HtmlDocument(text, HtmlMeta(published, title, author, sitename, url))


def html_to_text(raw: str) -> str:
    """The page's main text: headline, blank line, paragraphs one per line."""
    return parse_html(raw).text


def html_metadata(raw: str) -> HtmlMeta:
    """Publication day and other hints from the markup (never raises)."""
    return parse_html(raw).meta


def _meta_published(raw: str) -> date | None:
    """``article:published_time`` and its siblings: the publisher's own statement wins."""
    for match in _META_DATE.finditer(raw[:200000]):
        content = _CONTENT.search(match.group(0))
        if content is not None:
            day = _parse_day(content.group(1))
            if day is not None:
                return day
    return None


def _htmldate(raw: str) -> date | None:
    """Ask htmldate, the last resort when neither meta tags nor trafilatura date the page."""
    try:
        from htmldate import find_date

        found = find_date(raw, original_date=True, extensive_search=False)
    except Exception:  # htmldate is a last resort
        return None
    return _parse_day(found) if found else None


def _fallback_text(raw: str) -> str:
    """Block-by-block visible text with lxml, or tag stripping when lxml gives up."""
    try:
        import lxml.html  # type: ignore[import-untyped,unused-ignore]

        root = lxml.html.fromstring(raw)
        for bad in root.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        pieces: list[str] = []
        for element in root.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag.lower() in _BLOCK_TAGS:
                pieces.append("\n")
            if element.text and tag:
                pieces.append(element.text)
            if element.tail:
                pieces.append(element.tail)
        return "".join(pieces)
    except Exception:  # lxml rejects some inputs outright (empty, binary); strip tags instead
        return _TAG.sub("\n", _SCRIPT.sub(" ", raw))


def _parse_day(value: str) -> date | None:
    match = _ISO_DAY.search(value)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
