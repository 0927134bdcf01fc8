from __future__ import annotations

from datetime import date

from thoisu.events.args import Party
from thoisu.events.merge import Candidate, dates_agree, merge
from thoisu.model import DateRange, Evidence, Span, Status

DAY = DateRange.day(date(2024, 3, 21))
KIM = Party("PRK", "PRKGOV", "Kim Song-nam")
CHINA = Party("CHN", "CHN")


def candidate(
    code: str,
    source: Party,
    target: Party | None,
    when: DateRange | None = DAY,
    basis: str = "explicit",
    status: Status = Status.OCCURRED,
    at: int = 0,
    mutual: bool = False,
) -> Candidate:
    evidence = Evidence(Span(at, at + 10), Span(at, at + 3))
    return Candidate(code, source, target, when, basis, status, [evidence], mutual=mutual)


def test_tellings_of_one_event_merge_and_keep_all_evidence() -> None:
    first = candidate("040", KIM, CHINA, at=0)
    second = candidate("040", KIM, Party("CHN", "CHNGOV", "Wang Huning"), at=20)
    (merged,) = merge([first, second])
    assert len(merged.evidence) == 2
    assert merged.target is not None and merged.target.person == "Wang Huning"  # the named telling fills in


def test_different_persons_are_different_events() -> None:
    huning = candidate("040", KIM, Party("CHN", None, "Wang Huning"))
    wang_yi = candidate("040", KIM, Party("CHN", None, "Wang Yi"))
    assert len(merge([huning, wang_yi])) == 2


def test_visit_and_talks_stay_apart_but_host_and_visit_merge() -> None:
    visit = candidate("042", Party("CHN"), Party("PRK"), at=0)
    talks = candidate("040", Party("CHN"), Party("PRK"), at=20)
    host = candidate("043", Party("PRK"), Party("CHN"), at=40)
    merged = merge([visit, talks, host])
    assert [c.code for c in merged] == ["042", "040"]
    assert len(merged[0].evidence) == 2


def test_reversed_pledges_merge_only_when_told_as_mutual() -> None:
    ours = candidate("030", Party("VNM"), Party("USA"))
    theirs = candidate("036", Party("USA"), Party("VNM"))
    assert len(merge([ours, theirs])) == 2
    joint = candidate("030", Party("USA"), Party("VNM"), mutual=True)
    assert len(merge([ours, joint])) == 1


def test_weak_dates_merge_and_take_the_firm_date() -> None:
    reported = candidate("042", KIM, CHINA, DateRange.day(date(2024, 3, 23)), "report")
    dated = candidate("042", KIM, CHINA, DAY, "explicit")
    (merged,) = merge([reported, dated])
    assert (merged.when, merged.basis) == (DAY, "explicit")


def test_a_day_refines_a_month() -> None:
    september = candidate("042", KIM, CHINA, DateRange(date(2025, 9, 1), date(2025, 9, 30)))
    third = candidate("042", KIM, CHINA, DateRange.day(date(2025, 9, 3)), "discourse")
    (merged,) = merge([september, third])
    assert merged.when == DateRange.day(date(2025, 9, 3))


def test_negated_and_occurred_tellings_stay_apart() -> None:
    occurred = candidate("057", KIM, CHINA)
    negated = candidate("057", KIM, CHINA, status=Status.NEGATED)
    assert len(merge([occurred, negated])) == 2
    planned = candidate("042", KIM, CHINA, status=Status.PLANNED)
    happened = candidate("042", KIM, CHINA)
    (merged,) = merge([planned, happened])
    assert merged.status == Status.OCCURRED


def test_date_agreement_rules() -> None:
    day = DateRange.day(date(2024, 3, 21))
    later = DateRange.day(date(2024, 3, 30))
    assert not dates_agree(day, "explicit", later, "explicit")
    assert dates_agree(day, "explicit", later, "report")  # a report date only bounds the event
    assert not dates_agree(day, "explicit", DateRange.day(date(2024, 5, 1)), "article-date")
    assert dates_agree(None, "none", day, "explicit")


def test_sanctions_and_a_meeting_called_off_are_two_acts() -> None:
    usa, russia = Party("USA", "USAGOV"), Party("RUS", "RUSGOV")
    sanctions = candidate("163", usa, russia, at=0)
    cancelled = candidate("161", usa, russia, at=20)
    assert len(merge([sanctions, cancelled])) == 2
    assert len(merge([cancelled, candidate("160", usa, russia, at=40)])) == 1  # other reductions still merge
