"""Copies and fused events as the store writes them, from hand-built articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from thoisu.errors import StoreError
from thoisu.model import Article, DateRange, Event, Evidence, Mention, Page, Span, Status
from thoisu.store import Store
from thoisu.store.migrations import migrations

WIRE = (
    "Sáng 15/4, tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Ngoại trưởng Hoa Kỳ Antony "
    "Blinken nhân dịp ông Blinken thăm chính thức Việt Nam từ ngày 14 đến 16/4. "
    "Hai bên nhất trí duy trì trao đổi đoàn và tiếp xúc cấp cao, tăng cường hợp tác kinh tế, thương mại, "
    "đầu tư như động lực của quan hệ song phương. "
    "Bộ trưởng Bùi Thanh Sơn đề nghị Hoa Kỳ sớm công nhận quy chế kinh tế thị trường của Việt Nam và tiếp "
    "tục phối hợp giải quyết hậu quả chiến tranh."
)
OWN = (
    "Trong ngày 15/4, Ngoại trưởng Mỹ Antony Blinken đã hội đàm với người đồng cấp Bùi Thanh Sơn, sau đó "
    "chào Thủ tướng và được Tổng Bí thư tiếp tại Trụ sở Trung ương Đảng. Phát biểu với báo giới, ông "
    "Blinken nói Washington muốn đưa quan hệ với Hà Nội lên tầm cao mới. Sau Việt Nam, ông sẽ tới Nhật Bản "
    "dự hội nghị ngoại trưởng G7 tại Karuizawa."
)
LATE = (
    "Ngày 16/4, tại Hà Nội, Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn đã hội đàm với Ngoại trưởng Hoa Kỳ "
    "Antony Blinken. Tại hội đàm, hai bên đánh giá cao những bước phát triển tích cực của quan hệ sau 10 "
    "năm xác lập quan hệ Đối tác toàn diện; nhất trí tiếp tục duy trì tiếp xúc cấp cao và mở rộng hợp tác "
    "trong khoa học công nghệ, giáo dục, y tế."
)
TODAY = "Chiều 15/4, Bộ trưởng Bùi Thanh Sơn và ông Blinken hội đàm tại trụ sở Bộ Ngoại giao. " + OWN[120:]


def talks(text: str, day: int) -> Event:
    at = text.index("hội đàm")
    sentence_end = text.index(". ", at) + 1
    return Event(
        "VNM",
        "USA",
        "040",
        DateRange.day(date(2023, 4, day)),
        source_actor_code="VNMGOV",
        target_actor_code="USAGOV",
        source_person="Bui Thanh Son",
        target_person="Antony Blinken",
        place="VNM",
        confidence=0.8,
        goldstein=1.0,
        quad_class=1,
        evidence=[Evidence(Span(0, sentence_end), Span(at, at + len("hội đàm")))],
    )


def visit(text: str) -> Event:
    at = text.index("thăm") if "thăm" in text else 0
    return Event(
        "USA",
        "VNM",
        "042",
        DateRange(date(2023, 4, 14), date(2023, 4, 16)),
        source_actor_code="USAGOV",
        source_person="Antony Blinken",
        place="VNM",
        confidence=0.7,
        evidence=[Evidence(Span(0, len(text)), Span(at, at + 4))],
    )


def article(doc: str, text: str, events: list[Event], outlet: str, chrome: str = "") -> Article:
    return Article(
        page=Page(id=doc, raw=f"{chrome}\n{text}\n{outlet}", source=doc, url=f"https://{doc}.example.vn/a"),
        text=text,
        title=f"{outlet}: Blinken tại Hà Nội",
        body=[Span(0, len(text))],
        sentences=[Span(0, len(text))],
        published=date(2023, 4, 15),
        outlet=outlet,
        events=events,
    )


def pages() -> list[Article]:
    """Four outlets on the talks: a wire (twice), one reporter, one late and a day off."""
    return [
        article("vnplus", WIRE, [talks(WIRE, 15), visit(WIRE)], "VietnamPlus"),
        article("dongnai", WIRE, [talks(WIRE, 15), visit(WIRE)], "Báo Đồng Nai", chrome="ĐỒNG NAI ĐIỆN TỬ"),
        article("vov", OWN, [talks(OWN, 15)], "VOV"),
        article("tuoitre", TODAY, [talks(TODAY, 15)], "Tuổi Trẻ"),
        article("hanoimoi", LATE, [talks(LATE, 16)], "Hà Nội Mới"),
    ]


def rows(store: Store | duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    cursor = store.cursor() if isinstance(store, Store) else store
    return cursor.execute(sql).fetchall()


FUSED = (
    "SELECT fused_id, code, source, target, source_person, target_person, date_first, date_last, "
    "date_disputed, date_alternatives, status, place, confidence, mentions, articles, sources, independent, "
    "first_reported, headline, outlets, reports FROM fused_events ORDER BY fused_id"
)


def test_one_event_many_reports() -> None:
    with Store.open(":memory:") as store:
        for page in pages():
            assert store.write(page)
        fused = rows(
            store, "SELECT code, mentions, articles, sources, independent FROM fused_events ORDER BY code"
        )
        assert fused == [("040", 5, 5, 5, 4), ("042", 2, 2, 2, 1)]
        # Every stored report points at its fused event.
        assert rows(store, "SELECT count(*) FROM events WHERE fused_id IS NULL") == [(0,)]
        assert rows(store, "SELECT count(DISTINCT fused_id) FROM events WHERE code = '040'") == [(1,)]


def test_the_wire_copy_is_linked_and_not_independent() -> None:
    with Store.open(":memory:") as store:
        for page in pages():
            store.write(page)
        original, copy = (page.id for page in pages()[:2])
        assert rows(
            store, "SELECT article_id, original_id, similar_to, similarity, method FROM article_copies"
        ) == [(copy, original, original, 1.0, "exact")]
        # Both outlets are sources; the copy adds no independent source and no confidence.
        [(sources, independent, confidence)] = rows(
            store, "SELECT sources, independent, confidence FROM fused_events WHERE code = '042'"
        )
        assert (sources, independent, confidence) == (2, 1, 0.7)


def test_the_date_disagreement_keeps_the_majority() -> None:
    with Store.open(":memory:") as store:
        for page in pages():
            store.write(page)
        [(first, last, disputed, alternatives)] = rows(
            store,
            "SELECT date_first, date_last, date_disputed, date_alternatives FROM fused_events "
            "WHERE code = '040'",
        )
    assert (first, last, disputed) == (date(2023, 4, 15), date(2023, 4, 15), True)
    assert '"value": "2023-04-16"' in alternatives and '"outlets": ["Hà Nội Mới"]' in alternatives


def test_a_near_copy_with_a_new_lead_is_linked() -> None:
    lead = "Việt Nam và Hoa Kỳ nhất trí tăng cường hợp tác kinh tế, thương mại, đầu tư. "
    near = lead + WIRE[: WIRE.rindex("Bộ trưởng Bùi Thanh Sơn đề nghị")]
    with Store.open(":memory:") as store:
        store.write(article("vnplus", WIRE, [talks(WIRE, 15)], "VietnamPlus"))
        store.write(article("baodanang", near, [talks(near, 15)], "Báo Đà Nẵng"))
        [(method, similarity)] = rows(store, "SELECT method, similarity FROM article_copies")
        assert method == "near" and 0.5 <= similarity < 1.0
        assert rows(store, "SELECT mentions, independent FROM fused_events") == [(2, 1)]


def test_copies_link_to_the_first_original_even_through_another_copy() -> None:
    first, second, third = (article(name, WIRE, [], name.upper()) for name in ("a", "b", "c"))
    with Store.open(":memory:", batch_size=1) as store:
        for page in (first, second, third):
            store.write(page)
        links = rows(store, "SELECT article_id, original_id FROM article_copies ORDER BY article_id")
    assert sorted(links) == sorted([(second.id, first.id), (third.id, first.id)])


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            "fused": rows(connection, FUSED),
            "links": rows(connection, "SELECT event_id, fused_id FROM events ORDER BY event_id"),
            "copies": rows(
                connection,
                "SELECT article_id, original_id, similar_to, similarity, method FROM article_copies",
            ),
            "blocks": rows(connection, "SELECT block, gid FROM fused_blocks ORDER BY ALL"),
            "bands": rows(connection, "SELECT band_key, article_id FROM article_bands ORDER BY ALL"),
        }


def test_reingesting_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        for page in pages():
            store.write(page)
    before = snapshot(path)
    with Store.open(path) as store:
        for page in pages():
            assert not store.write(page)
    assert snapshot(path) == before
    assert before["fused"] and before["copies"]


@pytest.mark.parametrize("split", [1, 2, 4])
def test_two_runs_store_what_one_run_stores(tmp_path: Path, split: int) -> None:
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    with Store.open(one) as store:
        for page in pages():
            store.write(page)
    with Store.open(two, batch_size=1) as store:
        for page in pages()[:split]:
            store.write(page)
    with Store.open(two, batch_size=3) as store:
        for page in pages()[split:]:
            store.write(page)
    assert snapshot(two) == snapshot(one)


def test_an_old_store_is_linked_when_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    reference = tmp_path / "new.duckdb"
    with Store.open(reference) as store:
        for page in pages():
            store.write(page)
    # A version 1 store holding the same articles and events (the v1 columns only).
    with Store.open(path, steps=migrations()[:1]):
        pass
    with duckdb.connect(str(path)) as connection:
        connection.execute(f"ATTACH '{reference}' AS new (READ_ONLY)")
        for table in ("pages", "articles", "attributions", "mentions", "rejects"):
            connection.execute(f"INSERT INTO {table} SELECT * FROM new.{table}")
        connection.execute("INSERT INTO events SELECT * EXCLUDE (fused_id) FROM new.events")
        connection.execute(
            "INSERT INTO event_evidence SELECT * EXCLUDE (sentence_no, source_offset, target_offset) "
            "FROM new.event_evidence"
        )
    Store.open(path).close()
    upgraded, expected = snapshot(path), snapshot(reference)
    # Version 1 kept no sentence numbers, so the upgraded reports lack them; all else is the same.
    expected["fused"] = [
        (*row[:-1], row[-1].replace('"sentence_no": 0', '"sentence_no": null')) for row in expected["fused"]
    ]
    assert '"sentence_no": 0' in snapshot(reference)["fused"][0][-1]
    assert upgraded == expected


def test_a_store_fingerprinted_otherwise_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    with duckdb.connect(str(path)) as connection:
        connection.execute("UPDATE meta SET value = 'minhash/other' WHERE key = 'fingerprint'")
    with pytest.raises(StoreError, match="fingerprints were made as minhash/other"):
        Store.open(path)


def test_planned_and_occurred_stay_apart() -> None:
    planned = talks(OWN, 15)
    planned.status = Status.PLANNED
    with Store.open(":memory:") as store:
        store.write(article("vov", OWN, [talks(OWN, 15)], "VOV"))
        store.write(article("tuoitre", TODAY, [planned], "Tuổi Trẻ"))
        assert rows(store, "SELECT status, mentions FROM fused_events ORDER BY status") == [
            ("occurred", 1),
            ("planned", 1),
        ]


def test_evidence_rows_know_their_sentence_and_actors() -> None:
    text = "Tin vắn. Ông Blinken gặp ông Sơn tại Hà Nội."
    meeting = Event(
        "USA",
        "VNM",
        "040",
        DateRange.day(date(2023, 4, 15)),
        source_person="Antony Blinken",
        target_person="Bui Thanh Son",
        evidence=[Evidence(Span(9, len(text)), Span(text.index("gặp"), text.index("gặp") + 3))],
    )
    page = Article(
        page=Page(id="m", raw=text, source="m"),
        text=text,
        body=[Span(0, len(text))],
        sentences=[Span(0, 8), Span(9, len(text))],
        mentions=[
            Mention(
                Span(text.index("Blinken"), text.index("Blinken") + 7),
                "PER",
                "USAGOV",
                "USA",
                "Antony Blinken",
            ),
            Mention(Span(text.index("Hà Nội"), text.index("Hà Nội") + 6), "GPE", "VNMGOV", "VNM", "Hanoi"),
        ],
        events=[meeting],
    )
    with Store.open(":memory:") as store:
        store.write(page)
        assert rows(store, "SELECT sentence_no, source_offset, target_offset FROM event_evidence") == [
            (1, text.index("Blinken"), text.index("Hà Nội"))
        ]


def test_candidates_are_compared_as_one_by_one() -> None:
    from thoisu.dedup.fingerprint import FingerprintParams, fingerprint
    from thoisu.store.linker import _similarities

    prints = [fingerprint(text) for text in (WIRE, OWN, LATE, TODAY, WIRE.upper())]
    mine, *others = prints
    assert mine is not None and all(other is not None for other in others)
    candidates = [other for other in others if other is not None]
    assert _similarities(mine, candidates) == [mine.similarity(other) for other in candidates]
    assert _similarities(mine, candidates)[-1] == 1.0  # the same words: an exact copy
    assert _similarities(mine, []) == []
    small = fingerprint(OWN, FingerprintParams(num_perm=64))
    assert small is not None
    with pytest.raises(ValueError, match="different parameters"):
        _similarities(mine, [*candidates, small])
