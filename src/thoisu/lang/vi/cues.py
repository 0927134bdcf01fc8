"""Words that introduce names the gazetteer does not know (``name_cues.toml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml
from thoisu.model import MentionType

_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class NameCue:
    """Cue phrases for one mention type."""

    type: MentionType
    before: tuple[str, ...]
    heads: tuple[str, ...]
    skip: int = 0


@dataclass(frozen=True, slots=True)
class NameCues:
    """All cues, with the file's version."""

    cues: tuple[NameCue, ...]
    version: str


def parse_name_cues(data: dict[str, Any], name: str) -> NameCues:
    """Validate a parsed ``name_cues.toml``.

    Raises:
        ResourceError: On an unknown type or a non-string cue; the message names the entry.
    """
    cues: list[NameCue] = []
    for index, entry in enumerate(data.get("cue", [])):
        where = f"{name}: cue #{index + 1}"
        if entry.get("type") not in _TYPES:
            raise ResourceError(f"{where}: type must be one of {sorted(_TYPES)}")
        lists = []
        for field in ("before", "heads"):
            value = entry.get(field, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ResourceError(f"{where}: '{field}' must be a list of non-empty strings")
            lists.append(tuple(value))
        skip = entry.get("skip", 0)
        if not isinstance(skip, int) or not 0 <= skip <= 4:
            raise ResourceError(f"{where}: 'skip' must be an integer from 0 to 4")
        cues.append(NameCue(cast(MentionType, entry["type"]), lists[0], lists[1], skip))
    if not cues:
        raise ResourceError(f"{name}: no [[cue]] entries")
    return NameCues(tuple(cues), str(data["version"]))


@lru_cache(maxsize=1)
def load_name_cues() -> NameCues:
    """The packaged cues."""
    name = "name_cues.toml"
    return parse_name_cues(load_toml("thoisu.lang.vi.data", name), name)
