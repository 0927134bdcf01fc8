"""thoisu fusion benchmark: dedup + fusion cost per page as the store grows; a dyad timeline over 1M events.

1. **Growth.** Synthetic articles (random Vietnamese syllables, deterministic from the seed) are
   written through :class:`thoisu.store.Store` into a DuckDB file, as an ingest writes them. A
   share of the pages are wire copies of recent pages (same body, another outlet) and a share of
   the events re-report recent events (same dyad, code family, day, persons), so both the copy
   lookup and the fusion lookup find candidates in the store, as they do on real news. For each
   window of pages the table gives the CPU time per page spent in deduplication and fusion (MinHash
   fingerprint + linking: band and block lookups, candidate loading, matching, consensus) and in the
   whole write (rows, linking, DuckDB inserts). Target: flat, i.e. the last window within 1.5x of the
   first.
2. **Timeline.** A store holding 1,000,000 synthetic fused events (filled by SQL) over 1,770 dyads
   answers ``Service.timeline("CHN", "PRK")``, ``Service.events`` for the dyad and
   ``Service.trend`` by month. Target: the timeline in < 100 ms.

Every timing is CPU time of this one process (``time.process_time``) except the queries, which are
wall-clock medians (DuckDB answers them on its own threads).

Usage::

    .venv/bin/python bench/fusion.py                    # 20,000 pages, 1M events (~3 min)
    .venv/bin/python bench/fusion.py --pages 100000     # the full growth (10k to 100k pages)
    .venv/bin/python bench/fusion.py --quick            # a smoke run
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

import thoisu.store.store as store_module
from thoisu.model import Article, DateRange, Event, Evidence, Page, Span, Status
from thoisu.service import EventQuery, Period, Service
from thoisu.store import Store
from thoisu.store.linker import Linker

COUNTRIES = (
    "CHN PRK KOR JPN USA RUS VNM LAO KHM THA MYS SGP IDN PHL MMR IND PAK BGD AUS NZL GBR FRA DEU ITA ESP "
    "UKR POL TUR IRN ISR SAU ARE EGY ZAF NGA BRA ARG MEX CAN CUB VEN COL CHL PER KAZ UZB MNG NPL LKA BRN "
    "TLS QAT KWT IRQ SYR JOR LBN GRC SWE"
).split()
CODES = (
    "010",
    "020",
    "036",
    "040",
    "042",
    "043",
    "046",
    "051",
    "057",
    "061",
    "111",
    "112",
    "130",
    "138",
    "163",
    "190",
)
OUTLETS = tuple(f"outlet{index:02d}" for index in range(40))
ONSETS = [*"b c ch d đ g gi h kh l m n ng nh p ph qu r s t th tr v x".split(), ""]
NUCLEI = "a á à ả ã ạ ă ắ ằ â ấ ầ e é è ê ế ề i í ì o ó ò ô ố ồ ơ ớ ờ u ú ù ư ứ ừ y ý".split()
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]


@dataclass(slots=True)
class Clock:
    """CPU seconds spent inside wrapped functions."""

    seconds: float = 0.0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - started

        return timed


@dataclass(slots=True)
class Generator:
    """Deterministic synthetic articles with wire copies and re-reported events."""

    seed: int
    pages_per_day: int = 100
    copy_share: float = 0.15
    rereport_share: float = 0.4
    rng: random.Random = field(init=False)
    syllables: list[str] = field(init=False)
    recent_pages: deque[tuple[str, list[Event]]] = field(init=False)
    recent_events: deque[Event] = field(init=False)
    persons: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        combos = [onset + nucleus + coda for onset in ONSETS for nucleus in NUCLEI for coda in CODAS]
        self.syllables = self.rng.sample(combos, 4000)
        self.recent_pages = deque(maxlen=300)
        self.recent_events = deque(maxlen=3000)
        self.persons = {country: [f"{country} Leader {n}" for n in range(3)] for country in COUNTRIES}

    def sentence(self) -> str:
        words = self.rng.choices(self.syllables, k=self.rng.randint(15, 25))
        return " ".join(words).capitalize() + "."

    def event(self, published: date, sentence: Span) -> Event:
        trigger = Span(sentence.start, sentence.start + 3)
        if self.recent_events and self.rng.random() < self.rereport_share:
            old = self.rng.choice(self.recent_events)
            shift = self.rng.choice((0, 0, 0, 0, 1)) if old.when else 0
            when = (
                DateRange(old.when.first + timedelta(shift), old.when.last + timedelta(shift))
                if old.when
                else None
            )
            return Event(
                old.source,
                old.target,
                old.code,
                when,
                status=old.status,
                source_actor_code=old.source_actor_code,
                source_person=old.source_person,
                target_person=old.target_person,
                place=old.place,
                confidence=round(self.rng.uniform(0.4, 0.95), 2),
                evidence=[Evidence(sentence, trigger)],
            )
        weights = [1.0 / (rank + 1) for rank in range(len(COUNTRIES))]
        source, target = self.rng.choices(COUNTRIES, weights=weights, k=2)
        if target == source:
            target = COUNTRIES[(COUNTRIES.index(source) + 1) % len(COUNTRIES)]
        day = published - timedelta(self.rng.choice((0, 0, 1, 1, 2, 3)))
        span = DateRange.day(day) if self.rng.random() < 0.8 else DateRange(day - timedelta(2), day)
        event = Event(
            source,
            target,
            self.rng.choice(CODES),
            span,
            status=Status.PLANNED if self.rng.random() < 0.1 else Status.OCCURRED,
            source_actor_code=source + "GOV",
            source_person=self.rng.choice([*self.persons[source], None]),
            target_person=self.rng.choice([*self.persons[target], None, None]),
            place=self.rng.choice((source, target, None)),
            confidence=round(self.rng.uniform(0.4, 0.95), 2),
            evidence=[Evidence(sentence, trigger)],
        )
        self.recent_events.append(event)
        return event

    def articles(self, count: int) -> Iterator[Article]:
        start = date(2020, 1, 1)
        for index in range(count):
            published = start + timedelta(index // self.pages_per_day)
            outlet = self.rng.choice(OUTLETS)
            if self.recent_pages and self.rng.random() < self.copy_share:
                body, events = self.rng.choice(self.recent_pages)  # a wire copy: the same text and codings
            else:
                body = " ".join(self.sentence() for _ in range(self.rng.randint(8, 14)))
                first = Span(0, body.index(".") + 1)
                events = [self.event(published, first) for _ in range(self.rng.randint(2, 6))]
                self.recent_pages.append((body, events))
            yield Article(
                page=Page(
                    id=f"p{index}",
                    raw=f"{outlet} {index}\n{body}",
                    source="bench",
                    url=f"https://{outlet}.vn/{index}",
                ),
                text=body,
                title=f"Bài {index}",
                body=[Span(0, len(body))],
                sentences=[Span(0, len(body))],
                published=published,
                outlet=outlet,
                events=events,
            )


@dataclass(slots=True, frozen=True)
class Window:
    """Costs of writing one window of pages."""

    stored_before: int
    pages: int
    link_ms: float
    fingerprint_ms: float
    total_ms: float
    copies: int
    fused: int
    reports: int
    filter_mb: float


def grow(path: Path, pages: int, window: int, seed: int) -> list[Window]:
    """Write ``pages`` synthetic articles, timing each window of ``window`` pages."""
    link, prints = Clock(), Clock()
    original_link, original_fingerprint = Linker.link, store_module.fingerprint
    Linker.link = link.wrap(original_link)  # type: ignore[method-assign]
    store_module.fingerprint = prints.wrap(original_fingerprint)
    windows: list[Window] = []
    try:
        with Store.open(path) as store:
            source = Generator(seed).articles(pages)
            for start in range(0, pages, window):
                link.seconds = prints.seconds = 0.0
                began = time.process_time()
                for article in (next(source) for _ in range(min(window, pages - start))):
                    store.write(article)
                store.flush()
                spent = time.process_time() - began
                count = min(window, pages - start)
                counts = (
                    store.cursor()
                    .execute(
                        "SELECT (SELECT count(*) FROM article_copies), (SELECT count(*) FROM fused_events), "
                        "(SELECT count(*) FROM events)"
                    )
                    .fetchone()
                )
                assert counts is not None
                windows.append(
                    Window(
                        start,
                        count,
                        1000 * (link.seconds + prints.seconds) / count,
                        1000 * prints.seconds / count,
                        1000 * spent / count,
                        int(counts[0]),
                        int(counts[1]),
                        int(counts[2]),
                        store._linker.memory / 2**20,
                    )
                )
                print(f"  {start + count:>7,} pages stored", file=sys.stderr)
    finally:
        Linker.link = original_link  # type: ignore[method-assign]
        store_module.fingerprint = original_fingerprint
    return windows


def fill_events(path: Path, events: int) -> None:
    """A store with ``events`` synthetic fused events over every dyad of 60 countries, filled by SQL."""
    Store.open(path).close()
    import duckdb

    countries = ", ".join(f"'{code}'" for code in COUNTRIES)
    with duckdb.connect(str(path)) as connection:
        connection.execute(f"CREATE TEMP TABLE c AS SELECT unnest([{countries}]) AS code")
        connection.execute(
            "CREATE TEMP TABLE d AS SELECT row_number() OVER (ORDER BY a.code, b.code) - 1 AS k, "
            "a.code AS a, b.code AS b FROM c a JOIN c b ON a.code < b.code"
        )
        dyads = connection.execute("SELECT count(*) FROM d").fetchone()[0]  # type: ignore[index]
        connection.execute(
            "INSERT INTO fused_events SELECT i + 1 AS gid, printf('%015x', i + 1), '04', d.a || '|' || d.b, "
            "CASE i % 3 WHEN 0 THEN '040' WHEN 1 THEN '042' ELSE '190' END, "
            "CASE i % 3 WHEN 2 THEN '19' ELSE '04' END, d.a, d.b, d.a || 'GOV', d.b, NULL, NULL, "
            "DATE '2010-01-01' + CAST(hash(i) % 5475 AS INTEGER), "
            "DATE '2010-01-01' + CAST(hash(i) % 5475 AS INTEGER), 'explicit', false, '[]', 'occurred', "
            "d.a, NULL, '[]', CASE i % 3 WHEN 2 THEN -10.0 ELSE 1.0 END, "
            "CASE i % 3 WHEN 2 THEN 4 ELSE 1 END, "
            "NULL, 0.8, "
            "1 + i % 5, 1 + i % 4, 1 + i % 4, 1 + i % 3, DATE '2010-01-01', TIMESTAMP '2024-01-01', "
            "TIMESTAMP '2024-01-01', 'h' || i, "
            "'Ngày hôm nay hai bên đã có cuộc hội đàm kéo dài hai giờ về hợp tác kinh tế, an ninh khu vực và "
            "các vấn đề cùng quan tâm ' || i, 'hội đàm', 0, 40, 0, ['outlet'], [], '[]' "
            f"FROM range({events}) t(i) JOIN d ON d.k = (hash(i * 7) % {dyads})"
        )
        connection.execute(
            "INSERT INTO event_evidence SELECT 'h' || i, 0, 0, 150, 40, 47, "
            "'Ngày hôm nay hai bên đã có cuộc hội đàm kéo dài hai giờ về hợp tác kinh tế, an ninh khu vực và "
            "các vấn đề cùng quan tâm ' || i, 'hội đàm', 0, 10, 20 "
            f"FROM range({events}) t(i)"
        )
        connection.execute("CHECKPOINT")


def median_ms(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    function()  # warm-up: the first call reads the columns from disk
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times), result


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--pages", type=int, default=20_000, help="pages to grow the store to (default 20,000)"
    )
    parser.add_argument("--window", type=int, help="pages per measured window (default pages / 10)")
    parser.add_argument(
        "--events", type=int, default=1_000_000, help="fused events for the timeline (default 1M)"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed repetitions per query (median kept)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2,000 pages, 100k events")
    parser.add_argument(
        "--dir", type=Path, help="where to put the databases (default: a temporary directory)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.quick:
        args.pages, args.events, args.repeat = 2_000, 100_000, 3
    window = args.window or max(args.pages // 10, 1)
    console = Console() if sys.stdout.isatty() else Console(width=140)
    with tempfile.TemporaryDirectory(prefix="thoisu-fusion-", dir=args.dir) as folder:
        root = Path(folder)
        started = time.perf_counter()
        windows = grow(root / "grow.duckdb", args.pages, window, args.seed)
        grow_seconds = time.perf_counter() - started
        table = Table(title=f"dedup + fusion per page as the store grows ({grow_seconds:.0f} s wall)")
        for name in (
            "pages stored before",
            "pages",
            "dedup+fusion ms/page",
            "of which MinHash",
            "write ms/page",
            "copies",
            "events / reports",
            "key filters MB",
        ):
            table.add_column(name, justify="right")
        for row in windows:
            table.add_row(
                f"{row.stored_before:,}",
                f"{row.pages:,}",
                f"{row.link_ms:.2f}",
                f"{row.fingerprint_ms:.2f}",
                f"{row.total_ms:.2f}",
                f"{row.copies:,}",
                f"{row.fused:,} / {row.reports:,}",
                f"{row.filter_mb:.1f}",
            )
        console.print(table)
        first, last = windows[0].link_ms, windows[-1].link_ms
        steady = statistics.median(row.link_ms for row in windows[1:]) if len(windows) > 1 else first
        verdict = "flat" if last <= 1.5 * steady else "GROWING"
        console.print(
            f"dedup+fusion: first window {first:.2f} ms/page, median {steady:.2f}, last {last:.2f} "
            f"(last/median {last / steady:.2f}; target <= 1.5): {verdict}"
        )

        path = root / "timeline.duckdb"
        started = time.perf_counter()
        fill_events(path, args.events)
        console.print(f"filled {args.events:,} fused events in {time.perf_counter() - started:.1f} s")
        with Service.open(path) as service:
            timeline_ms, rows = median_ms(lambda: service.timeline("CHN", "PRK"), args.repeat)
            latest_ms, latest = median_ms(
                lambda: service.events(EventQuery(dyad=("PRK", "CHN"), limit=50)), args.repeat
            )
            trend_ms, points = median_ms(lambda: service.trend("CHN", "PRK", by=Period.MONTH), args.repeat)
            count_ms, total = median_ms(
                lambda: service.count_events(EventQuery(actors=("CHN",))), args.repeat
            )
        queries = Table(
            title=f"queries over {args.events:,} fused events (wall-clock median of {args.repeat})"
        )
        for name in ("query", "rows", "ms", "target"):
            queries.add_column(name, justify="right" if name != "query" else "left")
        queries.add_row(
            "timeline CHN-PRK (all, oldest first)", f"{len(rows):,}", f"{timeline_ms:.1f}", "< 100"
        )
        queries.add_row("events --dyad CHN-PRK --limit 50", f"{len(latest):,}", f"{latest_ms:.1f}", "")
        queries.add_row("trend CHN PRK --by month", f"{len(points):,}", f"{trend_ms:.1f}", "")
        queries.add_row("count events --actor CHN", f"{total:,}", f"{count_ms:.1f}", "")
        console.print(queries)
        ok = timeline_ms < 100 and verdict == "flat"
        console.print(f"targets {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
