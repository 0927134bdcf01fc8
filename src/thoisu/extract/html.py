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


def html_to_text(raw: str) -> str:
    """The page's main text: headline, blank line, paragraphs one per line."""
    raw = raw[:MAX_HTML_CHARS]
    text: str | None = None
    title: str | None = None
    try:
        import trafilatura

        text = trafilatura.extract(
            raw,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            deduplicate=False,
        )
        metadata = trafilatura.extract_metadata(raw)
        title = getattr(metadata, "title", None) if metadata is not None else None
    except Exception:  # trafilatura raises assorted errors on broken markup; fall back below
        text = None
    if not text or len(text) < 80:
        text = _fallback_text(raw)
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    return text


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


def html_metadata(raw: str) -> HtmlMeta:
    """Publication day and other hints from the markup (never raises)."""
    raw = raw[:MAX_HTML_CHARS]
    published: date | None = None
    head = raw[:200000]
    for match in _META_DATE.finditer(head):
        content = _CONTENT.search(match.group(0))
        if content is not None:
            published = _parse_day(content.group(1))
            if published is not None:
                break
    title = author = sitename = url = None
    try:
        import trafilatura

        metadata = trafilatura.extract_metadata(raw)
        if metadata is not None:
            title = metadata.title or None
            author = metadata.author or None
            sitename = metadata.sitename or None
            url = metadata.url or None
            if published is None and metadata.date:
                published = _parse_day(str(metadata.date))
    except Exception:  # metadata is a hint; a broken page keeps what the regex found
        pass
    if published is None:
        try:
            from htmldate import find_date

            found = find_date(raw, original_date=True, extensive_search=False)
            if found:
                published = _parse_day(found)
        except Exception:  # htmldate is a last resort
            published = None
    if published is not None and not MIN_YEAR <= published.year <= MAX_YEAR:
        published = None
    return HtmlMeta(published, title, author, sitename, url)
