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
from thoisu.model import Mention, MentionType, Span

# How far (in characters of lower-case filler) a title may be from the country or name it governs:
# "Chủ tịch Chính hiệp toàn quốc Trung Quốc Vương Hỗ Ninh".
_THIS_COUNTRY = re.compile(r"\s+(?:nước|quốc gia|đất nước) (?:này|đó|chủ nhà)\b")
_FILLER = re.compile(r"^[\s,]*(?:(?:toàn quốc|thuộc|của|nước|kiêm|thứ nhất|cấp cao|đặc biệt)[\s,]*){0,3}$")
# Both halves of a dyad compound are capitalised one-word forms ("Trung-Triều", "Nga - Triều").
_COMPOUND = re.compile(
    r"(?<![\w-])([A-ZĐÂÔƠƯĂÊÁÀẢÃẠÉÈÍÌÓÒÚÙÝỲ][^\W\d_]*)\s?[-–]\s?([A-ZĐÂÔƠƯĂÊÁÀẢÃẠÉÈÍÌÓÒÚÙÝỲ][^\W\d_]*)(?![\w-])"
)
_INTER_KOREAN = re.compile(r"\bliên Triều\b", re.IGNORECASE)
_WORD = re.compile(r"[^\s,;:()\"“”]+")
_ORGAN_WORDS = re.compile(r"(?:\s+[^\W\d_]+){1,5}\s+")
_ABBREVIATED = re.compile(r"^[A-Z][a-z]?\.$")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")


#: (organ surface form, country ISO3) -> (canonical English name, actor code), or None.
OrganNamer = Callable[[str, str], tuple[str, str] | None]


@dataclass(slots=True)
class _Context:
    """What the recogniser remembers while it reads one article."""

    on: date | None
    persons: list[tuple[PersonInfo, Mention]] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)
    last_country: str | None = None  # what "nước này" ("this country") points back to
    organ_countries: dict[str, str] = field(default_factory=dict)  # organ -> the country last named with it


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
        home_country: str | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.knowledge = knowledge
        self.shorts = shorts
        self.name_organ = name_organ
        self.home_country = home_country
        # Title phrase -> the country named at its end, if any (a bounded vocabulary).
        self._inner_memo: dict[str, tuple[int, LexEntry] | None] = {}

    def recognise(self, text: str, sentences: Sequence[Span], on: date | None) -> list[Mention]:
        """Mentions inside ``sentences`` of ``text``, resolved as of day ``on``.

        ``text`` must be canonical (as the normalise stage leaves it); only the sentences are
        keyed and scanned, never the page's menus and sidebars.
        """
        context = _Context(on=on)
        sentence_matches = []
        for s in sentences:
            piece = text[s.start : s.end]
            sentence_matches.append(
                self.lexicon.scan(piece, match_key(piece, is_canonical=True), base=s.start)
            )
        # Document cues first: contextual terms ("miền Bắc") and unknown names lean on them.
        counted = ("country", "metonym", "capital", "person")
        for matches in sentence_matches:
            for match in matches:
                entry = match.entries[0]
                if entry.country and entry.kind in counted:
                    context.countries[entry.country] += 1
        mentions: list[Mention] = []
        for sentence, matches in zip(sentences, sentence_matches, strict=True):
            mentions.extend(self._sentence(text, sentence, matches, context))
        return mentions

    # -- one sentence -------------------------------------------------------------------------

    def _sentence(self, text: str, sentence: Span, matches: list[Match], context: _Context) -> list[Mention]:
        compounds = self._compounds(text, sentence)
        if compounds:
            # A compound wins over the one-word country names inside it ("Nga" in "Nga-Triều").
            matches = [
                m
                for m in matches
                if not any(c.span.start <= m.start and m.end <= c.span.end for c in compounds)
            ]
        mentions: list[Mention] = list(compounds)
        consumed: set[int] = set()
        for index, match in enumerate(matches):
            if index in consumed:
                continue
            entry = match.entry
            if entry.kind in ("title", "honorific"):
                mentions.extend(self._title_chain(text, sentence, matches, index, consumed, context))
            elif entry.kind == "organ":
                mentions.extend(self._organ_chain(text, matches, index, consumed, context, alone=True))
            elif entry.kind == "cue":
                mentions.extend(self._cued_name(text, sentence, matches, index, consumed, context))
            else:
                mention = self._simple(text, match, context)
                if mention is not None:
                    mentions.append(mention)
                    if mention.country and mention.type in ("GPE", "ORG"):
                        context.last_country = mention.country
        if "(" in text[sentence.start : sentence.end]:
            mentions.extend(self._acronyms(text, sentence, mentions))
        mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        return mentions

    def _acronyms(self, text: str, sentence: Span, found: list[Mention]) -> list[Mention]:
        """An acronym in brackets after a name names an organisation: "Công ty Điện lực Tokyo (TEPCO)"."""
        out: list[Mention] = []
        for match in _ACRONYM.finditer(text, sentence.start, sentence.end):
            span = Span(match.start(1), match.end(1))
            before = text[max(sentence.start, match.start() - 40) : match.start()].split()
            if any(m.span.overlaps(span) for m in found) or not before or not before[-1][:1].isupper():
                continue
            out.append(Mention(span, "ORG", None, None, match.group(1), resolved_by="context"))
        return out

    def _simple(self, text: str, match: Match, context: _Context) -> Mention | None:
        entry = match.entry
        span = self._name_core(text, match)
        if entry.kind == "person" and entry.person_id:
            return self._person_mention(span, self.knowledge.person(entry.person_id), "gazetteer", context)
        if entry.kind == "country":
            return Mention(span, "GPE", entry.actor or entry.country, entry.country, entry.canonical)
        if entry.kind in ("metonym", "capital"):
            # A capital is a place that can stand for its government; a seat of power is an institution.
            is_city = any(e.kind == "capital" for e in match.entries)
            kind: MentionType = "GPE" if is_city else "ORG"
            return Mention(span, kind, entry.actor, entry.country, entry.canonical, role=entry.kind)
        if entry.kind == "agency":
            return Mention(span, "ORG", None, entry.country, entry.canonical, role="news_agency")
        if entry.kind == "organization":
            return Mention(span, "ORG", entry.actor, entry.country, entry.canonical)
        if entry.kind == "nonactor":
            return Mention(span, "LOC", None, None, entry.canonical, role="place")
        if entry.kind == "place":
            # Cities and regions are places, not polities: only capitals (above) are GPEs.
            return Mention(span, "LOC", None, entry.country, entry.canonical, role="place")
        if entry.kind == "contextual":
            return self._contextual(span, entry, context)
        return None

    def _name_core(self, text: str, match: Match) -> Span:
        """Drop a generic head ("hãng tin TASS" -> "TASS") when the rest names the same thing."""
        # A lower-case head is generic ("quần đảo", "hãng tin"); a capitalised one is only dropped
        # for agencies and organisations ("Hãng thông tấn KCNA"), never from a state's full name.
        if (text[match.start].isupper() and match.entry.kind not in ("agency", "organization")) or (
            " " not in text[match.start : match.end]
        ):
            return Span(match.start, match.end)
        space = text.find(" ", match.start, match.end)
        while space >= 0:
            rest = text[space + 1 : match.end]
            if rest[:1].isupper() and any(
                e.canonical == match.entry.canonical for e in self.lexicon.lookup(rest, is_canonical=True)
            ):
                return Span(space + 1, match.end)
            space = text.find(" ", space + 1, match.end)
        return Span(match.start, match.end)

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
        out: list[Mention] = self._inner_countries(text, title) if is_title else []
        country = title.entry.country or (out[-1].country if out else None)
        cursor = chain_end = title.end
        this_country = _THIS_COUNTRY.match(text, cursor)
        if this_country is not None and country is None and context.last_country is not None:
            # "nhà lãnh đạo nước này": the country last named (or whose agency last spoke).
            country, cursor = context.last_country, this_country.end()
            chain_end = cursor
        nxt = index + 1
        # Absorb what the title governs: further titles, organs, organisations, a country.
        while nxt < len(matches) and _FILLER.match(text[cursor : matches[nxt].start]):
            entry = matches[nxt].entry
            if entry.kind == "organ" and role is not None:
                organ = self._organ_chain(text, matches, nxt, consumed, context)
                out.extend(organ)
                country = country or organ[0].country
                chain_end = organ[0].span.end
            elif entry.kind == "organization" and role is not None:
                found = self._simple(text, matches[nxt], context)
                out.extend([found] if found else [])
                country = country or entry.country
                chain_end = matches[nxt].end
            elif entry.kind == "title" and role is not None:
                out.extend(self._inner_countries(text, matches[nxt]))
                role = entry.role or role
                country = country or (out[-1].country if out else None)
                chain_end = matches[nxt].end
            elif entry.kind in ("country", "metonym") and entry.country:
                country = entry.country
                chain_end = matches[nxt].end
                out.append(_modifier(matches[nxt]))
            else:
                break
            consumed.add(nxt)
            cursor = chain_end
            nxt += 1
            while nxt in consumed:
                nxt += 1
        if is_title:
            role = _role_for(title.entries, country) or role
        # A known person right after the chain resolves itself when the main loop reaches it.
        if (
            nxt < len(matches)
            and matches[nxt].entry.kind == "person"
            and not text[cursor : matches[nxt].start].strip()
        ):
            return out
        limit = _run_limit(text, matches, nxt, sentence.end, cursor)
        name = _name_run(text, cursor, limit)
        if name is not None:
            start, end, words = name
            span = Span(start, end)
            for inside in range(nxt, len(matches)):
                if matches[inside].start < end:
                    consumed.add(inside)  # "Đức" in "Lại Thanh Đức" is part of the name
            if len(words) == 1:
                person = self._by_surname(words[0], country, context)
                if person is not None:
                    out.append(self._person_mention(span, person, "coreference", context))
                return out
            if looks_like_name(words):
                country = country or self._country_by_shape(text[start:end], context)
                out.append(
                    Mention(
                        span,
                        "PER",
                        _actor(country, "GOV"),
                        country,
                        text[start:end],
                        role=role,
                        resolved_by="title",
                    )
                )
                return out
        if role is not None and country is not None and context.on is not None:
            holders = self.knowledge.holders(country, role, context.on)
            if len(holders) == 1:
                out.append(
                    self._person_mention(Span(title.start, chain_end), holders[0], "role+date", context)
                )
        return out

    def _cued_name(
        self,
        text: str,
        sentence: Span,
        matches: list[Match],
        index: int,
        consumed: set[int],
        context: _Context,
    ) -> list[Mention]:
        """An unknown name after a cue: "tại Anchorage", "tập đoàn Rosneft", "Đại học Keio"."""
        cue = matches[index]
        following = next((i for i in range(index + 1, len(matches)) if i not in consumed), None)
        if cue.entry.type == "ORG" and cue.entry.role == "head" and following is not None:
            owner = matches[following]
            if owner.entry.kind == "country" and _ORGAN_WORDS.fullmatch(text, cue.end, owner.start):
                # "Tổng cục Hải quan Trung Quốc": a national body named by the country that ends it.
                consumed.add(following)
                span = Span(cue.start, owner.end)
                return [Mention(span, "ORG", None, owner.entry.country, span.of(text), resolved_by="context")]
        start_at = _skip_modifiers(text, cue.end, cue.entry.skip)
        name = _name_run(text, start_at, _run_limit(text, matches, index + 1, sentence.end, start_at))
        if name is None:
            return []
        start, end, words = name
        kind = cue.entry.type
        # Organisation names are made of the very words ("Quốc gia", "Hải quan") that persons' lack.
        plausible = len(words) <= 5 if kind == "ORG" else looks_like_name(words)
        if not plausible or (kind == "PER" and len(words) < 2):
            return []
        for inside in range(index + 1, len(matches)):
            if matches[inside].start < end:
                consumed.add(inside)
        span = Span(cue.start if cue.entry.role == "head" else start, end)
        country = self._country_by_shape(text[start:end], context) if kind == "PER" else None
        return [
            Mention(
                span,
                kind,
                _actor(country, "GOV") if kind == "PER" else None,
                country,
                text[span.start : span.end],
                resolved_by="context",
            )
        ]

    def _inner_countries(self, text: str, title: Match) -> list[Mention]:
        """Countries named inside a long title ("Chủ tịch nước Cộng hòa Nhân dân Trung Hoa")."""
        surface = text[title.start : title.end]
        if surface not in self._inner_memo:
            self._inner_memo[surface] = self._find_inner_country(surface)
        found = self._inner_memo[surface]
        if found is None:
            return []
        offset, entry = found
        return [_modifier(Match(title.start + offset, title.end, (entry,)))]

    def _find_inner_country(self, surface: str) -> tuple[int, LexEntry] | None:
        """Where a country's name closes a title phrase; depends on the phrase alone, so it is memoised."""
        for word in _WORD.finditer(surface, 1):
            if word.group(0)[0].isupper():
                for entry in self.lexicon.lookup(surface[word.start() :], is_canonical=True):
                    if entry.kind == "country" and entry.country:
                        return word.start(), entry
        return None

    def _organ_chain(
        self,
        text: str,
        matches: list[Match],
        index: int,
        consumed: set[int],
        context: _Context,
        *,
        alone: bool = False,
    ) -> list[Mention]:
        """An organ type and the country after it: "Bộ Ngoại giao" + "Trung Quốc".

        Named without a country, an organ standing alone (not inside a title chain, where the
        person's own country decides) is the one the article last named with a country, else
        one of the home country's ("Bộ Công an" in the Vietnamese press).
        """
        organ = matches[index]
        organ_name = text[organ.start : organ.end]
        nxt = index + 1
        if nxt < len(matches) and _FILLER.match(text[organ.end : matches[nxt].start]):
            entry = matches[nxt].entry
            if entry.kind == "country" and entry.country:
                consumed.add(nxt)
                context.organ_countries[organ.entry.canonical] = entry.country
                return [self._organ_of(Span(organ.start, matches[nxt].end), organ, organ_name, entry.country)]
        if alone:
            country = context.organ_countries.get(organ.entry.canonical)
            how = "coreference"
            if country is None:
                country, how = self.home_country, "context"
            if country is not None:
                mention = self._organ_of(Span(organ.start, organ.end), organ, organ_name, country)
                mention.resolved_by = how
                return [mention]
        return [Mention(Span(organ.start, organ.end), "ORG", None, None, organ.entry.canonical)]

    def _organ_of(self, span: Span, organ: Match, organ_name: str, country: str) -> Mention:
        named = self.name_organ(organ_name, country) if self.name_organ else None
        canonical, actor = named or (
            f"{organ.entry.canonical} of {country}",
            _actor(country, organ.entry.agent),
        )
        return Mention(span, "ORG", actor, country, canonical)

    def _compounds(self, text: str, sentence: Span) -> list[Mention]:
        """Dyad compounds: "Trung-Triều", "Nga-Triều", "liên Triều"."""
        found: list[Mention] = []
        piece = text[sentence.start : sentence.end]
        if "-" not in piece and "–" not in piece and "liên" not in piece.lower():
            return found
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
        actor: str | None = _actor(person.country, tenure.agent if tenure else "GOV")
        if tenure is not None and tenure.jurisdiction and tenure.jurisdiction.startswith("IGO"):
            actor = tenure.jurisdiction  # NATO's Secretary-General acts for NATO, not for his country
        mention = Mention(
            span,
            "PER",
            actor,
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


def _modifier(match: Match) -> Mention:
    """A country named as part of a title or organ: a GPE that is not an actor on its own."""
    entry = match.entry
    return Mention(
        Span(match.start, match.end), "GPE", entry.country, entry.country, entry.canonical, role="modifier"
    )


def _run_limit(text: str, matches: list[Match], start_index: int, sentence_end: int, cursor: int) -> int:
    """Where a capitalised name run starting at ``cursor`` must stop.

    It stops at the next lexicon match, except a one-word place or country name that continues
    a run already started: "Đức" ends "Lại Thanh Đức" and "Anh" ends "Nguyễn Văn Anh" (given
    names), while "Tổng thống Mỹ" puts the country first, where it does stop the run.
    """
    for match in matches[start_index:]:
        one_word = " " not in text[match.start : match.end]
        crossable = match.entry.homograph or match.entry.kind in ("country", "place", "capital")
        if not (one_word and crossable and text[cursor : match.start].strip()):
            return match.start
    return sentence_end


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
        word = word_match.group(0)
        if not _ABBREVIATED.match(word):
            word = word.rstrip(".")  # "St." in "St. Petersburg" keeps its dot; a sentence end does not
        if not word or not word[0].isupper():
            break
        if first < 0:
            first = word_match.start()
        last = word_match.start() + len(word)
        words.append(word)
        if len(words) == 5:
            break
    return (first, last, words) if words else None


def _skip_modifiers(text: str, start: int, count: int) -> int:
    """Skip up to ``count`` lower-case words after a cue ("sân bay quốc tế Nội Bài")."""
    position = start
    for word_match in _WORD.finditer(text, start):
        if count == 0 or not word_match.group(0)[0].islower() or text[position : word_match.start()].strip():
            break
        position = word_match.end()
        count -= 1
    return position


def shorts_from(entries: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Build the compound-short table from ``(short form, ISO3)`` pairs."""
    return {match_key(short): iso3 for short, iso3 in entries}
