"""Reading pages: the pipeline's source.

``read_inputs(["pages/", "corpus.jsonl", "-"])`` streams one
``Article(page=Page(...))`` per page, or a rejected article saying why a page
could not be read.
"""

from thoisu.read.common import DEFAULT_MAX_BYTES
from thoisu.read.reader import STDIN, read_inputs, resolve

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "read_inputs", "resolve"]
