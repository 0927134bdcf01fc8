"""Scoring predictions against gold files, exactly as the gold README defines it.

The rules (``shared/gold/README.md``, "Scoring") in brief: text is compared
after NFC, whitespace folding and case folding; a page passes the body check
when every ``body_must_include`` string is in the body and no
``body_must_exclude`` string is; titles match exactly; a published day matches
exactly, and a ``null`` gold accepts ``null`` or a day inside
``published_range``; attributions are scored by precision and recall over
canonical names with the README's aliases folded; entities by recall (same
text and type, countries agreeing where both give one); events by one-to-one
matching (same root; same source and target, or reversed for roots 03, 04 and
05; dates agreeing as below), recall over required gold events and precision
over all predictions.

Where the README leaves a choice open, this module decides as follows and
says so here:

- Several records with the same ``doc`` are merged: events, bodies, entities
  and attributions pooled; title and publication date from the first accepted
  record (rejection records contribute nothing).
- A gold document with no accepted prediction (none given, or all rejected)
  fails every page check, including a ``null`` publication date: a missing
  answer is not the answer "unknown".
- The three-day rule ("a predicted range of at most three days that contains
  a gold day") applies when the gold date is a single day.
- Matching is an exact maximum bipartite matching (augmenting paths) that
  visits required gold events first: no other one-to-one assignment matches
  more required events, and none matches more events overall. Among equally
  good assignments, candidates are tried in order of closeness (same
  orientation, same code, same source actor, same status, same dates).
- ``status`` agreement is counted over matched pairs whose gold gives a status;
  ``source_actor`` agreement over matched pairs whose gold names the actor on
  the predicted source's side (the gold target actor for a reversed match).
- A gold record with ``"expect_reject": "<reason>"`` passes when every record
  predicted for its doc is a rejection; it takes no part in the page checks,
  and events predicted for it count against precision.
- Ratios with nothing to count are ``None`` (shown as n/a), never a made-up 0 or 1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from thoisu.errors import GoldError, ResourceError
from thoisu.lang.resource import load_toml
from thoisu.model import DateRange, Status

#: Roots where both sides act (cooperate, consult, engage), so reversed actors still match.
SYMMETRIC_ROOTS = frozenset({"03", "04", "05"})
#: How far a gold date is widened on each side.
DATE_SLACK = timedelta(days=1)
#: Longest predicted range (in days) that may match by merely containing a gold day.
SHORT_RANGE_DAYS = 3

_ENTITY_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
_STATUSES = frozenset(status.value for status in Status)
_ROOT = re.compile(r"^(0[1-9]|1\d|20)$")


# ---------------------------------------------------------------- text


def normalise_text(text: str) -> str:
    """The comparison key: NFC, whitespace folded to single spaces, case folded."""
    folded = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return unicodedata.normalize("NFC", folded)


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[str, str], ...]:
    data = load_toml("thoisu", "agency_aliases.toml")
    entries = data.get("agency")
    if not isinstance(entries, list):
        raise ResourceError("thoisu/agency_aliases.toml: needs [[agency]] entries")
    pairs: list[tuple[str, str]] = []
    for number, entry in enumerate(entries, 1):
        canonical = entry.get("canonical") if isinstance(entry, dict) else None
        aliases = entry.get("aliases") if isinstance(entry, dict) else None
        if not isinstance(canonical, str) or not isinstance(aliases, list):
            raise ResourceError(
                f"thoisu/agency_aliases.toml: agency #{number} needs 'canonical' and 'aliases'"
            )
        key = normalise_text(canonical)
        pairs.append((key, key))
        for alias in aliases:
            if not isinstance(alias, str):
                raise ResourceError(
                    f"thoisu/agency_aliases.toml: agency {canonical!r} has a non-string alias"
                )
            pairs.append((normalise_text(alias), key))
    return tuple(pairs)


def attribution_key(name: str) -> str:
    """The canonical comparison key of a source name (aliases folded)."""
    key = normalise_text(name)
    return dict(_aliases()).get(key, key)


# ---------------------------------------------------------------- gold


@dataclass(slots=True, frozen=True)
class GoldEntity:
    """A gold entity mention."""

    text: str
    type: str
    country: str | None = None
    canonical: str | None = None


@dataclass(slots=True, frozen=True)
class GoldEvent:
    """A gold event; ``required`` ones count for recall."""

    source: str
    target: str | None
    root: str
    date: DateRange
    code: str | None = None
    status: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    where: str | None = None
    required: bool = True
    note: str | None = None


@dataclass(slots=True, frozen=True)
class GoldDoc:
    """The gold record of one input document."""

    doc: str
    title: str | None = None
    published: date | None = None
    published_range: DateRange | None = None
    scores_published: bool = True
    outlet: str | None = None
    author: str | None = None
    attributions: tuple[str, ...] = ()
    body_must_include: tuple[str, ...] = ()
    body_must_exclude: tuple[str, ...] = ()
    entities: tuple[GoldEntity, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    expect_reject: str | None = None


def load_gold(path: Path) -> list[GoldDoc]:
    """Read and check a gold file (a JSON array of records).

    Raises:
        GoldError: When the file is missing, not JSON, or breaks the schema; the message names the record.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise GoldError(f"gold file {path} is not valid JSON: {exc}") from exc
    return parse_gold(data, str(path))


def parse_gold(data: Any, name: str = "gold") -> list[GoldDoc]:
    """Check parsed gold JSON and turn it into typed records.

    Raises:
        GoldError: On any schema problem, naming the record and field.
    """
    if not isinstance(data, list):
        raise GoldError(f"{name}: a gold file is a JSON array of records")
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for number, record in enumerate(data, 1):
        where = f"{name}: record {number}"
        if not isinstance(record, dict):
            raise GoldError(f"{where} is not an object")
        doc = _gold_doc(record, where)
        if doc.doc in seen:
            raise GoldError(f"{where}: doc {doc.doc!r} appears twice")
        seen.add(doc.doc)
        docs.append(doc)
    return docs


def _gold_doc(record: dict[str, Any], where: str) -> GoldDoc:
    doc = _text(record, "doc", where, required=True)
    assert doc is not None
    where = f"{where} ({doc})"
    expect_reject = _text(record, "expect_reject", where)
    published = _day(record.get("published"), f"{where}: published")
    bounds = record.get("published_range")
    published_range = _range(bounds, f"{where}: published_range") if bounds is not None else None
    return GoldDoc(
        doc=doc,
        title=_text(record, "title", where),
        published=published,
        published_range=published_range,
        scores_published="published" in record,
        outlet=_text(record, "outlet", where),
        author=_text(record, "author", where),
        attributions=_texts(record, "attributions", where),
        body_must_include=_texts(record, "body_must_include", where),
        body_must_exclude=_texts(record, "body_must_exclude", where),
        entities=tuple(
            _gold_entity(item, f"{where}: entity {i}") for i, item in _items(record, "entities", where)
        ),
        events=tuple(_gold_event(item, f"{where}: event {i}") for i, item in _items(record, "events", where)),
        expect_reject=expect_reject,
    )


def _gold_entity(item: Any, where: str) -> GoldEntity:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    text = _text(item, "text", where, required=True)
    kind = _text(item, "type", where, required=True)
    if kind not in _ENTITY_TYPES:
        raise GoldError(f"{where}: type must be one of {sorted(_ENTITY_TYPES)}, not {kind!r}")
    assert text is not None and kind is not None
    return GoldEntity(text, kind, _code(item, "country", where), _text(item, "canonical", where))


def _gold_event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    source = _code(item, "source", where, required=True)
    code = _text(item, "code", where)
    root = _text(item, "root", where) or (code[:2] if code else None)
    if root is None or not _ROOT.match(root):
        raise GoldError(f"{where}: root must be a CAMEO root '01'..'20', not {root!r}")
    if code is not None and not code.startswith(root):
        raise GoldError(f"{where}: code {code!r} does not belong to root {root!r}")
    when = _date_value(item.get("date"), f"{where}: date")
    if when is None:
        raise GoldError(f"{where}: date is required (a day, or [first, last] when the text only bounds it)")
    status = _text(item, "status", where)
    if status is not None and status not in _STATUSES:
        raise GoldError(f"{where}: status must be one of {sorted(_STATUSES)}, not {status!r}")
    required = item.get("required", True)
    if not isinstance(required, bool):
        raise GoldError(f"{where}: required must be true or false")
    assert source is not None
    return GoldEvent(
        source=source,
        target=_code(item, "target", where),
        root=root,
        date=when,
        code=code,
        status=status,
        source_actor=_text(item, "source_actor", where),
        target_actor=_text(item, "target_actor", where),
        where=_code(item, "where", where),
        required=required,
        note=_text(item, "note", where),
    )


# ---------------------------------------------------------------- predictions


@dataclass(slots=True, frozen=True)
class PredictedEntity:
    """A predicted entity mention."""

    text: str
    type: str
    country: str | None = None


@dataclass(slots=True, frozen=True)
class PredictedEvent:
    """A predicted event as the scorer sees it."""

    source: str
    target: str | None
    root: str
    date: DateRange | None
    code: str | None = None
    status: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    where: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class PredictedDoc:
    """Every record predicted for one ``doc``, merged."""

    doc: str
    accepted: int = 0
    rejects: list[str] = field(default_factory=list)
    title: str | None = None
    published: date | None = None
    bodies: list[str] = field(default_factory=list)
    attributions: list[str] = field(default_factory=list)
    entities: list[PredictedEntity] = field(default_factory=list)
    events: list[PredictedEvent] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The pooled body of every article of the page."""
        return "\n".join(self.bodies)

    @property
    def rejected(self) -> bool:
        """Whether the page was rejected outright (no article survived)."""
        return self.accepted == 0 and bool(self.rejects)


def load_predictions(path: Path) -> list[dict[str, Any]]:
    """Read a predictions file (JSON Lines, one object per article).

    Raises:
        GoldError: When the file cannot be read or a line is not a JSON object.
    """
    records: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise GoldError(f"{path}: line {number} is not JSON: {exc}") from exc
                if not isinstance(record, dict):
                    raise GoldError(f"{path}: line {number} is not a JSON object")
                records.append(record)
    except OSError as exc:
        raise GoldError(f"cannot read predictions {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: predictions must be UTF-8 ({exc})") from exc
    return records


def merge_predictions(records: Iterable[Mapping[str, Any]]) -> dict[str, PredictedDoc]:
    """Group records by ``doc``, pooling what several articles of one page predict.

    Raises:
        GoldError: When a record breaks the predicted-output schema.
    """
    docs: dict[str, PredictedDoc] = {}
    for number, record in enumerate(records, 1):
        where = f"prediction {number}"
        doc = _text(record, "doc", where, required=True)
        assert doc is not None
        where = f"{where} ({doc})"
        merged = docs.setdefault(doc, PredictedDoc(doc))
        reject = record.get("reject")
        if isinstance(reject, dict):
            reject = reject.get("reason")
        if reject:
            merged.rejects.append(str(reject))
            continue
        if merged.accepted == 0:
            merged.title = _text(record, "title", where)
            merged.published = _day(record.get("published"), f"{where}: published")
        merged.accepted += 1
        body = _text(record, "body", where)
        if body:
            merged.bodies.append(body)
        for name in _texts(record, "attributions", where):
            if name not in merged.attributions:
                merged.attributions.append(name)
        for i, item in _items(record, "entities", where):
            merged.entities.append(_predicted_entity(item, f"{where}: entity {i}"))
        for i, item in _items(record, "events", where):
            merged.events.append(_predicted_event(item, f"{where}: event {i}"))
    return docs


def _predicted_entity(item: Any, where: str) -> PredictedEntity:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    text = _text(item, "text", where, required=True)
    kind = _text(item, "type", where, required=True)
    assert text is not None and kind is not None
    return PredictedEntity(text, kind, _code(item, "country", where))


def _predicted_event(item: Any, where: str) -> PredictedEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    code = _text(item, "code", where)
    root = _text(item, "root", where) or (code[:2] if code else None)
    if root is None:
        raise GoldError(f"{where}: needs 'root' or 'code'")
    source = _code(item, "source", where, required=True)
    assert source is not None
    evidence = item.get("evidence")
    sentence = None
    if isinstance(evidence, list) and evidence and isinstance(evidence[0], dict):
        first = evidence[0].get("sentence")
        sentence = first if isinstance(first, str) else None
    return PredictedEvent(
        source=source,
        target=_code(item, "target", where),
        root=root,
        date=_date_value(item.get("date"), f"{where}: date"),
        code=code,
        status=_text(item, "status", where),
        source_actor=_text(item, "source_actor", where),
        target_actor=_text(item, "target_actor", where),
        where=_code(item, "where", where),
        evidence=sentence,
    )


# ---------------------------------------------------------------- event matching


def date_agrees(predicted: DateRange, gold: DateRange) -> bool:
    """The README's date rule.

    Every predicted day must lie in the gold day or range widened by one day on
    each side; or, for a gold day, a predicted range of at most three days may
    simply contain it.
    """
    if gold.first - DATE_SLACK <= predicted.first and predicted.last <= gold.last + DATE_SLACK:
        return True
    short = (predicted.last - predicted.first).days < SHORT_RANGE_DAYS
    return gold.is_day and short and predicted.first <= gold.first <= predicted.last


def orientation(predicted: PredictedEvent, gold: GoldEvent) -> bool | None:
    """How ``predicted`` matches ``gold``: False as given, True reversed, None not at all."""
    if predicted.date is None or predicted.root != gold.root or not date_agrees(predicted.date, gold.date):
        return None
    if (predicted.source, predicted.target) == (gold.source, gold.target):
        return False
    if gold.root in SYMMETRIC_ROOTS and (predicted.source, predicted.target) == (gold.target, gold.source):
        return True
    return None


@dataclass(slots=True, frozen=True)
class EventMatch:
    """A gold event and the prediction matched to it."""

    gold: GoldEvent
    predicted: PredictedEvent
    reversed: bool

    @property
    def gold_source_actor(self) -> str | None:
        """The gold actor on the predicted source's side."""
        return self.gold.target_actor if self.reversed else self.gold.source_actor


@dataclass(slots=True, frozen=True)
class EventAlignment:
    """The outcome of matching one document's events."""

    matches: tuple[EventMatch, ...]
    missed: tuple[GoldEvent, ...]
    extras: tuple[PredictedEvent, ...]


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent]) -> EventAlignment:
    """One-to-one maximum matching, required gold events first (see the module notes)."""
    candidates: dict[int, list[tuple[int, bool]]] = {}
    for g, gold_event in enumerate(gold):
        options = [
            (p, way)
            for p, event in enumerate(predicted)
            if (way := orientation(event, gold_event)) is not None
        ]
        options.sort(key=lambda option: _closeness(gold_event, predicted[option[0]], option[1]))
        candidates[g] = options
    owner: dict[int, tuple[int, bool]] = {}  # predicted index -> (gold index, reversed)

    def augment(g: int, visited: set[int]) -> bool:
        for p, way in candidates[g]:
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or augment(owner[p][0], visited):
                owner[p] = (g, way)
                return True
        return False

    order = sorted(range(len(gold)), key=lambda g: (not gold[g].required, g))
    for g in order:
        augment(g, set())
    by_gold = {g: (p, way) for p, (g, way) in owner.items()}
    matches = tuple(EventMatch(gold[g], predicted[p], way) for g, (p, way) in sorted(by_gold.items()))
    missed = tuple(event for g, event in enumerate(gold) if g not in by_gold)
    extras = tuple(event for p, event in enumerate(predicted) if p not in owner)
    return EventAlignment(matches, missed, extras)


def _closeness(gold: GoldEvent, predicted: PredictedEvent, reversed_: bool) -> tuple[int, ...]:
    gold_actor = gold.target_actor if reversed_ else gold.source_actor
    return (
        int(reversed_),
        int(gold.code is not None and predicted.code != gold.code),
        int(_norm(gold_actor) != _norm(predicted.source_actor)),
        int(gold.status is not None and predicted.status != gold.status),
        int(predicted.date != gold.date),
    )


# ---------------------------------------------------------------- results


@dataclass(slots=True, frozen=True)
class Ratio:
    """``hit`` out of ``total``; ``value`` is None when there is nothing to count."""

    hit: int
    total: int

    @property
    def value(self) -> float | None:
        """The proportion, or None for an empty denominator."""
        return self.hit / self.total if self.total else None


@dataclass(slots=True, frozen=True)
class PrecisionRecall:
    """Precision over predictions, recall over (required) gold items."""

    matched_predicted: int
    predicted: int
    matched_gold: int
    gold: int

    @property
    def precision(self) -> float | None:
        """Matched predictions over predictions (None without predictions)."""
        return self.matched_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Matched gold items over gold items (None without gold items)."""
        return self.matched_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean; a missing side counts as 0 unless both are missing."""
        if self.precision is None and self.recall is None:
            return None
        precision, recall = self.precision or 0.0, self.recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True, frozen=True)
class DocResult:
    """What was right and wrong on one gold document.

    Attributes:
        doc: The gold ``doc``.
        predicted: Whether at least one article of the page was accepted (not rejected).
        rejected: Reasons of the page's rejected records.
        expect_reject: The gold's expected rejection reason, for pages that should be dropped.
        body_ok, title_ok, published_ok: Page checks; None where the gold gives nothing to check.
        body_missing / body_leaked: Required strings not found / boilerplate strings found in the body.
        title, published: What was predicted.
        attributions_missing / attributions_extra: Gold names not predicted / predicted names not in gold.
        entities_missed: Gold entities no prediction matched.
        events: Matched pairs, missed gold events and extra predictions.
    """

    doc: str
    predicted: bool
    rejected: tuple[str, ...]
    expect_reject: str | None
    body_ok: bool | None
    body_missing: tuple[str, ...]
    body_leaked: tuple[str, ...]
    title_ok: bool | None
    title: str | None
    published_ok: bool | None
    published: date | None
    attributions_missing: tuple[str, ...]
    attributions_extra: tuple[str, ...]
    entities_missed: tuple[GoldEntity, ...]
    events: EventAlignment

    @property
    def reject_ok(self) -> bool | None:
        """For a page expected to be rejected: whether it was."""
        if self.expect_reject is None:
            return None
        return bool(self.rejected) and not self.predicted


@dataclass(slots=True, frozen=True)
class EvalResult:
    """Corpus-level scores and the per-document details behind them."""

    docs: tuple[DocResult, ...]
    body: Ratio
    title: Ratio
    published: Ratio
    attributions: PrecisionRecall
    entities: Ratio
    events: PrecisionRecall
    status_agreement: Ratio
    actor_agreement: Ratio
    rejects: Ratio
    unexpected_rejects: tuple[str, ...]
    unscored: tuple[str, ...]

    def scores(self) -> dict[str, float | int | None]:
        """The headline numbers as a flat mapping (for JSON output and benchmarks)."""
        return {
            "docs": len(self.docs),
            "body": self.body.value,
            "title": self.title.value,
            "published": self.published.value,
            "attributions_precision": self.attributions.precision,
            "attributions_recall": self.attributions.recall,
            "entity_recall": self.entities.value,
            "events_precision": self.events.precision,
            "events_recall": self.events.recall,
            "events_f1": self.events.f1,
            "events_predicted": self.events.predicted,
            "events_required": self.events.gold,
            "status_agreement": self.status_agreement.value,
            "actor_agreement": self.actor_agreement.value,
            "rejects_expected_made": self.rejects.value,
            "unexpected_rejects": len(self.unexpected_rejects),
        }


# ---------------------------------------------------------------- scoring


def evaluate(gold: Sequence[GoldDoc], predictions: Iterable[Mapping[str, Any]]) -> EvalResult:
    """Score ``predictions`` (predicted-output records) against ``gold``.

    Raises:
        GoldError: When a prediction record breaks the schema.
    """
    merged = merge_predictions(predictions)
    results = tuple(_score_doc(doc, merged.get(doc.doc)) for doc in gold)
    pages = [result for result, doc in zip(results, gold, strict=True) if doc.expect_reject is None]
    attribution_counts = [
        _attribution_counts(doc, merged.get(doc.doc)) for doc in gold if doc.expect_reject is None
    ]
    matches = [match for result in results for match in result.events.matches]
    required = [event for doc in gold for event in doc.events if event.required]
    with_status = [m for m in matches if m.gold.status is not None]
    with_actor = [m for m in matches if m.gold_source_actor is not None]
    expected = [result for result in results if result.expect_reject is not None]
    gold_docs = {doc.doc for doc in gold}
    return EvalResult(
        docs=results,
        body=_ratio(result.body_ok for result in pages),
        title=_ratio(result.title_ok for result in pages),
        published=_ratio(result.published_ok for result in pages),
        attributions=PrecisionRecall(
            matched_predicted=sum(counts[0] for counts in attribution_counts),
            predicted=sum(counts[1] for counts in attribution_counts),
            matched_gold=sum(counts[0] for counts in attribution_counts),
            gold=sum(counts[2] for counts in attribution_counts),
        ),
        entities=Ratio(
            sum(len(doc.entities) - len(result.entities_missed) for doc, result in _paired(gold, results)),
            sum(len(doc.entities) for doc, _ in _paired(gold, results)),
        ),
        events=PrecisionRecall(
            matched_predicted=len(matches),
            predicted=sum(len(result.events.matches) + len(result.events.extras) for result in results),
            matched_gold=sum(1 for match in matches if match.gold.required),
            gold=len(required),
        ),
        status_agreement=Ratio(
            sum(1 for m in with_status if m.predicted.status == m.gold.status), len(with_status)
        ),
        actor_agreement=Ratio(
            sum(1 for m in with_actor if _norm(m.predicted.source_actor) == _norm(m.gold_source_actor)),
            len(with_actor),
        ),
        rejects=Ratio(sum(1 for result in expected if result.reject_ok), len(expected)),
        unexpected_rejects=tuple(result.doc for result in pages if result.rejected and not result.predicted),
        unscored=tuple(sorted(doc for doc in merged if doc not in gold_docs)),
    )


def _paired(gold: Sequence[GoldDoc], results: Sequence[DocResult]) -> Iterable[tuple[GoldDoc, DocResult]]:
    return ((doc, result) for doc, result in zip(gold, results, strict=True) if doc.expect_reject is None)


def _score_doc(gold: GoldDoc, predicted: PredictedDoc | None) -> DocResult:
    accepted = predicted is not None and predicted.accepted > 0
    events = match_events(gold.events, predicted.events if predicted else ())
    rejected = tuple(predicted.rejects) if predicted is not None else ()
    if gold.expect_reject is not None:
        return DocResult(
            doc=gold.doc,
            predicted=accepted,
            rejected=rejected,
            expect_reject=gold.expect_reject,
            body_ok=None,
            body_missing=(),
            body_leaked=(),
            title_ok=None,
            title=predicted.title if predicted else None,
            published_ok=None,
            published=None,
            attributions_missing=(),
            attributions_extra=(),
            entities_missed=(),
            events=events,
        )
    body = normalise_text(predicted.body) if predicted is not None and accepted else None
    missing = tuple(
        text for text in gold.body_must_include if body is None or normalise_text(text) not in body
    )
    leaked = tuple(
        text for text in gold.body_must_exclude if body is not None and normalise_text(text) in body
    )
    has_body_check = bool(gold.body_must_include or gold.body_must_exclude)
    title = predicted.title if predicted is not None else None
    published = predicted.published if predicted is not None else None
    gold_keys = {attribution_key(name): name for name in gold.attributions}
    predicted_names = predicted.attributions if predicted is not None else []
    predicted_keys = {attribution_key(name): name for name in predicted_names}
    return DocResult(
        doc=gold.doc,
        predicted=accepted,
        rejected=rejected,
        expect_reject=None,
        body_ok=(accepted and not missing and not leaked) if has_body_check else None,
        body_missing=missing,
        body_leaked=leaked,
        title_ok=(accepted and _norm(title) == _norm(gold.title)) if gold.title is not None else None,
        title=title,
        published_ok=(accepted and _published_ok(gold, published)) if gold.scores_published else None,
        published=published,
        attributions_missing=tuple(name for key, name in gold_keys.items() if key not in predicted_keys),
        attributions_extra=tuple(name for key, name in predicted_keys.items() if key not in gold_keys),
        entities_missed=tuple(
            entity
            for entity in gold.entities
            if not _entity_found(entity, predicted.entities if predicted else [])
        ),
        events=events,
    )


def _published_ok(gold: GoldDoc, predicted: date | None) -> bool:
    if gold.published is not None:
        return predicted == gold.published
    if predicted is None:
        return True
    bounds = gold.published_range
    return bounds is not None and bounds.first <= predicted <= bounds.last


def _entity_found(entity: GoldEntity, predicted: Sequence[PredictedEntity]) -> bool:
    key = normalise_text(entity.text)
    return any(
        normalise_text(candidate.text) == key
        and candidate.type == entity.type
        and (entity.country is None or candidate.country is None or candidate.country == entity.country)
        for candidate in predicted
    )


def _attribution_counts(gold: GoldDoc, predicted: PredictedDoc | None) -> tuple[int, int, int]:
    """(matched, predicted, gold) distinct canonical names on one page."""
    gold_keys = {attribution_key(name) for name in gold.attributions}
    names = predicted.attributions if predicted is not None and predicted.accepted else []
    predicted_keys = {attribution_key(name) for name in names}
    return len(gold_keys & predicted_keys), len(predicted_keys), len(gold_keys)


def _ratio(checks: Iterable[bool | None]) -> Ratio:
    counted = [check for check in checks if check is not None]
    return Ratio(sum(1 for check in counted if check), len(counted))


def _norm(text: str | None) -> str | None:
    return normalise_text(text) if text is not None else None


# ---------------------------------------------------------------- schema helpers


def _text(record: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise GoldError(f"{where}: '{key}' is required")
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise GoldError(
            f"{where}: '{key}' must be a non-empty string"
            if required
            else f"{where}: '{key}' must be a string"
        )
    return value


def _code(record: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = _text(record, key, where, required=required)
    return value.strip().upper() if value else None


def _texts(record: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise GoldError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _items(record: Mapping[str, Any], key: str, where: str) -> Iterable[tuple[int, Any]]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GoldError(f"{where}: '{key}' must be a list")
    return enumerate(value, 1)


def _day(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoldError(f"{where}: a date is 'YYYY-MM-DD' or null, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise GoldError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


def _range(value: Any, where: str) -> DateRange:
    if not isinstance(value, list) or len(value) != 2:
        raise GoldError(f"{where}: a range is [first, last], not {value!r}")
    first, last = _day(value[0], where), _day(value[1], where)
    if first is None or last is None:
        raise GoldError(f"{where}: a range needs both ends")
    if last < first:
        raise GoldError(f"{where}: the range ends before it starts")
    return DateRange(first, last)


def _date_value(value: Any, where: str) -> DateRange | None:
    """An event date: a day, a [first, last] range, or null."""
    if value is None:
        return None
    if isinstance(value, list):
        return _range(value, where)
    day = _day(value, where)
    return DateRange.day(day) if day is not None else None
