"""The CAMEO code table.

Every coded event carries its CAMEO code plus three values derived from it:
the Goldstein conflict-cooperation weight, the quad class and the PLOVER
category. They live in one versioned data file (``cameo/data/codes.toml``)
rather than in code, so a reviewer can check a value against the codebook in
a diff, and the loader validates the file once so a typo cannot slip into the
store as a silently wrong weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml

_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)\d{0,2}$")
_ROOTS = tuple(f"{root:02d}" for root in range(1, 21))
_PLOVER = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST",
        "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
    }
)  # fmt: skip


def quad_of_root(root: str) -> int:
    """The quad class of a root: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    value = int(root)
    if value <= 5:
        return 1
    if value <= 9:
        return 2
    if value <= 14:
        return 3
    return 4


@dataclass(slots=True, frozen=True)
class CameoCode:
    """One CAMEO code and the values derived from it."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str | None

    @property
    def root(self) -> str:
        """The two-digit root ("04" for "042")."""
        return self.code[:2]


@dataclass(slots=True, frozen=True)
class CameoTable:
    """All CAMEO codes, read-only.

    Lookups raise ``KeyError`` naming the code for an unknown code: an event
    coded with a code outside the ontology is a bug to surface, not a value to
    default.
    """

    version: str
    entries: Mapping[str, CameoCode]

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def get(self, code: str) -> CameoCode | None:
        """The entry for ``code``, or ``None``."""
        return self.entries.get(code)

    def entry(self, code: str) -> CameoCode:
        """The entry for ``code``; ``KeyError`` when the code is not CAMEO."""
        try:
            return self.entries[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def label(self, code: str) -> str:
        """English label of ``code``."""
        return self.entry(code).label

    def goldstein(self, code: str) -> float:
        """Goldstein value of ``code`` (-10 conflict .. +10 cooperation)."""
        return self.entry(code).goldstein

    def quad_class(self, code: str) -> int:
        """Quad class of ``code`` (1..4)."""
        return self.entry(code).quad_class

    def plover(self, code: str) -> str | None:
        """PLOVER category of ``code``; ``None`` for public statements (01), which PLOVER drops."""
        return self.entry(code).plover

    def roots(self) -> tuple[str, ...]:
        """The twenty roots, "01".."20"."""
        return _ROOTS


def parse_cameo(data: Mapping[str, Any], name: str = "codes.toml") -> CameoTable:
    """Validate parsed ``codes.toml`` data and build the table.

    Raises:
        ResourceError: Naming the entry at fault (bad code shape, missing root, a quad class that
            contradicts the root, a Goldstein value out of range, an unknown PLOVER category).
    """
    codes = data.get("codes")
    if not isinstance(codes, dict) or not codes:
        raise ResourceError(f"{name}: missing [codes] table")
    entries: dict[str, CameoCode] = {}
    for code, raw in codes.items():
        where = f"{name}: code {code!r}"
        if not isinstance(code, str) or not _CODE.match(code):
            raise ResourceError(f"{where}: a CAMEO code is 2 to 4 digits with a root 01..20")
        if len(code) > 2 and code[:2] not in codes:
            raise ResourceError(f"{where}: its root {code[:2]!r} is not listed")
        if not isinstance(raw, dict):
            raise ResourceError(f"{where}: expected an inline table")
        label = raw.get("label")
        goldstein = raw.get("goldstein")
        quad = raw.get("quad")
        plover = raw.get("plover")
        if not isinstance(label, str) or not label.strip():
            raise ResourceError(f"{where}: missing label")
        if (
            not isinstance(goldstein, int | float)
            or isinstance(goldstein, bool)
            or not -10 <= goldstein <= 10
        ):
            raise ResourceError(f"{where}: goldstein must be a number in -10..10")
        if quad != quad_of_root(code[:2]):
            raise ResourceError(f"{where}: quad must be {quad_of_root(code[:2])} for root {code[:2]}")
        if plover is not None and plover not in _PLOVER:
            raise ResourceError(f"{where}: unknown PLOVER category {plover!r}")
        entries[code] = CameoCode(code, label.strip(), float(goldstein), quad, plover)
    missing = [root for root in _ROOTS if root not in entries]
    if missing:
        raise ResourceError(f"{name}: roots {missing} are missing")
    version = data.get("version")
    return CameoTable(str(version), MappingProxyType(entries))


@lru_cache(maxsize=1)
def load_cameo() -> CameoTable:
    """The CAMEO table shipped with thoisu, loaded and validated once per process."""
    return parse_cameo(load_toml("thoisu.cameo.data", "codes.toml"), "thoisu.cameo.data/codes.toml")
