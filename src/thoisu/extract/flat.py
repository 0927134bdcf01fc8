"""Finding the article in flat page text: a line classifier and a layout pass.

A text dump of a news page interleaves the article with menus, share
buttons, related-article teasers, sidebars of timestamped headlines and
footers. The rules here are meant for outlets nobody has seen, so they use
signals rather than memorised strings:

* **Line shape**: word count, terminal punctuation, density of function
  words (prose is dense in "của", "và", "đã"...; headlines and menus are not),
  an ASCII lower-case prefix (an image slug), a trailing "..." (a teaser).
* **Phrases** from ``boilerplate.toml``: section headers that open a block of
  links ("Tin liên quan", "Đọc thêm"), chrome ("Chia sẻ", "Theo dõi X trên").
* **Neighbours**: a headline followed by a timestamp or written twice is a
  listing item when another one is close by (sidebars come in groups; the
  article's own headline and dateline come alone); a paragraph right after a
  listing item is its summary.
* **Position**: the headline is the title-like line nearest above the main
  block of prose; a title-like line inside the body whose text is repeated
  by an image caption just below ("X - Hình 1") starts a second article.
* **Cross-page repetition** (optional): lines that recur on other pages of the
  same outlet are template text.

After a section header the page is in a "related" state: the body resumes only
where two paragraphs of prose follow each other (a listing alternates headline
and summary, an article does not), or at one very long paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from thoisu.extract.dates import is_crawl_prefix, line_dates
from thoisu.extract.resources import ExtractResources

#: Lines beyond this many are not considered (no news page has more; bounds the work per page).
MAX_LINES = 5000
#: Only this many characters of a line feed its features (a 10 MB line costs what 3000 chars do).
MAX_FEATURE_CHARS = 3000
#: Lines longer than this are not compared for repetition.
MAX_KEY_CHARS = 400
#: A body paragraph more than this many lines after the previous one belongs to something else.
MAX_BODY_GAP = 15
#: Pages whose article body is shorter than this (characters) hold no article.
MIN_BODY_CHARS = 200
#: How far below the headline a near-copy of it counts as a caption or teaser of the same story.
ECHO_WINDOW = 60
#: An unpunctuated line this long is prose, not a headline (headlines stay under ~35 words).
LONG_PROSE_WORDS = 40
#: Prose resuming after a section header with at least this many words is the body again.
RESUME_WORDS = 50


class Kind(StrEnum):
    """What a line is, judged from the line alone."""

    PROSE = "prose"
    HEADING = "heading"
    SHORT = "short"
    SECTION = "section"
    CHROME = "chrome"
    DATE = "date"
    TIMESTAMP = "timestamp"
    CRAWL = "crawl"
    CAPTION = "caption"
    CREDIT = "credit"
    SOURCE = "source"
    SLUG = "slug"
    TEASER = "teaser"


@dataclass(slots=True)
class Line:
    """One non-empty line of the normalised text with its features."""

    index: int
    start: int
    end: int
    text: str
    words: int
    kind: Kind
    key: str
    density: float = 0.0
    question: bool = False
    namelike: bool = False
    doubled: bool = False
    repeated: int = 1
    listing: bool = False
    summary: bool = False
    related: bool = False
    echo: bool = False
    seen: bool = False

    @property
    def eligible(self) -> bool:
        """Whether the line can be article body: prose that no context marks as something else."""
        return (
            self.kind is Kind.PROSE
            and not self.listing
            and not self.summary
            and not self.related
            and not self.echo
            and not self.seen
        )

    @property
    def headline_like(self) -> bool:
        """Whether the line could be a headline."""
        if self.listing or self.echo or self.seen or self.namelike or not 4 <= self.words <= 35:
            return False
        return self.kind is Kind.HEADING or (self.kind is Kind.PROSE and self.question)


@dataclass(slots=True)
class ArticleLayout:
    """Where one article lies in the page's lines."""

    title: Line | None
    body: list[Line] = field(default_factory=list)
    captions: list[Line] = field(default_factory=list)
    sources: list[Line] = field(default_factory=list)
    bylines: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)

    @property
    def body_chars(self) -> int:
        """Characters of body text."""
        return sum(line.end - line.start for line in self.body)


@dataclass(slots=True)
class PageLayout:
    """The classified lines of a page and the articles found in them."""

    lines: list[Line]
    articles: list[ArticleLayout]
    crawl: Line | None


_CAPTION_SUFFIX = re.compile(r"\s[-–]\s(?:hình|ảnh|photo|video|clip)\s*\d+\s*$", re.IGNORECASE)
_CREDIT_TAIL = re.compile(
    r"[(\[]?\s*(?:ảnh|nguồn ảnh|ảnh tư liệu|ảnh minh họa|ảnh chụp màn hình|ảnh chụp|photo|hình|hình ảnh|"
    r"đồ họa|video|clip|infographic)\s?:\s?[^()\[\]:]{1,80}[)\]]?\s?\.?\s?$",
    re.IGNORECASE,
)
_CREDIT_ONLY = re.compile(
    r"^[(\[]?\s?(?:ảnh minh họa|ảnh tư liệu|ảnh chụp màn hình|ảnh|photo|hình minh họa)\s?[)\]]?\.?$",
    re.IGNORECASE,
)
_SOURCE_THEO = re.compile(r"^\(?\s?(?:theo|nguồn)\s?:?\s([^()]{2,80}?)\s?\)?\.?$", re.IGNORECASE)
_SOURCE_PAREN = re.compile(r"^\(([A-ZĐ][^()]{0,50})\)\.?$")
_SOURCE_SLASH = re.compile(
    r"^[A-ZĐ][^\s/]{0,30}(?: [^\s/]{1,30}){0,3}(?: ?/ ?[A-ZĐ][^\s/]{0,30}(?: [^\s/]{1,30}){0,3})+$"
)
_SOURCE_COMPILED = re.compile(
    r"^([^()]{2,50}) \((?:tổng hợp|t/h|th|(?:theo|nguồn)\s?:?\s[^()]{2,50})\)\.?$", re.IGNORECASE
)
_SLUG = re.compile(r"[a-z0-9]+(?: [a-z0-9]+){4}")
_DIGIT = re.compile(r"\d")
# The commonest sidebar stamps, recognised without the full dateline parser.
_PURE_STAMP = re.compile(
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s?(?:[-|,]\s?)?\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}\s?(?:[-|,]\s?)?\d{1,2}:\d{2}(?::\d{2})?)$"
)
_DATE_TOKENS = re.compile(
    r"\d{1,4}[/:.-]\d{1,2}(?:[/:.-]\d{1,4})*|\(?gmt ?[+-]? ?\d*\)?|\d+|\b(?:am|pm)\b", re.IGNORECASE
)
_AGO = re.compile(
    r"^(?:\d+\s(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s(?:trước|qua)|hôm qua|hôm nay|vừa xong|mới đây)"
    r"(?:\s?[|·,-]\s?.{0,30})?$",
    re.IGNORECASE,
)
_VIEWS = re.compile(
    r"^(?:[\d.,]+\s?k?\s?(?:lượt xem|lượt đọc|views?|bình luận|comments?|lượt thích|likes?)"
    r"|(?:lượt xem|lượt đọc|views?|bình luận|comments?)\s?:?\s?[\d.,]+\s?k?)$",
    re.IGNORECASE,
)
_CLOSERS = " \"'”’»)]"
_PUNCT_STRIP = ",.;:!?\"'“”‘’()[]«»"


def _starts_upper(text: str) -> bool:
    for char in text[:3]:
        if char.isalpha():
            return char.isupper()
        if char.isdigit():
            return True
    return False


def _capitalised(text: str, words: list[str]) -> bool:
    """Two to four capitalised words and nothing else: a name ("Minh Quân", "Nguyễn Hằng")."""
    if not 2 <= len(words) <= 4 or _DIGIT.search(text):
        return False
    return all(word[:1].isupper() and word.isalpha() for word in words)


def _namelike(text: str, words: list[str], resources: ExtractResources) -> bool:
    """A byline wherever it stands: a name starting with a family name, or a staff credit."""
    if text.casefold() in resources.outlets.staff_bylines:
        return True
    return _capitalised(text, words) and words[0] in resources.outlets.surnames


def _stoplist_share(tokens: list[str], resources: ExtractResources) -> float:
    """Share of tokens in justext's Vietnamese stoplist: frequent words, content ones included.

    Consulted only when a punctuated line has almost no function words, to keep prose written in a
    terse register (many content words, few particles) from being taken for a list of names.
    """
    return sum(map(resources.stoplist.__contains__, tokens)) / len(tokens) if tokens else 0.0


def _is_source(sample: str, key: str) -> bool:
    """A source line: "(theo Reuters)", "(TTXVN/Vietnam+)", "Minh Anh (tổng hợp)", "TTXVN/Vietnam+"."""
    if sample[:1] == "(":
        return bool(_SOURCE_THEO.match(sample) or _SOURCE_PAREN.match(sample))
    if key.startswith(("theo ", "nguồn")):
        return _SOURCE_THEO.match(sample) is not None
    if sample.endswith((")", ").")) and _SOURCE_COMPILED.match(sample):
        return True
    return len(sample) <= 60 and "/" in sample and _SOURCE_SLASH.match(sample) is not None


_Features = tuple[Kind, int, float, bool, bool, str]


def _classify(index: int, text: str, resources: ExtractResources) -> _Features:
    """(kind, words, function-word density, ends with ?/!, namelike, folded key) of one line.

    Checks run cheapest and most decisive first; a line stops at the first kind it matches.
    """
    sample = text[:MAX_FEATURE_CHARS]
    key = sample.casefold()
    tokens = key.split()
    words = len(tokens)
    boilerplate = resources.boilerplate
    if index < 3 and is_crawl_prefix(sample):
        return Kind.CRAWL, words, 0.0, False, False, key
    if words <= 12:
        bare = key.rstrip(" :")
        if bare in boilerplate.section_headers:
            return Kind.SECTION, words, 0.0, False, False, key
        if bare in boilerplate.chrome:
            return Kind.CHROME, words, 0.0, False, False, key
    if words <= 80:
        tail = sample.rstrip()
        if tail[-1:].isdigit() and _CAPTION_SUFFIX.search(tail[-40:]):
            return Kind.CAPTION, words, 0.0, False, False, key
        if (
            "ảnh" in key
            or "photo" in key
            or "hình" in key
            or "video" in key
            or "clip" in key
            or "đồ họa" in key
            or "infographic" in key
        ):
            credit = _CREDIT_TAIL.search(sample, max(0, len(sample) - 140))
            if credit is not None:
                kind = Kind.CREDIT if credit.start() <= 1 else Kind.CAPTION
                return kind, words, 0.0, False, False, key
            if _CREDIT_ONLY.match(sample):
                return Kind.CREDIT, words, 0.0, False, False, key
    if 3 <= words <= 25 and boilerplate.is_chrome(key):
        return Kind.CHROME, words, 0.0, False, False, key
    if words <= 10 and _is_source(sample, key):
        return Kind.SOURCE, words, 0.0, False, False, key
    stripped = sample.rstrip(_CLOSERS)
    period_end = stripped.endswith((".", "…", ":", ";", ","))
    if words <= 4 and _PURE_STAMP.match(sample):
        return Kind.DATE, words, 0.0, False, False, key
    if words <= 16 and _DIGIT.search(sample):
        if _AGO.match(sample) or _VIEWS.match(sample):
            return Kind.TIMESTAMP, words, 0.0, False, False, key
        if line_dates(sample):
            others = len(_DATE_TOKENS.sub(" ", sample).split())
            if others <= 8 and not (period_end and others >= 5):
                return Kind.DATE, words, 0.0, False, False, key
    elif words <= 3 and (_AGO.match(sample) or _VIEWS.match(sample)):
        return Kind.TIMESTAMP, words, 0.0, False, False, key
    if _SLUG.match(sample):
        return Kind.SLUG, words, 0.0, False, False, key
    if words >= 6 and stripped.endswith(("...", "…")):
        return Kind.TEASER, words, 0.0, False, False, key
    question = stripped.endswith(("?", "!"))
    density = sum(map(resources.function_words.__contains__, tokens)) / words if words >= 6 else 0.0
    namelike = words <= 5 and _namelike(sample, sample.split(), resources)
    if (
        words >= 10
        and (period_end or question)
        and (density >= 0.05 or _stoplist_share(tokens, resources) >= 0.3)
    ):
        return Kind.PROSE, words, density, question, namelike, key
    if words >= LONG_PROSE_WORDS and density >= 0.1:
        return Kind.PROSE, words, density, question, namelike, key
    if 4 <= words <= 35 and not period_end and _starts_upper(sample):
        return Kind.HEADING, words, density, question, namelike, key
    return Kind.SHORT, words, density, question, namelike, key


def classify_lines(
    text: str,
    offsets: Sequence[int],
    resources: ExtractResources,
    seen: frozenset[str] = frozenset(),
) -> list[Line]:
    """Split ``text`` into lines and classify each one, then apply the neighbour rules.

    Args:
        text: Normalised page text.
        offsets: The normaliser's map into the raw page (empty when unknown); it reveals lines that
            were written twice in the raw page.
        resources: Extract resources.
        seen: Keys of lines that recur on other pages of the same outlet (cross-page signal).
    """
    lines: list[Line] = []
    position = 0
    size = len(text)
    while position < size and len(lines) < MAX_LINES:
        end = text.find("\n", position)
        end = size if end < 0 else end
        if end > position:
            raw_line = text[position:end]
            kind, words, density, question, namelike, key = _classify(len(lines), raw_line, resources)
            if len(raw_line) > MAX_KEY_CHARS:
                key = ""
            line = Line(len(lines), position, end, raw_line, words, kind, key, density, question, namelike)
            if offsets and end - position >= 12:
                after = offsets[end] if end < len(offsets) else offsets[-1] + 1
                line.doubled = after - offsets[position] >= 2 * (end - position) - 1
            lines.append(line)
        position = end + 1
    _context(lines, seen)
    return lines


def _context(lines: list[Line], seen: frozenset[str]) -> None:
    """Neighbour rules: repetition, listing items and their summaries, the related state."""
    counts = Counter(line.key for line in lines if line.key and line.words >= 3)
    for line in lines:
        if line.key:
            line.repeated = counts[line.key]
    if seen:
        prose = sum(line.end - line.start for line in lines if line.kind is Kind.PROSE) or 1
        marked = sum(line.end - line.start for line in lines if line.key in seen and line.kind is Kind.PROSE)
        if marked / prose < 0.4:  # a page mostly made of seen lines is a duplicate, not a template
            for line in lines:
                if line.key and line.key in seen:
                    line.seen = True
    previous: Line | None = None
    for line in lines:
        if previous is not None and line.key and line.key == previous.key and line.words >= 3:
            line.doubled = previous.doubled = True
        previous = line
    for previous, line in pairwise(lines):
        # An image's file-name slug, then a short line: the image's caption.
        if (
            previous.kind is Kind.SLUG
            and previous.text.isascii()
            and line.words <= 45
            and line.kind in (Kind.PROSE, Kind.HEADING, Kind.SHORT)
        ):
            line.kind = Kind.CAPTION
    _listings(lines)
    _related_state(lines, 0)


def _listing_signal(lines: list[Line], index: int) -> bool:
    line = lines[index]
    if line.kind not in (Kind.HEADING, Kind.PROSE, Kind.SHORT) or line.words < 3:
        return False
    if line.kind is Kind.PROSE and not line.question and not line.doubled:
        return False
    if line.doubled:
        return True
    for step in range(index + 1, min(len(lines), index + 4)):
        following = lines[step]
        if following.kind in (Kind.DATE, Kind.TIMESTAMP):
            return True
        if following.kind is Kind.SHORT and following.words <= 4:
            continue  # a category label between headline and timestamp
        return False
    return False


def _listings(lines: list[Line]) -> None:
    """Mark listing items (grouped headline+timestamp or doubled headlines) and their summaries."""
    signals = [index for index in range(len(lines)) if _listing_signal(lines, index)]
    for position, index in enumerate(signals):
        for other in signals[max(0, position - 3) : position + 4]:
            if other == index or abs(other - index) > 10 or lines[other].key == lines[index].key:
                continue
            low, high = min(index, other), max(index, other)
            # Listing items alternate with at most one summary; articles put paragraphs between.
            if sum(1 for line in lines[low + 1 : high] if line.kind is Kind.PROSE) <= 1:
                lines[index].listing = True
                break
    for index, line in enumerate(lines):
        if line.kind not in (Kind.PROSE, Kind.TEASER, Kind.SHORT) or line.listing:
            continue
        step = index - 1
        while step >= 0 and index - step <= 4:
            before = lines[step]
            if before.listing:
                line.summary = True
                break
            if before.kind in (Kind.DATE, Kind.TIMESTAMP) or (
                before.kind in (Kind.SHORT, Kind.CHROME) and before.words <= 4
            ):
                step -= 1
                continue
            break


def _related_state(lines: list[Line], start: int) -> None:
    """After a section header, lines are 'related' until prose clearly resumes.

    Run once over the page (to find the main block of prose) and again from the headline once it is
    known: section names in the page's menu must not hide the article's own lead.
    """
    related = False
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind is Kind.SECTION:
            related = True
        elif (
            related
            and line.kind is Kind.PROSE
            and not line.listing
            and not line.summary
            and (line.words >= RESUME_WORDS or _next_is_prose(lines, index))
        ):
            related = False
        line.related = related


def _next_is_prose(lines: list[Line], index: int) -> bool:
    for step in range(index + 1, min(len(lines), index + 4)):
        following = lines[step]
        if following.kind in (Kind.CAPTION, Kind.CREDIT):
            continue
        return following.kind is Kind.PROSE and not following.listing and not following.summary
    return False


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Groups of eligible lines separated by at most a few other lines."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if not line.eligible:
            continue
        if current and line.index - current[-1].index > 5:
            runs.append(current)
            current = []
        current.append(line)
    if current:
        runs.append(current)
    return runs


def _title_above(lines: list[Line], anchor: int) -> Line | None:
    """The headline above the main block of prose.

    Walk up from the block's first line, over chrome, captions, datelines and a lead paragraph, and
    collect up to three headline-like lines; stop at prose above a candidate (that is another article).
    Prefer a headline the page repeats (an h1 and a breadcrumb or image alt), one with its own dateline,
    and the nearest.
    """
    candidates: list[Line] = []
    step = anchor - 1
    while step >= 0 and anchor - step <= 30:
        line = lines[step]
        if line.headline_like:
            candidates.append(line)
            if len(candidates) >= 3:
                break
        elif line.kind is Kind.PROSE and candidates:
            break
        step -= 1
    if not candidates:
        return None

    def score(line: Line) -> float:
        value = -0.15 * (anchor - line.index)
        if line.repeated > 1:
            value += 2.0
        if 6 <= line.words <= 30:
            value += 1.0
        if _dated(lines, line.index):
            value += 1.0
        return value

    return max(candidates, key=score)


def _dated(lines: list[Line], index: int) -> bool:
    """Whether a dateline sits right below or above the line (a headline's own stamp)."""
    return any(
        0 <= step < len(lines) and lines[step].kind is Kind.DATE for step in (index - 1, index + 1, index + 2)
    )


def _word_set(key: str) -> set[str]:
    return {word.strip(_PUNCT_STRIP) for word in key.split()}


def _near_duplicate(line: Line, title: Line, title_words: set[str]) -> bool:
    """A line nearly repeating the headline (an image caption or teaser of the same story)."""
    if line is title or line.key == title.key or not line.key:
        return False
    if not 0.5 * title.words <= line.words <= 1.5 * title.words + 2:
        return False
    mine = _word_set(line.key)
    union = mine | title_words
    return bool(union) and len(mine & title_words) / len(union) >= 0.6


def _caption_base(line: Line) -> str:
    return _CAPTION_SUFFIX.sub("", line.key).strip() if line.key else ""


def _starts_article(lines: list[Line], index: int, title: Line) -> bool:
    """A headline-like line inside a body followed by its own dateline, or repeated by a caption below."""
    line = lines[index]
    if not line.headline_like or line.key == title.key:
        return False
    for step in range(index + 1, min(len(lines), index + 4)):
        following = lines[step]
        if following.kind is Kind.DATE:
            return True  # a headline with its own dateline
        if following.kind not in (Kind.CHROME, Kind.CREDIT, Kind.SHORT):
            break
    for step in range(index + 1, min(len(lines), index + 8)):
        other = lines[step]
        if other.key == line.key or _caption_base(other) == line.key:
            return True
    return False


def layout_page(lines: list[Line]) -> PageLayout:
    """Find the article(s) among classified lines.

    Returns:
        The layout; ``articles`` is empty when the page holds no article (a listing page, chrome only).
    """
    crawl = next((line for line in lines[:3] if line.kind is Kind.CRAWL), None)
    runs = _runs(lines)
    if not runs:
        return PageLayout(lines, [], crawl)
    anchor_run = max(runs, key=lambda run: sum(line.end - line.start for line in run))
    title = _title_above(lines, anchor_run[0].index)
    start = title.index + 1 if title is not None else anchor_run[0].index
    _related_state(lines, start)
    if title is not None:
        title_words = _word_set(title.key)
        for line in lines[start : start + ECHO_WINDOW]:
            if _near_duplicate(line, title, title_words):
                line.echo = True
    # Walk forward from the title, collecting body lines while the gaps stay small; split at the
    # headline of a second article.
    articles: list[ArticleLayout] = []
    current = ArticleLayout(title)
    last_body = start - 1
    end = start
    for line in lines[start:]:
        if line.index - last_body > MAX_BODY_GAP:
            break
        end = line.index + 1
        if (
            current.title is not None
            and current.body
            and line.index > last_body
            and _starts_article(lines, line.index, current.title)
            and any(other.eligible for other in lines[line.index + 1 : line.index + MAX_BODY_GAP])
        ):
            articles.append(current)
            current = ArticleLayout(line)
            last_body = line.index
            continue
        if line.eligible:
            current.body.append(line)
            last_body = line.index
    articles.append(current)
    _fill_articles(lines, articles, end)
    articles = [article for article in articles if article.body_chars >= MIN_BODY_CHARS or article.body]
    total = sum(article.body_chars for article in articles)
    if total < MIN_BODY_CHARS:
        return PageLayout(lines, [], crawl)
    return PageLayout(lines, articles, crawl)


def _fill_articles(lines: list[Line], articles: list[ArticleLayout], end: int) -> None:
    """Sandwiched short lines, captions, sources, bylines and dateline zones of each article."""
    starts = [
        article.title.index if article.title is not None else article.body[0].index for article in articles
    ]
    for number, article in enumerate(articles):
        if not article.body:
            continue
        begin = starts[number]
        stop = starts[number + 1] if number + 1 < len(starts) else end
        body = {line.index for line in article.body}
        first_body, last_body = article.body[0].index, article.body[-1].index
        for line in lines[begin:stop]:
            if line.index in body:
                continue
            if line.kind in (Kind.CAPTION, Kind.CREDIT) and line.index <= last_body + 3:
                article.captions.append(line)
            elif line.kind is Kind.SOURCE:
                article.sources.append(line)
        body |= {
            line.index
            for line in lines[first_body + 1 : last_body]
            if line.index not in body and _sandwiched(lines, line, body)
        }
        # A short line right before a standalone credit, not itself running prose, describes the photo
        # ("Quang cảnh hội đàm." / "Ảnh: TTXVN").
        for caption in list(article.captions):
            if caption.kind is Kind.CREDIT and caption.index > 1 and caption.index - 1 in body:
                before = lines[caption.index - 1]
                isolated = caption.index - 2 not in body
                if before.kind is not Kind.PROSE or (before.words <= 20 and isolated):
                    body.discard(before.index)
                    article.captions.append(before)
        article.body = [lines[index] for index in sorted(body)]
        article.captions.sort(key=lambda line: line.index)
        title_index = article.title.index if article.title is not None else first_body
        header_start = title_index if number > 0 else max(0, title_index - 8)
        article.header = sorted(
            (
                line
                for line in lines[header_start : first_body + 3]
                if line.kind is Kind.DATE and not line.listing and line.index not in body
            ),
            key=lambda line: abs(line.index - title_index),
        )
        footer_end = stop if number + 1 < len(articles) else min(len(lines), last_body + 25)
        footer: list[Line] = []
        for line in lines[last_body + 1 : footer_end]:
            if line.kind is Kind.SECTION:
                break
            footer.append(line)
        article.footer = [line for line in footer[:4] if line.kind is Kind.DATE]
        known = {line.index for line in article.sources}
        article.sources.extend(
            line for line in footer if line.kind is Kind.SOURCE and line.index not in known
        )
        article.sources.sort(key=lambda line: line.index)
        # Near the headline or right after the body, a bare capitalised name is a byline even without a
        # known family name (Vietnamese bylines often give only the given names: "Minh Quân").
        early = lines[title_index + 1 : title_index + 7]
        article.bylines = [
            line
            for line in (*early, *footer[:3])
            if line.index not in body
            and (
                line.namelike
                or (line.kind in (Kind.SHORT, Kind.HEADING) and _capitalised(line.text, line.text.split()))
            )
        ]


def _sandwiched(lines: list[Line], line: Line, body: set[int]) -> bool:
    """Short lines and intertitles between two body paragraphs (at most four lines apart) are body too."""
    if line.kind not in (Kind.SHORT, Kind.HEADING) or line.listing or line.echo or line.seen or line.namelike:
        return False
    if line.related or _capitalised(line.text, line.text.split()):
        return False  # a bare name between paragraphs is a byline
    index = line.index
    before = next((step for step in range(index - 1, max(-1, index - 4), -1) if step in body), None)
    after = next((step for step in range(index + 1, min(len(lines), index + 4)) if step in body), None)
    return before is not None and after is not None and after - before <= 4
