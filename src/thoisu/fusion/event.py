"""The fused event: a real-world event, the reports of it, and the consensus computed from them.

Adding a report makes a new :class:`FusedEvent`; nothing is mutated, so a
half-processed article never leaves a half-updated event. The class lives
apart from the records of :mod:`thoisu.fusion.model` because it computes its
consensus (:mod:`thoisu.fusion.consensus`), which builds on those records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thoisu.fusion.consensus import consensus, orientation, sides
from thoisu.fusion.model import Consensus, Report, fused_id_for, gid_of


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """A real-world event and every report of it.

    Build with :meth:`found` or :meth:`with_report`; the consensus is computed
    once per state, from the reports alone, so it does not depend on the order
    in which they arrived. So are the summaries a candidate report is checked
    against (:func:`~thoisu.fusion.match.assess`): checking one must not cost a
    pass over every report of an event that hundreds of articles carried.

    Attributes:
        articles: The articles that report the event.
        groups: Their independence groups (originals).
        actors: Actor codes on the consensus source side and on its target side.
        persons: Persons named on either side.
    """

    fused_id: str
    reports: tuple[Report, ...]
    consensus: Consensus = field(compare=False)
    articles: frozenset[str] = field(compare=False)
    groups: frozenset[str] = field(compare=False)
    actors: tuple[frozenset[str], frozenset[str]] = field(compare=False)
    persons: tuple[frozenset[str], frozenset[str]] = field(compare=False)

    @classmethod
    def found(cls, report: Report) -> FusedEvent:
        """A new fused event whose first report is ``report``."""
        return cls.of(fused_id_for(report.event_id), (report,))

    @classmethod
    def of(cls, fused_id: str, reports: tuple[Report, ...]) -> FusedEvent:
        """A fused event with these reports (sorted by event id, so the order they came in is irrelevant).

        Raises:
            ValueError: With no reports.
        """
        if not reports:
            raise ValueError(f"fused event {fused_id} has no reports")
        ordered = (
            tuple(reports)
            if len(reports) == 1
            else tuple(sorted(reports, key=lambda report: report.event_id))
        )
        agreed = consensus(ordered)
        actors: tuple[set[str], set[str]] = (set(), set())
        persons: tuple[set[str], set[str]] = (set(), set())
        for member in ordered:
            flag = orientation(member, agreed.code, agreed.source, agreed.target)
            if flag is None:
                continue
            for index, (actor, person) in enumerate(sides(member, flag)):
                if actor:
                    actors[index].add(actor)
                if person:
                    persons[index].add(person)
        return cls(
            fused_id,
            ordered,
            agreed,
            frozenset(report.article_id for report in ordered),
            frozenset(report.group for report in ordered),
            (frozenset(actors[0]), frozenset(actors[1])),
            (frozenset(persons[0]), frozenset(persons[1])),
        )

    def with_report(self, report: Report) -> FusedEvent:
        """This event with one more report."""
        return FusedEvent.of(self.fused_id, (*self.reports, report))

    @property
    def gid(self) -> int:
        """The integer key."""
        return gid_of(self.fused_id)

    @property
    def family(self) -> str:
        """The code family every report shares."""
        return self.reports[0].family

    @property
    def dyad(self) -> str:
        """The unordered country pair every report shares."""
        return self.reports[0].dyad

    @property
    def status(self) -> str:
        """The factuality every report shares."""
        return self.reports[0].status

    def has_article(self, article_id: str) -> bool:
        """Whether an article already reports this event (its coder kept two events apart for a reason)."""
        return article_id in self.articles

    def has_group(self, group: str) -> bool:
        """Whether a copy of the same original already reports this event."""
        return group in self.groups
