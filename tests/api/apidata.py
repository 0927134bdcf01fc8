"""A small hand-built store for the API tests: three articles, four fused events, one rejection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from thoisu.model import Article, DateRange, Event, Evidence, Mention, Page, Reject, Span, Status
from thoisu.store import Store

TOKEN = "s3cret-token"

# A page whose first line is not part of the body: the body starts at the second line.
MEETING = (
    "Tin quốc tế | Thời sự\n"
    "Ông Tập Cận Bình gặp ông Kim Jong-un tại Bình Nhưỡng ngày 20/6.\n"
    "Hai bên trao đổi về hợp tác kinh tế và giao thông."
)
KCNA = (
    "Theo KCNA, nhà lãnh đạo Kim Jong-un đã hội đàm với Chủ tịch Tập Cận Bình chiều 20/6 tại Bình Nhưỡng.\n"
    "Hai bên nhất trí tăng cường quan hệ."
)
RUSSIA = (
    "Nga và Triều Tiên ký hiệp ước ngày 19/6/2024.\n"
    "Triều Tiên dự kiến thăm Nga vào tháng 9.\n"
    "Mỹ chỉ trích Triều Tiên ngày 2/7/2024."
)


def at(text: str, needle: str, start: int = 0) -> Span:
    position = text.index(needle, start)
    return Span(position, position + len(needle))


def sentence_of(text: str, needle: str) -> Span:
    """The line holding ``needle`` (each line of these pages is one sentence)."""
    position = text.index(needle)
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return Span(start, len(text) if end < 0 else end)


def lines(text: str, first: int = 0) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans[first:]


def day(text: str) -> DateRange:
    return DateRange.day(date.fromisoformat(text))


def page_article(
    doc: str, text: str, events: list[Event], mentions: list[Mention], **extra: object
) -> Article:
    first_body_line = 1 if text is MEETING else 0
    body = lines(text, first_body_line)
    return Article(
        page=Page(id=doc, raw=text, source=doc, url=f"https://example.vn/{doc}"),
        text=text,
        title=f"Bài {doc}",
        body=body,
        sentences=body,
        mentions=mentions,
        events=events,
        **extra,  # type: ignore[arg-type]
    )


def build_store(path: Path) -> None:
    meeting_mentions = [
        Mention(at(MEETING, "Tập Cận Bình"), "PER", "CHNGOV", "CHN", "Xi Jinping", "head_of_state"),
        Mention(at(MEETING, "Kim Jong-un"), "PER", "PRKGOV", "PRK", "Kim Jong Un", "head_of_state"),
        Mention(at(MEETING, "Bình Nhưỡng"), "GPE", "PRKGOV", "PRK", "Pyongyang"),
    ]
    meeting = Event(
        "CHN",
        "PRK",
        "040",
        day("2019-06-20"),
        source_actor_code="CHNGOV",
        target_actor_code="PRKGOV",
        source_person="Xi Jinping",
        target_person="Kim Jong Un",
        place="PRK",
        city="Pyongyang",
        goldstein=1.0,
        quad_class=1,
        plover="CONSULT",
        confidence=0.9,
        evidence=[Evidence(sentence_of(MEETING, "gặp"), at(MEETING, "gặp"))],
    )
    kcna_meeting = Event(
        "PRK",
        "CHN",
        "040",
        day("2019-06-20"),
        source_actor_code="PRKGOV",
        target_actor_code="CHNGOV",
        source_person="Kim Jong Un",
        target_person="Xi Jinping",
        goldstein=1.0,
        quad_class=1,
        attribution="KCNA",
        evidence=[Evidence(sentence_of(KCNA, "hội đàm"), at(KCNA, "hội đàm"))],
    )
    kcna_mentions = [
        Mention(at(KCNA, "Kim Jong-un"), "PER", "PRKGOV", "PRK", "Kim Jong Un", "head_of_state"),
        Mention(at(KCNA, "Tập Cận Bình"), "PER", "CHNGOV", "CHN", "Xi Jinping", "head_of_state"),
    ]
    treaty = Event(
        "RUS",
        "PRK",
        "057",
        day("2024-06-19"),
        goldstein=8.0,
        quad_class=2,
        evidence=[Evidence(sentence_of(RUSSIA, "ký"), at(RUSSIA, "ký"))],
    )
    planned = Event(
        "PRK",
        "RUS",
        "042",
        DateRange(date(2024, 9, 1), date(2024, 9, 30)),
        status=Status.PLANNED,
        goldstein=1.9,
        quad_class=1,
        evidence=[Evidence(sentence_of(RUSSIA, "thăm"), at(RUSSIA, "thăm"))],
    )
    criticism = Event(
        "USA",
        "PRK",
        "111",
        day("2024-07-02"),
        goldstein=-2.0,
        quad_class=3,
        evidence=[Evidence(sentence_of(RUSSIA, "chỉ trích"), at(RUSSIA, "chỉ trích"))],
    )
    with Store.open(path) as store:
        store.start_run()
        store.write(
            page_article(
                "meeting.txt",
                MEETING,
                [meeting],
                meeting_mentions,
                outlet="VietnamPlus",
                published=date(2019, 6, 21),
            )
        )
        store.write(
            page_article(
                "kcna.txt",
                KCNA,
                [kcna_meeting],
                kcna_mentions,
                outlet="KCNA Watch",
                published=date(2019, 6, 21),
            )
        )
        store.write(
            page_article(
                "russia.txt",
                RUSSIA,
                [treaty, planned, criticism],
                [],
                outlet="VnExpress",
                published=date(2024, 7, 3),
            )
        )
        store.write(
            Article(page=Page(id="bad.bin", raw="", source="bad.bin"), reject=Reject("read", "binary", "NUL"))
        )
        store.finish_run({"pages": 4})
