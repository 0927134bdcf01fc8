"""Entity recognition and resolution for one article.

The recogniser reads a sentence as a sequence of lexicon matches and
capitalised runs, and parses the chains Vietnamese news builds around names:

    title [organ] [country] name   "Bộ trưởng Ngoại giao Trung Quốc Vương Nghị"
    title country                  "Ngoại trưởng Trung Quốc" -> holder on the article's date
    title|honorific surname        "Trưởng Ban Đối ngoại Kim", "ông Lavrov" -> coreference
    organ country                  "Bộ Ngoại giao Trung Quốc" -> CHNGOV

Known names resolve through the knowledge base; unknown names take the
country of the chain that introduces them, or of their shape and the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from thoisu.entities.knowledge import KnowledgeBase, PersonInfo
from thoisu.entities.lexicon import LexEntry, Lexicon, Match, match_key
from thoisu.entities.names import looks_like_name, name_shape
from thoisu.model import Mention, Span

# How far (in characters of lower-case filler) a title may be from the country or name it governs:
# "Chủ tịch Chính hiệp toàn quốc Trung Quốc Vương Hỗ Ninh".
_FILLER = re.compile(r"^[\s,]*(?:(?:toàn quốc|thuộc|của|nước|kiêm|thứ nhất|cấp cao|đặc biệt)[\s,]*){0,3}$")
_COMPOUND = re.compile(r"(?<![\w-])([^\W\d_]+)\s?[-–]\s?([^\W\d_]+)(?![\w-])")
_INTER_KOREAN = re.compile(r"\bliên Triều\b", re.IGNORECASE)
_WORD = re.compile(r"[^\s,;:()\"“”]+")


#: (organ surface form, country ISO3) -> (canonical English name, actor code), or None.
OrganNamer = Callable[[str, str], tuple[str, str] | None]


@dataclass(slots=True)
class _Context:
    """What the recogniser remembers while it reads one article."""

    on: date | None
    persons: list[tuple[PersonInfo, Mention]] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)


class Recogniser:
    """Finds and resolves mentions in an article's sentences.

    Args:
        lexicon: The surface-form automaton.
        knowledge: Dated office holders.
        shorts: One-word country forms used in compounds ("trung" -> CHN, "triều" -> PRK),
            keyed by match key.
        name_organ: Names a national organ: ("Bộ Ngoại giao", "CHN") -> ("Chinese Foreign
            Ministry", "CHNGOV"); without it, organs are named "<organ> of <country>".
    """

    def __init__(
        self,
        lexicon: Lexicon,
        knowledge: KnowledgeBase,
        shorts: dict[str, str],
        name_organ: OrganNamer | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.knowledge = knowledge
        self.shorts = shorts
        self.name_organ = name_organ

    def recognise(self, text: str, sentences: Sequence[Span], on: date | None) -> list[Mention]:
        """Mentions inside ``sentences`` of ``text``, resolved as of day ``on``."""
        key = match_key(text)
        context = _Context(on=on)
        sentence_matches = [
            [m for m in self.lexicon.scan(text[s.start : s.end], key[s.start : s.end])] for s in sentences
        ]
        # Document cues first: contextual terms ("miền Bắc") and unknown names lean on them.
        for matches in sentence_matches:
            for match in matches:
                entry = match.entry
                if entry.kind in ("country", "metonym", "capital", "person") and entry.country:
                    context.countries[entry.country] += 1
        mentions: list[Mention] = []
        for sentence, matches in zip(sentences, sentence_matches, strict=True):
            shifted = [Match(m.start + sentence.start, m.end + sentence.start, m.entries) for m in matches]
            mentions.extend(self._sentence(text, sentence, shifted, context))
        return mentions

    # -- one sentence -------------------------------------------------------------------------

    def _sentence(self, text: str, sentence: Span, matches: list[Match], context: _Context) -> list[Mention]:
        compounds = self._compounds(text, sentence)
        # A compound wins over the one-word country names inside it ("Nga" in "Nga-Triều").
        matches = [m for m in matches if not any(c.span.contains(Span(m.start, m.end)) for c in compounds)]
        mentions: list[Mention] = list(compounds)
        consumed: set[int] = set()
        for index, match in enumerate(matches):
            if index in consumed:
                continue
            entry = match.entry
            if entry.kind in ("title", "honorific"):
                mentions.extend(self._title_chain(text, sentence, matches, index, consumed, context))
            elif entry.kind == "organ":
                mentions.extend(self._organ_chain(text, matches, index, consumed))
            else:
                mention = self._simple(text, match, context)
                if mention is not None:
                    mentions.append(mention)
        mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        return mentions

    def _simple(self, text: str, match: Match, context: _Context) -> Mention | None:
        entry = match.entry
        span = Span(match.start, match.end)
        if entry.kind == "person" and entry.person_id:
            return self._person_mention(span, self.knowledge.person(entry.person_id), "gazetteer", context)
        if entry.kind == "country":
            return Mention(span, "GPE", entry.actor or entry.country, entry.country, entry.canonical)
        if entry.kind in ("metonym", "capital"):
            return Mention(span, "GPE", entry.actor, entry.country, entry.canonical, role=entry.kind)
        if entry.kind == "agency":
            return Mention(span, "ORG", None, entry.country, entry.canonical, role="news_agency")
        if entry.kind == "organization":
            return Mention(span, "ORG", entry.actor, entry.country, entry.canonical)
        if entry.kind == "nonactor":
            return Mention(span, "LOC", None, None, entry.canonical, role="place")
        if entry.kind == "place":
            return Mention(span, entry.type, None, entry.country, entry.canonical, role="place")
        if entry.kind == "contextual":
            return self._contextual(span, entry, context)
        return None

    def _contextual(self, span: Span, entry: LexEntry, context: _Context) -> Mention:
        """Pick the reading whose country the document talks about most ("miền Bắc")."""
        readings = [(entry.country, entry.actor), *entry.alternatives]
        best = max(readings, key=lambda r: context.countries.get(r[0] or "", 0))
        return Mention(
            span,
            "GPE" if best[1] else "LOC",
            best[1],
            best[0],
            entry.canonical,
            role="metonym" if best[1] else "place",
            resolved_by="context",
        )

    # -- chains ---------------------------------------------------------------------------------

    def _title_chain(
        self,
        text: str,
        sentence: Span,
        matches: list[Match],
        index: int,
        consumed: set[int],
        context: _Context,
    ) -> list[Mention]:
        title = matches[index]
        is_title = title.entry.kind == "title"
        role = title.entry.role if is_title else None
        country = title.entry.country
        out: list[Mention] = []
        cursor = title.end
        chain_end = title.end
        nxt = index + 1
        # Absorb organs and a country governed by the title.
        while nxt < len(matches) and _FILLER.match(text[cursor : matches[nxt].start]):
            entry = matches[nxt].entry
            if entry.kind in ("organ", "title", "organization") and role is not None:
                consumed.add(nxt)
                country = country or entry.country
                role = role if entry.kind != "title" else (entry.role or role)
            elif entry.kind in ("country", "metonym") and entry.country:
                consumed.add(nxt)
                country = entry.country
                out.append(
                    Mention(
                        Span(matches[nxt].start, matches[nxt].end),
                        "GPE",
                        entry.country,
                        entry.country,
                        entry.canonical,
                        role="modifier",
                    )
                )
            else:
                break
            cursor = chain_end = matches[nxt].end
            nxt += 1
        if is_title:
            role = _role_for(title.entries, country) or role
        # A known person right after the chain.
        if (
            nxt < len(matches)
            and matches[nxt].entry.kind == "person"
            and not text[cursor : matches[nxt].start].strip()
        ):
            return out  # the person match resolves itself when the loop reaches it
        name = _name_run(text, cursor, matches[nxt].start if nxt < len(matches) else sentence.end)
        if name is not None:
            start, end, words = name
            span = Span(start, end)
            if len(words) == 1:
                person = self._by_surname(words[0], country, context)
                if person is not None:
                    out.append(self._person_mention(span, person, "coreference", context))
                return out
            if looks_like_name(words):
                country = country or self._country_by_shape(text[start:end], context)
                mention = Mention(
                    span,
                    "PER",
                    _actor(country, "GOV"),
                    country,
                    text[start:end],
                    role=role,
                    resolved_by="title",
                )
                out.append(mention)
                return out
        if role is not None and country is not None and context.on is not None:
            holders = self.knowledge.holders(country, role, context.on)
            if len(holders) == 1:
                out.append(
                    self._person_mention(Span(title.start, chain_end), holders[0], "role+date", context)
                )
        return out

    def _organ_chain(self, text: str, matches: list[Match], index: int, consumed: set[int]) -> list[Mention]:
        organ = matches[index]
        nxt = index + 1
        if nxt < len(matches) and _FILLER.match(text[organ.end : matches[nxt].start]):
            entry = matches[nxt].entry
            if entry.kind == "country" and entry.country:
                consumed.add(nxt)
                span = Span(organ.start, matches[nxt].end)
                named = (
                    self.name_organ(text[organ.start : organ.end], entry.country) if self.name_organ else None
                )
                canonical, actor = named or (
                    f"{organ.entry.canonical} of {entry.canonical}",
                    _actor(entry.country, organ.entry.agent),
                )
                return [Mention(span, "ORG", actor, entry.country, canonical)]
        return [Mention(Span(organ.start, organ.end), "ORG", None, None, organ.entry.canonical)]

    def _compounds(self, text: str, sentence: Span) -> list[Mention]:
        """Dyad compounds: "Trung-Triều", "Nga-Triều", "liên Triều"."""
        found: list[Mention] = []
        for regex_match in _COMPOUND.finditer(text, sentence.start, sentence.end):
            first = self.shorts.get(match_key(regex_match.group(1)))
            second = self.shorts.get(match_key(regex_match.group(2)))
            span = Span(regex_match.start(), regex_match.end())
            if first and second and first != second:
                found.append(Mention(span, "GPE", first, first, f"{first}-{second}", role="dyad"))
        for regex_match in _INTER_KOREAN.finditer(text, sentence.start, sentence.end):
            found.append(
                Mention(
                    Span(regex_match.start(), regex_match.end()), "GPE", "KOR", "KOR", "KOR-PRK", role="dyad"
                )
            )
        return found

    # -- resolution -----------------------------------------------------------------------------

    def _person_mention(self, span: Span, person: PersonInfo, how: str, context: _Context) -> Mention:
        tenure = self.knowledge.tenure(person.id, context.on) if context.on else None
        mention = Mention(
            span,
            "PER",
            _actor(person.country, tenure.agent if tenure else "GOV"),
            person.country,
            person.canonical,
            role=tenure.role if tenure else None,
            resolved_by=how,
            person_id=person.id,
        )
        context.persons.append((person, mention))
        return mention

    def _by_surname(self, word: str, country: str | None, context: _Context) -> PersonInfo | None:
        """Resolve "ông Kim" / "Ngoại trưởng Lavrov": latest person so named, else the knowledge base."""
        token = match_key(word)
        for person, _ in reversed(context.persons):
            if country and person.country != country:
                continue
            if any(token in match_key(name).split() for name in (person.canonical, *person.names)):
                return person
        candidates = [
            p
            for p in self.knowledge.by_name_token(token)
            if (country is None or p.country == country)
            and (context.on is None or self.knowledge.tenure(p.id, context.on) is not None)
        ]
        if len(candidates) > 1:
            talked_about = [p for p in candidates if context.countries.get(p.country)]
            candidates = talked_about or candidates
        return candidates[0] if len(candidates) == 1 else None

    def _country_by_shape(self, name: str, context: _Context) -> str | None:
        shape = name_shape(name)
        if not shape.candidates:
            return None
        mentioned = [c for c in shape.candidates if context.countries.get(c)]
        if shape.prefer and (shape.prefer in mentioned or not mentioned):
            return shape.prefer
        if mentioned:
            return max(mentioned, key=lambda c: context.countries[c])
        return None


def _role_for(entries: tuple[LexEntry, ...], country: str | None) -> str | None:
    """The role a title phrase names for ``country``: country-specific readings first."""
    titles = [e for e in entries if e.kind == "title"]
    for entry in titles:
        if country is not None and country in entry.countries:
            return entry.role
    for entry in titles:
        if not entry.countries:
            return entry.role
    return None


def _actor(country: str | None, agent: str | None) -> str | None:
    if country is None:
        return None
    if len(country) != 3 or country.startswith("IGO"):
        return country
    return country + (agent or "")


def _name_run(text: str, start: int, limit: int) -> tuple[int, int, list[str]] | None:
    """Capitalised words directly after ``start`` (whitespace between), up to ``limit``."""
    words: list[str] = []
    first = last = -1
    for word_match in _WORD.finditer(text, start, limit):
        gap = text[last if last >= 0 else start : word_match.start()]
        if gap.strip():
            break
        word = word_match.group(0).rstrip(".")
        if not word or not word[0].isupper():
            break
        if first < 0:
            first = word_match.start()
        last = word_match.start() + len(word)
        words.append(word)
        if len(words) == 5:
            break
    return (first, last, words) if words else None


def shorts_from(entries: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Build the compound-short table from ``(short form, ISO3)`` pairs."""
    return {match_key(short): iso3 for short, iso3 in entries}
