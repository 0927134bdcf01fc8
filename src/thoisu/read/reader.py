"""The pipeline's source: files, directories, JSON Lines, web archives and stdin.

Inputs are resolved when :func:`read_inputs` is called, so a mistyped path
fails at once with an :class:`~thoisu.errors.InputError` instead of after an
hour of work; the pages themselves are read lazily, one at a time. Anything
wrong with a single page (binary, too large, undecodable, unreadable) becomes
a rejected :class:`~thoisu.model.Article` and the batch goes on.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from thoisu.errors import InputError
from thoisu.model import Article, Page, PageFormat
from thoisu.read.common import DEFAULT_MAX_BYTES, rejected
from thoisu.read.decode import decode_bytes, looks_binary
from thoisu.read.html import canonical_url, declared_charset, looks_like_html
from thoisu.read.jsonl import read_jsonl
from thoisu.read.warc import read_warc, require_warcio

#: The input name that means standard input.
STDIN = "-"
#: Page id of a single page read from standard input.
STDIN_ID = "stdin"
# Blank lines skipped at most while sniffing stdin for JSON Lines.
_SNIFF_LINES = 1000


class Kind(Enum):
    """How an input is read."""

    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    WARC = "warc"
    STDIN = "stdin"


_SUFFIXES: tuple[tuple[str, Kind], ...] = (
    (".txt", Kind.TEXT),
    (".html", Kind.HTML),
    (".htm", Kind.HTML),
    (".xhtml", Kind.HTML),
    (".jsonl", Kind.JSONL),
    (".ndjson", Kind.JSONL),
    (".warc", Kind.WARC),
    (".warc.gz", Kind.WARC),
    (".wet", Kind.WARC),
    (".wet.gz", Kind.WARC),
)


@dataclass(slots=True, frozen=True)
class Source:
    """One input resolved to a file (or stdin) and the way to read it.

    Attributes:
        kind: The reader to use.
        path: The file; None for stdin.
        doc: The page id a single-page file gets.
    """

    kind: Kind
    path: Path | None
    doc: str


def kind_of(name: str) -> Kind | None:
    """The reader a file name calls for, or None when the suffix is not one thoisu reads."""
    lower = name.lower()
    for suffix, kind in _SUFFIXES:
        if lower.endswith(suffix):
            return kind
    return None


def resolve(inputs: Sequence[str]) -> list[Source]:
    """Expand ``inputs`` into sources: directories recursively, in sorted order.

    A file named explicitly is read whatever its suffix (as text, or HTML when it
    looks like HTML); inside directories only known suffixes are read and hidden
    entries are skipped, so a gold file or README next to the pages is left alone.
    A file found in a directory is identified by its path relative to that
    directory, which is its plain file name at the top level.

    Raises:
        InputError: When an input does not exist, or an archive needs warcio and it is missing.
    """
    sources: list[Source] = []
    for item in inputs:
        if item == STDIN:
            sources.append(Source(Kind.STDIN, None, STDIN_ID))
            continue
        path = Path(item)
        if path.is_dir():
            sources.extend(_walk(path))
        elif path.exists():
            sources.append(Source(kind_of(path.name) or Kind.TEXT, path, path.name))
        else:
            raise InputError(f"input not found: {item}")
    for source in sources:
        if source.kind is Kind.WARC:
            require_warcio(str(source.path))
    return sources


def _walk(root: Path) -> Iterator[Source]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(files):
            kind = kind_of(name)
            if kind is None or name.startswith("."):
                continue
            path = Path(directory, name)
            yield Source(kind, path, path.relative_to(root).as_posix())


def read_inputs(
    inputs: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Stream ``Article(page=Page(...))`` records from files, directories, JSONL, archives or stdin.

    Args:
        inputs: Paths, or ``-`` for standard input.
        stdin: The stream ``-`` reads (default: the process's standard input).
        max_bytes: Largest page accepted; bigger ones are rejected as ``too-large``.

    Raises:
        InputError: At call time, when an input does not exist (nothing has been read yet).
    """
    if max_bytes <= 0:
        raise InputError(f"the page size cap must be positive, not {max_bytes}")
    return _read_all(resolve(inputs), stdin, max_bytes)


def read_sources(sources: Sequence[Source], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article]:
    """Stream the pages of already resolved sources (a shard's, in a worker process)."""
    return _read_all(list(sources), None, max_bytes)


def _read_all(sources: list[Source], stdin: TextIO | BinaryIO | None, max_bytes: int) -> Iterator[Article]:
    for source in sources:
        if source.kind is Kind.STDIN:
            yield from read_stream(_binary(stdin), max_bytes)
        elif source.path is None:
            continue
        elif source.kind is Kind.JSONL:
            yield from _read_jsonl_file(source.path, max_bytes)
        elif source.kind is Kind.WARC:
            yield from read_warc(source.path, str(source.path), max_bytes)
        else:
            yield read_file(source.path, source.doc, source.kind is Kind.HTML, max_bytes)


def read_file(path: Path, doc: str, html: bool, max_bytes: int) -> Article:
    """Read one page file, or say why it cannot be read."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return rejected(doc, where, "too-large", f"{size} bytes; the cap is {max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return rejected(doc, where, "unreadable", exc.strerror or str(exc))
    if len(data) > max_bytes:  # the file grew after stat
        return rejected(doc, where, "too-large", f"more than {max_bytes} bytes")
    return page_from_bytes(data, doc, where, html)


def page_from_bytes(data: bytes, doc: str, source: str, html: bool | None) -> Article:
    """Decode one page; ``html`` None means sniff the content to decide."""
    if looks_binary(data):
        return rejected(doc, source, "binary", "binary content (NUL or control bytes), not a text page")
    decoded = decode_bytes(data, declared_charset(data) if html is not False else None)
    if decoded.undecodable:
        detail = f"{decoded.replaced} byte sequences could not be decoded (best guess {decoded.encoding})"
        return rejected(doc, source, "undecodable", detail)
    text = decoded.text
    if not text.strip():
        return rejected(doc, source, "empty", "no text")
    is_html = looks_like_html(text) if html is None else html
    page_format = PageFormat.HTML if is_html else PageFormat.TEXT
    url = canonical_url(text) if is_html else None
    return Article(page=Page(id=doc, raw=text, format=page_format, url=url, source=source))


def _read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield rejected(path.name, str(path), "unreadable", exc.strerror or str(exc))
        return
    with handle:
        try:
            yield from read_jsonl(handle, path.name, str(path), max_bytes)
        except OSError as exc:  # e.g. an I/O error halfway through a large file
            yield rejected(path.name, str(path), "unreadable", f"stopped reading: {exc.strerror or exc}")


def read_stream(stream: IO[bytes], max_bytes: int) -> Iterator[Article]:
    """Read standard input: JSON Lines when the first non-blank line is an object, else one page."""
    prefix: list[bytes] = []
    first = b""
    for _ in range(_SNIFF_LINES):
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        prefix.append(line)
        first = line.lstrip(b"\xef\xbb\xbf \t\r\n")
        if first:
            break
    if first.startswith(b"{") and len(prefix[-1]) <= max_bytes:
        yield from read_jsonl(stream, STDIN_ID, STDIN, max_bytes, prefix=prefix)
        return
    head = b"".join(prefix)
    data = head + stream.read(max(max_bytes + 1 - len(head), 0))
    if len(data) > max_bytes:
        yield rejected(STDIN_ID, STDIN, "too-large", f"more than {max_bytes} bytes on standard input")
        return
    yield page_from_bytes(data, STDIN_ID, STDIN, None)


def _binary(stream: TextIO | BinaryIO | None) -> IO[bytes]:
    """A byte view of ``stream``; decoding is the reader's job, not the terminal's."""
    if stream is None:
        return sys.stdin.buffer
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    probe = stream.read(0)
    if isinstance(probe, bytes):
        return stream  # type: ignore[return-value]
    text: str = stream.read()  # type: ignore[assignment]
    return io.BytesIO(text.encode("utf-8", "surrogatepass"))
