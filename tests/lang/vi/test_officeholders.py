from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from thoisu.errors import ResourceError
from thoisu.lang.vi.officeholders import (
    Office,
    OfficeHolders,
    Person,
    alias_key,
    load_office_holders,
)

G20 = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
       "SAU", "ZAF", "TUR", "GBR", "USA")  # fmt: skip
ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS")
KOREAS = ("KOR", "PRK")


@pytest.fixture(scope="module")
def kb() -> OfficeHolders:
    return load_office_holders()


def canonicals(persons: Iterable[Person]) -> list[str]:
    return [p.canonical for p in persons]


def holders_text(body: str) -> str:
    return f'version = "2026.11.1"\ndescription = "test"\nchecked_through = 2025-10-31\n{body}'


# ---------------------------------------------------------------------------------------------
# Schema of the shipped files


def test_versions_and_counts(kb: OfficeHolders) -> None:
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d+", kb.version)
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d+", kb.roles_version)
    assert len(kb.persons) >= 300
    assert len(kb.roles) >= 30


def test_loader_is_cached(kb: OfficeHolders) -> None:
    assert load_office_holders() is kb


def test_roles_are_well_formed(kb: OfficeHolders) -> None:
    ranks = [role.rank for role in kb.roles.values()]
    assert ranks == sorted(ranks) == list(range(len(ranks)))
    for role in kb.roles.values():
        assert re.fullmatch(r"(?:[A-Z]{3}){1,3}", role.agent), role.key
        assert role.titles, f"{role.key} has no title phrase"
        assert role.description, role.key
        for title in role.titles:
            assert title.phrase.strip() == title.phrase and title.phrase
    assert kb.roles["defence_minister"].agent == "GOVMIL"
    assert kb.roles["legislature_head"].agent == "LEG"
    assert kb.roles["deputy_head_of_government"].multi_holder
    assert not kb.roles["foreign_minister"].multi_holder


def test_offices_are_consistent(kb: OfficeHolders) -> None:
    ids = [p.id for p in kb.persons]
    assert len(ids) == len(set(ids))
    for person in kb.persons:
        assert re.fullmatch(r"[A-Z]{3}", person.country), person.id
        assert person.canonical in person.names
        for office in person.offices:
            assert office.role in kb.roles
            assert re.fullmatch(r"[A-Z]{3}|IGO[A-Z]{3,9}", office.country)
            assert office.end is None or office.start < office.end
            # Nothing is recorded beyond the day the facts were last checked.
            assert office.start <= kb.checked_through, (person.id, office)


def test_reference_words(kb: OfficeHolders) -> None:
    words = kb.reference_words
    assert {"ông", "bà"} <= set(words.honorifics)
    assert "nhà lãnh đạo" in words.leaders
    assert "người đồng cấp" in words.counterparts
    assert "cựu" in words.former
    assert "Trung tướng" in words.ranks


def test_title_phrases(kb: OfficeHolders) -> None:
    pairs = {(phrase, role.key) for phrase, role in kb.title_phrases()}
    for phrase, key in [
        ("Ngoại trưởng", "foreign_minister"),
        ("Bộ trưởng Bộ Ngoại giao", "foreign_minister"),
        ("Bộ trưởng Quốc phòng", "defence_minister"),
        ("Thủ tướng Chính phủ", "head_of_government"),
        ("Tổng Bí thư", "party_leader"),
        ("Chủ tịch Ủy ban Quốc vụ", "prk_sac_chair"),
        ("Chủ tịch Chính hiệp", "chn_cppcc_chair"),
        ("Người phát ngôn Bộ Ngoại giao", "spokesperson_foreign_ministry"),
        ("Trưởng Ban Đối ngoại", "prk_wpk_international_dept_head"),
    ]:
        assert (phrase, key) in pairs
    head = kb.roles["head_of_state"]
    assert head.countries_for("Tổng thống") == ()
    chairman = head.countries_for("chủ tịch")  # case-insensitive
    assert chairman is not None and "CHN" in chairman and "USA" not in chairman
    assert head.countries_for("Ngoại trưởng") is None
    assert kb.roles["prk_sac_chair"].countries_for("Chủ tịch Ủy ban Quốc vụ") == ("PRK",)


# ---------------------------------------------------------------------------------------------
# Coverage


def test_country_coverage(kb: OfficeHolders) -> None:
    states = {c for c in kb.countries() if re.fullmatch(r"[A-Z]{3}", c)}
    assert len(states) >= 45
    assert {"IGOUNO", "IGOWSTNAT", "IGOSEAASN", "IGOEUREEC"} <= kb.countries()


@pytest.mark.parametrize("on", [date(2010, 6, 1), date(2018, 6, 1), date(2026, 11, 1)])
@pytest.mark.parametrize("country", sorted(set(G20 + ASEAN + KOREAS)))
def test_every_key_state_has_a_leader(kb: OfficeHolders, country: str, on: date) -> None:
    leaders = kb.holders(country, "head_of_state", on) + kb.holders(country, "head_of_government", on)
    assert leaders, f"no head of state or government for {country} on {on}"


@pytest.mark.parametrize("on", [date(2012, 1, 1), date(2020, 1, 1), date(2025, 6, 1)])
@pytest.mark.parametrize("igo", ["IGOUNO", "IGOWSTNAT", "IGOSEAASN"])
def test_secretaries_general(kb: OfficeHolders, igo: str, on: date) -> None:
    assert len(kb.holders(igo, "secretary_general", on)) == 1


def test_single_holder_roles_never_overlap(kb: OfficeHolders) -> None:
    # The loader refuses overlaps; this checks the indexes agree on a sample of days.
    days = [date(year, month, 1) for year in range(2010, 2026) for month in (1, 7)]
    for country in kb.countries():
        for key, role in kb.roles.items():
            if role.multi_holder:
                continue
            for day in days:
                assert len(kb.holders(country, key, day)) <= 1, (country, key, day)


# ---------------------------------------------------------------------------------------------
# The traps


def test_china_foreign_minister_by_date(kb: OfficeHolders) -> None:
    assert canonicals(kb.holders("CHN", "foreign_minister", date(2024, 3, 21))) == ["Wang Yi"]
    assert canonicals(kb.holders("CHN", "foreign_minister", date(2023, 5, 1))) == ["Qin Gang"]
    assert canonicals(kb.holders("CHN", "foreign_minister", date(2012, 5, 1))) == ["Yang Jiechi"]
    # The hand-over day belongs to the incoming holder.
    assert canonicals(kb.holders("CHN", "foreign_minister", date(2023, 7, 25))) == ["Wang Yi"]
    assert canonicals(kb.holders("CHN", "foreign_minister", date(2023, 7, 24))) == ["Qin Gang"]


def test_north_korea(kb: OfficeHolders) -> None:
    assert canonicals(kb.holders("PRK", "foreign_minister", date(2024, 1, 17))) == ["Choe Son-hui"]
    assert canonicals(kb.holders("PRK", "prk_sac_chair", date(2024, 1, 17))) == ["Kim Jong-un"]
    assert canonicals(kb.holders("PRK", "prk_spa_standing_chair", date(2024, 4, 11))) == ["Choe Ryong-hae"]
    assert canonicals(kb.holders("PRK", "head_of_state", date(2010, 6, 1))) == ["Kim Jong-il"]


def test_korean_romanisations_fold_together(kb: OfficeHolders) -> None:
    kim = kb.by_alias("Kim Jong-un")
    assert canonicals(kim) == ["Kim Jong-un"]
    for variant in ("Kim Jong Un", "Kim Jong-Un", "KIM JONG UN", "Kim  Jong-un", "kim jong un"):
        assert kb.by_alias(variant) is kim or kb.by_alias(variant) == kim
    assert kb.by_alias("Choe Son Hui") == kb.by_alias("Choe Son-hui") == kb.by_alias("Choe Son-Hui")
    assert kb.by_alias("Choe Ryong Hae") == kb.by_alias("Choe Ryong-hae")


def test_sino_vietnamese_names(kb: OfficeHolders) -> None:
    for surface, canonical in [
        ("Tập Cận Bình", "Xi Jinping"),
        ("Vương Nghị", "Wang Yi"),
        ("Triệu Lạc Tế", "Zhao Leji"),
        ("Vương Hỗ Ninh", "Wang Huning"),
        ("Lý Khắc Cường", "Li Keqiang"),
        ("Lý Cường", "Li Qiang"),
        ("Tần Cương", "Qin Gang"),
        ("Mao Ninh", "Mao Ning"),
    ]:
        assert canonicals(kb.by_alias(surface)) == [canonical], surface
    # Either tone-mark placement matches ("Hòa" / "Hoà").
    assert kb.by_alias("Ngụy Phượng Hoà") == kb.by_alias("Ngụy Phượng Hòa") != ()
    # Diacritics are significant: a different Vietnamese name is a different key.
    assert kb.by_alias("Tập Cân Bình") == ()


def test_russian_transliterations(kb: OfficeHolders) -> None:
    lavrov = kb.by_alias("Sergei Lavrov")
    assert canonicals(lavrov) == ["Sergei Lavrov"]
    assert kb.by_alias("Sergey Lavrov") == lavrov == kb.by_alias("Xéc-gây Láp-rốp")
    assert kb.by_alias("V. Putin") == kb.by_alias("Vladimir Putin") != ()
    assert canonicals(kb.by_alias("Dmitri Peskov")) == ["Dmitry Peskov"]


def test_south_korea_2025(kb: OfficeHolders) -> None:
    assert canonicals(kb.holders("KOR", "head_of_state", date(2025, 7, 1))) == ["Lee Jae-myung"]
    assert canonicals(kb.holders("KOR", "head_of_state", date(2025, 1, 10))) == ["Yoon Suk Yeol"]
    assert canonicals(kb.holders("KOR", "acting_head_of_state", date(2025, 1, 10))) == ["Choi Sang-mok"]
    # Between the removal of Yoon and the inauguration of Lee the post was vacant.
    assert kb.holders("KOR", "head_of_state", date(2025, 5, 15)) == ()


def test_changes_of_2025(kb: OfficeHolders) -> None:
    on = date(2025, 11, 1)
    assert canonicals(kb.holders("USA", "head_of_state", on)) == ["Donald Trump"]
    assert canonicals(kb.holders("USA", "foreign_minister", on)) == ["Marco Rubio"]
    assert canonicals(kb.holders("USA", "defence_minister", on)) == ["Pete Hegseth"]
    assert canonicals(kb.holders("DEU", "head_of_government", on)) == ["Friedrich Merz"]
    assert canonicals(kb.holders("JPN", "head_of_government", on)) == ["Sanae Takaichi"]
    assert canonicals(kb.holders("JPN", "head_of_government", date(2025, 1, 1))) == ["Shigeru Ishiba"]
    assert canonicals(kb.holders("CAN", "head_of_government", on)) == ["Mark Carney"]
    assert canonicals(kb.holders("THA", "head_of_government", on)) == ["Anutin Charnvirakul"]
    assert canonicals(kb.holders("IDN", "head_of_state", on)) == ["Prabowo Subianto"]


def test_monarch_reigns_over_several_countries(kb: OfficeHolders) -> None:
    for country in ("GBR", "CAN", "AUS", "NZL"):
        assert canonicals(kb.holders(country, "head_of_state", date(2020, 1, 1))) == ["Elizabeth II"]
        assert canonicals(kb.holders(country, "head_of_state", date(2024, 1, 1))) == ["Charles III"]


def test_role_of_picks_the_most_senior_office(kb: OfficeHolders) -> None:
    xi = kb.person("xi-jinping")
    office = kb.role_of(xi, date(2024, 3, 21))
    assert isinstance(office, Office)
    assert office.role == "party_leader" and office.country == "CHN"
    assert {o.role for o in kb.offices_on(xi, date(2024, 3, 21))} >= {"head_of_state", "chn_cmc_chair"}
    wang = kb.role_of("wang-yi", date(2024, 3, 21))
    assert wang is not None and wang.role == "foreign_minister"
    assert kb.role_of("qin-gang", date(2024, 3, 21)) is None


def test_name_tokens(kb: OfficeHolders) -> None:
    assert "sergei-lavrov" in {p.id for p in kb.by_name_token("Lavrov")}
    assert "kim-jong-un" in {p.id for p in kb.by_name_token("jong")}
    assert kb.by_name_token("Zzyzx") == ()


def test_unknown_role_is_a_caller_error(kb: OfficeHolders) -> None:
    with pytest.raises(KeyError, match="foreign_ministr"):
        kb.holders("CHN", "foreign_ministr", date(2024, 1, 1))


def test_alias_key() -> None:
    assert alias_key("Kim Jong-Un") == alias_key("kim jong un") == "kimjongun"
    assert alias_key("V. Putin") == alias_key("V Putin")
    assert alias_key("Hoà") == alias_key("Hòa")


# ---------------------------------------------------------------------------------------------
# Broken files


GOOD_PERSON = """
[[person]]
id = "a-one"
name = "A One"
country = "AAA"
names = ["Ây Oan"]
offices = [{ role = "foreign_minister", start = 2020-01-01, end = 2022-01-01 }]
"""


def test_minimal_text_loads() -> None:
    kb = load_office_holders(holders_text(GOOD_PERSON))
    assert canonicals(kb.by_alias("Ây Oan")) == ["A One"]
    assert canonicals(kb.holders("AAA", "foreign_minister", date(2021, 1, 1))) == ["A One"]
    assert kb.holders("AAA", "foreign_minister", date(2022, 1, 1)) == ()
    assert kb.checked_through == date(2025, 10, 31)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD_PERSON.replace('"foreign_minister"', '"foreign_ministerr"'), r"'a-one'.*unknown role"),
        (GOOD_PERSON.replace("end = 2022-01-01", "end = 2019-01-01"), r"'a-one'.*not after start"),
        (GOOD_PERSON.replace('country = "AAA"', 'country = "aa"'), r"'a-one'.*ISO3"),
        (GOOD_PERSON.replace('id = "a-one"', 'id = "A One"'), r"person #1.*slug"),
        (GOOD_PERSON.replace("start = 2020-01-01", 'start = "2020-13-01"'), r"'a-one'.*'start'"),
        (GOOD_PERSON.replace("names =", "aliases ="), r"'a-one'.*unknown key"),
        (GOOD_PERSON + GOOD_PERSON, r"'a-one'.*duplicate id"),
        (
            GOOD_PERSON
            + GOOD_PERSON.replace("a-one", "b-two")
            .replace("2020-01-01", "2021-06-01")
            .replace("2022-01-01", "2023-01-01"),
            r"'b-two'.*foreign_minister of AAA.*overlaps person 'a-one'",
        ),
    ],
)
def test_broken_text_names_the_entry(body: str, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        load_office_holders(holders_text(body))


def test_multi_holder_roles_may_overlap() -> None:
    body = GOOD_PERSON.replace("foreign_minister", "deputy_head_of_government")
    body += body.replace("a-one", "b-two").replace("Ây Oan", "Bi Tu")
    kb = load_office_holders(holders_text(body))
    assert len(kb.holders("AAA", "deputy_head_of_government", date(2021, 1, 1))) == 2


def test_broken_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "office_holders.toml"
    path.write_text(holders_text(GOOD_PERSON.replace("2022-01-01", "2019-12-31")), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"office_holders\.toml: person 'a-one'"):
        load_office_holders(path)
    path.write_text("version = [", encoding="utf-8")
    with pytest.raises(ResourceError, match="not valid TOML"):
        load_office_holders(path)
    with pytest.raises(ResourceError, match="cannot read"):
        load_office_holders(tmp_path / "missing.toml")


def test_broken_roles_text() -> None:
    roles = """
version = "2026.11.1"
description = "test"
[person_reference]
honorifics = ["ông"]
leaders = ["nhà lãnh đạo"]
counterparts = ["người đồng cấp"]
former = ["cựu"]
acting = ["quyền"]
incoming = ["tân"]
ranks = ["Đại tướng"]
[[role]]
key = "foreign_minister"
agent = "gov"
titles = ["Ngoại trưởng"]
"""
    with pytest.raises(ResourceError, match=r"role 'foreign_minister'.*agent"):
        load_office_holders(holders_text(GOOD_PERSON), roles)
    kb = load_office_holders(holders_text(GOOD_PERSON), roles.replace('"gov"', '"GOV"'))
    assert list(kb.roles) == ["foreign_minister"]
    with pytest.raises(ResourceError, match=r"role 'foreign_minister'.*country 'xx'"):
        load_office_holders(
            holders_text(GOOD_PERSON),
            roles.replace('"gov"', '"GOV"')
            + '[[role.country_titles]]\ncountries = ["xx"]\ntitles = ["Ngoại"]\n',
        )
