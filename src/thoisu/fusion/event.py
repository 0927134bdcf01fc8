"""The fused event: a real-world event, the reports of it, and the consensus computed from them.

Adding a report makes a new :class:`FusedEvent`; nothing is mutated, so a
half-processed article never leaves a half-updated event. The class lives
apart from the records of :mod:`thoisu.fusion.model` because it computes its
consensus (:mod:`thoisu.fusion.consensus`), which builds on those records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thoisu.fusion.consensus import consensus
from thoisu.fusion.model import Consensus, Report, fused_id_for, gid_of


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """A real-world event and every report of it.

    Build with :meth:`found` or :meth:`with_report`; the consensus is computed
    once per state, from the reports alone, so it does not depend on the order
    in which they arrived.
    """

    fused_id: str
    reports: tuple[Report, ...]
    consensus: Consensus = field(compare=False)

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
        return cls(fused_id, ordered, consensus(ordered))

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
        return any(report.article_id == article_id for report in self.reports)

    def has_group(self, group: str) -> bool:
        """Whether a copy of the same original already reports this event."""
        return any(report.group == group for report in self.reports)
