from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thoisu.errors import ResourceError
from thoisu.events.time import (
    _DIGITS,
    TimeGrammar,
    TimeMention,
    _alternatives,
    _compile,
    _first_words,
    load_time_grammar,
    parse_time_vocabulary,
)
from thoisu.lang.resource import load_toml
from thoisu.lang.vi.triggers import key_of
from thoisu.model import DateRange

MON_25_MAR_2024 = DateRange.day(date(2024, 3, 25))  # a Monday


@pytest.fixture(scope="module")
def grammar() -> TimeGrammar:
    return load_time_grammar()


def find(grammar: TimeGrammar, text: str) -> list[TimeMention]:
    return grammar.find(key_of(text), text=text)


def when(
    grammar: TimeGrammar,
    text: str,
    anchor: DateRange | None = MON_25_MAR_2024,
    last_day: DateRange | None = None,
    last_any: DateRange | None = None,
    future: bool = False,
) -> str | list[str] | None:
    found = find(grammar, text)
    assert len(found) == 1, [text[m.start : m.end] for m in found]
    resolved = grammar.resolve(found[0], anchor, last_day, last_any, future)
    return resolved.when.to_json() if resolved else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trong ngày 21/3, ông Kim đã có cuộc gặp", "2024-03-21"),
        ("KCNA ngày 23/3 đưa tin", "2024-03-23"),
        ("hôm 27/9", "2023-09-27"),  # past: the year that puts it before the article
        ("Sáng nay (21/3), hãng tin cho biết", "2024-03-21"),
        ("(21/3)", "2024-03-21"),
        ("21/3/2023", "2023-03-21"),
        ("ngày 21-3-2023", "2023-03-21"),
        ("ngày 21 tháng 3 năm 2022", "2022-03-21"),
        ("hôm qua", "2024-03-24"),
        ("sáng nay", "2024-03-25"),
        ("tối qua", "2024-03-24"),
        ("ngày mai", "2024-03-26"),
        ("tuần trước", ["2024-03-18", "2024-03-24"]),
        ("tuần qua", ["2024-03-18", "2024-03-25"]),
        ("tuần tới", ["2024-04-01", "2024-04-07"]),
        ("đầu tháng này", ["2024-03-01", "2024-03-10"]),
        ("cuối tháng trước", ["2024-02-21", "2024-02-29"]),
        ("tháng 9 năm ngoái", ["2023-09-01", "2023-09-30"]),
        ("tháng 10/2023", ["2023-10-01", "2023-10-31"]),
        ("vào tháng 5 tới", ["2024-05-01", "2024-05-31"]),
        ("vào tháng 11", ["2023-11-01", "2023-11-30"]),  # no year: the last November
        ("hồi tháng Chín vừa qua", ["2023-09-01", "2023-09-30"]),
        ("từ ngày 14/3", ["2024-03-14", "2024-03-25"]),  # since: up to the article's day
        ("từ 11 đến hết 13/3", ["2024-03-11", "2024-03-13"]),
        ("từ ngày 11 đến hết ngày 13/4", ["2024-04-11", "2024-04-13"]),  # nearest: weeks ahead
        ("21-23/3", ["2024-03-21", "2024-03-23"]),
        ("từ 28/2 đến 2/3", ["2024-02-28", "2024-03-02"]),
        ("năm 2024", ["2024-01-01", "2024-12-31"]),
        ("năm ngoái", ["2023-01-01", "2023-12-31"]),
        ("quý 1/2024", ["2024-01-01", "2024-03-31"]),
        ("hai ngày trước", "2024-03-23"),
        ("3 tuần trước", ["2024-03-04", "2024-03-10"]),
        ("thứ Sáu", "2024-03-22"),  # the last Friday
        ("thứ Hai", "2024-03-25"),  # the article's own Monday
        ("Chủ nhật tuần trước", "2024-03-24"),
        ("thứ Năm tuần tới", "2024-04-04"),
        ("thứ 6 tới", "2024-03-29"),
    ],
)
def test_expressions_resolve_against_the_article_date(
    grammar: TimeGrammar, text: str, expected: object
) -> None:
    assert when(grammar, text) == expected


def test_weekday_glossed_by_a_date_is_one_expression(grammar: TimeGrammar) -> None:
    found = find(grammar, "Thứ Năm (21/3), hai bên đã hội đàm")
    assert len(found) == 1 and found[0].form.kind == "date"
    assert when(grammar, "Thứ Năm (21/3), hai bên") == "2024-03-21"


def test_anaphora_points_at_the_last_date_given(grammar: TimeGrammar) -> None:
    last = DateRange.day(date(2024, 3, 21))
    assert when(grammar, "Cùng ngày, ông Kim", last_day=last) == "2024-03-21"
    assert when(grammar, "hôm đó", last_day=last) == "2024-03-21"
    assert when(grammar, "ngày hôm sau", last_day=last) == "2024-03-22"
    assert when(grammar, "hai ngày sau đó", last_day=last) == "2024-03-23"
    november = DateRange(date(2023, 11, 1), date(2023, 11, 30))
    assert when(grammar, "tháng 12 cùng năm", last_any=november) == ["2023-12-01", "2023-12-31"]
    assert when(grammar, "cùng ngày") is None  # no antecedent: no invented day


def test_until_runs_from_the_last_date_given(grammar: TimeGrammar) -> None:
    last = DateRange.day(date(2024, 4, 8))
    anchor = DateRange(date(2024, 4, 8), date(2024, 4, 10))
    assert when(grammar, "kéo dài đến ngày 9/4", anchor, last_day=last) == ["2024-04-08", "2024-04-09"]


def test_year_inference_prefers_the_past_unless_planned(grammar: TimeGrammar) -> None:
    anchor = DateRange.day(date(2024, 1, 19))
    assert when(grammar, "ngày 28/12", anchor) == "2023-12-28"
    assert when(grammar, "ngày 17/1", anchor) == "2024-01-17"
    assert (
        when(grammar, "ngày 5/11", DateRange.day(date(2024, 10, 31))) == "2024-11-05"
    )  # days ahead, not a year back
    assert when(grammar, "ngày 25/1", anchor, future=True) == "2024-01-25"
    assert when(grammar, "ngày 10/1", anchor, future=True) == "2024-01-10"  # planned but already past
    assert when(grammar, "vào tháng 2", anchor, future=True) == ["2024-02-01", "2024-02-29"]
    assert when(grammar, "vào tháng 2", anchor) == ["2023-02-01", "2023-02-28"]


def test_published_range_and_missing_dates(grammar: TimeGrammar) -> None:
    published = DateRange(date(2024, 4, 11), date(2024, 4, 13))
    assert when(grammar, "Ngày 11/4", published) == "2024-04-11"
    assert when(grammar, "hôm qua", published) == ["2024-04-10", "2024-04-12"]
    # Without any publication date only fully written dates resolve.
    assert when(grammar, "ngày 11/4", None) is None
    assert when(grammar, "hôm qua", None) is None
    assert when(grammar, "ngày 11/4/2024", None) == "2024-04-11"


@pytest.mark.parametrize(
    "text",
    [
        "trong những năm gần đây",
        "hơn sáu năm qua",
        "Trong vòng một năm qua",
        "thời gian qua",
        "kể từ năm 2015",
    ],
)
def test_vague_spans_are_marked_not_dated(grammar: TimeGrammar, text: str) -> None:
    found = find(grammar, text)
    assert [m.vague for m in found] == [True]
    assert grammar.resolve(found[0], MON_25_MAR_2024) is None


@pytest.mark.parametrize(
    "text",
    [
        "tỷ lệ 3/4 số phiếu",  # a fraction, not a day
        "giá 66.000 - 76.000 đồng/kg",
        "nhân vật quyền lực đứng thứ 4",  # "fourth", not Wednesday
        "lần thứ năm",
        "thứ hai là vấn đề an ninh",  # "secondly"
        "những tháng năm gian khó",  # lower-case "năm" is not May
        "hai ngày sau khi Washington công bố",  # relative to another event, not to the article
    ],
)
def test_lookalikes_are_not_dates(grammar: TimeGrammar, text: str) -> None:
    assert [m.form.kind for m in find(grammar, text)] == []


def test_local_time_notes_are_dropped(grammar: TimeGrammar) -> None:
    text = "vào ngày 17/1 (giờ địa phương), Bộ trưởng"
    found = find(grammar, text)
    assert [m.form.kind for m in found] == ["date"]
    assert text[found[0].start : found[0].end].endswith("(giờ địa phương)")


def test_offsets_point_into_the_text(grammar: TimeGrammar) -> None:
    text = "Ông Triệu Lạc Tế dự kiến thăm Triều Tiên từ ngày 11 đến hết ngày 13/4."
    (found,) = find(grammar, text)
    assert text[found.start : found.end] == "từ ngày 11 đến hết ngày 13/4"
    assert grammar.find(key_of(text), start=0, end=20, text=text) == []


def test_vocabulary_schema_errors() -> None:
    data = load_toml("thoisu.lang.vi.data", "time.toml")
    broken = {**data, "months": {"một": 1}}
    with pytest.raises(ResourceError, match="months"):
        parse_time_vocabulary(broken)
    broken = {**data, "period_modifiers": {"này": "soon"}}
    with pytest.raises(ResourceError, match="period_modifiers"):
        parse_time_vocabulary(broken)


@pytest.mark.parametrize(
    "text",
    [
        "Chuyến thăm diễn ra hơn một tháng sau khi ông thăm Matxcơva.",
        "Chỉ vài giờ trước khi ông lên đường, Bình Nhưỡng phóng tên lửa.",
        "Hai tuần sau khi nhậm chức, ông tới Bắc Kinh.",
    ],
)
def test_distance_to_another_event_is_not_a_date(grammar: TimeGrammar, text: str) -> None:
    # "tháng sau"/"tuần sau" inside "N tháng sau khi" is not next month: nothing here dates an event.
    assert [m for m in find(grammar, text) if not m.vague] == []


def test_next_month_still_read_without_khi(grammar: TimeGrammar) -> None:
    found = find(grammar, "Ông sẽ thăm Nhật Bản vào tháng sau.")
    assert len(found) == 1 and not found[0].vague


def test_tới_before_a_name_marks_a_destination_not_the_future(grammar: TimeGrammar) -> None:
    assert find(grammar, "Ông đã có chuyến thăm hai ngày tới Ba Lan.") == []
    assert when(grammar, "Ông sẽ trở lại trong hai ngày tới.") is not None  # the future reading stays


def test_a_part_of_the_day_before_a_dashed_date(grammar: TimeGrammar) -> None:
    assert (
        when(grammar, "Nhật Bản bắt đầu xả nước thải ra biển trưa 24-8, Trung Quốc phản đối.") == "2023-08-24"
    )


# -- the grammar split by first word (a speed-up that must not change a single match) ---------------

_PIECES = (
    "ngày hôm tháng năm tuần quý thứ chủ nhật cn nay qua mai kia giờ sáng chiều tối trưa đêm rạng khuya "
    "vào hồi trong ngay từ kể hết trước sau đầu giữa cuối suốt hơn gần khoảng kéo dài đến tới nhiều vài "
    "mấy hàng chục một hai ba bốn năm sáu bảy tám chín mười cùng đó này vừa ngoái đây lại khi "
    "hai iv iii ông Bộ trưởng Hai Năm Chín Bảy Tư địa phương theo giờ 1 3 9 12 21 2024 2023 / - . , ( ) :"
).split()


def _same_match(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    groups = {k: (v, a.span(k)) for k, v in a.groupdict().items() if v is not None}
    return (
        a.span() == b.span()
        and a.lastgroup == b.lastgroup
        and groups == {k: (v, b.span(k)) for k, v in b.groupdict().items() if v is not None}
    )


def _agree_everywhere(grammar: TimeGrammar, text: str) -> None:
    """At every word start (and every bracket before one), the split grammar matches as the whole does."""
    whole = _compile(_alternatives(grammar.vocabulary))
    dispatch = grammar._dispatch
    key = key_of(text)
    for match in re.finditer(r"\w+", key):
        begins = [match.start()] + (
            [match.start() - 1] if match.start() and key[match.start() - 1] == "(" else []
        )
        for begin in begins:
            pattern = dispatch.pattern(key, begin, match.group())
            expected = whole.match(key, begin)
            got = pattern.match(key, begin) if pattern is not None else None
            assert _same_match(expected, got), (text, key[begin:])


@given(st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join))
def test_the_split_grammar_matches_as_the_whole_does(text: str) -> None:
    _agree_everywhere(load_time_grammar(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Sáng nay (21/6), hôm 27/9, tháng 9 năm ngoái, từ 11 đến hết 13/4, hồi tháng Chín vừa qua.",
        "Thứ Hai (21/3) và Chủ nhật tuần trước; quý III/2024, quý iv năm nay, 3 tuần trước đó.",
        "Lúc 10 giờ (giờ địa phương) ngày 21 tháng 3 năm 2024, kéo dài đến ngày 9/4.",
        "Hơn một tháng sau khi ông thăm Matxcơva, trong những năm gần đây, cùng ngày.",
    ],
)
def test_the_split_grammar_agrees_on_news_phrasing(grammar: TimeGrammar, text: str) -> None:
    _agree_everywhere(grammar, text)


def test_first_words_are_read_from_the_pattern() -> None:
    assert _first_words(r"(?:(?:vào|hồi)\s+)?tháng\s+\d{1,2}") == frozenset({"vào", "hồi", "tháng"})
    assert _first_words(r"quý\s+(?:iv|i{1,3})") == frozenset({"quý"})
    assert _first_words(r"\(?\s?giờ") == frozenset({"", "giờ"})  # "": a start on a bracket or a space
    assert _first_words(r"\d{1,2}/\d{1,2}") == frozenset({_DIGITS})
    # What cannot be spelled out keeps the alternative everywhere.
    assert _first_words(r"[a-z]+ngày") is None
    assert _first_words(r"(?i:ngày)") is None
    assert _first_words(r"g\d") is None
