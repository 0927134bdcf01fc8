"""Vietnamese gazetteer: states, places, organisations and news outlets.

Four resource files in ``thoisu.lang.vi.data`` feed this module:

* ``countries.toml``: every UN member state plus observers, territories and
  historical states, with the names the Vietnamese press writes ("Triều
  Tiên", "Bắc Hàn", "CHDCND Triều Tiên"), the one-word forms used inside dyad
  compounds ("Trung-Triều"), capitals, and seats of power that stand for a
  government ("Nhà Trắng" -> USAGOV).
* ``places.toml``: cities and regions that locate events but are never
  actors, places that look like a state but are not one ("bán đảo Triều
  Tiên"), names whose reading depends on the document ("miền Bắc"), and
  blocker phrases ("Đức Giáo hoàng" is not Germany).
* ``organizations.toml``: named bodies with CAMEO-style actor codes, and organ
  types ("Bộ Ngoại giao") that name a national body once a country follows.
* ``agencies.toml``: news agencies and outlets with their web domains.

Why one module validates all four: the checks that matter most cross files.
An alias that means two different actors (a country name reused as a
capital, an agency abbreviation that is also an organisation's) would make
recognition depend on dictionary order, so loading fails unless the file
declares the alias ambiguous. Every error names the file and the entry.

Aliases are compared by :func:`surface_key` (canonical tone placement, case
folded, hyphens read as spaces), the same normalisation the recogniser's
automaton uses, so data written in either tone style matches either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast, get_args

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml, load_toml_path
from thoisu.lang.vi.orthography import canonical, fold
from thoisu.model import MentionType

DATA_PACKAGE = "thoisu.lang.vi.data"
COUNTRIES_FILE = "countries.toml"
PLACES_FILE = "places.toml"
ORGANIZATIONS_FILE = "organizations.toml"
AGENCIES_FILE = "agencies.toml"

EntryKind = Literal[
    "country",  # a state's name: GPE, actor = its CAMEO code
    "capital",  # a capital: GPE, stands for the government (CCCGOV) when it acts
    "metonym",  # a seat of power or a capital used for the government ("Nhà Trắng" -> USAGOV)
    "place",  # a city, region, sea...: GPE or LOC, never an actor
    "nonactor",  # looks like a state but is not one ("bán đảo Triều Tiên"): LOC, no actor
    "organization",  # a named body with an actor code
    "organ",  # an organ type that needs a following country ("Bộ Ngoại giao")
    "agency",  # a news agency or outlet: cited, never an actor
    "contextual",  # a name whose reading depends on the document ("miền Bắc")
]
CountryStatus = Literal["member", "observer", "territory", "partial", "historical"]
PlaceType = Literal[
    "city",
    "province",
    "territory",
    "region",
    "sea",
    "ocean",
    "strait",
    "gulf",
    "island",
    "archipelago",
    "river",
    "lake",
    "mountain",
    "peninsula",
    "continent",
    "canal",
    "landmark",
    "base",
    "area",
]
OrganizationKind = Literal[
    "igo",
    "igo_organ",
    "ngo",
    "party",
    "government",
    "legislature",
    "military",
    "intelligence",
    "police",
    "court",
    "armed_group",
    "business",
]
AgencyKind = Literal["agency", "newspaper", "broadcaster", "online", "magazine"]

# Places with a government of their own are GPEs; geography is LOC.
_GPE_PLACE_TYPES = frozenset({"city", "province", "territory"})

_ISO3 = re.compile(r"[A-Z]{3}")
_CODE = re.compile(r"(?:[A-Z]{3})+")
_DOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")
_KEY_TABLE = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "_": " "})

# A name written with a capital letter must be capitalised in the text to match ("Mỹ" the
# country, not "mỹ" in "thẩm mỹ"), except when it starts with one of these generic heads and a
# proper name follows: the press writes both "Quần đảo Solomon" and "quần đảo Solomon".
_GENERIC_HEADS = (
    "quần đảo",
    "bán đảo",
    "đảo",
    "eo biển",
    "vịnh",
    "biển",
    "sông",
    "núi",
    "dãy",
    "cao nguyên",
    "thành phố",
    "tỉnh",
    "bang",
    "khu vực",
    "khu",
    "dải",
    "vùng",
    "miền",
    "châu",
    "lục địa",
    "tiểu vùng",
    "cộng hòa",
    "vương quốc",
    "liên bang",
    "nhà nước",
    "đặc khu",
    "điện",
    "tòa",
    "quảng trường",
    "căn cứ",
    "kênh đào",
    "cửa khẩu",
    "nhà máy",
    "phố",
    "số",
    "bãi",
    "đá",
    "hãng",
    "báo",
    "tờ",
    "kênh",
    "tạp chí",
    "thông tấn xã",
    "nhật báo",
    "trang",
    "phong trào",
    "lực lượng",
    "tổ chức",
    "liên minh",
    "khối",
    "nhóm",
    "tập đoàn",
    "phiến quân",
    "chính quyền",
    "đảng",
)


def surface_key(text: str) -> str:
    """The key aliases are compared by: canonical, case-folded, hyphens as spaces, spaces collapsed."""
    return " ".join(fold(text.translate(_KEY_TABLE)).split())


def needs_capital(surface: str) -> bool:
    """Whether ``surface`` matches only when the text capitalises its first letter.

    The data's own casing decides: a name written lower-case ("bán đảo Triều Tiên",
    "miền Bắc") matches either way; one written with a capital ("Mỹ", "Nhà Trắng")
    only capitalised, unless it starts with a generic head followed by a proper name.
    """
    if not surface[:1].isupper():
        return False
    lowered = canonical(surface).lower()
    for head in _GENERIC_HEADS:
        if lowered.startswith(head + " "):
            rest = surface[len(head) + 1 :]
            return not any(char.isupper() for char in rest)
    return True


# -- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Metonym:
    """A seat of power or a capital that stands for a government ("Nhà Trắng" -> USAGOV)."""

    names: tuple[str, ...]
    actor: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Country:
    """A state or territory and every name the press gives it.

    Attributes:
        iso3: ISO 3166-1 alpha-3 code (``XKX`` for Kosovo).
        cameo: CAMEO country code; equals ``iso3`` except for a few states and territories.
        name_en: Usual English name, the canonical form of mentions.
        adjective_en: English adjective, used to name national organs.
        status: member, observer, territory, partial (partially recognised) or historical.
        names: Full names, abbreviations, transliterations and English forms.
        short: One-word forms used in dyad compounds ("Triều" in "Trung-Triều").
        capitals: The capital (and seat of government) in every spelling.
        metonyms: Seats of power that stand for the government.
        homographs: Names that are also ordinary words or given names ("Anh", "Mỹ").
    """

    iso3: str
    cameo: str
    name_en: str
    adjective_en: str
    status: CountryStatus
    names: tuple[str, ...]
    short: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[Metonym, ...] = ()
    homographs: frozenset[str] = frozenset()

    @property
    def un_member(self) -> bool:
        """Whether the state is a member of the United Nations."""
        return self.status == "member"

    @property
    def government(self) -> str:
        """The actor code of its government (``PRKGOV``)."""
        return self.cameo + "GOV"

    @property
    def capital_en(self) -> str | None:
        """The capital's international spelling: its first name written without Vietnamese letters."""
        for name in self.capitals:
            if name.isascii():
                return name
        return self.capitals[0] if self.capitals else None


@dataclass(frozen=True, slots=True)
class Place:
    """A place that locates events; never an actor.

    Attributes:
        name_en: Usual English name.
        names: Every spelling the press uses.
        type: What sort of place it is (city, province, sea...).
        country: ISO3 of the sovereign state, when the place belongs to one.
        disputed: Another state claims or controls it.
        nonactor: It looks like a state (it contains a country's name) or spans several states,
            and must win over the country name inside it.
    """

    name_en: str
    names: tuple[str, ...]
    type: PlaceType
    country: str | None = None
    disputed: bool = False
    nonactor: bool = False

    @property
    def mention_type(self) -> MentionType:
        """GPE for places with a government of their own, LOC for geography."""
        if not self.nonactor and self.type in _GPE_PLACE_TYPES:
            return "GPE"
        return "LOC"


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a contextual term, and the phrases that point to it."""

    canonical: str
    type: MentionType
    country: str | None = None
    actor: str | None = None
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContextualTerm:
    """A name whose reading depends on the document ("miền Bắc": North Korea or northern Vietnam).

    The first reading is the default; :meth:`resolve` picks the reading whose cues occur most
    often in the document, the earlier one on a tie.
    """

    names: tuple[str, ...]
    readings: tuple[Reading, ...]
    _cue_patterns: tuple[re.Pattern[str] | None, ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        patterns: list[re.Pattern[str] | None] = []
        for reading in self.readings:
            keys = sorted(
                {surface_key(cue) for cue in reading.cues if surface_key(cue)}, key=len, reverse=True
            )
            patterns.append(
                re.compile(r"(?<!\w)(?:" + "|".join(re.escape(key) for key in keys) + r")(?!\w)")
                if keys
                else None
            )
        object.__setattr__(self, "_cue_patterns", tuple(patterns))

    def cue_counts(self, document: str) -> tuple[int, ...]:
        """How often each reading's cues occur in ``document``."""
        key = surface_key(document)
        return tuple(len(pattern.findall(key)) if pattern else 0 for pattern in self._cue_patterns)

    def resolve(self, document: str) -> Reading:
        """The reading ``document`` supports best; the default when no cue occurs."""
        counts = self.cue_counts(document)
        best = max(range(len(self.readings)), key=lambda i: (counts[i], -i))
        return self.readings[best]


@dataclass(frozen=True, slots=True)
class Organization:
    """A named body: an IGO or its organ, an NGO, a party, an armed group, a national body."""

    canonical: str
    names: tuple[str, ...]
    actor: str
    kind: OrganizationKind
    country: str | None = None
    coined: bool = False


@dataclass(frozen=True, slots=True)
class Organ:
    """An organ type that names a national body once a country follows ("Bộ Ngoại giao Nga").

    Attributes:
        names: The Vietnamese phrases.
        canonical: English name without a country ("Foreign Ministry").
        pattern: English name with a country; ``{adj}`` is the country's adjective.
        agent: CAMEO agent suffix appended to the country's code (GOV, GOVMIL, MIL, LEG...).
        overrides: Country-specific English names, as (ISO3, name) pairs.
    """

    names: tuple[str, ...]
    canonical: str
    pattern: str
    agent: str
    overrides: tuple[tuple[str, str], ...] = ()

    def name_for(self, country: Country) -> str:
        """The organ's English name for ``country`` ("Chinese Foreign Ministry")."""
        for iso3, name in self.overrides:
            if iso3 == country.iso3:
                return name
        return self.pattern.format(adj=country.adjective_en)

    def actor_for(self, country: Country) -> str:
        """The organ's actor code for ``country`` ("CHNGOV")."""
        return country.cameo + self.agent


@dataclass(frozen=True, slots=True)
class Agency:
    """A news agency or outlet: a source articles cite, never an actor."""

    canonical: str
    name_en: str
    kind: AgencyKind
    names: tuple[str, ...]
    country: str | None = None
    domains: tuple[str, ...] = ()
    homographs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """What one surface form stands for, as the recogniser's automaton stores it.

    Field names follow :class:`thoisu.entities.lexicon.LexEntry` so the recogniser can copy
    them across.

    Attributes:
        kind: What sort of name it is.
        type: The mention type it yields.
        canonical: The usual English form.
        country: ISO3 of the country it belongs to, when any.
        actor: Actor code it stands for, when it can act by itself.
        agent: For organ types, the agent suffix to append to the following country's code.
        cased: The text must capitalise its first letter for it to match.
        alternatives: For contextual terms, the other readings as (country, actor) pairs.
        homograph: The form is also an ordinary word or given name; want more evidence.
        exact: For acronyms, the exact text that must occur: "UN" must not match the "Un" of
            "Kim Jong Un", nor "IS" an English "Is".
    """

    kind: EntryKind
    type: MentionType
    canonical: str
    country: str | None = None
    actor: str | None = None
    agent: str | None = None
    cased: bool = True
    alternatives: tuple[tuple[str | None, str | None], ...] = ()
    homograph: bool = False
    exact: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """All four resources, validated, with lookup indexes.

    Attributes:
        countries: States and territories.
        places: Places that locate events.
        nonactors: Places that look like a state but are not one.
        contextual: Names whose reading depends on the document.
        organizations: Named bodies.
        organs: Organ types that need a following country.
        agencies: News agencies and outlets.
        blockers: Phrases that contain a country's name but name no state or place.
        versions: Resource file name -> its ``version``.
        home_country: The country an organ named without one belongs to ("Bộ Công an" in the
            Vietnamese press is Vietnam's), unless the article named the organ's country before.
    """

    countries: tuple[Country, ...]
    places: tuple[Place, ...]
    nonactors: tuple[Place, ...]
    contextual: tuple[ContextualTerm, ...]
    organizations: tuple[Organization, ...]
    organs: tuple[Organ, ...]
    agencies: tuple[Agency, ...]
    blockers: tuple[str, ...] = ()
    versions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    home_country: str | None = None
    _by_code: Mapping[str, Country] = field(init=False, repr=False, compare=False)
    _by_key: Mapping[str, tuple[GazetteerEntry, ...]] = field(init=False, repr=False, compare=False)
    _organs: Mapping[str, Organ] = field(init=False, repr=False, compare=False)
    _agencies: Mapping[str, Agency] = field(init=False, repr=False, compare=False)
    _domains: Mapping[str, Agency] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, Country] = {}
        for country in self.countries:
            by_code.setdefault(country.iso3, country)
            by_code.setdefault(country.cameo, country)
        by_key: dict[str, list[GazetteerEntry]] = {}
        for surface, entry in self.entries():
            bucket = by_key.setdefault(surface_key(surface), [])
            if entry not in bucket:
                bucket.append(entry)
        organs = {surface_key(name): organ for organ in self.organs for name in organ.names}
        agencies: dict[str, Agency] = {}
        domains: dict[str, Agency] = {}
        for agency in self.agencies:
            for name in (agency.canonical, *agency.names):
                agencies.setdefault(surface_key(name), agency)
            for domain in agency.domains:
                domains.setdefault(domain, agency)
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))
        object.__setattr__(self, "_by_key", MappingProxyType({k: tuple(v) for k, v in by_key.items()}))
        object.__setattr__(self, "_organs", MappingProxyType(organs))
        object.__setattr__(self, "_agencies", MappingProxyType(agencies))
        object.__setattr__(self, "_domains", MappingProxyType(domains))

    @property
    def version(self) -> str:
        """One string naming every resource version ("agencies.toml=2026.11.1;countries.toml=...")."""
        return ";".join(f"{name}={version}" for name, version in sorted(self.versions.items()))

    # -- the automaton's input ------------------------------------------------------------------

    def entries(self) -> Iterator[tuple[str, GazetteerEntry]]:
        """Every ``(surface form, entry)`` pair, for the recogniser's automaton.

        One surface form may carry several entries ("Bình Nhưỡng" is both the capital and a
        metonym for the government). Within one record, spellings that share a key are given
        once, the least strict first, so "bán đảo Triều Tiên" also matches "Bán đảo Triều Tiên".
        """
        for country in self.countries:
            homographs = _keys(country.homographs)
            yield from _spelled(
                country.names,
                GazetteerEntry("country", "GPE", country.name_en, country.iso3, country.cameo),
                homographs,
            )
            capital = GazetteerEntry(
                "capital", "GPE", country.capital_en or country.name_en, country.iso3, country.government
            )
            yield from _spelled(country.capitals, capital, homographs)
            for metonym in country.metonyms:
                entry = GazetteerEntry("metonym", "GPE", metonym.canonical, country.iso3, metonym.actor)
                yield from _spelled(metonym.names, entry, homographs)
        for place in self.places:
            entry = GazetteerEntry("place", place.mention_type, place.name_en, place.country)
            yield from _spelled(place.names, entry)
        for place in self.nonactors:
            yield from _spelled(place.names, GazetteerEntry("nonactor", "LOC", place.name_en))
        for term in self.contextual:
            first, *others = term.readings
            entry = GazetteerEntry(
                "contextual",
                first.type,
                first.canonical,
                first.country,
                first.actor,
                alternatives=tuple((reading.country, reading.actor) for reading in others),
            )
            yield from _spelled(term.names, entry)
        for org in self.organizations:
            entry = GazetteerEntry("organization", "ORG", org.canonical, org.country, org.actor)
            yield from _spelled(org.names, entry)
        for organ in self.organs:
            yield from _spelled(
                organ.names, GazetteerEntry("organ", "ORG", organ.canonical, agent=organ.agent)
            )
        for agency in self.agencies:
            entry = GazetteerEntry("agency", "ORG", agency.canonical, agency.country)
            yield from _spelled(agency.names, entry, _keys(agency.homographs))

    def shorts(self) -> Iterator[tuple[str, str]]:
        """``(one-word form, ISO3)`` pairs for dyad compounds ("Trung" -> CHN, "Triều" -> PRK)."""
        for country in self.countries:
            for short in country.short:
                yield short, country.iso3

    # -- lookups --------------------------------------------------------------------------------

    def lookup(self, surface: str) -> tuple[GazetteerEntry, ...]:
        """Every entry for an exact surface form (compared by :func:`surface_key`), or ``()``."""
        return self._by_key.get(surface_key(surface), ())

    def country(self, code: str) -> Country:
        """The country with this ISO3 or CAMEO code.

        Raises:
            KeyError: For an unknown code.
        """
        return self._by_code[code]

    def get_country(self, code: str) -> Country | None:
        """The country with this ISO3 or CAMEO code, or None."""
        return self._by_code.get(code)

    def organ(self, surface: str) -> Organ | None:
        """The organ type named by ``surface`` ("Bộ Ngoại giao"), or None."""
        return self._organs.get(surface_key(surface))

    def national_organ(self, organ: str, country: str) -> tuple[str, str] | None:
        """English name and actor of organ type ``organ`` of ``country`` (ISO3 or CAMEO).

        ``national_organ("Bộ Ngoại giao", "CHN")`` is ``("Chinese Foreign Ministry", "CHNGOV")``.
        """
        found = self.organ(organ)
        state = self._by_code.get(country)
        if found is None or state is None:
            return None
        return found.name_for(state), found.actor_for(state)

    def agency(self, name: str) -> Agency | None:
        """The agency or outlet with this name or alias, or None."""
        return self._agencies.get(surface_key(name))

    def agency_for_host(self, host: str) -> Agency | None:
        """The outlet publishing on ``host`` ("world.kbs.co.kr" -> KBS), or None.

        A host matches a listed domain or any subdomain of it; a port and "www." are ignored.
        """
        labels = host.strip().lower().rstrip(".").split(":", 1)[0].split(".")
        for start in range(len(labels) - 1):
            found = self._domains.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


def is_acronym(surface: str) -> bool:
    """Whether ``surface`` is an acronym that must match letter for letter ("UN", "KCNA", "G7")."""
    return (
        not any(char.isspace() or char.islower() for char in surface)
        and any(char.isupper() for char in surface)
        and sum(char.isalnum() for char in surface) >= 2
    )


@dataclass(frozen=True, slots=True)
class _Spelling:
    """One spelling chosen for the automaton, with how strictly it must match."""

    surface: str
    cased: bool
    exact: str | None

    @property
    def strictness(self) -> int:
        return (self.exact is not None) + self.cased


def _unique(surfaces: Iterable[str]) -> Iterator[_Spelling]:
    """One spelling per key; the least strict wins ("Tass" over "TASS", "bán đảo" over "Bán đảo")."""
    chosen: dict[str, _Spelling] = {}
    for surface in surfaces:
        key = surface_key(surface)
        spelling = _Spelling(surface, needs_capital(surface), surface if is_acronym(surface) else None)
        if key not in chosen or spelling.strictness < chosen[key].strictness:
            chosen[key] = spelling
    yield from chosen.values()


def _keys(surfaces: Iterable[str]) -> frozenset[str]:
    return frozenset(surface_key(surface) for surface in surfaces)


def _spelled(
    surfaces: Iterable[str], entry: GazetteerEntry, homographs: frozenset[str] = frozenset()
) -> Iterator[tuple[str, GazetteerEntry]]:
    """``entry`` once per distinct spelling, with that spelling's case rules and homograph flag."""
    for spelling in _unique(surfaces):
        yield (
            spelling.surface,
            replace(
                entry,
                cased=spelling.cased,
                exact=spelling.exact,
                homograph=surface_key(spelling.surface) in homographs,
            ),
        )


# -- parsing ----------------------------------------------------------------------------------


class _Reader:
    """Typed access to one TOML table, with errors that name the file and the entry."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise ResourceError(f"{where}: expected a table")
        self.table: dict[str, Any] = table
        self.where = where

    def check_keys(self, allowed: Iterable[str]) -> None:
        unknown = sorted(set(self.table) - set(allowed))
        if unknown:
            raise ResourceError(f"{self.where}: unknown field(s) {', '.join(unknown)}")

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ResourceError(f"{self.where}: '{key}' must be a non-empty string")
        return value

    def required(self, key: str) -> str:
        value = self.text(key)
        assert value is not None  # text() raises for a missing required value
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(key, [] if not required else None)
        if not isinstance(value, list) or (required and not value):
            raise ResourceError(f"{self.where}: '{key}' must be a non-empty list of strings")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise ResourceError(f"{self.where}: '{key}' holds an empty or non-string value")
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise ResourceError(f"{self.where}: '{key}' must be true or false")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.table.get(key, default)
        if value not in allowed:
            raise ResourceError(f"{self.where}: '{key}' is {value!r}; expected one of {', '.join(allowed)}")
        return cast(str, value)

    def code(self, key: str, pattern: re.Pattern[str], *, required: bool = True) -> str | None:
        value = self.text(key, required=required)
        if value is not None and not pattern.fullmatch(value):
            raise ResourceError(f"{self.where}: '{key}' {value!r} is not a valid code")
        return value


def _tables(data: Mapping[str, Any], key: str, name: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ResourceError(f"{name}: '{key}' must be an array of tables ([[{key}]])")
    return value


def _label(table: Any, *keys: str) -> str:
    """A readable name for an entry in error messages."""
    if isinstance(table, dict):
        for key in keys:
            value = table.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, list) and value and isinstance(value[0], str):
                return value[0]
    return "?"


def _check_file(data: Mapping[str, Any], name: str, sections: Iterable[str]) -> None:
    allowed = {"version", "description", "ambiguous", *sections}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ResourceError(f"{name}: unknown top-level key(s) {', '.join(unknown)}")


def parse_countries(data: Mapping[str, Any], name: str = COUNTRIES_FILE) -> tuple[Country, ...]:
    """Validate and build the ``[[country]]`` entries of a parsed countries file.

    Raises:
        ResourceError: Naming the file and the entry at fault.
    """
    _check_file(data, name, ("country",))
    countries: list[Country] = []
    seen: dict[str, str] = {}
    for index, table in enumerate(_tables(data, "country", name)):
        where = f"{name}: country #{index + 1} ({_label(table, 'iso3', 'name_en')})"
        reader = _Reader(table, where)
        reader.check_keys(
            (
                "iso3",
                "cameo",
                "name_en",
                "adjective_en",
                "status",
                "names",
                "short",
                "capitals",
                "metonyms",
                "homographs",
            )
        )
        iso3 = cast(str, reader.code("iso3", _ISO3))
        cameo = reader.code("cameo", _CODE, required=False) or iso3
        for code in {iso3, cameo}:
            if code in seen:
                raise ResourceError(f"{where}: code {code} is already used by {seen[code]}")
            seen[code] = iso3
        names = reader.strings("names", required=True)
        short = reader.strings("short")
        for word in short:
            if len(word.split()) != 1 or "-" in word:
                raise ResourceError(f"{where}: short form {word!r} must be one word")
        capitals = reader.strings("capitals")
        metonyms = tuple(
            _parse_metonym(item, cameo, f"{where}: metonym #{i + 1}")
            for i, item in enumerate(table.get("metonyms", []))
        )
        homographs = reader.strings("homographs")
        known = {*names, *short, *capitals, *(n for m in metonyms for n in m.names)}
        for word in homographs:
            if word not in known:
                raise ResourceError(f"{where}: homograph {word!r} is not one of the entry's names")
        countries.append(
            Country(
                iso3=iso3,
                cameo=cameo,
                name_en=reader.required("name_en"),
                adjective_en=reader.required("adjective_en"),
                status=cast(CountryStatus, reader.choice("status", get_args(CountryStatus), "member")),
                names=names,
                short=short,
                capitals=capitals,
                metonyms=metonyms,
                homographs=frozenset(homographs),
            )
        )
    if not countries:
        raise ResourceError(f"{name}: no [[country]] entries")
    return tuple(countries)


def _parse_metonym(table: Any, cameo: str, where: str) -> Metonym:
    reader = _Reader(table, where)
    reader.check_keys(("names", "actor", "canonical"))
    actor = cast(str, reader.code("actor", _CODE))
    if not actor.startswith(cameo):
        raise ResourceError(f"{where}: actor {actor} does not belong to country {cameo}")
    return Metonym(reader.strings("names", required=True), actor, reader.required("canonical"))


def parse_places(
    data: Mapping[str, Any], name: str = PLACES_FILE
) -> tuple[tuple[Place, ...], tuple[Place, ...], tuple[ContextualTerm, ...], tuple[str, ...]]:
    """Validate and build places, non-actor places, contextual terms and blockers.

    Raises:
        ResourceError: Naming the file and the entry at fault.
    """
    _check_file(data, name, ("place", "nonactor", "contextual", "blockers"))
    sections: dict[str, list[Place]] = {"place": [], "nonactor": []}
    for section, out in sections.items():
        for index, table in enumerate(_tables(data, section, name)):
            where = f"{name}: {section} #{index + 1} ({_label(table, 'name_en', 'names')})"
            reader = _Reader(table, where)
            reader.check_keys(("name_en", "names", "type", "country", "disputed"))
            country = reader.code("country", _ISO3, required=False)
            if section == "nonactor" and country is not None:
                raise ResourceError(f"{where}: a non-actor place has no country")
            out.append(
                Place(
                    name_en=reader.required("name_en"),
                    names=reader.strings("names", required=True),
                    type=cast(PlaceType, reader.choice("type", get_args(PlaceType))),
                    country=country,
                    disputed=reader.flag("disputed"),
                    nonactor=section == "nonactor",
                )
            )
    contextual = tuple(
        _parse_contextual(table, f"{name}: contextual #{index + 1} ({_label(table, 'names')})")
        for index, table in enumerate(_tables(data, "contextual", name))
    )
    blockers = _Reader(dict(data), name).strings("blockers")
    return tuple(sections["place"]), tuple(sections["nonactor"]), contextual, blockers


def _parse_contextual(table: Any, where: str) -> ContextualTerm:
    reader = _Reader(table, where)
    reader.check_keys(("names", "reading"))
    readings: list[Reading] = []
    for index, item in enumerate(_tables(reader.table, "reading", where)):
        sub = _Reader(item, f"{where}: reading #{index + 1}")
        sub.check_keys(("canonical", "type", "country", "actor", "cues"))
        mention_type = cast(MentionType, sub.choice("type", ("GPE", "LOC")))
        country = sub.code("country", _ISO3, required=False)
        actor = sub.code("actor", _CODE, required=False)
        if actor is not None and (country is None or mention_type != "GPE"):
            raise ResourceError(f"{sub.where}: a reading with an actor needs a country and type GPE")
        readings.append(Reading(sub.required("canonical"), mention_type, country, actor, sub.strings("cues")))
    if len(readings) < 2:
        raise ResourceError(f"{where}: a contextual term needs at least two readings")
    return ContextualTerm(reader.strings("names", required=True), tuple(readings))


def parse_organizations(
    data: Mapping[str, Any], name: str = ORGANIZATIONS_FILE
) -> tuple[tuple[Organization, ...], tuple[Organ, ...]]:
    """Validate and build named organisations and organ types.

    Raises:
        ResourceError: Naming the file and the entry at fault.
    """
    _check_file(data, name, ("organization", "organ", "home_country"))
    organizations: list[Organization] = []
    for index, table in enumerate(_tables(data, "organization", name)):
        where = f"{name}: organization #{index + 1} ({_label(table, 'canonical', 'names')})"
        reader = _Reader(table, where)
        reader.check_keys(("canonical", "names", "actor", "kind", "country", "coined"))
        organizations.append(
            Organization(
                canonical=reader.required("canonical"),
                names=reader.strings("names", required=True),
                actor=cast(str, reader.code("actor", _CODE)),
                kind=cast(OrganizationKind, reader.choice("kind", get_args(OrganizationKind))),
                country=reader.code("country", _ISO3, required=False),
                coined=reader.flag("coined"),
            )
        )
    organs: list[Organ] = []
    for index, table in enumerate(_tables(data, "organ", name)):
        where = f"{name}: organ #{index + 1} ({_label(table, 'canonical', 'names')})"
        reader = _Reader(table, where)
        reader.check_keys(("names", "canonical", "pattern", "agent", "overrides"))
        pattern = reader.required("pattern")
        if "{adj}" not in pattern:
            raise ResourceError(f"{where}: 'pattern' must contain {{adj}}")
        overrides = table.get("overrides", {})
        if not isinstance(overrides, dict) or not all(
            isinstance(k, str) and _ISO3.fullmatch(k) and isinstance(v, str) and v
            for k, v in overrides.items()
        ):
            raise ResourceError(f"{where}: 'overrides' must map ISO3 codes to names")
        organs.append(
            Organ(
                names=reader.strings("names", required=True),
                canonical=reader.required("canonical"),
                pattern=pattern,
                agent=cast(str, reader.code("agent", _CODE)),
                overrides=tuple(sorted(overrides.items())),
            )
        )
    return tuple(organizations), tuple(organs)


def parse_agencies(data: Mapping[str, Any], name: str = AGENCIES_FILE) -> tuple[Agency, ...]:
    """Validate and build news agencies and outlets.

    Raises:
        ResourceError: Naming the file and the entry at fault.
    """
    _check_file(data, name, ("agency",))
    agencies: list[Agency] = []
    canonicals: set[str] = set()
    domains: dict[str, str] = {}
    for index, table in enumerate(_tables(data, "agency", name)):
        where = f"{name}: agency #{index + 1} ({_label(table, 'canonical', 'names')})"
        reader = _Reader(table, where)
        reader.check_keys(("canonical", "name_en", "country", "kind", "names", "domains", "homographs"))
        canonical_name = reader.required("canonical")
        if canonical_name in canonicals:
            raise ResourceError(f"{where}: canonical name {canonical_name!r} is used twice")
        canonicals.add(canonical_name)
        names = reader.strings("names", required=True)
        for domain in reader.strings("domains"):
            if not _DOMAIN.fullmatch(domain):
                raise ResourceError(f"{where}: {domain!r} is not a lower-case domain name")
            if domain in domains:
                raise ResourceError(f"{where}: domain {domain} already belongs to {domains[domain]}")
            domains[domain] = canonical_name
        homographs = reader.strings("homographs")
        for word in homographs:
            if word not in names:
                raise ResourceError(f"{where}: homograph {word!r} is not one of the entry's names")
        agencies.append(
            Agency(
                canonical=canonical_name,
                name_en=reader.required("name_en"),
                kind=cast(AgencyKind, reader.choice("kind", get_args(AgencyKind))),
                names=names,
                country=reader.code("country", _ISO3, required=False),
                domains=reader.strings("domains"),
                homographs=frozenset(homographs),
            )
        )
    return tuple(agencies)


# -- assembling -------------------------------------------------------------------------------


def build_gazetteer(
    countries: Mapping[str, Any],
    places: Mapping[str, Any],
    organizations: Mapping[str, Any],
    agencies: Mapping[str, Any],
    names: Sequence[str] = (COUNTRIES_FILE, PLACES_FILE, ORGANIZATIONS_FILE, AGENCIES_FILE),
) -> Gazetteer:
    """Build and cross-check a gazetteer from four parsed resource files.

    Args:
        countries: The parsed countries file.
        places: The parsed places file.
        organizations: The parsed organisations file.
        agencies: The parsed agencies file.
        names: The four files' names, used in error messages and ``Gazetteer.versions``.

    Raises:
        ResourceError: On a schema error, a reference to an unknown country, or an alias
            that means two different things without being declared ``ambiguous``.
    """
    country_records = parse_countries(countries, names[0])
    place_records, nonactors, contextual, blockers = parse_places(places, names[1])
    org_records, organs = parse_organizations(organizations, names[2])
    agency_records = parse_agencies(agencies, names[3])
    codes = {c.iso3: c for c in country_records} | {c.cameo: c for c in country_records}
    _check_countries_known(
        country_records, place_records, contextual, org_records, organs, agency_records, names
    )
    for org in org_records:
        if org.country is not None and not org.actor.startswith(codes[org.country].cameo):
            raise ResourceError(
                f"{names[2]}: organization {org.canonical!r}: "
                f"actor {org.actor} does not belong to {org.country}"
            )
    _check_shorts(country_records, names[0])
    home = organizations.get("home_country")
    if home is not None and (not isinstance(home, str) or home not in codes):
        raise ResourceError(f"{names[2]}: home_country {home!r} is not a known country code")
    ambiguous: set[str] = set()
    for data, name in zip((countries, places, organizations, agencies), names, strict=True):
        ambiguous |= {surface_key(a) for a in _Reader(dict(data), name).strings("ambiguous")}
    gazetteer = Gazetteer(
        countries=country_records,
        places=place_records,
        nonactors=nonactors,
        contextual=contextual,
        organizations=org_records,
        organs=organs,
        agencies=agency_records,
        blockers=blockers,
        home_country=codes[home].iso3 if isinstance(home, str) else None,
        versions=MappingProxyType(
            {
                name: str(data["version"])
                for data, name in zip((countries, places, organizations, agencies), names, strict=True)
            }
        ),
    )
    _check_conflicts(gazetteer, ambiguous)
    return gazetteer


def _check_countries_known(
    countries: tuple[Country, ...],
    places: tuple[Place, ...],
    contextual: tuple[ContextualTerm, ...],
    organizations: tuple[Organization, ...],
    organs: tuple[Organ, ...],
    agencies: tuple[Agency, ...],
    names: Sequence[str],
) -> None:
    known = {c.iso3 for c in countries}
    references: list[tuple[str | None, str]] = [
        *((p.country, f"{names[1]}: place {p.name_en!r}") for p in places),
        *((r.country, f"{names[1]}: contextual {t.names[0]!r}") for t in contextual for r in t.readings),
        *((o.country, f"{names[2]}: organization {o.canonical!r}") for o in organizations),
        *((iso3, f"{names[2]}: organ {o.canonical!r} override") for o in organs for iso3, _ in o.overrides),
        *((a.country, f"{names[3]}: agency {a.canonical!r}") for a in agencies),
    ]
    for code, where in references:
        if code is not None and code not in known:
            raise ResourceError(f"{where}: unknown country {code} (not in {names[0]})")


def _check_shorts(countries: tuple[Country, ...], name: str) -> None:
    owner: dict[str, str] = {}
    for country in countries:
        for short in country.short:
            key = surface_key(short)
            if owner.get(key, country.iso3) != country.iso3:
                raise ResourceError(
                    f"{name}: short form {short!r} is used by {owner[key]} and {country.iso3}"
                )
            owner[key] = country.iso3


def _meaning(entry: GazetteerEntry) -> str | None:
    """What an entry commits a mention to, for conflict checks; None commits to nothing."""
    if entry.kind == "agency":
        return f"agency:{entry.canonical}"
    if entry.kind == "nonactor":
        return "no actor"
    if entry.kind == "contextual":
        return f"contextual:{entry.canonical}"
    return entry.actor


def _check_conflicts(gazetteer: Gazetteer, ambiguous: set[str]) -> None:
    meanings: dict[str, dict[str, str]] = {}
    for surface, entry in gazetteer.entries():
        meaning = _meaning(entry)
        if meaning is None:
            continue
        key = surface_key(surface)
        found = meanings.setdefault(key, {})
        found.setdefault(meaning, f"{entry.kind} {entry.canonical!r}")
        if len(found) > 1 and key not in ambiguous:
            first, second = list(found.values())[:2]
            raise ResourceError(
                f"alias {surface!r} means both {first} and {second}; "
                "fix one entry or list the alias under 'ambiguous'"
            )


def load_gazetteer_from(directory: Path) -> Gazetteer:
    """Load the four resource files from ``directory`` (tests, user-supplied overrides).

    Raises:
        ResourceError: When a file is missing or fails validation.
    """
    files = (COUNTRIES_FILE, PLACES_FILE, ORGANIZATIONS_FILE, AGENCIES_FILE)
    paths = [directory / file for file in files]
    countries, places, organizations, agencies = (load_toml_path(path) for path in paths)
    return build_gazetteer(countries, places, organizations, agencies, tuple(str(p) for p in paths))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped with thoisu, loaded and validated once per process.

    Raises:
        ResourceError: When a resource file is missing or fails validation.
    """
    return build_gazetteer(
        load_toml(DATA_PACKAGE, COUNTRIES_FILE),
        load_toml(DATA_PACKAGE, PLACES_FILE),
        load_toml(DATA_PACKAGE, ORGANIZATIONS_FILE),
        load_toml(DATA_PACKAGE, AGENCIES_FILE),
    )
