"""Rich renderings for the command line: articles, events, evaluation scores.

Page content is put into ``rich.text.Text`` objects, never into markup
strings, so square brackets in a news sentence cannot be taken for styles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from thoisu.evaluate import EvalResult, PrecisionRecall, Ratio
from thoisu.model import Article, Event, Span
from thoisu.service import EventRow, Summary

TRIGGER = "bold yellow"
SOURCE = "bold cyan"
TARGET = "bold magenta"


def evidence_text(article: Article, event: Event) -> Text:
    """The event's first evidence sentence, trigger and actor mentions highlighted."""
    if not event.evidence:
        return Text("(no evidence)", style="dim")
    evidence = event.evidence[0]
    sentence = evidence.sentence
    text = Text(article.span_text(sentence))
    for mention in article.mentions:
        if not sentence.contains(mention.span):
            continue
        side = _side(mention.actor, mention.canonical, event)
        if side is not None:
            text.stylize(side, mention.span.start - sentence.start, mention.span.end - sentence.start)
    _stylize(text, evidence.trigger, sentence, TRIGGER)
    return text


def _side(actor: str | None, canonical: str | None, event: Event) -> str | None:
    if canonical is not None and canonical == event.source_person:
        return SOURCE
    if canonical is not None and canonical == event.target_person:
        return TARGET
    if actor is not None and actor in (event.source, event.source_actor_code):
        return SOURCE
    if actor is not None and actor in (event.target, event.target_actor_code):
        return TARGET
    return None


def _stylize(text: Text, span: Span, within: Span, style: str) -> None:
    if within.contains(span):
        text.stylize(style, span.start - within.start, span.end - within.start)


def article_view(article: Article) -> RenderableType:
    """A heading with the article's metadata and a table of its events."""
    if article.reject is not None:
        reject = article.reject
        line = Text(f"{article.doc}", style="bold")
        line.append(f"  rejected at {reject.stage}: {reject.reason}", style="red")
        if reject.detail:
            line.append(f" ({reject.detail})", style="dim")
        return line
    heading = Text(article.title or "(no title)", style="bold")
    meta = Text(style="dim")
    meta.append(f"{article.doc}#{article.index}")
    for label, value in (
        ("published", article.published.isoformat() if article.published else None),
        ("outlet", article.outlet),
        ("sources", ", ".join(attribution.name for attribution in article.attributions) or None),
    ):
        if value:
            meta.append(f"  {label}: {value}")
    table = Table(show_lines=True, expand=True)
    table.add_column("code", no_wrap=True)
    table.add_column("who", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("evidence", ratio=1)
    for event in article.events:
        when = event.when.to_json() if event.when else "?"
        table.add_row(
            event.code,
            _who(event.source, event.target, event.source_person, event.target_person),
            Text(when if isinstance(when, str) else f"{when[0]}..{when[1]}"),
            event.status.value,
            evidence_text(article, event),
        )
    if not article.events:
        return Group(heading, meta, Text("no events", style="dim"), Text())
    return Group(heading, meta, table, Text())


def _who(source: str, target: str | None, source_person: str | None, target_person: str | None) -> Text:
    text = Text()
    text.append(source, style=SOURCE)
    if source_person:
        text.append(f" ({source_person})")
    text.append(" → ")
    text.append(target or "-", style=TARGET)
    if target_person:
        text.append(f" ({target_person})")
    return text


def events_table(rows: Sequence[EventRow], total: int | None = None) -> Table:
    """Stored events, one per row, with the trigger highlighted in the first evidence sentence."""
    caption = f"{len(rows)} of {total} events" if total is not None else None
    table = Table(show_lines=True, expand=True, caption=caption)
    table.add_column("when", max_width=12, overflow="fold")
    table.add_column("code", no_wrap=True)
    table.add_column("who", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("from", ratio=1, max_width=18)
    table.add_column("evidence", ratio=4)
    for row in rows:
        table.add_row(
            row.date or "?",
            row.code,
            _who(row.source, row.target, row.source_person, row.target_person),
            row.status,
            Text(
                " · ".join(part for part in (row.outlet, row.published and row.published.isoformat()) if part)
                or row.doc
            ),
            _row_evidence(row),
        )
    return table


#: Characters of evidence shown on each side of the trigger in the events table.
EVIDENCE_WINDOW = 90


def _row_evidence(row: EventRow) -> Text:
    """The first evidence sentence, cut to a window around its trigger so the table stays legible."""
    if not row.evidence:
        return Text("(no evidence)", style="dim")
    evidence = row.evidence[0]
    sentence, start = evidence.sentence, evidence.trigger_offset
    if start < 0 or start + len(evidence.trigger) > len(sentence):
        return Text(sentence[: 2 * EVIDENCE_WINDOW])
    left = max(0, start - EVIDENCE_WINDOW)
    right = min(len(sentence), start + len(evidence.trigger) + EVIDENCE_WINDOW)
    text = Text(("…" if left else "") + sentence[left:right] + ("…" if right < len(sentence) else ""))
    offset = start - left + (1 if left else 0)
    text.stylize(TRIGGER, offset, offset + len(evidence.trigger))
    return text


def summary_table(summary: Summary) -> Table:
    """What a store holds."""
    table = Table(title=summary.path, show_header=False)
    table.add_column("what")
    table.add_column("value")
    span = (
        f"{summary.first_event} .. {summary.last_event}"
        if summary.first_event and summary.last_event
        else "-"
    )
    for label, value in (
        ("schema", f"version {summary.schema_version}, created {summary.created or '?'}"),
        ("pages", summary.pages),
        ("articles", summary.articles),
        ("mentions", summary.mentions),
        ("events", summary.events),
        ("event dates", span),
        ("rejects", summary.rejects),
        ("runs", summary.runs),
    ):
        table.add_row(label, str(value))
    if summary.events_by_root:
        table.add_row("events by root", ", ".join(f"{root}: {n}" for root, n in summary.events_by_root))
    if summary.rejects_by_reason:
        table.add_row(
            "rejects by reason", ", ".join(f"{reason}: {n}" for reason, n in summary.rejects_by_reason)
        )
    return table


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _count(ratio: Ratio) -> str:
    return f"{ratio.hit}/{ratio.total}"


def scores_table(result: EvalResult, title: str | None = None) -> Table:
    """The gold README's scores, each with the counts behind it."""
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("score", justify="right")
    table.add_column("counts", justify="right")

    def pr(label: str, scores: PrecisionRecall, f1: bool = False) -> None:
        table.add_row(
            f"{label} precision", _score(scores.precision), f"{scores.matched_predicted}/{scores.predicted}"
        )
        table.add_row(f"{label} recall", _score(scores.recall), f"{scores.matched_gold}/{scores.gold}")
        if f1:
            table.add_row(f"{label} F1", _score(scores.f1), "")

    for label, ratio in (
        ("body pass", result.body),
        ("title", result.title),
        ("published", result.published),
    ):
        table.add_row(label, _score(ratio.value), _count(ratio))
    pr("attributions", result.attributions)
    table.add_row("entity recall", _score(result.entities.value), _count(result.entities))
    pr("events", result.events, f1=True)
    table.add_row("status agreement", _score(result.status_agreement.value), _count(result.status_agreement))
    table.add_row(
        "source actor agreement", _score(result.actor_agreement.value), _count(result.actor_agreement)
    )
    table.add_row("expected rejects made", _score(result.rejects.value), _count(result.rejects))
    if result.unexpected_rejects:
        table.add_row(
            "unexpected rejects", str(len(result.unexpected_rejects)), ", ".join(result.unexpected_rejects)
        )
    if result.unscored:
        table.add_row("docs not in gold", str(len(result.unscored)), "")
    return table


def misses_table(result: EvalResult) -> Table:
    """Every missed gold event and every extra prediction, per document."""
    table = Table(title="event misses and extras", show_lines=True, expand=True)
    table.add_column("doc", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("root/code", no_wrap=True)
    table.add_column("who")
    table.add_column("when", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("note / evidence", ratio=1)
    for doc in result.docs:
        for gold in doc.events.missed:
            kind = Text("missed", style="red") if gold.required else Text("missed (optional)", style="dim")
            table.add_row(
                doc.doc,
                kind,
                gold.code or gold.root,
                _who(gold.source, gold.target, gold.source_actor, gold.target_actor),
                _when(gold.date.to_json()),
                gold.status or "",
                Text(gold.note or ""),
            )
        for extra in doc.events.extras:
            table.add_row(
                doc.doc,
                Text("extra", style="yellow"),
                extra.code or extra.root,
                _who(extra.source, extra.target, extra.source_actor, extra.target_actor),
                _when(extra.date.to_json() if extra.date else None),
                extra.status or "",
                Text(extra.evidence or ""),
            )
    return table


def page_checks_table(result: EvalResult) -> Table:
    """Documents that failed a page check (body, title, date, attributions, entities, rejection)."""
    table = Table(title="page check failures", show_lines=True, expand=True)
    table.add_column("doc", overflow="fold")
    table.add_column("check", no_wrap=True)
    table.add_column("detail", ratio=1)
    for doc in result.docs:
        if not doc.predicted and doc.expect_reject is None:
            # Every check failed for want of an article; listing them all would bury the cause.
            cause = f"rejected: {', '.join(doc.rejected)}" if doc.rejected else "no prediction for this doc"
            table.add_row(doc.doc, "no article", Text(cause))
            continue
        rows: list[tuple[str, str]] = []
        if doc.body_ok is False:
            rows += [("body missing", text) for text in doc.body_missing]
            rows += [("body leaked", text) for text in doc.body_leaked]
        if doc.title_ok is False:
            rows.append(("title", doc.title or "(none)"))
        if doc.published_ok is False:
            rows.append(("published", doc.published.isoformat() if doc.published else "(none)"))
        rows += [("attribution missing", name) for name in doc.attributions_missing]
        rows += [("attribution extra", name) for name in doc.attributions_extra]
        rows += [("entity missed", f"{entity.text} ({entity.type})") for entity in doc.entities_missed]
        if doc.reject_ok is False:
            rows.append(("not rejected", f"expected reject: {doc.expect_reject}"))
        for check, detail in rows:
            table.add_row(doc.doc, check, Text(detail))
    return table


def _when(value: str | list[str] | None) -> str:
    if value is None:
        return "?"
    return value if isinstance(value, str) else f"{value[0]}..{value[1]}"


def counts_line(parts: Iterable[tuple[str, int]]) -> str:
    """``"5 pages, 6 articles, ..."`` from label/count pairs."""
    return ", ".join(f"{count} {label}" for label, count in parts)
