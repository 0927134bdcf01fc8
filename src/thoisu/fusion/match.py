"""Deciding whether a report describes an already known event, and finding the candidates fast.

A report joins a fused event when everything that can be compared agrees:

* **status**: a planned visit and the visit itself are two codings (CAMEO
  codes the announcement when it is made);
* **parties**: the same country-level actors, in the same direction, or in
  either direction for symmetric families; a visit matches the host's account
  of it (042 A->B is 043 B->A). Finer actor codes must not contradict each
  other (``CHN`` agrees with ``CHNGOV``, ``CHNGOV`` does not with ``CHNMIL``);
* **persons**: where both name a person on a side, the same person (Blinken
  meeting Trọng and Blinken meeting Chính the same day are two events); for
  a visit only the visitor counts, since outlets name different hosts;
* **codes**: the same family (:mod:`thoisu.fusion.codes`);
* **dates**: ranges that overlap once each is widened by a day (time zones, a
  lead that dates the talks by the evening report). The fused event's side is
  its consensus date widened by the short ranges that agree with it (its
  *envelope*: "14-16/4" and "14/4" make 14-16/4), not the union of all its
  reports, so a chain of daily artillery exchanges does not collapse into one
  event;
* **place**: the same country where both give one;
* **not the same article**: the event coder already merged the tellings inside
  an article, so two events it kept apart stay apart.

Reports without a date, or dated only to a span longer than
:data:`VAGUE_DAYS` ("in 2023"), cannot be placed in time; they join only a
fused event that a copy of the same original reported with the same dates,
which is what wire copies do.

Candidates are found by *blocks*: a 64-bit key of (pair of countries, family,
status, week) for every week a report's dates touch, widened by the one-day
tolerance. A fused event is filed under the blocks of all its reports, so any
report that could match its consensus date shares a block with it: the lookup
is an exact key search whose cost does not grow with the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from thoisu.fusion.codes import VISIT, affinity, is_symmetric, visit_roles
from thoisu.fusion.consensus import orientation, sides
from thoisu.fusion.event import FusedEvent
from thoisu.fusion.model import Report

TOLERANCE = timedelta(days=1)
VAGUE_DAYS = 62
_WEEK = 7


def _key(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def is_vague(report: Report) -> bool:
    """Whether the report cannot be placed in time: undated, or dated to a long span."""
    days = report.span_days
    return days is None or days > VAGUE_DAYS


def blocks(report: Report) -> tuple[int, ...]:
    """The block keys a report is filed and looked up under."""
    base = (report.dyad, report.family, report.status)
    if is_vague(report) or report.first is None or report.last is None:
        first = report.first.isoformat() if report.first else ""
        last = report.last.isoformat() if report.last else ""
        return (_key(*base, "copy", report.group, first, last),)
    start = (report.first - TOLERANCE).toordinal() // _WEEK
    end = (report.last + TOLERANCE).toordinal() // _WEEK
    return tuple(_key(*base, "week", str(week)) for week in range(start, end + 1))


def event_blocks(event: FusedEvent) -> set[int]:
    """Every block a fused event is filed under (the union of its reports')."""
    return {key for report in event.reports for key in blocks(report)}


@dataclass(frozen=True, slots=True)
class Match:
    """A compatible fused event and how well the report fits it (higher is better)."""

    event: FusedEvent
    score: float


def _overlap(first: date, last: date, other_first: date, other_last: date, slack: timedelta) -> bool:
    return first - slack <= other_last and other_first - slack <= last


def _actors_agree(code: str | None, known: frozenset[str]) -> bool:
    if code is None or not known:
        return True
    return any(code.startswith(other) or other.startswith(code) for other in known)


def assess(report: Report, event: FusedEvent) -> Match | None:
    """How well ``report`` fits ``event``, or None when it describes another event."""
    agreed = event.consensus
    if report.status != event.status or report.family != event.family or report.dyad != event.dyad:
        return None
    if event.has_article(report.article_id):
        return None
    aligned = orientation(report, agreed.code, agreed.source, agreed.target)
    if aligned is None or (aligned is False and report.family != VISIT and not is_symmetric(report.family)):
        return None
    score = float(affinity(report.code, agreed.code))
    # Persons and actor codes on each side of the consensus, from the reports already in the event.
    known_actors, known_persons = event.actors, event.persons
    compared: tuple[int, ...] = (0, 1)
    if report.family == VISIT:
        visitor, _ = visit_roles(agreed.code, agreed.source, agreed.target)
        compared = (0,) if visitor == agreed.source else (1,)
    for index, (actor, person) in enumerate(sides(report, aligned)):
        if not _actors_agree(actor, known_actors[index]):
            return None
        if index in compared and person and known_persons[index]:
            if person not in known_persons[index]:
                return None
            score += 2.0
    if report.place and agreed.place:
        if report.place != agreed.place:
            return None
        score += 1.0
    if is_vague(report) or report.first is None or report.last is None:
        same = any(
            member.group == report.group and (member.first, member.last) == (report.first, report.last)
            for member in event.reports
        )
        if not same:
            return None
    else:
        if agreed.first is None or agreed.last is None or agreed.envelope is None:
            return None
        if not _overlap(report.first, report.last, *agreed.envelope, TOLERANCE):
            return None
        if (report.first, report.last) == (agreed.first, agreed.last):
            score += 2.0
        elif _overlap(report.first, report.last, agreed.first, agreed.last, timedelta(0)):
            score += 1.0
    if event.has_group(report.group):
        score += 4.0  # a copy of an article already in the event: the same text, the same event
    return Match(event, score)


def best_match(report: Report, candidates: Iterable[FusedEvent]) -> FusedEvent | None:
    """The candidate that fits best: highest score, then most independent sources, then the smallest id."""
    matches = [match for candidate in candidates if (match := assess(report, candidate)) is not None]
    if not matches:
        return None
    best = min(
        matches,
        key=lambda match: (-match.score, -match.event.consensus.independent, match.event.fused_id),
    )
    return best.event
