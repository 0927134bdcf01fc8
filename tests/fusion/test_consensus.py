from __future__ import annotations

import itertools
from datetime import date

import pytest
from reportkit import day, report, span

from thoisu.fusion.consensus import basis_weight, consensus
from thoisu.fusion.event import FusedEvent
from thoisu.fusion.model import Consensus, Report


def test_majority_date_keeps_the_disagreement() -> None:
    reports = [
        report("vnplus", when=day("2023-04-15")),
        report("vov", when=day("2023-04-15")),
        report("tuoitre", when=day("2023-04-15")),
        report("hanoimoi", when=day("2023-04-16")),
    ]
    agreed = consensus(reports)
    assert (agreed.first, agreed.last) == (date(2023, 4, 15), date(2023, 4, 15))
    [alternative] = agreed.date_alternatives
    assert (alternative.value, alternative.outlets, alternative.groups) == (
        "2023-04-16",
        ("outlet-hanoimoi",),
        1,
    )
    assert alternative.conflicts and agreed.date_disputed


def test_wire_copies_do_not_outvote_independent_sources() -> None:
    # Three outlets carry one wire that says 16/4; two reporters who were there say 15/4.
    wire = [report(name, when=day("2023-04-16"), group="wire") for name in ("a", "b", "c")]
    independent = [report("vov", when=day("2023-04-15")), report("tuoitre", when=day("2023-04-15"))]
    agreed = consensus([*wire, *independent])
    assert agreed.first == date(2023, 4, 15)
    assert (agreed.mentions, agreed.articles, agreed.sources, agreed.independent) == (5, 5, 5, 3)
    assert agreed.date_alternatives[0].groups == 1 and len(agreed.date_alternatives[0].outlets) == 3


def test_a_range_supports_the_days_inside_it() -> None:
    # "14-16/4" from two sources and "14/4" from one: the range is supported by all three.
    agreed = consensus(
        [
            report("a", code="042", when=span("2023-04-14", "2023-04-16")),
            report("b", code="042", when=span("2023-04-14", "2023-04-16")),
            report("c", code="042", when=day("2023-04-14")),
        ]
    )
    assert (agreed.first, agreed.last) == (date(2023, 4, 14), date(2023, 4, 16))
    assert not agreed.date_disputed  # 14/4 lies inside: an alternative, not a conflict
    assert agreed.envelope == (date(2023, 4, 14), date(2023, 4, 16))


def test_written_dates_outweigh_inferred_ones() -> None:
    assert basis_weight("explicit") > basis_weight("discourse") > basis_weight("article-date")
    agreed = consensus(
        [
            report("a", when=day("2023-04-15"), basis="explicit"),
            report("b", when=day("2023-04-16"), basis="article-date"),
        ]
    )
    assert agreed.first == date(2023, 4, 15) and agreed.date_basis == "explicit"


def test_place_code_persons_and_actor_codes_by_majority() -> None:
    agreed = consensus(
        [
            report("a", code="046", place="VNM", source_actor="USA"),
            report("b", code="040", place="VNM", source_actor="USAGOV"),
            report("c", code="046", place="JPN", source_actor="USAGOV", source_person=None),
        ]
    )
    assert agreed.code == "046" and agreed.root == "04"
    assert agreed.place == "VNM"
    assert [(alt.value, alt.conflicts) for alt in agreed.place_alternatives] == [("JPN", True)]
    assert agreed.source_actor == "USAGOV" and agreed.source_person == "Antony Blinken"


def test_reversed_reports_of_a_symmetric_event_vote_on_the_right_sides() -> None:
    reversed_report = report(
        "b",
        source="VNM",
        target="USA",
        source_actor="VNMGOV",
        target_actor="USAGOV",
        source_person="Bui Thanh Son",
        target_person="Antony Blinken",
    )
    agreed = consensus([report("a"), report("c"), reversed_report])
    assert (agreed.source, agreed.target) == ("USA", "VNM")
    assert (agreed.source_person, agreed.target_person) == ("Antony Blinken", "Bui Thanh Son")


def test_a_host_report_of_a_visit_keeps_the_visitor() -> None:
    visit = report("a", code="042", target_person=None)
    hosted = report(
        "b",
        code="043",
        source="VNM",
        target="USA",
        source_actor="VNMGOV",
        target_actor="USAGOV",
        source_person=None,
        target_person="Antony Blinken",
    )
    other = report("c", code="042", target_person=None)
    agreed = consensus([visit, hosted, other])
    assert (agreed.code, agreed.source, agreed.target, agreed.source_person) == (
        "042",
        "USA",
        "VNM",
        "Antony Blinken",
    )


def test_confidence_grows_with_independent_sources_only() -> None:
    one = consensus([report("a", confidence=0.6)])
    copies = consensus([report("a", confidence=0.6), report("b", confidence=0.6, group="a")])
    two = consensus([report("a", confidence=0.6), report("b", confidence=0.6)])
    assert one.confidence == pytest.approx(0.6)
    assert copies.confidence == pytest.approx(0.6)
    assert two.confidence == pytest.approx(0.84)
    assert 0.0 <= consensus([report("x", confidence=1.7)]).confidence <= 1.0


def test_undated_reports_give_no_date() -> None:
    agreed = consensus([report("a", first=None, last=None)])
    assert agreed.first is None and agreed.envelope is None and agreed.date_alternatives == ()


def test_counts_first_reported_and_headline() -> None:
    agreed = consensus(
        [
            report("a", published=date(2023, 4, 16), confidence=0.9, attribution="TTXVN"),
            report("b", published=date(2023, 4, 15), confidence=0.9, attribution="VOV"),
            report("c", published=None, code="046", confidence=0.99),
        ]
    )
    assert agreed.first_reported == date(2023, 4, 15)
    assert agreed.headline == "b-ev0"  # the consensus code, most confident, earliest
    assert agreed.attributions == ("TTXVN", "VOV")


def test_consensus_does_not_depend_on_arrival_order() -> None:
    reports: list[Report] = [
        report("a", when=day("2023-04-15"), place="VNM"),
        report("b", when=day("2023-04-16"), code="046", place=None),
        report("c", when=span("2023-04-14", "2023-04-16"), basis="discourse", group="a"),
        report("d", when=day("2023-04-16"), source_person=None),
    ]
    results = {FusedEvent.of("f", tuple(order)).consensus for order in itertools.permutations(reports)}
    assert len(results) == 1


def test_a_consensus_needs_reports() -> None:
    with pytest.raises(ValueError):
        consensus([])
    with pytest.raises(ValueError):
        FusedEvent.of("f", ())


@pytest.mark.parametrize(
    "single",
    [
        report("a", city="Hanoi", attribution="TTXVN", confidence=0.77),
        report("a", first=None, last=None, place=None, city="Hanoi", confidence=1.3),
        report("a", code="043", source="VNM", target="USA", when=span("2023-04-14", "2023-04-16")),
    ],
)
def test_a_single_report_is_its_own_consensus(single: Report) -> None:
    # The shortcut for one report agrees with the general rules (the same report twice).
    general = consensus([single, single])
    alone = consensus([single])
    for name in Consensus.__dataclass_fields__:
        if name != "mentions":
            assert getattr(alone, name) == getattr(general, name), name
