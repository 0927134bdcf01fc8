from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import run

BENCH_RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def test_quick_run_exits_zero_and_leaves_the_report_alone(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH_RUN), "--quick", "--no-write", "--output", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "thoisu benchmarks" in done.stdout
    for phase in ("normalise+extract", "html", "entities", "events", "end to end"):
        assert phase in done.stdout
    assert not report.exists()


def test_report_section_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"# Title\n\nHand-written intro.\n\n{run.BEGIN}\nold figures\n{run.END}\n\nOutro.\n")
    run.write_report(report, f"{run.BEGIN}\nnew figures\n{run.END}\n")
    text = report.read_text()
    assert "old figures" not in text
    assert text.startswith("# Title\n\nHand-written intro.\n\n")
    assert "new figures" in text and text.endswith("Outro.\n")
    fresh = tmp_path / "NEW.md"
    run.write_report(fresh, f"{run.BEGIN}\nfigures\n{run.END}\n")
    assert fresh.read_text().startswith("# Benchmarks")


def test_underthesea_tags_become_surfaces_of_the_sentence() -> None:
    sentence = "Chủ tịch Trung Quốc Tập Cận Bình tới Hà Nội."
    tagged = [
        ("Chủ tịch", "N", "B-NP", "O"),
        ("Trung Quốc", "Np", "B-NP", "B-LOC"),
        ("Tập", "Np", "B-NP", "B-PER"),
        ("Cận Bình", "Np", "B-NP", "I-PER"),
        ("tới", "V", "B-VP", "O"),
        ("Hà Nội", "Np", "B-NP", "B-LOC"),
        (".", "CH", "O", "O"),
    ]
    assert run.underthesea_entities(sentence, tagged) == [
        ("Trung Quốc", "LOC"),
        ("Tập Cận Bình", "PER"),
        ("Hà Nội", "LOC"),
    ]


def test_quick_settings_are_tiny_and_defaults_follow_pages() -> None:
    quick = run.settings_from(run.parse(["--quick"]))
    assert quick.pages <= 50 and quick.repeat == 1
    full = run.settings_from(run.parse(["--pages", "4000"]))
    assert full.pages == 4000 and full.html_pages == 500 and full.repeat == 3
