from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thoisu.store.keyindex import KeyFilter

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def test_present_keys_pass_and_absent_ones_mostly_do_not() -> None:
    keys = [(i * 0x9E3779B97F4A7C15) % 2**64 - 2**63 for i in range(1, 2001)]
    index = KeyFilter(keys[:1000])
    index.add(keys[1000:1500])
    assert all(index.contains(keys[:1500]))
    assert sum(index.contains(keys[1500:])) <= 5  # false positives are rare (32-bit prefixes)
    assert index.passing([keys[3], keys[3], keys[1]]) == sorted({keys[3], keys[1]})
    assert len(index) == 1500 and index.nbytes == 1500 * 4


def test_empty_filter_and_empty_adds() -> None:
    index = KeyFilter()
    index.add([])
    assert len(index) == 0 and index.runs == 0
    assert index.contains([1, 2]) == [False, False] and index.passing([5]) == []


def test_runs_are_merged_so_lookups_search_few_arrays() -> None:
    index = KeyFilter()
    for batch in range(1000):
        index.add([(batch * 10 + i) << 32 for i in range(10)])
    assert len(index) == 10_000
    assert index.runs <= 14  # about log2 of the batches, not one run per batch
    assert index.contains([9_995 << 32, 10_001 << 32]) == [True, False]


@pytest.mark.parametrize("key", [-(2**63), -1, 0, 2**63 - 1])
def test_extreme_keys(key: int) -> None:
    assert KeyFilter([key]).contains([key]) == [True]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(INT64, max_size=30), max_size=12), st.lists(INT64, max_size=20))
def test_never_misses_a_key_it_holds(batches: list[list[int]], probes: list[int]) -> None:
    index = KeyFilter()
    held: set[int] = set()
    for batch in batches:
        index.add(batch)
        held.update(batch)
    answers = index.contains(probes + sorted(held))
    assert all(answers[len(probes) :])
    prefixes = {key >> 32 for key in held}
    assert answers[: len(probes)] == [key >> 32 in prefixes for key in probes]
