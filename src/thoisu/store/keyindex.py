"""An in-memory filter of 64-bit keys, so the writer asks the database only about keys it holds.

Deduplication and fusion ask, for every new article, "which stored articles
share an LSH band with it?" and "which fused events share a (dyad, family,
status, week) block with its events?". Most answers are "none": a page that
copies nothing, a dyad not seen that week. A DuckDB index scan costs about
20 µs a key even for a miss, so the writer keeps a filter of the stored keys
and sends the database only the keys that pass it.

The filter holds the upper 32 bits of each key in sorted NumPy arrays: 4 bytes
a key (about 14 MB for 100k pages), at the price of rare false positives
(below 0.1% at that size), which cost one useless index probe and never a
wrong answer, since the database is asked with the full key. Lookups are
binary searches, so their cost grows with the logarithm of the store, not
with its size. New keys arrive in sorted runs merged in the manner of a
log-structured merge tree: a run is merged into the one before it while it is
at least half its size, so a key is re-sorted O(log n) times over an ingest
and a lookup searches O(log n) runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

Keys = npt.NDArray[np.int64]
Run = npt.NDArray[np.int32]


def _prefixes(keys: Iterable[int] | Keys) -> Run:
    """The upper 32 bits of each signed 64-bit key."""
    array = keys if isinstance(keys, np.ndarray) else np.fromiter(keys, dtype=np.int64)
    return np.right_shift(array.astype(np.int64, copy=False), 32).astype(np.int32)


class KeyFilter:
    """A set of 64-bit keys that may answer "present" for a key it does not hold, never the reverse.

    Args:
        keys: Initial keys (e.g. read from the store when the writer starts).
    """

    def __init__(self, keys: Sequence[int] | Keys = ()) -> None:
        self._runs: list[Run] = []
        self.add(keys)

    def __len__(self) -> int:
        return sum(len(run) for run in self._runs)

    @property
    def runs(self) -> int:
        """Sorted runs currently held (a measure of lookup cost)."""
        return len(self._runs)

    @property
    def nbytes(self) -> int:
        """Memory held by the keys."""
        return sum(run.nbytes for run in self._runs)

    def add(self, keys: Sequence[int] | Keys) -> None:
        """Add keys (adding one twice is harmless)."""
        prefixes = _prefixes(keys)
        if not len(prefixes):
            return
        self._runs.append(np.sort(prefixes))
        while len(self._runs) > 1 and 2 * len(self._runs[-1]) >= len(self._runs[-2]):
            newer = self._runs.pop()
            older = self._runs.pop()
            self._runs.append(np.sort(np.concatenate((older, newer)), kind="stable"))

    def contains(self, keys: Sequence[int]) -> list[bool]:
        """Whether each key may be present, in the order given."""
        query = _prefixes(keys)
        found = np.zeros(len(query), dtype=bool)
        for run in self._runs:
            at = np.searchsorted(run, query)
            inside = at < len(run)
            found[inside] |= run[at[inside]] == query[inside]
        return [bool(flag) for flag in found]

    def passing(self, keys: Iterable[int]) -> list[int]:
        """The distinct keys that may be present, sorted."""
        distinct = sorted(set(keys))
        return [key for key, found in zip(distinct, self.contains(distinct), strict=True) if found]
