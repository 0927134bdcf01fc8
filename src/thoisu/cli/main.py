"""The ``thoisu`` command: extract, ingest, events, show, timeline, trend, export, summary, serve, eval.

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
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from typer.core import TyperGroup

from thoisu import __version__
from thoisu.errors import GoldError, InputError, PipelineError, ThoisuError
from thoisu.evaluate import evaluate, load_gold, load_predictions
from thoisu.execute.batch import ShardDone, run_batch
from thoisu.execute.executors import default_workers, make_executor
from thoisu.execute.shards import DEFAULT_FILES_PER_SHARD, plan_shards
from thoisu.model import Article, Status
from thoisu.output import article_record
from thoisu.pipeline import Pipeline
from thoisu.read import DEFAULT_MAX_BYTES, STDIN, read_inputs
from thoisu.service import EventQuery, EventRow, ExportFormat, Period, Service
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


def load_pipeline(store: Store | None = None, *, prepare: bool | None = None) -> Pipeline:
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
    return build_pipeline(store=store, prepare=prepare)


def load_batch_pipeline() -> Pipeline:
    """The pipeline a batch worker runs: up to preparing articles for the writer's store.

    A module-level function, not a partial: workers cache the pipeline they build per factory.
    """
    return load_pipeline(prepare=True)


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


class ExecutorChoice(StrEnum):
    """Where the pipeline runs during ``ingest``."""

    AUTO = "auto"
    IN_PROCESS = "in-process"
    PROCESSES = "processes"
    DASK = "dask"


@app.command()
def ingest(
    inputs: Inputs,
    db: Database,
    max_mb: MaxMegabytes = _DEFAULT_MB,
    executor: Annotated[
        ExecutorChoice,
        typer.Option(
            "--executor",
            help="auto: worker processes on every core when there is more than one shard, else this "
            "process; in-process; processes; dask (a local cluster, or --scheduler's).",
        ),
    ] = ExecutorChoice.AUTO,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes (default: one per core).", show_default=False
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Dask scheduler address (tcp://host:8786); implies --executor dask."
        ),
    ] = None,
    shard_files: Annotated[
        int, typer.Option("--shard-files", min=1, help="Page files per shard (an archive is one shard).")
    ] = DEFAULT_FILES_PER_SHARD,
) -> None:
    """Extract events from pages into a DuckDB store; resumable (re-ingesting changes nothing).

    Inputs are cut into shards; a shard is recorded as done in the transaction that stores its last
    rows, so a run that is killed and started again skips what was finished. Standard input (-) is
    read in one stream.
    """
    if STDIN in inputs:
        _ingest_stream(inputs, db, max_mb)
        return
    shards = plan_shards(inputs, shard_files)  # fails on a missing path before the db is touched
    choice = ExecutorChoice.DASK if scheduler else executor
    count = workers or default_workers()
    if choice is ExecutorChoice.AUTO:
        choice = ExecutorChoice.PROCESSES if count > 1 and len(shards) > 1 else ExecutorChoice.IN_PROCESS
    errors = _stderr()
    with (
        make_executor(choice.value, workers=workers, scheduler=scheduler) as runner,
        Store.open(db) as store,
        _shard_progress(errors) as progress,
    ):
        task = progress.add_task("starting", total=len(shards))

        def advance(done: ShardDone) -> None:
            report = done.report
            progress.update(
                task,
                completed=report.skipped + done.index,
                description=_counts_line(report.pages, report.articles, report.rejects, report.events),
            )
            if done.error is not None:
                errors.print(f"[yellow]shard {done.shard.label} failed:[/yellow] {done.error}")

        report = run_batch(
            inputs,
            store,
            runner,
            files_per_shard=shard_files,
            max_bytes=_max_bytes(max_mb),
            on_shard=advance,
            pipeline=load_batch_pipeline,
        )
    reasons = ", ".join(f"{reason} {number}" for reason, number in report.rejects.most_common())
    line = _counts_line(report.pages, report.articles, report.rejects, report.events)
    line += f"{f' ({reasons})' if reasons else ''} in {report.seconds:.1f} s -> {db}"
    if report.skipped:
        line += f"; {report.skipped} of {report.shards} shards were already stored"
    if report.failed:
        line += f"; {len(report.failed)} shards failed (run again to retry them)"
    typer.echo(line)
    if report.failed:
        raise typer.Exit(1)


def _counts_line(pages: int, articles: int, rejects: Counter[str], events: int) -> str:
    return render.counts_line(
        [("pages", pages), ("articles", articles), ("rejected", sum(rejects.values())), ("events", events)]
    )


def _shard_progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("shards"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def _ingest_stream(inputs: list[str], db: Path, max_mb: float) -> None:
    """Standard input cannot be sharded: one stream through the pipeline in this process."""
    articles = read_inputs(inputs, max_bytes=_max_bytes(max_mb))
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


def _code(value: str, what: str) -> str:
    code = value.strip().upper()
    if not code:
        raise typer.BadParameter(f"{what} is empty")
    return code


def _event_record(row: EventRow) -> dict[str, Any]:
    record = asdict(row)
    record["date"] = row.date
    return record


ActorOption = Annotated[
    list[str] | None,
    typer.Option("--actor", "-a", help="Country or actor code on either side (repeatable: any of them)."),
]
DyadOption = Annotated[
    str | None,
    typer.Option("--dyad", help="Two actors in either direction, as CHN-PRK.", show_default=False),
]
SinceOption = Annotated[str | None, typer.Option("--since", help="Events on or after this day (YYYY-MM-DD).")]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Events on or before this day (YYYY-MM-DD).")
]
RootOption = Annotated[str | None, typer.Option("--root", help="CAMEO root code, such as 04.")]
StatusOption = Annotated[Status | None, typer.Option("--status", help="Factuality.")]
PlaceOption = Annotated[
    str | None, typer.Option("--place", help="Country (ISO3) where the event happened.", show_default=False)
]
SourcesOption = Annotated[
    int,
    typer.Option("--min-sources", min=0, help="Events reported by at least this many independent sources."),
]


def _query(
    *,
    actor: list[str] | None = None,
    dyad: str | None = None,
    since: str | None = None,
    until: str | None = None,
    root: str | None = None,
    status: Status | None = None,
    place: str | None = None,
    min_sources: int = 0,
    limit: int | None = None,
    offset: int = 0,
) -> EventQuery:
    pair: tuple[str, str] | None = None
    if dyad is not None:
        parts = [part.strip().upper() for part in dyad.replace(",", "-").split("-")]
        if len(parts) != 2 or not all(parts):
            raise typer.BadParameter(f"{dyad!r} is not two actors such as CHN-PRK", param_hint="--dyad")
        pair = (parts[0], parts[1])
    try:
        return EventQuery(
            actors=tuple(code.strip().upper() for code in actor or ()),
            dyad=pair,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
            root=root,
            status=status,
            place=place.strip().upper() if place else None,
            min_sources=min_sources,
            limit=limit,
            offset=offset,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def events(
    db: Database,
    actor: ActorOption = None,
    dyad: DyadOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    root: RootOption = None,
    status: StatusOption = None,
    place: PlaceOption = None,
    min_sources: SourcesOption = 0,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many events.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.TABLE,
) -> None:
    """List stored events, latest first: each real-world event once, however many outlets report it."""
    query = _query(
        actor=actor,
        dyad=dyad,
        since=since,
        until=until,
        root=root,
        status=status,
        place=place,
        min_sources=min_sources,
        limit=limit,
        offset=offset,
    )
    with Service.open(db) as service:
        rows = service.events(query)
        total = service.count_events(query) if output_format is EventsFormat.TABLE else None
    if output_format is EventsFormat.JSONL:
        for row in rows:
            _write_json(_event_record(row))
    else:
        _stdout().print(render.events_table(rows, total))


@app.command()
def show(
    event_id: Annotated[
        str, typer.Argument(help="An event id (or its first digits), or the id of one of its mentions.")
    ],
    db: Database,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.TABLE,
) -> None:
    """Show an event with its provenance: every mention, outlet and sentence, and what sources disagree on."""
    with Service.open(db) as service:
        try:
            detail = service.event(event_id)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="EVENT_ID") from None
    if detail is None:
        raise InputError(f"no event {event_id!r} in {db}")
    if output_format is EventsFormat.JSONL:
        record = _event_record(detail.event)
        record["mentions"] = [{**asdict(mention), "date": mention.date} for mention in detail.mentions]
        _write_json(record)
    else:
        _stdout().print(render.event_view(detail))


@app.command()
def article(
    identifier: Annotated[
        str, typer.Argument(help="An article id (or its first characters), or a page's doc name.")
    ],
    db: Database,
) -> None:
    """Show a stored article: its copy links, entities, mentions of events and the events."""
    with Service.open(db) as service:
        try:
            detail = service.article(identifier)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="IDENTIFIER") from None
    if detail is None:
        raise InputError(f"no article {identifier!r} in {db}")
    _stdout().print(render.stored_article_view(detail))


@app.command()
def timeline(
    first: Annotated[str, typer.Argument(help="An actor: country (CHN) or actor code (CHNGOV).")],
    second: Annotated[str, typer.Argument(help="The other actor.")],
    db: Database,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="At most this many events.")
    ] = None,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.TABLE,
) -> None:
    """The events between two actors, in either direction, oldest first."""
    try:
        with Service.open(db) as service:
            rows = service.timeline(
                _code(first, "FIRST"),
                _code(second, "SECOND"),
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                status=status,
                limit=limit,
            )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if output_format is EventsFormat.JSONL:
        for row in rows:
            _write_json(_event_record(row))
    else:
        _stdout().print(render.timeline_table(rows, f"{first.upper()} – {second.upper()}"))


@app.command()
def trend(
    first: Annotated[str, typer.Argument(help="An actor: country (CHN) or actor code (CHNGOV).")],
    second: Annotated[str, typer.Argument(help="The other actor.")],
    db: Database,
    by: Annotated[Period, typer.Option("--by", help="Period of each bar.")] = Period.MONTH,
    since: SinceOption = None,
    until: UntilOption = None,
    all_statuses: Annotated[
        bool, typer.Option("--all", help="Count planned, negated and hypothetical events too.")
    ] = False,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.TABLE,
) -> None:
    """Events and Goldstein sums of a dyad per period: the temperature of a relation (each event once)."""
    try:
        with Service.open(db) as service:
            points = service.trend(
                _code(first, "FIRST"),
                _code(second, "SECOND"),
                by=by,
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                status=None if all_statuses else Status.OCCURRED,
            )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if output_format is EventsFormat.JSONL:
        for point in points:
            _write_json(asdict(point))
    else:
        _stdout().print(render.trend_chart(points, f"{first.upper()} – {second.upper()} by {by.value}"))


@app.command()
def actors(
    db: Database,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many actors.")] = 20,
    since: SinceOption = None,
    until: UntilOption = None,
    root: RootOption = None,
    detailed: Annotated[
        bool, typer.Option("--detailed", help="Count actor codes (CHNGOV) rather than countries.")
    ] = False,
) -> None:
    """The actors in most events."""
    try:
        with Service.open(db) as service:
            rows = service.top_actors(
                limit=limit,
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                root=root,
                detailed=detailed,
            )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    _stdout().print(render.actors_table(rows))


@app.command()
def export(
    db: Database,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one file, an event per line with its mentions; csv, parquet: events and "
            "mentions tables in the --out directory; gdelt: GDELT 2.0 Event and Mentions tables there.",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The file (jsonl) or directory (csv, parquet, gdelt) to write."),
    ],
    actor: ActorOption = None,
    dyad: DyadOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    root: RootOption = None,
    status: StatusOption = None,
    place: PlaceOption = None,
    min_sources: SourcesOption = 0,
) -> None:
    """Export events and their mentions (all, or those the filters select)."""
    query = _query(
        actor=actor,
        dyad=dyad,
        since=since,
        until=until,
        root=root,
        status=status,
        place=place,
        min_sources=min_sources,
    )
    if output_format is ExportFormat.JSONL and out.is_dir():
        raise typer.BadParameter(f"{out} is a directory; jsonl writes one file", param_hint="--out")
    if output_format is not ExportFormat.JSONL and out.exists() and not out.is_dir():
        raise typer.BadParameter(
            f"{out} is a file; {output_format.value} writes a directory", param_hint="--out"
        )
    with Service.open(db) as service:
        result = service.export(output_format, out, query)
    written = ", ".join(str(path) for path in result.paths) or str(out)
    typer.echo(f"{result.events} events, {result.mentions} mentions -> {written}")


@app.command()
def upgrade(db: Database) -> None:
    """Bring a store written by an older thoisu to the current schema (also done by any ingest)."""
    if not db.is_file():
        raise InputError(f"no database at {db}")
    with Store.open(db):
        pass
    with Service.open(db) as service:
        version = service.summary().schema_version
    typer.echo(f"{db}: schema version {version}")


@app.command()
def summary(db: Database) -> None:
    """Show what a store holds: counts, event dates, rejection reasons."""
    with Service.open(db) as service:
        _stdout().print(render.summary_table(service.summary()))


# ---------------------------------------------------------------- serve


@app.command()
def serve(
    db: Database,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="THOISU_TOKEN",
            help="Bearer token that POST /ingest requires (also THOISU_TOKEN); without one, writes are off.",
            show_default=False,
        ),
    ] = None,
    max_body_mb: Annotated[
        float, typer.Option("--max-body-mb", min=0.001, help="Largest request body accepted (413 beyond).")
    ] = 5.0,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard (at /) over a store."""
    try:
        import uvicorn

        from thoisu.api import Settings, create_app
    except ImportError as exc:
        raise InputError(f"serving needs the api extra: pip install 'thoisu[api]' ({exc})") from None
    try:
        settings = Settings(db, token=token or None, max_body_bytes=_max_bytes(max_body_mb))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--token") from None
    errors = _stderr()
    if not db.is_file():
        hint = (
            "POST /ingest will create it"
            if settings.token
            else f"create it with 'thoisu ingest INPUT --db {db}'"
        )
        errors.print(
            f"[yellow]no database at {db} yet[/yellow]: reads answer 503 until there is one ({hint})"
        )
    if settings.token is None:
        errors.print("writes are off (no --token or THOISU_TOKEN): POST /ingest answers 403")
    errors.print(f"dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


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
