"""Cross-page memory: lines an outlet repeats on every page are its template.

The extract stage streams, so it cannot look at a batch as a whole; instead it
remembers, per outlet, which short lines it has seen on which pages. A line met
on ``min_pages`` other pages of the same outlet is template text (menus,
sidebars, footers) even when no rule recognises it. The memory is bounded
(outlets, lines per outlet) and forgets the least recently used outlet first,
so a long stream costs constant memory. It lives in the stage instance, never
at module level, and pickles with it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Set

#: Lines longer than this are not remembered (paragraphs do not repeat across pages of an outlet).
MAX_LINE_CHARS = 200


class TemplateLines(Set[str]):
    """The template lines of one outlet as one page sees them: a read-only view, tested line by line.

    A page asks about its own few dozen lines, while an outlet's template may hold thousands: building
    the set for every page would cost time in proportion to the template. The view reads the memory
    as it stands, so it answers for the page only until the memory's next :meth:`OutletMemory.add`.
    """

    __slots__ = ("_lines", "_minimum", "_page", "_template")

    def __init__(self, template: set[str], lines: dict[str, set[str]], page: str, minimum: int) -> None:
        self._template = template
        self._lines = lines
        self._page = page
        self._minimum = minimum

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or key not in self._template:
            return False
        # Pages holding the line, this one excepted (counted, not copied into a new set).
        holders = self._lines.get(key)
        return holders is not None and len(holders) - (self._page in holders) >= self._minimum

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._template if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        return any(True for _ in self)


class OutletMemory:
    """Which lines each outlet repeats across pages.

    Args:
        max_outlets: Outlets remembered at once (least recently used forgotten first).
        max_lines: Lines remembered per outlet.
        min_pages: On how many other pages a line must have appeared to count as template.
    """

    def __init__(self, max_outlets: int = 256, max_lines: int = 4000, min_pages: int = 2) -> None:
        if max_outlets < 1 or max_lines < 1 or min_pages < 1:
            raise ValueError("max_outlets, max_lines and min_pages must be positive")
        self.max_outlets = max_outlets
        self.max_lines = max_lines
        self.min_pages = min_pages
        self._outlets: OrderedDict[str, OrderedDict[str, set[str]]] = OrderedDict()
        self._pages: dict[str, set[str]] = {}
        self._template: dict[str, set[str]] = {}

    def seen(self, outlet: str | None, page: str) -> Set[str]:
        """Keys of lines met on at least ``min_pages`` pages of ``outlet`` other than ``page``.

        The answer is a view (:class:`TemplateLines`): ask it before the next :meth:`add`.
        """
        if outlet is None or outlet not in self._outlets:
            return frozenset()
        lines = self._outlets[outlet]
        self._outlets.move_to_end(outlet)
        return TemplateLines(self._template.get(outlet, set()), lines, page, self.min_pages)

    def add(self, outlet: str | None, page: str, keys: Iterable[str]) -> None:
        """Remember the lines of ``page`` (a content hash) for ``outlet``."""
        if outlet is None:
            return
        pages = self._pages.setdefault(outlet, set())
        if page in pages:
            return  # the same page again (a re-crawl) is no evidence of a template
        if len(pages) < 4 * self.max_lines:
            pages.add(page)
        lines = self._outlets.setdefault(outlet, OrderedDict())
        self._outlets.move_to_end(outlet)
        for key in keys:
            if not key or len(key) > MAX_LINE_CHARS:
                continue
            holders = lines.get(key)
            if holders is None:
                holders = lines[key] = set()
            else:
                lines.move_to_end(key)
            if len(holders) <= self.min_pages:
                holders.add(page)
                if len(holders) >= self.min_pages:
                    self._template.setdefault(outlet, set()).add(key)
        while len(lines) > self.max_lines:
            dropped, _ = lines.popitem(last=False)
            self._template.get(outlet, set()).discard(dropped)
        while len(self._outlets) > self.max_outlets:
            forgotten, _ = self._outlets.popitem(last=False)
            self._pages.pop(forgotten, None)
            self._template.pop(forgotten, None)
