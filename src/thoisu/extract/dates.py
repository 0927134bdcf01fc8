"""Publication dates: datelines, crawl prefixes, lead datelines and year inference.

Where a page states its date matters as much as how: sidebars and listings
carry many timestamps that belong to other articles, so only date lines in the
article's header zone (around the headline) or right after its body count as
its dateline; the caller (the line classifier) says which lines those are.

Formats handled: ISO (``2024-03-25``, glued to a section name as in
``Tin tức2024-03-25``), day/month/year with ``/ . -`` (``12/10/2025 08:15``),
weekday datelines (``Thứ sáu, 5/9/2025 07:31 (GMT+7)``), labelled ones
(``Write: ... Update: ...``, ``Cập nhật: ...``, ``Ngày đăng: ...``), the long
form (``ngày 12 tháng 10 năm 2025``), crawl prefixes (``date 2025-10-12``) and
lead datelines (``Sáng nay (21/6), ...``), which give day and month only.

When the year is missing it is inferred from the body and dated knowledge
(``relations.toml``): an "Nth anniversary of diplomatic relations" between two
named states, a known summit or visit reported on its day, a full date in the
body a few days before the dateline, or the latest explicitly dated past event
("tháng 10/2023 ... trước đó"). The basis then says ``+inferred-year``. When
nothing settles the year, the date stays unknown; if the body's own events
bound it, ``published_range`` carries the bounds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from thoisu.extract.phrases import PhraseIndex
from thoisu.extract.resources import Country, Knowledge, KnownEvent

MIN_YEAR = 1990
MAX_YEAR = 2100
#: How long after the latest event its body reports an article is assumed to be published.
PUBLICATION_LAG_DAYS = 2

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d/.])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?!\d)")
_LONG = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", re.IGNORECASE)
_DM = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_WEEKDAY = re.compile(r"\b(?:thứ (?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật|cn)\b", re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(
    r"(?:write|posted|published|đăng|đăng lúc|ngày đăng|xuất bản|ngày xuất bản|thời gian đăng)\s*:?\s*$",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(r"(?:update|updated|cập nhật|cập nhật lúc|sửa|sửa đổi)\s*:?\s*$", re.IGNORECASE)
_CRAWL = re.compile(r"^date (\d{4})-(\d{2})-(\d{2})(?:\s|$)")
# "Sáng nay (21/6)", "Hôm nay (thứ Hai, 21/6/2019)", "Chiều qua (20/6)": the page's day (or the day before).
_LEAD = re.compile(
    r"^(?:\(?[\w&.+ ]{1,30}\)?\s?[-–—.]\s+)?"
    r"(?:(?:rạng sáng|sáng|trưa|chiều|tối|đêm)\s+)?(hôm nay|nay|hôm qua|qua)\s*"
    r"\((?:(?:thứ \w+|chủ nhật)\s*,?\s*)?(?:ngày\s*)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\)",
    re.IGNORECASE,
)
# Day/month mentions in running text, optionally with a year ("ngày 20/6", "hôm 8/4/2024").
_BODY_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_MONTH_YEAR = re.compile(r"tháng (\d{1,2})(?:/|\s+năm\s+)(\d{4})(?!\d)", re.IGNORECASE)
_YEAR = re.compile(r"(?:năm|/)\s?((?:19|20)\d{2})(?!\d)")
_FUTURE_CUE = re.compile(
    r"(?:dự kiến|sẽ|sắp|kế hoạch|chuẩn bị|đến hết|kéo dài đến|tầm nhìn|đến năm|giai đoạn|mục tiêu)"
    r"[^.!?\n]{0,60}$",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(r"\b(?:trước đó|hồi|vừa qua|đã|năm ngoái|gần đây)\b", re.IGNORECASE)
_ANNIVERSARY = re.compile(
    r"(?:kỷ niệm|đánh dấu|tròn|chào mừng|mốc)\s+(\d{1,3})\s+năm\b([^.!?\n]{0,120}?)"
    r"(?:(?:thiết lập|lập|xác lập)\s+)?quan hệ\s+ngoại giao",
    re.IGNORECASE,
)
_VISIT_CUE = re.compile(r"\b(?:thăm|công du|chuyến đi)\b", re.IGNORECASE)
_SUMMIT_CUE = re.compile(r"\b(?:thượng đỉnh|hội đàm|cuộc gặp|gặp gỡ|hội nghị|gặp)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")
_LOCATIVE_BEFORE = re.compile(r"(?:tại|ở|tới|đến|thăm|sang)\s+(?:(?:thủ đô|thành phố)\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LineDate:
    """A date found on a dateline: ``year`` is None for a day/month stamp."""

    day: int
    month: int
    year: int | None
    role: str  # "published", "updated" or "plain"

    def to_date(self) -> date | None:
        """The calendar day, when the year is known and the day exists."""
        return _make_date(self.year, self.month, self.day) if self.year is not None else None


@dataclass(frozen=True, slots=True)
class Published:
    """The outcome of date resolution for one article."""

    day: date | None
    range: tuple[date, date] | None
    basis: str | None


def _make_date(year: int | None, month: int, day: int) -> date | None:
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A letter as the regex engine sees it: every str.isalpha() character matches (so do a few numeric
# signs such as "²", which _role checks again).
_LETTERISH = re.compile(r"[^\W\d_]")


def _role(prefix: str) -> str:
    if not any(match.group().isalpha() for match in _LETTERISH.finditer(prefix)):
        return "plain"
    if _PUBLISHED_LABEL.search(prefix):
        return "published"
    if _UPDATED_LABEL.search(prefix):
        return "updated"
    return "plain"


def line_dates(line: str) -> list[LineDate]:
    """Every date on a (short) dateline, in order, with its role from the label before it."""
    found: list[tuple[int, LineDate]] = []
    taken: list[tuple[int, int]] = []
    patterns: list[tuple[re.Pattern[str], str]] = []
    if "-" in line:
        patterns.append((_ISO, "ymd"))
    if "/" in line or "." in line or "-" in line:
        patterns.append((_DMY, "dmy"))
    if "tháng" in line:
        patterns.append((_LONG, "dmy"))
    for pattern, order in patterns:
        for match in pattern.finditer(line):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            a, b, c = (int(group) for group in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            if _make_date(year, month, day) is None:
                continue
            prefix = line[max(0, match.start() - 24) : match.start()]
            found.append((match.start(), LineDate(day, month, year, _role(prefix))))
            taken.append(match.span())
    # A day/month needs a slash: the time and weekday cues are only looked for when one is there.
    if not found and "/" in line and (_TIME.search(line) or _WEEKDAY.search(line)):
        for match in _DM.finditer(line):
            day, month = int(match.group(1)), int(match.group(2))
            if 1 <= day <= 31 and 1 <= month <= 12:
                prefix = line[max(0, match.start() - 24) : match.start()]
                found.append((match.start(), LineDate(day, month, None, _role(prefix))))
    found.sort(key=lambda item: item[0])
    return [item[1] for item in found]


def has_line_date(line: str) -> bool:
    """``bool(line_dates(line))``, without building the dates.

    The line classifier asks this of every short line with a digit; most lines answer no.
    """
    if "-" in line and any(_ymd_valid(match, "ymd") for match in _ISO.finditer(line)):
        return True
    if ("/" in line or "." in line or "-" in line) and any(
        _ymd_valid(match, "dmy") for match in _DMY.finditer(line)
    ):
        return True
    if "tháng" in line and any(_ymd_valid(match, "dmy") for match in _LONG.finditer(line)):
        return True
    # As in line_dates: nothing above was found, so a day/month with a time or weekday cue decides.
    if "/" in line and (_TIME.search(line) or _WEEKDAY.search(line)):
        return any(
            1 <= int(match.group(1)) <= 31 and 1 <= int(match.group(2)) <= 12 for match in _DM.finditer(line)
        )
    return False


def _ymd_valid(match: re.Match[str], order: str) -> bool:
    """Whether a full-date match of :func:`line_dates` names a day that exists."""
    a, b, c = (int(group) for group in match.groups())
    year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
    return _make_date(year, month, day) is not None


def crawl_prefix_date(line: str) -> date | None:
    """The date of a crawler prefix line (``date 2025-10-12 Thế giới``)."""
    match = _CRAWL.match(line)
    if match is None:
        return None
    return _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def is_crawl_prefix(line: str) -> bool:
    """Whether ``line`` is a crawler prefix line."""
    return _CRAWL.match(line) is not None


@dataclass(frozen=True, slots=True)
class LeadDate:
    """A lead dateline: the page's day and month (year when written), relative to "today"."""

    day: int
    month: int
    year: int | None
    days_before: int  # 0 for "nay", 1 for "qua": the stated day is that many days before publication


def lead_date(line: str) -> LeadDate | None:
    """Parse a lead dateline at the start of the first body paragraph ("Sáng nay (21/6), ...")."""
    match = _LEAD.match(line[:120])
    if match is None:
        return None
    day, month = int(match.group(2)), int(match.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = int(match.group(4)) if match.group(4) else None
    relative = match.group(1).lower()
    return LeadDate(day, month, year, 1 if relative in {"qua", "hôm qua"} else 0)


@dataclass(frozen=True, slots=True)
class BodyDate:
    """A day/month mention in the body, with its year when written and its tense."""

    day: int
    month: int
    year: int | None
    future: bool
    sentence: str


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (bounded to 400 characters each way)."""
    floor = max(0, start - 400)
    left = max(text.rfind(mark, floor, start) for mark in ".!?\n") + 1
    left = max(left, floor)
    right = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    return left, right.end() if right else min(len(text), end + 400)


def body_dates(text: str) -> list[BodyDate]:
    """Day/month mentions of ``text`` (a body), each with its sentence and a future-tense flag."""
    dates: list[BodyDate] = []
    for match in _BODY_DATE.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        year = int(match.group(3)) if match.group(3) else None
        left, right = _sentence_around(text, match.start(), match.end())
        before = text[left : match.start()]
        future = _FUTURE_CUE.search(before[-80:]) is not None
        dates.append(BodyDate(day, month, year, future, text[left:right]))
    return dates


@dataclass(frozen=True, slots=True)
class YearMention:
    """An explicit year in the body, with the month when given and whether it is in the past."""

    year: int
    month: int | None
    past_cue: bool
    future: bool


def year_mentions(text: str) -> list[YearMention]:
    """Explicit years (``năm 2024``, ``tháng 10/2023``, ``8/4/2024``) with their context."""
    mentions: list[YearMention] = []
    seen: set[int] = set()
    for match in _MONTH_YEAR.finditer(text):
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR:
            mentions.append(_year_mention(text, match.start(), match.end(), year, month))
            seen.add(match.start(2))
    for match in _YEAR.finditer(text):
        if match.start(1) in seen:
            continue
        year = int(match.group(1))
        if MIN_YEAR <= year <= MAX_YEAR:
            mentions.append(_year_mention(text, match.start(), match.end(), year, None))
    return mentions


def _year_mention(text: str, start: int, end: int, year: int, month: int | None) -> YearMention:
    left, right = _sentence_around(text, start, end)
    before = text[max(left, start - 80) : start]
    return YearMention(
        year,
        month,
        _PAST_CUE.search(text[left:right]) is not None,
        _FUTURE_CUE.search(before) is not None,
    )


class CountryFinder:
    """Find country mentions (names, cities, "Trung-Triều" compounds) in text.

    Args:
        countries: The country table (names, short forms, cities).
    """

    def __init__(self, countries: Sequence[Country]) -> None:
        names: dict[str, str] = {}
        places: dict[str, str] = {}
        shorts: dict[str, str] = {}
        for country in countries:
            for name in country.names:
                names.setdefault(name, country.iso3)
            for city in country.cities:
                places.setdefault(city, country.iso3)
            for short in country.short:
                shorts.setdefault(short, country.iso3)
        all_places = {**places, **names}
        # Names match as written: "Anh" is Britain, "anh" a pronoun; "Ý" Italy, "ý" an idea.
        self._names: PhraseIndex[str] = PhraseIndex(names, names)
        self._places: PhraseIndex[str] = PhraseIndex(all_places, all_places)
        self._shorts = shorts
        short_alt = "|".join(sorted(map(re.escape, shorts), key=len, reverse=True)) or "(?!)"
        self._compound = re.compile(rf"(?<!\w)({short_alt})\s?[-–]\s?({short_alt})(?!\w)")

    def countries(self, text: str) -> list[str]:
        """ISO3 codes of the countries mentioned, in order, with repeats (compounds count both)."""
        found: list[tuple[int, str]] = [(match.start, match.value) for match in self._names.find(text)]
        if "-" in text or "–" in text:
            for match in self._compound.finditer(text):
                first, second = self._shorts[match.group(1)], self._shorts[match.group(2)]
                if first != second:
                    found.append((match.start(), first))
                    found.append((match.start() + 1, second))
        found.sort()
        return [code for _, code in found]

    def places(self, text: str) -> set[str]:
        """Countries that ``text`` names as a place of action (after tại, ở, tới, thăm...)."""
        result: set[str] = set()
        for match in self._places.find(text):
            if _LOCATIVE_BEFORE.search(text, max(0, match.start - 24), match.start):
                result.add(match.value)
        return result


def _anniversary_years(
    text: str, knowledge: Knowledge, finder: CountryFinder, mentioned: Sequence[str]
) -> list[int]:
    """Years an "Nth anniversary of diplomatic relations" between two named states points to."""
    years: list[int] = []
    if "ngoại giao" not in text:
        return years
    relations: dict[frozenset[str], date] = {}
    article_countries: list[str] = []
    for match in _ANNIVERSARY.finditer(text):
        if not relations:  # built at the first anniversary: most texts name none
            relations = {relation.pair: relation.since for relation in knowledge.relations}
            article_countries = [code for code, _ in Counter(mentioned).most_common(2)]
        count = int(match.group(1))
        left, right = _sentence_around(text, match.start(), match.end())
        named = list(dict.fromkeys(finder.countries(text[left:right])))
        pairs = [frozenset((a, b)) for i, a in enumerate(named) for b in named[i + 1 :]]
        if len(article_countries) == 2:
            pairs.append(frozenset(article_countries))
        for pair in pairs:
            since = relations.get(pair)
            if since is not None:
                years.append(since.year + count)
                break
    return years


def _known_events(
    knowledge: Knowledge,
    finder: CountryFinder,
    days: Iterable[tuple[int, int]],
    countries: Sequence[str],
    dates: Sequence[BodyDate],
) -> list[KnownEvent]:
    """Known events the body reports: parties named, a date of the event with a place and a cue."""
    mentioned = set(countries)
    matches: list[KnownEvent] = []
    candidates = [
        event for event in knowledge.events if event.parties <= mentioned or event.host in mentioned
    ]
    if not candidates:
        return matches
    wanted = set(days)
    for mention in dates:
        if (mention.day, mention.month) not in wanted:
            continue
        places = finder.places(mention.sentence)
        visit = _VISIT_CUE.search(mention.sentence) is not None
        summit = _SUMMIT_CUE.search(mention.sentence) is not None or visit
        for event in candidates:
            if not event.parties <= mentioned or event.host not in places:
                continue
            if not (visit or summit if event.kind == "visit" else summit):
                continue
            if not _within(event, mention.day, mention.month) or (mention.day, mention.month) not in wanted:
                continue
            if event not in matches:
                matches.append(event)
    return matches


def _within(event: KnownEvent, day: int, month: int) -> bool:
    current = event.first
    while current <= event.last:
        if (current.day, current.month) == (day, month):
            return True
        current += timedelta(days=1)
    return False


def infer_year(
    day: int,
    month: int,
    text: str,
    knowledge: Knowledge,
    finder: CountryFinder,
) -> int | None:
    """The year of a day/month the page states without one, from the body and dated knowledge.

    Args:
        day: Day of month of the dateline (or of the body date to place).
        month: Month.
        text: The article body.
        knowledge: Diplomatic relations and known events.
        finder: Country mention finder.

    Returns:
        The year, or None when the evidence is missing or contradictory.
    """
    votes: Counter[int] = Counter()
    countries = finder.countries(text)
    dates = body_dates(text)
    for year in _anniversary_years(text, knowledge, finder, countries):
        votes[year] += 2
    anchor = date(2000, month, day) if _make_date(2000, month, day) else None
    if anchor is not None:
        window = {((anchor - timedelta(days=k)).day, (anchor - timedelta(days=k)).month) for k in range(8)}
        for event in _known_events(knowledge, finder, window, countries, dates):
            candidate = _make_date(event.first.year, month, day)
            if candidate is not None and event.first <= candidate <= event.last + timedelta(days=7):
                votes[event.first.year] += 3
    mentions = year_mentions(text)
    # A full date in the body shortly before the dateline's day and month gives its year.
    for mention in dates:
        if mention.year is None or mention.future:
            continue
        stated = _make_date(mention.year, mention.month, mention.day)
        for year in (mention.year, mention.year + 1):
            candidate = _make_date(year, month, day)
            if (
                stated is not None
                and candidate is not None
                and timedelta(0) <= candidate - stated <= timedelta(10)
            ):
                votes[year] += 2
    if votes:
        best, score = votes.most_common(1)[0]
        ties = [year for year, value in votes.items() if value == score]
        if len(ties) == 1 and _consistent(best, month, mentions):
            return best
        return None
    return _year_after_latest(day, month, mentions)


def _consistent(year: int, month: int, mentions: Sequence[YearMention]) -> bool:
    """A year is consistent when no past-tense explicit mention lies after it."""
    for mention in mentions:
        if mention.future or not mention.past_cue:
            continue
        if mention.year > year or (
            mention.year == year and mention.month is not None and mention.month > month
        ):
            return False
    return True


def _year_after_latest(day: int, month: int, mentions: Sequence[YearMention]) -> int | None:
    """The first year in which ``day/month`` falls after the latest explicitly dated past event.

    Only a mention marked as past ("trước đó", "hồi", "đã") with a month counts: "Trước đó, ông Lavrov
    đã thăm Bắc Kinh vào tháng 10/2023" puts an 8/4 dateline in 2024.
    """
    dated = [mention for mention in mentions if mention.past_cue and not mention.future and mention.month]
    if not dated:
        return None
    latest = max(dated, key=lambda mention: (mention.year, mention.month or 0))
    assert latest.month is not None
    return latest.year if (month, day) > (latest.month, 31) else latest.year + 1


def body_range(
    text: str,
    year: int | None,
    knowledge: Knowledge,
    finder: CountryFinder,
    *,
    context: str | None = None,
) -> tuple[date, date] | None:
    """Bounds on the publication day from the events the body reports as past.

    The latest past-tense day/month in the body (its year written, or ``year``,
    or inferred from the body) is a lower bound; articles appear within
    :data:`PUBLICATION_LAG_DAYS` after the events they report.
    """
    latest: date | None = None
    tried = year is not None
    for mention in body_dates(text):
        if mention.future:
            continue
        mention_year = mention.year or year
        if mention_year is None and not tried:
            tried = True  # one inference per article: the evidence does not depend on the mention
            mention_year = infer_year(mention.day, mention.month, context or text, knowledge, finder)
            year = mention_year
        stated = _make_date(mention_year, mention.month, mention.day)
        if stated is not None and (latest is None or stated > latest):
            latest = stated
    if latest is None:
        return None
    return latest, latest + timedelta(days=PUBLICATION_LAG_DAYS)


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """What the page says about its date, gathered by the line classifier.

    Attributes:
        header_lines: Dateline candidates near the headline, nearest first.
        footer_lines: Dateline candidates right after the body.
        crawl_line: The crawler prefix line, when the page has one.
        lead_line: The first body paragraph (for lead datelines).
        meta: A date from HTML metadata (``article:published_time``...), when any.
    """

    header_lines: tuple[str, ...] = ()
    footer_lines: tuple[str, ...] = ()
    crawl_line: str | None = None
    lead_line: str | None = None
    meta: date | None = None


def resolve_published(
    evidence: DateEvidence,
    body: str,
    knowledge: Knowledge,
    finder: CountryFinder,
    *,
    context: str | None = None,
) -> Published:
    """Decide an article's publication day (or range) and say on what basis.

    Order: a full dateline near the headline, HTML metadata, the crawl prefix,
    a footer dateline; then day/month datelines and lead datelines with the
    year from the crawl prefix or inferred from the body; then a range from the
    body's own dated events.

    Args:
        evidence: Dateline candidates the layout found.
        body: The article body (its dates bound the range).
        knowledge: Relations and known events for year inference.
        finder: Country mention finder.
        context: Text to infer a missing year from (the whole page's article text); ``body`` when None.
    """
    context = body if context is None else context
    header = [found for line in evidence.header_lines for found in line_dates(line)]
    full = _pick_full(header)
    if full is not None:
        return Published(full, None, "dateline")
    if evidence.meta is not None:
        return Published(evidence.meta, None, "meta")
    lead = lead_date(evidence.lead_line) if evidence.lead_line else None
    if lead is not None and lead.year is not None:
        stated = _make_date(lead.year, lead.month, lead.day)
        if stated is not None:
            return Published(stated + timedelta(days=lead.days_before), None, "lead-dateline")
    crawl = crawl_prefix_date(evidence.crawl_line) if evidence.crawl_line else None
    # Read only now: most pages are dated by their header.
    footer = [found for line in evidence.footer_lines for found in line_dates(line)]
    full = _pick_full(footer)
    if crawl is None and full is not None:
        return Published(full, None, "dateline")
    day_month: tuple[int, int, int] | None = None
    partial = [found for found in (*header, *footer) if found.year is None]
    if lead is not None:
        day_month = (lead.day, lead.month, lead.days_before)
    elif partial:
        day_month = (partial[0].day, partial[0].month, 0)
    if crawl is not None:
        if day_month is not None:
            day, month, shift = day_month
            for year in (crawl.year, crawl.year - 1):
                stated = _make_date(year, month, day)
                if stated is not None and stated + timedelta(days=shift) <= crawl:
                    return Published(stated + timedelta(days=shift), None, "dateline+crawl-year")
        return Published(crawl, None, "crawl-prefix")
    if day_month is not None:
        day, month, shift = day_month
        inferred = infer_year(day, month, context, knowledge, finder)
        stated = _make_date(inferred, month, day) if inferred is not None else None
        if stated is not None:
            return Published(stated + timedelta(days=shift), None, "dateline+inferred-year")
        return Published(None, None, "dateline-without-year")
    bounds = body_range(body, None, knowledge, finder, context=context)
    if bounds is not None:
        return Published(None, bounds, "body-range")
    return Published(None, None, None)


def _pick_full(found: Sequence[LineDate]) -> date | None:
    for role in ("published", "plain", "updated"):
        for item in found:
            if item.role == role and item.to_date() is not None:
                return item.to_date()
    return None
