"""A tiny hand-built lexicon and knowledge base for recogniser tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pytest

from thoisu.entities.knowledge import PersonInfo, Tenure
from thoisu.entities.lexicon import LexEntry, Lexicon, match_key
from thoisu.entities.recognise import Recogniser, shorts_from


@dataclass
class TinyKB:
    people: dict[str, PersonInfo]
    offices: list[tuple[str, str, str, str, date, date]] = field(default_factory=list)

    def person(self, person_id: str) -> PersonInfo:
        return self.people[person_id]

    def holders(self, country: str, role: str, on: date) -> Sequence[PersonInfo]:
        return [
            self.people[pid]
            for pid, c, r, _agent, start, end in self.offices
            if c == country and r == role and start <= on <= end
        ]

    def tenure(self, person_id: str, on: date) -> Tenure | None:
        for pid, _c, role, agent, start, end in self.offices:
            if pid == person_id and start <= on <= end:
                return Tenure(role, agent)
        return None

    def by_name_token(self, token: str) -> Sequence[PersonInfo]:
        return [p for p in self.people.values() if any(token in match_key(n).split() for n in p.names)]


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    people = {
        "wang-yi": PersonInfo("wang-yi", "Wang Yi", "CHN", ("Vương Nghị", "Wang Yi")),
        "qin-gang": PersonInfo("qin-gang", "Qin Gang", "CHN", ("Tần Cương",)),
        "xi": PersonInfo("xi", "Xi Jinping", "CHN", ("Tập Cận Bình",)),
        "kim-ju": PersonInfo("kim-ju", "Kim Jong-un", "PRK", ("Kim Jong-un",)),
        "lavrov": PersonInfo("lavrov", "Sergei Lavrov", "RUS", ("Sergei Lavrov", "Sergey Lavrov")),
    }
    far = date(2099, 1, 1)
    kb = TinyKB(
        people,
        [
            ("wang-yi", "CHN", "foreign_minister", "GOV", date(2013, 3, 16), date(2022, 12, 30)),
            ("qin-gang", "CHN", "foreign_minister", "GOV", date(2022, 12, 30), date(2023, 7, 25)),
            ("wang-yi", "CHN", "foreign_minister", "GOV", date(2023, 7, 25), far),
            ("xi", "CHN", "head_of_state", "GOV", date(2013, 3, 14), far),
            ("kim-ju", "PRK", "head_of_state", "GOV", date(2011, 12, 17), far),
            ("lavrov", "RUS", "foreign_minister", "GOV", date(2004, 3, 9), far),
        ],
    )
    entries: list[tuple[str, LexEntry]] = []
    for person in people.values():
        for name in person.names:
            entries.append(
                (name, LexEntry("person", "PER", person.canonical, person.country, person_id=person.id))
            )
    for name, iso3, canonical in [
        ("Trung Quốc", "CHN", "China"),
        ("Triều Tiên", "PRK", "North Korea"),
        ("Bắc Triều Tiên", "PRK", "North Korea"),
        ("Nga", "RUS", "Russia"),
        ("Hàn Quốc", "KOR", "South Korea"),
        ("Việt Nam", "VNM", "Vietnam"),
        ("Anh", "GBR", "United Kingdom"),
    ]:
        entries.append((name, LexEntry("country", "GPE", canonical, iso3, iso3)))
    entries += [
        ("Bình Nhưỡng", LexEntry("metonym", "GPE", "Pyongyang", "PRK", "PRKGOV")),
        ("Bắc Kinh", LexEntry("metonym", "GPE", "Beijing", "CHN", "CHNGOV")),
        ("bán đảo Triều Tiên", LexEntry("nonactor", "LOC", "Korean Peninsula", cased=False)),
        (
            "Hội đồng Bảo an Liên hợp quốc",
            LexEntry("organization", "ORG", "UN Security Council", actor="IGOUNO"),
        ),
        ("Liên hợp quốc", LexEntry("organization", "ORG", "United Nations", actor="IGOUNO")),
        ("KCNA", LexEntry("agency", "ORG", "KCNA", "PRK")),
        ("hãng tin KCNA", LexEntry("agency", "ORG", "KCNA", "PRK", cased=False)),
        ("Bộ Ngoại giao", LexEntry("organ", "ORG", "Foreign Ministry", agent="GOV", cased=False)),
        (
            "Ngoại trưởng",
            LexEntry("title", "PER", "foreign minister", role="foreign_minister", agent="GOV", cased=False),
        ),
        (
            "Bộ trưởng Ngoại giao",
            LexEntry("title", "PER", "foreign minister", role="foreign_minister", agent="GOV", cased=False),
        ),
        ("Chủ tịch", LexEntry("title", "PER", "president", role="head_of_state", agent="GOV", cased=False)),
        (
            "Thứ trưởng Ngoại giao",
            LexEntry(
                "title",
                "PER",
                "deputy foreign minister",
                role="deputy_foreign_minister",
                agent="GOV",
                cased=False,
            ),
        ),
        (
            "phát ngôn viên",
            LexEntry("title", "PER", "spokesperson", role="spokesperson", agent="GOV", cased=False),
        ),
        (
            "người đồng cấp",
            LexEntry("title", "PER", "counterpart", role="counterpart", agent="GOV", cased=False),
        ),
        ("ông", LexEntry("honorific", "PER", "Mr", cased=False)),
        ("nhà lãnh đạo", LexEntry("title", "PER", "leader", role="head_of_state", agent="GOV", cased=False)),
        ("tại", LexEntry("cue", "LOC", "tại", role="before", cased=False)),
        ("tập đoàn", LexEntry("cue", "ORG", "tập đoàn", role="before", cased=False)),
        ("Đại học", LexEntry("cue", "ORG", "Đại học", role="head")),
        ("Đức", LexEntry("country", "GPE", "Germany", "DEU", "DEU", homograph=True)),
        ("Nhà Trắng", LexEntry("metonym", "GPE", "White House", "USA", "USAGOV")),
        (
            "Chủ tịch nước Cộng hòa Nhân dân Trung Hoa",
            LexEntry("title", "PER", "head_of_state", role="head_of_state", agent="GOV"),
        ),
        ("Cộng hòa Nhân dân Trung Hoa", LexEntry("country", "GPE", "China", "CHN", "CHN")),
        (
            "miền Bắc",
            LexEntry(
                "contextual", "LOC", "the North", "VNM", None, cased=False, alternatives=(("PRK", "PRKGOV"),)
            ),
        ),
    ]
    shorts = shorts_from(
        [("Trung", "CHN"), ("Triều", "PRK"), ("Nga", "RUS"), ("Hàn", "KOR"), ("Việt", "VNM")]
    )
    return Recogniser(Lexicon(entries), kb, shorts)
