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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
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


@dataclass(frozen=True, slots=True)
class DomainTable:
    """Outlet and agency domains by host, so a URL is matched by a few dictionary look-ups.

    ``entries`` maps a domain's host to ``(path prefix, length of the domain, order, name)``: the
    longest matching domain wins ("kbs.co.kr/vietnamese" over "kbs.co.kr"), then the one listed first.
    """

    entries: Mapping[str, tuple[tuple[str, int, int, str], ...]]

    @classmethod
    def build(cls, outlets: Outlets, agencies: Sequence[Agency] = ()) -> DomainTable:
        """The table of the outlets' domains, then the agencies'."""
        listed = [(domain, outlet.name) for outlet in outlets.outlets for domain in outlet.domains]
        listed.extend((domain, agency.name) for agency in agencies for domain in agency.domains)
        entries: dict[str, list[tuple[str, int, int, str]]] = {}
        for order, (domain, name) in enumerate(listed):
            host, _, path = domain.partition("/")
            entries.setdefault(host, []).append((path, len(domain), order, name))
        return cls(MappingProxyType({host: tuple(found) for host, found in entries.items()}))

    def outlet(self, url: str | None) -> str | None:
        """The outlet whose domain serves ``url``; the URL's host when no listed domain does."""
        if not url:
            return None
        host, path = _host_path(url)
        if not host:
            return None
        path = path.lstrip("/")
        best: tuple[int, int, str] | None = None
        labels = host.split(".")
        for first in range(len(labels)):  # the host itself, then each parent domain
            for prefix, size, order, name in self.entries.get(".".join(labels[first:]), ()):
                if prefix and not path.startswith(prefix):
                    continue
                if best is None or (size, -order) > (best[0], -best[1]):
                    best = (size, order, name)
        return best[2] if best is not None else host


def outlet_from_url(
    url: str | None, outlets: Outlets, agencies: Sequence[Agency] = (), table: DomainTable | None = None
) -> str | None:
    """The outlet whose domain serves ``url`` (``table``: the domains indexed once, for callers in a loop)."""
    if not url:
        return None
    return (table or DomainTable.build(outlets, agencies)).outlet(url)


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
