"""Who the article cites: news agencies and official sources.

A cue grammar over the body and the article's source lines:

* a source line: ``(theo Reuters)``, ``(TTXVN/Vietnam+)``, ``Theo TASS``;
* ``theo X``, ``dẫn nguồn X``, ``nói với X`` (a cue before the name, allowing
  name heads such as "hãng tin");
* ``X [(ACRONYM)] [ngày 23/3 | cùng ngày] đưa tin | cho biết | ...`` (a
  reporting verb after the name, allowing a parenthesised acronym and a date
  adverbial between);
* a parenthesised source closing a paragraph: ``... (Reuters).``

Names resolve through an alias table (the gazetteer's agencies when installed),
so "Hãng thông tấn trung ương Triều Tiên (KNCA)" is KCNA by its full name and
the misspelt acronym is ignored. Official sources are organs ("Bộ Ngoại giao")
with a country ("Trung Quốc") that are themselves the subject of a reporting
verb; when the organ is only the employer of a speaker ("người phát ngôn Bộ
Ngoại giao Nga Maria Zakharova cho biết") the citation is a person's, not the
organ's. Photo credits never reach this module: captions are not body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from thoisu.extract.phrases import PhraseIndex, PhraseMatch, PhrasePair
from thoisu.extract.resources import Organ, SourceGrammar
from thoisu.model import Attribution, Span

_DATE_ADVERBIAL = (
    r"(?:(?:vào\s+)?(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng sáng)\s+"
    r"(?:nay|qua|\d{1,2}/\d{1,2}(?:/\d{4})?)(?:\s*\([^()]{1,30}\))?|cùng ngày|mới đây|hôm nay|trước đó)"
)
_PERSONISH = re.compile(r"^(?:[A-ZĐ][\w'-]*\s+){0,3}[A-ZĐ][\w'-]*$")
_SOURCE_LINE = re.compile(r"^\(?\s?(?:theo|nguồn)\s?:?\s([^()]{2,80}?)\s?\)?\.?$", re.IGNORECASE)
_PAREN_LINE = re.compile(r"^\(([^()]{1,60})\)\.?$")
_SPLIT = re.compile(r"\s?[/,;]\s?|\s(?:và|and)\s")
_CITE_GROUP = re.compile(r"\((?:theo|nguồn)\s?:?\s([^()]{2,80})\)", re.IGNORECASE)
#: Citation groups whose reading is memoised before the memo is emptied (bounds its memory).
_MEMO_CITATIONS = 4096


@dataclass(frozen=True, slots=True)
class SourceLine:
    """What a source line says: agencies cited, other names cited, and the byline it carries."""

    citations: list[Citation]
    unknown: list[str]
    bylines: list[str]


def _byline_part(text: str) -> list[str]:
    """The name before the outlet in a byline: "Minh Hòa/VOV.VN" gives "Minh Hòa"."""
    name = text.split("/", 1)[0].strip(" -–,.")
    return [name] if name else []


@dataclass(frozen=True, slots=True)
class Citation:
    """An attribution found in the text, before deduplication."""

    name: str
    kind: str
    start: int
    end: int


class AttributionFinder:
    """Find the sources an article cites.

    Args:
        grammar: Cue words, organs, countries and agency aliases (``sources.toml``).
    """

    def __init__(self, grammar: SourceGrammar) -> None:
        self.grammar = grammar
        self._alias: dict[str, str] = {}
        phrases: dict[str, str] = {}
        acronyms: set[str] = set()
        for agency in grammar.agencies:
            for alias in (agency.name, *agency.aliases):
                self._alias.setdefault(alias.casefold(), agency.name)
                phrases.setdefault(alias, agency.name)
                if (len(alias) <= 6 and alias.upper() == alias) or alias in agency.homographs:
                    acronyms.add(alias)  # "AP" is not "ap", "Tuổi Trẻ" (the paper) is not "tuổi trẻ" (youth)
        self._agency_index: PhraseIndex[str] = PhraseIndex(phrases, acronyms)
        self._agency_re = _name_pattern(list(phrases))
        adjectives = {name: country.adjective for country in grammar.countries for name in country.names}
        # Country names are capitalised ("Anh" is Britain, "anh" a pronoun): match them as written.
        self._country_index: PhraseIndex[str] = PhraseIndex(adjectives, adjectives)
        self._organ_index: PhraseIndex[Organ] = PhraseIndex(
            {organ.vi: organ for organ in grammar.organs},
            [organ.vi for organ in grammar.organs if organ.exact],
        )
        # Every body is searched for both: one automaton walk per case mode serves the two indexes.
        self._agencies_and_organs = PhrasePair(self._agency_index, self._organ_index)
        self._verb_after = _verb_pattern(grammar.verbs)
        self._official_verb_after = _verb_pattern(grammar.official_verbs)
        official = "|".join(re.escape(verb) for verb in sorted(grammar.official_verbs, key=len, reverse=True))
        # "được Người Phát ngôn Bộ Ngoại giao Phạm Thu Hằng công bố": a passive citation, a name allowed.
        self._passive_after = re.compile(rf"\s(?:[A-ZĐ][\w-]*\s){{0,4}}(?:{official})(?!\w)", re.IGNORECASE)
        cues = "|".join(re.escape(cue) for cue in sorted(grammar.preceding_cues, key=len, reverse=True))
        heads = "|".join(re.escape(head) for head in sorted(grammar.name_heads, key=len, reverse=True))
        self._cue_before = re.compile(
            rf"(?:^|[\s(,;:“\"])(?:{cues})\s+(?:(?:{heads})\s+)?(?:[^\s,.;:()]+\s+){{0,2}}$", re.IGNORECASE
        )
        persons = "|".join(re.escape(head) for head in sorted(grammar.person_heads, key=len, reverse=True))
        self._person_before = re.compile(rf"(?:^|\s)(?:{persons})\s+$", re.IGNORECASE)
        self._cited: dict[str, tuple[tuple[tuple[str, int, int], ...], tuple[str, ...]]] = {}

    def resolve(self, name: str) -> str | None:
        """The canonical agency name for ``name``, if it is a known alias."""
        return self._alias.get(name.strip().casefold())

    def in_text(self, text: str, spans: Iterable[Span]) -> list[Citation]:
        """Citations in the body paragraphs ``spans`` of ``text``."""
        starts: list[int] = []
        paragraphs: list[str] = []
        for span in spans:
            starts.append(span.start)
            paragraphs.append(text[span.start : span.end])
        # One automaton walk for the whole body rather than one per paragraph and index.
        agencies, organs = self._agencies_and_organs.find_each(paragraphs)
        # Countries matter only right after an organ: search just the paragraphs naming one.
        with_organs = [number for number, matches in enumerate(organs) if matches]
        found_countries = self._country_index.find_each([paragraphs[number] for number in with_organs])
        countries = dict(zip(with_organs, found_countries, strict=True))
        found: list[Citation] = []
        for number, paragraph in enumerate(paragraphs):
            found.extend(self._agencies(paragraph, starts[number], agencies[number]))
            if organs[number]:
                found.extend(self._officials(paragraph, starts[number], organs[number], countries[number]))
        return found

    def in_source_line(self, line: str, start: int) -> SourceLine:
        """Parse a source line: "(theo Reuters)", "(TTXVN/Vietnam+)", "Minh Hòa/VOV.VN (Theo TASS, KCNA)".

        Args:
            line: The line's text.
            start: Its offset in the article text (for citation spans).
        """
        cited = _CITE_GROUP.search(line)
        if cited is not None:
            citations, unknown = self._cited_names(cited.group(1), start + cited.start(1))
            rest = (line[: cited.start()] + line[cited.end() :]).strip(" -–,.")
            return SourceLine(citations, unknown, _byline_part(rest))
        whole = _SOURCE_LINE.match(line) or _PAREN_LINE.match(line)
        if whole is not None:
            citations, unknown = self._cited_names(whole.group(1), start + whole.start(1))
            return SourceLine(citations, unknown, [])
        first = line.split("/", 1)[0].strip()
        if self.resolve(first) is not None:  # "TTXVN/Vietnam+" without brackets
            citations, unknown = self._cited_names(line, start)
            return SourceLine(citations, unknown, [])
        return SourceLine([], [], _byline_part(line))

    def _cited_names(self, inner: str, base: int) -> tuple[list[Citation], list[str]]:
        """Agencies named in a citation group, and the other names it cites."""
        found = self._cited.get(inner)
        if found is None:
            found = self._read_citation(inner)
            if len(self._cited) >= _MEMO_CITATIONS:
                self._cited.clear()
            self._cited[inner] = found
        agencies, unknown = found
        citations = [Citation(name, "agency", base + start, base + end) for name, start, end in agencies]
        return citations, list(unknown)

    def _read_citation(self, inner: str) -> tuple[tuple[tuple[str, int, int], ...], tuple[str, ...]]:
        # The alias expression is long (every agency name): an outlet's few citation lines recur on all
        # its pages, so their reading is memoised (offsets relative to the group).
        agencies = tuple(
            (canonical, match.start(), match.end())
            for match in self._agency_re.finditer(inner)
            if (canonical := self.resolve(match.group(0))) is not None
        )
        unknown: list[str] = []
        for part in _SPLIT.split(inner):
            name = part.strip(" .()")
            if name and self._agency_re.search(name) is None:
                unknown.append(name)
        return agencies, tuple(unknown)

    def _agencies(self, paragraph: str, base: int, matches: Sequence[PhraseMatch[str]]) -> Iterable[Citation]:
        for match in matches:
            before = paragraph[max(0, match.start - 60) : match.start]
            cited = (
                self._cue_before.search(before) is not None
                or self._verb_after.match(paragraph, match.end, match.end + 80) is not None
                or _closing_parenthesis(paragraph, match.start, match.end)
            )
            if cited:
                yield Citation(match.value, "agency", base + match.start, base + match.end)

    def _officials(
        self,
        paragraph: str,
        base: int,
        organs: Sequence[PhraseMatch[Organ]],
        country_matches: Sequence[PhraseMatch[str]],
    ) -> Iterable[Citation]:
        countries = {match.start: match for match in country_matches}
        for match in organs:
            organ = match.value
            country = countries.get(match.end + 1) if paragraph[match.end : match.end + 1] == " " else None
            if organ.country is None and country is None:
                continue  # "Bộ Ngoại giao cho biết": whose ministry is not said here
            end = country.end if country is not None else match.end
            before = paragraph[max(0, match.start - 40) : match.start]
            if self._person_before.search(before):
                continue  # the organ employs the speaker: a person is cited
            clause_start = not before.strip() or before.rstrip()[-1:] in ',;:.(“"'
            theo = self._cue_before.search(before) is not None
            passive = before.endswith("được ") and self._passive_after.match(paragraph, end, end + 80)
            reported = clause_start and self._official_verb_after.match(paragraph, end, end + 80)
            if not (theo or passive or reported):
                continue
            name = organ.en if organ.country is not None or country is None else f"{country.value} {organ.en}"
            yield Citation(name, "official", base + match.start, base + end)


def _verb_pattern(verbs: Sequence[str]) -> re.Pattern[str]:
    """A reporting verb right after a name, allowing "(ACRONYM)", a date adverbial and an adverb."""
    alternatives = "|".join(re.escape(verb) for verb in sorted(verbs, key=len, reverse=True))
    return re.compile(
        rf"\s?(?:\([^()]{{1,40}}\)\s?)?,?\s?(?:{_DATE_ADVERBIAL}\s?,?\s?)?"
        rf"(?:(?:cũng|vừa|đã|mới|hôm|còn|đều)\s+){{0,2}}(?:{alternatives})(?!\w)",
        re.IGNORECASE,
    )


def _closing_parenthesis(paragraph: str, start: int, end: int) -> bool:
    """``... (Reuters).`` or ``(TTXVN/Vietnam+)`` ending a paragraph."""
    opening = paragraph.rfind("(", 0, start)
    if opening < 0 or ")" in paragraph[opening:start]:
        return False
    closing = paragraph.find(")", end)
    if closing < 0:
        return False
    inner = paragraph[opening + 1 : closing]
    if len(inner) > 60 or "ảnh" in inner.casefold() or "photo" in inner.casefold():
        return False
    return not paragraph[closing + 1 :].strip(" ./")


def _name_pattern(names: Sequence[str]) -> re.Pattern[str]:
    """Acronyms match case-sensitively ("AP" is not "ap"), longer names case-insensitively."""
    alternatives: list[str] = []
    for name in sorted(set(names), key=len, reverse=True):
        escaped = re.escape(name)
        is_acronym = len(name) <= 6 and name.upper() == name
        alternatives.append(escaped if is_acronym else f"(?i:{escaped})")
    if not alternatives:
        return re.compile("(?!)")
    return re.compile(r"(?<![\w+])(?:" + "|".join(alternatives) + r")(?![\w+])")


def deduplicate(citations: Iterable[Citation]) -> list[Attribution]:
    """One attribution per name, in order of first citation."""
    result: list[Attribution] = []
    seen: set[str] = set()
    for citation in sorted(citations, key=lambda item: item.start):
        if citation.name in seen:
            continue
        seen.add(citation.name)
        span = Span(citation.start, citation.end)
        if citation.kind == "official":
            result.append(Attribution(citation.name, "official", span))
        else:
            result.append(Attribution(citation.name, "agency", span))
    return result


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words: a byline rather than an outlet."""
    return _PERSONISH.match(name) is not None and 2 <= len(name.split()) <= 4
