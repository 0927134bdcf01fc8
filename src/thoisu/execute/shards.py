"""Cutting a batch's inputs into shards: the unit of parallel work and of resumption.

A shard is a handful of page files, or one web archive (WARC/WET, gzipped or
not) or JSON Lines file, read in full by one worker. Its id is derived from
what it reads (each file's page id and size), never from a counter or the
order of a run, so the same inputs give the same shards on every run and a
rerun can skip the shards a killed run had already committed.

Archives are not split further: reading record *k* of a gzipped archive means
decompressing everything before it, so splitting one archive among workers
would cost more than it saves. Crawl archives come in thousands of files, and
each file keeps one worker busy for minutes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from thoisu.errors import InputError
from thoisu.read.reader import Kind, Source, resolve

#: Page files per shard when a directory holds single-page files.
DEFAULT_FILES_PER_SHARD = 64


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work.

    Attributes:
        id: Stable digest of the sources and their sizes.
        sources: What the shard reads, in order.
        label: A short name for progress lines and errors.
        size: Bytes on disk, for progress.
    """

    id: str
    sources: tuple[Source, ...]
    label: str
    size: int


def plan_shards(inputs: Sequence[str], files_per_shard: int = DEFAULT_FILES_PER_SHARD) -> list[Shard]:
    """Resolve ``inputs`` and cut them into shards, in input order.

    Args:
        inputs: Files and directories (standard input cannot be sharded: it is read once).
        files_per_shard: How many single-page files go into one shard.

    Raises:
        InputError: When an input is missing, is ``-``, or ``files_per_shard`` is not positive.
    """
    if files_per_shard < 1:
        raise InputError(f"files per shard must be positive, not {files_per_shard}")
    sources = resolve(inputs)
    if any(source.kind is Kind.STDIN for source in sources):
        raise InputError("standard input cannot be sharded; give files, directories or archives")
    return list(_cut(sources, files_per_shard))


def _cut(sources: list[Source], files_per_shard: int) -> Iterator[Shard]:
    pending: list[Source] = []
    for source in sources:
        if source.kind in (Kind.WARC, Kind.JSONL):
            if pending:
                yield _shard(pending)
                pending = []
            yield _shard([source])
            continue
        pending.append(source)
        if len(pending) >= files_per_shard:
            yield _shard(pending)
            pending = []
    if pending:
        yield _shard(pending)


def _shard(sources: list[Source]) -> Shard:
    digest = hashlib.sha256()
    size = 0
    for source in sources:
        length = _size(source)
        size += length
        digest.update(f"{source.kind.value}\t{source.doc}\t{length}\n".encode())
    first, last = sources[0].doc, sources[-1].doc
    label = first if len(sources) == 1 else f"{first} .. {last} ({len(sources)} files)"
    return Shard(digest.hexdigest()[:24], tuple(sources), label, size)


def _size(source: Source) -> int:
    if source.path is None:
        return 0
    try:
        return source.path.stat().st_size
    except OSError:
        return -1  # unreadable now: the reader will record why when the shard runs
