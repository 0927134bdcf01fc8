"""JSON Lines input: one page per row.

A row is an object with an ``id``, an optional ``url`` and the page as
``html`` or ``text``. Corpora come as large JSONL files, so rows are streamed
with a cap on the length of a line: a runaway line is skipped without being
held in memory, and a bad row becomes a rejection that names its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from thoisu.model import Article, Page, PageFormat
from thoisu.read.common import rejected
from thoisu.read.decode import decode_bytes
from thoisu.read.html import canonical_url

#: Reading granularity while skipping the rest of an over-long line.
_DRAIN_CHUNK = 1 << 20
# Enough to recover the id of a row too long to parse, so its rejection names the document.
_ID_PREFIX = re.compile(rb'"id"\s*:\s*(?:"((?:[^"\\]|\\.){1,200})"|(\d{1,30}))')


@dataclass(slots=True, frozen=True)
class Line:
    """One line of a stream.

    Attributes:
        number: 1-based line number.
        data: The line's bytes; for a line longer than the cap, only its first few KB.
        too_long: Whether the line exceeded the cap (and ``data`` is just its head).
    """

    number: int
    data: bytes
    too_long: bool = False


def iter_lines(stream: IO[bytes], max_bytes: int, prefix: Iterable[bytes] = ()) -> Iterator[Line]:
    """Yield the lines of ``stream``, never holding more than ``max_bytes`` of one in memory.

    Args:
        stream: A binary stream positioned at a line start.
        max_bytes: The longest line kept whole.
        prefix: Lines already read from ``stream`` (by a format sniffer), yielded first.
    """
    number = 0
    for data in prefix:
        number += 1
        yield Line(number, data)
    while True:
        data = stream.readline(max_bytes + 1)
        if not data:
            return
        number += 1
        if len(data) > max_bytes and not data.endswith(b"\n"):
            while True:
                chunk = stream.readline(_DRAIN_CHUNK)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield Line(number, data[:4096], too_long=True)
            continue
        yield Line(number, data)


def read_jsonl(
    stream: IO[bytes],
    name: str,
    source: str,
    max_bytes: int,
    prefix: Iterable[bytes] = (),
) -> Iterator[Article]:
    """Stream the rows of a JSONL input as articles (rejections for bad rows).

    Args:
        stream: The binary stream to read.
        name: The input's file name, used to name rows that carry no id.
        source: Where the input came from (path or ``-``), kept on each page.
        max_bytes: The longest row accepted.
        prefix: Lines already consumed from ``stream``.
    """
    for line in iter_lines(stream, max_bytes, prefix):
        if line.too_long:
            doc = _recover_id(line.data) or f"{name}:{line.number}"
            detail = f"line {line.number}: longer than {max_bytes} bytes"
            yield rejected(doc, source, "too-large", detail)
        elif line.data.strip():
            yield _row(line.data, line.number, name, source)


def _row(line: bytes, number: int, name: str, source: str) -> Article:
    fallback_id = f"{name}:{number}"
    try:
        row: Any = json.loads(decode_bytes(line).text)
    except ValueError as exc:
        return _bad(fallback_id, source, number, f"not JSON ({exc})")
    if not isinstance(row, dict):
        return _bad(fallback_id, source, number, f"a row must be a JSON object, not {type(row).__name__}")
    raw_id = row.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or str(raw_id).strip() == "":
        return _bad(fallback_id, source, number, "missing or invalid 'id' (a string or an integer)")
    doc = _clean(str(raw_id))
    url = row.get("url")
    if url is not None and not isinstance(url, str):
        return _bad(doc, source, number, "'url' must be a string")
    content, page_format = _content(row)
    if content is None:
        return _bad(doc, source, number, "needs the page as a string in 'html' or 'text'")
    content = _clean(content)
    url = _clean(url) if url else canonical_url(content) if page_format is PageFormat.HTML else None
    return Article(page=Page(id=doc, raw=content, format=page_format, url=url or None, source=source))


def _content(row: dict[str, Any]) -> tuple[str | None, PageFormat]:
    # Prefer the markup: the extract stage finds title, date and boilerplate better in it.
    html_value = row.get("html")
    if isinstance(html_value, str) and html_value.strip():
        return html_value, PageFormat.HTML
    text_value = row.get("text")
    if isinstance(text_value, str):
        return text_value, PageFormat.TEXT
    if isinstance(html_value, str):
        return html_value, PageFormat.HTML
    return None, PageFormat.TEXT


def _clean(text: str) -> str:
    """Replace lone surrogates (legal in JSON escapes, not in UTF-8) so no later writer chokes on them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _recover_id(head: bytes) -> str | None:
    match = _ID_PREFIX.search(head)
    if match is None:
        return None
    if match.group(2) is not None:
        return match.group(2).decode("ascii")
    try:
        value = json.loads(b'"' + match.group(1) + b'"')
    except ValueError:
        return None
    return value if isinstance(value, str) and value.strip() else None


def _bad(doc: str, source: str, number: int, why: str) -> Article:
    return rejected(doc, source, "bad-jsonl-row", f"line {number}: {why}")
