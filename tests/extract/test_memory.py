from __future__ import annotations

import pickle

import pytest

from thoisu.extract.memory import OutletMemory


def test_lines_seen_on_enough_other_pages_become_template() -> None:
    memory = OutletMemory(min_pages=2)
    memory.add("a.vn", "p1", ["menu", "bài một"])
    assert memory.seen("a.vn", "p2") == frozenset()
    memory.add("a.vn", "p2", ["menu", "bài hai"])
    assert memory.seen("a.vn", "p3") == {"menu"}
    assert memory.seen("a.vn", "p1") == frozenset()  # only one *other* page has it
    assert memory.seen("b.vn", "p3") == frozenset()
    assert memory.seen(None, "p3") == frozenset()


def test_the_same_page_twice_is_no_evidence() -> None:
    memory = OutletMemory(min_pages=1)
    memory.add("a.vn", "p1", ["dòng"])
    memory.add("a.vn", "p1", ["dòng"])
    assert memory.seen("a.vn", "p1") == frozenset()


def test_memory_is_bounded_and_picklable() -> None:
    memory = OutletMemory(max_outlets=2, max_lines=3, min_pages=1)
    for outlet in ("a", "b", "c"):
        memory.add(outlet, "p1", [f"{outlet}{n}" for n in range(10)])
    assert memory.seen("a", "p2") == frozenset()  # forgotten: least recently used
    assert len(memory.seen("c", "p2")) == 3
    assert pickle.loads(pickle.dumps(memory)).seen("c", "p2") == memory.seen("c", "p2")


def test_long_lines_are_not_remembered() -> None:
    memory = OutletMemory(min_pages=1)
    memory.add("a.vn", "p1", ["x" * 500])
    assert memory.seen("a.vn", "p2") == frozenset()


def test_invalid_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        OutletMemory(max_outlets=0)


def test_seen_lines_answer_as_a_set_of_this_pages_template_lines() -> None:
    memory = OutletMemory(min_pages=2)
    memory.add("a.vn", "p1", ["menu", "chân trang", "bài một"])
    memory.add("a.vn", "p2", ["menu", "chân trang", "bài hai"])
    memory.add("a.vn", "p3", ["menu"])
    seen = memory.seen("a.vn", "p2")
    # "menu" is on two pages besides p2; "chân trang" on one only (p2 does not count).
    assert "menu" in seen and "chân trang" not in seen and "bài hai" not in seen
    assert set(seen) == {"menu"} and len(seen) == 1 and seen
    assert memory.seen("a.vn", "p4") == {"menu", "chân trang"}
    assert not memory.seen("a.vn", "p1") >= {"chân trang"}
    empty = OutletMemory(min_pages=2)
    empty.add("b.vn", "p1", ["menu"])
    assert not empty.seen("b.vn", "p2") and len(empty.seen("b.vn", "p2")) == 0
