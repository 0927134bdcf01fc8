"""The records fusion works on: reports (one article's coding of an event) and fused events.

A :class:`Report` is what one article says about one event: the event coder's
output plus what fusion needs to know about the article (its outlet, and the
original it copies, if any). The real-world event they make
up, :class:`~thoisu.fusion.event.FusedEvent`, lives with the consensus it computes.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, fields
from datetime import date
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

from thoisu.fusion.codes import family

#: Hex digits of a fused event id: 60 bits, so the id is also a positive BIGINT (GDELT's GlobalEventID).
ID_DIGITS = 15


def _json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` of one scalar, without its machinery for the usual types."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def _json_day(value: date | None) -> str:
    return f'"{value.isoformat()}"' if value else "null"


def _values(record: Any) -> tuple[Any, ...]:
    """A dataclass's field values in order: what its ``__reduce__`` rebuilds it from.

    Reports and their quotes travel from worker processes inside prepared articles. An
    explicit ``__reduce__`` keeps them picklable when this module is compiled by mypyc, whose
    frozen dataclasses cannot be unpickled the default way.
    """
    return tuple(getattr(record, item.name) for item in fields(record))


@dataclass(frozen=True, slots=True)
class Quote:
    """The sentence a report rests on (its first evidence), kept so lists can show it without a join.

    Attributes:
        sentence: The sentence's text.
        trigger: The trigger's text.
        sentence_start: Where the sentence starts in the article's normalised text.
        trigger_start: Where the trigger starts in that text.
        sentence_no: The sentence's position in the article (0-based), when known.
    """

    sentence: str
    trigger: str
    sentence_start: int
    trigger_start: int
    sentence_no: int | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "sentence": self.sentence,
            "trigger": self.trigger,
            "sentence_start": self.sentence_start,
            "trigger_start": self.trigger_start,
            "sentence_no": self.sentence_no,
        }

    def __reduce__(self) -> tuple[type[Quote], tuple[Any, ...]]:
        return (Quote, _values(self))

    def json_text(self) -> str:
        """``json.dumps(self.to_json(), ensure_ascii=False)``, written directly."""
        return (
            f'{{"sentence": {_json(self.sentence)}, "trigger": {_json(self.trigger)}, '
            f'"sentence_start": {_json(self.sentence_start)}, "trigger_start": {_json(self.trigger_start)}, '
            f'"sentence_no": {_json(self.sentence_no)}}}'
        )

    @classmethod
    def from_json(cls, data: Any) -> Quote | None:
        """Inverse of :meth:`to_json` (None stays None)."""
        if data is None:
            return None
        return cls(
            str(data["sentence"]),
            str(data["trigger"]),
            int(data["sentence_start"]),
            int(data["trigger_start"]),
            None if data["sentence_no"] is None else int(data["sentence_no"]),
        )


@dataclass(frozen=True, slots=True)
class Report:
    """One article's coding of one event: a mention of a fused event.

    Attributes:
        event_id: The article-level event id (``events.event_id``).
        article_id: The article.
        group: Independence group: the original article of the article's copy cluster (the
            article itself unless it is a wire copy or re-crawl of one stored before).
        outlet: Who published the article, as a counting key (outlet name, else URL host, else
            the article id: an unknown publisher counts as one more source).
        published: The article's publication day.
        code: CAMEO code.
        source, target: Country-level actors (ISO3 or IGO codes).
        source_actor, target_actor: Finer actor codes ("CHNGOV").
        source_person, target_person: Canonical names of the persons, when named.
        first, last: The event's dates as the article gives them (None when undated).
        basis: How the coder found the date ("explicit", "discourse", "article-date"...).
        status: Factuality.
        place, city: Where it happened.
        confidence: The coder's confidence in this coding.
        goldstein, quad_class, plover: Scales of ``code``.
        attribution: The source the article cites for it.
        quote: Its first evidence sentence.
    """

    event_id: str
    article_id: str
    group: str
    outlet: str
    published: date | None
    code: str
    source: str
    target: str | None
    source_actor: str | None
    target_actor: str | None
    source_person: str | None
    target_person: str | None
    first: date | None
    last: date | None
    basis: str
    status: str
    place: str | None
    city: str | None
    confidence: float
    goldstein: float | None = None
    quad_class: int | None = None
    plover: str | None = None
    attribution: str | None = None
    quote: Quote | None = None

    def __post_init__(self) -> None:
        if len(self.code) < 2 or not self.code.isdigit():
            raise ValueError(f"report {self.event_id}: {self.code!r} is not a CAMEO code")
        if (self.first is None) != (self.last is None):
            raise ValueError(f"report {self.event_id}: a date range needs both ends")
        if self.first is not None and self.last is not None and self.last < self.first:
            raise ValueError(f"report {self.event_id}: date range ends before it starts")

    def __reduce__(self) -> tuple[type[Report], tuple[Any, ...]]:
        return (Report, _report_values(self))  # see _values

    def with_group(self, group: str) -> Report:
        """This report in another independence group (``dataclasses.replace``, without its generic cost)."""
        values = list(_report_values(self))
        values[_GROUP] = group
        return Report(*values)

    @property
    def family(self) -> str:
        """The code family (see :mod:`thoisu.fusion.codes`)."""
        return family(self.code)

    @property
    def dated(self) -> bool:
        """Whether the report gives a date."""
        return self.first is not None

    @property
    def span_days(self) -> int | None:
        """Days covered by the date range (1 for a single day), None when undated."""
        if self.first is None or self.last is None:
            return None
        return (self.last - self.first).days + 1

    @property
    def dyad(self) -> str:
        """The unordered pair of country-level actors, ``A|B`` in sorted order."""
        return "|".join(sorted((self.source, self.target or "")))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form (the store keeps a fused event's reports as JSON)."""
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "group": self.group,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "code": self.code,
            "source": self.source,
            "target": self.target,
            "source_actor": self.source_actor,
            "target_actor": self.target_actor,
            "source_person": self.source_person,
            "target_person": self.target_person,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "basis": self.basis,
            "status": self.status,
            "place": self.place,
            "city": self.city,
            "confidence": self.confidence,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": self.plover,
            "attribution": self.attribution,
            "quote": self.quote.to_json() if self.quote else None,
        }

    def json_text(self) -> str:
        """``json.dumps(self.to_json(), ensure_ascii=False)``, written directly.

        The store writes every report of every fused event a batch changes; the generic
        encoder was most of that cost. Text fields are typed ``str``; the optional ones and
        the numbers go through :func:`_json`, which writes any value as ``json.dumps`` does.
        """
        text = encode_basestring
        quote = self.quote
        return (
            f'{{"event_id": {text(self.event_id)}, "article_id": {text(self.article_id)}, '
            f'"group": {text(self.group)}, "outlet": {text(self.outlet)}, '
            f'"published": {_json_day(self.published)}, "code": {text(self.code)}, '
            f'"source": {text(self.source)}, "target": {_json(self.target)}, '
            f'"source_actor": {_json(self.source_actor)}, "target_actor": {_json(self.target_actor)}, '
            f'"source_person": {_json(self.source_person)}, "target_person": {_json(self.target_person)}, '
            f'"first": {_json_day(self.first)}, "last": {_json_day(self.last)}, '
            f'"basis": {text(self.basis)}, "status": {text(self.status)}, '
            f'"place": {_json(self.place)}, "city": {_json(self.city)}, '
            f'"confidence": {_json(self.confidence)}, "goldstein": {_json(self.goldstein)}, '
            f'"quad_class": {_json(self.quad_class)}, "plover": {_json(self.plover)}, '
            f'"attribution": {_json(self.attribution)}, '
            f'"quote": {quote.json_text() if quote is not None else "null"}}}'
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_json` output.

        Raises:
            ValueError: When a field is missing or malformed.
        """
        try:
            return cls(
                event_id=str(data["event_id"]),
                article_id=str(data["article_id"]),
                group=str(data["group"]),
                outlet=str(data["outlet"]),
                published=_day(data["published"]),
                code=str(data["code"]),
                source=str(data["source"]),
                target=data["target"],
                source_actor=data["source_actor"],
                target_actor=data["target_actor"],
                source_person=data["source_person"],
                target_person=data["target_person"],
                first=_day(data["first"]),
                last=_day(data["last"]),
                basis=str(data["basis"]),
                status=str(data["status"]),
                place=data["place"],
                city=data["city"],
                confidence=float(data["confidence"]),
                goldstein=None if data["goldstein"] is None else float(data["goldstein"]),
                quad_class=None if data["quad_class"] is None else int(data["quad_class"]),
                plover=data["plover"],
                attribution=data["attribution"],
                quote=Quote.from_json(data.get("quote")),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed fused report: {exc}") from exc


#: Every field of a report, in order (what ``Report(*values)`` takes), and where the group is.
_report_values = attrgetter(*(item.name for item in fields(Report)))
_GROUP = [item.name for item in fields(Report)].index("group")


@dataclass(frozen=True, slots=True)
class Alternative:
    """A value some reports give that the consensus did not take ("one outlet says 16/4").

    Attributes:
        value: The date (``YYYY-MM-DD`` or ``first..last``) or place (ISO3).
        outlets: The outlets that give it.
        groups: Independent sources that give it (copies of one original count once).
        conflicts: Whether it contradicts the consensus value (a date range that does not overlap
            it, another place); a vaguer range that contains it is an alternative, not a conflict.
    """

    value: str
    outlets: tuple[str, ...]
    groups: int
    conflicts: bool

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "value": self.value,
            "outlets": list(self.outlets),
            "groups": self.groups,
            "conflicts": self.conflicts,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Alternative:
        """Inverse of :meth:`to_json`."""
        return cls(str(data["value"]), tuple(data["outlets"]), int(data["groups"]), bool(data["conflicts"]))


@dataclass(frozen=True, slots=True)
class Consensus:
    """What the reports of one event agree on, with the disagreements kept.

    Attributes:
        code, source, target: The coding most independent sources give, in its orientation.
        source_actor, target_actor, source_person, target_person: The majority on each side.
        first, last: The date most independent sources support (None when no report dates it).
        date_basis: The firmest basis among the reports giving that date.
        date_alternatives: Other dates reported, with who reports them.
        envelope: The days covered by the consensus date and the short ranges that overlap it
            (a visit reported as "14-16/4" by one outlet and "14/4" by another covers 14-16/4);
            what a new report's date is compared with.
        place, city: The majority place; ``place_alternatives`` the others.
        goldstein, quad_class, plover: Scales of ``code``.
        confidence: Grows with independent sources: 1 - prod(1 - c) over independent sources,
            c being the best confidence of a source's reports.
        mentions: Reports (article-level events) of the event.
        articles: Distinct articles reporting it.
        sources: Distinct outlets reporting it.
        independent: Independent sources (copy clusters) reporting it.
        first_reported: The earliest publication day among its articles.
        headline: The event id of the report that best states the consensus (shown in lists).
        outlets: The outlets, sorted.
        attributions: The sources the articles cite for it, sorted.
    """

    code: str
    source: str
    target: str | None
    source_actor: str | None
    target_actor: str | None
    source_person: str | None
    target_person: str | None
    first: date | None
    last: date | None
    date_basis: str | None
    date_alternatives: tuple[Alternative, ...]
    envelope: tuple[date, date] | None
    place: str | None
    city: str | None
    place_alternatives: tuple[Alternative, ...]
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    confidence: float
    mentions: int
    articles: int
    sources: int
    independent: int
    first_reported: date | None
    headline: str
    outlets: tuple[str, ...]
    attributions: tuple[str, ...]

    @property
    def root(self) -> str:
        """The CAMEO root of the consensus code."""
        return self.code[:2]

    @property
    def date_disputed(self) -> bool:
        """Whether some source gives a date that contradicts the consensus."""
        return any(alternative.conflicts for alternative in self.date_alternatives)


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def fused_id_for(event_id: str) -> str:
    """The id of a fused event founded by the report ``event_id``.

    Derived from content (the founding report's id, itself a hash of the
    article and the coding), never from a counter, so ingesting the same pages
    in the same order into any store gives the same ids, and an id, once
    given, never changes as more reports join.
    """
    return hashlib.sha256(f"fused\x1f{event_id}".encode()).hexdigest()[:ID_DIGITS]


def gid_of(fused_id: str) -> int:
    """The fused id as a positive 64-bit integer (the store's key and GDELT's GlobalEventID)."""
    return int(fused_id, 16)


def fused_id_of(gid: int) -> str:
    """Inverse of :func:`gid_of`."""
    return f"{gid:0{ID_DIGITS}x}"
