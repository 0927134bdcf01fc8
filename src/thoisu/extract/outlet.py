"""The publisher of a page and the article's byline.

The outlet comes, in order of trust, from the URL's domain, from a template
signature only that outlet's pages carry (``outlets.toml``: KBS's
"Write: ... Update: ..." stamp, VietnamPlus's closing "(TTXVN/Vietnam+)"), or
from a self-reference in the page chrome ("Theo dõi Baoquocte.vn trên" names
the site whose Google News button it is). An outlet nobody listed keeps the
name the page gives it ("Theo dõi VGT trên" -> "VGT").

Bylines are short name lines near the headline or right after the body
("Nguyễn Hằng"), staff credits ("PV", "Nhóm PV"), or a closing "Theo X" /
"X (tổng hợp)" where X is a person rather than an agency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from thoisu.extract.resources import Agency, Outlets

_FOLLOW = re.compile(r"^theo dõi (?:trang )?(.{2,40}?) trên\b", re.IGNORECASE)
_COMPILED_BY = re.compile(r"^(.{2,50}?) \((?:tổng hợp|t/h|th|theo [^()]{2,50})\)\.?$", re.IGNORECASE)
_THEO = re.compile(r"^\(?\s?theo\s([^()]{2,50}?)\s?\)?\.?$", re.IGNORECASE)
_LABEL = re.compile(
    r"^(?:tác giả|bài|bài và ảnh|bài, ảnh|thực hiện|ghi chép)\s?:\s?(.{2,60})$", re.IGNORECASE
)
_SLASH_BYLINE = re.compile(r"^([^/]{2,40})/\s?[^/]{2,40}$")
#: A line memo holding this many lines is emptied before it grows further (bounds its memory).
MEMO_LINES = 20_000


def _host_path(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:
        return "", ""
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host, parts.path or "/"


def outlet_from_url(url: str | None, outlets: Outlets, agencies: Sequence[Agency] = ()) -> str | None:
    """The outlet whose domain serves ``url``."""
    if not url:
        return None
    host, path = _host_path(url)
    if not host:
        return None
    best: tuple[int, str] | None = None
    candidates: list[tuple[str, str]] = [
        (domain, outlet.name) for outlet in outlets.outlets for domain in outlet.domains
    ]
    candidates.extend((domain, agency.name) for agency in agencies for domain in agency.domains)
    for domain, name in candidates:
        domain_host, _, domain_path = domain.partition("/")
        if host != domain_host and not host.endswith("." + domain_host):
            continue
        if domain_path and not path.lstrip("/").startswith(domain_path):
            continue
        if best is None or len(domain) > best[0]:
            best = (len(domain), name)
    if best is not None:
        return best[1]
    return host


#: What one line says about its outlet: the index of the outlet whose signature it carries, and the
#: name in a "Theo dõi X trên" line.
LineOutlet = tuple[int | None, str | None]


def outlet_from_lines(
    lines: Iterable[str], outlets: Outlets, memo: dict[str, LineOutlet] | None = None
) -> str | None:
    """The outlet a page's own lines reveal: template signatures first, then "Theo dõi X trên".

    Args:
        lines: The lines to read (the top and bottom of a page carry the template).
        outlets: The outlet table.
        memo: What lines met before said, filled as lines are read; a caller that keeps it across
            pages (the stage does) reads an outlet's template lines once. It must only ever be used
            with the same ``outlets``; it is emptied when it holds :data:`MEMO_LINES` lines.
    """
    follow: str | None = None
    for line in lines:
        if len(line) > 200:
            continue
        if memo is None:
            signature, named = _line_outlet(line, outlets)
        else:
            found = memo.get(line)
            if found is None:
                found = _line_outlet(line, outlets)
                if len(memo) >= MEMO_LINES:
                    memo.clear()
                memo[line] = found
            signature, named = found
        if signature is not None:
            return outlets.outlets[signature].name
        if follow is None:
            follow = named
    if follow is None:
        return None
    known = outlets.by_alias.get(follow.casefold())
    return known.name if known is not None else follow


def _line_outlet(line: str, outlets: Outlets) -> LineOutlet:
    match = outlets.signature_pattern.search(line)
    if match is not None and match.lastgroup is not None:
        return int(match.lastgroup[1:]), None
    match = _FOLLOW.match(line)
    return None, match.group(1).strip() if match else None


def byline_names(lines: Iterable[str], outlets: Outlets) -> list[str]:
    """Author names from byline lines, in page order, without repeats."""
    names: list[str] = []
    for line in lines:
        text = line.strip()
        for pattern in (_LABEL, _COMPILED_BY, _THEO):
            match = pattern.match(text)
            if match:
                text = match.group(1).strip()
                break
        slash = _SLASH_BYLINE.match(text)
        if slash:  # "Thu Trang/VOV-Bắc Kinh": the name before the outlet
            text = slash.group(1).strip()
        if text and text not in names:
            names.append(text)
    return names


def staff_credit(line: str, outlets: Outlets) -> bool:
    """Whether ``line`` is a staff credit ("PV", "Nhóm PV")."""
    return line.strip().casefold() in outlets.staff_bylines
