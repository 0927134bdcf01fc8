from __future__ import annotations

from datetime import date

from thoisu.entities.recognise import Recogniser
from thoisu.model import Mention, Span
from thoisu.sentences import split_paragraph


def recognise(recogniser: Recogniser, text: str, on: date | None = date(2024, 3, 21)) -> list[Mention]:
    sentences = list(split_paragraph(text, 0, len(text)))
    return recogniser.recognise(text, sentences, on)


def by_text(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    return {m.span.of(text): m for m in mentions}


def test_known_person_with_title_and_country(recogniser: Recogniser) -> None:
    text = "Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đã tiếp đoàn."
    found = by_text(text, recognise(recogniser, text))
    wang = found["Vương Nghị"]
    assert (wang.type, wang.country, wang.canonical, wang.role) == (
        "PER",
        "CHN",
        "Wang Yi",
        "foreign_minister",
    )
    assert wang.actor == "CHNGOV"
    assert found["Trung Quốc"].role == "modifier"


def test_role_without_name_resolves_by_date(recogniser: Recogniser) -> None:
    text = "Ngoại trưởng Trung Quốc bày tỏ hy vọng hai nước hợp tác."
    in_2024 = by_text(text, recognise(recogniser, text, date(2024, 3, 21)))["Ngoại trưởng Trung Quốc"]
    in_2023 = by_text(text, recognise(recogniser, text, date(2023, 5, 1)))["Ngoại trưởng Trung Quốc"]
    assert (in_2024.canonical, in_2024.resolved_by) == ("Wang Yi", "role+date")
    assert in_2023.canonical == "Qin Gang"


def test_unknown_name_takes_country_of_title_chain(recogniser: Recogniser) -> None:
    text = "Phát ngôn viên Bộ Ngoại giao Hàn Quốc Lim Soo-suk cho biết như vậy."
    lim = by_text(text, recognise(recogniser, text))["Lim Soo-suk"]
    assert (lim.type, lim.country, lim.resolved_by) == ("PER", "KOR", "title")


def test_unknown_korean_name_without_country_uses_shape_and_document(recogniser: Recogniser) -> None:
    text = "Kim Jong-un tới Nga. Thứ trưởng Ngoại giao Pak Chol-jun ra sân bay."
    pak = by_text(text, recognise(recogniser, text))["Pak Chol-jun"]
    assert pak.country == "PRK"


def test_surname_coreference(recogniser: Recogniser) -> None:
    text = "Ngoại trưởng Nga Sergey Lavrov tới Bắc Kinh. Ông Lavrov hội đàm với người đồng cấp."
    mentions = recognise(recogniser, text)
    lavrovs = [m for m in mentions if m.canonical == "Sergei Lavrov"]
    assert [m.resolved_by for m in lavrovs] == ["gazetteer", "coreference"]
    assert lavrovs[1].span.of(text) == "Lavrov"


def test_metonym_peninsula_and_organisations(recogniser: Recogniser) -> None:
    text = (
        "Bình Nhưỡng hoan nghênh lập trường của Bắc Kinh về bán đảo Triều Tiên. "
        "Hội đồng Bảo an Liên hợp quốc họp, KCNA đưa tin."
    )
    found = by_text(text, recognise(recogniser, text))
    assert found["Bình Nhưỡng"].actor == "PRKGOV"
    assert (found["bán đảo Triều Tiên"].type, found["bán đảo Triều Tiên"].actor) == ("LOC", None)
    assert "Triều Tiên" not in found
    assert found["Hội đồng Bảo an Liên hợp quốc"].canonical == "UN Security Council"
    assert (found["KCNA"].role, found["KCNA"].actor) == ("news_agency", None)


def test_organ_with_country(recogniser: Recogniser) -> None:
    text = "Bộ Ngoại giao Trung Quốc cho biết cùng ngày."
    ministry = by_text(text, recognise(recogniser, text))["Bộ Ngoại giao Trung Quốc"]
    assert (ministry.type, ministry.country, ministry.actor) == ("ORG", "CHN", "CHNGOV")


def test_compounds_and_inter_korean(recogniser: Recogniser) -> None:
    text = "Quan hệ Trung-Triều và hợp tác Nga - Triều tiến triển, trong khi quan hệ liên Triều căng thẳng."
    found = by_text(text, recognise(recogniser, text))
    assert found["Trung-Triều"].canonical == "CHN-PRK"
    assert found["Nga - Triều"].canonical == "RUS-PRK"
    assert found["liên Triều"].canonical == "KOR-PRK"


def test_lowercase_common_words_are_not_countries(recogniser: Recogniser) -> None:
    text = "Anh ấy nói anh trai sẽ đến, rồi Anh và Nga ký kết."
    countries = [m.span.of(text) for m in recognise(recogniser, text) if m.type == "GPE"]
    assert countries.count("Anh") == 2  # capitalised: both read as the UK; "anh trai" is not
    assert "anh" not in countries


def test_contextual_north_follows_document(recogniser: Recogniser) -> None:
    korea = "Triều Tiên và Nga hợp tác. Đại sứ quán Nga tại miền Bắc lên tiếng."
    vietnam = "Việt Nam mưa lớn. Thời tiết miền Bắc chuyển lạnh."
    assert by_text(korea, recognise(recogniser, korea))["miền Bắc"].country == "PRK"
    north_vn = by_text(vietnam, recognise(recogniser, vietnam))["miền Bắc"]
    assert (north_vn.country, north_vn.actor) == ("VNM", None)


def test_spans_are_inside_sentences(recogniser: Recogniser) -> None:
    text = "Menu Trung Quốc\nChủ tịch Tập Cận Bình tới Bình Nhưỡng."
    sentences = [Span(16, len(text))]
    mentions = recogniser.recognise(text, sentences, date(2019, 6, 20))
    assert all(sentences[0].contains(m.span) for m in mentions)
    assert {m.canonical for m in mentions} == {"Xi Jinping", "Pyongyang"}


def test_generic_head_is_not_part_of_the_name(recogniser: Recogniser) -> None:
    text = "Theo hãng tin KCNA, hai bên đã hội đàm."
    names = [m.span.of(text) for m in recognise(recogniser, text)]
    assert "KCNA" in names


def test_cues_introduce_unknown_places_and_organisations(recogniser: Recogniser) -> None:
    text = "Hai bên gặp nhau tại Anchorage, sau khi tập đoàn Rosneft và Đại học Keio lên tiếng."
    found = by_text(text, recognise(recogniser, text))
    assert found["Anchorage"].type == "LOC"
    assert found["Rosneft"].type == "ORG"
    assert found["Đại học Keio"].type == "ORG"


def test_cue_does_not_swallow_organs_or_sentence_words(recogniser: Recogniser) -> None:
    text = "Tại cuộc gặp, hai bên nhất trí tại Bộ Ngoại giao."
    assert all(m.type != "LOC" for m in recognise(recogniser, text))


def test_name_runs_cross_homograph_country_names(recogniser: Recogniser) -> None:
    text = "Ông Lại Thanh Đức nhậm chức lãnh đạo."
    found = by_text(text, recognise(recogniser, text))
    assert found["Lại Thanh Đức"].type == "PER"
    assert "Đức" not in found


def test_country_inside_a_long_title_is_found(recogniser: Recogniser) -> None:
    text = "Chủ tịch nước Cộng hòa Nhân dân Trung Hoa Tập Cận Bình sẽ thăm Việt Nam."
    found = by_text(text, recognise(recogniser, text, date(2025, 4, 10)))
    assert found["Cộng hòa Nhân dân Trung Hoa"].country == "CHN"
    assert found["Tập Cận Bình"].canonical == "Xi Jinping"


def test_seat_of_power_is_an_institution(recogniser: Recogniser) -> None:
    text = "Nhà Trắng ra thông báo."
    white_house = by_text(text, recognise(recogniser, text))["Nhà Trắng"]
    assert (white_house.type, white_house.actor) == ("ORG", "USAGOV")


def test_acronym_in_brackets_after_a_name_is_an_organisation(recogniser: Recogniser) -> None:
    text = "Công ty Điện lực Tokyo (TEPCO) bắt đầu xả nước."
    assert by_text(text, recognise(recogniser, text))["TEPCO"].type == "ORG"


def test_cued_body_takes_the_country_that_follows(recogniser: Recogniser) -> None:
    text = "Đại học Quốc gia Trung Quốc công bố báo cáo."
    body = by_text(text, recognise(recogniser, text))["Đại học Quốc gia Trung Quốc"]
    assert (body.type, body.country) == ("ORG", "CHN")


def test_leader_of_this_country_points_back(recogniser: Recogniser) -> None:
    text = "KCNA đưa tin, nhà lãnh đạo nước này đã thị sát nhà máy."
    found = by_text(text, recognise(recogniser, text, date(2024, 3, 21)))
    leader = found["nhà lãnh đạo nước này"]
    assert (leader.canonical, leader.country, leader.resolved_by) == ("Kim Jong-un", "PRK", "role+date")
