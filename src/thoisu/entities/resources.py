"""Building the recogniser from the Vietnamese language resources.

This is the one place that knows both the recogniser's needs (lexicon
entries, a knowledge base, compound shorts) and the shape of the ``vi``
resource loaders; a new language adds its own builder beside this one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache

from thoisu.entities.knowledge import PersonInfo, Tenure
from thoisu.entities.lexicon import LexEntry, Lexicon
from thoisu.entities.recognise import Recogniser, shorts_from
from thoisu.lang.vi.cues import NameCues, load_name_cues
from thoisu.lang.vi.gazetteer import Gazetteer, load_gazetteer
from thoisu.lang.vi.officeholders import OfficeHolders, Person, load_office_holders

#: Remembered (person, day) offices before the memo is reset; bounds memory on long runs.
_TENURE_CACHE = 50_000

#: "nhà lãnh đạo Triều Tiên": the first of these roles with a holder on the day.
LEADER_ROLES = ("supreme_leader", "party_leader", "head_of_state", "head_of_government")


class OfficeKnowledge:
    """The recogniser's view of :class:`OfficeHolders` (see :class:`KnowledgeBase`)."""

    def __init__(self, holders: OfficeHolders) -> None:
        self._holders = holders
        self._people = {p.id: _info(p) for p in holders.persons}
        # The same few people recur on the same few days across a corpus: remember their offices.
        self._tenures: dict[tuple[str, date], Tenure | None] = {}

    def person(self, person_id: str) -> PersonInfo:
        """The person with this id."""
        return self._people[person_id]

    def holders(self, country: str, role: str, on: date) -> Sequence[PersonInfo]:
        """Holders of ``role`` (or of the leading role, for the pseudo-role ``leader``)."""
        if role == "leader":
            for leading in LEADER_ROLES:
                found = self.holders(country, leading, on)
                if found:
                    return found
            return ()
        if role not in self._holders.roles:
            return ()
        return [self._people[p.id] for p in self._holders.holders(country, role, on)]

    def tenure(self, person_id: str, on: date) -> Tenure | None:
        """The most senior office held on ``on``."""
        key = (person_id, on)
        if key in self._tenures:
            return self._tenures[key]
        office = self._holders.role_of(person_id, on)
        tenure = None
        if office is not None:
            own = self._people[person_id].country
            jurisdiction = office.country if office.country != own else None
            tenure = Tenure(office.role, self._holders.roles[office.role].agent, jurisdiction)
        if len(self._tenures) >= _TENURE_CACHE:
            self._tenures.clear()
        self._tenures[key] = tenure
        return tenure

    def by_name_token(self, token: str) -> Sequence[PersonInfo]:
        """Persons with ``token`` among the words of one of their names."""
        return [self._people[p.id] for p in self._holders.by_name_token(token)]


def _info(person: Person) -> PersonInfo:
    return PersonInfo(person.id, person.canonical, person.country, person.names)


def office_entries(holders: OfficeHolders) -> Iterator[tuple[str, LexEntry]]:
    """Lexicon entries for persons, title phrases and person-reference words."""
    for person in holders.persons:
        entry = LexEntry("person", "PER", person.canonical, person.country, person_id=person.id)
        for name in person.names:
            yield name, entry
    for title, role in holders.titles():
        yield (
            title.phrase,
            LexEntry(
                "title",
                "PER",
                role.key,
                role=role.key,
                agent=role.agent,
                cased=False,
                countries=title.countries,
            ),
        )
    words = holders.reference_words
    for word in words.honorifics:
        yield word, LexEntry("honorific", "PER", word, cased=False)
    for word in words.leaders:
        yield word, LexEntry("title", "PER", "leader", role="leader", agent="GOV", cased=False)
    for word in words.counterparts:
        yield word, LexEntry("title", "PER", "counterpart", role="counterpart", agent="GOV", cased=False)


def gazetteer_entries(gazetteer: Gazetteer) -> Iterator[tuple[str, LexEntry]]:
    """Lexicon entries for places, states, organisations, agencies and blocker phrases."""
    for surface, entry in gazetteer.entries():
        if "(" in surface:
            continue  # "Name (ACRONYM)": the name and the acronym are matched as two mentions
        yield (
            surface,
            LexEntry(
                entry.kind,
                entry.type,
                entry.canonical,
                entry.country,
                entry.actor,
                agent=entry.agent,
                cased=entry.cased,
                alternatives=entry.alternatives,
                exact=entry.exact,
            ),
        )
    for phrase in gazetteer.blockers:
        yield phrase, LexEntry("blocker", "LOC", phrase, cased=False)


def cue_entries(cues: NameCues) -> Iterator[tuple[str, LexEntry]]:
    """Lexicon entries for the words that introduce unknown names."""
    for cue in cues.cues:
        for word in cue.before:
            yield word, LexEntry("cue", cue.type, word, role="before", cased=False, skip=cue.skip)
        for word in cue.heads:
            yield word, LexEntry("cue", cue.type, word, role="head")


@lru_cache(maxsize=2)
def build_recogniser() -> Recogniser:
    """The recogniser over the packaged Vietnamese resources (built once per process)."""
    holders = load_office_holders()
    gazetteer = load_gazetteer()
    cues = load_name_cues()
    entries = [*gazetteer_entries(gazetteer), *office_entries(holders), *cue_entries(cues)]
    version = (
        f"gazetteer={gazetteer.version};office_holders={holders.version};"
        f"roles={holders.roles_version};cues={cues.version}"
    )
    return Recogniser(
        Lexicon(entries, version),
        OfficeKnowledge(holders),
        shorts_from(gazetteer.shorts()),
        name_organ=gazetteer.national_organ,
        home_country=gazetteer.home_country,
    )
