"""The little the reader needs to know about HTML: charset, canonical URL, sniffing.

Full extraction is the extract stage's job; the reader only looks at the
document head, with tolerant regular expressions, because it must not fail on
markup a parser would reject.
"""

from __future__ import annotations

import html
import re

#: How far into a document the head is searched: metadata lives near the top.
HEAD_BYTES = 64 * 1024

_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:HEAD_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def canonical_url(markup: str) -> str | None:
    """The page URL from ``<link rel=canonical>``, else from ``<meta property=og:url>``."""
    canonical: str | None = None
    open_graph: str | None = None
    for match in _TAG.finditer(markup[:HEAD_BYTES]):
        attributes = _attributes(match.group(2))
        if match.group(1).lower() == "link" and "canonical" in attributes.get("rel", "").lower().split():
            canonical = canonical or _url(attributes.get("href"))
        elif attributes.get("property", attributes.get("name", "")).lower() == "og:url":
            open_graph = open_graph or _url(attributes.get("content"))
    return canonical or open_graph


def looks_like_html(text: str) -> bool:
    """Whether content read from a stream without a file name is an HTML document."""
    return _HTML_START.match(text[:HEAD_BYTES]) is not None


def _attributes(source: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(next(g for g in match.groups()[1:] if g is not None))
        for match in _ATTRIBUTE.finditer(source)
    }


def _url(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
