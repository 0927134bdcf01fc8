from __future__ import annotations

import os

import pytest

from thoisu.execute.executors import ExecutorError, InProcessExecutor, ProcessExecutor, make_executor


def maybe_die(value: int) -> int:
    """Square ``value``; kill the worker process on 13 and raise on a negative value."""
    if value == 13:
        os._exit(3)
    if value < 0:
        raise ValueError(f"negative: {value}")
    return value * value


def test_in_process_keeps_order_and_records_errors() -> None:
    with InProcessExecutor() as executor:
        outcomes = list(executor.map(maybe_die, [2, -1, 3]))
    assert [(o.item, o.result) for o in outcomes] == [(2, 4), (-1, None), (3, 9)]
    assert outcomes[1].error == "ValueError: negative: -1"


def test_process_pool_gives_every_outcome() -> None:
    items = list(range(-2, 10))
    with ProcessExecutor(workers=2) as executor:
        outcomes = {o.item: o for o in executor.map(maybe_die, items)}
    assert sorted(outcomes) == items
    assert all(outcomes[n].result == n * n for n in range(10))
    assert outcomes[-2].error is not None and "negative" in outcomes[-2].error


def test_a_dead_worker_fails_only_what_it_held() -> None:
    items = [13, *range(1, 13), *range(14, 30)]
    with ProcessExecutor(workers=2) as executor:
        outcomes = {o.item: o for o in executor.map(maybe_die, items)}
    assert sorted(outcomes) == sorted(items)
    died = [o for o in outcomes.values() if o.error is not None]
    assert 13 in {o.item for o in died}
    assert all("died" in (o.error or "") for o in died)
    # At most the items in flight with 13 fail; later ones run in a rebuilt pool.
    assert len(died) <= 4
    assert outcomes[29].result == 29 * 29


def test_make_executor_by_name() -> None:
    assert isinstance(make_executor("in-process"), InProcessExecutor)
    assert isinstance(make_executor("processes", workers=1), InProcessExecutor)
    assert isinstance(make_executor("local", workers=2), ProcessExecutor)
    with pytest.raises(ExecutorError, match="unknown executor"):
        make_executor("threads")
