"""Dated office holders and the Vietnamese titles that name their offices.

Two resource files feed this module:

* ``roles.toml``: the role vocabulary. Each role has a key
  (``foreign_minister``), the CAMEO agent suffix its holders carry (``GOV``,
  ``GOVMIL``, ``LEG``...), whether several people may hold it at once in one
  country (deputy prime ministers, spokespersons), and the Vietnamese title
  phrases that express it, some valid for any country ("Ngoại trưởng"), some
  only for a few ("Chủ tịch" is a head of state only for China, Vietnam, Laos
  and Cuba). The file also lists the words that refer back to a person
  ("ông", "nhà lãnh đạo", "người đồng cấp").
* ``office_holders.toml``: persons, every spelling the press uses for them,
  and their offices with start and end days.

Dates follow one convention: an office covers ``start <= day < end``. The end
is the day the successor took over (or the holder left), so a hand-over day
belongs to the incoming holder and consecutive tenures never overlap. An
office without an end was held on the file's ``checked_through`` day; nobody
can promise more than that about the future.

Why a role order matters: :meth:`OfficeHolders.role_of` answers "what was
this person on that day" with the most senior office, and seniority is the
order of the roles in ``roles.toml``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml, load_toml_path, parse_toml
from thoisu.lang.vi.orthography import fold

DATA_PACKAGE = "thoisu.lang.vi.data"
ROLES_FILE = "roles.toml"
HOLDERS_FILE = "office_holders.toml"

_ISO3 = re.compile(r"[A-Z]{3}")
# CAMEO codes for international organisations: IGO + region/org triples (IGOUNO, IGOWSTNAT, IGOEUREEC).
_IGO = re.compile(r"IGO(?:[A-Z]{3}){1,3}")
_AGENT = re.compile(r"(?:[A-Z]{3}){1,3}")
_ROLE_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_PERSON_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_ROLE_KEYS = frozenset({"key", "agent", "description", "multi_holder", "titles", "country_titles"})
_COUNTRY_TITLE_KEYS = frozenset({"countries", "titles"})
_PERSON_KEYS = frozenset({"id", "name", "country", "names", "offices"})
_OFFICE_KEYS = frozenset({"role", "country", "start", "end", "approximate"})
_REFERENCE_KEYS = frozenset(
    {"honorifics", "leaders", "counterparts", "former", "acting", "incoming", "ranks"}
)


def alias_key(surface: str) -> str:
    """The key names are compared by: folded text with only letters and digits kept.

    Dropping spaces, hyphens, dots and apostrophes makes "Kim Jong Un",
    "Kim Jong-un" and "Kim Jong-Un" one key, and "V. Putin" match "V Putin",
    while diacritics stay: "Tô Lâm" and "Tổ Lâm" are different names.
    """
    return "".join(char for char in fold(surface) if char.isalnum())


@dataclass(frozen=True, slots=True)
class Title:
    """A title phrase and the countries it is valid for (empty: any country)."""

    phrase: str
    countries: tuple[str, ...] = ()

    def applies_to(self, country: str | None) -> bool:
        """Whether the phrase can name this role for ``country`` (None: country unknown)."""
        return not self.countries or (country is not None and country in self.countries)


@dataclass(frozen=True, slots=True)
class Role:
    """An office kind, e.g. ``foreign_minister``.

    Attributes:
        key: Stable identifier used in office entries and by callers.
        agent: CAMEO agent suffix of the holders (``GOV``, ``GOVMIL``, ``LEG``, ``MIL``...).
        description: What the role is, in English, for reviewers.
        multi_holder: Several people may hold it in one country at once.
        titles: The Vietnamese phrases that express it.
        rank: Seniority; the role's position in ``roles.toml`` (0 is most senior).
    """

    key: str
    agent: str
    description: str
    multi_holder: bool
    titles: tuple[Title, ...]
    rank: int

    def countries_for(self, phrase: str) -> tuple[str, ...] | None:
        """The country restriction of ``phrase`` for this role.

        Returns:
            ``()`` when the phrase is valid for any country, the tuple of countries
            it is restricted to, or None when the phrase is not a title of this role.
        """
        key = fold(phrase)
        found: list[str] = []
        matched = False
        for title in self.titles:
            if fold(title.phrase) == key:
                if not title.countries:
                    return ()
                matched = True
                found.extend(title.countries)
        return tuple(dict.fromkeys(found)) if matched else None


@dataclass(frozen=True, slots=True)
class Office:
    """One tenure: ``role`` in ``country`` from ``start`` (inclusive) to ``end`` (exclusive).

    ``country`` is the jurisdiction, an ISO 3166-1 alpha-3 code or a CAMEO IGO code
    (``IGOUNO``): Elizabeth II was head of state of CAN and AUS as well as GBR.
    ``approximate`` marks tenures whose days are known only roughly.
    """

    role: str
    country: str
    start: date
    end: date | None = None
    approximate: bool = False

    def covers(self, on: date) -> bool:
        """Whether the office was held on day ``on``."""
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A person, the names the press uses for them, and their offices."""

    id: str
    canonical: str
    country: str
    names: tuple[str, ...]
    offices: tuple[Office, ...]

    def offices_on(self, on: date) -> tuple[Office, ...]:
        """The offices held on day ``on``, in file order."""
        return tuple(office for office in self.offices if office.covers(on))


@dataclass(frozen=True, slots=True)
class ReferenceWords:
    """Words that point at a person without naming them, used for coreference.

    Attributes:
        honorifics: "ông", "bà": precede a name or stand for a person already named.
        leaders: "nhà lãnh đạo": a country's leader ("nhà lãnh đạo Triều Tiên").
        counterparts: "người đồng cấp": the holder of the same role in another country.
        former: "cựu", "nguyên": the title names a former holder, not the current one.
        acting: "quyền": an acting holder.
        incoming: "tân": a newly appointed or incoming holder.
        ranks: "Trung tướng": military ranks, which introduce a person but name no office.
    """

    honorifics: tuple[str, ...]
    leaders: tuple[str, ...]
    counterparts: tuple[str, ...]
    former: tuple[str, ...]
    acting: tuple[str, ...]
    incoming: tuple[str, ...]
    ranks: tuple[str, ...]


class OfficeHolders:
    """The loaded knowledge base: roles, persons and indexes over them.

    Build one with :func:`load_office_holders`; instances are read-only.
    """

    __slots__ = (
        "_by_alias",
        "_by_id",
        "_by_post",
        "_by_token",
        "checked_through",
        "persons",
        "reference_words",
        "roles",
        "roles_version",
        "version",
    )

    persons: tuple[Person, ...]
    roles: Mapping[str, Role]
    reference_words: ReferenceWords
    version: str
    roles_version: str
    checked_through: date
    _by_id: Mapping[str, Person]
    _by_alias: Mapping[str, tuple[Person, ...]]
    _by_token: Mapping[str, tuple[Person, ...]]
    _by_post: Mapping[tuple[str, str], tuple[tuple[Office, Person], ...]]

    def __init__(
        self,
        persons: Iterable[Person],
        roles: Iterable[Role],
        reference_words: ReferenceWords,
        *,
        version: str,
        roles_version: str,
        checked_through: date,
    ) -> None:
        self.persons = tuple(persons)
        self.roles = MappingProxyType({role.key: role for role in roles})
        self.reference_words = reference_words
        self.version = version
        self.roles_version = roles_version
        self.checked_through = checked_through
        self._by_id = MappingProxyType({person.id: person for person in self.persons})
        aliases: dict[str, list[Person]] = defaultdict(list)
        tokens: dict[str, list[Person]] = defaultdict(list)
        posts: dict[tuple[str, str], list[tuple[Office, Person]]] = defaultdict(list)
        for person in self.persons:
            for name in person.names:
                bucket = aliases[alias_key(name)]
                if person not in bucket:
                    bucket.append(person)
                for token in fold(name).replace("-", " ").split():
                    if person not in tokens[token]:
                        tokens[token].append(person)
            for office in person.offices:
                posts[(office.country, office.role)].append((office, person))
        self._by_alias = MappingProxyType({key: tuple(value) for key, value in aliases.items()})
        self._by_token = MappingProxyType({key: tuple(value) for key, value in tokens.items()})
        self._by_post = MappingProxyType(
            {key: tuple(sorted(value, key=lambda pair: pair[0].start)) for key, value in posts.items()}
        )

    def __repr__(self) -> str:
        return (
            f"OfficeHolders(version={self.version!r}, persons={len(self.persons)}, roles={len(self.roles)})"
        )

    def person(self, person_id: str) -> Person:
        """The person with this id.

        Raises:
            KeyError: No such id.
        """
        return self._by_id[person_id]

    def get(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        return self._by_id.get(person_id)

    def by_alias(self, surface: str) -> tuple[Person, ...]:
        """Persons one of whose names is ``surface`` (see :func:`alias_key`)."""
        return self._by_alias.get(alias_key(surface), ())

    def by_name_token(self, token: str) -> tuple[Person, ...]:
        """Persons one of whose names contains the word ``token`` ("Lavrov", "Kim").

        Hyphenated name parts count as words, so "jong" finds "Kim Jong-un".
        """
        return self._by_token.get(fold(token), ())

    def holders(self, country: str, role: str, on: date) -> tuple[Person, ...]:
        """Who held ``role`` in ``country`` on day ``on``, earliest appointed first.

        Raises:
            KeyError: ``role`` is not a known role key (a caller's typo, not a data gap).
        """
        if role not in self.roles:
            raise KeyError(f"unknown role {role!r}; known roles are listed in {ROLES_FILE}")
        found: list[Person] = []
        for office, person in self._by_post.get((country, role), ()):
            if office.covers(on) and person not in found:
                found.append(person)
        return tuple(found)

    def offices_on(self, person: Person | str, on: date) -> tuple[Office, ...]:
        """All offices ``person`` (or a person id) held on ``on``, most senior first."""
        target = self._by_id[person] if isinstance(person, str) else person
        return tuple(sorted(target.offices_on(on), key=lambda office: self.roles[office.role].rank))

    def role_of(self, person: Person | str, on: date) -> Office | None:
        """The most senior office ``person`` (or a person id) held on ``on``, or None."""
        offices = self.offices_on(person, on)
        return offices[0] if offices else None

    def titles(self) -> Iterator[tuple[Title, Role]]:
        """Every title phrase with its country restriction and role, for the recogniser."""
        for role in self.roles.values():
            for title in role.titles:
                yield title, role

    def title_phrases(self) -> Iterator[tuple[str, Role]]:
        """Every (phrase, role) pair; see :meth:`Role.countries_for` for country limits."""
        seen: set[tuple[str, str]] = set()
        for title, role in self.titles():
            if (title.phrase, role.key) not in seen:
                seen.add((title.phrase, role.key))
                yield title.phrase, role

    def countries(self) -> frozenset[str]:
        """Every jurisdiction with at least one office (ISO3 codes and IGO codes)."""
        return frozenset(country for country, _ in self._by_post)


# ----------------------------------------------------------------------------------------------
# Parsing and validation


def _strings(value: Any, where: str, field: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ResourceError(f"{where}: '{field}' must be a list of non-empty strings")
    if not value and not allow_empty:
        raise ResourceError(f"{where}: '{field}' must not be empty")
    return tuple(dict.fromkeys(item.strip() for item in value))


def _unknown_keys(table: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ResourceError(f"{where}: unknown key(s) {', '.join(extra)}")


def _country_list(value: Any, where: str) -> tuple[str, ...]:
    countries = _strings(value, where, "countries")
    for country in countries:
        if not (_ISO3.fullmatch(country) or _IGO.fullmatch(country)):
            raise ResourceError(f"{where}: country {country!r} is not an ISO3 or CAMEO IGO code")
    return countries


def _parse_roles(data: Mapping[str, Any], name: str) -> tuple[tuple[Role, ...], ReferenceWords]:
    entries = data.get("role")
    if not isinstance(entries, list) or not entries:
        raise ResourceError(f"{name}: expected one or more [[role]] tables")
    roles: list[Role] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{name}: role #{index + 1}"
        if not isinstance(entry, dict):
            raise ResourceError(f"{where}: must be a table")
        key = entry.get("key")
        if not isinstance(key, str) or not _ROLE_KEY.fullmatch(key):
            raise ResourceError(f"{where}: 'key' must be a snake_case string, got {key!r}")
        where = f"{name}: role {key!r}"
        _unknown_keys(entry, _ROLE_KEYS, where)
        if key in seen:
            raise ResourceError(f"{where}: duplicate role key")
        seen.add(key)
        agent = entry.get("agent")
        if not isinstance(agent, str) or not _AGENT.fullmatch(agent):
            raise ResourceError(f"{where}: 'agent' must be a CAMEO agent code such as GOV, got {agent!r}")
        description = entry.get("description", "")
        multi = entry.get("multi_holder", False)
        if not isinstance(description, str) or not isinstance(multi, bool):
            raise ResourceError(f"{where}: 'description' must be a string and 'multi_holder' a boolean")
        titles = [
            Title(phrase) for phrase in _strings(entry.get("titles", []), where, "titles", allow_empty=True)
        ]
        country_titles = entry.get("country_titles", [])
        if not isinstance(country_titles, list):
            raise ResourceError(f"{where}: 'country_titles' must be an array of tables")
        for sub_index, sub in enumerate(country_titles):
            sub_where = f"{where} country_titles #{sub_index + 1}"
            if not isinstance(sub, dict):
                raise ResourceError(f"{sub_where}: must be a table")
            _unknown_keys(sub, _COUNTRY_TITLE_KEYS, sub_where)
            countries = _country_list(sub.get("countries"), sub_where)
            titles.extend(
                Title(phrase, countries) for phrase in _strings(sub.get("titles"), sub_where, "titles")
            )
        roles.append(Role(key, agent, description, multi, tuple(titles), len(roles)))
    reference = data.get("person_reference")
    if not isinstance(reference, dict):
        raise ResourceError(f"{name}: missing [person_reference] table")
    _unknown_keys(reference, _REFERENCE_KEYS, f"{name}: [person_reference]")
    words = {
        field: _strings(reference.get(field), f"{name}: [person_reference]", field)
        for field in sorted(_REFERENCE_KEYS)
    }
    return tuple(roles), ReferenceWords(**words)


def _day(value: Any, where: str, field: str) -> date:
    # TOML local dates arrive as date objects; ISO strings are accepted too.
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ResourceError(f"{where}: '{field}' must be a date (YYYY-MM-DD), got {value!r}")


def _parse_office(entry: Any, person_country: str, roles: Mapping[str, Role], where: str) -> list[Office]:
    if not isinstance(entry, dict):
        raise ResourceError(f"{where}: must be an inline table")
    _unknown_keys(entry, _OFFICE_KEYS, where)
    raw_roles = entry.get("role")
    keys = [raw_roles] if isinstance(raw_roles, str) else raw_roles
    if not isinstance(keys, list) or not keys or not all(isinstance(key, str) for key in keys):
        raise ResourceError(f"{where}: 'role' must be a role key or a list of role keys")
    for key in keys:
        if key not in roles:
            raise ResourceError(f"{where}: unknown role {key!r} (not in {ROLES_FILE})")
    country = entry.get("country", person_country)
    if not isinstance(country, str) or not (_ISO3.fullmatch(country) or _IGO.fullmatch(country)):
        raise ResourceError(f"{where}: country {country!r} is not an ISO3 or CAMEO IGO code")
    start = _day(entry.get("start"), where, "start")
    end = None if entry.get("end") is None else _day(entry["end"], where, "end")
    if end is not None and end <= start:
        raise ResourceError(f"{where}: end {end} is not after start {start} (end is the hand-over day)")
    approximate = entry.get("approximate", False)
    if not isinstance(approximate, bool):
        raise ResourceError(f"{where}: 'approximate' must be true or false")
    return [Office(key, country, start, end, approximate) for key in keys]


def _parse_person(entry: Any, index: int, roles: Mapping[str, Role], name: str) -> Person:
    if not isinstance(entry, dict):
        raise ResourceError(f"{name}: person #{index + 1}: must be a table")
    person_id = entry.get("id")
    if not isinstance(person_id, str) or not _PERSON_ID.fullmatch(person_id):
        raise ResourceError(f"{name}: person #{index + 1}: 'id' must be a lower-case slug, got {person_id!r}")
    where = f"{name}: person {person_id!r}"
    _unknown_keys(entry, _PERSON_KEYS, where)
    canonical = entry.get("name")
    if not isinstance(canonical, str) or not canonical.strip():
        raise ResourceError(f"{where}: 'name' (canonical English name) is required")
    country = entry.get("country")
    if not isinstance(country, str) or not (_ISO3.fullmatch(country) or _IGO.fullmatch(country)):
        raise ResourceError(f"{where}: country {country!r} is not an ISO3 code")
    names = _strings(entry.get("names", []), where, "names", allow_empty=True)
    names = tuple(dict.fromkeys((canonical.strip(), *names)))
    raw_offices = entry.get("offices", [])
    if not isinstance(raw_offices, list):
        raise ResourceError(f"{where}: 'offices' must be an array of inline tables")
    offices: list[Office] = []
    for office_index, raw in enumerate(raw_offices):
        offices.extend(_parse_office(raw, country, roles, f"{where} office #{office_index + 1}"))
    return Person(person_id, canonical.strip(), country, names, tuple(offices))


def _check_overlaps(persons: Iterable[Person], roles: Mapping[str, Role], name: str) -> None:
    """Single-holder roles: no two tenures in one country may overlap."""
    posts: dict[tuple[str, str], list[tuple[Office, Person]]] = defaultdict(list)
    for person in persons:
        for office in person.offices:
            if not roles[office.role].multi_holder:
                posts[(office.country, office.role)].append((office, person))
    for (country, role), tenures in posts.items():
        tenures.sort(key=lambda pair: pair[0].start)
        for (earlier, first), (later, second) in pairwise(tenures):
            if earlier.end is None or later.start < earlier.end:
                raise ResourceError(
                    f"{name}: person {second.id!r}: {role} of {country} from {later.start} overlaps "
                    f"person {first.id!r} ({earlier.start} to {earlier.end or 'open'}); "
                    f"fix the dates or declare the role multi_holder"
                )


def _parse_holders(data: Mapping[str, Any], roles: Mapping[str, Role], name: str) -> tuple[Person, ...]:
    entries = data.get("person")
    if not isinstance(entries, list) or not entries:
        raise ResourceError(f"{name}: expected one or more [[person]] tables")
    persons: list[Person] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        person = _parse_person(entry, index, roles, name)
        if person.id in seen:
            raise ResourceError(f"{name}: person {person.id!r}: duplicate id")
        seen.add(person.id)
        persons.append(person)
    _check_overlaps(persons, roles, name)
    return tuple(persons)


def _read(source: str | Path | None, default: str) -> tuple[dict[str, Any], str]:
    if source is None:
        return load_toml(DATA_PACKAGE, default), f"{DATA_PACKAGE}/{default}"
    if isinstance(source, Path):
        return load_toml_path(source), str(source)
    return parse_toml(source, f"<{default} text>"), f"<{default} text>"


@lru_cache(maxsize=8)
def load_office_holders(
    source: str | Path | None = None, roles_source: str | Path | None = None
) -> OfficeHolders:
    """Load and validate the office-holder knowledge base.

    Args:
        source: None for the packaged ``office_holders.toml``; a ``Path`` to read a file;
            a ``str`` holding TOML text (tests, overrides).
        roles_source: The same for ``roles.toml``.

    Raises:
        ResourceError: A file is missing or malformed; the message names the file and entry.
    """
    roles_data, roles_name = _read(roles_source, ROLES_FILE)
    roles, reference = _parse_roles(roles_data, roles_name)
    role_map = {role.key: role for role in roles}
    data, name = _read(source, HOLDERS_FILE)
    persons = _parse_holders(data, role_map, name)
    checked = data.get("checked_through")
    if checked is None:
        raise ResourceError(f"{name}: missing top-level 'checked_through' date")
    return OfficeHolders(
        persons,
        roles,
        reference,
        version=str(data["version"]),
        roles_version=str(roles_data["version"]),
        checked_through=_day(checked, name, "checked_through"),
    )
