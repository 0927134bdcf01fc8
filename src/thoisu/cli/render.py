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
from thoisu.service import (
    ActorCount,
    ArticleDetail,
    EventDetail,
    EventRow,
    EvidenceRow,
    MentionRow,
    Summary,
    TrendPoint,
)

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


def _sources(row: EventRow) -> Text:
    """``3 src · 4 rep``: independent sources and reports, dim when a single report."""
    text = Text(f"{row.independent} src · {row.mentions} rep")
    if row.mentions == 1:
        text.stylize("dim")
    return text


def _event_when(row: EventRow) -> Text:
    text = Text(row.date or "?")
    if row.date_disputed:
        text.append(" *", style="bold red")
    return text


def events_table(rows: Sequence[EventRow], total: int | None = None) -> Table:
    """Fused events, one per row, with the trigger highlighted in the headline sentence.

    A date marked ``*`` is disputed: some source gives another (see ``thoisu show``).
    """
    caption = f"{len(rows)} of {total} events" if total is not None else None
    table = Table(show_lines=True, expand=True, caption=caption)
    table.add_column("event", no_wrap=True, style="dim")
    table.add_column("when", max_width=12, overflow="fold")
    table.add_column("code", no_wrap=True)
    table.add_column("who", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("reports", no_wrap=True)
    table.add_column("evidence", ratio=4)
    for row in rows:
        table.add_row(
            row.event_id[:8],
            _event_when(row),
            row.code,
            _who(row.source, row.target, row.source_person, row.target_person),
            row.status,
            _sources(row),
            _evidence_window(row.evidence),
        )
    return table


#: Characters of evidence shown on each side of the trigger in the events table.
EVIDENCE_WINDOW = 90


def _evidence_window(evidence: EvidenceRow | None, window: int = EVIDENCE_WINDOW) -> Text:
    """An evidence sentence cut to a window around its trigger so a table stays legible."""
    if evidence is None:
        return Text("(no evidence)", style="dim")
    sentence, start = evidence.sentence, evidence.trigger_offset
    if start < 0 or start + len(evidence.trigger) > len(sentence):
        return Text(sentence[: 2 * window])
    left = max(0, start - window)
    right = min(len(sentence), start + len(evidence.trigger) + window)
    text = Text(("…" if left else "") + sentence[left:right] + ("…" if right < len(sentence) else ""))
    offset = start - left + (1 if left else 0)
    text.stylize(TRIGGER, offset, offset + len(evidence.trigger))
    return text


def _sentence(evidence: EvidenceRow) -> Text:
    """A whole evidence sentence, trigger highlighted."""
    text = Text(evidence.sentence)
    start = evidence.trigger_offset
    if start >= 0 and start + len(evidence.trigger) <= len(evidence.sentence):
        text.stylize(TRIGGER, start, start + len(evidence.trigger))
    return text


def _alternatives_text(label: str, row: EventRow) -> Text | None:
    values = row.date_alternatives if label == "date" else row.place_alternatives
    if not values:
        return None
    text = Text()
    for index, alternative in enumerate(values):
        if index:
            text.append("; ")
        text.append(alternative.value, style="bold red" if alternative.conflicts else "bold")
        sources = "source" if alternative.groups == 1 else "sources"
        text.append(f" ({alternative.groups} {sources}: {', '.join(alternative.outlets)})")
    return text


def event_view(detail: EventDetail) -> RenderableType:
    """An event's consensus, what its sources disagree on, and every mention with its sentences."""
    row = detail.event
    heading = Text(f"event {row.event_id}  ", style="bold")
    heading.append_text(_who(row.source, row.target, row.source_person, row.target_person))
    facts = Table(show_header=False, box=None, padding=(0, 2))
    facts.add_column("what", style="dim")
    facts.add_column("value")
    when = Text(row.date or "undated")
    if row.date_basis:
        when.append(f"  ({row.date_basis})", style="dim")
    place = " / ".join(part for part in (row.place, row.city) if part) or "-"
    scales = ", ".join(
        part
        for part in (
            f"Goldstein {row.goldstein:+.1f}" if row.goldstein is not None else None,
            f"quad class {row.quad_class}" if row.quad_class is not None else None,
            row.plover,
        )
        if part
    )
    counts = (
        f"{row.mentions} mentions in {row.articles} articles from {row.sources} outlets "
        f"({row.independent} independent: wire copies count once)"
    )
    for label, value in (
        ("code", Text(f"{row.code} (root {row.root})" + (f"  {scales}" if scales else ""))),
        ("when", when),
        ("dates also given", _alternatives_text("date", row)),
        ("status", Text(row.status)),
        ("where", Text(place)),
        ("places also given", _alternatives_text("place", row)),
        ("confidence", Text(f"{row.confidence:.2f}")),
        ("reports", Text(counts)),
        ("first reported", Text(row.first_reported.isoformat() if row.first_reported else "-")),
        ("outlets", Text(", ".join(row.outlets))),
        ("cited sources", Text(", ".join(row.attributions) or "-")),
    ):
        if value is not None:
            facts.add_row(label, value)
    mentions = Table(title="mentions", show_lines=True, expand=True)
    mentions.add_column("outlet", ratio=1)
    mentions.add_column("says", ratio=1)
    mentions.add_column("evidence", ratio=4)
    for mention in detail.mentions:
        mentions.add_row(_mention_source(mention), _mention_coding(mention), _mention_evidence(mention))
    return Group(heading, facts, mentions)


def _mention_source(mention: MentionRow) -> Text:
    text = Text(mention.outlet or mention.doc)
    if mention.published:
        text.append(f"\n{mention.published.isoformat()}", style="dim")
    if mention.copy_of:
        text.append(f"\ncopy of {mention.copy_of}", style="yellow")
    if mention.url:
        text.append(f"\n{mention.url}", style="dim")
    return text


def _mention_coding(mention: MentionRow) -> Text:
    text = Text(f"{mention.code} ")
    text.append_text(_who(mention.source, mention.target, mention.source_person, mention.target_person))
    text.append(f"\n{mention.date or 'undated'} ({mention.date_basis})", style="dim")
    if mention.attribution:
        text.append(f"\naccording to {mention.attribution}", style="dim")
    return text


def _mention_evidence(mention: MentionRow) -> RenderableType:
    if not mention.evidence:
        return Text("(no evidence)", style="dim")
    return Group(*(_sentence(evidence) for evidence in mention.evidence))


def timeline_table(rows: Sequence[EventRow], title: str) -> Table:
    """A dyad's events, oldest first."""
    table = Table(title=title, show_lines=True, expand=True, caption=f"{len(rows)} events")
    table.add_column("when", max_width=12, overflow="fold")
    table.add_column("code", no_wrap=True)
    table.add_column("who", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("G", justify="right", no_wrap=True)
    table.add_column("reports", no_wrap=True)
    table.add_column("evidence", ratio=4)
    for row in rows:
        table.add_row(
            _event_when(row),
            row.code,
            _who(row.source, row.target, row.source_person, row.target_person),
            row.status,
            _goldstein(row.goldstein),
            _sources(row),
            _evidence_window(row.evidence, 60),
        )
    return table


def _goldstein(value: float | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    return Text(f"{value:+.1f}", style="green" if value > 0 else "red" if value < 0 else "")


#: Width of the longest bar of a trend chart.
BAR_WIDTH = 30


def trend_chart(points: Sequence[TrendPoint], title: str) -> RenderableType:
    """Per period: events as a bar, and the Goldstein sum as a bar left (conflict) or right (cooperation)."""
    if not points:
        return Text(f"{title}: no dated events", style="dim")
    table = Table(title=title, expand=False, caption="each real-world event once, by its consensus date")
    table.add_column("period", no_wrap=True)
    table.add_column("events", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Goldstein", justify="right")
    table.add_column("conflict | cooperation", no_wrap=True)
    most = max(point.events for point in points) or 1
    widest = max(abs(point.goldstein_sum) for point in points) or 1.0
    half = BAR_WIDTH // 2
    for point in points:
        bar = Text("█" * round(BAR_WIDTH * point.events / most), style="cyan")
        length = round(half * abs(point.goldstein_sum) / widest)
        balance = Text()
        if point.goldstein_sum < 0:
            balance.append(" " * (half - length))
            balance.append("█" * length, style="red")
            balance.append("│")
        else:
            balance.append(" " * half)
            balance.append("│")
            balance.append("█" * length, style="green")
        table.add_row(
            point.period.isoformat()[:7] if point.period.day == 1 else point.period.isoformat(),
            str(point.events),
            bar,
            f"{point.goldstein_sum:+.1f}" if point.events else "",
            balance,
        )
    return table


def actors_table(rows: Sequence[ActorCount]) -> Table:
    """Actors by number of events."""
    table = Table(title="actors")
    table.add_column("actor")
    table.add_column("events", justify="right")
    table.add_column("as source", justify="right")
    table.add_column("as target", justify="right")
    table.add_column("reports", justify="right")
    for row in rows:
        table.add_row(row.actor, str(row.events), str(row.as_source), str(row.as_target), str(row.mentions))
    return table


def stored_article_view(detail: ArticleDetail) -> RenderableType:
    """A stored article: metadata, copy links, and its mentions with the events they belong to."""
    article = detail.article
    heading = Text(article.title or "(no title)", style="bold")
    meta = Text(style="dim")
    meta.append(f"{article.doc}#{article.index}  id {article.article_id}")
    for label, value in (
        ("published", article.published.isoformat() if article.published else None),
        ("outlet", article.outlet),
        ("url", article.url),
        ("sources", ", ".join(detail.attributions) or None),
    ):
        if value:
            meta.append(f"  {label}: {value}")
    parts: list[RenderableType] = [heading, meta]
    if detail.copy_of is not None:
        link = detail.copy_of
        parts.append(
            Text(
                f"copy ({link.method}, similarity {link.similarity:.2f}) of {link.original_id}"
                + (f" via {link.similar_to}" if link.similar_to != link.original_id else ""),
                style="yellow",
            )
        )
    for copy in detail.copies:
        parts.append(
            Text(
                f"copied by {copy.doc} ({copy.outlet or '?'}), similarity {copy.similarity:.2f}",
                style="yellow",
            )
        )
    table = Table(
        title=f"{len(detail.mentions)} mentions of {len(detail.events)} events", show_lines=True, expand=True
    )
    table.add_column("event", no_wrap=True, style="dim")
    table.add_column("code", no_wrap=True)
    table.add_column("who", ratio=2)
    table.add_column("when", no_wrap=True)
    table.add_column("evidence", ratio=4)
    reported = {row.event_id: row for row in detail.events}
    for mention in detail.mentions:
        event = reported.get(mention.event_id or "")
        tag = Text(mention.event_id[:8] if mention.event_id else "-")
        if event is not None and event.mentions > 1:
            tag.append(f"\n{event.independent} src · {event.mentions} rep", style="cyan")
        table.add_row(
            tag,
            mention.code,
            _who(mention.source, mention.target, mention.source_person, mention.target_person),
            Text(mention.date or "?"),
            _mention_evidence(mention),
        )
    parts.append(table)
    return Group(*parts)


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
        ("copies", f"{summary.copies} (wire copies and re-crawls linked to their original)"),
        ("entity mentions", summary.entities),
        ("events", f"{summary.events} (from {summary.mentions} reports)"),
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
