"""Merging the mentions of one real-world event within an article.

An article tells the same interaction several times: the lead, the body,
a "tại cuộc hội đàm" later on. Each telling becomes a candidate; candidates
that agree on the kind of event, the parties (either order for the symmetric
roots 03, 04, 05), the persons where both name one, and a compatible date
become one event with several evidence spans. A weakly dated candidate (dated
only by the report, the discourse or the article's date) is compatible with a
firmly dated one nearby, and takes its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from thoisu.events.args import Party
from thoisu.model import DateRange, Evidence, Status

# Status members read once: compiled, ``Status.X`` is an attribute lookup at each use.
_HYPOTHETICAL: Final = Status.HYPOTHETICAL
_NEGATED: Final = Status.NEGATED
_OCCURRED: Final = Status.OCCURRED

SYMMETRIC_ROOTS: Final = frozenset({"03", "04", "05"})
# How firmly a basis dates an event: the merged event keeps the firmest date.
BASIS_RANK: Final = {
    "explicit": 4,
    "relative": 4,
    "anaphoric": 4,
    "discourse": 3,
    "report": 2,
    "before": 1,
    "article-date": 0,
    "published-range": 0,
}
WEAK_TOLERANCE: Final = timedelta(days=14)
DISCOURSE_TOLERANCE: Final = timedelta(days=7)


@dataclass(slots=True)
class Candidate:
    """One telling of an event, before merging."""

    code: str
    source: Party
    target: Party | None
    when: DateRange | None
    basis: str
    status: Status
    evidence: list[Evidence]
    place: str | None = None
    city: str | None = None
    attribution: str | None = None
    confidence: float = 0.5
    priority: int = 50
    mutual: bool = False

    # Written out: mypyc compiles an explicit ``__init__``; the generated one stays interpreted.
    def __init__(
        self,
        code: str,
        source: Party,
        target: Party | None,
        when: DateRange | None,
        basis: str,
        status: Status,
        evidence: list[Evidence],
        place: str | None = None,
        city: str | None = None,
        attribution: str | None = None,
        confidence: float = 0.5,
        priority: int = 50,
        mutual: bool = False,
    ) -> None:
        self.code = code
        self.source = source
        self.target = target
        self.when = when
        self.basis = basis
        self.status = status
        self.evidence = evidence
        self.place = place
        self.city = city
        self.attribution = attribution
        self.confidence = confidence
        self.priority = priority
        self.mutual = mutual

    @property
    def root(self) -> str:
        """The CAMEO root."""
        return self.code[:2]

    @property
    def kind(self) -> str:
        """What must agree for two tellings to be one event: the root, with visits and signings apart.

        A visit (042/043) and the talks held during it are two events, and so are a signing (057)
        and the praise exchanged at it, and sanctions (163) and a meeting called off (161).
        """
        if self.root == "04":
            return "04v" if self.code in ("042", "043") else "04"
        if self.root == "05":
            return "057" if self.code == "057" else "05"
        if self.root == "16":
            # Sanctions and the other ways of reducing relations (a cancelled visit) are not one act.
            return "163" if self.code.startswith("163") else "16"
        return self.root


def _persons_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _aligned(a: Candidate, b: Candidate) -> bool | None:
    """Whether ``b``'s parties match ``a``'s: True in order, False reversed, None not at all."""
    same = a.source.level == b.source.level and (a.target.level if a.target else None) == (
        b.target.level if b.target else None
    )
    if (
        same
        and _persons_agree(a.source.person, b.source.person)
        and (a.target is None or b.target is None or _persons_agree(a.target.person, b.target.person))
    ):
        return True
    if a.root not in SYMMETRIC_ROOTS or a.target is None or b.target is None:
        return None
    # Meetings, visits and signings involve both sides whoever is named first; a pledge or praise
    # has a speaker, so reversed tellings merge only when one was told as mutual ("hai bên ...").
    if a.kind not in ("04", "04v", "057") and not (a.mutual or b.mutual):
        return None
    if (
        a.source.level == b.target.level
        and a.target.level == b.source.level
        and _persons_agree(a.source.person, b.target.person)
        and _persons_agree(a.target.person, b.source.person)
    ):
        return False
    return None


def _gap(a: DateRange, b: DateRange) -> timedelta:
    if a.last < b.first:
        return b.first - a.last
    if b.last < a.first:
        return a.first - b.last
    return timedelta(0)


def dates_agree(a: DateRange | None, a_basis: str, b: DateRange | None, b_basis: str) -> bool:
    """Whether two tellings' dates allow them to be one event."""
    if a is None or b is None:
        return True
    rank = min(BASIS_RANK.get(a_basis, 0), BASIS_RANK.get(b_basis, 0))
    gap = _gap(a, b)
    if rank >= 4:
        return gap == timedelta(0)
    if rank == 3:
        return gap <= DISCOURSE_TOLERANCE
    return gap <= WEAK_TOLERANCE


def _statuses_agree(a: Status, b: Status) -> bool:
    """A negated telling never merges with an affirmative one; the others may be one event."""
    if a == b:
        return True
    return _NEGATED not in (a, b)


def _merge_date(into: Candidate, other: Candidate) -> None:
    rank_into = BASIS_RANK.get(into.basis, 0)
    rank_other = BASIS_RANK.get(other.basis, 0)
    if into.when is None or rank_other > rank_into:
        into.when, into.basis = other.when, other.basis
    elif (
        other.when is not None
        and rank_other >= BASIS_RANK["discourse"]
        and into.when.first <= other.when.first
        and other.when.last <= into.when.last
        and other.when != into.when
    ):
        # "tháng Chín" then "ngày 3/9" (or a day the story has moved to): the day refines the month.
        into.when, into.basis = other.when, other.basis
    elif rank_other == rank_into and other.when is not None and rank_into >= 4:
        first = max(into.when.first, other.when.first)
        last = min(into.when.last, other.when.last)
        if first <= last:  # both firm and overlapping: the narrower reading
            into.when = DateRange(first, last)


def _fill(into: Candidate, other: Candidate, in_order: bool) -> None:
    source, target = (other.source, other.target) if in_order else (other.target, other.source)
    if source is not None and into.source.person is None and source.person is not None:
        into.source = source
    if into.target is not None and target is not None and into.target.person is None and target.person:
        into.target = target


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Merge tellings of one event (order of first telling is kept)."""
    merged: list[Candidate] = []
    kinds: list[str] = []  # the kind of each merged event, kept up to date (merging may refine a code)
    for candidate in candidates:
        kind = candidate.kind
        for position, existing in enumerate(merged):
            if kinds[position] != kind:
                continue
            order = _aligned(existing, candidate)
            if order is None:
                continue
            if not _statuses_agree(existing.status, candidate.status):
                continue
            if not dates_agree(existing.when, existing.basis, candidate.when, candidate.basis):
                continue
            _merge_into(existing, candidate, order)
            kinds[position] = existing.kind
            break
        else:
            merged.append(candidate)
            kinds.append(kind)
    return merged


def _merge_into(existing: Candidate, candidate: Candidate, in_order: bool) -> None:
    _merge_date(existing, candidate)
    _fill(existing, candidate, in_order)
    stronger = candidate.priority > existing.priority or (
        candidate.priority == existing.priority and len(candidate.code) > len(existing.code)
    )
    # Keep a specific code ("044") over a generic one ("040") of the same root.
    loses_detail = existing.code[-1] != "0" and candidate.code[-1] == "0"
    if stronger and candidate.code[:2] == existing.code[:2] and not loses_detail:
        existing.code = candidate.code
        existing.priority = candidate.priority
    if existing.status != candidate.status:
        if _OCCURRED in (existing.status, candidate.status):
            existing.status = _OCCURRED
        elif existing.status == _HYPOTHETICAL:
            existing.status = candidate.status
    existing.place = existing.place or candidate.place
    existing.city = existing.city or candidate.city
    existing.attribution = existing.attribution or candidate.attribution
    existing.evidence.extend(e for e in candidate.evidence if e not in existing.evidence)
    existing.mutual = existing.mutual or candidate.mutual
    existing.confidence = min(0.99, max(existing.confidence, candidate.confidence) + 0.05)
