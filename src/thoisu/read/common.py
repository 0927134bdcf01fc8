"""Pieces every input format shares."""

from __future__ import annotations

from thoisu.model import Article, Page, Reject

#: Stage name recorded on rejections made while reading.
STAGE = "read"
#: Largest page (file, JSONL row or archive record) read, in bytes.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def rejected(doc: str, source: str, reason: str, detail: str) -> Article:
    """An article standing for an input that could not be read, with the reason why."""
    return Article(page=Page(id=doc, raw="", source=source), reject=Reject(STAGE, reason, detail))
