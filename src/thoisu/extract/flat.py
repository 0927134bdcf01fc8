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
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from thoisu.extract.dates import has_line_date, is_crawl_prefix
from thoisu.extract.resources import ExtractResources

#: Lines beyond this many are not considered (no news page has more; bounds the work per page).
MAX_LINES = 5000
#: Only this many characters of a line feed its features (a 10 MB line costs what 3000 chars do).
MAX_FEATURE_CHARS = 3000
#: Lines longer than this are not compared for repetition.
MAX_KEY_CHARS = 400
#: Lines up to this long may have their features memoised (template lines; paragraphs do not recur).
MEMO_LINE_CHARS = 300
#: A memo holding this many lines is emptied before it grows further (bounds its memory).
MEMO_LINES = 20_000
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


# ``Kind.PROSE`` is a metaclass attribute lookup (EnumType defines __getattr__ on Python 3.11), several
# times slower than a global; the per-line loops below compare kinds with these module constants.
_PROSE = Kind.PROSE
_HEADING = Kind.HEADING
_SHORT = Kind.SHORT
_SECTION = Kind.SECTION
_CHROME = Kind.CHROME
_DATE = Kind.DATE
_TIMESTAMP = Kind.TIMESTAMP
_CRAWL = Kind.CRAWL
_CAPTION = Kind.CAPTION
_CREDIT = Kind.CREDIT
_SOURCE = Kind.SOURCE
_SLUG = Kind.SLUG
_TEASER = Kind.TEASER


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
            self.kind is _PROSE
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
        return self.kind is _HEADING or (self.kind is _PROSE and self.question)


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
_CREDIT_LABELS = (
    *("ảnh", "nguồn ảnh", "ảnh tư liệu", "ảnh minh họa", "ảnh chụp màn hình", "ảnh chụp", "photo", "hình"),
    *("hình ảnh", "đồ họa", "video", "clip", "infographic"),
)
_CREDIT_TAIL = re.compile(
    r"[(\[]?\s*(?:" + "|".join(_CREDIT_LABELS) + r")\s?:\s?[^()\[\]:]{1,80}[)\]]?\s?\.?\s?$", re.IGNORECASE
)
# A credit label ending where the search stops (at a colon), and the longest one.
_CREDIT_LABEL_END = re.compile(r"(?:" + "|".join(_CREDIT_LABELS) + r")\s?$", re.IGNORECASE)
_CREDIT_LABEL_CHARS = max(map(len, _CREDIT_LABELS))
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
_SLUG_WORDS = re.compile(r"[a-z0-9]+(?: [a-z0-9]+){4}")
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


def _credit_tail(sample: str) -> re.Match[str] | None:
    """``_CREDIT_TAIL.search`` over the last 140 characters, started where a match can start.

    A match ends the line and holds its last colon, with a label right before it ("... Ảnh: TTXVN"):
    the search starts at the leftmost such label, less the bracket and spaces the pattern allows before
    it, rather than trying a dozen alternatives at each of 140 positions. Same match as the full search.
    """
    floor = max(0, len(sample) - 140)
    colon = sample.rfind(":")
    if colon < floor:
        return None
    label = _CREDIT_LABEL_END.search(sample, max(floor, colon - _CREDIT_LABEL_CHARS - 1), colon)
    if label is None:
        return None
    begin = len(sample[: label.start()].rstrip())  # \s* before the label
    if begin > 0 and sample[begin - 1] in "([":
        begin -= 1
    return _CREDIT_TAIL.search(sample, max(floor, begin))


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


#: What :func:`classify_lines` learns from a line alone: (kind, words, function-word density, ends with
#: ?/!, namelike, folded key).
LineFeatures = tuple[Kind, int, float, bool, bool, str]


def _classify(index: int, text: str, resources: ExtractResources) -> LineFeatures:
    """(kind, words, function-word density, ends with ?/!, namelike, folded key) of one line.

    Checks run cheapest and most decisive first; a line stops at the first kind it matches.
    """
    sample = text[:MAX_FEATURE_CHARS]
    key = sample.casefold()
    tokens = key.split()
    words = len(tokens)
    boilerplate = resources.boilerplate
    if index < 3 and is_crawl_prefix(sample):
        return _CRAWL, words, 0.0, False, False, key
    if words <= 12:
        bare = key.rstrip(" :")
        if bare in boilerplate.section_headers:
            return _SECTION, words, 0.0, False, False, key
        if bare in boilerplate.chrome:
            return _CHROME, words, 0.0, False, False, key
    if words <= 80:
        tail = sample.rstrip()
        if tail[-1:].isdigit() and _CAPTION_SUFFIX.search(tail[-40:]):
            return _CAPTION, words, 0.0, False, False, key
        if (
            "ảnh" in key
            or "photo" in key
            or "hình" in key
            or "video" in key
            or "clip" in key
            or "đồ họa" in key
            or "infographic" in key
        ):
            # The credit's colon sits within the last 86 characters (at most 85 may follow it).
            credit = _credit_tail(sample) if ":" in sample[-86:] else None
            if credit is not None:
                kind = _CREDIT if credit.start() <= 1 else _CAPTION
                return kind, words, 0.0, False, False, key
            if _CREDIT_ONLY.match(sample):
                return _CREDIT, words, 0.0, False, False, key
    if 3 <= words <= 25 and boilerplate.is_chrome(key):
        return _CHROME, words, 0.0, False, False, key
    if words <= 10 and _is_source(sample, key):
        return _SOURCE, words, 0.0, False, False, key
    stripped = sample.rstrip(_CLOSERS)
    period_end = stripped.endswith((".", "…", ":", ";", ","))
    if words <= 4 and _PURE_STAMP.match(sample):
        return _DATE, words, 0.0, False, False, key
    if words <= 16 and _DIGIT.search(sample):
        if _AGO.match(sample) or _VIEWS.match(sample):
            return _TIMESTAMP, words, 0.0, False, False, key
        if has_line_date(sample):
            others = len(_DATE_TOKENS.sub(" ", sample).split())
            if others <= 8 and not (period_end and others >= 5):
                return _DATE, words, 0.0, False, False, key
    elif words <= 3 and (_AGO.match(sample) or _VIEWS.match(sample)):
        return _TIMESTAMP, words, 0.0, False, False, key
    if _SLUG_WORDS.match(sample):
        return _SLUG, words, 0.0, False, False, key
    if words >= 6 and stripped.endswith(("...", "…")):
        return _TEASER, words, 0.0, False, False, key
    question = stripped.endswith(("?", "!"))
    density = sum(map(resources.function_words.__contains__, tokens)) / words if words >= 6 else 0.0
    namelike = words <= 5 and _namelike(sample, sample.split(), resources)
    if (
        words >= 10
        and (period_end or question)
        and (density >= 0.05 or _stoplist_share(tokens, resources) >= 0.3)
    ):
        return _PROSE, words, density, question, namelike, key
    if words >= LONG_PROSE_WORDS and density >= 0.1:
        return _PROSE, words, density, question, namelike, key
    if 4 <= words <= 35 and not period_end and _starts_upper(sample):
        return _HEADING, words, density, question, namelike, key
    return _SHORT, words, density, question, namelike, key


def classify_lines(
    text: str,
    offsets: Sequence[int],
    resources: ExtractResources,
    seen: Set[str] = frozenset(),
    memo: dict[str, LineFeatures] | None = None,
    split: Sequence[str] | None = None,
) -> list[Line]:
    """Split ``text`` into lines and classify each one, then apply the neighbour rules.

    Args:
        text: Normalised page text.
        offsets: The normaliser's map into the raw page (empty when unknown); it reveals lines that
            were written twice in the raw page.
        resources: Extract resources.
        seen: Keys of lines that recur on other pages of the same outlet (cross-page signal).
        memo: Features of short lines met before, filled as lines are classified; a caller that
            keeps it across pages (the stage does) classifies an outlet's menus, sidebars and footers
            once. It must only ever be used with the same ``resources``; it is emptied when it holds
            :data:`MEMO_LINES` lines.
        split: The lines of ``text`` when the caller has split it already (a string caches its hash,
            so a line looked up in several memos is hashed once).
    """
    lines: list[Line] = []
    count = len(offsets)
    position = 0
    for raw_line in text.split("\n") if split is None else split:
        start = position
        size = len(raw_line)
        position += size + 1
        if not size:
            continue
        index = len(lines)
        if index >= MAX_LINES:
            break
        # Only a crawler prefix depends on the position (it counts in the first three lines): such a
        # line is classified afresh, any other line may come from the memo.
        if memo is None or size > MEMO_LINE_CHARS or (index < 3 and is_crawl_prefix(raw_line)):
            features = _classify(index, raw_line, resources)
        else:
            found = memo.get(raw_line)
            if found is None:
                found = _classify(index, raw_line, resources)
                if len(memo) >= MEMO_LINES:
                    memo.clear()
                memo[raw_line] = found
            features = found
        kind, words, density, question, namelike, key = features
        if size > MAX_KEY_CHARS:
            key = ""
        end = start + size
        doubled = False
        if count and size >= 12:
            after = offsets[end] if end < count else offsets[-1] + 1
            doubled = after - offsets[start] >= 2 * size - 1
        lines.append(
            Line(index, start, end, raw_line, words, kind, key, density, question, namelike, doubled)
        )
    _context(lines, seen)
    return lines


def _context(lines: list[Line], seen: Set[str]) -> None:
    """Neighbour rules: repetition, listing items and their summaries, the related state."""
    counts: dict[str, int] = {}  # a plain dict: Counter's Python-level constructor costs more here
    for line in lines:
        if line.key and line.words >= 3:
            counts[line.key] = counts.get(line.key, 0) + 1
    for line in lines:
        if line.key:
            line.repeated = counts.get(line.key, 0)
    if seen:
        prose = sum(line.end - line.start for line in lines if line.kind is _PROSE) or 1
        known = [line for line in lines if line.key and line.key in seen]  # one look-up per line
        marked = sum(line.end - line.start for line in known if line.kind is _PROSE)
        if marked / prose < 0.4:  # a page mostly made of seen lines is a duplicate, not a template
            for line in known:
                line.seen = True
    for previous, line in pairwise(lines):
        if line.key and line.key == previous.key and line.words >= 3:
            line.doubled = previous.doubled = True
        # An image's file-name slug, then a short line: the image's caption.
        if (
            previous.kind is _SLUG
            and previous.text.isascii()
            and line.words <= 45
            and line.kind in (_PROSE, _HEADING, _SHORT)
        ):
            line.kind = _CAPTION
    _listings(lines)
    _related_state(lines, 0)


# Tuples rather than sets: a member is found by identity before any hashing.
_LISTABLE = (_HEADING, _PROSE, _SHORT)
_SUMMARY_KINDS = (_PROSE, _TEASER, _SHORT)
_STAMP_KINDS = (_DATE, _TIMESTAMP)
_LABEL_KINDS = (_SHORT, _CHROME)


def _listing_signal(lines: list[Line], index: int) -> bool:
    line = lines[index]
    if line.kind not in (_HEADING, _PROSE, _SHORT) or line.words < 3:
        return False
    if line.kind is _PROSE and not line.question and not line.doubled:
        return False
    if line.doubled:
        return True
    for step in range(index + 1, min(len(lines), index + 4)):
        following = lines[step]
        if following.kind in (_DATE, _TIMESTAMP):
            return True
        if following.kind is _SHORT and following.words <= 4:
            continue  # a category label between headline and timestamp
        return False
    return False


def _listings(lines: list[Line]) -> None:
    """Mark listing items (grouped headline+timestamp or doubled headlines) and their summaries."""
    signals = [
        index
        for index, line in enumerate(lines)
        # _listing_signal's own first tests, inline: most lines fail them
        if line.kind in _LISTABLE
        and line.words >= 3
        and (line.kind is not _PROSE or line.question or line.doubled)
        and _listing_signal(lines, index)
    ]
    if len(signals) < 2:
        return  # an item needs another one close by; without items there are no summaries either
    # prose[i]: PROSE lines before line i, so a stretch is counted in constant time.
    prose = [0]
    count = 0
    for line in lines:
        count += line.kind is _PROSE
        prose.append(count)
    listed = False
    for position, index in enumerate(signals):
        for other in signals[max(0, position - 3) : position + 4]:
            if other == index or abs(other - index) > 10 or lines[other].key == lines[index].key:
                continue
            low, high = min(index, other), max(index, other)
            # Listing items alternate with at most one summary; articles put paragraphs between.
            if prose[high] - prose[low + 1] <= 1:
                lines[index].listing = listed = True
                break
    if not listed:
        return  # a summary follows a listing item: none on this page
    for index, line in enumerate(lines):
        if line.kind not in _SUMMARY_KINDS or line.listing:
            continue
        step = index - 1
        while step >= 0 and index - step <= 4:
            before = lines[step]
            if before.listing:
                line.summary = True
                break
            if before.kind in _STAMP_KINDS or (before.kind in _LABEL_KINDS and before.words <= 4):
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
        if line.kind is _SECTION:
            related = True
        elif (
            related
            and line.kind is _PROSE
            and not line.listing
            and not line.summary
            and (line.words >= RESUME_WORDS or _next_is_prose(lines, index))
        ):
            related = False
        line.related = related


def _next_is_prose(lines: list[Line], index: int) -> bool:
    for step in range(index + 1, min(len(lines), index + 4)):
        following = lines[step]
        if following.kind in (_CAPTION, _CREDIT):
            continue
        return following.kind is _PROSE and not following.listing and not following.summary
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
        elif line.kind is _PROSE and candidates:
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
        0 <= step < len(lines) and lines[step].kind is _DATE for step in (index - 1, index + 1, index + 2)
    )


def _word_set(key: str) -> set[str]:
    return {word.strip(_PUNCT_STRIP) for word in key.split()}


def _near_duplicate(line: Line, title: Line, title_words: set[str]) -> bool:
    """A line nearly repeating the headline (an image caption or teaser of the same story)."""
    if line is title or line.key == title.key or not line.key:
        return False
    if not 0.5 * title.words <= line.words <= 1.5 * title.words + 2:
        return False
    # The overlap asked below implies that 3/5 of the headline's words recur in the line, and a word
    # that recurs is a substring of it: a cheap test that spares most lines their word set.
    if 5 * sum(map(line.key.__contains__, title_words)) < 3 * len(title_words):
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
        if following.kind is _DATE:
            return True  # a headline with its own dateline
        if following.kind not in (_CHROME, _CREDIT, _SHORT):
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
    crawl = next((line for line in lines[:3] if line.kind is _CRAWL), None)
    runs = _runs(lines)
    if not runs:
        return PageLayout(lines, [], crawl)
    anchor_run = max(runs, key=lambda run: sum(line.end - line.start for line in run))
    title = _title_above(lines, anchor_run[0].index)
    start = title.index + 1 if title is not None else anchor_run[0].index
    _related_state(lines, start)
    if title is not None:
        title_words = _word_set(title.key)
        # _near_duplicate's length test, inline: most lines fail it.
        fewest, most = 0.5 * title.words, 1.5 * title.words + 2
        for line in lines[start : start + ECHO_WINDOW]:
            if fewest <= line.words <= most and _near_duplicate(line, title, title_words):
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
            and line.headline_like  # _starts_article's first test, inline: most lines fail it
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
            if line.kind in (_CAPTION, _CREDIT) and line.index <= last_body + 3:
                article.captions.append(line)
            elif line.kind is _SOURCE:
                article.sources.append(line)
        body |= {
            line.index
            for line in lines[first_body + 1 : last_body]
            if line.index not in body and _sandwiched(lines, line, body)
        }
        # A short line right before a standalone credit, not itself running prose, describes the photo
        # ("Quang cảnh hội đàm." / "Ảnh: TTXVN").
        for caption in list(article.captions):
            if caption.kind is _CREDIT and caption.index > 1 and caption.index - 1 in body:
                before = lines[caption.index - 1]
                isolated = caption.index - 2 not in body
                if before.kind is not _PROSE or (before.words <= 20 and isolated):
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
                if line.kind is _DATE and not line.listing and line.index not in body
            ),
            key=lambda line: abs(line.index - title_index),
        )
        footer_end = stop if number + 1 < len(articles) else min(len(lines), last_body + 25)
        footer: list[Line] = []
        for line in lines[last_body + 1 : footer_end]:
            if line.kind is _SECTION:
                break
            footer.append(line)
        article.footer = [line for line in footer[:4] if line.kind is _DATE]
        known = {line.index for line in article.sources}
        article.sources.extend(line for line in footer if line.kind is _SOURCE and line.index not in known)
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
                or (line.kind in (_SHORT, _HEADING) and _capitalised(line.text, line.text.split()))
            )
        ]


def _sandwiched(lines: list[Line], line: Line, body: set[int]) -> bool:
    """Short lines and intertitles between two body paragraphs (at most four lines apart) are body too."""
    if line.kind not in (_SHORT, _HEADING) or line.listing or line.echo or line.seen or line.namelike:
        return False
    if line.related or _capitalised(line.text, line.text.split()):
        return False  # a bare name between paragraphs is a byline
    index = line.index
    before = next((step for step in range(index - 1, max(-1, index - 4), -1) if step in body), None)
    after = next((step for step in range(index + 1, min(len(lines), index + 4)) if step in body), None)
    return before is not None and after is not None and after - before <= 4
