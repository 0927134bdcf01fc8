"""GDELT 2.0 layout: the Event table's 61 columns and the Mentions table's 16, from fused events.

GDELT tooling (loaders, BigQuery schemas, R and Python packages) reads
tab-separated files without a header, in a fixed column order. thoisu writes
its fused events in that layout so those tools work unchanged; the mapping of
every column is in ``docs/gdelt.md``. Fields thoisu does not produce (tone,
coordinates, ethnic and religious codes) are left empty, as GDELT itself
leaves fields it cannot fill; numeric fields that GDELT always fills get the
value GDELT uses for "unknown" (``0`` for a geography type, ``-1`` for an
offset).

Country codes: actors keep their CAMEO codes (``USA``, ``CHNGOV``) as GDELT's
actor fields do; places use FIPS 10-4 codes (``VM`` for Vietnam) as GDELT's
geography fields do, from ``data/gdelt_fips.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml

EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"{actor}{field}"
        for actor in ("Actor1", "Actor2")
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{geo}_{field}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for field in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)

#: GDELT's MentionType for a document on the open web.
WEB = "1"
#: Geography type of a place known to the country only.
COUNTRY = "1"
#: The articles are coded in Vietnamese, not translated: GDELT's translation field names the language.
TRANSLATION_INFO = "srclc:vie"


@dataclass(frozen=True, slots=True)
class Places:
    """FIPS codes and English names of countries, keyed by ISO3 or CAMEO code."""

    fips: Mapping[str, str]
    names: Mapping[str, str]

    def fips_of(self, code: str | None) -> str:
        """FIPS 10-4 code of a country ('' when unknown)."""
        return self.fips.get(code or "", "")

    def name_of(self, code: str | None) -> str:
        """English name of a country (the code itself when unknown)."""
        if not code:
            return ""
        return self.names.get(code, code)


@lru_cache(maxsize=1)
def load_places() -> Places:
    """The FIPS table and the gazetteer's English country names.

    Raises:
        ResourceError: When the FIPS table is malformed.
    """
    data = load_toml("thoisu.store.data", "gdelt_fips.toml")
    table = data.get("fips")
    if not isinstance(table, dict) or not all(
        isinstance(value, str) and len(value) == 2 for value in table.values()
    ):
        raise ResourceError("gdelt_fips.toml: [fips] must map country codes to two-letter FIPS codes")
    from thoisu.lang.vi.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    names: dict[str, str] = {}
    for country in gazetteer.countries:
        names.setdefault(country.iso3, country.name_en)
        names.setdefault(country.cameo, country.name_en)
    for organization in gazetteer.organizations:
        if organization.actor:
            names.setdefault(organization.actor, organization.canonical)
    return Places(dict(table), names)


@dataclass(frozen=True, slots=True)
class GdeltEvent:
    """What the Event table needs of a fused event."""

    gid: int
    code: str
    source: str
    target: str | None
    source_actor_code: str | None
    target_actor_code: str | None
    source_person: str | None
    target_person: str | None
    date_first: date | None
    first_reported: date | None
    place: str | None
    goldstein: float | None
    quad_class: int | None
    mentions: int
    sources: int
    articles: int
    is_root: bool
    first_stored: datetime
    source_url: str


@dataclass(frozen=True, slots=True)
class GdeltMention:
    """What the Mentions table needs of one article's report of an event."""

    gid: int
    event_added: datetime
    mention_stored: datetime
    source_name: str
    identifier: str
    sentence_no: int | None
    source_offset: int | None
    target_offset: int | None
    action_offset: int | None
    confidence: float
    doc_length: int
    has_target: bool = True


def timestamp(value: datetime) -> str:
    """GDELT's ``YYYYMMDDHHMMSS``."""
    return value.strftime("%Y%m%d%H%M%S")


def _fraction(day: date) -> str:
    year_days = (date(day.year, 12, 31) - date(day.year, 1, 1)).days + 1
    return f"{day.year + day.timetuple().tm_yday / year_days:.4f}"


def actor_fields(code: str | None, country: str | None, person: str | None, places: Places) -> list[str]:
    """The ten actor columns: code, name, country, known group, ethnic, two religions, three types."""
    if country is None:
        return [""] * 10
    actor = code or country
    known_group = ""
    types: list[str] = []
    country_code = ""
    if country.startswith("IGO"):
        known_group = country[3:]
        types = ["IGO"]
        name = places.name_of(country)
    else:
        country_code = country
        name = places.name_of(country)
        if actor.startswith(country):
            rest = actor[len(country) :]
            types = [rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3]
    if person:
        name = person
    types = [*types, "", "", ""][:3]
    return [actor, name.upper(), country_code, known_group, "", "", "", *types]


def geo_fields(place: str | None, places: Places) -> list[str]:
    """The eight geography columns for a country-level place (type 0 and blanks when unknown)."""
    if not place:
        return ["0", "", "", "", "", "", "", ""]
    fips = places.fips_of(place)
    return [COUNTRY, places.name_of(place), fips, fips, "", "", "", fips]


def event_fields(event: GdeltEvent, places: Places) -> list[str]:
    """The 61 columns of one Event row."""
    day = event.date_first or event.first_reported
    dates = (
        [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), _fraction(day)]
        if day
        else ["", "", "", ""]
    )
    fields = [
        str(event.gid),
        *dates,
        *actor_fields(event.source_actor_code, event.source, event.source_person, places),
        *actor_fields(event.target_actor_code, event.target, event.target_person, places),
        "1" if event.is_root else "0",
        event.code,
        event.code[:3],
        event.code[:2],
        "" if event.quad_class is None else str(event.quad_class),
        "" if event.goldstein is None else f"{event.goldstein:.1f}",
        str(event.mentions),
        str(event.sources),
        str(event.articles),
        "",
        *geo_fields(None, places),
        *geo_fields(None, places),
        *geo_fields(event.place, places),
        timestamp(event.first_stored),
        event.source_url,
    ]
    return [clean(field) for field in fields]


def mention_fields(mention: GdeltMention) -> list[str]:
    """The 16 columns of one Mentions row."""
    found = mention.source_offset is not None and (
        mention.target_offset is not None or not mention.has_target
    )
    fields = [
        str(mention.gid),
        timestamp(mention.event_added),
        timestamp(mention.mention_stored),
        WEB,
        mention.source_name,
        mention.identifier,
        "" if mention.sentence_no is None else str(mention.sentence_no + 1),
        _offset(mention.source_offset),
        _offset(mention.target_offset),
        _offset(mention.action_offset),
        "1" if found else "0",
        str(round(max(0.0, min(1.0, mention.confidence)) * 100)),
        str(mention.doc_length),
        "",
        TRANSLATION_INFO,
        "",
    ]
    return [clean(field) for field in fields]


def _offset(value: int | None) -> str:
    return "-1" if value is None else str(value)


def clean(value: str) -> str:
    """A field safe for a tab-separated line: tabs and line breaks become spaces."""
    if "\t" in value or "\n" in value or "\r" in value:
        return " ".join(value.replace("\t", " ").split())
    return value
