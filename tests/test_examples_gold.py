"""The team-written example pages and examples/gold.json agree with each other and with the gold schema.

The gold file is hand-written, so these checks catch the mistakes a person makes: a page without a
record, a body string edited in the page but not in the gold, a range written backwards, a CAMEO code
under the wrong root, a lowercase country code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAGES = EXAMPLES / "pages"
GOLD = EXAMPLES / "gold.json"

REJECT_REASONS = {"empty", "binary", "too-large", "undecodable", "not-vietnamese", "no-article", "error"}
STATUSES = {"occurred", "planned", "negated", "hypothetical"}
ENTITY_TYPES = {"PER", "ORG", "GPE", "LOC"}
ARTICLE_KEYS: dict[str, type | tuple[type, ...]] = {
    "doc": str,
    "published": (str, type(None)),
    "outlet": str,
    "title": str,
    "attributions": list,
    "body_must_include": list,
    "body_must_exclude": list,
    "entities": list,
    "events": list,
}
EVENT_KEYS = {"source", "target", "root", "date", "status", "required"}
ISO3 = re.compile(r"[A-Z]{3}")
IGO = re.compile(r"IGO[A-Z]{3,12}")
CAMEO_CODE = re.compile(r"\d{2,4}")
# Tags whose boundaries separate words on screen; inline ones such as <b> must not split a word.
BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 br figcaption section article footer header nav aside time span a title".split()
)


class _VisibleText(HTMLParser):
    """Collects the text a reader would see: everything outside <head>, <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head"}:
            self._hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _fold(text: str) -> str:
    """NFC and whitespace folded to single spaces, as the shared scorer does (case is kept: stricter)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _page_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        # A page kept in a pre-Unicode Vietnamese encoding: gold strings are checked against the
        # text thoisu's reader and normaliser recover from it (the round trip is what it tests).
        from thoisu.model import Article, Page
        from thoisu.normalise import NormaliseStage
        from thoisu.read.decode import decode_bytes

        page = Page(id=path.name, raw=decode_bytes(data).text)
        (article,) = NormaliseStage().run([Article(page=page)])
        raw = article.text
    if path.suffix == ".html":
        parser = _VisibleText()
        parser.feed(raw)
        parser.close()
        raw = "".join(parser.parts)
    return _fold(raw)


def _load_gold() -> list[dict[str, Any]]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    assert isinstance(data, list), "gold.json must hold a JSON array"
    return data


RECORDS = _load_gold() if GOLD.is_file() else []


def _day(value: object, where: str) -> date:
    assert isinstance(value, str), f"{where}: date must be a YYYY-MM-DD string, got {value!r}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), f"{where}: not ISO YYYY-MM-DD: {value!r}"
    return date.fromisoformat(value)


def _span(value: object, where: str) -> tuple[date, date]:
    """A gold date is a day or an ordered [first, last] pair."""
    if isinstance(value, list):
        assert len(value) == 2, f"{where}: a range has exactly two days"
        first, last = _day(value[0], where), _day(value[1], where)
        assert first <= last, f"{where}: range ends before it starts: {value}"
        return first, last
    day = _day(value, where)
    return day, day


def _actor_code(value: object, where: str, *, nullable: bool = False) -> None:
    if value is None and nullable:
        return
    assert isinstance(value, str) and (ISO3.fullmatch(value) or IGO.fullmatch(value)), (
        f"{where}: {value!r} is neither an uppercase ISO 3166-1 alpha-3 code nor a CAMEO IGO code"
    )


def test_gold_file_exists_and_is_an_array() -> None:
    assert GOLD.is_file(), f"missing {GOLD}"
    assert RECORDS, "gold.json is empty"


def test_every_page_has_exactly_one_record_and_vice_versa() -> None:
    docs = [str(r.get("doc")) for r in RECORDS]
    duplicates = sorted({d for d in docs if docs.count(d) > 1})
    assert not duplicates, f"docs with more than one record: {duplicates}"
    pages = {p.name for p in PAGES.iterdir() if p.is_file()}
    assert pages - set(docs) == set(), f"pages without a gold record: {sorted(pages - set(docs))}"
    assert set(docs) - pages == set(), f"gold records without a page: {sorted(set(docs) - pages)}"


def test_page_names_are_plain_ascii_and_numbered() -> None:
    for page in PAGES.iterdir():
        assert re.fullmatch(r"e\d{2}_[a-z0-9-]+\.(txt|html)", page.name), (
            f"unexpected page name {page.name!r}"
        )


@pytest.mark.parametrize("record", RECORDS, ids=[str(r.get("doc")) for r in RECORDS])
def test_record_schema(record: dict[str, Any]) -> None:
    doc = record["doc"]
    if "expect_reject" in record:
        assert record["expect_reject"] in REJECT_REASONS, f"{doc}: unknown rejection reason"
        assert not record.get("events"), f"{doc}: a page expected to be rejected has no events"
        return
    for key, kind in ARTICLE_KEYS.items():
        assert key in record, f"{doc}: missing {key!r}"
        assert isinstance(record[key], kind), f"{doc}: {key!r} has the wrong type"
    assert isinstance(record.get("author"), (str, type(None))), f"{doc}: author must be a string or null"
    if record["published"] is None:
        _span(record.get("published_range"), f"{doc} published_range")
    else:
        _day(record["published"], f"{doc} published")
    assert all(isinstance(a, str) and a for a in record["attributions"]), f"{doc}: attributions are names"
    assert len(record["body_must_include"]) >= 2, f"{doc}: give at least two distinctive body strings"
    assert record["body_must_exclude"], f"{doc}: give the boilerplate the body must not contain"
    assert 4 <= len(record["entities"]) <= 8, f"{doc}: 4-8 entities per page"
    for n, entity in enumerate(record["entities"]):
        where = f"{doc} entity {n}"
        assert {"text", "type"} <= entity.keys(), f"{where}: needs text and type"
        assert entity["type"] in ENTITY_TYPES, f"{where}: bad type {entity['type']!r}"
        if "country" in entity:
            _actor_code(entity["country"], where)
    assert record["events"], f"{doc}: an article page must carry events"
    assert any(e["required"] for e in record["events"]), f"{doc}: at least one required event"


@pytest.mark.parametrize("record", RECORDS, ids=[str(r.get("doc")) for r in RECORDS])
def test_events_are_well_formed(record: dict[str, Any]) -> None:
    doc = record["doc"]
    published = record.get("published")
    for n, event in enumerate(record.get("events", [])):
        where = f"{doc} event {n}"
        assert event.keys() >= EVENT_KEYS, f"{where}: missing {sorted(EVENT_KEYS - event.keys())}"
        _actor_code(event["source"], f"{where} source")
        # A missile test or a drill may have no addressee; every other event names one.
        _actor_code(event["target"], f"{where} target", nullable=event["root"] == "15")
        assert event["source"] != event["target"], f"{where}: source and target are the same actor"
        root = event["root"]
        assert isinstance(root, str) and re.fullmatch(r"\d{2}", root) and 1 <= int(root) <= 20, (
            f"{where}: root must be '01'..'20', got {root!r}"
        )
        if "code" in event:
            code = event["code"]
            assert isinstance(code, str) and CAMEO_CODE.fullmatch(code), f"{where}: bad code {code!r}"
            assert code.startswith(root), f"{where}: code {code} is not under root {root}"
        first, last = _span(event["date"], f"{where} date")
        assert event["status"] in STATUSES, f"{where}: bad status {event['status']!r}"
        assert isinstance(event["required"], bool), f"{where}: required must be true or false"
        if "where" in event:
            _actor_code(event["where"], f"{where} where")
        for key in ("source_actor", "target_actor", "note"):
            assert isinstance(event.get(key, ""), str), f"{where}: {key} must be a string"
        if published is not None and event["status"] == "occurred":
            # An article cannot report as done something that starts after it appeared.
            assert first <= date.fromisoformat(published), f"{where}: occurred event starts after publication"
        assert last.year >= 2017, f"{where}: suspicious year {last.year}"


@pytest.mark.parametrize("record", RECORDS, ids=[str(r.get("doc")) for r in RECORDS])
def test_gold_strings_are_on_the_page(record: dict[str, Any]) -> None:
    text = _page_text(PAGES / record["doc"])
    if "expect_reject" in record:
        assert text.strip(), f"{record['doc']}: a rejected page still has content"
        return
    for key in ("title", "second_title"):
        if key in record:
            assert _fold(record[key]) in text, f"{key} not on the page: {record[key]!r}"
    for needle in record["body_must_include"]:
        assert _fold(needle) in text, f"body_must_include string not on the page: {needle!r}"
    for needle in record["body_must_exclude"]:
        assert _fold(needle) in text, f"body_must_exclude string not on the page (tests nothing): {needle!r}"
    for entity in record["entities"]:
        assert _fold(entity["text"]) in text, f"entity text not on the page: {entity['text']!r}"


@pytest.mark.parametrize("record", RECORDS, ids=[str(r.get("doc")) for r in RECORDS])
def test_include_and_exclude_do_not_overlap(record: dict[str, Any]) -> None:
    """An exclusion string inside a required body string would make the page impossible to pass."""
    include = [_fold(s).casefold() for s in record.get("body_must_include", [])]
    for needle in record.get("body_must_exclude", []):
        folded = _fold(needle).casefold().strip()
        assert not any(folded in s for s in include), (
            f"exclusion {needle!r} lies inside a required body string"
        )


def test_html_visible_text_drops_scripts_and_head() -> None:
    parser = _VisibleText()
    parser.feed(
        "<html><head><title>T</title><script>var x='secret';</script></head>"
        "<body><p>Ngày 13/9 &amp; <b>hội đàm</b></p><style>.a{}</style></body></html>"
    )
    text = _fold("".join(parser.parts))
    assert "secret" not in text and ".a{}" not in text and "T" not in text
    assert "Ngày 13/9 & hội đàm" in text
