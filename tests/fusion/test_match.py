from __future__ import annotations

from datetime import date

from reportkit import day, report, span

from thoisu.fusion.event import FusedEvent
from thoisu.fusion.match import VAGUE_DAYS, assess, best_match, blocks, event_blocks, is_vague
from thoisu.fusion.model import Report, fused_id_for


def event(*reports: Report) -> FusedEvent:
    fused = FusedEvent.found(reports[0])
    for more in reports[1:]:
        fused = fused.with_report(more)
    return fused


TALKS = event(report("vnplus"), report("vov"))


def test_another_outlet_joins() -> None:
    match = assess(report("tuoitre"), TALKS)
    assert match is not None and match.score >= 3 + 2 + 2 + 1 + 2  # code, two persons, place, date


def test_a_symmetric_event_told_from_the_other_side_joins() -> None:
    other_side = report(
        "tuoitre",
        source="VNM",
        target="USA",
        source_actor="VNMGOV",
        target_actor="USAGOV",
        source_person="Bui Thanh Son",
        target_person="Antony Blinken",
    )
    assert assess(other_side, TALKS) is not None


def test_a_directed_event_does_not_join_its_reverse() -> None:
    threat = event(
        report(
            "a",
            code="138",
            source="PRK",
            target="KOR",
            source_actor="PRKGOV",
            target_actor="KOR",
            source_person=None,
            target_person=None,
            place=None,
        )
    )
    reverse = report(
        "b",
        code="138",
        source="KOR",
        target="PRK",
        source_actor="KOR",
        target_actor="PRKGOV",
        source_person=None,
        target_person=None,
        place=None,
    )
    assert assess(reverse, threat) is None


def test_a_hosts_report_joins_the_visit() -> None:
    visit = event(report("a", code="042", target_person=None))
    hosted = report(
        "b",
        code="043",
        source="VNM",
        target="USA",
        source_actor="VNMGOV",
        target_actor="USAGOV",
        source_person="Vo Van Thuong",
        target_person="Antony Blinken",
    )
    assert assess(hosted, visit) is not None
    # A visit is matched on the visitor: another host named is no contradiction.
    assert (
        assess(report("c", code="042", target_person="Nguyen Phu Trong"), visit.with_report(hosted))
        is not None
    )
    assert assess(report("d", code="042", source_person="Joe Biden"), visit) is None


def test_other_persons_make_another_event() -> None:
    assert assess(report("x", target_person="Nguyen Phu Trong"), TALKS) is None
    assert assess(report("x", target_person=None), TALKS) is not None  # unnamed: the country agrees


def test_contradicting_actor_codes_status_place_family_and_article() -> None:
    assert assess(report("x", source_actor="USAMIL"), TALKS) is None
    assert (
        assess(report("x", source_actor="USA"), TALKS) is not None
    )  # the country agrees with its government
    assert assess(report("x", status="planned"), TALKS) is None
    assert assess(report("x", place="JPN"), TALKS) is None
    assert assess(report("x", place=None), TALKS) is not None
    assert assess(report("x", code="042"), TALKS) is None  # a visit is not the talks held during it
    assert assess(report("vov", seq=1), TALKS) is None  # the coder kept two events of one article apart


def test_dates_a_day_apart_join_two_days_do_not() -> None:
    assert assess(report("x", when=day("2023-04-16")), TALKS) is not None
    assert assess(report("x", when=day("2023-04-17")), TALKS) is None
    assert assess(report("x", when=span("2023-04-10", "2023-04-14")), TALKS) is not None


def test_the_envelope_not_the_union_of_dates_decides() -> None:
    visit = event(
        report("a", code="042", target_person=None, when=span("2023-04-14", "2023-04-16")),
        report("b", code="042", target_person=None, when=day("2023-04-14")),
    )
    assert assess(report("c", code="042", target_person=None, when=day("2023-04-16")), visit) is not None
    # Daily events do not chain: talks on the 15th and the 16th stay apart from one on the 17th.
    daily = event(report("a", when=day("2023-04-15")), report("b", when=day("2023-04-16")))
    assert assess(report("c", when=day("2023-04-17")), daily) is None


def test_vague_and_undated_reports_join_only_copies_of_their_original() -> None:
    year = span("2023-01-01", "2023-12-31")
    assert is_vague(report("a", when=year)) and is_vague(report("a", first=None, last=None))
    assert not is_vague(report("a", when=span("2023-01-01", "2023-01-01")))
    vague = event(report("wire", when=year))
    assert assess(report("copy", when=year, group="wire"), vague) is not None
    assert assess(report("other", when=year), vague) is None
    undated = event(report("wire", first=None, last=None))
    assert assess(report("copy", first=None, last=None, group="wire"), undated) is not None
    assert assess(report("other", first=None, last=None), undated) is None
    assert assess(report("dated", group="wire"), undated) is None


def test_blocks_cover_the_tolerance_and_tell_vague_reports_apart() -> None:
    monday = date(2023, 4, 17)
    on_monday = report("a", when=(monday, monday))
    on_sunday = report("b", when=day("2023-04-16"))
    assert set(blocks(on_monday)) & set(blocks(on_sunday))  # a day apart, across a week boundary
    assert not set(blocks(report("a", when=day("2023-05-20")))) & set(blocks(on_monday))
    assert not set(blocks(report("a", status="planned"))) & set(blocks(report("a")))
    long = report("a", when=span("2023-01-01", "2023-04-01"))
    assert (date(2023, 4, 1) - date(2023, 1, 1)).days + 1 > VAGUE_DAYS and len(blocks(long)) == 1
    assert blocks(long) != blocks(report("b", when=span("2023-01-01", "2023-04-01")))
    assert event_blocks(TALKS) == set(blocks(report("vnplus")))


def test_best_match_prefers_the_closer_fit_then_more_sources() -> None:
    generic = event(report("a", code="040", target_person=None), report("b", code="040", target_person=None))
    exact = event(report("c", code="046"))
    assert best_match(report("x", code="046"), [generic, exact]) == exact
    assert best_match(report("x", code="040", target_person=None), [exact, generic]) == generic
    assert best_match(report("x", status="planned"), [generic, exact]) is None


def test_a_copy_prefers_the_event_of_its_original() -> None:
    first = event(report("a", target_person=None))
    second = event(report("b", target_person=None))
    copy = report("a-copy", target_person=None, group="b")
    assert best_match(copy, [first, second]) == second


def test_fused_ids_derive_from_the_founding_report() -> None:
    assert TALKS.fused_id == fused_id_for("vnplus-ev0")
    assert len(TALKS.fused_id) == 15 and int(TALKS.fused_id, 16) == TALKS.gid
    assert TALKS.with_report(report("x")).fused_id == TALKS.fused_id
