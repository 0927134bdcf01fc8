from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest
from eventkit import M, agency, build_article, country, person, place

from thoisu.events.coder import EventCoder
from thoisu.model import Event, Status


def code(coder: EventCoder, text: str, mentions: Sequence[M] = (), **kwargs: object) -> list[Event]:
    return coder.code(build_article(text, mentions, **kwargs))  # type: ignore[arg-type]


def only(events: list[Event], root: str) -> Event:
    found = [e for e in events if e.root == root]
    assert len(found) == 1, [(e.code, e.source, e.target) for e in events]
    return found[0]


# -- frames ----------------------------------------------------------------------------------------


def test_subject_meets_object_after_voi(coder: EventCoder) -> None:
    text = "Ngày 5/3, Tổng thống Hàn Quốc Yoon Suk Yeol đã điện đàm với Thủ tướng Nhật Bản Fumio Kishida."
    mentions = [
        country("Hàn Quốc", "KOR"),
        person("Yoon Suk Yeol", "KOR", "Yoon Suk-yeol"),
        country("Nhật Bản", "JPN"),
        person("Fumio Kishida", "JPN", "Fumio Kishida"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert (event.code, event.source, event.target) == ("041", "KOR", "JPN")
    assert (event.source_person, event.target_person) == ("Yoon Suk-yeol", "Fumio Kishida")
    assert event.source_actor_code == "KORGOV"
    assert event.when is not None and event.when.to_json() == "2024-03-05"
    assert event.date_basis == "explicit"
    assert event.status == Status.OCCURRED


def test_visit_target_is_the_visited_country_and_genitive_the_visitor(coder: EventCoder) -> None:
    text = "Chuyến thăm Nhật Bản của Thủ tướng Ấn Độ Narendra Modi dự kiến diễn ra vào tháng 8 tới."
    mentions = [
        country("Nhật Bản", "JPN"),
        country("Ấn Độ", "IND"),
        person("Narendra Modi", "IND", "Narendra Modi"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert (event.code, event.source, event.target, event.place) == ("042", "IND", "JPN", "JPN")
    assert event.source_person == "Narendra Modi"
    assert event.status == Status.PLANNED
    assert event.when is not None and event.when.to_json() == ["2024-08-01", "2024-08-31"]


def test_visit_noun_with_visitor_as_subject(coder: EventCoder) -> None:
    text = "Ông Kim Song-nam đang trong chuyến thăm Trung Quốc từ ngày 18/3."
    mentions = [person("Kim Song-nam", "PRK", "Kim Song-nam"), country("Trung Quốc", "CHN")]
    event = only(code(coder, text, mentions), "04")
    assert (event.code, event.source, event.target) == ("042", "PRK", "CHN")
    assert event.when is not None and event.when.to_json() == ["2024-03-18", "2024-03-25"]


def test_travel_to_a_capital_is_a_visit_there(coder: EventCoder) -> None:
    text = "Ngày 8/4, Ngoại trưởng Nga Sergei Lavrov đã đến thủ đô Bắc Kinh của Trung Quốc."
    mentions = [
        country("Nga", "RUS"),
        person("Sergei Lavrov", "RUS", "Sergei Lavrov"),
        M("Bắc Kinh", "GPE", "CHN", "CHNGOV", "Beijing", "capital"),
        country("Trung Quốc", "CHN"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert (event.code, event.source, event.target, event.place, event.city) == (
        "042",
        "RUS",
        "CHN",
        "CHN",
        "Beijing",
    )


def test_message_sent_to_someone_is_not_a_journey(coder: EventCoder) -> None:
    text = "Thủ tướng Nhật Bản đã gửi thư tới Tổng thống Mỹ Joe Biden."
    mentions = [
        M("Thủ tướng Nhật Bản", "PER", "JPN", "JPNGOV", "Fumio Kishida"),
        person("Joe Biden", "USA", "Joe Biden"),
    ]
    assert code(coder, text, mentions) == []


def test_host_receives_visitor(coder: EventCoder) -> None:
    text = "Chủ tịch Trung Quốc Tập Cận Bình đón Tổng thống Pháp Emmanuel Macron tại Bắc Kinh hôm 6/3."
    mentions = [
        country("Trung Quốc", "CHN"),
        person("Tập Cận Bình", "CHN", "Xi Jinping"),
        country("Pháp", "FRA"),
        person("Emmanuel Macron", "FRA", "Emmanuel Macron"),
        M("Bắc Kinh", "GPE", "CHN", "CHNGOV", "Beijing", "capital"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert (event.code, event.source, event.target, event.place) == ("043", "CHN", "FRA", "CHN")
    assert event.when is not None and event.when.to_json() == "2024-03-06"


def test_passive_duoc_makes_the_agent_the_host(coder: EventCoder) -> None:
    text = "Thủ tướng Nhật Bản được Tổng thống Mỹ đón tại Nhà Trắng."
    mentions = [
        M("Thủ tướng Nhật Bản", "PER", "JPN", "JPNGOV", "Fumio Kishida"),
        M("Tổng thống Mỹ", "PER", "USA", "USAGOV", "Joe Biden"),
        M("Nhà Trắng", "GPE", "USA", "USAGOV", "White House", "metonym"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert (event.code, event.source, event.target) == ("043", "USA", "JPN")


def test_passive_bi_swaps_attacker_and_victim(coder: EventCoder) -> None:
    text = "Nga bị Ukraine tấn công bằng máy bay không người lái."
    event = only(code(coder, text, [country("Nga", "RUS"), country("Ukraine", "UKR")]), "19")
    assert (event.code, event.source, event.target) == ("195", "UKR", "RUS")


def test_giua_x_va_y_names_both_parties(coder: EventCoder) -> None:
    text = "Cuộc gặp giữa Ngoại trưởng Mỹ và Ngoại trưởng Trung Quốc diễn ra tại Bali hôm 7/3."
    mentions = [
        M("Ngoại trưởng Mỹ", "PER", "USA", "USAGOV", "Antony Blinken"),
        M("Ngoại trưởng Trung Quốc", "PER", "CHN", "CHNGOV", "Wang Yi"),
        place("Bali", "IDN", "Bali"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert {event.source, event.target} == {"USA", "CHN"}
    assert event.place == "IDN"


def test_coordinated_subjects_act_on_each_other(coder: EventCoder) -> None:
    text = "Nga và Trung Quốc tập trận chung ở biển Nhật Bản."
    mentions = [
        country("Nga", "RUS"),
        country("Trung Quốc", "CHN"),
        place("biển Nhật Bản", "JPN", "Sea of Japan"),
    ]
    event = only(code(coder, text, mentions), "06")
    assert (event.code, event.source, event.target, event.place) == ("062", "RUS", "CHN", "JPN")


def test_coordinated_objects_each_get_an_event(coder: EventCoder) -> None:
    text = (
        "Sau chuyến thăm Trung Quốc, phái đoàn do ông Kim dẫn đầu thăm tiếp hai nước khác là Việt Nam và Lào."
    )
    mentions = [
        country("Trung Quốc", "CHN"),
        person("Kim", "PRK", "Kim Song-nam"),
        country("Việt Nam", "VNM"),
        country("Lào", "LAO"),
    ]
    pairs = {(e.source, e.target) for e in code(coder, text, mentions) if e.code == "042"}
    assert pairs == {("PRK", "CHN"), ("PRK", "VNM"), ("PRK", "LAO")}


def test_hai_ben_stands_for_the_current_pair(coder: EventCoder) -> None:
    text = (
        "Sáng 12/3, Thủ tướng Việt Nam Phạm Minh Chính hội đàm với Thủ tướng Singapore Lý Hiển Long.\n"
        "Hai bên nhất trí tăng cường hợp tác kinh tế."
    )
    mentions = [
        country("Việt Nam", "VNM"),
        person("Phạm Minh Chính", "VNM", "Pham Minh Chinh"),
        country("Singapore", "SGP"),
        person("Lý Hiển Long", "SGP", "Lee Hsien Loong"),
    ]
    event = only(code(coder, text, mentions), "03")
    assert (event.code, event.source, event.target) == ("0311", "VNM", "SGP")
    assert (event.source_person, event.target_person) == ("Pham Minh Chinh", "Lee Hsien Loong")
    assert event.when is not None and event.when.to_json() == "2024-03-12"  # the story's day carries on
    assert event.date_basis == "discourse"


def test_news_agency_is_a_source_never_an_actor(coder: EventCoder) -> None:
    text = "Hãng thông tấn KCNA cho biết Triều Tiên đã phóng thử một tên lửa hành trình vào tối qua."
    events = code(coder, text, [agency("KCNA", "KCNA"), country("Triều Tiên", "PRK")], attributions=["KCNA"])
    event = only(events, "15")
    assert (event.code, event.source, event.target) == ("150", "PRK", None)
    assert event.attribution == "KCNA"
    assert event.when is not None and event.when.to_json() == "2024-03-24"
    assert code(coder, "KCNA lên án Mỹ.", [agency("KCNA", "KCNA"), country("Mỹ", "USA")]) == []


def test_reported_speech_gives_the_speaker_as_subject(coder: EventCoder) -> None:
    text = "Ngoại trưởng Nga Sergei Lavrov nói sẵn sàng đàm phán với Ukraine."
    mentions = [
        country("Nga", "RUS"),
        person("Sergei Lavrov", "RUS", "Sergei Lavrov"),
        country("Ukraine", "UKR"),
    ]
    event = only(code(coder, text, mentions), "03")
    assert (event.code, event.source, event.target, event.source_person) == (
        "036",
        "RUS",
        "UKR",
        "Sergei Lavrov",
    )


def test_hope_that_we_will_is_intent_hope_that_they_will_is_appeal(coder: EventCoder) -> None:
    mentions = [
        M("Ngoại trưởng Trung Quốc", "PER", "CHN", "CHNGOV", "Wang Yi"),
        M("Bình Nhưỡng", "GPE", "PRK", "PRKGOV", "Pyongyang", "metonym"),
        M("Bắc Kinh", "GPE", "CHN", "CHNGOV", "Beijing", "metonym"),
    ]
    text = "Ngoại trưởng Trung Quốc bày tỏ hy vọng Bình Nhưỡng và Bắc Kinh sẽ cùng mở rộng hợp tác."
    event = only(code(coder, text, mentions), "03")
    assert (event.source, event.target, event.source_person) == ("CHN", "PRK", "Wang Yi")
    text = "Ngoại trưởng Trung Quốc hy vọng Bình Nhưỡng sẽ đàm phán."
    event = only(code(coder, text, mentions[:2]), "02")
    assert (event.code, event.source, event.target) == ("026", "CHN", "PRK")


def test_modal_verbs_take_their_code_from_the_complement(coder: EventCoder) -> None:
    mentions = [M("Liên hợp quốc", "ORG", None, "IGOUNO", "United Nations"), country("Israel", "ISR")]
    event = only(code(coder, "Liên hợp quốc kêu gọi Israel ngừng bắn.", mentions), "02")
    assert (event.code, event.source, event.target) == ("0256", "IGOUNO", "ISR")
    mentions = [country("Ukraine", "UKR"), country("Nga", "RUS")]
    event = only(code(coder, "Ukraine yêu cầu Nga rút quân.", mentions), "10")
    assert (event.code, event.source, event.target) == ("106", "UKR", "RUS")


def test_condemning_a_told_event_targets_its_agent(coder: EventCoder) -> None:
    text = "Sáng 21/3, Triều Tiên đã phóng một tên lửa đạn đạo.\nHàn Quốc lên án mạnh mẽ vụ phóng."
    events = code(coder, text, [country("Triều Tiên", "PRK"), country("Hàn Quốc", "KOR")])
    launch = only(events, "15")
    condemn = only(events, "11")
    assert (launch.source, launch.target, len(launch.evidence)) == ("PRK", None, 2)
    assert (condemn.code, condemn.source, condemn.target) == ("111", "KOR", "PRK")


# -- dates -----------------------------------------------------------------------------------------


def test_cung_ngay_points_back_to_the_last_day(coder: EventCoder) -> None:
    text = (
        "Trong ngày 21/3, ông Kim đã có cuộc gặp với Chủ tịch Trung Quốc Vương Hỗ Ninh.\n"
        "Bộ Ngoại giao Trung Quốc cho biết cùng ngày, ông Kim cũng đã có cuộc gặp "
        "với Ngoại trưởng Vương Nghị."
    )
    mentions = [
        person("Kim", "PRK", "Kim Song-nam"),
        country("Trung Quốc", "CHN"),
        person("Vương Hỗ Ninh", "CHN", "Wang Huning"),
        M("Bộ Ngoại giao Trung Quốc", "ORG", "CHN", "CHNGOV", "Chinese Foreign Ministry"),
        person("Kim", "PRK", "Kim Song-nam", nth=1),
        person("Vương Nghị", "CHN", "Wang Yi"),
    ]
    events = [e for e in code(coder, text, mentions, attributions=["KCNA"]) if e.root == "04"]
    assert [(e.target_person, e.when.to_json() if e.when else None, e.date_basis) for e in events] == [
        ("Wang Huning", "2024-03-21", "explicit"),
        ("Wang Yi", "2024-03-21", "anaphoric"),
    ]
    assert [e.attribution for e in events] == ["KCNA", "Chinese Foreign Ministry"]


def test_report_date_bounds_the_reported_event(coder: EventCoder) -> None:
    text = "Sáng nay (21/6), KCNA đưa tin Triều Tiên và Trung Quốc đã nhất trí củng cố quan hệ song phương."
    mentions = [agency("KCNA", "KCNA"), country("Triều Tiên", "PRK"), country("Trung Quốc", "CHN")]
    event = only(code(coder, text, mentions, published=date(2019, 6, 21)), "03")
    assert (event.date_basis, event.when.to_json() if event.when else None) == ("report", "2019-06-21")


def test_without_a_date_the_article_date_is_used_with_less_confidence(coder: EventCoder) -> None:
    mentions = [country("Mỹ", "USA"), country("Nga", "RUS")]
    dated = only(code(coder, "Ngày 20/3, Mỹ áp đặt lệnh trừng phạt đối với Nga.", mentions), "16")
    undated = only(code(coder, "Mỹ áp đặt lệnh trừng phạt đối với Nga.", mentions), "16")
    assert undated.date_basis == "article-date" and undated.when is not None
    assert undated.when.to_json() == "2024-03-25"
    assert dated.confidence > undated.confidence
    ranged = only(
        code(
            coder,
            "Mỹ áp đặt lệnh trừng phạt đối với Nga.",
            mentions,
            published=None,
            published_range=(date(2024, 4, 11), date(2024, 4, 13)),
        ),
        "16",
    )
    assert ranged.date_basis == "published-range" and ranged.when is not None
    assert ranged.when.to_json() == ["2024-04-11", "2024-04-13"]
    nothing = only(code(coder, "Mỹ áp đặt lệnh trừng phạt đối với Nga.", mentions, published=None), "16")
    assert nothing.when is None  # never an invented day


def test_background_keeps_its_own_past_date_and_history_is_dropped(coder: EventCoder) -> None:
    mentions = [
        person("Lavrov", "RUS", "Sergei Lavrov"),
        M("Bắc Kinh", "GPE", "CHN", "CHNGOV", "Beijing", "capital"),
    ]
    event = only(code(coder, "Trước đó, ông Lavrov đã thăm Bắc Kinh vào tháng 10/2023.", mentions), "04")
    assert event.when is not None and event.when.to_json() == ["2023-10-01", "2023-10-31"]
    assert code(coder, "Ông Lavrov từng thăm Bắc Kinh.", mentions) == []  # undated past
    assert code(coder, "Ông Lavrov đã thăm Bắc Kinh vào tháng 10/2001.", mentions) == []  # history
    assert code(coder, "Ông Lavrov đã thăm Bắc Kinh trong những năm gần đây.", mentions) == []  # vague


# -- status ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Thủ tướng Đức sẽ hội đàm với Tổng thống Nga.", Status.PLANNED),
        ("Thủ tướng Đức dự kiến hội đàm với Tổng thống Nga vào tuần tới.", Status.PLANNED),
        ("Thủ tướng Đức không hội đàm với Tổng thống Nga.", Status.NEGATED),
        ("Thủ tướng Đức chưa hội đàm với Tổng thống Nga.", Status.NEGATED),
        ("Thủ tướng Đức có thể hội đàm với Tổng thống Nga.", Status.HYPOTHETICAL),
        ("Nếu Thủ tướng Đức hội đàm với Tổng thống Nga, giá khí đốt sẽ giảm.", Status.HYPOTHETICAL),
        ("Thủ tướng Đức đã hội đàm với Tổng thống Nga.", Status.OCCURRED),
        ("Thủ tướng Đức không chỉ hội đàm với Tổng thống Nga.", Status.OCCURRED),
    ],
)
def test_status(coder: EventCoder, text: str, status: Status) -> None:
    mentions = [
        M("Thủ tướng Đức", "PER", "DEU", "DEUGOV", "Olaf Scholz"),
        M("Tổng thống Nga", "PER", "RUS", "RUSGOV", "Vladimir Putin"),
    ]
    event = only(code(coder, text, mentions), "04")
    assert event.status == status


def test_a_pledge_made_is_occurred_even_when_it_speaks_of_the_future(coder: EventCoder) -> None:
    event = only(
        code(
            coder,
            "Nhật Bản khẳng định sẽ tăng cường hợp tác với Philippines.",
            [country("Nhật Bản", "JPN"), country("Philippines", "PHL")],
        ),
        "03",
    )
    assert event.status == Status.OCCURRED


def test_planning_denied_is_negated(coder: EventCoder) -> None:
    text = "Điện Kremlin cho biết không có kế hoạch ký văn kiện nào với Mỹ."
    mentions = [M("Điện Kremlin", "GPE", "RUS", "RUSGOV", "Kremlin", "metonym"), country("Mỹ", "USA")]
    event = only(code(coder, text, mentions), "05")
    assert (event.code, event.source, event.target, event.status) == ("057", "RUS", "USA", Status.NEGATED)


# -- what is not an event --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hai nước kỷ niệm 75 năm thiết lập quan hệ ngoại giao.",  # anniversary
        "Hai bên thảo luận về khả năng ký hiệp định thương mại.",  # topic of talks (the talks are coded)
        "Nhật Bản đã nhiều lần phóng tên lửa.",  # repetition
        "Chính phủ nhấn mạnh sự ủng hộ của Nhật Bản.",  # a noun, not an act
        "Các lệnh trừng phạt của Mỹ đối với Nga vẫn còn hiệu lực.",  # generic plural
    ],
)
def test_non_events(coder: EventCoder, text: str) -> None:
    mentions = [country("Nhật Bản", "JPN"), country("Mỹ", "USA"), country("Nga", "RUS")]
    present = [m for m in mentions if m.surface in text]
    events = [e for e in code(coder, text, present) if e.root not in ("04",)]
    assert events == []


def test_only_body_sentences_count(coder: EventCoder) -> None:
    text = "Ảnh: Tổng thống Mỹ gặp Thủ tướng Nhật Bản.\nTổng thống Mỹ chỉ trích Trung Quốc."
    mentions = [
        M("Tổng thống Mỹ", "PER", "USA", "USAGOV", "Joe Biden"),
        M("Thủ tướng Nhật Bản", "PER", "JPN", "JPNGOV", "Fumio Kishida"),
        M("Tổng thống Mỹ", "PER", "USA", "USAGOV", "Joe Biden", nth=1),
        country("Trung Quốc", "CHN"),
    ]
    events = code(coder, text, mentions, captions=["Ảnh: Tổng thống Mỹ gặp Thủ tướng Nhật Bản."])
    assert [(e.code, e.source, e.target) for e in events] == [("111", "USA", "CHN")]


# -- one event, several tellings -------------------------------------------------------------------


def test_mentions_of_one_event_merge_into_evidence(coder: EventCoder) -> None:
    text = (
        "Ngày 20/6, Chủ tịch Trung Quốc Tập Cận Bình hội đàm với nhà lãnh đạo Triều Tiên Kim Jong-un.\n"
        "Tại cuộc hội đàm này, hai nhà lãnh đạo trao đổi quan điểm về tình hình khu vực.\n"
        "KCNA khẳng định cuộc hội đàm diễn ra thẳng thắn."
    )
    mentions = [
        country("Trung Quốc", "CHN"),
        person("Tập Cận Bình", "CHN", "Xi Jinping"),
        country("Triều Tiên", "PRK"),
        person("Kim Jong-un", "PRK", "Kim Jong-un"),
        agency("KCNA", "KCNA"),
    ]
    article = build_article(text, mentions, published=date(2019, 6, 21))
    events = coder.code(article)
    meeting = only(events, "04")
    assert (meeting.source, meeting.target, meeting.when.to_json() if meeting.when else None) == (
        "CHN",
        "PRK",
        "2019-06-20",
    )
    tellings = [article.text[e.trigger.start : e.trigger.end] for e in meeting.evidence]
    assert tellings == ["hội đàm", "hội đàm", "trao đổi quan điểm", "hội đàm"]
    assert all(e.sentence.contains(e.trigger) for e in meeting.evidence)


def test_cameo_values_are_filled(coder: EventCoder) -> None:
    event = only(
        code(
            coder,
            "Hàn Quốc chỉ trích Triều Tiên.",
            [country("Hàn Quốc", "KOR"), country("Triều Tiên", "PRK")],
        ),
        "11",
    )
    assert (event.goldstein, event.quad_class, event.plover) == (-2.0, 3, "ACCUSE")
    assert 0 < event.confidence < 1


# -- every root family -----------------------------------------------------------------------------

ROOT_CASES = [
    (
        "01",
        "Bộ Ngoại giao Trung Quốc bày tỏ quan ngại sâu sắc về Triều Tiên.",
        [
            M("Bộ Ngoại giao Trung Quốc", "ORG", "CHN", "CHNGOV", "Chinese Foreign Ministry"),
            country("Triều Tiên", "PRK"),
        ],
        ("CHN", "PRK"),
    ),
    (
        "02",
        "Liên hợp quốc kêu gọi Israel ngừng bắn.",
        [M("Liên hợp quốc", "ORG", None, "IGOUNO", "United Nations"), country("Israel", "ISR")],
        ("IGOUNO", "ISR"),
    ),
    (
        "03",
        "Nga sẵn sàng đàm phán với Ukraine.",
        [country("Nga", "RUS"), country("Ukraine", "UKR")],
        ("RUS", "UKR"),
    ),
    (
        "04",
        "Tổng thống Pháp thăm Trung Quốc.",
        [M("Tổng thống Pháp", "PER", "FRA", "FRAGOV", "Emmanuel Macron"), country("Trung Quốc", "CHN")],
        ("FRA", "CHN"),
    ),
    (
        "05",
        "Nhật Bản và Philippines đã ký hiệp định quốc phòng.",
        [country("Nhật Bản", "JPN"), country("Philippines", "PHL")],
        ("JPN", "PHL"),
    ),
    (
        "06",
        "Mỹ và Hàn Quốc tập trận chung.",
        [country("Mỹ", "USA"), country("Hàn Quốc", "KOR")],
        ("USA", "KOR"),
    ),
    (
        "07",
        "Mỹ viện trợ quân sự cho Ukraine.",
        [country("Mỹ", "USA"), country("Ukraine", "UKR")],
        ("USA", "UKR"),
    ),
    (
        "08",
        "Nga và Ukraine trao đổi tù binh.",
        [country("Nga", "RUS"), country("Ukraine", "UKR")],
        ("RUS", "UKR"),
    ),
    (
        "09",
        "Tòa án Hình sự Quốc tế điều tra Nga về tội ác chiến tranh.",
        [
            M("Tòa án Hình sự Quốc tế", "ORG", None, "IGOICC", "International Criminal Court"),
            country("Nga", "RUS"),
        ],
        ("IGOICC", "RUS"),
    ),
    (
        "10",
        "Ukraine yêu cầu Nga rút quân.",
        [country("Ukraine", "UKR"), country("Nga", "RUS")],
        ("UKR", "RUS"),
    ),
    (
        "11",
        "Hàn Quốc lên án Triều Tiên.",
        [country("Hàn Quốc", "KOR"), country("Triều Tiên", "PRK")],
        ("KOR", "PRK"),
    ),
    (
        "12",
        "Iran bác bỏ đề xuất đàm phán của Mỹ.",
        [country("Iran", "IRN"), country("Mỹ", "USA")],
        ("IRN", "USA"),
    ),
    (
        "13",
        "Triều Tiên đe dọa tấn công Hàn Quốc.",
        [country("Triều Tiên", "PRK"), country("Hàn Quốc", "KOR")],
        ("PRK", "KOR"),
    ),
    (
        "14",
        "Người dân Hàn Quốc biểu tình chống Nhật Bản.",
        [country("Hàn Quốc", "KOR"), country("Nhật Bản", "JPN")],
        ("KOR", "JPN"),
    ),
    ("15", "Triều Tiên phóng thử tên lửa đạn đạo.", [country("Triều Tiên", "PRK")], ("PRK", None)),
    (
        "16",
        "Nga trục xuất 10 nhà ngoại giao Mỹ.",
        [country("Nga", "RUS"), country("Mỹ", "USA")],
        ("RUS", "USA"),
    ),
    (
        "17",
        "Cảnh sát Pháp bắt giữ hai công dân Nga.",
        [country("Pháp", "FRA"), country("Nga", "RUS")],
        ("FRA", "RUS"),
    ),
    (
        "18",
        "Hamas bắt cóc nhiều công dân Israel.",
        [M("Hamas", "ORG", "PSE", "PSEREB", "Hamas"), country("Israel", "ISR")],
        ("PSE", "ISR"),
    ),
    (
        "19",
        "Israel không kích Dải Gaza.",
        [country("Israel", "ISR"), place("Dải Gaza", "PSE", "Gaza Strip")],
        ("ISR", "PSE"),
    ),
    (
        "20",
        "Quân đội Myanmar thảm sát dân thường.",
        [M("Quân đội Myanmar", "ORG", "MMR", "MMRMIL", "Myanmar Armed Forces")],
        ("MMR", None),
    ),
]


@pytest.mark.parametrize(
    ("root", "text", "mentions", "pair"), ROOT_CASES, ids=[case[0] for case in ROOT_CASES]
)
def test_every_root_family(
    coder: EventCoder, root: str, text: str, mentions: list[M], pair: tuple[str, str | None]
) -> None:
    events = code(coder, text, mentions)
    assert (root, *pair) in {(e.root, e.source, e.target) for e in events}, [
        (e.code, e.source, e.target) for e in events
    ]


# -- lists, subordinate clauses and nested event nouns ------------------------------------------


def test_comma_list_with_titles_gives_every_met_person(coder: EventCoder) -> None:
    # The list "A, Thủ tướng B và Chủ tịch Quốc hội C" is the object of the meeting; none of them is
    # the subject of the journey that follows.
    text = (
        "Ngày 15/4, ông Tập Cận Bình sẽ hội kiến Chủ tịch nước Lương Cường, Thủ tướng Phạm Minh Chính "
        "và Chủ tịch Quốc hội Trần Thanh Mẫn trước khi rời Hà Nội, tiếp tục chuyến công du tới Malaysia."
    )
    mentions = [
        person("Tập Cận Bình", "CHN", "Xi Jinping"),
        person("Lương Cường", "VNM", "Luong Cuong"),
        person("Phạm Minh Chính", "VNM", "Pham Minh Chinh"),
        person("Trần Thanh Mẫn", "VNM", "Tran Thanh Man"),
        country("Malaysia", "MYS"),
    ]
    events = code(coder, text, mentions, published=date(2025, 4, 14))
    met = sorted(e.target_person or "" for e in events if e.code == "040")
    assert met == ["Luong Cuong", "Pham Minh Chinh", "Tran Thanh Man"]
    trips = [(e.source, e.target) for e in events if e.code == "042"]
    assert trips == [("CHN", "MYS")]


def test_coordinated_verbs_after_sau_khi_are_background(coder: EventCoder) -> None:
    text = (
        "Ngày 23/8, Thủ tướng Narendra Modi thăm Ukraine.\n"
        "Chuyến thăm diễn ra hơn một tháng sau khi ông Modi thăm Matxcơva và hội đàm với "
        "Tổng thống Vladimir Putin."
    )
    mentions = [
        person("Narendra Modi", "IND", "Narendra Modi"),
        country("Ukraine", "UKR"),
        person("Modi", "IND", "Narendra Modi", nth=1),
        place("Matxcơva", "RUS", "Moscow"),
        person("Vladimir Putin", "RUS", "Vladimir Putin"),
    ]
    events = code(coder, text, mentions, published=date(2024, 8, 23))
    assert [(e.code, e.target) for e in events] == [("042", "UKR")]


def test_date_of_a_nested_event_noun_does_not_date_the_story(coder: EventCoder) -> None:
    # "ngày 29/3" dates the earlier phone call named inside the agreement, not what follows.
    text = (
        "Ngày 15/4, Bộ trưởng Bùi Thanh Sơn hội đàm với Ngoại trưởng Antony Blinken.\n"
        "Hai bên nhất trí triển khai kết quả cuộc điện đàm giữa Tổng Bí thư Nguyễn Phú Trọng và "
        "Tổng thống Joe Biden ngày 29/3; tăng cường hợp tác kinh tế.\n"
        "Bộ trưởng Bùi Thanh Sơn đề nghị Hoa Kỳ sớm công nhận quy chế kinh tế thị trường của Việt Nam."
    )
    mentions = [
        person("Bùi Thanh Sơn", "VNM", "Bui Thanh Son"),
        person("Antony Blinken", "USA", "Antony Blinken"),
        person("Nguyễn Phú Trọng", "VNM", "Nguyen Phu Trong"),
        person("Joe Biden", "USA", "Joe Biden"),
        person("Bùi Thanh Sơn", "VNM", "Bui Thanh Son", nth=1),
        country("Hoa Kỳ", "USA"),
        country("Việt Nam", "VNM"),
    ]
    events = code(coder, text, mentions, published=date(2023, 4, 15))
    dated = {e.when.to_json() for e in events if e.when is not None and e.root != "04"}
    assert dated and "2023-03-29" not in dated
