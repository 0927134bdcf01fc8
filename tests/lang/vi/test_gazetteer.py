from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from thoisu.errors import ResourceError
from thoisu.lang.resource import parse_toml
from thoisu.lang.vi.gazetteer import (
    AGENCIES_FILE,
    COUNTRIES_FILE,
    DATA_PACKAGE,
    ORGANIZATIONS_FILE,
    PLACES_FILE,
    ContextualTerm,
    Gazetteer,
    GazetteerEntry,
    Reading,
    is_acronym,
    load_gazetteer,
    load_gazetteer_from,
    needs_capital,
    parse_countries,
    parse_places,
    surface_key,
)

# The 193 member states of the United Nations (ISO 3166-1 alpha-3), kept here independently of
# the data file so a dropped entry fails the test.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC
NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

FILES = (COUNTRIES_FILE, PLACES_FILE, ORGANIZATIONS_FILE, AGENCIES_FILE)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the shipped resource files."""
    for name in FILES:
        with resources.as_file(resources.files(DATA_PACKAGE).joinpath(name)) as source:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _kinds(entries: tuple[GazetteerEntry, ...]) -> set[str]:
    return {entry.kind for entry in entries}


# -- the shipped data -----------------------------------------------------------------------------


def test_un_member_list_is_the_193_states() -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_is_present_as_a_member(gazetteer: Gazetteer) -> None:
    members = {country.iso3 for country in gazetteer.countries if country.un_member}
    assert set(UN_MEMBERS) - members == set()
    assert members - set(UN_MEMBERS) == set()


def test_observers_territories_and_partially_recognised_states(gazetteer: Gazetteer) -> None:
    status = {country.iso3: country.status for country in gazetteer.countries}
    assert status["PSE"] == status["VAT"] == "observer"
    assert status["TWN"] == status["XKX"] == "partial"
    assert {status["HKG"], status["MAC"], status["ESH"]} == {"territory"}


def test_cameo_codes_differ_from_iso3_where_cameo_does(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("TLS").cameo == "TMP"
    assert gazetteer.country("XKX").cameo == "KSV"
    assert gazetteer.country("KSV").iso3 == "XKX"
    assert gazetteer.country("GRL").cameo == "DNKGRL"
    assert gazetteer.country("PRK").cameo == "PRK"


def test_versions_are_recorded_for_every_file(gazetteer: Gazetteer) -> None:
    assert set(gazetteer.versions) == set(FILES)
    for version in gazetteer.versions.values():
        assert re.fullmatch(r"\d{4}\.\d{2}\.\d+", version)
    assert all(name in gazetteer.version for name in FILES)


def test_at_least_150_places(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.places) + len(gazetteer.nonactors) >= 150


def test_entries_are_consistent(gazetteer: Gazetteer) -> None:
    for surface, entry in gazetteer.entries():
        assert surface.strip(), entry
        if entry.cased:
            assert surface[0].isupper(), surface
        if entry.exact is not None:
            assert entry.exact == surface and is_acronym(surface)
        if entry.kind in ("country", "capital", "metonym"):
            assert entry.type == "GPE" and entry.country and entry.actor, surface
            assert entry.actor.startswith(gazetteer.country(entry.country).cameo), surface
        if entry.kind in ("nonactor", "place", "agency", "organ"):
            assert entry.actor is None, surface
        if entry.kind == "organ":
            assert entry.agent, surface


# -- the traps the recogniser relies on -------------------------------------------------------------


def test_pyongyang_is_a_metonym_for_the_north_korean_government(gazetteer: Gazetteer) -> None:
    entries = gazetteer.lookup("Bình Nhưỡng")
    assert any(e.kind == "metonym" and e.country == "PRK" and e.actor == "PRKGOV" for e in entries)
    assert {e.actor for e in entries} == {"PRKGOV"}


def test_korean_peninsula_is_a_place_without_an_actor(gazetteer: Gazetteer) -> None:
    for surface in ("bán đảo Triều Tiên", "Bán đảo Triều Tiên", "bán đảo Hàn Quốc"):
        entries = gazetteer.lookup(surface)
        assert entries, surface
        assert all(e.kind == "nonactor" and e.type == "LOC" and e.actor is None for e in entries)
        assert all(not e.cased for e in entries)


def test_seats_of_power_stand_for_governments(gazetteer: Gazetteer) -> None:
    expected = {
        "Nhà Trắng": "USAGOV",
        "Điện Kremlin": "RUSGOV",
        "Trung Nam Hải": "CHNGOV",
        "Nhà Xanh": "KORGOV",
        "Phố Downing": "GBRGOV",
        "Điện Élysée": "FRAGOV",
        "Lầu Năm Góc": "USAGOVMIL",
    }
    for surface, actor in expected.items():
        assert {e.actor for e in gazetteer.lookup(surface) if e.kind == "metonym"} == {actor}, surface


def test_korean_names_resolve_to_the_right_state(gazetteer: Gazetteer) -> None:
    north = ["Triều Tiên", "Bắc Triều Tiên", "CHDCND Triều Tiên", "Bắc Hàn", "DPRK"]
    south = ["Hàn Quốc", "Nam Hàn", "Đại Hàn Dân Quốc", "Nam Triều Tiên"]
    for surface in north:
        assert {e.country for e in gazetteer.lookup(surface)} == {"PRK"}, surface
    for surface in south:
        assert {e.country for e in gazetteer.lookup(surface)} == {"KOR"}, surface


def test_dyad_compound_pieces_are_short_forms(gazetteer: Gazetteer) -> None:
    shorts = {surface_key(short): iso3 for short, iso3 in gazetteer.shorts()}
    assert shorts[surface_key("Trung")] == "CHN"
    assert shorts[surface_key("Triều")] == "PRK"
    assert shorts[surface_key("Hàn")] == "KOR"
    assert shorts[surface_key("Nga")] == "RUS"
    assert shorts[surface_key("Mỹ")] == "USA"
    assert shorts[surface_key("Việt")] == "VNM"
    assert all(" " not in short for short, _ in gazetteer.shorts())


def test_tone_placement_does_not_matter(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Cộng hoà Séc") == gazetteer.lookup("Cộng hòa Séc") != ()
    assert gazetteer.lookup("Thuỵ Sĩ") == gazetteer.lookup("Thụy Sĩ") != ()


def test_acronyms_must_match_letter_for_letter(gazetteer: Gazetteer) -> None:
    # "Un" in "Kim Jong Un" shares the key of "UN"; the entry says the text must read "UN".
    assert [e.exact for e in gazetteer.lookup("Un")] == ["UN"]
    assert all(e.exact is None for e in gazetteer.lookup("Liên hợp quốc"))


def test_homographs_are_flagged(gazetteer: Gazetteer) -> None:
    assert all(e.homograph for e in gazetteer.lookup("Anh"))
    assert all(e.homograph for e in gazetteer.lookup("Tuổi Trẻ"))
    assert not any(e.homograph for e in gazetteer.lookup("Trung Quốc"))


def test_security_council_and_national_organs(gazetteer: Gazetteer) -> None:
    council = gazetteer.lookup("Hội đồng Bảo an Liên hợp quốc")
    assert [(e.actor, e.canonical) for e in council] == [("IGOUNO", "UN Security Council")]
    assert gazetteer.national_organ("Bộ Ngoại giao", "CHN") == ("Chinese Foreign Ministry", "CHNGOV")
    assert gazetteer.national_organ("Bộ Ngoại giao", "USA") == ("US State Department", "USAGOV")
    assert gazetteer.national_organ("Bộ Quốc phòng", "RUS") == ("Russian Defence Ministry", "RUSGOVMIL")
    assert gazetteer.national_organ("Bộ Ngoại giao", "XXX") is None


def test_agencies_fold_their_aliases(gazetteer: Gazetteer) -> None:
    kcna = gazetteer.agency("Hãng thông tấn trung ương Triều Tiên")
    assert kcna is not None and kcna.canonical == "KCNA" and kcna.country == "PRK"
    assert gazetteer.agency("VNA") is gazetteer.agency("TTXVN") is gazetteer.agency("Thông tấn xã Việt Nam")
    xinhua = {gazetteer.agency(name) for name in ("Tân Hoa xã", "THX", "Xinhua")}
    assert len(xinhua) == 1 and None not in xinhua
    assert all(e.kind == "agency" and e.actor is None for e in gazetteer.lookup("Reuters"))


def test_outlets_from_hosts(gazetteer: Gazetteer) -> None:
    kbs = gazetteer.agency_for_host("world.kbs.co.kr:443")
    assert kbs is not None and kbs.canonical == "KBS"
    plus = gazetteer.agency_for_host("WWW.VietnamPlus.vn.")
    assert plus is not None and plus.canonical == "Vietnam+"
    assert gazetteer.agency_for_host("notkbs.co.kr") is None
    assert gazetteer.agency_for_host("co.kr") is None


def test_contextual_north_reads_the_document(gazetteer: Gazetteer) -> None:
    (term,) = [t for t in gazetteer.contextual if "miền Bắc" in t.names]
    korean = "Ngoại trưởng Bắc Triều Tiên thăm Nga. Chuyến thăm miền Bắc của Bộ trưởng Nga, Bình Nhưỡng."
    weather = "Không khí lạnh tràn về miền Bắc, các tỉnh miền Trung và Tây Nguyên có mưa."
    assert term.resolve(korean).country == "PRK" and term.resolve(korean).actor == "PRK"
    assert term.resolve(weather).country == "VNM" and term.resolve(weather).actor is None
    assert term.resolve("").canonical == term.readings[0].canonical
    entries = gazetteer.lookup("miền Bắc")
    assert _kinds(entries) == {"contextual"}
    assert ("PRK", "PRK") in entries[0].alternatives


def test_contextual_resolution_counts_whole_words() -> None:
    term = ContextualTerm(
        ("X",),
        (Reading("default", "LOC"), Reading("other", "GPE", "KOR", "KOR", ("Hàn",))),
    )
    assert term.cue_counts("Hàng hóa") == (0, 0)
    assert term.cue_counts("quan hệ Việt - Hàn, Hàn") == (0, 2)
    assert term.resolve("Hàn").canonical == "other"


def test_blockers_start_with_a_name_they_block(gazetteer: Gazetteer) -> None:
    assert "Đức Giáo hoàng" in gazetteer.blockers
    assert gazetteer.lookup("Đức")  # the word a blocker protects is a country name


def test_case_rules() -> None:
    assert needs_capital("Mỹ")
    assert needs_capital("Nhà Trắng")
    assert not needs_capital("bán đảo Triều Tiên")
    assert not needs_capital("Quần đảo Solomon")
    assert needs_capital("Khu phi quân sự")
    assert is_acronym("UN") and is_acronym("G7") and is_acronym("TP.HCM")
    assert not is_acronym("Vietnam+") and not is_acronym("LB Nga") and not is_acronym("A")


# -- validation -------------------------------------------------------------------------------------


def test_shipped_files_load_from_a_directory(data_dir: Path) -> None:
    loaded = load_gazetteer_from(data_dir)
    assert len(loaded.countries) == len(load_gazetteer().countries)


def test_bad_iso3_names_the_file_and_entry(data_dir: Path) -> None:
    _edit(data_dir / COUNTRIES_FILE, 'iso3 = "PRK"', 'iso3 = "PR1"')
    with pytest.raises(ResourceError, match=r"countries\.toml: country #\d+ \(PR1\).*iso3"):
        load_gazetteer_from(data_dir)


def test_duplicate_iso3_is_rejected(data_dir: Path) -> None:
    _edit(data_dir / COUNTRIES_FILE, 'iso3 = "KOR"', 'iso3 = "PRK"')
    with pytest.raises(ResourceError, match=r"PRK is already used"):
        load_gazetteer_from(data_dir)


def test_alias_with_two_actors_is_rejected_unless_declared(data_dir: Path) -> None:
    places = data_dir / PLACES_FILE
    _append(places, '\n[[nonactor]]\nname_en = "Trap"\nnames = ["Triều Tiên"]\ntype = "region"\n')
    with pytest.raises(ResourceError, match=r"alias 'Triều Tiên' means both"):
        load_gazetteer_from(data_dir)
    _edit(places, "blockers = [", 'ambiguous = ["Triều Tiên"]\nblockers = [')
    assert load_gazetteer_from(data_dir).lookup("Triều Tiên")


def test_unknown_place_type_names_the_entry(data_dir: Path) -> None:
    _edit(
        data_dir / PLACES_FILE,
        'name_en = "Da Nang"\nnames = ["Đà Nẵng", "Da Nang"]\ncountry = "VNM"\ntype = "city"',
        'name_en = "Da Nang"\nnames = ["Đà Nẵng", "Da Nang"]\ncountry = "VNM"\ntype = "town"',
    )
    with pytest.raises(ResourceError, match=r"places\.toml: place #\d+ \(Da Nang\): 'type' is 'town'"):
        load_gazetteer_from(data_dir)


def test_unknown_country_reference_is_rejected(data_dir: Path) -> None:
    _edit(data_dir / ORGANIZATIONS_FILE, 'country = "PSE"', 'country = "ZZZ"')
    with pytest.raises(
        ResourceError, match=r"organizations\.toml: organization 'Hamas'.*unknown country ZZZ"
    ):
        load_gazetteer_from(data_dir)


def test_agency_domain_used_twice_is_rejected(data_dir: Path) -> None:
    _edit(data_dir / AGENCIES_FILE, 'domains = ["kcna.kp", ', 'domains = ["vietnamplus.vn", ')
    with pytest.raises(ResourceError, match=r"agency #\d+ \(KCNA\): domain vietnamplus\.vn already belongs"):
        load_gazetteer_from(data_dir)


def test_missing_file_is_a_resource_error(data_dir: Path) -> None:
    (data_dir / AGENCIES_FILE).unlink()
    with pytest.raises(ResourceError, match=r"agencies\.toml"):
        load_gazetteer_from(data_dir)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('iso3 = "ABC"\nname_en = "A"\nadjective_en = "A"\nnames = []', r"'names' must be"),
        ('iso3 = "ABC"\nname_en = "A"\nadjective_en = "A"\nnames = ["A"]\nstatus = "colony"', r"'status'"),
        ('iso3 = "ABC"\nname_en = "A"\nadjective_en = "A"\nnames = ["A"]\nshort = ["A B"]', r"one word"),
        ('iso3 = "ABC"\nname_en = "A"\nadjective_en = "A"\nnames = ["A"]\nhomographs = ["B"]', r"homograph"),
        ('iso3 = "ABC"\nname_en = "A"\nadjective_en = "A"\nnames = ["A"]\nflag = "x"', r"unknown field"),
        (
            'iso3 = "ABC"\nname_en = "A"\nadjective_en = "A"\nnames = ["A"]\n'
            'metonyms = [{ names = ["B"], actor = "XYZGOV", canonical = "B" }]',
            r"metonym #1: actor XYZGOV does not belong to country ABC",
        ),
    ],
)
def test_country_schema_errors_name_the_entry(entry: str, message: str) -> None:
    text = f'version = "2026.11.1"\ndescription = "test"\n\n[[country]]\n{entry}\n'
    with pytest.raises(ResourceError) as raised:
        parse_countries(parse_toml(text, "broken.toml"), "broken.toml")
    assert "broken.toml: country #1 (ABC)" in str(raised.value)
    assert re.search(message, str(raised.value))


def test_contextual_term_needs_two_readings() -> None:
    text = (
        'version = "2026.11.1"\n[[contextual]]\nnames = ["miền Bắc"]\n'
        '[[contextual.reading]]\ncanonical = "North"\ntype = "LOC"\n'
    )
    with pytest.raises(ResourceError, match=r"broken\.toml: contextual #1 \(miền Bắc\): .*two readings"):
        parse_places(parse_toml(text, "broken.toml"), "broken.toml")


def test_a_reading_with_an_actor_needs_a_country() -> None:
    text = (
        'version = "2026.11.1"\n[[contextual]]\nnames = ["X"]\n'
        '[[contextual.reading]]\ncanonical = "A"\ntype = "LOC"\n'
        '[[contextual.reading]]\ncanonical = "B"\ntype = "GPE"\nactor = "KOR"\n'
    )
    with pytest.raises(ResourceError, match=r"reading #2: a reading with an actor needs a country"):
        parse_places(parse_toml(text, "broken.toml"), "broken.toml")


# -- against the shared gold -------------------------------------------------------------------------


def test_gold_place_and_organisation_mentions_are_known(shared_dir: Path, gazetteer: Gazetteer) -> None:
    """Every GPE/LOC/ORG the gold annotates is a gazetteer name, or an organ type plus a country."""
    gold = json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))
    checked = 0
    for record in gold:
        for mention in record.get("entities", []):
            if mention["type"] == "PER":
                continue
            checked += 1
            text, country = mention["text"], mention.get("country")
            entries = gazetteer.lookup(text)
            if entries:
                if country:
                    assert country in {e.country for e in entries}, text
                if mention.get("canonical"):
                    assert mention["canonical"] in {e.canonical for e in entries}, text
                continue
            words = text.split()
            split = [
                (" ".join(words[:i]), " ".join(words[i:]))
                for i in range(1, len(words))
                if gazetteer.organ(" ".join(words[:i]))
            ]
            assert split, f"{text!r} is neither a known name nor an organ followed by a country"
            _organ, rest = split[-1]
            states = {e.country for e in gazetteer.lookup(rest) if e.kind == "country"}
            assert states and (country is None or country in states), text
    assert checked
