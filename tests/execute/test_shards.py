from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.errors import InputError
from thoisu.execute.shards import plan_shards
from thoisu.read.reader import Kind


def _pages(root: Path, count: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (root / f"p{number:03d}.txt").write_text(f"Trang {number}\n", encoding="utf-8")


def test_files_are_grouped_in_order(tmp_path: Path) -> None:
    _pages(tmp_path, 7)
    shards = plan_shards([str(tmp_path)], files_per_shard=3)
    assert [len(shard.sources) for shard in shards] == [3, 3, 1]
    assert [s.doc for shard in shards for s in shard.sources] == [f"p{n:03d}.txt" for n in range(7)]
    assert shards[0].label == "p000.txt .. p002.txt (3 files)"
    assert shards[2].label == "p006.txt"


def test_ids_are_stable_and_follow_content(tmp_path: Path) -> None:
    _pages(tmp_path, 4)
    first = [shard.id for shard in plan_shards([str(tmp_path)], files_per_shard=2)]
    again = [shard.id for shard in plan_shards([str(tmp_path)], files_per_shard=2)]
    assert first == again
    assert len(set(first)) == 2
    (tmp_path / "p001.txt").write_text("Trang một đã được sửa, dài hơn\n", encoding="utf-8")
    changed = [shard.id for shard in plan_shards([str(tmp_path)], files_per_shard=2)]
    assert changed[0] != first[0] and changed[1] == first[1]


def test_archives_and_jsonl_are_shards_of_their_own(tmp_path: Path) -> None:
    _pages(tmp_path, 2)
    (tmp_path / "crawl.jsonl").write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    (tmp_path / "z.txt").write_text("z\n", encoding="utf-8")
    shards = plan_shards([str(tmp_path)], files_per_shard=10)
    kinds = [[source.kind for source in shard.sources] for shard in shards]
    assert kinds == [[Kind.JSONL], [Kind.TEXT, Kind.TEXT, Kind.TEXT]]


def test_stdin_and_missing_inputs_fail_before_work(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="standard input"):
        plan_shards(["-"])
    with pytest.raises(InputError, match="not found"):
        plan_shards([str(tmp_path / "missing")])
    with pytest.raises(InputError, match="positive"):
        plan_shards([str(tmp_path)], files_per_shard=0)
