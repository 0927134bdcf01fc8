"""A Vietnamese temporal grammar that dates events against the article's date.

News dates events with short forms a general date parser misses or misreads:
"ngày 21/3" (no year), "hôm 27/9", "(21/6)", "sáng nay", "tối qua", "tuần
trước", "đầu tháng này", "tháng 9 năm ngoái", "vào tháng 5 tới", "từ 11 đến
hết 13/4", "hồi tháng Chín vừa qua", "thứ Hai", and anaphora such as "cùng
ngày" that point back to the last date the article gave. This module finds
those expressions with one precompiled regular expression over the article's
matching key and resolves them to a :class:`~thoisu.model.DateRange`.

Resolution never invents precision: "tháng 9" is the whole month, "tuần qua"
the last seven days; a day and month without a year take the year that puts
them nearest before the article's date (after it only for planned events); an
article without any publication date or range resolves only fully written
dates. The vocabulary lives in ``lang/vi/data/time.toml``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import import_module
from types import MappingProxyType
from typing import Any, Final, Literal

from thoisu.errors import ResourceError
from thoisu.events.args import Tokens
from thoisu.lang.resource import load_toml
from thoisu.lang.vi.triggers import key_of
from thoisu.model import DateRange

Kind = Literal[
    "date",  # a day: D/M[/Y], "ngày 21 tháng 3 năm 2024"
    "range",  # "từ 11 đến hết 13/4", "21-23/3"
    "since",  # "từ ngày 14/1": from that day to the article's date
    "until",  # "đến ngày 9/4": from the last date given to that day
    "month",  # "tháng 9", "tháng 10/2023", "đầu tháng 9 năm ngoái"
    "quarter",  # "quý 1/2024"
    "year",  # "năm 2024"
    "period",  # "tuần trước", "tháng này", "đầu năm nay"
    "deictic",  # "hôm qua", "sáng nay", "tối qua"
    "ago",  # "hai ngày trước", "3 tuần trước", "một ngày sau đó"
    "weekday",  # "thứ Hai", "Chủ nhật tuần trước"
    "anaphora",  # "cùng ngày", "hôm đó", "cùng năm"
    "vague",  # "những năm gần đây", "hơn sáu năm qua": too vague to date an event
    "ignore",  # "(giờ địa phương)"
]
Basis = Literal["explicit", "relative", "anaphoric"]

_YEAR_PARTS: Final = {"early": (1, 3), "mid": (5, 8), "late": (10, 12)}
_MONTH_PARTS: Final = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_WEEK_PARTS: Final = {"early": (0, 1), "mid": (2, 4), "late": (5, 6)}
_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(slots=True, frozen=True)
class TimeForm:
    """A temporal expression as parsed, before it is resolved against an anchor.

    Only the fields its ``kind`` uses are set; see the kinds above.
    """

    kind: Kind
    day: int | None = None
    month: int | None = None
    year: int | None = None
    day2: int | None = None
    month2: int | None = None
    year2: int | None = None
    count: int = 0
    unit: str | None = None
    which: str | None = None
    part: str | None = None
    weekday: int | None = None
    year_shift: int | str | None = None
    anaphor: str | None = None
    from_last: bool = False

    # Written out: mypyc compiles an explicit ``__init__``; the generated one stays interpreted.
    def __init__(
        self,
        kind: Kind,
        day: int | None = None,
        month: int | None = None,
        year: int | None = None,
        day2: int | None = None,
        month2: int | None = None,
        year2: int | None = None,
        count: int = 0,
        unit: str | None = None,
        which: str | None = None,
        part: str | None = None,
        weekday: int | None = None,
        year_shift: int | str | None = None,
        anaphor: str | None = None,
        from_last: bool = False,
    ) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "day", day)
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "day2", day2)
        object.__setattr__(self, "month2", month2)
        object.__setattr__(self, "year2", year2)
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "which", which)
        object.__setattr__(self, "part", part)
        object.__setattr__(self, "weekday", weekday)
        object.__setattr__(self, "year_shift", year_shift)
        object.__setattr__(self, "anaphor", anaphor)
        object.__setattr__(self, "from_last", from_last)


@dataclass(slots=True, frozen=True)
class TimeMention:
    """A temporal expression found in text: its character span and its parsed form."""

    start: int
    end: int
    form: TimeForm

    def __init__(self, start: int, end: int, form: TimeForm) -> None:  # see TimeForm
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "form", form)

    @property
    def vague(self) -> bool:
        """Whether it names a period too vague to date an event."""
        return self.form.kind == "vague"

    @property
    def ignored(self) -> bool:
        """Whether it carries no date at all (clock-zone notes)."""
        return self.form.kind == "ignore"

    @property
    def explicit_future(self) -> bool:
        """Whether the words themselves point forward ("tháng 5 tới", "tuần sau")."""
        form = self.form
        return form.which == "next" or form.year_shift in ("next", 1) or form.unit == "future"


@dataclass(slots=True, frozen=True)
class Resolved:
    """A resolved expression: the days it covers and how they were found."""

    when: DateRange
    basis: Basis

    def __init__(self, when: DateRange, basis: Basis) -> None:  # see TimeForm
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "basis", basis)


@dataclass(slots=True, frozen=True)
class TimeVocabulary:
    """Words the grammar is built from (``time.toml``), folded to the matching key."""

    version: str
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    sunday: tuple[str, ...]
    numbers: Mapping[str, int]
    day_parts: tuple[str, ...]
    deictic_days: Mapping[str, int]
    day_part_suffix: Mapping[str, int]
    period_modifiers: Mapping[str, str]
    period_parts: Mapping[str, str]
    month_year_modifiers: Mapping[str, int | str]
    anaphora: Mapping[str, tuple[str, ...]]
    vague: tuple[str, ...]
    multi_units: tuple[str, ...]
    ignore: tuple[str, ...]


def _alt(words: Any) -> str:
    """A regex alternation of folded words, longest first, spaces matching any whitespace run."""
    folded = sorted({key_of(str(word)).strip() for word in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in folded if word)


def _int_table(data: Any, name: str, section: str) -> dict[str, int]:
    if not isinstance(data, dict):
        raise ResourceError(f"{name}: missing [{section}] table")
    table: dict[str, int] = {}
    for word, value in data.items():
        if isinstance(value, int) and not isinstance(value, bool):
            table[key_of(word).strip()] = value
    return table


def _words(data: Any, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
        raise ResourceError(f"{name}: {where} must be a list of strings")
    return tuple(key_of(item).strip() for item in data)


def parse_time_vocabulary(data: Mapping[str, Any], name: str = "time.toml") -> TimeVocabulary:
    """Validate parsed ``time.toml`` data.

    Raises:
        ResourceError: Naming the table at fault.
    """
    months = _int_table(data.get("months"), name, "months")
    if sorted(set(months.values())) != list(range(1, 13)):
        raise ResourceError(f"{name}: [months] must name every month 1..12")
    weekdays_raw = data.get("weekdays")
    if not isinstance(weekdays_raw, dict):
        raise ResourceError(f"{name}: missing [weekdays] table")
    weekdays = _int_table(weekdays_raw, name, "weekdays")
    if sorted(set(weekdays.values())) != list(range(6)):
        raise ResourceError(f"{name}: [weekdays] must name Monday (0) to Saturday (5)")
    anaphora_raw = data.get("anaphora")
    if not isinstance(anaphora_raw, dict):
        raise ResourceError(f"{name}: missing [anaphora] table")
    anaphora = {kind: _words(words, name, f"anaphora.{kind}") for kind, words in anaphora_raw.items()}
    expected = {"same_day", "next_day", "previous_day", "same_month", "same_year"}
    if set(anaphora) != expected:
        raise ResourceError(f"{name}: [anaphora] must list exactly {sorted(expected)}")
    modifiers = data.get("period_modifiers")
    if not isinstance(modifiers, dict) or not set(modifiers.values()) <= {"this", "previous", "past", "next"}:
        raise ResourceError(f"{name}: [period_modifiers] values must be this/previous/past/next")
    parts = data.get("period_parts")
    if not isinstance(parts, dict) or not set(parts.values()) <= {"early", "mid", "late"}:
        raise ResourceError(f"{name}: [period_parts] values must be early/mid/late")
    month_year = data.get("month_year_modifiers")
    if not isinstance(month_year, dict) or not all(
        value in (-1, 0, 1, "same", "past", "next") for value in month_year.values()
    ):
        raise ResourceError(f"{name}: [month_year_modifiers] values must be -1/0/1/same/past/next")
    vague = data.get("vague")
    ignore = data.get("ignore")
    day_parts = data.get("day_parts")
    if not isinstance(vague, dict) or not isinstance(ignore, dict) or not isinstance(day_parts, dict):
        raise ResourceError(f"{name}: [vague], [ignore] and [day_parts] are required")
    return TimeVocabulary(
        version=str(data.get("version")),
        months=months,
        weekdays=weekdays,
        sunday=_words(weekdays_raw.get("sunday"), name, "weekdays.sunday"),
        numbers=_int_table(data.get("numbers"), name, "numbers"),
        day_parts=_words(day_parts.get("words"), name, "day_parts.words"),
        deictic_days=_int_table(data.get("deictic_days"), name, "deictic_days"),
        day_part_suffix=_int_table(data.get("day_part_suffix"), name, "day_part_suffix"),
        period_modifiers={key_of(k).strip(): str(v) for k, v in modifiers.items()},
        period_parts={key_of(k).strip(): str(v) for k, v in parts.items()},
        month_year_modifiers={key_of(k).strip(): v for k, v in month_year.items()},
        anaphora=anaphora,
        vague=_words(vague.get("phrases"), name, "vague.phrases"),
        multi_units=_words(vague.get("multi_units"), name, "vague.multi_units"),
        ignore=_words(ignore.get("phrases"), name, "ignore.phrases"),
    )


def _alternatives(v: TimeVocabulary) -> list[str]:
    """The grammar's alternatives, in priority order (the first that matches wins)."""
    month_word = _alt(v.months)
    number_word = _alt(v.numbers)
    day_part = _alt(v.day_parts)
    deictic = _alt(v.deictic_days)
    suffix = _alt(v.day_part_suffix)
    period_mod = _alt(v.period_modifiers)
    part = _alt(v.period_parts)
    month_year_mod = _alt(v.month_year_modifiers)
    anaphora = _alt(word for words in v.anaphora.values() for word in words)
    vague = _alt(v.vague)
    multi = _alt(v.multi_units)
    ignore = _alt(v.ignore)
    weekday_word = _alt(v.weekdays)
    sunday = _alt(v.sunday)
    lead = r"(?:(?:vào|hồi|trong|ngay|từ|kể từ)\s+)?"
    day_pre = rf"(?:(?:vào|hồi|hết|ngay|trước|sau|trong)\s+)?(?:(?:{day_part})\s+)?(?:hôm|ngày)\s+"
    d = r"\d{1,2}"
    sep = r"\s?/\s?"
    year = r"\d{4}"
    alternatives = [
        # Vague spans first: "trong năm qua" must not read as a period, "hơn sáu năm qua" not as "ago".
        rf"(?P<vague>(?:(?:trong|suốt|trong suốt|trong vòng)\s+)?(?:(?:hơn|gần|khoảng)\s+)?"
        rf"(?:(?:\d+|{number_word}|nhiều|vài|mấy|hàng chục)\s+(?:{multi})\s+(?:qua|gần đây|trở lại đây|nay)"
        rf"|{vague}))",
        rf"(?P<ignore>\(?\s?(?:{ignore})\s?\)?)",
        # "hơn một tháng sau khi X thăm Y": a distance between two events, not a date; matched whole
        # so that "tháng sau" inside it is not read as next month.
        rf"(?P<interval>(?:(?:hơn|gần|khoảng|chỉ|chưa đầy|chưa tới)\s+)?(?:\d{{1,3}}|{number_word}|vài|mấy)"
        rf"\s+(?:giờ|ngày|tuần|tháng|năm)\s+(?:sau|trước)\s+khi)",
        rf"(?P<range>(?:(?:kể\s+)?từ\s+)?(?:(?:hôm|ngày)\s+)?(?P<r_d1>{d})(?:{sep}(?P<r_m1>{d}))?(?:{sep}(?P<r_y1>{year}))?"
        rf"\s*(?:-|–|đến|tới)\s*(?:hết\s+)?(?:(?:hôm|ngày)\s+)?(?P<r_d2>{d}){sep}(?P<r_m2>{d})(?:{sep}(?P<r_y2>{year}))?)",
        rf"(?P<since>(?:kể\s+)?từ\s+(?:(?:hôm|ngày)\s+)?(?P<s_d>{d}){sep}(?P<s_m>{d})(?:{sep}(?P<s_y>{year}))?)",
        rf"(?P<until>(?:đến|tới|kéo dài đến)\s+(?:hết\s+)?(?:(?:hôm|ngày)\s+)?"
        rf"(?P<u_d>{d}){sep}(?P<u_m>{d})(?:{sep}(?P<u_y>{year}))?)",
        rf"(?P<dmy>(?:{day_pre}|(?:(?:vào|hồi)\s+)?(?:{day_part})\s+|(?P<dmy_open>\(\s?))?"
        rf"(?P<dmy_d>{d})\s?[/.\-]\s?(?P<dmy_m>{d})\s?[/.\-]\s?(?P<dmy_y>{year})(?(dmy_open)\s?\)?))",
        rf"(?P<dmyw>(?:{day_pre})(?P<w_d>{d})\s+tháng\s+(?P<w_m>{d}|{month_word})(?:\s*(?:năm\s+|/\s?)(?P<w_y>{year}))?)",
        rf"(?P<dm>(?:{day_pre}|(?:(?:vào|hồi)\s+)?(?:{day_part})\s+|(?P<dm_open>\(\s?))"
        rf"(?P<dm_d>{d}){sep}(?P<dm_m>{d})(?![\d/])(?(dm_open)\s?\)?))",
        rf"(?P<dmh>(?:{day_pre}|(?:(?:vào|hồi)\s+)?(?:{day_part})\s+)(?P<h_d>{d})-(?P<h_m>{d})(?![\d\-]))",
        rf"(?P<monthyear>{lead}(?:(?P<my_part>{part})\s+)?tháng\s+(?P<my_m>{d}|{month_word})\s?(?:/|-|\s+năm\s+)\s?(?P<my_y>{year}))",
        rf"(?P<month>{lead}(?:(?P<m_part>{part})\s+)?tháng\s+(?P<m_m>{d}|{month_word})(?:\s+(?P<m_rel>{month_year_mod}))?)",
        rf"(?P<quarter>{lead}quý\s+(?P<q>[1-4]|iv|i{{1,3}})(?:\s?(?:/|năm)\s?(?P<q_y>{year})|\s+(?P<q_rel>{month_year_mod}))?)",
        rf"(?P<ago>(?P<a_n>\d{{1,3}}|{number_word})\s+(?P<a_unit>ngày|tuần|tháng|năm)\s+(?P<a_dir>trước|sau|qua|tới)(?P<a_that>\s+đó)?(?!\s+khi))",
        rf"(?P<year>{lead}(?:(?P<y_part>{part})\s+)?năm\s+(?P<y_y>{year}))",
        rf"(?P<anaphora>(?:{anaphora}))",
        rf"(?P<period>{lead}(?:(?P<p_part>{part})\s+)?(?P<p_unit>tuần|tháng|năm)(?:\s+(?P<p_which>{period_mod}))?)",
        rf"(?P<deictic>(?:(?:{day_part})\s+)?(?P<d_word>{deictic}))",
        rf"(?P<partday>(?P<pd_part>{day_part})\s+(?P<pd_suffix>{suffix}))",
        rf"(?P<weekday>(?:(?:vào|hôm|ngày|{day_part})\s+)?(?P<wd_word>thứ\s+(?P<wd>{weekday_word})|{sunday})"
        r"(?:\s+(?P<wd_rel>tuần\s+trước|tuần\s+qua|tuần\s+này|tuần\s+tới|tuần\s+sau|vừa\s+qua|tới|này|trước))?)",
    ]
    return alternatives


def _compile(alternatives: Sequence[str]) -> re.Pattern[str]:
    """One pattern trying ``alternatives`` in order, on word boundaries."""
    body = "|".join(alternatives)
    return re.compile(rf"(?<![\w/])(?:{body})(?![\w/])")


# -- dispatch on the first word -------------------------------------------------------------------
#
# The grammar is tried at a few word starts per sentence, and most tries fail; a failing try still
# walks every alternative. Which alternatives can match at all depends on the word the match starts
# with, so the grammar is split once, at load time, into one pattern per first word holding only
# those alternatives, in their order: the first alternative that matches is the same, and so is the
# match. Words of digits share one pattern, and so do starts on a bracket.
#
# The first words come from the parse tree of each alternative (``re._parser``, the parser ``re``
# itself uses): the literal word characters a match can begin with, up to the first character that
# is not a word character. Whatever the walk below cannot spell out (a class of letters repeated
# without bound, a case-insensitive group ...) makes the alternative's first word unknown, which
# keeps it in every pattern.

# ``re`` ships its parser as private modules that typeshed does not describe: typed loosely here.
_parser: Any = import_module("re._parser")
_constants: Any = import_module("re._constants")
_DIGITS: Final = "\x00"  # stands for a first word that starts with a digit
_Parts = set[tuple[str, bool]]  # (the first word's characters read so far, whether it has ended)
_PARTS_LIMIT: Final = 5000  # more ways to begin than this: unknown
_REPEAT_LIMIT: Final = 8  # a repeat not settled after this many rounds: unknown
_RANGE_LIMIT: Final = 512  # wider character ranges: unknown
_EMPTY: Final[frozenset[tuple[str, bool]]] = frozenset({("", False)})


def _char_parts(chars: Sequence[str]) -> _Parts:
    """What reading one of ``chars`` does to the first word."""
    parts: _Parts = set()
    for char in chars:
        if char.isdecimal():  # what ``\d`` matches
            parts.add((_DIGITS, True))
        elif char.isalnum() or char == "_":  # what ``\w`` matches
            parts.add((char, False))
        else:
            parts.add(("", True))
    return parts


def _then(current: _Parts, parts: _Parts) -> _Parts | None:
    """The ways to begin after reading ``current`` and then ``parts``."""
    result: _Parts = set()
    for word, ended in current:
        if ended:
            result.add((word, ended))
            continue
        for more, ends in parts:
            if more == _DIGITS:
                if word:
                    return None  # digits inside a word of letters: not a word the table can name
                result.add((_DIGITS, True))
            else:
                result.add((word + more, ends))
    return result if len(result) <= _PARTS_LIMIT else None


def _parts_of(op: Any, av: Any) -> _Parts | None:
    """The ways one parsed element can begin the first word (None: unknown)."""
    if op is _constants.LITERAL:
        return _char_parts([chr(av)])
    if op is _constants.IN:
        parts: _Parts = set()
        for item_op, item_av in av:
            if item_op is _constants.LITERAL:
                parts |= _char_parts([chr(item_av)])
            elif item_op is _constants.RANGE and item_av[1] - item_av[0] <= _RANGE_LIMIT:
                parts |= _char_parts([chr(code) for code in range(item_av[0], item_av[1] + 1)])
            elif item_op is _constants.CATEGORY and item_av is _constants.CATEGORY_DIGIT:
                parts.add((_DIGITS, True))
            elif item_op is _constants.CATEGORY and item_av in (
                _constants.CATEGORY_SPACE,
                _constants.CATEGORY_NOT_WORD,
            ):
                parts.add(("", True))  # characters that end a word
            else:  # a negated set, word characters at large ...
                return None
        return parts
    if op is _constants.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _sequence_parts(av[3])
    if op is _constants.ATOMIC_GROUP:
        return _sequence_parts(av)
    if op is _constants.BRANCH:
        union: _Parts = set()
        for branch in av[1]:
            found = _sequence_parts(branch)
            if found is None:
                return None
            union |= found
        return union
    if op is _constants.GROUPREF_EXISTS:
        yes = _sequence_parts(av[1])
        no = _sequence_parts(av[2]) if av[2] is not None else set(_EMPTY)
        return None if yes is None or no is None else yes | no
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        return _repeat_parts(av[0], av[1], av[2])
    if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
        return set(_EMPTY)  # zero-width: what follows decides (a superset is safe)
    return None  # any character, a back reference ...


def _repeat_parts(low: int, high: int, items: Any) -> _Parts | None:
    once = _sequence_parts(items)
    if once is None:
        return None
    union: _Parts = set(_EMPTY) if low == 0 else set()
    rounds: _Parts | None = set(_EMPTY)
    for count in range(1, _REPEAT_LIMIT + 1):
        assert rounds is not None
        previous = rounds
        rounds = _then(rounds, once)
        if rounds is None:
            return None
        if count >= low:
            union |= rounds
        if count >= high or (rounds == previous and count >= low):
            return union  # every later round reads the same
    return None


def _sequence_parts(items: Any) -> _Parts | None:
    current: _Parts | None = set(_EMPTY)
    for op, av in items:
        parts = _parts_of(op, av)
        if parts is None or current is None:
            return None
        current = _then(current, parts)
        if current is None or all(ended for _, ended in current):
            break
    return current


def _first_words(alternative: str) -> frozenset[str] | None:
    """The first words a match of ``alternative`` can have, or None when they cannot be told.

    "" stands for a start on a non-word character, ``_DIGITS`` for a word of digits.
    """
    parsed = _parser.parse(alternative)
    if parsed.state.flags & re.IGNORECASE:
        return None
    parts = _sequence_parts(parsed)
    return None if parts is None else frozenset(word for word, _ in parts)


@dataclass(slots=True, frozen=True)
class _Dispatch:
    """The grammar split by the first word of a match (``None``: no alternative can start there)."""

    by_word: Mapping[str, re.Pattern[str] | None]
    other_word: re.Pattern[str] | None  # a word no alternative names
    digits: re.Pattern[str] | None  # a word of digits
    bracket: re.Pattern[str] | None  # a start on a non-word character (an opening bracket)
    # The plain dictionary behind ``by_word`` (compiled, a mapping's ``get`` is a call by name).
    _by_word: dict[str, re.Pattern[str] | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_word", dict(self.by_word))

    @classmethod
    def of(cls, alternatives: Sequence[str]) -> _Dispatch:
        firsts = [_first_words(alternative) for alternative in alternatives]
        compiled: dict[tuple[int, ...], re.Pattern[str] | None] = {}

        def admitting(token: str | None) -> re.Pattern[str] | None:
            chosen = tuple(
                i for i, words in enumerate(firsts) if words is None or (token is not None and token in words)
            )
            if chosen not in compiled:  # words admitting the same alternatives share one pattern
                compiled[chosen] = _compile([alternatives[i] for i in chosen]) if chosen else None
            return compiled[chosen]

        named = set().union(*(words for words in firsts if words is not None)) - {"", _DIGITS}
        return cls(
            MappingProxyType({word: admitting(word) for word in sorted(named)}),
            admitting(None),
            admitting(_DIGITS),
            admitting(""),
        )

    def pattern(self, key: str, begin: int, word: str) -> re.Pattern[str] | None:
        """The pattern to try at ``begin``, where ``word`` starts (or right before it, on a bracket)."""
        if key[begin] != word[0]:
            return self.bracket
        if word[0].isdecimal():
            return self.digits
        return self._by_word.get(word, self.other_word)


_WORD: Final = re.compile(r"\w+")
_SINCE: Final = re.compile(r"(?:kể\s+)?từ\s")
_LOOKBACK: Final = (
    5  # words of prefix ("vào sáng hôm", "trong vòng hơn") an expression may start before its anchor
)
_ANCHORS: Final = (
    "ngày",
    "hôm",
    "tháng",
    "năm",
    "tuần",
    "thứ",
    "chủ",
    "cn",
    "nay",
    "qua",
    "mai",
    "kia",
    "quý",
    "giờ",
)
_STARTS: Final = (
    "vào", "hồi", "trong", "ngay", "từ", "kể", "hết", "trước", "sau", "đầu", "giữa", "cuối", "suốt",
    "hơn", "gần", "khoảng", "kéo", "đến", "tới", "nhiều", "vài", "mấy", "hàng",
)  # fmt: skip


def _anchor_words(v: TimeVocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """Anchor words (one of which every expression contains) and the words an expression may start with."""
    anchors = set(_ANCHORS)
    starts = set(_ANCHORS) | set(_STARTS)
    phrases = (*v.vague, *v.ignore, *(w for words in v.anaphora.values() for w in words), *v.deictic_days)
    for phrase in phrases:
        words = phrase.split()
        if not any(word in anchors for word in words):
            anchors.add(words[-1])
        starts.add(words[0])
    for phrase in (*v.day_parts, *v.numbers, *v.sunday):
        starts.add(phrase.split()[0])
    return frozenset(anchors), frozenset(starts)


def _number(token: str, vocab: TimeVocabulary) -> int | None:
    token = " ".join(token.split())
    if token.isdigit():
        return int(token)
    return vocab.numbers.get(token)


def _month(token: str, vocab: TimeVocabulary) -> int | None:
    token = " ".join(token.split())
    value = int(token) if token.isdigit() else vocab.months.get(token)
    return value if value is not None and 1 <= value <= 12 else None


class TimeGrammar:
    """Finds and resolves temporal expressions.

    Args:
        vocabulary: The words the grammar is built from; see :func:`load_time_grammar`.
    """

    def __init__(self, vocabulary: TimeVocabulary) -> None:
        self.vocabulary = vocabulary
        self._dispatch = _Dispatch.of(_alternatives(vocabulary))
        self._anchors, self._starts = _anchor_words(vocabulary)

    # -- finding ------------------------------------------------------------------------------

    def find(
        self,
        key: str,
        start: int = 0,
        end: int | None = None,
        text: str | None = None,
        words: Tokens | None = None,
    ) -> list[TimeMention]:
        """Temporal expressions in ``key[start:end]``.

        Args:
            key: The matching key of the text (see :func:`thoisu.lang.vi.triggers.key_of`).
            start: Where to start looking.
            end: Where to stop.
            text: The original text, for the capitalisation checks that tell "thứ Hai" (Monday)
                from "thứ hai" (second) and "tháng Năm" (May) from "tháng năm" (months and years).
            words: The words of ``key[start:end]`` when the caller has them already.
        """
        end = len(key) if end is None else end
        found: list[TimeMention] = []
        if words is None:
            spans = [m.span() for m in _WORD.finditer(key, start, end)]
            words = Tokens([a for a, _ in spans], [b for _, b in spans], _WORD.findall(key, start, end))
        offsets, texts = words.starts, words.texts
        # Every expression contains an anchor word (a number, "ngày", "tháng", "nay", "cùng" ...).
        # Trying the grammar only at the few word starts just before anchors keeps this far
        # cheaper than scanning every character with the whole alternation.
        anchors, may_start = self._anchors, self._starts
        position = start
        dispatch = self._dispatch
        tried: dict[int, re.Match[str] | None] = {}  # begin -> match: anchors close together share starts
        for index in range(len(texts)):
            word = texts[index]
            if word not in anchors and not word[0].isdigit():
                continue
            anchor_start = offsets[index]
            if anchor_start < position:
                continue
            # The anchor itself, and the words before it an expression may start with.
            low = index - _LOOKBACK if index > _LOOKBACK else 0
            firsts: list[int] = []
            for first in range(low, index):
                before = texts[first]
                if before in may_start or before[0].isdigit():
                    firsts.append(first)
            firsts.append(index)
            for first in firsts:
                candidate, candidate_word = offsets[first], texts[first]
                if candidate < position:
                    continue
                begin = candidate - 1 if candidate > position and key[candidate - 1] == "(" else candidate
                if begin in tried:
                    match = tried[begin]
                else:
                    pattern = dispatch.pattern(key, begin, candidate_word)
                    match = tried[begin] = pattern.match(key, begin, end) if pattern is not None else None
                if match is None:
                    continue
                match_end = match.end()
                if match_end <= anchor_start:
                    continue
                if match.lastgroup == "interval":
                    position = match_end  # swallowed: it neither dates nor lets "tháng sau" match
                    break
                form = self._form(match, text)
                if form is None:
                    continue
                found.append(TimeMention(match.start(), match_end, form))
                position = match_end
                break
        return _merge_adjacent(found, key)

    def _form(self, match: re.Match[str], text: str | None) -> TimeForm | None:
        v = self.vocabulary
        kind = match.lastgroup
        g = match.group
        if kind == "vague":
            return TimeForm("vague")
        if kind == "ignore":
            return TimeForm("ignore")
        if kind == "range":
            m2 = _month(g("r_m2"), v)
            m1 = _month(g("r_m1"), v) if g("r_m1") else m2
            d1, d2 = int(g("r_d1")), int(g("r_d2"))
            if m1 is None or m2 is None or not (1 <= d1 <= 31 and 1 <= d2 <= 31):
                return None
            y2 = int(g("r_y2")) if g("r_y2") else None
            y1 = int(g("r_y1")) if g("r_y1") else None
            return TimeForm("range", day=d1, month=m1, year=y1, day2=d2, month2=m2, year2=y2)
        if kind in ("since", "until", "dmy", "dm", "dmh"):
            prefix = {"since": "s", "until": "u", "dmy": "dmy", "dm": "dm", "dmh": "h"}[kind]
            day = int(g(f"{prefix}_d"))
            month = _month(g(f"{prefix}_m"), v)
            year_group = {"since": "s_y", "until": "u_y", "dmy": "dmy_y"}.get(kind)
            year = int(g(year_group)) if year_group and g(year_group) else None
            if month is None or not 1 <= day <= 31:
                return None
            mapped: Kind = "since" if kind == "since" else "until" if kind == "until" else "date"
            return TimeForm(mapped, day=day, month=month, year=year)
        if kind == "dmyw":
            day = int(g("w_d"))
            month = _month(g("w_m"), v)
            if month is None or not 1 <= day <= 31:
                return None
            return TimeForm("date", day=day, month=month, year=int(g("w_y")) if g("w_y") else None)
        if kind in ("monthyear", "month", "year", "quarter") and _SINCE.match(match.group()):
            return TimeForm("vague")  # "kể từ năm 2015", "từ tháng 12 năm ngoái": a span up to now
        if kind in ("monthyear", "month"):
            prefix = "my" if kind == "monthyear" else "m"
            token = g(f"{prefix}_m")
            if not token.isdigit() and text is not None and not text[match.start(f"{prefix}_m")].isupper():
                return None  # "tháng năm" (months and years) is not "tháng Năm" (May)
            month = _month(token, v)
            if month is None:
                return None
            part = v.period_parts.get(" ".join(g(f"{prefix}_part").split())) if g(f"{prefix}_part") else None
            if kind == "monthyear":
                return TimeForm("month", month=month, year=int(g("my_y")), part=part)
            rel = " ".join(g("m_rel").split()) if g("m_rel") else None
            shift = v.month_year_modifiers.get(rel) if rel else None
            return TimeForm("month", month=month, part=part, year_shift=shift)
        if kind == "quarter":
            q_token = g("q")
            quarter = int(q_token) if q_token.isdigit() else _ROMAN.get(q_token)
            if quarter is None:
                return None
            rel = " ".join(g("q_rel").split()) if g("q_rel") else None
            return TimeForm(
                "quarter",
                month=quarter,
                year=int(g("q_y")) if g("q_y") else None,
                year_shift=v.month_year_modifiers.get(rel) if rel else None,
            )
        if kind == "ago":
            count = _number(g("a_n"), v)
            if count is None:
                return None
            direction = g("a_dir")
            if direction == "tới" and text is not None and text[match.end() :].lstrip()[:1].isupper():
                return None  # "chuyến thăm hai ngày tới Ba Lan": "tới" marks where, not when
            unit = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"}[g("a_unit")]
            which = {"trước": "previous", "sau": "next", "tới": "next", "qua": "past"}[direction]
            return TimeForm("ago", count=count, unit=unit, which=which, from_last=bool(g("a_that")))
        if kind == "year":
            part = v.period_parts.get(" ".join(g("y_part").split())) if g("y_part") else None
            return TimeForm("year", year=int(g("y_y")), part=part)
        if kind == "anaphora":
            words = " ".join(g("anaphora").split())
            for anaphor, forms in v.anaphora.items():
                if words in forms:
                    return TimeForm("anaphora", anaphor=anaphor)
            return None
        if kind == "period":
            period_part = v.period_parts.get(" ".join(g("p_part").split())) if g("p_part") else None
            which_word = " ".join(g("p_which").split()) if g("p_which") else None
            period_which = v.period_modifiers.get(which_word) if which_word else None
            if period_which is None and period_part is None:
                return None  # a bare "tháng", "năm" is a noun, not a date
            unit = {"tuần": "week", "tháng": "month", "năm": "year"}[g("p_unit")]
            if unit == "year" and which_word == "ngoái":
                period_which = "previous"
            return TimeForm("period", unit=unit, which=period_which or "this", part=period_part)
        if kind == "deictic":
            return TimeForm("deictic", count=v.deictic_days[" ".join(g("d_word").split())])
        if kind == "partday":
            return TimeForm("deictic", count=v.day_part_suffix[" ".join(g("pd_suffix").split())])
        if kind == "weekday":
            day_token = g("wd")
            weekday = 6 if day_token is None else v.weekdays.get(" ".join(day_token.split()))
            if weekday is None:
                return None
            prefixed = match.start("wd_word") > match.start()
            if not prefixed:
                head = match.start("wd") if day_token is not None else match.start("wd_word")
                if day_token is not None and day_token.isdigit() and not g("wd_rel"):
                    return None  # "thứ 4" without "vào"/"hôm"/"ngày" is "fourth" ("đứng thứ 4")
                if text is not None and not (text[head].isupper() or text[head].isdigit()):
                    return None  # "thứ hai" (second), "lần thứ năm" (fifth time)
            rel = " ".join(g("wd_rel").split()) if g("wd_rel") else None
            return TimeForm("weekday", weekday=weekday, which=rel)
        return None

    # -- resolving ----------------------------------------------------------------------------

    def resolve(
        self,
        mention: TimeMention | TimeForm,
        anchor: DateRange | None,
        last_day: DateRange | None = None,
        last_any: DateRange | None = None,
        future: bool = False,
    ) -> Resolved | None:
        """Resolve an expression to the days it covers.

        Args:
            mention: The expression (or its parsed form).
            anchor: The article's publication day, or the range it was published in.
            last_day: The last day (or short range) the article gave before: "cùng ngày" points there.
            last_any: The last date of any size the article gave: "cùng năm" points there.
            future: Prefer a date after the anchor when the year is not written (planned events).

        Returns:
            The range with its basis, or ``None`` when the expression cannot be dated (vague,
            ignored, relative without an anchor, anaphoric without an antecedent).
        """
        form = mention.form if isinstance(mention, TimeMention) else mention
        try:
            return self._resolve(form, anchor, last_day, last_any, future)
        except (ValueError, OverflowError):
            return None  # an impossible day such as 31/2

    def _resolve(
        self,
        form: TimeForm,
        anchor: DateRange | None,
        last_day: DateRange | None,
        last_any: DateRange | None,
        future: bool,
    ) -> Resolved | None:
        kind = form.kind
        if kind in ("vague", "ignore"):
            return None
        if kind == "date":
            assert form.day is not None and form.month is not None
            day = _day(form.day, form.month, form.year, anchor, future)
            return Resolved(DateRange.day(day), "explicit") if day else None
        if kind == "range":
            assert form.day is not None and form.month is not None and form.day2 is not None
            assert form.month2 is not None
            last = _day(form.day2, form.month2, form.year2, anchor, future)
            if last is None:
                return None
            year = form.year if form.year is not None else last.year
            first = date(year, form.month, form.day)
            if first > last and form.year is None:
                first = date(year - 1, form.month, form.day)
            if first > last:
                return None
            return Resolved(DateRange(first, last), "explicit")
        if kind == "since":
            assert form.day is not None and form.month is not None
            since = _day(form.day, form.month, form.year, anchor, future)
            if since is None:
                return None
            until = anchor.last if anchor is not None and anchor.last > since else since
            return Resolved(DateRange(since, until), "explicit")
        if kind == "until":
            assert form.day is not None and form.month is not None
            end = _day(form.day, form.month, form.year, anchor, future)
            if end is None:
                return None
            begin = end
            if last_day is not None and last_day.first <= end and (end - last_day.first).days <= 31:
                begin = last_day.first
            return Resolved(DateRange(begin, end), "explicit")
        if kind == "month":
            return self._month(form, anchor, last_any, future)
        if kind == "quarter":
            assert form.month is not None
            quarter_year = _year_of(form.year, form.year_shift, anchor, last_any)
            if quarter_year is None:
                return None
            first_month = 3 * (form.month - 1) + 1
            return Resolved(
                DateRange(date(quarter_year, first_month, 1), _month_end(quarter_year, first_month + 2)),
                "explicit",
            )
        if kind == "year":
            assert form.year is not None
            return Resolved(_part_of_year(form.year, form.part), "explicit")
        if kind == "anaphora":
            return _anaphora(form, last_day, last_any)
        if anchor is None:
            return None
        if kind == "deictic":
            return Resolved(_shift(anchor, form.count), "relative")
        if kind == "period":
            return _period(form, anchor)
        if kind == "ago":
            return _ago(form, anchor, last_day)
        if kind == "weekday":
            return _weekday(form, anchor, future)
        return None

    def _month(
        self, form: TimeForm, anchor: DateRange | None, last_any: DateRange | None, future: bool
    ) -> Resolved | None:
        assert form.month is not None
        month = form.month
        year = form.year
        shift = form.year_shift
        basis: Basis = "explicit"
        if year is None:
            if isinstance(shift, int):
                if anchor is None:
                    return None
                year = anchor.last.year + shift
                basis = "relative"
            elif shift == "same":
                if last_any is None:
                    return None
                year = last_any.last.year
                basis = "anaphoric"
            else:
                if anchor is None:
                    return None
                ahead = future or shift == "next"
                if shift == "past":
                    ahead = False
                year = _infer_month_year(month, anchor, ahead, strictly_after=shift == "next")
        first = date(year, month, 1)
        last = _month_end(year, month)
        if form.part is not None:
            low, high = _MONTH_PARTS[form.part]
            first = date(year, month, low)
            last = min(last, date(year, month, min(high, last.day)))
        return Resolved(DateRange(first, last), basis)


def _merge_adjacent(found: list[TimeMention], key: str) -> list[TimeMention]:
    """Join "sáng nay (21/6)", "thứ Năm (21/3)": a deictic or weekday glossed by a written date."""
    if len(found) < 2:
        return found
    merged: list[TimeMention] = []
    for mention in found:
        if merged:
            previous = merged[-1]
            gap = key[previous.end : mention.start]
            if (
                previous.form.kind in ("deictic", "weekday")
                and mention.form.kind == "date"
                and len(gap) <= 3
                and not gap.strip(" (,")
            ):
                merged[-1] = TimeMention(previous.start, mention.end, mention.form)
                continue
            if mention.form.kind == "ignore" and len(gap) <= 2 and not gap.strip():
                merged[-1] = TimeMention(previous.start, mention.end, previous.form)
                continue
        merged.append(mention)
    return [mention for mention in merged if mention.form.kind != "ignore"]


# -- date arithmetic ------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift(span: DateRange, days: int) -> DateRange:
    delta = timedelta(days=days)
    return DateRange(span.first + delta, span.last + delta)


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def _day(day: int, month: int, year: int | None, anchor: DateRange | None, future: bool) -> date | None:
    """A day and month; without a year, the year nearest before the anchor (after it when ``future``)."""
    if year is not None:
        return date(year, month, day)
    if anchor is None:
        return None
    candidates: list[date] = []
    for candidate_year in (anchor.last.year - 1, anchor.last.year, anchor.last.year + 1):
        try:
            candidates.append(date(candidate_year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    # The nearest reading, with the unlikely direction weighed three times: news reports what
    # happened (or, for planned events, what will happen), but "ngày 5/11" five days ahead of a
    # 31/10 article is this year's, not last year's.

    def cost(candidate: date) -> int:
        if candidate < anchor.first:
            days = (anchor.first - candidate).days
            return days * 3 if future else days
        if candidate > anchor.last:
            days = (candidate - anchor.last).days
            return days if future else days * 3
        return 0

    return min(candidates, key=cost)


def _infer_month_year(month: int, anchor: DateRange, ahead: bool, strictly_after: bool = False) -> int:
    year = anchor.last.year
    if ahead:
        for candidate in (year - 1, year, year + 1):
            if strictly_after and date(candidate, month, 1) <= anchor.last:
                continue
            if _month_end(candidate, month) >= anchor.first:
                return candidate
        return year + 1
    for candidate in (year + 1, year, year - 1):
        if date(candidate, month, 1) <= anchor.last:
            return candidate
    return year - 1


def _year_of(
    year: int | None, shift: int | str | None, anchor: DateRange | None, last_any: DateRange | None
) -> int | None:
    if year is not None:
        return year
    if isinstance(shift, int):
        return anchor.last.year + shift if anchor is not None else None
    if shift == "same":
        return last_any.last.year if last_any is not None else None
    if shift == "next":
        return anchor.last.year + 1 if anchor is not None else None
    return anchor.last.year if anchor is not None else None


def _part_of_year(year: int, part: str | None) -> DateRange:
    if part is None:
        return DateRange(date(year, 1, 1), date(year, 12, 31))
    low, high = _YEAR_PARTS[part]
    return DateRange(date(year, low, 1), _month_end(year, high))


def _anaphora(form: TimeForm, last_day: DateRange | None, last_any: DateRange | None) -> Resolved | None:
    anaphor = form.anaphor
    if anaphor in ("same_day", "next_day", "previous_day"):
        if last_day is None:
            return None
        offset = {"same_day": 0, "next_day": 1, "previous_day": -1}[anaphor]
        return Resolved(_shift(last_day, offset), "anaphoric")
    if last_any is None:
        return None
    if anaphor == "same_month":
        year, month = last_any.last.year, last_any.last.month
        return Resolved(DateRange(date(year, month, 1), _month_end(year, month)), "anaphoric")
    year = last_any.last.year
    return Resolved(DateRange(date(year, 1, 1), date(year, 12, 31)), "anaphoric")


def _week_of(day: date) -> DateRange:
    monday = day - timedelta(days=day.weekday())
    return DateRange(monday, monday + timedelta(days=6))


def _period(form: TimeForm, anchor: DateRange) -> Resolved | None:
    which = form.which or "this"
    unit = form.unit
    today = anchor.last
    if unit == "week":
        if which == "past" and form.part is None:
            return Resolved(DateRange(anchor.first - timedelta(days=7), anchor.last), "relative")
        if form.part == "late" and which in ("past", "previous"):
            sunday = today - timedelta(days=(today.weekday() + 1) % 7)
            return Resolved(DateRange(sunday - timedelta(days=1), sunday), "relative")
        offset = {"this": 0, "previous": -7, "past": -7, "next": 7}[which]
        week = _week_of(today + timedelta(days=offset))
        if form.part is not None:
            low, high = _WEEK_PARTS[form.part]
            week = DateRange(week.first + timedelta(days=low), week.first + timedelta(days=high))
        return Resolved(week, "relative")
    if unit == "month":
        if which == "past" and form.part is None:
            return Resolved(DateRange(anchor.first - timedelta(days=30), anchor.last), "relative")
        offset = {"this": 0, "previous": -1, "past": -1, "next": 1}[which]
        year, month = _add_months(today, offset)
        span = DateRange(date(year, month, 1), _month_end(year, month))
        if form.part is not None:
            low, high = _MONTH_PARTS[form.part]
            span = DateRange(date(year, month, low), date(year, month, min(high, span.last.day)))
        return Resolved(span, "relative")
    if unit == "year":
        if which == "past" and form.part is None:
            return None  # "năm qua": the last twelve months, too vague to date one event
        offset = {"this": 0, "previous": -1, "past": -1, "next": 1}[which]
        return Resolved(_part_of_year(today.year + offset, form.part), "relative")
    return None


def _ago(form: TimeForm, anchor: DateRange, last_day: DateRange | None) -> Resolved | None:
    base = anchor
    basis: Basis = "relative"
    if form.from_last:
        if last_day is None:
            return None
        base = last_day
        basis = "anaphoric"
    count = form.count
    sign = {"previous": -1, "next": 1, "past": -1}[form.which or "previous"]
    if form.unit == "day":
        if form.which == "past":
            return Resolved(DateRange(base.first - timedelta(days=count), base.last), basis)
        return Resolved(_shift(base, sign * count), basis)
    if form.unit == "week":
        if form.which == "past":
            return Resolved(DateRange(base.first - timedelta(days=7 * count), base.last), basis)
        return Resolved(_week_of(base.last + timedelta(days=7 * sign * count)), basis)
    if form.unit == "month":
        if form.which == "past":
            return Resolved(DateRange(base.first - timedelta(days=30 * count), base.last), basis)
        year, month = _add_months(base.last, sign * count)
        return Resolved(DateRange(date(year, month, 1), _month_end(year, month)), basis)
    if form.unit == "year":
        if form.which == "past":
            return None
        year = base.last.year + sign * count
        return Resolved(DateRange(date(year, 1, 1), date(year, 12, 31)), basis)
    return None


def _weekday(form: TimeForm, anchor: DateRange, future: bool) -> Resolved | None:
    assert form.weekday is not None
    today = anchor.last
    rel = form.which
    if rel in ("tuần trước", "tuần qua", "tuần này", "tuần tới", "tuần sau"):
        offset = {"tuần trước": -7, "tuần qua": -7, "tuần này": 0, "tuần tới": 7, "tuần sau": 7}[rel]
        monday = _week_of(today + timedelta(days=offset)).first
        return Resolved(DateRange.day(monday + timedelta(days=form.weekday)), "relative")
    if rel in ("tới",) or (future and rel is None):
        start = anchor.first + timedelta(days=1 if rel == "tới" else 0)
        delta = (form.weekday - start.weekday()) % 7
        return Resolved(DateRange.day(start + timedelta(days=delta)), "relative")
    delta = (today.weekday() - form.weekday) % 7
    if rel in ("vừa qua", "trước") and delta == 0:
        delta = 7
    return Resolved(DateRange.day(today - timedelta(days=delta)), "relative")


@lru_cache(maxsize=1)
def load_time_grammar() -> TimeGrammar:
    """The shipped grammar, built once per process."""
    data = load_toml("thoisu.lang.vi.data", "time.toml")
    return TimeGrammar(parse_time_vocabulary(data, "thoisu.lang.vi.data/time.toml"))
