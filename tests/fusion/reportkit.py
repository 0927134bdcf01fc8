"""Hand-built fusion reports for the fusion tests (imported by them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from thoisu.fusion.model import Report

_DEFAULTS: dict[str, Any] = {
    "group": "",
    "outlet": "",
    "published": date(2023, 4, 15),
    "code": "040",
    "source": "USA",
    "target": "VNM",
    "source_actor": "USAGOV",
    "target_actor": "VNMGOV",
    "source_person": "Antony Blinken",
    "target_person": "Bui Thanh Son",
    "first": date(2023, 4, 15),
    "last": date(2023, 4, 15),
    "basis": "explicit",
    "status": "occurred",
    "place": "VNM",
    "city": "Hanoi",
    "confidence": 0.8,
    "goldstein": 1.0,
    "quad_class": 1,
    "plover": "CONSULT",
    "attribution": None,
}


def report(article: str, seq: int = 0, **fields: Any) -> Report:
    """A report of article ``article``; group and outlet default to the article (an independent outlet)."""
    values = {**_DEFAULTS, **fields}
    values["group"] = values["group"] or article
    values["outlet"] = values["outlet"] or f"outlet-{article}"
    if "when" in values:
        first, last = values.pop("when")
        values["first"], values["last"] = first, last
    return Report(event_id=f"{article}-ev{seq}", article_id=article, **values)


def day(text: str) -> tuple[date, date]:
    value = date.fromisoformat(text)
    return value, value


def span(first: str, last: str) -> tuple[date, date]:
    return date.fromisoformat(first), date.fromisoformat(last)
