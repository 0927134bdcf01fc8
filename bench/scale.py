"""thoisu scale benchmark: batch runs over WET archives, 1 vs 2 cores, memory vs corpus size.

Generates a synthetic corpus (``bench/corpus.py``; deterministic from the seed) as
gzipped WET archives of ``--per-archive`` pages each, then runs the batch runner
(``thoisu.execute.batch.run_batch``: shards, local worker processes, one DuckDB
writer) on it in a fresh child process per configuration, so that each peak
memory figure belongs to one run:

1. end to end on 1 core (pinned; the runner works in-process) and on 2 cores (pinned; two
   worker processes and the writer): pages/s (wall clock) and the speed-up (target >= 1.8x);
2. peak resident memory of the writer process and of the largest worker, for each corpus
   size in ``--sizes`` (target: the largest within 10% of the smallest).

Usage::

    .venv/bin/python bench/scale.py                           # 2,000 pages; sizes 2,000 and 10,000
    .venv/bin/python bench/scale.py --pages 10000 --sizes 10000,100000
    .venv/bin/python bench/scale.py --quick
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import corpus

REPO = Path(__file__).resolve().parents[1]


@dataclass(slots=True, frozen=True)
class Measure:
    """One run of the batch runner."""

    pages: int
    workers: int
    seconds: float
    pages_per_second: float
    articles: int
    events: int
    rejects: int
    writer_peak_mib: float
    worker_peak_mib: float


def generate(root: Path, pages: int, per_archive: int, seed: int) -> Path:
    """Write ``pages`` pages as WET archives under ``root``; reuse them when already there."""
    out = root / f"wet-{pages}-{per_archive}-{seed}"
    done = out / ".complete"
    if done.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    generator = corpus.CorpusGenerator(corpus.load_templates(), seed, html_share=0.0)
    for number, start in enumerate(range(0, pages, per_archive)):
        count = min(per_archive, pages - start)
        corpus.write_warc(generator.pages(count, start), out / f"part-{number:05d}.warc.wet.gz", wet=True)
    done.write_text("ok\n")
    return out


def child(corpus_dir: Path, workers: int, db: Path) -> dict[str, float | int]:
    """Run one batch in this process (called in a fresh interpreter) and report it."""
    from thoisu.execute.batch import run_batch
    from thoisu.execute.executors import make_executor
    from thoisu.store import Store

    if hasattr(os, "sched_setaffinity"):
        # "N cores" means the whole run (writer and workers, which inherit this) on N CPUs.
        allowed = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(allowed[:workers]))
    started = time.perf_counter()
    with make_executor("processes", workers=workers) as executor, Store.open(db) as store:
        report = run_batch([str(corpus_dir)], store, executor, files_per_shard=64)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "pages": report.pages,
        "workers": workers,
        "seconds": seconds,
        "articles": report.articles,
        "events": report.events,
        "rejects": sum(report.rejects.values()),
        "writer_peak_mib": own,
        # With one worker the runner works in this process and no child exists.
        "worker_peak_mib": children if workers > 1 else own,
    }


def measure(corpus_dir: Path, workers: int, scratch: Path) -> Measure:
    """Run :func:`child` in a new interpreter and parse its report."""
    db = scratch / f"scale-{workers}-{time.monotonic_ns()}.duckdb"
    command = [sys.executable, __file__, "--child", str(corpus_dir), "--workers", str(workers)]
    command += ["--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        raise RuntimeError(f"child run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    db.unlink(missing_ok=True)
    return Measure(
        pages=int(data["pages"]),
        workers=workers,
        seconds=float(data["seconds"]),
        pages_per_second=float(data["pages"]) / float(data["seconds"]),
        articles=int(data["articles"]),
        events=int(data["events"]),
        rejects=int(data["rejects"]),
        writer_peak_mib=float(data["writer_peak_mib"]),
        worker_peak_mib=float(data["worker_peak_mib"]),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the corpora, run every configuration, print the tables."""
    parser = argparse.ArgumentParser(description="thoisu scale benchmark (batch runner, WET archives)")
    parser.add_argument("--pages", type=int, default=2000, help="corpus size for the 1 vs 2 cores run")
    parser.add_argument("--sizes", default="2000,10000", help="corpus sizes for the memory comparison")
    parser.add_argument("--per-archive", type=int, default=500, help="pages per WET archive")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scratch", type=Path, help="where corpora are kept (default: a temp dir)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.workers, args.db)))
        return 0
    if args.quick:
        args.pages, args.sizes, args.per_archive = 120, "120,360", 40
    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"machine: {cores} cores available; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="thoisu-scale-") as temporary:
        scratch = args.scratch or Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        speed_dir = generate(scratch, args.pages, args.per_archive, args.seed)
        one = measure(speed_dir, 1, scratch)
        two = measure(speed_dir, 2, scratch)
        print("\n| Workers | Pages | Wall s | Pages/s | Speed-up | Articles | Events | Rejects |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for run in (one, two):
            speedup = run.pages_per_second / one.pages_per_second
            print(
                f"| {run.workers} | {run.pages:,} | {run.seconds:.1f} | {run.pages_per_second:,.0f} | "
                f"{speedup:.2f}x | {run.articles:,} | {run.events:,} | {run.rejects:,} |"
            )
        target = two.pages_per_second / one.pages_per_second
        verdict = "met" if target >= 1.8 else "missed"
        print(f"\n2 cores / 1 core: {target:.2f}x (target >= 1.8x: {verdict})")
        memory = [measure(generate(scratch, size, args.per_archive, args.seed), 2, scratch) for size in sizes]
        print("\n| Pages | Workers | Writer peak MiB | Largest worker peak MiB | Pages/s |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for run in memory:
            print(
                f"| {run.pages:,} | {run.workers} | {run.writer_peak_mib:.0f} | {run.worker_peak_mib:.0f} | "
                f"{run.pages_per_second:,.0f} |"
            )
        low, high = memory[0], memory[-1]
        growth = max(
            high.writer_peak_mib / low.writer_peak_mib - 1, high.worker_peak_mib / low.worker_peak_mib - 1
        )
        verdict = "met" if growth <= 0.10 else "missed"
        print(f"\npeak memory growth {low.pages:,} -> {high.pages:,} pages: {growth:+.1%}")
        print(f"target <= 10%: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
