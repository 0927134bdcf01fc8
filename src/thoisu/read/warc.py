"""Web archives: WARC responses and WET text conversions, through warcio.

warcio is an optional dependency (the ``warc`` extra). Only successful HTML
and plain-text captures are pages; the images, scripts and redirects every
crawl also records are skipped silently, since rejecting each of them would
bury the rejections that matter.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thoisu.errors import InputError
from thoisu.model import Article, Page, PageFormat
from thoisu.read.common import rejected
from thoisu.read.decode import decode_bytes, looks_binary
from thoisu.read.html import canonical_url

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_INSTALL_HINT = "pip install 'thoisu[warc]'"


def warc_available() -> bool:
    """Whether warcio is installed."""
    return importlib.util.find_spec("warcio") is not None


def require_warcio(path: str) -> None:
    """Fail early, before a batch starts, when an archive is given but warcio is missing.

    Raises:
        InputError: Naming the archive and the install command.
    """
    if not warc_available():
        raise InputError(f"{path}: reading WARC/WET archives needs warcio; install it with {_INSTALL_HINT}")


def read_warc(path: Path, source: str, max_bytes: int) -> Iterator[Article]:
    """Stream the pages of a WARC or WET archive (plain or gzipped).

    A damaged archive yields the pages read before the damage and then one
    rejection ("unreadable") naming the archive, so the batch goes on.
    """
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                article = _record(record, path.name, count, source, max_bytes)
                if article is not None:
                    count += 1
                    yield article
    except OSError as exc:
        yield rejected(path.name, source, "unreadable", f"{exc.strerror or exc}")
    except Exception as exc:  # warcio raises assorted errors on damaged archives
        detail = f"archive damaged after {count} pages: {type(exc).__name__}: {exc}"
        yield rejected(path.name, source, "unreadable", detail)


def _record(record: Any, name: str, count: int, source: str, max_bytes: int) -> Article | None:
    kind = record.rec_type
    if kind == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        content_type = http.get_header("Content-Type") or ""
    elif kind in ("resource", "conversion"):
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media, charset = _media_type(content_type)
    if kind == "conversion" or media in _TEXT_TYPES:
        page_format = PageFormat.TEXT
    elif media in _HTML_TYPES:
        page_format = PageFormat.HTML
    else:
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or None
    doc = url or headers.get_header("WARC-Record-ID") or f"{name}#{count}"
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return rejected(doc, source, "too-large", f"record larger than {max_bytes} bytes")
    if looks_binary(data):
        label = media or "without a type"
        return rejected(doc, source, "binary", f"record labelled {label} holds binary data")
    decoded = decode_bytes(data, charset)
    if decoded.undecodable:
        return rejected(doc, source, "undecodable", f"{decoded.replaced} undecodable byte sequences")
    if page_format is PageFormat.HTML and url is None:
        url = canonical_url(decoded.text)
    return Article(page=Page(id=doc, raw=decoded.text, format=page_format, url=url, source=source))


def _media_type(content_type: str) -> tuple[str, str | None]:
    media, _, rest = content_type.partition(";")
    charset = None
    for parameter in rest.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset
