"""Synthetic benchmark corpus: the team's example pages, recombined and perturbed.

Every page is a function of ``(seed, index)`` alone, so any page of a
million-page corpus can be regenerated on its own and the generator never holds
more than the templates and the page being written. A page is built from one
template page by:

* shuffling the order of the body paragraphs after the lead;
* shuffling the sidebar and footer blocks, sometimes borrowing one from another outlet;
* shifting every date on the page by the same number of days (weekdays recomputed);
* swapping office holders for other holders of the same country, from the office-holder KB;
* adding a view counter line, which makes every page distinct.

Pages are text (the flat dumps the examples mostly are) or HTML: an HTML template
is perturbed in place and a flat template can be rendered into an HTML document,
so the HTML path can be measured on many pages even when the examples hold one.

Usage::

    python bench/corpus.py --pages 100000 --seed 7 --out /tmp/corpus --jsonl /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_PAGES = REPO / "examples" / "pages"

PageKind = Literal["text", "html"]

#: Pages per sub-directory when a corpus is written as files (keeps directories listable).
PER_DIRECTORY = 10_000
#: Largest date shift, in days, either way.
MAX_SHIFT_DAYS = 400
#: Chance that a person named on the page is swapped for another holder of the same country.
SWAP_PERSON = 0.5
#: Chance that the body paragraphs after the lead are shuffled.
SHUFFLE_BODY = 0.6
#: Chance that one sidebar block of another template is mixed in.
BORROW_SIDEBAR = 0.5

_WEEKDAYS = ("hai", "ba", "tư", "năm", "sáu", "bảy")  # Monday..Saturday; Sunday is "Chủ nhật"
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE = re.compile(
    r"(?P<wd>(?:[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|[Cc]hủ\s+[Nn]hật),\s*)?"
    r"(?:(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
    r"|(?P<rd1>\d{1,2})\s?-\s?(?P<rd2>\d{1,2})/(?P<rm>\d{1,2})(?:/(?P<ry>\d{4}))?(?![\d/])"
    r"|(?P<fd>\d{1,2})(?P<fs>[/-])(?P<fm>\d{1,2})(?P=fs)(?P<fy>\d{4})(?![\d/-])"
    r"|(?P<hp>(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Hh]ôm) )"
    r"(?P<hd>\d{1,2})-(?P<hm>\d{1,2})(?![\d/-])"
    r"|(?P<nd>\d{1,2}) tháng (?P<nm>\d{1,2})(?: năm (?P<ny>\d{4}))?(?!\d)"
    r"|tháng (?P<mm>\d{1,2})/(?P<my>\d{4})(?!\d)"
    r"|(?P<em>" + "|".join(_MONTHS_EN) + r") (?P<ed>\d{1,2}), (?P<ey>\d{4})(?!\d)"
    r"|(?P<dd>\d{1,2})/(?P<dm>\d{1,2})(?![\d/]))"
)
# A character that cannot come right before a date: "2/3" inside "1/2/3" is no date.
_NOT_AFTER = re.compile(r"[\d/.,-]")
_FULL_YEAR = re.compile(r"(?<!\d)(?:\d{1,2}([/-])\d{1,2}\1(\d{4})|(\d{4})-\d{2}-\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_WORD = re.compile(r"\w+")
_HEADING_WORDS = 4
_TERMINAL = frozenset('.!?…"”)»:;')
# Hard-wrapped ("print" page) paragraphs: the length range of a wrapped line, and the shortest paragraph.
_WRAP_MIN = 40
_WRAP_MAX = 100
_WRAPPED_MIN = 160


# ---------------------------------------------------------------------------------------------
# Templates


@dataclass(slots=True, frozen=True)
class Layout:
    """A flat page cut into the parts the generator moves around.

    Attributes:
        head: Lines above the body: masthead, menu, section, dateline, title.
        title: Index in ``head`` of the headline, when one was recognised.
        units: Body units: a prose paragraph and the short lines (captions) that follow it.
        tail: Footer blocks: the byline first, then sidebars, share bars and the rest.
        spaced: Whether the template separates paragraphs with blank lines.
    """

    head: tuple[str, ...]
    title: int | None
    units: tuple[tuple[str, ...], ...]
    tail: tuple[tuple[str, ...], ...]
    spaced: bool


@dataclass(slots=True, frozen=True)
class Template:
    """One team example page and what the generator knows about it."""

    name: str
    kind: PageKind
    raw: str
    layout: Layout | None
    people: tuple[tuple[str, str], ...]  # (surface, person id) of office holders named on the page
    base_year: int


@dataclass(slots=True, frozen=True)
class GeneratedPage:
    """One synthetic page."""

    id: str
    url: str
    kind: PageKind
    content: str
    template: str


def is_prose(text: str) -> bool:
    """A body paragraph rather than a menu item, teaser title or caption: long and finished."""
    text = text.strip()
    return len(text) >= 80 and len(text.split()) >= 12 and text[-1] in _TERMINAL


def paragraphs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Half-open line ranges of the prose paragraphs, hard-wrapped ones ("print" pages) included.

    A line continues the one above when that one is long and stops mid-sentence;
    a wrapped paragraph must be longer than a wrapped headline.
    """
    found: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(lines) + 1):
        previous = lines[end - 1].rstrip()
        # A wrapped line is no longer than the wrap width, so a headline above a long lead stays apart.
        joins = (
            end < len(lines)
            and lines[end].strip()
            and _WRAP_MIN <= len(previous) <= _WRAP_MAX
            and len(lines[end].rstrip()) <= _WRAP_MAX
            and previous[-1] not in _TERMINAL
        )
        if joins:
            continue
        text = " ".join(line.strip() for line in lines[start:end])
        if is_prose(text) and (end - start == 1 or len(text) >= _WRAPPED_MIN):
            found.append((start, end))
        start = end
    return found


def _is_dateline(line: str) -> bool:
    return bool(_DATE.search(line)) and len(line.split()) <= 8


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _HEADING_WORDS and line[:1].isupper() and not _DATE.search(line)


def cut_layout(text: str) -> Layout | None:
    """Cut a flat page into head, body units and footer blocks; None when it has no prose."""
    lines = text.split("\n")
    found = paragraphs(lines)
    if not found:
        return None
    first, last = found[0][0], found[-1][1] - 1
    starts = {start for start, _ in found}
    head = tuple(lines[:first])
    title = None
    for i in range(len(head) - 1, -1, -1):
        line = head[i].strip()
        if line and not _is_dateline(line) and len(line.split()) >= 4:
            title = i
            break
    units: list[tuple[str, ...]] = []
    current: list[str] = []
    for i in range(first, last + 1):
        if i in starts and current:
            units.append(tuple(current))
            current = []
        current.append(lines[i])
    units.append(tuple(current))
    spaced = any(len(unit) > 1 and not unit[-1].strip() for unit in units)
    units = [_strip_blank(unit) for unit in units]
    tail: list[list[str]] = []
    for i in range(last + 1, len(lines)):
        line = lines[i]
        previous = lines[i - 1].strip()
        starts_block = (
            not tail
            or (not line.strip() and previous)
            or (_is_heading(line.strip()) and previous and len(tail[-1]) >= 2)
        )
        if starts_block:
            tail.append([])
        tail[-1].append(line)
    return Layout(head, title, tuple(units), tuple(tuple(block) for block in tail), spaced)


def _strip_blank(unit: Sequence[str]) -> tuple[str, ...]:
    end = len(unit)
    while end > 1 and not unit[end - 1].strip():
        end -= 1
    return tuple(unit[:end])


def _full_year(text: str) -> int | None:
    match = _FULL_YEAR.search(text)
    return int(match.group(2) or match.group(3)) if match else None


def _weekday_year(text: str, latest: int) -> int:
    """The year of a dateline like "Thứ Năm, 16/5": the last one up to ``latest`` with that weekday."""
    for match in _DATE.finditer(text):
        weekday, day, month = match.group("wd"), match.group("dd"), match.group("dm")
        if not (weekday and day and month):
            continue
        for year in range(latest, latest - 7, -1):
            found = _valid(year, int(month), int(day))
            if found and _weekday(found, weekday).casefold() == weekday.split(",")[0].strip().casefold():
                return year
    return latest


def _latest_year(text: str) -> int | None:
    years = [int(found) for found in _YEAR.findall(text)]
    return max(years) if years else None


def load_templates(pages_dir: Path = EXAMPLE_PAGES) -> list[Template]:
    """Read the example pages (``*.txt`` and ``*.html``) in name order.

    Raises:
        FileNotFoundError: When the directory holds no page.
    """
    names = person_names()
    templates: list[Template] = []
    for path in sorted(pages_dir.iterdir()):
        suffix = path.suffix.lower()
        if suffix not in (".txt", ".html", ".htm") or path.name.startswith("."):
            continue
        try:
            raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue  # a legacy-encoded page (e33, TCVN3) cannot be recombined as text; tests cover it
        kind: PageKind = "text" if suffix == ".txt" else "html"
        layout = cut_layout(raw) if kind == "text" else None
        people = tuple((surface, pid) for surface, pid in names if surface in raw)
        # Dates without a year belong to the dateline's year, which sits above the body.
        top = "\n".join(layout.head) if layout else raw[: len(raw) // 3]
        year = _full_year(top) or _weekday_year(top, _latest_year(raw) or 2024)
        templates.append(Template(path.stem, kind, raw, layout, people, year))
    if not templates:
        raise FileNotFoundError(f"no example pages (*.txt, *.html) in {pages_dir}")
    return templates


# ---------------------------------------------------------------------------------------------
# Office holders


@dataclass(slots=True, frozen=True)
class Holders:
    """The office-holder KB as the generator uses it: names by person, persons by country."""

    names: Mapping[str, tuple[str, ...]]  # person id -> multi-word names, press spelling first
    country: Mapping[str, str]  # person id -> ISO3
    by_country: Mapping[str, tuple[str, ...]]  # ISO3 -> person ids


@lru_cache(maxsize=1)
def holders() -> Holders:
    """Persons with a multi-word name, from thoisu's office-holder KB (loaded once per process)."""
    from thoisu.lang.vi.officeholders import load_office_holders

    kb = load_office_holders()
    names: dict[str, tuple[str, ...]] = {}
    country: dict[str, str] = {}
    by_country: dict[str, list[str]] = defaultdict(list)
    for person in kb.persons:
        # Multi-word names only, and no "Nhật hoàng Akihito": every word of a bare name is capitalised.
        full = tuple(
            name
            for name in person.names
            if len(name.split()) >= 2 and all(word[:1].isupper() for word in name.split())
        )
        if not full:
            continue
        names[person.id] = full
        country[person.id] = person.country
        by_country[person.country].append(person.id)
    return Holders(
        MappingProxyType(names),
        MappingProxyType(country),
        MappingProxyType({key: tuple(value) for key, value in by_country.items()}),
    )


def person_names() -> list[tuple[str, str]]:
    """Every (multi-word name, person id) whose name belongs to one person only, longest first."""
    kb = holders()
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, names in kb.names.items():
        for name in names:
            owners[name].add(pid)
    unique = [(name, next(iter(pids))) for name, pids in owners.items() if len(pids) == 1]
    return sorted(unique, key=lambda pair: (-len(pair[0]), pair[0]))


# ---------------------------------------------------------------------------------------------
# Perturbations


def _weekday(day: date, original: str) -> str:
    weekday = day.weekday()
    upper = original.split()[-1][:1].isupper()
    if weekday == 6:
        word = "Chủ Nhật" if upper else "Chủ nhật"
    else:
        second = _WEEKDAYS[weekday]
        word = "Thứ " + (second.capitalize() if upper else second)
    return word if original[:1].isupper() else word.lower()


def _pad(value: int, like: str) -> str:
    return f"{value:02d}" if like.startswith("0") else str(value)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateShifter:
    """Moves every date of a page by the same number of days.

    Args:
        days: The shift.
        base_year: The year of dates written without one ("14/4").
    """

    def __init__(self, days: int, base_year: int) -> None:
        self.delta = timedelta(days=days)
        self.base_year = base_year

    def __call__(self, line: str) -> str:
        """The line with its dates shifted."""
        return _DATE.sub(self._replace, line)

    def _replace(self, match: re.Match[str]) -> str:
        text = match.group(0)
        if match.start() > 0 and _NOT_AFTER.match(match.string[match.start() - 1]):
            return text
        g = match.groupdict()
        shifted = self._shifted(g, text)
        if shifted is None:
            return text
        weekday = g["wd"]
        if weekday is None:
            return shifted[1]
        separator = weekday[weekday.index(",") :]
        return _weekday(shifted[0], weekday) + separator + shifted[1]

    def _move(self, year: int, month: int, day: int) -> date | None:
        found = _valid(year, month, day)
        return found + self.delta if found else None

    def _shifted(self, g: dict[str, str | None], text: str) -> tuple[date, str] | None:
        if g["iy"]:
            new = self._move(int(g["iy"]), int(g["im"] or 0), int(g["id"] or 0))
            return (new, new.isoformat()) if new else None
        if g["rd1"] and g["rd2"] and g["rm"]:
            year = int(g["ry"]) if g["ry"] else self.base_year
            start = self._move(year, int(g["rm"]), int(g["rd1"]))
            end = self._move(year, int(g["rm"]), int(g["rd2"]))
            if start is None or end is None or end < start:
                return None
            sep = "-" if "-" in text and " - " not in text else " - "
            suffix = f"/{end.year}" if g["ry"] else ""
            if start.month == end.month:
                return start, f"{start.day}{sep}{end.day}/{end.month}{suffix}"
            return start, f"{start.day}/{start.month}{sep}{end.day}/{end.month}{suffix}"
        if g["fd"] and g["fm"] and g["fy"]:
            new = self._move(int(g["fy"]), int(g["fm"]), int(g["fd"]))
            if new is None:
                return None
            sep = g["fs"] or "/"
            return new, f"{_pad(new.day, g['fd'])}{sep}{_pad(new.month, g['fm'])}{sep}{new.year}"
        if g["hp"] and g["hd"] and g["hm"]:
            new = self._move(self.base_year, int(g["hm"]), int(g["hd"]))
            return (new, f"{g['hp']}{new.day}-{new.month}") if new else None
        if g["nd"] and g["nm"]:
            year = int(g["ny"]) if g["ny"] else self.base_year
            new = self._move(year, int(g["nm"]), int(g["nd"]))
            if new is None:
                return None
            return new, f"{new.day} tháng {new.month}" + (f" năm {new.year}" if g["ny"] else "")
        if g["mm"] and g["my"]:
            new = self._move(int(g["my"]), int(g["mm"]), 15)
            return (new, f"tháng {new.month}/{new.year}") if new else None
        if g["em"] and g["ed"] and g["ey"]:
            new = self._move(int(g["ey"]), _MONTHS_EN.index(g["em"]) + 1, int(g["ed"]))
            return (new, f"{_MONTHS_EN[new.month - 1]} {new.day}, {new.year}") if new else None
        if g["dd"] and g["dm"]:
            new = self._move(self.base_year, int(g["dm"]), int(g["dd"]))
            if new is None:
                return None
            return new, f"{_pad(new.day, g['dd'])}/{_pad(new.month, g['dm'])}"
        return None


def person_swapper(template: Template, rng: random.Random, kb: Holders) -> Callable[[str], str]:
    """A line rewriter that replaces some persons named on the page with compatriots."""
    mapping: dict[str, str] = {}
    chosen: dict[str, str | None] = {}
    for surface, pid in template.people:
        if pid not in chosen:
            others = [other for other in kb.by_country.get(kb.country[pid], ()) if other != pid]
            chosen[pid] = rng.choice(others) if others and rng.random() < SWAP_PERSON else None
        replacement = chosen[pid]
        if replacement is not None:
            mapping[surface] = _spelling(kb.names[replacement], surface)
    if not mapping:
        return lambda line: line
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(name) for name in sorted(mapping, key=len, reverse=True))
        + r")(?!\w)"
    )
    return lambda line: pattern.sub(lambda match: mapping[match.group(0)], line)


def _spelling(names: Sequence[str], like: str) -> str:
    """The first of ``names`` written like ``like``: with diacritics ("Lê Thị Thu Hằng") or without."""
    accented = not like.isascii()
    return next((name for name in names if (not name.isascii()) == accented), names[0])


def _views(index: int, rng: random.Random) -> str:
    count = 100 + index * 37 + rng.randrange(37)  # injective in index: every page differs
    return f"Lượt xem: {count:,}".replace(",", ".")


# ---------------------------------------------------------------------------------------------
# HTML rendering

_CLASSES = (
    ("article__body", "article__title", "article__sapo", "sidebar"),
    ("fck_detail", "title-detail", "description", "box-category"),
    ("detail-content", "detail-title", "detail-sapo", "aside-news"),
)


def _esc(text: str) -> str:
    return html.escape(text.strip(), quote=True)


def _slug(text: str) -> str:
    return "-".join(_WORD.findall(text.lower()))[:80] or "trang"


def _iso_day(lines: Iterable[str]) -> str | None:
    for line in lines:
        for match in _DATE.finditer(line):
            g = match.groupdict()
            if g["iy"]:
                return f"{g['iy']}-{g['im']}-{g['id']}"
            if g["fy"] and g["fm"] and g["fd"]:
                found = _valid(int(g["fy"]), int(g["fm"]), int(g["fd"]))
                if found:
                    return found.isoformat()
    return None


def render_html(
    head: Sequence[str],
    title: int | None,
    units: Sequence[Sequence[str]],
    tail: Sequence[Sequence[str]],
    url: str,
    rng: random.Random,
) -> str:
    """A news-site HTML document holding a flat page's parts in their usual places."""
    body_class, title_class, sapo_class, aside_class = rng.choice(_CLASSES)
    head_lines = [line.strip() for line in head if line.strip()]
    headline = head[title].strip() if title is not None else (head_lines[-1] if head_lines else "Tin tức")
    site = head_lines[0] if head_lines else "Báo điện tử"
    meta_lines = [line for line in head_lines[1:] if _is_dateline(line)]
    menu = [line for line in head_lines[1:] if line != headline and line not in meta_lines]
    published = _iso_day(meta_lines) or _iso_day(head_lines)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_esc(headline)} | {_esc(site)}</title>",
        f'<meta property="og:title" content="{_esc(headline)}">',
        f'<meta property="og:site_name" content="{_esc(site)}">',
        f'<link rel="canonical" href="{_esc(url)}">',
    ]
    if published:
        out.append(f'<meta property="article:published_time" content="{published}T08:00:00+07:00">')
    out += [
        "<style>.ads{min-height:250px}.menu li{display:inline-block;margin:0 8px}</style>",
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>",
        "</head>",
        '<body class="detail">',
        f'<header class="header"><a class="logo" href="/">{_esc(site)}</a>',
        '<nav class="menu"><ul>',
    ]
    out += [f'<li><a href="/{_slug(item)}">{_esc(item)}</a></li>' for item in menu]
    out += [
        "</ul></nav></header>",
        '<div class="ads" id="ads-top"><span>Quảng cáo</span></div>',
        '<main class="container"><article class="article">',
    ]
    out += [f'<span class="date">{_esc(line)}</span>' for line in meta_lines]
    out.append(f'<h1 class="{title_class}">{_esc(headline)}</h1>')
    out.append(f'<div class="{body_class}">')
    for number, unit in enumerate(units):
        for position, line in enumerate(unit):
            if not line.strip():
                continue
            if position == 0:
                css = f' class="{sapo_class}"' if number == 0 else ""
                out.append(f"<p{css}>{_esc(line)}</p>")
            else:
                image = f"https://cdn.bench.invalid/img/{rng.randrange(10**8)}.jpg"
                out.append(
                    f'<figure><img src="{image}" alt=""><figcaption>{_esc(line)}</figcaption></figure>'
                )
    if tail:
        byline = [line for line in tail[0] if line.strip()]
        out += [f'<p class="author"><strong>{_esc(line)}</strong></p>' for line in byline]
    out.append("</div></article>")
    out.append(f'<aside class="{aside_class}">')
    for block in tail[1:]:
        lines = [line for line in block if line.strip()]
        if not lines:
            continue
        out.append(f"<section><h3>{_esc(lines[0])}</h3><ul>")
        out += [f'<li><a href="/{_slug(line)}.html">{_esc(line)}</a></li>' for line in lines[1:]]
        out.append("</ul></section>")
    out += [
        "</aside></main>",
        f'<footer class="footer"><p>© {_esc(site)}</p></footer>',
        "<script>gtag('js', new Date());</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# The generator


class CorpusGenerator:
    """Pages built from the example templates, each a pure function of ``(seed, index)``.

    Args:
        templates: The example pages (see :func:`load_templates`).
        seed: Different seeds give different corpora; the same seed gives the same one.
        html_share: Share of pages produced as HTML (0 for a flat-text corpus, 1 for HTML only).
    """

    def __init__(self, templates: Sequence[Template], seed: int = 0, html_share: float = 0.0) -> None:
        if not 0.0 <= html_share <= 1.0:
            raise ValueError("html_share must be between 0 and 1")
        self.seed = seed
        self.html_share = html_share
        self.flat = [t for t in templates if t.kind == "text"]
        # HTML pages: the HTML templates, and the flat ones whose parts could be told apart.
        self.markup = [t for t in templates if t.kind == "html" or t.layout is not None]
        if not self.flat and html_share < 1.0:
            raise ValueError("the templates hold no flat page")
        if not self.markup and html_share > 0.0:
            raise ValueError("the templates hold no page that can be made into HTML")
        self.sidebars = [block for t in self.flat if t.layout for block in t.layout.tail[1:]]
        self.kb = holders()

    def pages(self, count: int, start: int = 0) -> Iterator[GeneratedPage]:
        """Pages ``start`` .. ``start + count - 1``, one at a time."""
        for index in range(start, start + count):
            yield self.page(index)

    def page(self, index: int) -> GeneratedPage:
        """Page number ``index``."""
        rng = random.Random(f"thoisu-bench:{self.seed}:{index}")
        as_html = rng.random() < self.html_share
        template = rng.choice(self.markup if as_html else self.flat)
        kind: PageKind = "html" if as_html else "text"
        ident = f"{index:07d}-{template.name}.{'html' if as_html else 'txt'}"
        url = f"https://bench.thoisu.invalid/{template.name}/{index}.html"
        shift = DateShifter(rng.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS), template.base_year)
        swap = person_swapper(template, rng, self.kb)

        def edit(line: str) -> str:
            return shift(swap(line))

        views = _views(index, rng)
        if template.layout is None:  # an HTML template, or a flat page without a clear body: edit in place
            content = edit(template.raw)
            if template.kind == "text":
                content = content.rstrip("\n") + f"\n\n{views}\n"
            else:
                marker = content.rfind("</body>")
                extra = f'<div class="views">{views}</div>\n'
                content = content[:marker] + extra + content[marker:] if marker >= 0 else content + extra
            return GeneratedPage(ident, url, kind, content, template.name)
        layout = template.layout
        units = list(layout.units)
        if len(units) > 2 and rng.random() < SHUFFLE_BODY:
            rest = units[1:]
            rng.shuffle(rest)
            units = [units[0], *rest]
        tail = list(layout.tail)
        sidebars = tail[1:]
        if self.sidebars and rng.random() < BORROW_SIDEBAR:
            sidebars.insert(rng.randrange(len(sidebars) + 1), rng.choice(self.sidebars))
        rng.shuffle(sidebars)
        tail = [*tail[:1], *sidebars, ("", views)]
        head = [edit(line) for line in layout.head]
        units = [tuple(edit(line) for line in unit) for unit in units]
        tail = [tuple(edit(line) for line in block) for block in tail]
        if as_html:
            content = render_html(head, layout.title, units, tail, url, rng)
        else:
            content = _flat(head, units, tail, layout.spaced)
        return GeneratedPage(ident, url, kind, content, template.name)


def _flat(
    head: Sequence[str], units: Sequence[Sequence[str]], tail: Sequence[Sequence[str]], spaced: bool
) -> str:
    lines = list(head)
    for number, unit in enumerate(units):
        if spaced and number:
            lines.append("")
        lines.extend(unit)
    for block in tail:
        lines.extend(block)
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# Writers (streaming)


def write_directory(pages: Iterable[GeneratedPage], out: Path, per_directory: int = PER_DIRECTORY) -> int:
    """Write each page to ``out/NNN/<id>``; returns the number written."""
    count = 0
    for count, page in enumerate(pages, 1):
        folder = out / f"{(count - 1) // per_directory:03d}"
        if (count - 1) % per_directory == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / page.id).write_text(page.content, encoding="utf-8")
    return count


def write_jsonl(pages: Iterable[GeneratedPage], path: Path) -> int:
    """Write one JSON row per page (``id``, ``url`` and ``text`` or ``html``); returns the count."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for page in pages:
            count += 1
            row = {"id": page.id, "url": page.url, page.kind: page.content}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count


def write_warc(pages: Iterable[GeneratedPage], path: Path, *, wet: bool = False) -> int:
    """Write a gzipped WARC of HTTP responses (or, with ``wet``, text conversions); needs warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    count = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in pages:
            count += 1
            payload = page.content.encode("utf-8")
            if wet:
                record = writer.create_warc_record(
                    page.url,
                    "conversion",
                    payload=io.BytesIO(payload),
                    length=len(payload),
                    warc_content_type="text/plain; charset=utf-8",
                )
            else:
                media = "text/html" if page.kind == "html" else "text/plain"
                headers = StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", f"{media}; charset=utf-8"), ("Content-Length", str(len(payload)))],
                    protocol="HTTP/1.1",
                )
                record = writer.create_warc_record(
                    page.url, "response", payload=io.BytesIO(payload), http_headers=headers
                )
            writer.write_record(record)
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate a corpus to a directory, a JSONL file and/or a WARC file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=1000, help="number of pages (100 .. 1,000,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--html-share", type=float, default=0.0, help="share of pages written as HTML")
    parser.add_argument("--templates", type=Path, default=EXAMPLE_PAGES, help="example pages directory")
    parser.add_argument("--out", type=Path, help="write pages as files under this directory")
    parser.add_argument("--jsonl", type=Path, help="write pages as JSON Lines to this file")
    parser.add_argument("--warc", type=Path, help="write pages as a gzipped WARC (needs warcio)")
    parser.add_argument("--wet", action="store_true", help="with --warc: text conversion records")
    args = parser.parse_args(argv)
    if not (args.out or args.jsonl or args.warc):
        parser.error("give at least one of --out, --jsonl, --warc")
    if args.pages <= 0:
        parser.error("--pages must be positive")
    generator = CorpusGenerator(load_templates(args.templates), args.seed, args.html_share)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        written = write_directory(generator.pages(args.pages), args.out)
        print(f"{written} pages written under {args.out}")
    if args.jsonl:
        written = write_jsonl(generator.pages(args.pages), args.jsonl)
        print(f"{written} rows written to {args.jsonl}")
    if args.warc:
        written = write_warc(generator.pages(args.pages), args.warc, wet=args.wet)
        print(f"{written} records written to {args.warc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
