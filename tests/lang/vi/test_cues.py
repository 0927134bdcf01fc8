from __future__ import annotations

import pytest

from thoisu.errors import ResourceError
from thoisu.lang.vi.cues import load_name_cues, parse_name_cues


def test_packaged_cues_cover_each_kind() -> None:
    cues = load_name_cues()
    assert {cue.type for cue in cues.cues} >= {"PER", "ORG", "LOC"}
    places = next(cue for cue in cues.cues if cue.type == "LOC")
    assert "tại" in places.before


def test_bad_cue_type_is_named() -> None:
    with pytest.raises(ResourceError, match="cue #1"):
        parse_name_cues({"version": "1", "cue": [{"type": "XYZ", "before": ["tại"]}]}, "x.toml")
