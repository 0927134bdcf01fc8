from __future__ import annotations

import json
from datetime import date

import pytest

from thoisu.model import (
    Article,
    Attribution,
    DateRange,
    Event,
    Evidence,
    Mention,
    Page,
    Reject,
    Span,
    Status,
)
from thoisu.output import article_record, reject_record

TEXT = "Tin tức\nNgày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh. Hai bên nhất trí hợp tác.\nẢnh: TTXVN"


def find(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle))


def built_article() -> Article:
    body = find("Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh. Hai bên nhất trí hợp tác.")
    sentence = find("Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh.")
    meeting = Event(
        source="PRK",
        target="CHN",
        code="040",
        when=DateRange.day(date(2024, 3, 21)),
        source_actor_code="PRKGOV",
        target_actor_code="CHNGOV",
        source_person="Kim Song-nam",
        target_person="Wang Yi",
        place="CHN",
        city="Beijing",
        attribution="KCNA",
        evidence=[Evidence(sentence, find("gặp"))],
        goldstein=1.0,
        quad_class=1,
        plover="CONSULT",
        confidence=0.8,
    )
    visit = Event(
        source="PRK",
        target="CHN",
        code="042",
        when=DateRange(date(2024, 3, 18), date(2024, 3, 23)),
        status=Status.PLANNED,
    )
    undated = Event(source="CHN", target=None, code="010", when=None)
    return Article(
        page=Page(id="000.txt", raw=TEXT, url="https://kbs.co.kr/x", source="pages/000.txt"),
        index=1,
        text=TEXT,
        title="Quan chức Trung-Triều nhất trí",
        body=[body],
        captions=[find("Ảnh: TTXVN")],
        published=None,
        published_range=(date(2024, 3, 22), date(2024, 3, 25)),
        published_basis="dateline",
        outlet="KBS World",
        authors=["Nguyễn Hằng"],
        attributions=[
            Attribution("KCNA"),
            Attribution("Chinese Foreign Ministry", "official"),
            Attribution("KCNA"),
        ],
        language="vi",
        mentions=[
            Mention(find("Vương Nghị"), "PER", "CHNGOV", "CHN", "Wang Yi", "foreign_minister", "gazetteer")
        ],
        events=[meeting, visit, undated],
    )


def test_record_has_the_gold_fields() -> None:
    record = article_record(built_article())
    assert record["doc"] == "000.txt"
    assert record["article"] == 1
    assert record["title"] == "Quan chức Trung-Triều nhất trí"
    assert record["published"] is None
    assert record["published_range"] == ["2024-03-22", "2024-03-25"]
    assert record["attributions"] == ["KCNA", "Chinese Foreign Ministry"]  # first citations, no repeats
    assert record["body"] == "Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh. Hai bên nhất trí hợp tác."
    assert record["captions"] == ["Ảnh: TTXVN"]
    assert record["entities"] == [
        {
            "text": "Vương Nghị",
            "type": "PER",
            "country": "CHN",
            "canonical": "Wang Yi",
            "actor": "CHNGOV",
            "role": "foreign_minister",
            "resolved_by": "gazetteer",
            "span": [TEXT.index("Vương Nghị"), TEXT.index("Vương Nghị") + len("Vương Nghị")],
        }
    ]


def test_event_fields_dates_and_evidence() -> None:
    events = article_record(built_article())["events"]
    meeting, visit, undated = events
    assert meeting["root"] == "04" and meeting["code"] == "040"
    assert meeting["date"] == "2024-03-21"
    assert meeting["source_actor"] == "Kim Song-nam" and meeting["target_actor"] == "Wang Yi"
    assert meeting["source_actor_code"] == "PRKGOV"
    assert meeting["where"] == "CHN" and meeting["status"] == "occurred"
    assert (meeting["goldstein"], meeting["quad_class"], meeting["plover"]) == (1.0, 1, "CONSULT")
    [evidence] = meeting["evidence"]
    assert evidence["sentence"] == "Ngày 21/3, ông Kim gặp Vương Nghị tại Bắc Kinh."
    assert evidence["trigger"] == "gặp"
    start, end = evidence["trigger_span"]
    assert TEXT[start:end] == "gặp"
    assert visit["date"] == ["2024-03-18", "2024-03-23"] and visit["status"] == "planned"
    assert undated["date"] is None and undated["target"] is None and undated["root"] == "01"


def test_record_is_json_serialisable() -> None:
    record = article_record(built_article())
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_rejected_article_gives_a_reject_record() -> None:
    article = Article(
        page=Page(id="x.bin", raw="", source="in/x.bin"), reject=Reject("read", "binary", "NUL bytes")
    )
    record = article_record(article)
    assert record == {
        "doc": "x.bin",
        "article": 0,
        "url": None,
        "source": "in/x.bin",
        "reject": "binary",
        "stage": "read",
        "detail": "NUL bytes",
    }


def test_reject_record_needs_a_rejection() -> None:
    with pytest.raises(ValueError):
        reject_record(built_article())
