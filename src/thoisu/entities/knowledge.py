"""What the recogniser needs to know about people and offices.

The recogniser depends on this small protocol rather than on the loader of a
particular language's data, so a test can hand it a two-person knowledge base
and another language can plug in its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(slots=True, frozen=True)
class PersonInfo:
    """A person as the recogniser sees one."""

    id: str
    canonical: str
    country: str
    names: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class Tenure:
    """An office a person holds on a given day.

    ``jurisdiction`` is where the office is held when it is not the person's own country: an
    international organisation's code ("IGOWSTNAT" for NATO's Secretary-General) or another state.
    """

    role: str
    agent: str
    jurisdiction: str | None = None


class KnowledgeBase(Protocol):
    """Dated office holders, queried by the recogniser."""

    def person(self, person_id: str) -> PersonInfo:
        """The person with this id."""
        ...

    def holders(self, country: str, role: str, on: date) -> Sequence[PersonInfo]:
        """Who held ``role`` in ``country`` on day ``on``."""
        ...

    def tenure(self, person_id: str, on: date) -> Tenure | None:
        """The main office the person held on ``on``, if any."""
        ...

    def by_name_token(self, token: str) -> Sequence[PersonInfo]:
        """Persons one of whose names contains the word ``token`` (match-key folded)."""
        ...
