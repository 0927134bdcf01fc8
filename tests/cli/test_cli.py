from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from thoisu.cli import main as cli
from thoisu.model import Article, DateRange, Event, Evidence, Reject, Span
from thoisu.pipeline import Pipeline, Stage
from thoisu.store import Store, StoreStage

PAGE = "Tin tức\nNgày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh.\n"


class FakeChain(Stage):
    """A stand-in for the real pipeline: the body is the second line, one meeting per page."""

    name = "fake"
    adds: ClassVar[frozenset[str]] = frozenset({"text", "body", "events", "title"})

    def process(self, article: Article) -> Iterable[Article]:
        text = article.page.raw
        if "English" in text:
            article.reject = Reject(self.name, "not-vietnamese", "en")
            yield article
            return
        article.text = text
        lines = text.split("\n")
        start = len(lines[0]) + 1
        sentence = Span(start, start + len(lines[1]) if len(lines) > 1 else len(text))
        article.title = lines[0]
        article.body = [sentence]
        trigger = text.find("gặp")
        article.events = [
            Event(
                "PRK",
                "CHN",
                "040",
                DateRange.day(date(2024, 3, 21)),
                source_person="Kim Song-nam",
                evidence=[Evidence(sentence, Span(trigger, trigger + 3))] if trigger >= 0 else [],
            )
        ]
        yield article


def fake_pipeline(store: Store | None = None, *, prepare: bool | None = None) -> Pipeline:
    stages: list[Stage] = [FakeChain()]
    if store is not None:
        stages.append(StoreStage(store))
    return Pipeline(stages)


def fake_batch_pipeline() -> Pipeline:
    return fake_pipeline(prepare=True)


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "load_pipeline", fake_pipeline)
    monkeypatch.setattr(cli, "load_batch_pipeline", fake_batch_pipeline)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "200"})  # wide enough that Rich does not wrap the checked words


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "b.txt").write_bytes(PAGE.encode() + b"\xc3\x28 broken utf-8\n")
    (folder / "c.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (folder / "d.html").write_text("<html><body>English only\nHello</body></html>", encoding="utf-8")
    rows = [
        json.dumps({"id": "row-1", "text": PAGE}, ensure_ascii=False),
        "{broken json",
        json.dumps({"id": "huge", "text": "x" * (10 * 1024 * 1024)}),
        json.dumps({"id": "row-2", "text": PAGE.replace("21/3", "22/3")}, ensure_ascii=False),
    ]
    (folder / "e.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "f.txt").write_text("Một dòng rất dài " * 400_000, encoding="utf-8")  # one 8 MB line
    return folder


def records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_extract_jsonl_survives_every_kind_of_bad_input(runner: CliRunner, pages: Path) -> None:
    result = runner.invoke(cli.app, ["extract", str(pages)])
    assert result.exit_code == 0, result.stderr
    out = records(result.stdout)
    by_doc = {record["doc"]: record for record in out}
    assert list(by_doc) == [
        "a.txt",
        "b.txt",
        "c.txt",
        "d.html",
        "row-1",
        "e.jsonl:2",
        "huge",
        "row-2",
        "f.txt",
    ]
    assert by_doc["a.txt"]["events"][0]["root"] == "04"
    assert "Vương Nghị" in by_doc["b.txt"]["body"]
    assert by_doc["c.txt"]["reject"] == "binary"
    assert by_doc["d.html"]["reject"] == "not-vietnamese"
    assert by_doc["e.jsonl:2"]["reject"] == "bad-jsonl-row"
    assert by_doc["huge"]["reject"] == "too-large"
    assert by_doc["row-2"]["events"][0]["date"] == "2024-03-21"
    assert by_doc["f.txt"]["reject"] == "too-large"


def test_extract_table(runner: CliRunner, pages: Path) -> None:
    result = runner.invoke(
        cli.app, ["extract", str(pages / "a.txt"), str(pages / "c.txt"), "--format", "table"]
    )
    assert result.exit_code == 0, result.stderr
    assert "Tin tức" in result.stdout
    assert "gặp" in result.stdout and "PRK" in result.stdout
    assert "rejected at read: binary" in result.stdout


def test_extract_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["extract", "-"], input=PAGE)
    assert result.exit_code == 0, result.stderr
    [record] = records(result.stdout)
    assert record["doc"] == "stdin"


def test_missing_path_is_one_line_and_exit_2(runner: CliRunner, pages: Path) -> None:
    result = runner.invoke(cli.app, ["extract", str(pages / "a.txt"), "nope.txt"])
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert line.startswith("error:") and "nope.txt" in line
    assert result.stdout == ""  # nothing was read before the error


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "x", "--format", "xml"],
        ["events", "--bogus"],
        ["events", "--db", "x.duckdb", "--since", "yesterday"],
        ["events", "--db", "x.duckdb", "--root", "4"],
        ["events", "--db", "x.duckdb", "--dyad", "CHN"],
        ["eval", "--gold", "g.json"],
        ["nonsense"],
    ],
)
def test_usage_errors_are_one_line(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 2
    assert one_error_line(result.stderr).startswith("error:")


def test_ingest_then_query(runner: CliRunner, pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    result = runner.invoke(cli.app, ["ingest", str(pages), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("9 pages, 4 articles, 5 rejected, 4 events")
    assert "binary 1" in result.stdout and str(db) in result.stdout

    again = runner.invoke(cli.app, ["ingest", str(pages), "--db", str(db)])
    assert again.exit_code == 0

    listed = runner.invoke(cli.app, ["events", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.stderr
    # The three pages report one meeting: one event, three mentions.
    [event] = records(listed.stdout)
    assert (event["code"], event["date"], event["mentions"], event["independent"]) == (
        "040",
        "2024-03-21",
        3,
        3,
    )

    shown = runner.invoke(cli.app, ["show", event["event_id"][:6], "--db", str(db), "--format", "jsonl"])
    assert shown.exit_code == 0, shown.stderr
    [detail] = records(shown.stdout)
    # row-1 has the same content as a.txt: the store keeps that page once, under its first name.
    assert sorted(mention["doc"] for mention in detail["mentions"]) == ["a.txt", "b.txt", "row-2"]


def test_events_filters_and_table(runner: CliRunner, pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner.invoke(cli.app, ["ingest", str(pages / "a.txt"), "--db", str(db)])
    table = runner.invoke(cli.app, ["events", "--db", str(db), "--actor", "prk", "--since", "2024-03-01"])
    assert table.exit_code == 0, table.stderr
    assert "gặp" in table.stdout and "1 of 1 events" in table.stdout and "1 src · 1 rep" in table.stdout
    none = runner.invoke(cli.app, ["events", "--db", str(db), "--dyad", "CHN-RUS", "--format", "jsonl"])
    assert none.exit_code == 0 and none.stdout == ""
    summary = runner.invoke(cli.app, ["summary", "--db", str(db)])
    assert summary.exit_code == 0 and "events by root" in summary.stdout


def test_show_timeline_trend_actors_and_article(runner: CliRunner, pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner.invoke(cli.app, ["ingest", str(pages / "a.txt"), str(pages / "e.jsonl"), "--db", str(db)])
    [event] = records(runner.invoke(cli.app, ["events", "--db", str(db), "-f", "jsonl"]).stdout)
    shown = runner.invoke(cli.app, ["show", event["event_id"], "--db", str(db)])
    assert shown.exit_code == 0, shown.stderr
    assert "2 mentions in 2 articles" in shown.stdout and "Vương Nghị" in shown.stdout
    line = runner.invoke(cli.app, ["timeline", "chn", "prk", "--db", str(db)])
    assert line.exit_code == 0, line.stderr
    assert "PRK – CHN" not in line.stdout and "CHN – PRK" in line.stdout and "2024-03-21" in line.stdout
    trend = runner.invoke(cli.app, ["trend", "PRK", "CHN", "--by", "month", "--db", str(db)])
    assert trend.exit_code == 0, trend.stderr
    assert "2024-03" in trend.stdout and "█" in trend.stdout
    points = records(runner.invoke(cli.app, ["trend", "PRK", "CHN", "--db", str(db), "-f", "jsonl"]).stdout)
    assert [(point["period"], point["events"]) for point in points] == [("2024-03-01", 1)]
    actors = runner.invoke(cli.app, ["actors", "--db", str(db)])
    assert actors.exit_code == 0 and "PRK" in actors.stdout and "CHN" in actors.stdout
    stored = runner.invoke(cli.app, ["article", "a.txt", "--db", str(db)])
    assert stored.exit_code == 0, stored.stderr
    assert "1 mentions of 1 events" in stored.stdout


def test_export_formats(runner: CliRunner, pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner.invoke(cli.app, ["ingest", str(pages / "a.txt"), str(pages / "e.jsonl"), "--db", str(db)])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli.app, ["export", "--db", str(db), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1 events, 2 mentions")
    [record] = records(out.read_text(encoding="utf-8"))
    assert len(record["mentions"]) == 2
    gdelt = runner.invoke(
        cli.app, ["export", "--db", str(db), "-f", "gdelt", "-o", str(tmp_path / "g"), "--root", "04"]
    )
    assert gdelt.exit_code == 0, gdelt.stderr
    [row] = (tmp_path / "g" / "thoisu.export.CSV").read_text(encoding="utf-8").splitlines()
    assert len(row.split("\t")) == 61
    parquet = runner.invoke(cli.app, ["export", "--db", str(db), "-f", "parquet", "-o", str(tmp_path / "p")])
    assert parquet.exit_code == 0 and (tmp_path / "p" / "mentions.parquet").is_file()
    into_dir = runner.invoke(cli.app, ["export", "--db", str(db), "-f", "jsonl", "-o", str(tmp_path / "p")])
    assert into_dir.exit_code == 2 and "is a directory" in one_error_line(into_dir.stderr)
    onto_file = runner.invoke(cli.app, ["export", "--db", str(db), "-f", "csv", "-o", str(out)])
    assert onto_file.exit_code == 2 and "is a file" in one_error_line(onto_file.stderr)


def test_unknown_and_malformed_ids_are_one_line(runner: CliRunner, pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner.invoke(cli.app, ["ingest", str(pages / "a.txt"), "--db", str(db)])
    missing = runner.invoke(cli.app, ["show", "0000000", "--db", str(db)])
    assert missing.exit_code == 2 and "no event '0000000'" in one_error_line(missing.stderr)
    malformed = runner.invoke(cli.app, ["show", "xyz", "--db", str(db)])
    assert malformed.exit_code == 2 and "not an event id" in one_error_line(malformed.stderr)
    article = runner.invoke(cli.app, ["article", "nothing.txt", "--db", str(db)])
    assert article.exit_code == 2 and "no article" in one_error_line(article.stderr)


def test_upgrade_brings_an_old_store_to_the_current_schema(runner: CliRunner, tmp_path: Path) -> None:
    from thoisu.store.migrations import latest_version, migrations

    db = tmp_path / "old.duckdb"
    Store.open(db, steps=migrations()[:1]).close()
    refused = runner.invoke(cli.app, ["events", "--db", str(db)])
    assert refused.exit_code == 1 and "upgrade" in one_error_line(refused.stderr)
    result = runner.invoke(cli.app, ["upgrade", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"{db}: schema version {latest_version()}"
    assert runner.invoke(cli.app, ["events", "--db", str(db)]).exit_code == 0
    missing = runner.invoke(cli.app, ["upgrade", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2


def test_events_without_a_database_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no database" in one_error_line(result.stderr)


GOLD = [
    {
        "doc": "a.txt",
        "published": None,
        "title": "Tin tức",
        "attributions": [],
        "body_must_include": ["ông Kim gặp Vương Nghị"],
        "body_must_exclude": ["Tin tức"],
        "entities": [],
        "events": [
            {
                "source": "PRK",
                "target": "CHN",
                "root": "04",
                "date": "2024-03-21",
                "status": "occurred",
                "source_actor": "Kim Song-nam",
                "required": True,
            },
            {
                "source": "PRK",
                "target": "VNM",
                "root": "04",
                "date": "2024-03-25",
                "status": "planned",
                "required": True,
                "note": "the onward visit",
            },
        ],
    },
    {"doc": "d.html", "expect_reject": "not-vietnamese"},
]


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    return path


def test_eval_with_input(runner: CliRunner, pages: Path, gold: Path) -> None:
    result = runner.invoke(cli.app, ["eval", "--gold", str(gold), "--input", str(pages), "--misses"])
    assert result.exit_code == 0, result.stderr
    assert "event misses and extras" in result.stdout
    assert "the onward visit" in result.stdout
    scores = runner.invoke(cli.app, ["eval", "--gold", str(gold), "--input", str(pages), "--format", "json"])
    [numbers] = records(scores.stdout)
    assert numbers["events_recall"] == 0.5 and numbers["events_precision"] == 1.0
    assert numbers["body"] == 1.0 and numbers["rejects_expected_made"] == 1.0


def test_eval_with_predictions_file(runner: CliRunner, pages: Path, gold: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    extracted = runner.invoke(cli.app, ["extract", str(pages / "a.txt"), str(pages / "d.html")])
    predictions.write_text(extracted.stdout, encoding="utf-8")
    result = runner.invoke(cli.app, ["eval", "--gold", str(gold), str(predictions), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert records(result.stdout)[0]["events_recall"] == 0.5


def test_bad_gold_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"doc": 1}]', encoding="utf-8")
    predictions = tmp_path / "p.jsonl"
    predictions.write_text("", encoding="utf-8")
    result = runner.invoke(cli.app, ["eval", "--gold", str(bad), str(predictions)])
    assert result.exit_code == 2
    assert "[GOLD]" in one_error_line(result.stderr)


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli.app, ["version"])
    assert result.exit_code == 0 and result.stdout.strip()
