"""The ``thoisu`` command: extract, ingest, events, summary, eval.

Errors a user can cause (a missing path, a bad option, a store written by a
newer thoisu) end the command with one line on stderr and a non-zero exit
code, never a traceback: usage errors and input/gold errors exit with 2,
other thoisu errors with 1. Results go to stdout, progress and errors to
stderr, so output can be piped.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from thoisu import __version__
from thoisu.errors import GoldError, InputError, PipelineError, ThoisuError
from thoisu.evaluate import evaluate, load_gold, load_predictions
from thoisu.model import Article, Status
from thoisu.output import article_record
from thoisu.pipeline import Pipeline
from thoisu.read import DEFAULT_MAX_BYTES, read_inputs
from thoisu.service import EventQuery, EventRow, Service
from thoisu.store import Store

from . import render

#: Exit code for mistakes in what the user asked for (Click's code for usage errors).
USAGE_EXIT = 2
_USER_ERRORS = (InputError, GoldError)


class ThoisuGroup(TyperGroup):
    """Typer's command group, with errors reduced to one line on stderr."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; report errors briefly; exit (or return the code when not standalone)."""
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or "thoisu",
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = result if isinstance(result, int) else 0
        except typer.TyperException as exc:  # usage errors: bad option, missing argument, bad value
            code = _usage_error(exc)
        except ThoisuError as exc:
            typer.echo(f"error: {exc}", err=True)
            code = USAGE_EXIT if isinstance(exc, _USER_ERRORS) else 1
        except typer.Abort:
            typer.echo("aborted", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


def _usage_error(exc: typer.TyperException) -> int:
    code = int(getattr(exc, "exit_code", USAGE_EXIT))
    if type(exc).__name__ == "NoArgsIsHelpError":  # bare `thoisu` or `thoisu events`: show the help
        typer.echo(exc.format_message(), err=True)
        return code
    context = getattr(exc, "ctx", None)
    hint = f" (see '{context.command_path} --help')" if context is not None else ""
    message = " ".join(exc.format_message().split())
    typer.echo(f"error: {message}{hint}", err=True)
    return code


app = typer.Typer(
    cls=ThoisuGroup,
    name="thoisu",
    help="Vietnamese news pages to a database of CAMEO-coded international events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ExtractFormat(StrEnum):
    """Output of ``thoisu extract``."""

    JSONL = "jsonl"
    TABLE = "table"


class EventsFormat(StrEnum):
    """Output of ``thoisu events``."""

    TABLE = "table"
    JSONL = "jsonl"


class EvalFormat(StrEnum):
    """Output of ``thoisu eval``."""

    TABLE = "table"
    JSON = "json"


def load_pipeline(store: Store | None = None) -> Pipeline:
    """The default pipeline from :func:`thoisu.build.build_pipeline`.

    Imported on use: commands that only query a store stay fast, and a
    pipeline that cannot be built is reported as one error line.

    Raises:
        PipelineError: When the pipeline's modules cannot be imported.
    """
    try:
        from thoisu.build import build_pipeline
    except ImportError as exc:
        raise PipelineError(f"the extraction pipeline is not available: {exc}") from exc
    return build_pipeline(store=store)


Inputs = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .html, .jsonl, .warc[.gz], .wet[.gz]), directories (recursive) or - for stdin.",
        metavar="INPUT...",
        show_default=False,
    ),
]
MaxMegabytes = Annotated[
    float,
    typer.Option("--max-mb", help="Pages larger than this many MB are rejected as too-large.", min=0.001),
]
Database = Annotated[Path, typer.Option("--db", help="The DuckDB database file.", show_default=False)]

_DEFAULT_MB = DEFAULT_MAX_BYTES / (1024 * 1024)


def _max_bytes(megabytes: float) -> int:
    return max(int(megabytes * 1024 * 1024), 1)


def _stdout() -> Console:
    return Console(soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True)


def _write_json(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


# ---------------------------------------------------------------- extract


@app.command()
def extract(
    inputs: Inputs,
    output_format: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="jsonl: one JSON record per article; table: for reading."),
    ] = ExtractFormat.JSONL,
    max_mb: MaxMegabytes = _DEFAULT_MB,
) -> None:
    """Extract events from pages without storing them."""
    articles = read_inputs(inputs, max_bytes=_max_bytes(max_mb))
    pipeline = load_pipeline()
    console = _stdout()
    for article in pipeline.run(articles):
        if output_format is ExtractFormat.JSONL:
            _write_json(article_record(article))
        else:
            console.print(render.article_view(article))


# ---------------------------------------------------------------- ingest


@dataclass(slots=True)
class Tally:
    """Counts of what went through a run (for the progress line and the run summary)."""

    pages: set[tuple[str, str]] = field(default_factory=set)
    articles: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    events: int = 0

    def add(self, article: Article) -> None:
        """Count one article leaving the pipeline."""
        self.pages.add((article.page.source, article.doc))
        if article.reject is not None:
            self.rejects[article.reject.reason] += 1
        else:
            self.articles += 1
            self.events += len(article.events)

    def line(self) -> str:
        """``5 pages, 6 articles, 1 rejected, 30 events``."""
        parts = [
            ("pages", len(self.pages)),
            ("articles", self.articles),
            ("rejected", sum(self.rejects.values())),
            ("events", self.events),
        ]
        return render.counts_line(parts)

    def summary(self, seconds: float) -> dict[str, Any]:
        """The JSON summary stored with the run."""
        return {
            "pages": len(self.pages),
            "articles": self.articles,
            "rejects": sum(self.rejects.values()),
            "rejects_by_reason": dict(self.rejects),
            "events": self.events,
            "seconds": round(seconds, 3),
        }


def _with_progress(articles: Iterable[Article], tally: Tally, console: Console) -> Iterator[Article]:
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("starting", total=None)
        for article in articles:
            tally.add(article)
            progress.update(task, description=tally.line())
            yield article


@app.command()
def ingest(inputs: Inputs, db: Database, max_mb: MaxMegabytes = _DEFAULT_MB) -> None:
    """Extract events from pages into a DuckDB store (re-ingesting a page changes nothing)."""
    articles = read_inputs(
        inputs, max_bytes=_max_bytes(max_mb)
    )  # fails on a missing path before the db is touched
    started = time.perf_counter()
    tally = Tally()
    errors = _stderr()
    with Store.open(db) as store:
        store.start_run()
        pipeline = load_pipeline(store)
        for _article in _with_progress(pipeline.run(articles), tally, errors):
            pass
        seconds = time.perf_counter() - started
        store.finish_run(tally.summary(seconds))
    reasons = ", ".join(f"{reason} {count}" for reason, count in tally.rejects.most_common())
    line = f"{tally.line()}{f' ({reasons})' if reasons else ''} in {seconds:.1f} s -> {db}"
    typer.echo(line)


# ---------------------------------------------------------------- events


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def _event_record(row: EventRow) -> dict[str, Any]:
    record = asdict(row)
    record["date"] = row.date
    return record


@app.command()
def events(
    db: Database,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", "-a", help="Country or actor code on either side (repeatable: any of them)."),
    ] = None,
    dyad: Annotated[
        str | None,
        typer.Option("--dyad", help="Two actors in either direction, as CHN-PRK.", show_default=False),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Events on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Events on or before this day (YYYY-MM-DD).")
    ] = None,
    root: Annotated[str | None, typer.Option("--root", help="CAMEO root code, such as 04.")] = None,
    status: Annotated[Status | None, typer.Option("--status", help="Factuality.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many events.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.TABLE,
) -> None:
    """List stored events, latest first."""
    pair: tuple[str, str] | None = None
    if dyad is not None:
        parts = [part.strip().upper() for part in dyad.replace(",", "-").split("-")]
        if len(parts) != 2 or not all(parts):
            raise typer.BadParameter(f"{dyad!r} is not two actors such as CHN-PRK", param_hint="--dyad")
        pair = (parts[0], parts[1])
    try:
        query = EventQuery(
            actors=tuple(code.strip().upper() for code in actor or ()),
            dyad=pair,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
            root=root,
            status=status,
            limit=limit,
            offset=offset,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    with Service.open(db) as service:
        rows = service.events(query)
        total = service.count_events(query) if output_format is EventsFormat.TABLE else None
    if output_format is EventsFormat.JSONL:
        for row in rows:
            _write_json(_event_record(row))
    else:
        _stdout().print(render.events_table(rows, total))


@app.command()
def summary(db: Database) -> None:
    """Show what a store holds: counts, event dates, rejection reasons."""
    with Service.open(db) as service:
        _stdout().print(render.summary_table(service.summary()))


# ---------------------------------------------------------------- eval


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Gold file (JSON array, see the gold README).")],
    predictions: Annotated[
        Path | None, typer.Argument(help="Predictions (JSONL) to score.", show_default=False)
    ] = None,
    inputs: Annotated[
        list[str] | None,
        typer.Option(
            "--input", "-i", help="Run the pipeline on these inputs and score its output (repeatable)."
        ),
    ] = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list failed page checks and event misses.")
    ] = False,
    output_format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.TABLE,
    max_mb: MaxMegabytes = _DEFAULT_MB,
) -> None:
    """Score predictions against a gold file."""
    if (predictions is None) == (not inputs):
        raise typer.BadParameter("give either a PREDICTIONS file or --input INPUT, not both or neither")
    gold_docs = load_gold(gold)
    if predictions is not None:
        records = load_predictions(predictions)
    else:
        pipeline = load_pipeline()
        records = [
            article_record(a) for a in pipeline.run(read_inputs(inputs or [], max_bytes=_max_bytes(max_mb)))
        ]
    result = evaluate(gold_docs, records)
    if output_format is EvalFormat.JSON:
        _write_json({"gold": str(gold), **result.scores()})
        return
    console = _stdout()
    console.print(render.scores_table(result, title=f"{gold} ({len(gold_docs)} docs)"))
    if misses:
        console.print(render.page_checks_table(result))
        console.print(render.misses_table(result))


@app.command()
def version() -> None:
    """Print the thoisu version."""
    typer.echo(__version__)


def main() -> None:
    """Entry point of the ``thoisu`` script."""
    app()
