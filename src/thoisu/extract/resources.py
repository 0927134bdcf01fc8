"""Loaders for the extract stage's language resources.

Each loader validates its file's schema and raises :class:`ResourceError`
naming the entry at fault, so a typo in a data file fails at start-up with a
message a contributor can act on. Loaded resources are frozen and cached (they
are pure functions of the shipped files), and :class:`ExtractResources` bundles
them so the stage receives everything through ``__init__``.

News agencies come from the gazetteer's ``agencies.toml`` when that module is
installed (one table for the whole system); until then the fallback table in
``sources.toml`` is used. :attr:`SourceGrammar.agency_origin` says which.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml
from thoisu.lang.vi.orthography import fold

DATA_PACKAGE = "thoisu.lang.vi.data"

_ISO3 = re.compile(r"[A-Z]{3}")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ResourceError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ResourceError(f"{where}: missing table [{key}]")
    return value


def _records(data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ResourceError(f"{where}: [[{key}]] must be a list of tables")
    return value


def _field(record: Mapping[str, Any], key: str, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ResourceError(f"{where}: entry {record!r} needs a non-empty '{key}'")
    return value


def _iso3(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _ISO3.fullmatch(value):
        raise ResourceError(f"{where}: {value!r} is not an ISO 3166-1 alpha-3 code")
    return value


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ResourceError(f"{where}: bad regular expression {pattern!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Chrome vocabulary (see ``boilerplate.toml``); phrases are folded."""

    section_headers: frozenset[str]
    chrome: frozenset[str]
    #: Patterns anchored at the line start (``^...``), tried once per line with ``match``.
    chrome_start: re.Pattern[str]
    #: The other patterns, searched through the line.
    chrome_anywhere: re.Pattern[str]
    version: str

    def is_chrome(self, key: str) -> bool:
        """Whether a folded line matches one of the chrome patterns."""
        return self.chrome_start.match(key) is not None or self.chrome_anywhere.search(key) is not None


def parse_boilerplate(data: Mapping[str, Any]) -> Boilerplate:
    """Validate a parsed ``boilerplate.toml``."""
    where = "boilerplate.toml"
    headers = _strings(_table(data, "section_headers", where).get("phrases"), f"{where} [section_headers]")
    chrome = _strings(_table(data, "chrome", where).get("phrases"), f"{where} [chrome]")
    patterns = _strings(_table(data, "patterns", where).get("chrome"), f"{where} [patterns]")
    for pattern in patterns:
        _compile(pattern, f"{where} [patterns]")
    start = [pattern[1:] for pattern in patterns if pattern.startswith("^")]
    anywhere = [pattern for pattern in patterns if not pattern.startswith("^")]
    return Boilerplate(
        frozenset(fold(phrase) for phrase in headers),
        frozenset(fold(phrase) for phrase in chrome),
        _compile("|".join(f"(?:{pattern})" for pattern in start) or "(?!)", f"{where} [patterns]"),
        # Joined bare (alternation is associative): when every pattern starts with a letter, the regex
        # engine skips in C to the positions where one of those letters stands.
        _compile("|".join(anywhere) or "(?!)", f"{where} [patterns]"),
        str(data["version"]),
    )


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet: reader-facing name, domains, other names, template signatures."""

    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    signatures: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Outlets:
    """The outlet table plus byline vocabulary (see ``outlets.toml``)."""

    outlets: tuple[Outlet, ...]
    by_alias: Mapping[str, Outlet]
    staff_bylines: frozenset[str]
    surnames: frozenset[str]
    version: str
    #: Every signature in one expression; group ``o<N>`` matching means ``outlets[N]``.
    signature_pattern: re.Pattern[str] = re.compile("(?!)")


def parse_outlets(data: Mapping[str, Any]) -> Outlets:
    """Validate a parsed ``outlets.toml``."""
    where = "outlets.toml"
    bylines = _table(data, "bylines", where)
    outlets: list[Outlet] = []
    by_alias: dict[str, Outlet] = {}
    for record in _records(data, "outlet", where):
        name = _field(record, "name", where)
        domains = (
            _strings(record.get("domains", []), f"{where} outlet {name!r} domains")
            if record.get("domains")
            else ()
        )
        aliases = (
            _strings(record.get("aliases", []), f"{where} outlet {name!r} aliases")
            if record.get("aliases")
            else ()
        )
        signatures = tuple(
            _compile(pattern, f"{where} outlet {name!r}")
            for pattern in (record.get("signatures") or [])
            if isinstance(pattern, str)
        )
        outlet = Outlet(name, tuple(domain.lower() for domain in domains), aliases, signatures)
        outlets.append(outlet)
        for alias in (name, *aliases):
            by_alias.setdefault(fold(alias), outlet)
    parts = [
        f"(?P<o{index}>{'|'.join(signature.pattern for signature in outlet.signatures)})"
        for index, outlet in enumerate(outlets)
        if outlet.signatures
    ]
    return Outlets(
        tuple(outlets),
        by_alias,
        frozenset(fold(item) for item in _strings(bylines.get("staff"), f"{where} [bylines] staff")),
        frozenset(_strings(bylines.get("surnames"), f"{where} [bylines] surnames")),
        str(data["version"]),
        _compile("|".join(parts), where) if parts else re.compile("(?!)"),
    )


@dataclass(frozen=True, slots=True)
class Agency:
    """A news agency or outlet that can be cited as a source."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...] = ()
    #: Aliases that are also ordinary words ("Tuổi Trẻ", "youth"): matched only with their exact case.
    homographs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Country:
    """A country as the attribution and date logic need it."""

    iso3: str
    adjective: str
    names: tuple[str, ...]
    short: tuple[str, ...]
    cities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organ:
    """An official body ("Bộ Ngoại giao" -> "Foreign Ministry"), optionally tied to one country."""

    vi: str
    en: str
    country: str | None
    #: Match only with this exact case (a capitalised title such as "Người Phát ngôn").
    exact: bool = False


@dataclass(frozen=True, slots=True)
class SourceGrammar:
    """Everything attribution needs (see ``sources.toml``)."""

    verbs: tuple[str, ...]
    official_verbs: tuple[str, ...]
    preceding_cues: tuple[str, ...]
    name_heads: tuple[str, ...]
    person_heads: tuple[str, ...]
    organs: tuple[Organ, ...]
    countries: tuple[Country, ...]
    agencies: tuple[Agency, ...]
    agency_origin: str
    version: str


def parse_sources(data: Mapping[str, Any], agencies: Sequence[Agency] | None = None) -> SourceGrammar:
    """Validate a parsed ``sources.toml``; ``agencies`` replaces its fallback agency table."""
    where = "sources.toml"
    organs = tuple(
        Organ(
            _field(record, "vi", where),
            _field(record, "en", where),
            _iso3(record["country"], where) if "country" in record else None,
            bool(record.get("exact", False)),
        )
        for record in _records(data, "organ", where)
    )
    countries = tuple(
        Country(
            _iso3(record.get("iso3"), where),
            _field(record, "adjective", where),
            _strings(record.get("names"), f"{where} country {record.get('iso3')} names"),
            tuple(record.get("short") or ()),
            tuple(record.get("cities") or ()),
        )
        for record in _records(data, "country", where)
    )
    origin = "gazetteer"
    if agencies is None:
        origin = "sources.toml"
        agencies = [
            Agency(_field(record, "name", where), _strings(record.get("aliases"), f"{where} agency aliases"))
            for record in _records(data, "agency", where)
        ]
    return SourceGrammar(
        _strings(data.get("reporting_verbs"), f"{where} reporting_verbs"),
        _strings(data.get("official_verbs"), f"{where} official_verbs"),
        _strings(data.get("preceding_cues"), f"{where} preceding_cues"),
        _strings(data.get("name_heads"), f"{where} name_heads"),
        _strings(data.get("person_heads"), f"{where} person_heads"),
        organs,
        countries,
        tuple(agencies),
        origin,
        str(data["version"]),
    )


@dataclass(frozen=True, slots=True)
class Relation:
    """Diplomatic relations between two states since a day."""

    pair: frozenset[str]
    since: date


@dataclass(frozen=True, slots=True)
class KnownEvent:
    """A summit or visit with its days (see ``relations.toml``)."""

    label: str
    kind: str
    parties: frozenset[str]
    host: str
    first: date
    last: date


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Dated world knowledge for year inference."""

    relations: tuple[Relation, ...]
    events: tuple[KnownEvent, ...]
    version: str


def parse_knowledge(data: Mapping[str, Any]) -> Knowledge:
    """Validate a parsed ``relations.toml``."""
    where = "relations.toml"
    relations: list[Relation] = []
    raw_relations = data.get("relations")
    if not isinstance(raw_relations, list):
        raise ResourceError(f"{where}: 'relations' must be a list")
    for record in raw_relations:
        pair = record.get("pair") if isinstance(record, dict) else None
        since = record.get("since") if isinstance(record, dict) else None
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(since, date):
            raise ResourceError(f"{where}: relation {record!r} needs pair = [A, B] and since = YYYY-MM-DD")
        relations.append(Relation(frozenset(_iso3(code, where) for code in pair), since))
    events: list[KnownEvent] = []
    for record in _records(data, "event", where):
        first, last = record.get("first"), record.get("last")
        kind = _field(record, "kind", where)
        if not isinstance(first, date) or not isinstance(last, date) or last < first:
            raise ResourceError(f"{where}: event {record.get('label')!r} needs first <= last dates")
        if kind not in {"visit", "summit"}:
            raise ResourceError(f"{where}: event {record.get('label')!r}: kind must be visit or summit")
        parties = record.get("parties")
        if not isinstance(parties, list) or len(parties) < 2:
            raise ResourceError(f"{where}: event {record.get('label')!r} needs two or more parties")
        events.append(
            KnownEvent(
                _field(record, "label", where),
                kind,
                frozenset(_iso3(code, where) for code in parties),
                _iso3(record.get("host"), where),
                first,
                last,
            )
        )
    return Knowledge(tuple(relations), tuple(events), str(data["version"]))


@dataclass(frozen=True, slots=True)
class ExtractResources:
    """All resources of the extract stage, loaded once and handed to it."""

    boilerplate: Boilerplate
    function_words: frozenset[str]
    stoplist: frozenset[str]
    outlets: Outlets
    sources: SourceGrammar
    knowledge: Knowledge

    @property
    def versions(self) -> Mapping[str, str]:
        """Resource file versions, for provenance."""
        return {
            "boilerplate": self.boilerplate.version,
            "outlets": self.outlets.version,
            "sources": self.sources.version,
            "relations": self.knowledge.version,
        }


def _gazetteer_agencies() -> list[Agency] | None:
    """Agencies from the gazetteer (``agencies.toml``) when that module is installed, else None.

    One agency table serves the whole system; the fallback in ``sources.toml`` only keeps extraction
    usable without the gazetteer. A gazetteer whose files are broken raises ResourceError.
    """
    try:
        from thoisu.lang.vi.gazetteer import load_gazetteer
    except ImportError:
        return None
    return [
        Agency(agency.canonical, tuple(agency.names), tuple(agency.domains), frozenset(agency.homographs))
        for agency in load_gazetteer().agencies
    ] or None


@lru_cache(maxsize=1)
def load_extract_resources() -> ExtractResources:
    """Load and validate every resource the extract stage uses (cached; all frozen)."""
    stopwords = load_toml(DATA_PACKAGE, "stopwords.toml")
    function_words = frozenset(_strings(stopwords.get("function_words"), "stopwords.toml function_words"))
    return ExtractResources(
        boilerplate=parse_boilerplate(load_toml(DATA_PACKAGE, "boilerplate.toml")),
        function_words=function_words,
        stoplist=_justext_stoplist(),
        outlets=parse_outlets(load_toml(DATA_PACKAGE, "outlets.toml")),
        sources=parse_sources(load_toml(DATA_PACKAGE, "sources.toml"), _gazetteer_agencies()),
        knowledge=parse_knowledge(load_toml(DATA_PACKAGE, "relations.toml")),
    )


def _justext_stoplist() -> frozenset[str]:
    """The Vietnamese stoplist justext ships (frequency based); empty when justext is not installed."""
    try:
        import justext
    except ImportError:
        return frozenset()
    return frozenset(justext.get_stoplist("Vietnamese"))
