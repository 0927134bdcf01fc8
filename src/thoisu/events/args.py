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
from typing import Final, Literal

from thoisu.lang.vi.triggers import Grammar, Role
from thoisu.model import Mention

PhraseKind = Literal["actor", "place", "agency", "dyad", "dyadref", "pronoun"]
_IGO_PREFIXES: Final = ("IGO", "NGO", "MNC")
_GAP_LIMIT: Final = 40  # characters of titles between two mentions of one phrase


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

    # Written out: mypyc compiles an explicit ``__init__``, while the one ``dataclass`` generates
    # stays interpreted (several times slower, and parties are made for every trigger).
    def __init__(self, level: str, actor: str | None = None, person: str | None = None) -> None:
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "actor", actor)
        object.__setattr__(self, "person", person)


_WORD: Final = re.compile(r"\w+")
# Marks that end a piece of text after a word ("Nam,", "Mỹ."): such a piece is read without the regex.
_TRAILING: Final = frozenset(',.;:)"!?')
# Marks found around words (none is a word character): stripped before a piece is read as one word.
_MARKS: Final = frozenset(",.;:!?\"'()[]{}«»“”‘’-–—…/%")


@dataclass(slots=True)
class Tokens:
    """The words of a sentence's matching key: parallel lists of starts, ends and folded texts."""

    starts: list[int]
    ends: list[int]
    texts: list[str]

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:  # see Party
        self.starts = starts
        self.ends = ends
        self.texts = texts

    @classmethod
    def of(cls, key: str) -> Tokens:
        """Tokenise a matching key into words (letters and digits: the runs of word characters)."""
        # Pieces between single spaces (a key has no other whitespace, bar rare kinds) are mostly one
        # word, or one word and a comma or full stop: those are read with string tests alone; only
        # the rest ("21/3", "(afp)", '"đài', a rare space character) goes to the regex.
        starts: list[int] = []
        ends: list[int] = []
        texts: list[str] = []
        end = -1
        for piece in key.split(" "):
            at = end + 1
            end = at + len(piece)
            if not piece:
                continue
            if piece.isalnum():
                starts.append(at)
                ends.append(end)
                texts.append(piece)
            elif piece[-1] in _TRAILING and piece[:-1].isalnum():
                starts.append(at)
                ends.append(end - 1)
                texts.append(piece[:-1])
            else:
                # Marks around one word ('"đài', "(afp)", 'thuận",') or marks alone ("-"): strip them.
                low, high = 0, len(piece)
                while low < high and piece[low] in _MARKS:
                    low += 1
                while high > low and piece[high - 1] in _MARKS:
                    high -= 1
                if low == high:
                    continue  # no word
                core = piece[low:high]
                if core.isalnum():
                    starts.append(at + low)
                    ends.append(at + high)
                    texts.append(core)
                    continue
                for match in _WORD.finditer(key, at + low, at + high):  # "jong-un", "21/3", "1.600"
                    starts.append(match.start())
                    ends.append(match.end())
                    texts.append(match.group())
        return Tokens(starts, ends, texts)  # (not ``cls``: compiled, a direct call is cheaper)

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

    def __init__(  # see Party
        self,
        start: int,
        end: int,
        kind: PhraseKind,
        party: Party | None = None,
        pair: tuple[Party, Party] | None = None,
        place: str | None = None,
        city: str | None = None,
        source_name: str | None = None,
        has_person: bool = False,
        with_persons: bool = False,
        role: Role | None = None,
        marker_at: int = -1,
        coordinated: bool = False,
        late_genitive: bool = False,
        generic: bool = False,
        consumed: bool = False,
        mentions: list[Mention] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.party = party
        self.pair = pair
        self.place = place
        self.city = city
        self.source_name = source_name
        self.has_person = has_person
        self.with_persons = with_persons
        self.role = role
        self.marker_at = marker_at
        self.coordinated = coordinated
        self.late_genitive = late_genitive
        self.generic = generic
        self.consumed = consumed
        self.mentions = mentions if mentions is not None else []

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


@dataclass(slots=True, frozen=True)
class Named:
    """A mention's fields, read once per article.

    Phrases and the coder read each mention's fields many times; a model object's attributes are
    looked up by name, while this record's are read directly (compiled), and its level is computed
    once.
    """

    mention: Mention
    start: int
    end: int
    type: str
    actor: str | None
    country: str | None
    canonical: str | None
    role: str | None
    level: str | None

    def __init__(self, mention: Mention) -> None:
        span = mention.span
        object.__setattr__(self, "mention", mention)
        object.__setattr__(self, "start", span.start)
        object.__setattr__(self, "end", span.end)
        object.__setattr__(self, "type", mention.type)
        object.__setattr__(self, "actor", mention.actor)
        object.__setattr__(self, "country", mention.country)
        object.__setattr__(self, "canonical", mention.canonical)
        object.__setattr__(self, "role", mention.role)
        object.__setattr__(self, "level", level_of(mention))


def _joinable(text: str, end: int, start: int, base: int) -> bool:
    """Whether only titles (capitalised words) and brackets separate two mentions."""
    if start <= end:
        return True
    if start - end > _GAP_LIMIT:
        return False
    gap = text[end - base : start - base].replace("(", " ").replace(")", " ")
    tokens = gap.split()
    return len(tokens) <= 6 and all(token[0].isupper() for token in tokens)


def _span_order(named: Named) -> tuple[int, int]:
    return named.start, -named.end


def ascending(mentions: list[Named]) -> bool:
    """Whether the mentions start at strictly increasing offsets (then any sort by start keeps them)."""
    return all(mentions[index - 1].start < mentions[index].start for index in range(1, len(mentions)))


def _group(text: str, mentions: list[Named], base: int) -> list[list[Named]]:
    if len(mentions) < 2:
        return [[mention] for mention in mentions]  # nothing to join
    groups: list[list[Named]] = []
    group_end = -1
    for mention in mentions if ascending(mentions) else sorted(mentions, key=_span_order):
        agency = mention.role == "news_agency"
        if (
            groups
            and not agency
            and groups[-1][-1].role != "news_agency"
            and _joinable(text, group_end, mention.start, base)
        ):
            groups[-1].append(mention)
        else:
            groups.append([mention])
        group_end = max(group_end, mention.end) if len(groups[-1]) > 1 else mention.end
    return groups


def _phrase_of(group: list[Named], base: int) -> Phrase | None:
    # One pass over the group finds the last mention of each sort; the order of the checks below
    # decides which sort the phrase takes.
    start = end = -1
    agency = False
    canonical: str | None = None  # the first one given
    person: Named | None = None
    organisation: Named | None = None
    dyad: Named | None = None
    actor: Named | None = None
    place: Named | None = None
    person_level = organisation_level = actor_level = ""
    for m in group:
        if start < 0 or m.start < start:
            start = m.start
        if m.end > end:
            end = m.end
        if m.role == "news_agency":
            agency = True
        if canonical is None and m.canonical:
            canonical = m.canonical
        level = m.level
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
    mentions = [m.mention for m in group]
    if agency:
        return Phrase(start, end, "agency", source_name=canonical, mentions=mentions)
    source_name = organisation.canonical if organisation is not None else None
    if person is not None:
        party = Party(person_level, person.actor, person.canonical)
        return Phrase(start, end, "actor", party, source_name=source_name, has_person=True, mentions=mentions)
    if organisation is not None:
        party = Party(organisation_level, organisation.actor)
        return Phrase(start, end, "actor", party, source_name=source_name, mentions=mentions)
    if dyad is not None:
        first, _, second = (dyad.canonical or "").partition("-")
        if len(first) == 3 and len(second) == 3:
            return Phrase(start, end, "dyad", pair=(Party(first), Party(second)), mentions=mentions)
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
            mentions=mentions,
        )
    if place is not None:
        last = place
        city = last.canonical if last.type == "LOC" or last.role == "place" else None
        return Phrase(start, end, "place", place=last.country, city=city, mentions=mentions)
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
    return build_named_phrases(text, words, [Named(m) for m in mentions], grammar, blocked, base)


def build_named_phrases(
    text: str,
    words: Tokens,
    mentions: list[Named],
    grammar: Grammar,
    blocked: Sequence[tuple[int, int]] = (),
    base: int = 0,
    present: int = -1,
) -> list[Phrase]:
    """:func:`build_phrases` over mentions read once (see :class:`Named`).

    ``present`` is the sentence's ``Grammar.heads_present`` mask when known: without a dyad word
    or a pronoun in the sentence, its words need no reading.
    """
    groups = _group(text, mentions, base)
    phrases = [p for p in (_phrase_of(group, base) for group in groups) if p is not None]
    covered = [(p.start, p.end) for p in phrases] + list(blocked)
    texts = words.texts
    heads = grammar.party_word_heads
    dyad_bit, pronoun_bit = grammar.dyad.bit, grammar.pronouns.bit
    unread = dyad_bit and pronoun_bit and not present & (dyad_bit | pronoun_bit)  # neither kind of word
    index = 0  # the first word not yet read
    for position in range(0 if unread else len(texts)):
        head = texts[position]
        if position < index or head not in heads:
            continue  # inside a dyad word or pronoun already read, or opening none
        index = position
        dyad = grammar.dyad.at(texts, index) if head in grammar.dyad.heads else None
        if dyad is not None:
            last = index + len(dyad)
            start, end = words.starts[index], words.ends[last - 1]
            ahead = texts[last : last + 6]
            breaks = grammar.dyad_breakers.first_in(ahead) is not None
            if _free(covered, start, end) and not breaks:
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
            if _free(covered, start, end) and not names_someone:
                phrases.append(Phrase(start, end, "pronoun"))
            index = last
    phrases.sort(key=lambda p: p.start)
    return phrases


def _free(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(start < c_end and c_start < end for c_start, c_end in covered)


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
    ends = sorted([end for _, end in element_ends])
    starts, word_ends, texts = words.starts, words.ends, words.texts
    skipped: set[int] = set()
    for skip_start, skip_end in skip:
        skipped.update(range(bisect.bisect_left(starts, skip_start), bisect.bisect_left(starts, skip_end)))
    longest = grammar.longest_marker
    markers = grammar.marker_table
    marker_heads = grammar.marker_heads
    indefinites = grammar.indefinites
    position = 0  # elements ending at or before the phrase (``bisect_right(ends, phrase.start)``)
    high = 0  # words starting before the phrase (``bisect_left(starts, phrase.start)``)
    for phrase in phrases:
        phrase_start = phrase.start
        # Phrases come in order, so both counts only grow: a step or two from the last phrase's
        # (out of order, they are searched afresh).
        if position and ends[position - 1] > phrase_start:
            position = bisect.bisect_right(ends, phrase_start)
        while position < len(ends) and ends[position] <= phrase_start:
            position += 1
        if high and starts[high - 1] >= phrase_start:
            high = bisect.bisect_left(starts, phrase_start)
        while high < len(starts) and starts[high] < phrase_start:
            high += 1
        previous_end = ends[position - 1] if position else -1
        # A marker governs only what follows it up to a comma: "Trong ngày 21/3, ông Kim" has none.
        comma = text.rfind(",", previous_end if previous_end > 0 else 0, phrase_start)
        gap_start = comma + 1 if comma >= previous_end else previous_end
        low = high  # the first word starting at or after the gap's start (a few words back at most)
        while low and starts[low - 1] >= gap_start:
            low -= 1
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


_TITLE_WORDS: Final = 5  # "Chủ tịch Quốc hội", "Bộ trưởng Quốc phòng Nhật Bản": a title before a listed name


def _title_after_comma(between: str) -> bool:
    """A comma then a title (", Thủ tướng Phạm Minh Chính": capitalised, no marker) still lists a name."""
    if not between.startswith(","):
        return False
    rest = between[1:].split()
    return 0 < len(rest) <= _TITLE_WORDS and rest[0][:1].isupper()
