"""The coder's grammar rules, one short hand-built article each (see ``eventkit``).

Each test names the Vietnamese signal it checks; the sentences are written for the test, not taken
from the example pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from eventkit import M, build_article, country, person

from thoisu.events.coder import EventCoder
from thoisu.model import Event, Status


def code(coder: EventCoder, text: str, mentions: Sequence[M] = (), **kwargs: object) -> list[Event]:
    return coder.code(build_article(text, mentions, **kwargs))  # type: ignore[arg-type]


def triples(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.root, e.source, e.target) for e in events}


def org(surface: str, iso3: str, canonical: str, nth: int = 0) -> M:
    return M(surface, "ORG", iso3, f"{iso3}GOV", canonical, None, nth)


def city(surface: str, iso3: str, nth: int = 0) -> M:
    return M(surface, "GPE", iso3, f"{iso3}GOV", surface, "metonym", nth)


# -- objects and targets ---------------------------------------------------------------------------


def test_a_verb_that_takes_tu_reads_its_object_after_tu(coder: EventCoder) -> None:
    text = "Trung Quốc tuyên bố ngừng toàn bộ việc nhập khẩu thủy sản từ Nhật Bản."
    events = code(coder, text, [country("Trung Quốc", "CHN"), country("Nhật Bản", "JPN")])
    assert ("16", "CHN", "JPN") in triples(events)


def test_a_joint_exercise_around_a_party_is_a_show_of_force_against_it(coder: EventCoder) -> None:
    text = "Quân đội Trung Quốc bắt đầu cuộc tập trận chung kéo dài hai ngày quanh đảo Đài Loan."
    mentions = [
        M("Quân đội Trung Quốc", "ORG", "CHN", "CHNMIL", "Chinese military"),
        country("Đài Loan", "TWN"),
    ]
    events = code(coder, text, mentions)
    assert [(e.code, e.source, e.target) for e in events] == [("150", "CHN", "TWN")]


def test_a_genitive_in_an_appeal_owns_a_noun_it_is_not_addressed(coder: EventCoder) -> None:
    text = "Triều Tiên đề nghị dỡ bỏ năm nghị quyết trừng phạt của Liên Hợp Quốc."
    mentions = [country("Triều Tiên", "PRK"), M("Liên Hợp Quốc", "ORG", None, "IGOUNO", "United Nations")]
    assert not any(e.target == "IGOUNO" for e in code(coder, text, mentions))


def test_a_proposal_answered_is_addressed_to_its_author(coder: EventCoder) -> None:
    text = "Iran bác bỏ đề xuất đàm phán của Mỹ."
    events = code(coder, text, [country("Iran", "IRN"), country("Mỹ", "USA")])
    assert [(e.code, e.source, e.target) for e in events] == [("125", "IRN", "USA")]


def test_a_country_with_an_indefinite_article_is_a_vision_not_a_party(coder: EventCoder) -> None:
    text = "Ông Blinken khẳng định Hoa Kỳ ủng hộ một Việt Nam mạnh, độc lập và thịnh vượng."
    mentions = [
        person("Blinken", "USA", "Antony Blinken"),
        country("Hoa Kỳ", "USA"),
        country("Việt Nam", "VNM"),
    ]
    assert code(coder, text, mentions) == []
    plain = "Hoa Kỳ ủng hộ Việt Nam."
    assert ("05", "USA", "VNM") in triples(
        code(coder, plain, [country("Hoa Kỳ", "USA"), country("Việt Nam", "VNM")])
    )


def test_subjects_acting_side_by_side_are_not_each_others_targets(coder: EventCoder) -> None:
    text = "Các quan chức Mỹ và Hàn Quốc bày tỏ lo ngại về tình hình."
    assert code(coder, text, [country("Mỹ", "USA"), country("Hàn Quốc", "KOR")]) == []


def test_an_unnamed_subject_in_a_report_is_not_the_speaker(coder: EventCoder) -> None:
    text = "Ông Bessent cho rằng hai tập đoàn đang tài trợ cho quân đội Nga và kêu gọi Moscow ngừng bắn."
    mentions = [person("Bessent", "USA", "Scott Bessent"), country("Nga", "RUS"), city("Moscow", "RUS")]
    events = code(coder, text, mentions)
    assert not any(e.root == "07" for e in events)
    assert ("02", "USA", "RUS") in triples(events)  # "và kêu gọi": the speaker's own second verb


# -- meetings --------------------------------------------------------------------------------------


def test_a_two_plus_two_is_one_meeting(coder: EventCoder) -> None:
    text = (
        "Ngoại trưởng Kamikawa và Bộ trưởng Quốc phòng Kihara đã đối thoại "
        "với Ngoại trưởng Manalo và Bộ trưởng Teodoro."
    )
    mentions = [
        person("Kamikawa", "JPN", "Yoko Kamikawa"),
        person("Kihara", "JPN", "Minoru Kihara"),
        person("Manalo", "PHL", "Enrique Manalo"),
        person("Teodoro", "PHL", "Gilberto Teodoro"),
    ]
    meetings = [e for e in code(coder, text, mentions) if e.root == "04"]
    assert [(e.source_person, e.target_person) for e in meetings] == [("Yoko Kamikawa", "Enrique Manalo")]


def test_receiving_a_visitor_is_a_meeting_apart_from_the_visit(coder: EventCoder) -> None:
    text = (
        "Ngày 15/4, Ngoại trưởng Blinken bắt đầu chuyến thăm Việt Nam.\n"
        "Cùng ngày, Thủ tướng Phạm Minh Chính tiếp Ngoại trưởng Blinken."
    )
    mentions = [
        person("Blinken", "USA", "Antony Blinken"),
        country("Việt Nam", "VNM"),
        person("Phạm Minh Chính", "VNM", "Pham Minh Chinh"),
        person("Blinken", "USA", "Antony Blinken", nth=1),
    ]
    events = code(coder, text, mentions)
    assert sorted(e.code for e in events if e.root == "04") == ["040", "042"]


def test_talks_chaired_by_a_third_party_are_mediation(coder: EventCoder) -> None:
    text = (
        "Sau cuộc đàm phán do Thủ tướng Malaysia Anwar Ibrahim chủ trì chiều 28/7, "
        "Thái Lan và Campuchia nhất trí ngừng bắn."
    )
    mentions = [
        country("Malaysia", "MYS"),
        person("Anwar Ibrahim", "MYS", "Anwar Ibrahim"),
        country("Thái Lan", "THA"),
        country("Campuchia", "KHM"),
    ]
    events = code(coder, text, mentions, published=date(2025, 7, 29))
    found = {(e.code, e.source, e.target) for e in events}
    assert {("045", "MYS", "THA"), ("045", "MYS", "KHM"), ("046", "THA", "KHM")} <= found
    assert ("0871", "THA", "KHM") in found


def test_cancelling_a_planned_meeting_reduces_relations(coder: EventCoder) -> None:
    text = "Tổng thống Trump cho biết đã hủy cuộc gặp dự kiến với Tổng thống Putin ở Budapest."
    mentions = [person("Trump", "USA", "Donald Trump"), person("Putin", "RUS", "Vladimir Putin")]
    events = code(coder, text, mentions)
    assert [(e.code, e.source, e.target, e.status) for e in events] == [
        ("161", "USA", "RUS", Status.OCCURRED)
    ]


# -- modal complements -----------------------------------------------------------------------------


def test_coordinated_events_share_one_rejection(coder: EventCoder) -> None:
    text = "Bình Nhưỡng sẽ bác bỏ mọi tiếp xúc và đàm phán với Nhật Bản."
    events = code(coder, text, [city("Bình Nhưỡng", "PRK"), country("Nhật Bản", "JPN")])
    assert [(e.code, e.source, e.target) for e in events] == [("125", "PRK", "JPN")]


def test_agreeing_to_a_proposal_is_an_agreement_not_the_act_proposed(coder: EventCoder) -> None:
    text = "Tổng thống Putin đồng ý với đề xuất của Tổng thống Trump về việc tạm ngừng tấn công."
    mentions = [person("Putin", "RUS", "Vladimir Putin"), person("Trump", "USA", "Donald Trump")]
    events = code(coder, text, mentions)
    assert [(e.code, e.source, e.target) for e in events] == [("030", "RUS", "USA")]


def test_agreeing_that_is_an_agreement_whatever_the_clause_lists(coder: EventCoder) -> None:
    text = (
        "Ông Trump điện đàm với ông Putin.\n"
        "Hai nhà lãnh đạo nhất trí rằng tiến trình hòa bình sẽ bắt đầu bằng việc ngừng bắn, "
        "tiến tới ngừng bắn toàn diện."
    )
    mentions = [person("Trump", "USA", "Donald Trump"), person("Putin", "RUS", "Vladimir Putin")]
    events = code(coder, text, mentions)
    assert sorted(e.code for e in events) == ["030", "041"]


def test_an_event_in_an_adjunct_is_not_what_was_agreed(coder: EventCoder) -> None:
    text = "Đó là đề xuất mà Ukraine đã đồng ý sau cuộc đàm phán với Mỹ hôm 11/3."
    events = code(coder, text, [country("Ukraine", "UKR"), country("Mỹ", "USA")])
    assert [(e.root, e.source, e.target) for e in events] == [("04", "UKR", "USA")]
    assert events[0].when is not None and events[0].when.to_json() == "2024-03-11"


def test_a_modal_with_nothing_after_it_is_a_noun(coder: EventCoder) -> None:
    text = "Thái Lan hội đàm với Campuchia. Ông nhấn mạnh phía Campuchia phải thực hiện nghiêm túc cam kết."
    events = code(
        coder, text, [country("Thái Lan", "THA"), country("Campuchia", "KHM"), country("Campuchia", "KHM", 1)]
    )
    assert not any(e.root == "03" for e in events)


def test_what_an_appeal_asks_for_is_not_an_event(coder: EventCoder) -> None:
    text = "Ông Bessent kêu gọi Moscow đồng ý ngừng bắn ngay lập tức."
    events = code(coder, text, [person("Bessent", "USA", "Scott Bessent"), city("Moscow", "RUS")])
    assert [(e.code, e.source, e.target) for e in events] == [("0256", "USA", "RUS")]


def test_asking_for_an_investigation_is_a_demand(coder: EventCoder) -> None:
    text = "Việt Nam đề nghị phía Trung Quốc điều tra, xác minh vụ việc."
    events = code(coder, text, [country("Việt Nam", "VNM"), country("Trung Quốc", "CHN")])
    assert [(e.code, e.source, e.target) for e in events] == [("101", "VNM", "CHN")]


def test_a_pair_agreeing_with_a_third_party_named_is_still_one_pair(coder: EventCoder) -> None:
    text = (
        "Tổng thống Yoon hội đàm với Thủ tướng Kishida.\n"
        "Hai nhà lãnh đạo nhất trí tăng cường phối hợp, cùng với Mỹ, ứng phó các mối đe dọa."
    )
    mentions = [
        person("Yoon", "KOR", "Yoon Suk Yeol"),
        person("Kishida", "JPN", "Fumio Kishida"),
        country("Mỹ", "USA"),
    ]
    agreements = [e for e in code(coder, text, mentions) if e.root == "03"]
    assert {(e.source, e.target) for e in agreements} == {("KOR", "JPN")}


def test_plural_ministers_after_a_meeting_stand_for_both_sides(coder: EventCoder) -> None:
    text = (
        "Ngoại trưởng Nhật Bản hội đàm với Ngoại trưởng Philippines. "
        "Các bộ trưởng nhất trí tăng cường hợp tác an ninh."
    )
    events = code(coder, text, [country("Nhật Bản", "JPN"), country("Philippines", "PHL")])
    assert ("03", "JPN", "PHL") in triples(events)


def test_wishing_closer_ties_with_a_partner_is_an_intent(coder: EventCoder) -> None:
    text = "Washington mong muốn đưa quan hệ với Việt Nam lên tầm cao mới và làm sâu sắc hơn nữa hợp tác."
    events = code(coder, text, [city("Washington", "USA"), country("Việt Nam", "VNM")])
    assert [(e.root, e.source, e.target) for e in events] == [("03", "USA", "VNM")]


def test_asking_both_sides_including_oneself_is_an_intent(coder: EventCoder) -> None:
    text = (
        "Thủ tướng Phạm Minh Chính hội đàm với Ngoại trưởng Blinken. "
        "Thủ tướng Phạm Minh Chính đề nghị hai bên tạo đột phá trong hợp tác kinh tế."
    )
    mentions = [
        person("Phạm Minh Chính", "VNM", "Pham Minh Chinh"),
        person("Blinken", "USA", "Antony Blinken"),
        person("Phạm Minh Chính", "VNM", "Pham Minh Chinh", nth=1),
    ]
    events = code(coder, text, mentions)
    assert not any(e.root == "02" for e in events)
    assert ("03", "VNM", "USA") in triples(events)


# -- what is not an event --------------------------------------------------------------------------


def test_what_an_agreement_provides_for_is_not_an_event(coder: EventCoder) -> None:
    text = (
        "Nhật Bản và Philippines ký hiệp định tiếp cận đối ứng.\n"
        "Hiệp định tạo khuôn khổ pháp lý để lực lượng vũ trang hai nước tham gia huấn luyện, "
        "diễn tập chung và các hoạt động cứu trợ nhân đạo."
    )
    events = code(coder, text, [country("Nhật Bản", "JPN"), country("Philippines", "PHL")])
    assert [e.root for e in events] == ["05"]  # the signing; not the exercises or the relief it allows


def test_a_purpose_ends_where_a_new_predicate_begins(coder: EventCoder) -> None:
    text = "Việt Nam sẵn sàng thảo luận với Mỹ để đưa thuế về 0%, đồng thời đề nghị Mỹ áp mức thuế tương tự."
    events = code(coder, text, [country("Việt Nam", "VNM"), country("Mỹ", "USA"), country("Mỹ", "USA", 1)])
    assert ("02", "VNM", "USA") in triples(events)


def test_a_visit_named_in_a_purpose_is_still_an_event(coder: EventCoder) -> None:
    text = (
        "Chuyến đi này nhằm chuẩn bị cho chuyến thăm của Tổng thống Nga tới Trung Quốc "
        "dự kiến vào tháng 5 tới."
    )
    mentions = [
        M("Tổng thống Nga", "PER", "RUS", "RUSGOV", "Vladimir Putin", "head_of_state"),
        country("Trung Quốc", "CHN"),
    ]
    assert ("04", "RUS", "CHN") in triples(code(coder, text, mentions))


def test_an_event_that_is_the_subject_of_a_copula_is_talked_about(coder: EventCoder) -> None:
    text = "Bà nhấn mạnh hội nghị thượng đỉnh Triều-Nhật không phải là mối quan tâm của Bình Nhưỡng."
    mentions = [M("Triều-Nhật", "GPE", "PRK", "PRK", "PRK-JPN", "dyad"), city("Bình Nhưỡng", "PRK")]
    assert code(coder, text, mentions) == []


def test_a_copula_before_a_date_dates_the_event(coder: EventCoder) -> None:
    text = "Lần gần nhất Triều Tiên phóng ICBM là ngày 18/12/2023."
    events = code(coder, text, [country("Triều Tiên", "PRK")])
    assert [(e.code, e.when.to_json() if e.when else None) for e in events] == [("150", "2023-12-18")]


def test_a_verdict_pronounced_by_a_speaker_is_criticism(coder: EventCoder) -> None:
    text = "Ngày 23/10, bà Zakharova nói Moscow coi quyết định của Washington là hoàn toàn phản tác dụng."
    mentions = [
        person("Zakharova", "RUS", "Maria Zakharova"),
        city("Moscow", "RUS"),
        city("Washington", "USA"),
    ]
    events = code(coder, text, mentions, published=date(2025, 10, 23))
    assert [(e.code, e.source, e.target) for e in events] == [("111", "RUS", "USA")]


def test_a_verdict_on_an_act_of_the_other_side_targets_it(coder: EventCoder) -> None:
    text = (
        "Tổng thống Mỹ hội đàm với Chủ tịch Trung Quốc. Tổng thống Mỹ gọi ông là nhà độc tài.\n"
        "Người phát ngôn Mao Ninh cho rằng phát ngôn trên hoàn toàn sai trái."
    )
    mentions = [
        M("Tổng thống Mỹ", "PER", "USA", "USAGOV", "Joe Biden", "head_of_state"),
        M("Chủ tịch Trung Quốc", "PER", "CHN", "CHNGOV", "Xi Jinping", "head_of_state"),
        M("Tổng thống Mỹ", "PER", "USA", "USAGOV", "Joe Biden", "head_of_state", nth=1),
        person("Mao Ninh", "CHN", "Mao Ning"),
    ]
    assert ("11", "CHN", "USA") in triples(code(coder, text, mentions))


def test_a_damning_word_no_one_pronounces_is_not_criticism(coder: EventCoder) -> None:
    text = "Mỹ và Trung Quốc hội đàm. Những quyết định sai trái của thời kỳ trước đã được sửa chữa."
    events = code(coder, text, [country("Mỹ", "USA"), country("Trung Quốc", "CHN")])
    assert not any(e.root == "11" for e in events)


def test_aid_handed_over_is_coded_by_what_it_is(coder: EventCoder) -> None:
    text = "Phía Ấn Độ cũng trao tặng Ukraine 4 bộ thiết bị bệnh viện dã chiến di động."
    events = code(coder, text, [country("Ấn Độ", "IND"), country("Ukraine", "UKR")])
    assert [(e.code, e.source, e.target) for e in events] == [("073", "IND", "UKR")]
    medal = "Chủ tịch nước trao tặng Huân chương Hữu nghị cho Đại sứ Nhật Bản."
    assert code(coder, medal, [country("Nhật Bản", "JPN")]) == []


def test_a_launch_facility_is_not_a_launch(coder: EventCoder) -> None:
    text = "Hai nhà lãnh đạo Nga và Triều Tiên đã tham quan tổ hợp phóng tên lửa Soyuz-2."
    assert not any(
        e.root in ("15", "19")
        for e in code(coder, text, [country("Nga", "RUS"), country("Triều Tiên", "PRK")])
    )


# -- dates -----------------------------------------------------------------------------------------


def test_a_landmark_date_of_a_later_event_does_not_move_the_story(coder: EventCoder) -> None:
    text = (
        "Sáng 31/10, Triều Tiên đã phóng một tên lửa đạn đạo.\n"
        "Giới chức cho rằng vụ phóng nhằm thu hút sự chú ý trước cuộc bầu cử tổng thống Mỹ ngày 5/11.\n"
        "Tại Washington, người phát ngôn Nhà Trắng lên án vụ phóng."
    )
    mentions = [
        country("Triều Tiên", "PRK"),
        M("Nhà Trắng", "ORG", "USA", "USAGOV", "White House", "metonym"),
    ]
    criticism = [e for e in code(coder, text, mentions, published=date(2024, 10, 31)) if e.root == "11"]
    assert [(e.source, e.target, e.when.to_json() if e.when else None) for e in criticism] == [
        ("USA", "PRK", "2024-10-31")
    ]


def test_a_fronted_date_frames_its_sentence(coder: EventCoder) -> None:
    text = (
        "Ngày 2/10, trả lời câu hỏi về vụ việc xảy ra khi tàu cá đang hoạt động ngày 29/9, "
        "người phát ngôn nêu rõ lập trường của Việt Nam.\n"
        "Việt Nam đề nghị Trung Quốc điều tra vụ việc."
    )
    mentions = [country("Việt Nam", "VNM"), country("Việt Nam", "VNM", 1), country("Trung Quốc", "CHN")]
    events = code(coder, text, mentions, published=date(2024, 10, 2))
    demand = [e for e in events if e.root == "10"]
    assert [e.when.to_json() if e.when else None for e in demand] == ["2024-10-02"]


def test_history_does_not_become_the_story_date(coder: EventCoder) -> None:
    text = (
        "Ngày 16/5, ông Putin thăm Trung Quốc, đúng dịp kỷ niệm 75 năm hai nước thiết lập quan hệ ngoại giao "
        "ngày 2/10/1949.\n"
        "Hai bên nhất trí mở rộng hợp tác năng lượng."
    )
    mentions = [person("Putin", "RUS", "Vladimir Putin"), country("Trung Quốc", "CHN")]
    events = code(coder, text, mentions, published=date(2024, 5, 16))
    agreement = [e for e in events if e.root == "03"]
    assert [e.when.to_json() if e.when else None for e in agreement] == ["2024-05-16"]


def test_a_since_clause_runs_on_through_commas(coder: EventCoder) -> None:
    text = (
        "Ngày 16/5, ông Putin thăm Trung Quốc.\n"
        "Đây là chuyến công du đầu tiên kể từ khi ông tuyên thệ nhậm chức, "
        "bắt đầu nhiệm kỳ thứ năm hôm 7/5.\n"
        "Hai bên nhất trí mở rộng hợp tác năng lượng."
    )
    mentions = [person("Putin", "RUS", "Vladimir Putin"), country("Trung Quốc", "CHN")]
    events = code(coder, text, mentions, published=date(2024, 5, 17))
    agreement = [e for e in events if e.root == "03"]
    assert [e.when.to_json() if e.when else None for e in agreement] == ["2024-05-16"]


def test_a_sentence_opened_by_an_event_told_before_takes_its_date(coder: EventCoder) -> None:
    text = (
        "Ngày 14/4, ông Tập Cận Bình hội đàm với ông Tô Lâm.\n"
        "Ngày 15/4, ông Tập Cận Bình rời Hà Nội.\n"
        "Tại cuộc hội đàm, hai bên nhất trí tăng cường hợp tác đường sắt."
    )
    mentions = [person("Tập Cận Bình", "CHN", "Xi Jinping"), person("Tô Lâm", "VNM", "To Lam")]
    events = code(coder, text, mentions, published=date(2025, 4, 15))
    agreement = [e for e in events if e.root == "03"]
    assert [e.when.to_json() if e.when else None for e in agreement] == ["2025-04-14"]


def test_a_spokesperson_voices_the_state_she_speaks_for(coder: EventCoder) -> None:
    text = "Bà Zakharova nói Moscow kêu gọi Washington đối thoại."
    mentions = [
        person("Zakharova", "RUS", "Maria Zakharova"),
        city("Moscow", "RUS"),
        city("Washington", "USA"),
    ]
    (event,) = code(coder, text, mentions)
    assert (event.root, event.source, event.target) == ("02", "RUS", "USA")
    assert event.source_person == "Maria Zakharova"
