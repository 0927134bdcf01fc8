"""Noun phrases around triggers and the roles their function words give them.

The entity stage emits mentions; an event needs *parties*. This module turns
the mentions of one sentence into phrases ("Chủ tịch Trung Quốc Tập Cận Bình"
is one phrase: the modifier "Trung Quốc" and the person belong together),
adds the words that stand for parties without naming them ("hai bên", "ông"),
and reads the function word in front of each phrase ("với", "của", "tới",
"giữa", "bị" ...): Vietnamese marks roles with such words and word order, not
with inflection, so that marker is what tells a source from a target.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter
from typing import Literal

from thoisu.lang.vi.triggers import Grammar, Role
from thoisu.model import Mention

PhraseKind = Literal["actor", "place", "agency", "dyad", "dyadref", "pronoun"]
_IGO_PREFIXES = ("IGO", "NGO", "MNC")
_GAP_LIMIT = 40  # characters of titles between two mentions of one phrase


@dataclass(slots=True, frozen=True)
class Party:
    """One side of an event.

    Attributes:
        level: Country-level code: ISO3, or a CAMEO IGO/NGO code ("IGOUNO").
        actor: The finer CAMEO-style code ("CHNGOV"), when known.
        person: Canonical English name of the person, when a person was named.
    """

    level: str
    actor: str | None = None
    person: str | None = None


_NON_WORD = re.compile(r"(\W+)")  # captured, so that split keeps the separators


@dataclass(slots=True)
class Tokens:
    """The words of a sentence's matching key: parallel lists of starts, ends and folded texts."""

    starts: list[int]
    ends: list[int]
    texts: list[str]

    @classmethod
    def of(cls, key: str) -> Tokens:
        """Tokenise a matching key into words (letters and digits)."""
        # Splitting on the non-word runs and summing lengths does in C what a loop over
        # ``finditer`` spans does in Python: even pieces are the words, the sums their offsets.
        pieces = _NON_WORD.split(key)
        bounds = list(accumulate(map(len, pieces), initial=0))
        texts, starts, ends = pieces[0::2], bounds[0:-1:2], bounds[1::2]
        if not texts[-1]:  # the key ends with a non-word run (or is empty)
            del texts[-1], starts[-1], ends[-1]
        if texts and not texts[0]:  # the key starts with one
            del texts[0], starts[0], ends[0]
        return cls(starts, ends, texts)

    def __len__(self) -> int:
        return len(self.texts)

    def index_at(self, char: int) -> int:
        """Index of the first word starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)


@dataclass(slots=True)
class Phrase:
    """A noun phrase that can fill an event role, with the marker in front of it.

    Attributes:
        start / end: Characters of the article text it covers.
        kind: actor, place (a location only), agency (a cited news agency: never an actor),
            dyad (a compound such as "Trung-Triều"), dyadref ("hai bên") or pronoun ("ông").
        party: The party it stands for (actors).
        pair: The two parties of a dyad compound.
        place / city: Where it is, when it names a place (capitals are both actor and place).
        source_name: The name an attribution uses ("KCNA", "Chinese Foreign Ministry").
        has_person: Whether a person is named in it.
        with_persons: For dyad references, whether they stand for the dyad's persons too.
        role: The role its marker gives it (None: subject or direct object position).
        marker_at: Index of the marker word in the gap before the phrase (-1 without one).
        coordinated: Joined to the phrase before it by "và" or a comma.
        late_genitive: "của" follows other words in front of it ("chuyến thăm cấp nhà nước của X"):
            after an event noun that is still its agent, after a person noun it is not.
        generic: Named with an indefinite article ("ủng hộ một Việt Nam mạnh", "chính sách một
            Trung Quốc"): a vision or a doctrine, not the state acting or acted on.
        consumed: Already used as an argument (an object is not a later verb's subject).
    """

    start: int
    end: int
    kind: PhraseKind
    party: Party | None = None
    pair: tuple[Party, Party] | None = None
    place: str | None = None
    city: str | None = None
    source_name: str | None = None
    has_person: bool = False
    with_persons: bool = False
    role: Role | None = None
    marker_at: int = -1
    coordinated: bool = False
    late_genitive: bool = False
    generic: bool = False
    consumed: bool = False
    mentions: list[Mention] = field(default_factory=list)

    @property
    def is_actor(self) -> bool:
        """Whether it can fill a source or target role."""
        return self.kind in ("actor", "dyad", "dyadref", "pronoun") and not self.generic

    @property
    def country(self) -> str | None:
        """The country it stands for or lies in."""
        if self.party is not None:
            return self.party.level
        return self.place


def level_of(mention: Mention) -> str | None:
    """The country-level code of a mention: ISO3, or the IGO/NGO code for an organisation."""
    actor = mention.actor
    if actor and actor.startswith(_IGO_PREFIXES):
        return actor
    if mention.country:
        return mention.country
    if actor and len(actor) >= 3 and actor[:3].isalpha() and actor[:3].isupper():
        return actor[:3]
    return None


def _joinable(text: str, end: int, start: int, base: int) -> bool:
    """Whether only titles (capitalised words) and brackets separate two mentions."""
    if start <= end:
        return True
    if start - end > _GAP_LIMIT:
        return False
    gap = text[end - base : start - base].replace("(", " ").replace(")", " ")
    tokens = gap.split()
    return len(tokens) <= 6 and all(map(str.isupper, map(itemgetter(0), tokens)))


def _group(text: str, mentions: Sequence[Mention], base: int) -> list[list[Mention]]:
    if len(mentions) < 2:
        return [[mention] for mention in mentions]  # nothing to join
    groups: list[list[Mention]] = []
    group_end = -1
    for mention in sorted(mentions, key=lambda m: (m.span.start, -m.span.end)):
        agency = mention.role == "news_agency"
        if (
            groups
            and not agency
            and groups[-1][-1].role != "news_agency"
            and _joinable(text, group_end, mention.span.start, base)
        ):
            groups[-1].append(mention)
        else:
            groups.append([mention])
        group_end = max(group_end, mention.span.end) if len(groups[-1]) > 1 else mention.span.end
    return groups


def _phrase_of(group: list[Mention], base: int) -> Phrase | None:
    # One pass over the group finds the last mention of each sort (and each mention's level once);
    # the order of the checks below decides which sort the phrase takes.
    start = end = -1
    agency = False
    canonical: str | None = None  # the first one given
    person: Mention | None = None
    organisation: Mention | None = None
    dyad: Mention | None = None
    actor: Mention | None = None
    place: Mention | None = None
    person_level = organisation_level = actor_level = ""
    for m in group:
        span = m.span
        if start < 0 or span.start < start:
            start = span.start
        if span.end > end:
            end = span.end
        if m.role == "news_agency":
            agency = True
        if canonical is None and m.canonical:
            canonical = m.canonical
        level = level_of(m)
        if level:
            if m.type == "PER":
                person, person_level = m, level
            elif m.type == "ORG":
                organisation, organisation_level = m, level
            if m.actor:
                actor, actor_level = m, level
        if m.role == "dyad" and m.canonical and "-" in m.canonical:
            dyad = m
        if m.country and not m.actor:
            place = m
    start -= base
    end -= base
    if agency:
        return Phrase(start, end, "agency", source_name=canonical, mentions=group)
    source_name = organisation.canonical if organisation is not None else None
    if person is not None:
        party = Party(person_level, person.actor, person.canonical)
        return Phrase(start, end, "actor", party, source_name=source_name, has_person=True, mentions=group)
    if organisation is not None:
        party = Party(organisation_level, organisation.actor)
        return Phrase(start, end, "actor", party, source_name=source_name, mentions=group)
    if dyad is not None:
        first, _, second = (dyad.canonical or "").partition("-")
        if len(first) == 3 and len(second) == 3:
            return Phrase(start, end, "dyad", pair=(Party(first), Party(second)), mentions=group)
    if actor is not None:
        last = actor
        level = actor_level
        is_city = last.role in ("capital", "metonym")
        return Phrase(
            start,
            end,
            "actor",
            Party(level, last.actor),
            place=last.country if is_city else None,
            city=last.canonical if last.role == "capital" else None,
            mentions=group,
        )
    if place is not None:
        last = place
        city = last.canonical if last.type == "LOC" or last.role == "place" else None
        return Phrase(start, end, "place", place=last.country, city=city, mentions=group)
    return None


def build_phrases(
    text: str,
    words: Tokens,
    mentions: Sequence[Mention],
    grammar: Grammar,
    blocked: Sequence[tuple[int, int]] = (),
    base: int = 0,
) -> list[Phrase]:
    """Phrases of one sentence: grouped mentions, dyad words and pronouns, in text order.

    Args:
        text: The article text.
        words: The sentence's words.
        mentions: The sentence's mentions.
        grammar: Grammar words (dyad words, pronouns).
        blocked: Spans (time expressions) where no dyad word or pronoun is read.
        base: Offset of ``text`` in the article: mentions carry article offsets, phrases get
            offsets into ``text``.
    """
    groups = _group(text, mentions, base)
    phrases = [p for p in (_phrase_of(group, base) for group in groups) if p is not None]
    covered = [(p.start, p.end) for p in phrases] + list(blocked)

    def free(start: int, end: int) -> bool:
        return not any(start < c_end and c_start < end for c_start, c_end in covered)

    texts = words.texts
    heads = grammar.dyad.heads | grammar.pronouns.heads
    index = 0  # the first word not yet read
    # Only the words that may open a dyad word or a pronoun are looked at (found by C iterators).
    for position in compress(range(len(texts)), map(heads.__contains__, texts)):
        if position < index:
            continue  # inside a dyad word or pronoun already read
        index = position
        head = texts[index]
        dyad = grammar.dyad.at(texts, index) if head in grammar.dyad.heads else None
        if dyad is not None:
            last = index + len(dyad)
            start, end = words.starts[index], words.ends[last - 1]
            ahead = texts[last : last + 6]
            breaks = grammar.dyad_breakers.first_in(ahead) is not None
            if free(start, end) and not breaks:
                phrases.append(
                    Phrase(start, end, "dyadref", with_persons=tuple(dyad) in grammar.dyad_persons)
                )
            index = last
            continue
        pronoun = grammar.pronouns.at(texts, index) if head in grammar.pronouns.heads else None
        if pronoun is not None:
            last = index + len(pronoun)
            start, end = words.starts[index], words.ends[last - 1]
            following = text[end : end + 2].lstrip()
            names_someone = bool(following) and following[0].isupper()
            if free(start, end) and not names_someone:
                phrases.append(Phrase(start, end, "pronoun"))
            index = last
    phrases.sort(key=lambda p: p.start)
    return phrases


def read_markers(
    phrases: Sequence[Phrase],
    element_ends: Sequence[tuple[int, int]],
    words: Tokens,
    grammar: Grammar,
    text: str,
    skip: Sequence[tuple[int, int]] = (),
) -> None:
    """Set each phrase's role from the first marker word between it and the element before it.

    Args:
        phrases: The sentence's phrases, in order.
        element_ends: ``(start, end)`` of every element (phrases and triggers), in order.
        words: The sentence's words.
        grammar: Marker words.
        text: The article text (for comma coordination).
        skip: Spans (time expressions) whose words are not read as markers ("vào ngày 3/9").
    """
    ends = sorted(end for _, end in element_ends)
    starts, word_ends, texts = words.starts, words.ends, words.texts
    bisect_left = bisect.bisect_left
    skipped = {i for s, e in skip for i in range(bisect_left(starts, s), bisect_left(starts, e))}
    longest = grammar.longest_marker
    markers = grammar.markers
    marker_heads = grammar.marker_heads
    indefinites = grammar.indefinites
    for phrase in phrases:
        phrase_start = phrase.start
        position = bisect.bisect_right(ends, phrase_start)
        previous_end = ends[position - 1] if position else -1
        # A marker governs only what follows it up to a comma: "Trong ngày 21/3, ông Kim" has none.
        comma = text.rfind(",", previous_end if previous_end > 0 else 0, phrase_start)
        gap_start = comma + 1 if comma >= previous_end else previous_end
        low = bisect_left(starts, gap_start)
        high = bisect_left(starts, phrase_start)
        if high > low and (skipped or word_ends[high - 1] > phrase_start):
            gap = [texts[i] for i in range(low, high) if word_ends[i] <= phrase_start and i not in skipped]
        else:  # the usual case: nothing to leave out (word ends rise, so checking the last one will do)
            gap = texts[low:high]
        phrase.role = None
        phrase.marker_at = -1
        phrase.late_genitive = False
        phrase.generic = (
            bool(gap) and gap[-1] in indefinites.heads and indefinites.at(gap, len(gap) - 1) is not None
        )
        for index in range(len(gap)) if not marker_heads.isdisjoint(gap) else ():
            if gap[index] not in marker_heads:
                continue  # no marker starts with this word
            found: Role | None = None
            for size in range(min(longest, len(gap) - index), 0, -1):
                role = markers.get(tuple(gap[index : index + size]))
                if role is not None:
                    found = role
                    break
            if found is None:
                continue
            if found == "gen" and index > 0:
                # "các quan chức cấp cao của Bắc Kinh": the head noun stands in the phrase's place.
                phrase.late_genitive = True
                break
            phrase.role = found
            phrase.marker_at = index
            break
        between = text[previous_end : phrase.start].strip() if previous_end >= 0 else ""
        phrase.coordinated = previous_end >= 0 and (
            (phrase.role == "and" and phrase.marker_at == 0)
            or between == ","
            or (phrase.role is None and _title_after_comma(between))
        )
    # A comma joins two phrases only inside a list closed by "và" ("X, Y và Z"): "Nếu Nga tấn công
    # Ba Lan, NATO sẽ ..." is two clauses.
    for index, phrase in enumerate(phrases):
        if phrase.coordinated and phrase.role != "and":
            following = phrases[index + 1] if index + 1 < len(phrases) else None
            phrase.coordinated = following is not None and following.coordinated and following.role == "and"


_TITLE_WORDS = 5  # "Chủ tịch Quốc hội", "Bộ trưởng Quốc phòng Nhật Bản": a title before a listed name


def _title_after_comma(between: str) -> bool:
    """A comma then a title (", Thủ tướng Phạm Minh Chính": capitalised, no marker) still lists a name."""
    if not between.startswith(","):
        return False
    rest = between[1:].split()
    return 0 < len(rest) <= _TITLE_WORDS and rest[0][:1].isupper()
