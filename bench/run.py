"""thoisu benchmarks: one command, one process, one core.

Measures, in one run, on a synthetic corpus generated from the team's example
pages (see ``bench/corpus.py``):

1. normalise + extract on flat pages (pages/s per core; target >= 500);
2. the HTML path (our normalise + extract on HTML pages) beside ``trafilatura.extract`` alone
   on the same pages (target: ours within 1.2x of trafilatura);
3. entity recognition on cleaned articles (articles/s per core; target >= 2,000), beside
   ``underthesea.ner`` when it is installed, with recall of the gold entities of
   ``examples/gold.json`` for both;
4. event coding on cleaned articles (articles/s per core; target >= 1,000), beside
   ``dateparser.search_dates`` on the same sentences when it is installed;
5. end to end, flat page files to events stored in a DuckDB file (pages/s per core; target >= 300);

and the process's peak resident memory after each phase. Every timing is the
median of a few repetitions after a warm-up, measured in CPU seconds of this one
process (``time.process_time``; the wall clock is in the notes) pinned to one CPU,
so "per second" is "per second per core".

Usage::

    .venv/bin/python bench/run.py                # ~2,000 pages; writes BENCHMARKS.md
    .venv/bin/python bench/run.py --quick --no-write
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import importlib.util
import os
import platform
import re
import resource
import shlex
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import corpus
from rich.console import Console
from rich.table import Table

from thoisu.execute.worker import settle_process
from thoisu.model import Article, Page
from thoisu.pipeline import Stage

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "examples" / "gold.json"
DEFAULT_OUTPUT = REPO / "BENCHMARKS.md"
BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
PACKAGES = (
    "thoisu",
    "duckdb",
    "trafilatura",
    "htmldate",
    "justext",
    "lxml",
    "pyahocorasick",
    "ftfy",
    "py3langid",
    "charset-normalizer",
    "warcio",
    "rich",
    "underthesea",
    "underthesea_core",
    "dateparser",
)


# ---------------------------------------------------------------------------------------------
# Settings and results


@dataclass(slots=True, frozen=True)
class Settings:
    """How much work each phase does."""

    pages: int
    html_pages: int
    repeat: int
    warmup: int
    baseline_articles: int  # articles given to underthesea / dateparser (both are slow)
    seed: int


@dataclass(slots=True)
class Row:
    """One measured line of the report."""

    phase: str
    what: str
    items: str = ""
    seconds: float | None = None
    value: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass(slots=True)
class Phase:
    """A phase's rows and the memory high-water mark when it ended."""

    name: str
    rows: list[Row] = field(default_factory=list)
    rss_before: int = 0
    rss_after: int = 0
    error: str | None = None


@dataclass(slots=True, frozen=True)
class Timing:
    """Median and spread of the repetitions, in CPU seconds of this process.

    CPU time rather than wall-clock time: the figure is "per core", and on a shared machine the
    wall clock also counts the time another process held our core. The wall-clock median is kept
    for the notes.
    """

    median: float
    low: float
    high: float
    runs: int
    wall_median: float

    def spread(self) -> str:
        """``min-max over n runs`` (CPU) and the wall-clock median, for the notes."""
        return (
            f"{self.low:.3f}-{self.high:.3f} CPU s over {self.runs} runs "
            f"(wall-clock median {self.wall_median:.3f} s)"
        )


def peak_rss() -> int:
    """The process's peak resident set size so far, in bytes (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def timed(work: Callable[[Any], object], make_input: Callable[[], Any], repeat: int) -> Timing:
    """Run ``work(make_input())`` ``repeat`` times; only ``work`` is timed."""
    times: list[float] = []
    walls: list[float] = []
    for _ in range(max(repeat, 1)):
        data = make_input()
        gc.collect()
        start_wall, start = time.perf_counter(), time.process_time()
        work(data)
        times.append(time.process_time() - start)
        walls.append(time.perf_counter() - start_wall)
    return Timing(statistics.median(times), min(times), max(times), len(times), statistics.median(walls))


def rate(count: int, seconds: float) -> float:
    """Items per second (0 when nothing was timed)."""
    return count / seconds if seconds > 0 else 0.0


# ---------------------------------------------------------------------------------------------
# Machine


def pin_to_one_core() -> str:
    """Pin this process to one CPU so that throughput is per core; say which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform); single process, single thread"
    allowed = sorted(os.sched_getaffinity(0))
    chosen = allowed[-1]
    os.sched_setaffinity(0, {chosen})
    return f"pinned to CPU {chosen} of {len(allowed)} available; one process, stages run sequentially"


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or the platform's answer)."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_total() -> str:
    """Physical memory from /proc/meminfo, when readable."""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def package_versions() -> list[tuple[str, str]]:
    """Installed versions of the packages that matter for the figures."""
    found: list[tuple[str, str]] = []
    for name in PACKAGES:
        try:
            found.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return found


def compiled_summary() -> str:
    """Whether the figures are of mypyc-compiled code (pyproject's ``[tool.thoisu.mypyc]``)."""
    from thoisu.compiled import compiled_modules

    modules = compiled_modules()
    if not modules:
        return "no module compiled (installed with THOISU_MYPYC=0, or from a source tree): pure Python"
    names = ", ".join(module.removeprefix("thoisu.") for module in modules)
    return f"{len(modules)} modules compiled with mypyc ({names})"


def command_line(argv: Sequence[str]) -> str:
    """The command as it can be typed again from the repository root."""
    python = Path(sys.executable)
    try:
        interpreter = python.relative_to(REPO).as_posix() if python.is_relative_to(REPO) else "python"
    except ValueError:
        interpreter = "python"
    script = Path(__file__).resolve().relative_to(REPO).as_posix()
    return shlex.join([interpreter, script, *argv])


# ---------------------------------------------------------------------------------------------
# Corpus


def make_corpus(root: Path, settings: Settings, console: Console) -> tuple[Path, list[Page], list[Page]]:
    """Write the flat and HTML corpora under ``root`` and read them back as pages."""
    from thoisu.read import read_inputs

    templates = corpus.load_templates()
    flat_dir, html_dir = root / "flat", root / "html"
    start = time.perf_counter()
    flat_generator = corpus.CorpusGenerator(templates, settings.seed, html_share=0.0)
    corpus.write_directory(flat_generator.pages(settings.pages), flat_dir)
    html_generator = corpus.CorpusGenerator(templates, settings.seed + 1, html_share=1.0)
    corpus.write_directory(html_generator.pages(settings.html_pages), html_dir)
    flat = [article.page for article in read_inputs([str(flat_dir)]) if article.reject is None]
    html = [article.page for article in read_inputs([str(html_dir)]) if article.reject is None]
    console.print(
        f"corpus: {len(flat)} flat + {len(html)} HTML pages from {len(templates)} example pages "
        f"(seed {settings.seed}) in {time.perf_counter() - start:.1f} s"
    )
    return flat_dir, flat, html


def fresh(pages: Iterable[Page]) -> list[Article]:
    """New articles for the pages (stages fill articles in place)."""
    return [Article(page=page) for page in pages]


def stream(pages: Iterable[Page]) -> Iterator[Article]:
    """New articles made one at a time, so that none outlives its trip through the stages."""
    return (Article(page=page) for page in pages)


def drain(articles: Iterable[Article]) -> list[Article]:
    """Run a lazy stream to its end."""
    return list(articles)


def chain(stages: Sequence[Stage], articles: Iterable[Article]) -> Iterable[Article]:
    """Stream articles through ``stages`` in order."""
    stream = articles
    for stage in stages:
        stream = stage.run(stream)
    return stream


def consume(articles: Iterable[Article]) -> Counter[str]:
    """Run a stream to its end keeping only counts, so finished articles are freed as they go."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts["" if article.reject is None else article.reject.reason] += 1
    return counts


def outcome(counts: Counter[str]) -> str:
    """``n articles out, m rejected (reason k, ...)`` for the notes."""
    rejects = [(reason, count) for reason, count in counts.most_common() if reason]
    detail = ", ".join(f"{reason} {count}" for reason, count in rejects)
    rejected = sum(count for _, count in rejects)
    return f"{counts['']} articles out, {rejected} rejected" + (f" ({detail})" if detail else "")


# ---------------------------------------------------------------------------------------------
# Phases


def front_stages() -> list[Stage]:
    """Fresh normalise and extract stages (extract remembers outlet templates across pages)."""
    from thoisu.extract.stage import ExtractStage
    from thoisu.normalise import NormaliseStage

    return [NormaliseStage(), ExtractStage()]


def phase_flat(flat: list[Page], settings: Settings) -> list[Row]:
    """Normalise + extract on flat pages."""
    drain(chain(front_stages(), fresh(flat[: settings.warmup])))
    outputs: list[Counter[str]] = []

    def work(data: tuple[list[Stage], Iterator[Article]]) -> None:
        outputs.append(consume(chain(*data)))

    timing = timed(work, lambda: (front_stages(), stream(flat)), settings.repeat)
    speed = rate(len(flat), timing.median)
    return [
        Row(
            "normalise+extract",
            "flat pages",
            f"{len(flat)} pages",
            timing.median,
            f"{speed:,.0f} pages/s",
            ">= 500 pages/s",
            speed >= 500,
            f"{outcome(outputs[-1])}; {timing.spread()}",
        )
    ]


def phase_html(html: list[Page], settings: Settings) -> list[Row]:
    """Our HTML path beside trafilatura.extract alone, on the same pages."""
    import trafilatura

    drain(chain(front_stages(), fresh(html[: settings.warmup])))
    outputs: list[Counter[str]] = []

    def ours(data: tuple[list[Stage], Iterator[Article]]) -> None:
        outputs.append(consume(chain(*data)))

    def alone(pages: list[Page]) -> None:
        for page in pages:
            trafilatura.extract(page.raw)

    def alone_same_options(pages: list[Page]) -> None:
        for page in pages:
            trafilatura.extract(
                page.raw,
                fast=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                favor_precision=True,
                deduplicate=False,
            )

    alone(html[: settings.warmup])
    ours_time = timed(ours, lambda: (front_stages(), stream(html)), settings.repeat)
    alone_time = timed(alone, lambda: html, settings.repeat)
    same_time = timed(alone_same_options, lambda: html, settings.repeat)
    ratio = ours_time.median / alone_time.median if alone_time.median else float("inf")
    count = f"{len(html)} pages"
    return [
        Row(
            "html",
            "ours: normalise+extract on HTML",
            count,
            ours_time.median,
            f"{rate(len(html), ours_time.median):,.0f} pages/s",
            note=f"{outcome(outputs[-1])}; {ours_time.spread()}",
        ),
        Row(
            "html",
            "trafilatura.extract alone (defaults)",
            count,
            alone_time.median,
            f"{rate(len(html), alone_time.median):,.0f} pages/s",
            note=alone_time.spread(),
        ),
        Row(
            "html",
            "trafilatura.extract alone (fast, our options)",
            count,
            same_time.median,
            f"{rate(len(html), same_time.median):,.0f} pages/s",
            note="fast (no readability/jusText comparison), favor_precision, no comments/tables/images: "
            "the first call our HTML path makes (it reruns trafilatura in full when the fast text is "
            "short or has no paragraphs); " + same_time.spread(),
        ),
        Row(
            "html",
            "ratio ours / trafilatura (defaults)",
            count,
            None,
            f"{ratio:.2f}x",
            "<= 1.20x",
            ratio <= 1.2,
            f"against the fast same-options call: {ours_time.median / same_time.median:.2f}x"
            if same_time.median
            else "",
        ),
    ]


def cleaned(flat: list[Page]) -> list[Article]:
    """Flat pages through normalise, extract and sentences: the input of the entity stage."""
    from thoisu.sentences import SentenceStage

    articles = drain(chain([*front_stages(), SentenceStage()], fresh(flat)))
    return [article for article in articles if article.reject is None]


def stage_named(name: str) -> Stage:
    """A stage of the default pipeline, configured as front ends get it."""
    from thoisu.build import build_pipeline

    for stage in build_pipeline().stages:
        if stage.name == name:
            return stage
    raise LookupError(f"the default pipeline has no stage named {name!r}")


def sentence_texts(article: Article) -> list[str]:
    """The article's sentences as strings."""
    return [span.of(article.text) for span in article.sentences]


def phase_entities(articles: list[Article], settings: Settings) -> list[Row]:
    """Entity recognition on cleaned articles, beside underthesea.ner when installed."""
    entities = stage_named("entities")
    drain(entities.run(articles[: settings.warmup]))
    timing = timed(lambda data: drain(entities.run(data)), lambda: articles, settings.repeat)
    speed = rate(len(articles), timing.median)
    mentions = sum(len(a.mentions) for a in articles)
    sentences = sum(len(a.sentences) for a in articles)
    ours_recall = gold_recall_ours()
    rows = [
        Row(
            "entities",
            "ours: EntityStage",
            f"{len(articles)} articles",
            timing.median,
            f"{speed:,.0f} articles/s",
            ">= 2,000 articles/s",
            speed >= 2000,
            f"{sentences} sentences, {mentions} mentions; {timing.spread()}; "
            f"gold entity recall on the example pages, whole pipeline (examples/gold.json; the "
            f"resources were written alongside these pages, so this is not a held-out score): {ours_recall}",
        )
    ]
    if importlib.util.find_spec("underthesea") is None:
        rows.append(Row("entities", "underthesea.ner", note="skipped: underthesea is not installed"))
        return rows
    from underthesea import ner  # type: ignore[import-untyped,import-not-found,unused-ignore]

    subset = articles[: settings.baseline_articles]
    ner("Ông Putin thăm Hà Nội.")  # loads the model

    def run_ner(data: list[Article]) -> None:
        for article in data:
            for sentence in sentence_texts(article):
                ner(sentence)

    baseline = timed(run_ner, lambda: subset, settings.repeat)
    base_speed = rate(len(subset), baseline.median)
    ours_subset = timed(lambda data: drain(entities.run(data)), lambda: subset, settings.repeat)
    rows.append(
        Row(
            "entities",
            "underthesea.ner (CRF), sentence by sentence",
            f"{len(subset)} articles",
            baseline.median,
            f"{base_speed:,.1f} articles/s",
            note=f"ours on the same {len(subset)} articles: "
            f"{rate(len(subset), ours_subset.median):,.0f} articles/s "
            f"({baseline.median / ours_subset.median:,.0f}x faster); {baseline.spread()}; "
            f"gold entity recall: {gold_recall_underthesea()} (lenient: underthesea has no GPE type, so "
            "its LOC counts as GPE or LOC, and it gives no country to check; same extracted sentences)",
        )
    )
    return rows


def phase_events(articles: list[Article], settings: Settings) -> list[Row]:
    """Event coding on cleaned articles, beside dateparser.search_dates when installed."""
    events = stage_named("events")
    drain(events.run(articles[: settings.warmup]))
    timing = timed(lambda data: drain(events.run(data)), lambda: articles, settings.repeat)
    speed = rate(len(articles), timing.median)
    coded = sum(len(a.events) for a in articles)
    rows = [
        Row(
            "events",
            "ours: EventStage (triggers, roles, time, status)",
            f"{len(articles)} articles",
            timing.median,
            f"{speed:,.0f} articles/s ({1000 * timing.median / max(len(articles), 1):.2f} ms/article)",
            ">= 1,000 articles/s",
            speed >= 1000,
            f"{coded} events; {timing.spread()}",
        )
    ]
    if importlib.util.find_spec("dateparser") is None:
        rows.append(Row("events", "dateparser.search_dates", note="skipped: dateparser is not installed"))
        return rows
    from dateparser.search import search_dates  # type: ignore[import-untyped,import-not-found,unused-ignore]

    subset = articles[: settings.baseline_articles]
    search_dates("ngày 15/4/2025", languages=["vi"])  # loads the language data

    def run_dates(data: list[Article]) -> None:
        for article in data:
            day = article.published
            # Relative dates resolve against the publication day, as ours do.
            options = {"RELATIVE_BASE": datetime(day.year, day.month, day.day)} if day else {}
            for sentence in sentence_texts(article):
                search_dates(sentence, languages=["vi"], settings=options)

    baseline = timed(run_dates, lambda: subset, settings.repeat)
    ours_subset = timed(lambda data: drain(events.run(data)), lambda: subset, settings.repeat)
    per_article = 1000 * baseline.median / max(len(subset), 1)
    ours_per_article = 1000 * ours_subset.median / max(len(subset), 1)
    rows.append(
        Row(
            "events",
            "dateparser.search_dates (vi), sentence by sentence",
            f"{len(subset)} articles",
            baseline.median,
            f"{per_article:,.1f} ms/article",
            note=f"dates only; our whole event stage on the same articles: "
            f"{ours_per_article:.2f} ms/article; {baseline.spread()}",
        )
    )
    return rows


def phase_end_to_end(flat_dir: Path, pages: int, root: Path, settings: Settings) -> list[Row]:
    """Page files to events stored in a DuckDB file, as ``thoisu ingest --executor in-process`` runs.

    The batch runner cuts the input into shards, the worker function runs the default pipeline
    on each (loading and settling the resources once per process) and this process writes
    the store; only the executor differs from a multi-core run.
    """
    import duckdb

    from thoisu.execute.batch import run_batch
    from thoisu.execute.executors import InProcessExecutor
    from thoisu.execute.shards import DEFAULT_FILES_PER_SHARD
    from thoisu.store import Store

    paths: list[Path] = []

    def database() -> Path:
        paths.append(root / f"bench-{len(paths)}.duckdb")
        return paths[-1]

    def ingest(path: Path, limit: int | None = None) -> None:
        source = flat_dir
        if limit is not None:  # the warm-up: a few pages in a directory of their own
            source = root / "warmup"
            source.mkdir(exist_ok=True)
            for page in sorted(flat_dir.rglob("*.txt"))[:limit]:
                (source / page.name).write_bytes(page.read_bytes())
        with Store.open(path) as store:
            run_batch([str(source)], store, InProcessExecutor(), files_per_shard=DEFAULT_FILES_PER_SHARD)

    ingest(database(), limit=settings.warmup)
    timing = timed(ingest, database, settings.repeat)
    connection = duckdb.connect(str(paths[-1]), read_only=True)
    try:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM rejects)"
        ).fetchone()
    finally:
        connection.close()
    stored = (int(row[0]), int(row[1]), int(row[2])) if row is not None else (0, 0, 0)
    size = paths[-1].stat().st_size / 1024 / 1024
    speed = rate(pages, timing.median)
    return [
        Row(
            "end to end",
            "page files -> events in DuckDB",
            f"{pages} pages",
            timing.median,
            f"{speed:,.0f} pages/s",
            ">= 300 pages/s",
            speed >= 300,
            f"thoisu ingest in one process, shards of {DEFAULT_FILES_PER_SHARD} files: read + normalise + "
            f"extract + sentences + entities + events + store; stored {stored[0]} "
            f"articles, {stored[1]} events, {stored[2]} rejects; database {size:.1f} MiB; {timing.spread()}",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Gold recall


@lru_cache(maxsize=1)
def _gold_articles() -> tuple[Article, ...]:
    """The example pages through the default pipeline (also warms every lazy resource up)."""
    from thoisu.build import build_pipeline
    from thoisu.read import read_inputs

    return tuple(build_pipeline().run(read_inputs([str(REPO / "examples" / "pages")])))


def gold_recall_ours() -> str:
    """Recall of the gold entities by the whole pipeline on the example pages."""
    if not GOLD.is_file():
        return "n/a (examples/gold.json missing)"
    from thoisu.evaluate import evaluate, load_gold
    from thoisu.output import article_record

    ratio = evaluate(load_gold(GOLD), [article_record(a) for a in _gold_articles()]).entities
    return _ratio(ratio.hit, ratio.total)


def gold_recall_underthesea() -> str:
    """Recall of the gold entities by underthesea.ner over the same extracted article bodies.

    underthesea tags PER, ORG and LOC (no GPE) and gives no country, so a LOC
    counts for a gold GPE or LOC and the country check is waived: a lenient score.
    """
    if not GOLD.is_file():
        return "n/a (examples/gold.json missing)"
    from underthesea import ner  # type: ignore[import-untyped,import-not-found,unused-ignore]

    from thoisu.evaluate import evaluate, load_gold

    records: list[dict[str, Any]] = []
    for article in _gold_articles():
        if article.reject is not None:
            continue
        found: list[dict[str, str]] = []
        for span in article.sentences:
            for text, kind in underthesea_entities(span.of(article.text), ner(span.of(article.text))):
                types = ("GPE", "LOC") if kind == "LOC" else (kind,)
                found.extend({"text": text, "type": t} for t in types)
        records.append({"doc": article.doc, "entities": found})
    ratio = evaluate(load_gold(GOLD), records).entities
    return _ratio(ratio.hit, ratio.total)


def underthesea_entities(sentence: str, tagged: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """Entities from underthesea's BIO tags, as the exact surface of the sentence they cover."""
    found: list[tuple[str, str]] = []
    cursor = 0
    current: tuple[int, int, str] | None = None
    for row in tagged:
        token, tag = row[0], row[-1]
        start = sentence.find(token, cursor)
        if start < 0:  # the tokenizer rewrote the token; close what is open and move on
            if current:
                found.append((sentence[current[0] : current[1]], current[2]))
            current = None
            continue
        end = start + len(token)
        cursor = end
        kind = tag[2:] if len(tag) > 2 else ""
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != kind)):
            if current:
                found.append((sentence[current[0] : current[1]], current[2]))
            current = (start, end, kind)
        elif tag.startswith("I-") and current is not None:
            current = (current[0], end, kind)
        else:
            if current:
                found.append((sentence[current[0] : current[1]], current[2]))
            current = None
    if current:
        found.append((sentence[current[0] : current[1]], current[2]))
    return [(text, kind) for text, kind in found if kind in ("PER", "ORG", "LOC")]


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.1%}" if total else "n/a (no gold entities)"


# ---------------------------------------------------------------------------------------------
# Report


def mib(value: int) -> str:
    """Bytes as MiB."""
    return f"{value / 1024 / 1024:,.0f}"


REPORT_ORDER = ("normalise+extract", "html", "entities", "events", "end to end")


def in_report_order(phases: Sequence[Phase]) -> list[Phase]:
    """Phases in pipeline order for the results (they run in another order, see main)."""
    rank = {name: i for i, name in enumerate(REPORT_ORDER)}
    return sorted(phases, key=lambda phase: rank.get(phase.name, -1))


def show(phases: Sequence[Phase], console: Console) -> None:
    """Print the results as Rich tables."""
    table = Table(title="thoisu benchmarks (one process, one core)", show_lines=False)
    for column in ("phase", "measure", "items", "median CPU s", "throughput (one core)", "target", "met"):
        table.add_column(column, justify="left" if column in ("phase", "measure", "items") else "right")
    for phase in in_report_order(phases):
        if phase.error:
            table.add_row(phase.name, f"[red]error: {phase.error}[/red]", "", "", "", "", "")
        for row in phase.rows:
            met = "" if row.met is None else ("[green]met[/green]" if row.met else "[red]missed[/red]")
            seconds = f"{row.seconds:.3f}" if row.seconds is not None else ""
            table.add_row(row.phase, row.what, row.items, seconds, row.value, row.target, met)
    console.print(table)
    memory = Table(title="peak resident memory (ru_maxrss, process high-water mark), in run order")
    for column in ("after phase", "peak MiB", "growth in phase MiB"):
        memory.add_column(column)
    for phase in phases:
        memory.add_row(phase.name, mib(phase.rss_after), mib(phase.rss_after - phase.rss_before))
    console.print(memory)
    for phase in in_report_order(phases):
        for row in phase.rows:
            if row.note:
                console.print(f"[dim]{row.phase} / {row.what}: {row.note}[/dim]")


def markdown(phases: Sequence[Phase], context: dict[str, str], versions: Sequence[tuple[str, str]]) -> str:
    """The generated section of BENCHMARKS.md."""
    lines = [
        BEGIN,
        "<!-- Generated by bench/run.py; everything between these markers is rewritten on each run. -->",
        "",
        f"Measured {context['date']} with:",
        "",
        "```",
        context["command"],
        "```",
        "",
        f"- Machine: {context['cpu']}; {context['cores']} cores visible; {context['memory']} RAM; "
        f"{context['os']}",
        f"- Run: {context['pinning']}. Load average at start {context['load_start']}, "
        f"at end {context['load_end']} (the machine may be shared: figures are lower bounds).",
        f"- Python {context['python']}",
        f"- Compiled: {context['compiled']}",
        "- Packages: " + ", ".join(f"{name} {version}" for name, version in versions),
        f"- Corpus: {context['corpus']}",
        f"- Timing: {context['timing']}",
        "",
        "| Phase | Measure | Items | Median CPU (s) | Throughput (one core) | Target | Met |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    for phase in in_report_order(phases):
        if phase.error:
            lines.append(f"| {phase.name} | error: {_cell(phase.error)} | | | | | |")
        for row in phase.rows:
            met = "" if row.met is None else ("yes" if row.met else "**no**")
            seconds = f"{row.seconds:.3f}" if row.seconds is not None else ""
            lines.append(
                f"| {row.phase} | {_cell(row.what)} | {row.items} | {seconds} | {row.value} | "
                f"{row.target} | {met} |"
            )
    lines += [
        "",
        "Peak resident memory (`resource.getrusage(RUSAGE_SELF).ru_maxrss`), in the order the phases ran: "
        "the process high-water mark when each phase ended and how much it rose during the phase. The "
        "phases share one process, so a phase that needs less than an earlier peak shows no growth; the "
        "streaming end-to-end run goes first for that reason. The entities phase holds its input (every "
        "cleaned article of the corpus) in memory, and that input is counted in its growth.",
        "",
        "| After phase | Peak RSS (MiB) | Growth in phase (MiB) |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {p.name} | {mib(p.rss_after)} | {mib(p.rss_after - p.rss_before)} |" for p in phases]
    lines += ["", "Notes:", ""]
    for phase in in_report_order(phases):
        for row in phase.rows:
            if row.note:
                lines.append(f"- {row.phase}, {row.what}: {row.note}")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


HEADER = """# Benchmarks

Throughput and memory of thoisu's stages, measured by `bench/run.py` on a synthetic corpus that
`bench/corpus.py` builds from the team's example pages (`examples/pages/`): paragraphs and sidebars
reshuffled, dates shifted, office holders swapped for compatriots from the knowledge base, and flat
pages rendered as HTML documents for the HTML path. Reproduce with the command below; `--quick` gives a
smoke run, `--pages N` a bigger corpus, `--no-write` leaves this file alone.
"""


def write_report(path: Path, section: str) -> None:
    """Replace the generated section of ``path`` (creating the file when needed), keeping the rest."""
    if path.is_file():
        existing = path.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.DOTALL)
        if pattern.search(existing):
            path.write_text(pattern.sub(lambda _: section, existing, count=1), encoding="utf-8")
            return
        path.write_text(existing.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    path.write_text(HEADER + "\n" + section, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Main


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        description="Benchmark thoisu's stages on a synthetic corpus (one process, one core)."
    )
    parser.add_argument("--pages", type=int, default=2000, help="flat pages in the corpus (default 2000)")
    parser.add_argument("--html-pages", type=int, help="HTML pages (default: pages / 8, at least 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions per measure (median kept)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--quick", action="store_true", help="a smoke run on a tiny corpus")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="report file (BENCHMARKS.md)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not touch the report")
    parser.add_argument(
        "--only",
        type=lambda value: frozenset(part.strip() for part in value.split(",") if part.strip()),
        default=None,
        help=f"run only these phases (comma-separated: {', '.join(PHASES)}); implies --no-write",
    )
    args = parser.parse_args(argv)
    if args.pages < 1 or args.repeat < 1:
        parser.error("--pages and --repeat must be positive")
    if args.only is not None and not args.only <= set(PHASES):
        parser.error(f"--only: unknown phase(s) {', '.join(sorted(args.only - set(PHASES)))}")
    return args


def settings_from(args: argparse.Namespace) -> Settings:
    """Work sizes from the options (``--quick`` overrides them with tiny ones)."""
    if args.quick:
        return Settings(pages=24, html_pages=4, repeat=1, warmup=2, baseline_articles=2, seed=args.seed)
    html_pages = args.html_pages or max(args.pages // 8, 10)
    return Settings(
        pages=args.pages,
        html_pages=html_pages,
        repeat=args.repeat,
        warmup=min(50, args.pages),
        baseline_articles=min(60, args.pages),
        seed=args.seed,
    )


#: Phase names accepted by ``--only``, in the order they run.
PHASES = ("end to end", "normalise+extract", "html", "entities", "events")


def run_phase(
    name: str,
    body: Callable[[], list[Row]],
    phases: list[Phase],
    console: Console,
    only: frozenset[str] | None = None,
) -> None:
    """Run one phase, recording its rows, its memory and any failure (skipped when not in ``only``)."""
    if only is not None and name not in only:
        return
    phase = Phase(name, rss_before=peak_rss())
    console.print(f"[bold]{name}[/bold] ...")
    start = time.perf_counter()
    try:
        phase.rows = body()
    except Exception as exc:  # report the failure and go on with the other phases
        phase.error = f"{type(exc).__name__}: {exc}"
        console.print(f"[red]{name} failed:[/red]\n{traceback.format_exc()}")
    phase.rss_after = peak_rss()
    console.print(f"  done in {time.perf_counter() - start:.1f} s")
    phases.append(phase)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark; print the tables; update the report unless ``--no-write``."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = parse(arguments)
    settings = settings_from(args)
    # A pipe or a file gets a wide table rather than 80 columns of wrapped cells.
    console = Console() if sys.stdout.isatty() else Console(width=150)
    pinning = pin_to_one_core()
    console.print(f"[dim]{pinning}; {compiled_summary()}[/dim]")
    load_start = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    phases: list[Phase] = []
    with tempfile.TemporaryDirectory(prefix="thoisu-bench-") as scratch:
        root = Path(scratch)
        setup = Phase("setup (imports, corpus, resources)", rss_before=peak_rss())
        flat_dir, flat, html = make_corpus(root, settings, console)
        _gold_articles()  # every stage on every example page: loads lazy resources outside the timings
        settle_process()  # as every batch worker does once its resources are loaded
        setup.rss_after = peak_rss()
        phases.append(setup)
        # The streaming end-to-end run goes first: ru_maxrss only rises, and the later phases hold
        # their whole input in memory, which would hide the pipeline's own footprint.
        run_phase(
            "end to end",
            lambda: phase_end_to_end(flat_dir, len(flat), root, settings),
            phases,
            console,
            args.only,
        )
        run_phase("normalise+extract", lambda: phase_flat(flat, settings), phases, console, args.only)
        run_phase("html", lambda: phase_html(html, settings), phases, console, args.only)
        prepared: list[Article] = []

        def entities() -> list[Row]:
            prepared.extend(cleaned(flat))
            return phase_entities(prepared, settings)

        def events() -> list[Row]:
            if not prepared:  # --only events: the entity stage's output is its input
                prepared.extend(drain(stage_named("entities").run(cleaned(flat))))
            return phase_events(prepared, settings)

        run_phase("entities", entities, phases, console, args.only)
        run_phase("events", events, phases, console, args.only)
    load_end = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    show(phases, console)
    failed = [phase.name for phase in phases if phase.error]
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command_line(arguments),
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": memory_total(),
        "os": platform.platform(),
        "python": f"{platform.python_version()} ({platform.python_implementation()})",
        "pinning": pinning,
        "compiled": compiled_summary(),
        "load_start": load_start,
        "load_end": load_end,
        "corpus": f"{len(flat)} flat pages and {len(html)} HTML pages generated from examples/pages "
        f"with seed {settings.seed}; baselines (underthesea, dateparser) on the first "
        f"{settings.baseline_articles} articles",
        "timing": f"CPU time of this process (time.process_time), median of {settings.repeat} runs "
        f"after a warm-up on {settings.warmup} items; garbage collected before each run; the process "
        "settled as every batch worker is once its resources are loaded (thoisu.execute.worker."
        "settle_process: resources frozen out of garbage collection, young objects collected every "
        "10,000 allocations)",
    }
    if args.no_write or args.only is not None:
        console.print("[dim]--no-write or --only: report not written[/dim]")
    elif failed:
        console.print(f"[red]not writing {args.output}: phases failed: {', '.join(failed)}[/red]")
    else:
        write_report(args.output, markdown(phases, context, package_versions()))
        console.print(f"report written to {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
