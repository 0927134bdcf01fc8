"""What the reports of one event agree on: majority values, alternatives, confidence.

Votes are cast by *independent sources*, not by articles: ten outlets
carrying one TTXVN wire are one source (they are one copy cluster, see
:mod:`thoisu.dedup`), so a wire repeated ten times cannot outvote two
reporters who were there. A source votes once for each distinct value its
reports give.

Dates are ranges, and a vaguer range does not contradict a precise day inside
it ("14-16/4" and "15/4" agree). So the chosen date is the value with the most
*support* (sources whose date overlaps it), then the most exact votes, then
the narrowest, then the earliest; a date the coder found firmly (written in
the sentence) weighs more than one inferred from discourse or from the
article's own date. Another value is recorded as an alternative, and as a
conflict when it does not overlap the chosen one: four reports of talks on
15/4 and one on 16/4 give 15/4, with "16/4 (Hà Nội Mới)" as a conflict.

Every rule ends in a total order, so the consensus depends on the set of
reports and never on the order they arrived in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from thoisu.fusion.codes import VISIT, specificity, visit_roles
from thoisu.fusion.model import Alternative, Consensus, Report

#: Weight of a date by how the coder found it: a written date outweighs one inferred.
BASIS_WEIGHT: dict[str, float] = {
    "explicit": 1.0,
    "relative": 1.0,
    "anaphoric": 1.0,
    "discourse": 0.6,
    "report": 0.5,
    "before": 0.4,
    "article-date": 0.25,
    "published-range": 0.25,
}
_DEFAULT_WEIGHT = 0.5
_BASIS_ORDER = ("explicit", "relative", "anaphoric", "discourse", "report", "before")
#: Ranges up to this many days that overlap the consensus date widen its envelope (a visit, a
#: summit); longer ones ("in December") do not, or daily events would chain into one.
ENVELOPE_DAYS = 14

DateValue = tuple[date, date]
T = TypeVar("T")


def basis_weight(basis: str) -> float:
    """How much a date found this way counts in the vote."""
    return BASIS_WEIGHT.get(basis, _DEFAULT_WEIGHT)


def date_label(value: DateValue) -> str:
    """``YYYY-MM-DD`` for a day, ``first..last`` for a range."""
    first, last = value
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def orientation(report: Report, code: str, source: str, target: str | None) -> bool | None:
    """Whether ``report`` reads in the direction of (code, source, target): True same, False reversed.

    None when the report's parties are not those of the coding at all.
    """
    if report.family == VISIT and code[:3] in ("042", "043"):
        if visit_roles(report.code, report.source, report.target) != visit_roles(code, source, target):
            return None
        return report.source == source
    if report.source == source and report.target == target:
        return True
    if report.source == target and report.target == source:
        return False
    return None


def sides(
    report: Report, aligned: bool
) -> tuple[tuple[str | None, str | None], tuple[str | None, str | None]]:
    """((actor, person) on the consensus source side, (actor, person) on its target side)."""
    source = (report.source_actor, report.source_person)
    target = (report.target_actor, report.target_person)
    return (source, target) if aligned else (target, source)


def consensus(reports: Sequence[Report]) -> Consensus:
    """The consensus of a fused event's reports.

    Raises:
        ValueError: With no reports.
    """
    if not reports:
        raise ValueError("a consensus needs at least one report")
    if len(reports) == 1:
        return _alone(reports[0])
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.group].append(report)

    code = _vote(groups, lambda report: [report.code], key=lambda value: (-specificity(value), value))
    if code is None:  # unreachable: every report has a code
        raise ValueError("reports without codes")
    source, target = _orientation(groups, code)
    aligned = {report.event_id: orientation(report, code, source, target) for report in reports}

    def side(index: int, part: int) -> str | None:
        def values(report: Report) -> list[str]:
            flag = aligned[report.event_id]
            if flag is None:
                return []
            value = sides(report, flag)[index][part]
            return [value] if value else []

        # Actor codes: the more specific ("CHNGOV" over "CHN") wins a tie.
        if part == 0:
            return _vote(groups, values, key=lambda value: (-len(value), value))
        return _vote(groups, values)

    first, last, basis, date_alternatives, envelope = _dates(groups)
    place = _vote(groups, lambda report: [report.place] if report.place else [])
    city = _vote(groups, lambda report: [report.city] if report.city and report.place == place else [])
    headline = _headline(reports, code, aligned, (first, last))
    coded = [report for report in reports if report.code == code]
    scales = headline if headline.code == code else coded[0]
    independent_confidence = 1.0
    for members in groups.values():
        independent_confidence *= 1.0 - max(min(max(report.confidence, 0.0), 1.0) for report in members)
    published = [report.published for report in reports if report.published is not None]
    return Consensus(
        code=code,
        source=source,
        target=target,
        source_actor=side(0, 0),
        target_actor=side(1, 0),
        source_person=side(0, 1),
        target_person=side(1, 1),
        first=first,
        last=last,
        date_basis=basis,
        date_alternatives=date_alternatives,
        envelope=envelope,
        place=place,
        city=city,
        place_alternatives=_place_alternatives(groups, place),
        goldstein=scales.goldstein,
        quad_class=scales.quad_class,
        plover=scales.plover,
        confidence=round(1.0 - independent_confidence, 4),
        mentions=len(reports),
        articles=len({report.article_id for report in reports}),
        sources=len({report.outlet for report in reports}),
        independent=len(groups),
        first_reported=min(published) if published else None,
        headline=headline.event_id,
        outlets=tuple(sorted({report.outlet for report in reports})),
        attributions=tuple(sorted({report.attribution for report in reports if report.attribution})),
    )


def _alone(report: Report) -> Consensus:
    """The consensus of a single report: the report itself (most fused events have one)."""
    dated = report.first is not None and report.last is not None
    return Consensus(
        code=report.code,
        source=report.source,
        target=report.target,
        source_actor=report.source_actor,
        target_actor=report.target_actor,
        source_person=report.source_person,
        target_person=report.target_person,
        first=report.first,
        last=report.last,
        date_basis=report.basis if dated else None,
        date_alternatives=(),
        envelope=(report.first, report.last) if report.first and report.last else None,
        place=report.place,
        city=report.city,
        place_alternatives=(),
        goldstein=report.goldstein,
        quad_class=report.quad_class,
        plover=report.plover,
        confidence=round(min(max(report.confidence, 0.0), 1.0), 4),
        mentions=1,
        articles=1,
        sources=1,
        independent=1,
        first_reported=report.published,
        headline=report.event_id,
        outlets=(report.outlet,),
        attributions=(report.attribution,) if report.attribution else (),
    )


def _tally(groups: dict[str, list[Report]], values: Callable[[Report], Iterable[T]]) -> dict[T, int]:
    """How many groups give each value (a group votes once per distinct value it gives)."""
    counts: dict[T, int] = defaultdict(int)
    for members in groups.values():
        for value in {value for report in members for value in values(report)}:
            counts[value] += 1
    return counts


def _vote(
    groups: dict[str, list[Report]],
    values: Callable[[Report], Iterable[str]],
    key: Callable[[str], tuple[int, str]] = lambda value: (0, value),
) -> str | None:
    """The value most groups give, ties broken by ``key`` (None when no report gives one)."""
    counts = _tally(groups, values)
    if not counts:
        return None
    return min(counts, key=lambda value: (-counts[value], key(value)))


def _orientation(groups: dict[str, list[Report]], code: str) -> tuple[str, str | None]:
    """The direction of the consensus: a visit's follows its code, other events the majority."""
    reports = [report for members in groups.values() for report in members]
    if code[:3] in ("042", "043"):
        visits = [report for report in reports if report.family == VISIT]
        visitor, host = visit_roles(visits[0].code, visits[0].source, visits[0].target)
        if code[:3] == "043":
            return host, visitor
        return visitor or "", host or None
    counts = _tally(
        groups, lambda report: [(report.source, report.target or "")] if report.code == code else []
    )
    source, target = min(counts, key=lambda pair: (-counts[pair], pair))
    return source, target or None


def _dates(
    groups: dict[str, list[Report]],
) -> tuple[date | None, date | None, str | None, tuple[Alternative, ...], DateValue | None]:
    # Each group's dates with the best weight it gives each.
    given: dict[str, dict[DateValue, float]] = {}
    for name, members in groups.items():
        values: dict[DateValue, float] = {}
        for report in members:
            if report.first is None or report.last is None:
                continue
            value = (report.first, report.last)
            values[value] = max(values.get(value, 0.0), basis_weight(report.basis))
        if values:
            given[name] = values
    if not given:
        return None, None, None, (), None
    candidates = sorted({value for values in given.values() for value in values})

    def overlaps(a: DateValue, b: DateValue) -> bool:
        return a[0] <= b[1] and b[0] <= a[1]

    def score(value: DateValue) -> tuple[float, float, int, date]:
        support = sum(
            max((weight for other, weight in values.items() if overlaps(other, value)), default=0.0)
            for values in given.values()
        )
        exact = sum(values.get(value, 0.0) for values in given.values())
        return (-round(support, 6), -round(exact, 6), (value[1] - value[0]).days, value[0])

    chosen = min(candidates, key=score)
    bases = [
        report.basis
        for members in groups.values()
        for report in members
        if report.first is not None and (report.first, report.last) == chosen
    ]
    basis = min(bases, key=lambda name: (-basis_weight(name), _rank(name)))
    alternatives = []
    for value in candidates:
        if value == chosen:
            continue
        saying = [
            report
            for members in groups.values()
            for report in members
            if report.first is not None and (report.first, report.last) == value
        ]
        alternatives.append(
            Alternative(
                date_label(value),
                tuple(sorted({report.outlet for report in saying})),
                len({report.group for report in saying}),
                not overlaps(value, chosen),
            )
        )
    alternatives.sort(key=lambda alternative: (-alternative.groups, alternative.value))
    agreeing = [
        value
        for value in candidates
        if (overlaps(value, chosen) and (value[1] - value[0]).days < ENVELOPE_DAYS) or value == chosen
    ]
    envelope = (min(value[0] for value in agreeing), max(value[1] for value in agreeing))
    return chosen[0], chosen[1], basis, tuple(alternatives), envelope


def _rank(basis: str) -> int:
    return _BASIS_ORDER.index(basis) if basis in _BASIS_ORDER else len(_BASIS_ORDER)


def _place_alternatives(groups: dict[str, list[Report]], place: str | None) -> tuple[Alternative, ...]:
    others: dict[str, list[Report]] = defaultdict(list)
    for members in groups.values():
        for report in members:
            if report.place and report.place != place:
                others[report.place].append(report)
    alternatives = [
        Alternative(
            value,
            tuple(sorted({report.outlet for report in saying})),
            len({report.group for report in saying}),
            True,
        )
        for value, saying in others.items()
    ]
    return tuple(sorted(alternatives, key=lambda alternative: (-alternative.groups, alternative.value)))


def _headline(
    reports: Sequence[Report],
    code: str,
    aligned: dict[str, bool | None],
    when: tuple[date | None, date | None],
) -> Report:
    """The report shown for the event: consensus code and date, aligned, most confident, earliest, by id."""

    def key(report: Report) -> tuple[int, int, int, float, date, str]:
        return (
            0 if report.code == code else 1,
            0 if (report.first, report.last) == when else 1,
            0 if aligned[report.event_id] else 1,
            -report.confidence,
            report.published or date.max,
            report.event_id,
        )

    return min(reports, key=key)
