"""HTML pages: main text by trafilatura, metadata from the page head, then the flat-text path.

The normalise stage calls :func:`html_to_text` and runs the result through the
same :func:`thoisu.normalise.normalise_text` as flat pages; the extract stage
then classifies its lines like any flat page (trafilatura keeps some related
links and captions) and takes hints from the markup (:func:`html_metadata`).

Trafilatura runs in its fast mode (its own extractor, without the comparison
with readability and justext, which costs about as much again) and without
its metadata extractor (an author search over the whole tree, categories,
licence, an htmldate run). The full cascade runs only when the fast result is
short or has no paragraphs, most of the cases the comparison exists for. What
the stages need from the markup (publication time, headline, site name,
canonical URL, author, the byline element) is read from ``<meta>``,
``<link>``, ``<title>``, ``<h1>`` and JSON-LD with bounded regular
expressions. htmldate is asked (:func:`html_fallback_date`) only when neither
the markup nor the page's own text dates the article.

Broken markup never raises: trafilatura returning nothing falls back to a
plain block-by-block text dump with lxml, and a document lxml cannot parse
falls back to stripping tags.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from thoisu.extract.dates import MAX_YEAR, MIN_YEAR

#: Markup beyond this many characters is not parsed (the reader's limit should have caught it).
MAX_HTML_CHARS = 5_000_000
#: Only this much of the page is searched for the head's tags (a head is rarely over 50 KB).
HEAD_CHARS = 200_000
#: A fast extraction shorter than this (characters) is redone with trafilatura's full cascade.
CONFIDENT_CHARS = 500
#: JSON-LD blocks longer than this are not decoded (they are product catalogues, not article data).
MAX_JSON_CHARS = 100_000

_META_DATE = re.compile(
    r"<meta\b[^>]{0,300}?(?:property|name|itemprop)\s*=\s*[\"']"
    r"(?:article:published_time|og:published_time|datePublished|pubdate|publishdate|dc\.date\.issued|"
    r"date|dc\.date)[\"'][^>]{0,300}?>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']{4,40})[\"']", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b([^>]{1,2000})>", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b([^>]{1,2000})>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""([a-zA-Z_:.-]{1,60})\s*=\s*(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s"'>]{1,2000}))"""
)
_TITLE_TAG = re.compile(r"<title\b[^>]{0,200}>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1_TAG = re.compile(r"<h1\b[^>]{0,500}>(.{0,3000}?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_JSON_LD = re.compile(
    rf"<script\b[^>]{{0,200}}?application/ld\+json[^>]{{0,200}}>(.{{0,{MAX_JSON_CHARS}}}?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
# "Headline | Site": the separator of a <title>'s last part (spaces around it, so "Nga-Triều" stays whole).
_TITLE_SEPARATOR = re.compile(r"\s[|–—·•:»-]\s(?!.*\s[|–—·•:»-]\s)")
_TAG = re.compile(r"<[^>]{0,2000}>")
_SPACES = re.compile(r"\s+")
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
# Meta names and properties, by what they tell (Open Graph, Twitter, Dublin Core, schema.org, parse.ly).
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title", "dcterms.title", "parsely-title", "title")
_SITE_KEYS = (
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
    "article:publisher",
    "twitter:site",
)
_URL_KEYS = ("og:url", "twitter:url")
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
    "citation_author",
)
_ARTICLE_TYPES = ("article", "posting", "report")
# An element the template marks as the byline (class, id, itemprop or rel naming the author); its text
# up to the closing tag. A nested element of the same name ends it early, which leaves the name anyway.
_BYLINE_ELEMENT = re.compile(
    r"<(p|div|span|a|strong|em|b|address|cite|h[4-6])\b[^>]{0,300}?\b(?:class|id|itemprop|rel)\s*=\s*"
    r"[\"'][^\"'>]{0,120}?(?:author|byline|tac-?gia)[^\"'>]{0,120}[\"'][^>]{0,300}>(.{0,600}?)</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BYLINE_WORDS = ("author", "Author", "AUTHOR", "byline", "Byline", "BYLINE", "tac-gia", "tacgia", "TacGia")
#: A byline element's text longer than this is a bio or a listing, not a byline.
MAX_BYLINE_CHARS = 120
#: Occurrences of the byline words tried before giving up (scripts can repeat "author" many times).
MAX_BYLINE_HINTS = 40


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    """What the markup says about the article."""

    published: date | None = None
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    byline: str | None = None  # the text of the element the template marks as the byline


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """One parse of an HTML page: its main text and what the markup says about it."""

    text: str
    meta: HtmlMeta


@lru_cache(maxsize=8)
def parse_html(raw: str) -> HtmlDocument:
    """Read ``raw`` once for both stages that need it (never raises).

    The normalise stage wants the main text and the extract stage the metadata. The cache is keyed by
    the page's own string (whose hash Python keeps on the object), so the second stage's call costs
    nothing.
    """
    raw = raw[:MAX_HTML_CHARS]
    meta = head_metadata(raw)
    text = _main_text(raw)
    if not text or len(text) < 80:
        text = _fallback_text(raw)
    title = meta.title
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    return HtmlDocument(text, meta)


def html_to_text(raw: str) -> str:
    """The page's main text: headline, blank line, paragraphs one per line."""
    return parse_html(raw).text


def html_metadata(raw: str) -> HtmlMeta:
    """Publication day and other hints from the markup (never raises)."""
    return parse_html(raw).meta


@lru_cache(maxsize=8)
def html_fallback_date(raw: str) -> date | None:
    """The htmldate reading of the page: the last resort when neither the markup nor the text dates it.

    htmldate looks at URLs, time elements and date patterns anywhere in the page, so it finds a date
    where our own tags and grammar do not, at the price of a second parse and many searches.
    """
    try:
        from htmldate import find_date

        found = find_date(raw[:MAX_HTML_CHARS], original_date=True, extensive_search=True)
    except Exception:  # htmldate is a last resort; assorted errors on broken markup
        return None
    return _in_range(_parse_day(found)) if found else None


def head_metadata(raw: str) -> HtmlMeta:
    """Publication day, headline, author, site name and canonical URL from the page's tags (never raises).

    The publisher's own statements (Open Graph, ``article:published_time``, JSON-LD) come first; a
    headline missing from them is the page's one ``<h1>``, then the ``<title>`` without the site's name.
    """
    head_end = _HEAD_END.search(raw, 0, HEAD_CHARS)
    head = raw[: head_end.start() if head_end is not None else HEAD_CHARS]
    tags: dict[str, str] = {}
    for match in _META_TAG.finditer(head):
        attributes = _attributes(match.group(1))
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        content = _clean(attributes.get("content", ""))
        if key and content:
            tags.setdefault(key.lower(), content)
    canonical: str | None = None
    for match in _LINK_TAG.finditer(head):
        attributes = _attributes(match.group(1))
        if attributes.get("rel", "").lower() == "canonical" and _is_url(attributes.get("href", "")):
            canonical = attributes["href"].strip()
            break
    linked = _json_ld(raw[:HEAD_CHARS])
    title = _first(tags, _TITLE_KEYS[:2]) or linked.get("headline") or _first(tags, _TITLE_KEYS[2:])
    title = title or _h1(raw) or _title_tag(head)
    sitename = tags.get("og:site_name") or linked.get("publisher") or _first(tags, _SITE_KEYS[1:])
    if sitename is not None:
        sitename = None if _is_url(sitename) else sitename.lstrip("@") or None
    url = canonical or next((tags[key] for key in _URL_KEYS if _is_url(tags.get(key, ""))), None)
    author = next(
        (name for name in (_first(tags, _AUTHOR_KEYS), linked.get("author")) if name and _is_name(name)),
        None,
    )
    published = _meta_published(raw) or _in_range(_parse_day(linked.get("published", "")))
    return HtmlMeta(published, title, author, sitename, url, _byline(raw, len(head)))


def _byline(raw: str, start: int) -> str | None:
    """The text of the first element marked as the byline (``class="author"``...), when short.

    The element pattern is tried only at the tags around the words it needs, found by plain string
    search first (several times faster than a case-insensitive scan of Vietnamese text): most tags of
    a page have nothing to do with authors.
    """
    hints: list[int] = []
    for word in _BYLINE_WORDS:
        at = raw.find(word, start)
        while at >= 0 and len(hints) < MAX_BYLINE_HINTS:
            hints.append(at)
            at = raw.find(word, at + len(word))
    for hint in sorted(hints):
        tag = raw.rfind("<", max(start, hint - 500), hint)
        match = _BYLINE_ELEMENT.match(raw, tag) if tag >= 0 else None
        if match is not None:
            text = _clean(match.group(2))
            if text and len(text) <= MAX_BYLINE_CHARS:
                return text
    return None


def _attributes(inside: str) -> dict[str, str]:
    """A tag's attributes, names lower-cased; the first of repeated names wins."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(inside):
        name = match.group(1).lower()
        if name not in found:
            found[name] = next((group for group in match.groups()[1:] if group is not None), "")
    return found


def _clean(value: str) -> str:
    """Entities decoded, tags dropped, whitespace collapsed."""
    return _SPACES.sub(" ", _TAG.sub(" ", html.unescape(value))).strip()


def _first(tags: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((tags[key] for key in keys if key in tags), None)


def _is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def _is_name(value: str) -> bool:
    """A person's name rather than a profile URL, an e-mail address or a login ("admin")."""
    return 2 <= len(value.split()) <= 8 and len(value) <= 80 and not _is_url(value) and "@" not in value


def _h1(raw: str) -> str | None:
    """The text of the page's first ``<h1>`` when it is the only one (several: a listing or a template)."""
    found = _H1_TAG.findall(raw, 0, MAX_HTML_CHARS)
    if len(found) != 1:
        return None
    return _clean(found[0]) or None


def _title_tag(head: str) -> str | None:
    """The ``<title>`` without its last `` | Site`` part."""
    match = _TITLE_TAG.search(head)
    if match is None:
        return None
    title = _clean(match.group(1))
    parts = _TITLE_SEPARATOR.split(title, maxsplit=1)
    return (parts[0].strip() if len(parts) == 2 and parts[0].strip() else title) or None


def _json_ld(text: str) -> dict[str, str]:
    """Headline, publication time, author and publisher of the first article described in JSON-LD."""
    found: dict[str, str] = {}
    for match in _JSON_LD.finditer(text):
        try:
            data = json.loads(match.group(1), strict=False)
        except ValueError:
            continue
        for item in _json_objects(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(one, str) and one.lower().endswith(_ARTICLE_TYPES) for one in kinds):
                continue
            for key, value in (
                ("headline", item.get("headline")),
                ("published", item.get("datePublished")),
                ("author", _json_name(item.get("author"))),
                ("publisher", _json_name(item.get("publisher"))),
            ):
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = _clean(value)
            return found
    return found


def _json_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document, ``@graph`` members and list items included."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_objects(data["@graph"], depth + 1)


def _json_name(value: Any) -> str | None:
    """``"X"``, ``{"name": "X"}`` or the first of a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


def _main_text(raw: str) -> str | None:
    """Trafilatura's main text: the fast extractor, the full cascade when its result looks thin."""
    try:
        import trafilatura

        fast = _confident_text(trafilatura.bare_extraction(raw, options=_extractor(fast=True)))
        if fast is not None:
            return fast
        document = trafilatura.bare_extraction(raw, options=_extractor(fast=False))
        if document is not None and not isinstance(document, dict):  # dict only with as_dict=True
            return str(document.text) if document.text else None
    except Exception:  # trafilatura raises assorted errors on broken markup; the caller falls back
        return None
    return None


@lru_cache(maxsize=2)
def _extractor(*, fast: bool) -> Any:
    """Trafilatura's options, built once: building them reads its configuration, a tenth of a fast call.

    No comments, tables or images, and its precision setting (boilerplate out rather than kept). The
    object is never changed afterwards: trafilatura copies it before any change of its own.
    """
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python",
        fast=fast,
        precision=True,
        comments=False,
        tables=False,
        images=False,
        dedup=False,
    )


def _confident_text(document: Any) -> str | None:
    """The text when it is long and made of paragraphs, the cases where the comparison seldom changes it.

    Trafilatura takes readability's text instead of its own when its own is empty, has no paragraphs or
    is less than half as long, and justext's when its own is short or holds leftover markup. Only the
    "half as long" case is not checked here (it needs readability's run): a fast extraction of 500
    characters of paragraphs that misses more than half of an article is the accepted risk.
    """
    if document is None or isinstance(document, dict) or not document.text:
        return None
    if len(document.text) < CONFIDENT_CHARS or document.body.find(".//p") is None:
        return None
    return str(document.text)


def _meta_published(raw: str) -> date | None:
    """``article:published_time`` and its siblings: the publisher's own statement wins."""
    for match in _META_DATE.finditer(raw[:HEAD_CHARS]):
        content = _CONTENT.search(match.group(0))
        if content is not None:
            day = _in_range(_parse_day(content.group(1)))
            if day is not None:
                return day
    return None


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


def _in_range(day: date | None) -> date | None:
    return day if day is not None and MIN_YEAR <= day.year <= MAX_YEAR else None


def _parse_day(value: str) -> date | None:
    match = _ISO_DAY.search(value)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
