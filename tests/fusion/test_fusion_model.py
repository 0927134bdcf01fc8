from __future__ import annotations

import dataclasses
import json
import pickle
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from reportkit import report

from thoisu.fusion.event import FusedEvent
from thoisu.fusion.model import Quote, Report

optional_text = st.one_of(st.none(), st.text(max_size=12))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5))
quotes = st.builds(
    Quote,
    st.text(max_size=40),
    st.text(max_size=8),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.one_of(st.none(), st.integers(0, 99)),
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    dated = draw(st.booleans())
    first = draw(days) if dated else None
    return Report(
        event_id=draw(st.text(max_size=12)),
        article_id=draw(st.text(max_size=12)),
        group=draw(st.text(max_size=12)),
        outlet=draw(st.text(max_size=12)),
        published=draw(st.one_of(st.none(), days)),
        code=draw(st.sampled_from(["040", "042", "0311", "190"])),
        source=draw(st.text(max_size=6)),
        target=draw(optional_text),
        source_actor=draw(optional_text),
        target_actor=draw(optional_text),
        source_person=draw(optional_text),
        target_person=draw(optional_text),
        first=first,
        last=first,
        basis=draw(st.text(max_size=10)),
        status=draw(st.text(max_size=10)),
        place=draw(optional_text),
        city=draw(optional_text),
        confidence=draw(numbers),
        goldstein=draw(st.one_of(st.none(), numbers)),
        quad_class=draw(st.one_of(st.none(), st.integers(1, 4))),
        plover=draw(optional_text),
        attribution=draw(optional_text),
        quote=draw(st.one_of(st.none(), quotes)),
    )


@settings(max_examples=300, deadline=None)
@given(reports())
def test_json_text_is_what_json_dumps_writes(made: Report) -> None:
    # Quotes, backslashes, control characters, other scripts, NaN: written as json.dumps would.
    assert made.json_text() == json.dumps(made.to_json(), ensure_ascii=False)


@settings(max_examples=100, deadline=None)
@given(reports())
def test_reports_survive_pickling(made: Report) -> None:
    again = pickle.loads(pickle.dumps(made))
    assert again.json_text() == made.json_text()  # NaN is not equal to itself; its text is


def test_a_report_in_another_group_changes_nothing_else() -> None:
    made = report("vov", quote=Quote("Hai bên hội đàm.", "hội đàm", 0, 8, 2), attribution="TTXVN")
    moved = made.with_group("vnplus")
    assert moved == dataclasses.replace(made, group="vnplus")
    assert moved.group == "vnplus" and made.group == "vov"


def test_a_fused_event_of_one_report_keeps_it() -> None:
    made = report("vov")
    event = FusedEvent.found(made)
    assert event.reports == (made,)
    assert event.consensus.headline == made.event_id
