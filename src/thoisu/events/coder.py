"""The CAMEO event coder: triggers plus argument structure, dates, status and sources.

For each body sentence the coder finds lexicon triggers, groups the entity
mentions into phrases with their role markers, and reads each trigger's frame:

* who acts and on whom: the subject before the trigger, the object after it
  (direct, or behind "với", "tới", "giữa ... và ..."), the genitive of an
  event noun ("chuyến thăm Nga của X"), the passive agent ("bị"/"được"),
  "hai bên" for the article's current pair of countries, "ông" for the last
  person named; news agencies are sources, never actors;
* when: the expression nearest the trigger in its clause, a report date
  ("KCNA ngày 23/3 đưa tin ...") as an upper bound, otherwise the last day the
  article gave, otherwise the article's own date (with lower confidence);
* whether it happened (occurred, planned, negated, hypothetical), where
  ("tại/ở" + place, or the visited country), and who says so.

Mentions of one event across the article are merged (see :mod:`.merge`).
Everything that varies by language lives in the trigger lexicon and the
time vocabulary; the coder holds the grammar of frames.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Final

from thoisu.cameo.table import CameoTable, load_cameo
from thoisu.events.args import Named, Party, Phrase, Tokens, ascending, build_named_phrases, read_markers
from thoisu.events.matcher import Hit, TriggerMatcher
from thoisu.events.merge import BASIS_RANK, SYMMETRIC_ROOTS, Candidate, merge
from thoisu.events.status import read_status
from thoisu.events.time import Resolved, TimeGrammar, TimeMention, load_time_grammar
from thoisu.lang.vi.triggers import PhraseSet, Role, TriggerLexicon, Words, key_of, load_triggers
from thoisu.model import Article, Attribution, DateRange, Event, Evidence, Span, Status

# Status members read once: compiled, ``Status.X`` is an attribute lookup at each use.
_OCCURRED: Final = Status.OCCURRED
_PLANNED: Final = Status.PLANNED

_OBLIQUE: Final[frozenset[Role | None]] = frozenset(
    {"gen", "with", "goal", "loc", "from", "for", "about", "against", "between", "cite", "in"}
)
_OBJECT_ROLES: Final[dict[str, frozenset[Role | None]]] = {
    "direct": frozenset({None, "with", "for", "against", "goal"}),
    "with": frozenset({"with", "between", "for"}),
    "goal": frozenset({"goal"}),
    "about": frozenset({"about", "against", None, "with"}),
    "against": frozenset({"against", None}),
    "for": frozenset({"for", None}),
    "from": frozenset({"from", None, "against"}),
    "none": frozenset(),
}
_COMPLEMENT_SKIP: Final[frozenset[Role | None]] = frozenset({"loc", "from", "cite", "in"})
_MODAL_REACH: Final = 14  # words between a modal verb and the event it governs
_ASKING: Final = frozenset({"appeal", "demand", "hope"})  # modals whose complement may hold another modal
_TOPIC_REACH: Final = 15  # words back to a topic verb whose complement holds the trigger
_COPULA_DATE_CHARS: Final = 6  # "là vào tháng 12": a date this close after a copula
_PURPOSE_REACH: Final = 20  # words back to "nhằm"/"để" whose clause holds the trigger
_CHAIR_GAP: Final = 5  # words from an event noun to its chair: "do Thủ tướng Malaysia Anwar Ibrahim"
_STORY_DAYS: Final = 6  # a span short enough to be the story's current date (a visit of a few days)
_ANNIVERSARY_REACH: Final = 12
_DIRECT_GAP: Final = 8  # words between a verb and its direct object
_SUBORDINATE_REACH: Final = 6  # words back to "kể từ khi"/"sau khi" that makes a date another event's
_SUBORDINATE_SPAN: Final = 16  # words a "kể từ khi" clause may run on through commas before its date
_FRONTED_WORDS: Final = 3  # a dateline ("VOV.VN - Tối 19/6, ...") may come before a fronted date
_LANDMARK_REACH: Final = 9  # words back to "trước cuộc ..." that makes a date a later event's
_ORDINAL_REACH: Final = 8  # words before a trigger where "lần thứ"/"lần đầu" may count it
_ORDINAL_AFTER: Final = 4
_LATE_GENITIVE_GAP: Final = 5  # "chuyến thăm cấp nhà nước của X": modifiers of the event noun before "của"
_NEEDS_OBJECT_CHARS: Final = 40  # characters a named object may start after a short trigger ("đón", "tới")
_AFTER_REACH: Final = 16  # words after a trigger where its own date may be
_MAX_PARTIES: Final = 3  # coordinated sources or targets taken per trigger
# Force used on a place ("không kích Dải Gaza") targets the country the place lies in.
_PLACE_TARGET_ROOTS: Final = frozenset({"15", "17", "18", "19", "20"})
_Pair = tuple[Party, Party | None, str, bool]
_VERBAL_ROOTS: Final = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})
_MAX_SPAN: Final = timedelta(days=92)  # an event dated only by a longer span (a year) is background
_MAX_AGE: Final = timedelta(days=3 * 365)  # events this long before the article are history, not news
_HARD_BREAKS: Final = re.compile(r"[;:]")  # clause boundaries


@dataclass(slots=True)
class _State:
    """What the coder remembers while reading one article."""

    anchor: DateRange | None
    anchor_basis: str
    attributions: list[Attribution]
    last_day: DateRange | None = None
    last_any: DateRange | None = None
    dyad: tuple[Party, Party] | None = None
    default_dyad: tuple[Party, Party] | None = None
    last_person: Party | None = None
    paragraph: tuple[int, int] | None = None
    paragraph_source: str | None = None
    candidates: list[Candidate] = field(default_factory=list)

    # Written out: mypyc compiles an explicit ``__init__``; the generated one stays interpreted.
    def __init__(self, anchor: DateRange | None, anchor_basis: str, attributions: list[Attribution]) -> None:
        self.anchor = anchor
        self.anchor_basis = anchor_basis
        self.attributions = attributions
        self.last_day = None
        self.last_any = None
        self.dyad = None
        self.default_dyad = None
        self.last_person = None
        self.paragraph = None
        self.paragraph_source = None
        self.candidates = []


@dataclass(slots=True)
class _Sentence:
    """One sentence under analysis; offsets are local to the sentence (add ``base`` for the article)."""

    base: int
    span: Span  # ``[base, base + len(text))``: the sentence as evidence spans give it
    text: str
    key: str
    words: Tokens
    texts: list[str]
    starts: list[int]
    hits: list[Hit]
    times: list[TimeMention]
    resolved: list[Resolved | None]
    phrases: list[Phrase]
    clause_starts: list[int]
    clause_ends: list[int]
    report_times: dict[int, int]  # time index -> speech hit index
    complements: list[tuple[int, int, Phrase | None]]  # start, end, speaker
    embedded: dict[int, int]  # modal hit index -> embedded hit index
    discourse: DateRange | None
    present: int  # the grammar's sets with a first word in the sentence (``Grammar.heads_present``)
    propositions: set[int] = field(default_factory=set)  # modal hit indexes whose object is a proposal
    committed: set[int] = field(default_factory=set)  # time indexes that move the story's date
    owned: dict[int, int] = field(default_factory=dict)  # time index -> event noun it dates
    landmarks: set[int] = field(default_factory=set)  # dates of a later event named as a landmark
    # The lookups below are asked again and again for the same few offsets (a trigger's start, a
    # phrase's end): remembered, each costs one dictionary lookup after the first.
    _words_at: dict[int, int] = field(default_factory=dict, init=False, repr=False)
    _clause_starts_at: dict[int, int] = field(default_factory=dict, init=False, repr=False)
    _clause_ends_at: dict[int, int] = field(default_factory=dict, init=False, repr=False)

    def __init__(  # see _State
        self,
        base: int,
        span: Span,
        text: str,
        key: str,
        words: Tokens,
        texts: list[str],
        starts: list[int],
        hits: list[Hit],
        times: list[TimeMention],
        resolved: list[Resolved | None],
        phrases: list[Phrase],
        clause_starts: list[int],
        clause_ends: list[int],
        report_times: dict[int, int],
        complements: list[tuple[int, int, Phrase | None]],
        embedded: dict[int, int],
        discourse: DateRange | None,
        present: int,
    ) -> None:
        self.base = base
        self.span = span
        self.text = text
        self.key = key
        self.words = words
        self.texts = texts
        self.starts = starts
        self.hits = hits
        self.times = times
        self.resolved = resolved
        self.phrases = phrases
        self.clause_starts = clause_starts
        self.clause_ends = clause_ends
        self.report_times = report_times
        self.complements = complements
        self.embedded = embedded
        self.discourse = discourse
        self.present = present
        self.propositions = set()
        self.committed = set()
        self.owned = {}
        self.landmarks = set()
        self._words_at = {}
        self._clause_starts_at = {}
        self._clause_ends_at = {}

    def may_hold(self, phrases: PhraseSet) -> bool:
        """Whether a phrase of ``phrases`` may start in the sentence (one test of ``present``)."""
        bit = phrases.bit
        return not bit or bool(self.present & bit)

    def first_in(
        self, phrases: PhraseSet, start: int = 0, end: int | None = None
    ) -> tuple[int, Words] | None:
        """``phrases.first_in`` over the sentence's words; settled at once when none may start there."""
        bit = phrases.bit
        if bit and not self.present & bit:
            return None
        return phrases.first_in(self.texts, start, end)

    def set_clauses(self, starts: list[int], ends: list[int]) -> None:
        """Set the clause boundaries (sorted)."""
        self.clause_starts = starts
        self.clause_ends = ends
        self._clause_starts_at.clear()
        self._clause_ends_at.clear()

    def word_at(self, char: int) -> int:
        """Index of the first word starting at or after ``char``."""
        found = self._words_at.get(char)
        if found is None:
            found = self._words_at[char] = bisect.bisect_left(self.starts, char)
        return found

    def clause_start(self, char: int) -> int:
        """Start of the clause ``char`` lies in."""
        found = self._clause_starts_at.get(char)
        if found is None:
            index = bisect.bisect_right(self.clause_starts, char) - 1
            found = self._clause_starts_at[char] = self.clause_starts[index if index > 0 else 0]
        return found

    def clause_end(self, char: int) -> int:
        """End of the clause ``char`` lies in (a semicolon, a colon, a reporting verb, the end)."""
        found = self._clause_ends_at.get(char)
        if found is None:
            index = bisect.bisect_right(self.clause_ends, char)
            ends = self.clause_ends
            found = self._clause_ends_at[char] = ends[index] if index < len(ends) else len(self.text)
        return found


class EventCoder:
    """Codes the events of an article.

    Args:
        lexicon: Trigger lexicon and grammar words (default: the shipped Vietnamese lexicon).
        time: The temporal grammar (default: the shipped Vietnamese one).
        cameo: The CAMEO table that fills Goldstein values, quad classes and PLOVER categories.
        code_statements: Also code bare statements ("X tuyên bố ...") as 010. Off by default:
            reporting verbs mostly frame other events, and a statement coded for every
            "cho biết" swamps the events that matter.
    """

    def __init__(
        self,
        lexicon: TriggerLexicon | None = None,
        time: TimeGrammar | None = None,
        cameo: CameoTable | None = None,
        code_statements: bool = False,
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else load_triggers()
        self.grammar = self.lexicon.grammar
        self.matcher = TriggerMatcher(self.lexicon)
        self.time = time if time is not None else load_time_grammar()
        self.cameo = cameo if cameo is not None else load_cameo()
        self.code_statements = code_statements

    # -- article ----------------------------------------------------------------------------

    def code(self, article: Article) -> list[Event]:
        """The events of ``article``'s body sentences (never captions or text outside the body)."""
        anchor, anchor_basis = _anchor(article)
        state = _State(anchor, anchor_basis, list(article.attributions))
        # Each mention's fields (and the span bounds below) are read once, not per sentence.
        mentions = [Named(m) for m in article.mentions]
        if not ascending(mentions):  # the entity stage gives them in order: usually nothing to do
            mentions.sort(key=_start_of)
        state.default_dyad = _main_pair(mentions)
        mention_starts = [m.start for m in mentions]
        body = [(span.start, span.end) for span in article.body]
        captions = [(span.start, span.end) for span in article.captions]
        text = article.text
        for sentence in article.sentences:
            start, end = sentence.start, sentence.end
            paragraph = _paragraph_of(text, body, start, end)
            if paragraph is None or any(c_start < end and start < c_end for c_start, c_end in captions):
                continue
            if paragraph != state.paragraph:
                state.paragraph = paragraph
                state.paragraph_source = None
            low = bisect.bisect_left(mention_starts, start)
            high = bisect.bisect_left(mention_starts, end)
            inside = [m for m in mentions[low:high] if m.end <= end]
            self._sentence(text, sentence, inside, state)
        events = merge(state.candidates)
        _infer_places(events)
        return [self._event(candidate) for candidate in events]

    def _event(self, c: Candidate) -> Event:
        entry = self.cameo.entry(c.code)
        return Event(
            source=c.source.level,
            target=c.target.level if c.target else None,
            code=c.code,
            when=c.when,
            status=c.status,
            source_actor_code=c.source.actor,
            target_actor_code=c.target.actor if c.target else None,
            source_person=c.source.person,
            target_person=c.target.person if c.target else None,
            date_basis=c.basis,
            place=c.place,
            city=c.city,
            attribution=c.attribution,
            evidence=list(c.evidence),
            goldstein=entry.goldstein,
            quad_class=entry.quad_class,
            plover=entry.plover,
            confidence=round(c.confidence, 3),
        )

    # -- sentence ---------------------------------------------------------------------------

    def _sentence(self, text: str, span: Span, mentions: list[Named], state: _State) -> None:
        stext = text[span.start : span.end]
        key = key_of(stext)
        words = Tokens.of(key)
        if not len(words):
            return
        texts = words.texts
        times = self.time.find(key, text=stext, words=words)
        hits, present = self.matcher.scan(key, words, 0, len(key))
        if times and hits:
            hits = [h for h in hits if not any(t.start < h.end and h.start < t.end for t in times)]
        hits = _drop_goal_markers(hits, key)
        if hits:
            # "đến"/"tới"/"đón"/"tiếp" are triggers only before a named party or place: check that
            # cheaply here so sentences holding no event skip the full analysis.
            starts = [m.start - span.start for m in mentions]
            hits = [h for h in hits if not h.trigger.needs_object or _mention_follows(starts, h.end)]
        discourse = state.last_day
        resolved = self._resolve_times(texts, words, times, state, present)
        if not hits or (not self.code_statements and all(h.trigger.frame == "speech" for h in hits)):
            # Nothing to code: keep what later sentences lean on (people, dyads, the cited source).
            self._remember_people(mentions, state)
            self._remember_cited(mentions, state)
            self._commit_times(times, resolved, self._framing(stext, key, words, times, present), state)
            return
        blocked = [(t.start, t.end) for t in times]
        phrases = build_named_phrases(stext, words, mentions, self.grammar, blocked, span.start, present)
        elements = [(p.start, p.end) for p in phrases] + [(h.start, h.end) for h in hits]
        read_markers(phrases, elements, words, self.grammar, stext, blocked)
        s = _Sentence(
            base=span.start,
            # The sentence's own span, unless it runs past the text (then the part inside it).
            span=span if span.end - span.start == len(stext) else Span(span.start, span.start + len(stext)),
            text=stext,
            key=key,
            words=words,
            texts=texts,
            starts=words.starts,
            hits=hits,
            times=times,
            resolved=resolved,
            phrases=phrases,
            clause_starts=[0],
            clause_ends=[],
            report_times={},
            complements=[],
            embedded={},
            discourse=discourse,
            present=present,
        )
        classifiers = self.grammar.classifiers
        for hit in hits:
            # "chuyến thăm", or a trigger that starts with its classifier ("vụ phóng").
            first = hit.first  # (set tests first: most words are no classifier)
            hit.nominal = (
                first > 0
                and texts[first - 1] in classifiers.tails
                and classifiers.before(texts, first) is not None
            ) or (texts[first] in classifiers.heads and classifiers.at(texts, first) is not None)
        self._clauses(s)
        self._owned_times(s)
        self._modals(s)
        self._resolve_pronouns(s, state)
        sentence_source = self._sentence_source(s, state)
        for index, hit in enumerate(hits):
            if hit.consumed:
                continue
            if hit.trigger.frame == "speech":
                if self.code_statements:
                    self._statement(s, index, state, sentence_source)
                continue
            self._code_hit(s, index, state, sentence_source)
        self._remember_people(mentions, state)
        for phrase in phrases:
            if phrase.kind == "dyad" and phrase.pair is not None:
                state.dyad = phrase.pair
        framing = {i for i in self._framing(stext, key, words, times, present) if i not in s.owned}
        self._commit_times(times, resolved, framing | s.committed, state)

    def _owned_times(self, s: _Sentence) -> None:
        """Mark the dates that belong to an event noun rather than to the sentence.

        A date right after an event noun and its participants ("cuộc điện đàm giữa X và Y ngày
        29/3") dates that event only, and moves the story's date only when that event is coded.
        """
        for t_index, mention in enumerate(s.times):
            owner = None
            for h_index, hit in enumerate(s.hits):
                if hit.end > mention.start:
                    break
                owner = h_index if hit.nominal and hit.trigger.frame != "speech" else None
            if owner is not None and self._near_after(s, s.hits[owner], mention):
                s.owned[t_index] = owner
            at = s.words.index_at(mention.start)
            if self._landmark(s.key, s.words, at, s.present):
                s.landmarks.add(t_index)

    def _resolve_times(
        self, texts: list[str], words: Tokens, times: list[TimeMention], state: _State, present: int
    ) -> list[Resolved | None]:
        """Resolve the sentence's expressions in order ("tháng 12 cùng năm" leans on the one before)."""
        resolved: list[Resolved | None] = []
        starts = words.starts
        last_day, last_any = state.last_day, state.last_any
        planned = self.grammar.planned
        may_plan = not planned.bit or bool(present & planned.bit)
        for mention in times:
            future = mention.explicit_future or (
                may_plan and planned.first_in(texts[: bisect.bisect_left(starts, mention.start)]) is not None
            )
            result = self.time.resolve(mention, state.anchor, last_day, last_any, future)
            resolved.append(result)
            if result is not None:
                last_any = result.when
                if (result.when.last - result.when.first).days <= 6:
                    last_day = result.when
        return resolved

    def _framing(
        self, text: str, key: str, words: Tokens, times: list[TimeMention], present: int
    ) -> set[int]:
        """Expressions that date the story rather than a subordinate event ("kể từ khi ... hôm 4/6")."""
        framing: set[int] = set()
        if times and _fronted(key, words, times[0]):
            # "Ngày 2/10, trả lời câu hỏi về vụ việc ... ngày 29/9, người phát ngôn ...": a date put
            # before the sentence frames it; later dates move the story only by dating a coded event.
            return {0}
        for index, mention in enumerate(times):
            at = words.index_at(mention.start)
            if not self._subordinate_date(text, words, at, present) and not self._landmark(
                key, words, at, present
            ):
                framing.add(index)
        return framing

    def _subordinate_date(self, text: str, words: Tokens, at: int, present: int) -> bool:
        """Whether the date at word ``at`` lies in a "kể từ khi"/"sau khi" clause.

        The clause runs on through commas ("kể từ khi ông nhậm chức, bắt đầu nhiệm kỳ mới hôm 7/5")
        until a new subject or "và" opens the main clause ("Sau khi hội đàm, hai bên ký ... ngày 16/5").
        """
        texts = words.texts
        subordinators = self.grammar.subordinators
        if subordinators.bit and not present & subordinators.bit:
            return False  # no subordinator in the sentence
        if subordinators.first_in(texts, max(0, at - _SUBORDINATE_REACH), at) is not None:
            return True
        found = None
        heads = subordinators.heads
        for i in range(at - 1, max(0, at - _SUBORDINATE_SPAN) - 1, -1):
            if texts[i] in heads and subordinators.at(texts, i) is not None:
                found = i
                break
        if found is None:
            return False
        for i in range(found + 1, at):
            if "," in text[words.ends[i - 1] : words.starts[i]] and (
                text[words.starts[i]].isupper()
                or self.grammar.coordinators.at(texts, i) is not None
                or self.grammar.dyad.at(texts, i) is not None
            ):
                return False  # the main clause has begun
        return True

    def _landmark(self, key: str, words: Tokens, at: int, present: int) -> bool:
        """Whether the date at word ``at`` dates a later event named as a landmark.

        "thu hút sự chú ý trước cuộc bầu cử tổng thống Mỹ ngày 5/11": 5/11 is the election's day.
        """
        texts = words.texts
        ahead_of = self.grammar.ahead_of
        if ahead_of.bit and not present & ahead_of.bit:
            return False
        ahead = ahead_of.first_in(texts, max(0, at - _LANDMARK_REACH), at)
        return (
            ahead is not None
            and self.grammar.classifiers.at(texts, ahead[0] + len(ahead[1])) is not None
            and "," not in key[words.starts[ahead[0]] : words.starts[at]]
        )

    def _commit_times(
        self, times: list[TimeMention], resolved: list[Resolved | None], indexes: set[int], state: _State
    ) -> None:
        """Move the story's date: only dates that frame the sentence or date an event do.

        "kể từ khi nhậm chức hôm 4/6" names a day, but the story does not move to it, so a later
        "cùng ngày" or an undated event must not land there. Nor does history ("thiết lập quan hệ
        ngoại giao ngày 2/10/1949"): a date older than any news is a landmark, not the story's day.
        """
        anchor = state.anchor
        for index in sorted(indexes):
            result = resolved[index]
            if result is None or times[index].vague:
                continue
            if anchor is not None and result.when.last < anchor.first - _MAX_AGE:
                continue
            state.last_any = result.when
            if (result.when.last - result.when.first).days <= _STORY_DAYS:
                state.last_day = result.when

    def _remember_cited(self, mentions: list[Named], state: _State) -> None:
        """A news agency named in a sentence is the paragraph's source; a dyad compound its pair."""
        for mention in mentions:
            if mention.role == "news_agency" and mention.canonical:
                name = mention.canonical
                for attribution in state.attributions:
                    if attribution.span is not None and attribution.span.overlaps(mention.mention.span):
                        name = attribution.name
                state.paragraph_source = name
            elif mention.role == "dyad" and mention.canonical and "-" in mention.canonical:
                first, _, second = mention.canonical.partition("-")
                if len(first) == 3 and len(second) == 3:
                    state.dyad = (Party(first), Party(second))

    def _remember_people(self, mentions: list[Named], state: _State) -> None:
        for mention in reversed(mentions):  # the last person named is the one remembered
            if mention.type == "PER" and mention.canonical:
                level = mention.level
                if level:
                    state.last_person = Party(level, mention.actor, mention.canonical)
                    return

    # -- clause structure ---------------------------------------------------------------------

    def _clauses(self, s: _Sentence) -> None:
        """Clause boundaries, reporting verbs with their speakers and complements, report dates."""
        text = s.text
        # Most sentences have neither mark: two substring tests spare them the regex scan.
        marks = [m.start() for m in _HARD_BREAKS.finditer(text)] if ";" in text or ":" in text else []
        starts: set[int] = {0}
        for mark in marks:
            starts.add(mark + 1)
        ends = set(marks)
        speaker: Phrase | None = None
        for index, hit in enumerate(s.hits):
            if hit.trigger.frame != "speech":
                continue
            left = 0  # the last clause start at or before the verb (0 always is one)
            for boundary in starts:
                if left < boundary <= hit.start:
                    left = boundary
            found = self._subject_phrases(s, hit, left, include_agencies=True)
            speaker = found[-1] if found else speaker
            end = len(text)  # the first clause end after the verb, else the end of the sentence
            for boundary in ends:
                if hit.end < boundary < end:
                    end = boundary
            s.complements.append((hit.end, end, speaker))
            starts.add(hit.end)
            ends.add(hit.start)
            # A date between the speaker and the reporting verb dates the report, not the events.
            for t_index, mention in enumerate(s.times):
                if (
                    mention.end <= hit.start
                    and mention.start >= left
                    and not any(
                        mention.end <= other.start < hit.start and other.trigger.frame != "speech"
                        for other in s.hits
                    )
                ):
                    s.report_times.setdefault(t_index, index)
        s.set_clauses(sorted(starts), sorted(ends))

    def _modals(self, s: _Sentence) -> None:
        """Attach to each modal verb the event its complement names ("kêu gọi ... ngừng bắn").

        Events coordinated with that one belong to the same complement ("bác bỏ mọi tiếp xúc và đàm
        phán", "nhất trí tăng cường ..., mở rộng ..."). A proposal noun right after the verb is its
        object ("đồng ý với đề xuất ... về việc ...", "chấp thuận đề xuất ngừng bắn"), and so is a
        "rằng" clause: what was agreed to is a proposal, so the verb keeps its own code and the events
        inside are its content. An event in an adjunct ("đồng ý sau cuộc đàm phán") is not the complement.
        """
        g = self.grammar
        texts = s.texts
        for index, hit in enumerate(s.hits):
            if hit.trigger.frame != "modal" or hit.consumed:
                continue
            end = s.clause_end(hit.end)
            if g.that_clause.at(texts, hit.last) is not None:
                s.propositions.add(index)
            previous = hit
            for other_index in range(index + 1, len(s.hits)):
                other = s.hits[other_index]
                if other.start >= end or other.trigger.frame == "speech":
                    break
                if other.first - hit.last > _MODAL_REACH and index not in s.propositions:
                    break
                gap = texts[previous.last : other.first]
                if other.trigger.frame == "modal":
                    if previous is hit and len(gap) <= 1 and all(g.marker_table.get((w,)) for w in gap):
                        other.consumed = True  # "đồng ý với đề xuất": the proposal is the object
                        s.propositions.add(index)
                        previous = other
                        continue
                    if hit.trigger.modal in _ASKING and index not in s.embedded:
                        other.consumed = True  # "kêu gọi Moscow đồng ý ngừng bắn": what is asked for
                        previous = other
                        continue
                    break
                if index in s.propositions:
                    other.consumed = True  # the content of the proposal, whatever it lists
                    continue
                if self._in_adjunct(s, other):
                    break
                if index in s.embedded and not all(g.coordinators.at(gap, i) for i in range(len(gap))):
                    break
                other.consumed = True
                if index not in s.embedded:
                    s.embedded[index] = other_index
                previous = other

    def _in_adjunct(self, s: _Sentence, hit: Hit) -> bool:
        """Whether an event noun stands in an adjunct: "sau cuộc đàm phán", "trước khi gặp"."""
        head = hit.first
        classifier = self.grammar.classifiers.before(s.texts, head)
        head -= len(classifier) if classifier else 0
        return (
            self.grammar.reference_preps.before(s.texts, head) is not None and hit.nominal
        ) or self.grammar.subordinators.before(s.texts, head) is not None

    def _complement_end(self, s: _Sentence, index: int) -> int:
        """Where a modal's complement ends: the clause end, the next verb of saying or appealing, "mà"."""
        hit = s.hits[index]
        end = s.clause_end(hit.end)
        for other in s.hits[index + 1 :]:
            if other.start >= end:
                break
            if not other.consumed and other.trigger.frame in ("speech", "modal"):
                end = other.start
                break
        relative = s.first_in(self.grammar.relatives, hit.last, s.word_at(end))
        if relative is not None:
            end = min(end, s.starts[relative[0]])
        return end

    def _empty_complement(self, s: _Sentence, index: int) -> bool:
        """A modal with nothing after it in its phrase is a noun ("thực hiện nghiêm túc cam kết")."""
        hit = s.hits[index]
        end = self._phrase_end(s, hit)
        words = s.texts[hit.last : s.word_at(end)]
        if not words:
            return True
        g = self.grammar
        lead = g.reference_preps.at(words, 0) or g.subordinators.at(words, 0)
        return lead is not None and (
            g.classifiers.at(words, len(lead)) is not None or g.subordinators.at(words, 0) is not None
        )

    def _resolve_pronouns(self, s: _Sentence, state: _State) -> None:
        last = state.last_person
        for phrase in s.phrases:
            if phrase.kind == "actor" and phrase.has_person and phrase.party is not None:
                last = phrase.party
            elif phrase.kind == "pronoun":
                phrase.party = last

    def _sentence_source(self, s: _Sentence, state: _State) -> str | None:
        """The source a sentence cites ("Theo KCNA", "KCNA đưa tin"), remembered for its paragraph."""
        for phrase in s.phrases:
            if phrase.kind == "agency" or (phrase.role == "cite" and phrase.source_name):
                name = self._source_name(phrase, s, state)
                if name:
                    state.paragraph_source = name
                    return name
        for _, _, speaker in s.complements:
            if speaker is not None and speaker.source_name:
                name = self._source_name(speaker, s, state)
                state.paragraph_source = name
                return name
        return None

    def _source_name(self, phrase: Phrase, s: _Sentence, state: _State) -> str | None:
        start, end = phrase.start + s.base, phrase.end + s.base
        for attribution in state.attributions:
            span = attribution.span
            if span is not None and span.start < end and start < span.end:  # ``span.overlaps``, inlined
                return attribution.name
        return phrase.source_name

    # -- one trigger --------------------------------------------------------------------------

    def _code_hit(self, s: _Sentence, index: int, state: _State, sentence_source: str | None) -> None:
        hit = s.hits[index]
        trigger = hit.trigger
        verdict = self._verdict(s, index)
        if verdict == "drop":
            return
        if verdict == "refer" and self._refer(s, hit, state):
            return
        if verdict == "topic":
            self._refer(s, hit, state)
            return  # "hội nghị thượng đỉnh Triều-Nhật không phải là mối quan tâm": talked about, not told
        if (
            hit.nominal
            and self._objects(s, index, trigger.object, False)[1] is None
            and (
                self._object_of_previous(s, index)
                or not self._subject_phrases(s, hit, s.clause_start(hit.start))
            )
            and self._refer(s, hit, state)
        ):
            return  # "lên án vụ phóng", "vụ phóng có thể nhằm ...": the launch was told before
        date_choice = self._date(s, index, state)
        if date_choice is None:
            return  # dated only by a vague period: background, not an event
        when, basis = date_choice
        firm = basis in ("explicit", "relative", "anaphoric")
        if not firm and self._subordinate(s, hit):
            return  # "... sau khi X thăm Nga": an earlier event, undated; the story's date is not its
        if (
            verdict == "ordinal"
            and basis not in ("explicit", "relative", "anaphoric")
            and self._refer(s, hit, state)
        ):
            return  # "Đây là lần thứ tư ông thăm Việt Nam": the visit being told, counted
        if when is not None and (
            when.last - when.first > _MAX_SPAN
            or (state.anchor is not None and when.last < state.anchor.first - _MAX_AGE)
        ):
            return  # dated only by a year, or long past: background, not news
        parties, mutual = self._parties(s, index, state)
        if not parties:
            return
        clause_start = s.clause_start(hit.start)
        after_end = self._phrase_end(s, hit)
        conditional = s.first_in(self.grammar.conditional, 0, hit.first) is not None
        status = read_status(
            s.texts,
            hit.first,
            hit.last,
            s.word_at(clause_start),
            s.word_at(after_end),
            hit.nominal,
            self.grammar,
            question=s.text.rstrip().endswith("?"),
            conditional=conditional,
            present=s.present,
        )
        if (
            status == _OCCURRED
            and when is not None
            and state.anchor is not None
            and when.first > state.anchor.last
        ):
            status = _PLANNED
        if status == _PLANNED and trigger.root in _VERBAL_ROOTS and trigger.code != "057":
            status = _OCCURRED  # "X khẳng định sẽ hợp tác": the pledge itself was made
        place, city = self._place(s, index)
        source_name = self._attribution(s, hit, state, sentence_source)
        evidence = Evidence(s.span, Span(s.base + hit.start, s.base + hit.end))
        voice = self._voice(s, hit, state)
        for source, target, code, explicit in parties:
            if voice is not None and source.person is None and source.level == voice.level:
                source = voice  # "bà Zakharova nói Moscow coi ...": the spokesperson voices Moscow
            confidence = _confidence(basis, explicit, target is not None, trigger.priority)
            state.candidates.append(
                Candidate(
                    code=code,
                    source=source,
                    target=target,
                    when=when,
                    basis=basis,
                    status=status,
                    evidence=[evidence],
                    place=place
                    if place is not None
                    else (target.level if trigger.frame in ("visit", "arrive") and target else None),
                    city=city,
                    attribution=source_name,
                    confidence=confidence,
                    priority=trigger.priority,
                    mutual=mutual,
                )
            )
            if target is not None and source.level != target.level and trigger.root in SYMMETRIC_ROOTS:
                state.dyad = (source, target)

    def _voice(self, s: _Sentence, hit: Hit, state: _State) -> Party | None:
        """The named person whose words hold ``hit`` (the speaker of its complement), if any."""
        for start, end, speaker in reversed(s.complements):
            if start <= hit.start < end and speaker is not None and speaker.has_person:
                parties = self._party(speaker, state)
                return parties[0] if parties else None
        return None

    def _subordinate(self, s: _Sentence, hit: Hit) -> bool:
        """Whether ``hit`` lies in a "sau khi"/"trước khi" clause.

        The clause runs to the next comma, through verbs coordinated by "và" ("sau khi X thăm
        Matxcơva và hội đàm với ông Putin"); near the trigger any subordinator counts.
        """
        clause_word = s.word_at(s.clause_start(hit.start))
        subordinators = self.grammar.subordinators
        if s.first_in(subordinators, max(clause_word, hit.first - _SUBORDINATE_REACH), hit.first):
            return True
        comma = s.text.rfind(",", s.clause_start(hit.start), hit.start)
        low = max(clause_word, s.word_at(comma + 1) if comma >= 0 else 0)
        found = s.first_in(subordinators, low, hit.first)
        return found is not None and "và" in s.texts[found[0] : hit.first]

    def _statement(self, s: _Sentence, index: int, state: _State, sentence_source: str | None) -> None:
        """A bare statement (010) when its complement holds no other event and names a target."""
        hit = s.hits[index]
        complement = next((c for c in s.complements if c[0] == hit.end), None)
        if complement is None or complement[2] is None or complement[2].party is None:
            return
        start, end, speaker = complement
        if any(start <= other.start < end and other.trigger.frame != "speech" for other in s.hits):
            return
        target = next(
            (p for p in s.phrases if start <= p.start < end and p.is_actor and p.party is not None), None
        )
        assert speaker is not None and speaker.party is not None
        if target is None or target.party is None or target.party.level == speaker.party.level:
            return
        date_choice = self._date(s, index, state)
        if date_choice is None:
            return
        when, basis = date_choice
        state.candidates.append(
            Candidate(
                code=hit.trigger.code,
                source=speaker.party,
                target=target.party,
                when=when,
                basis=basis,
                status=_OCCURRED,
                evidence=[Evidence(s.span, Span(s.base + hit.start, s.base + hit.end))],
                attribution=self._attribution(s, hit, state, sentence_source),
                confidence=_confidence(basis, True, True, 30),
                priority=30,
            )
        )

    # -- suppression ------------------------------------------------------------------------

    def _verdict(self, s: _Sentence, index: int) -> str | None:
        """Whether a trigger is an event of its own.

        Returns ``drop`` (not an event: an anniversary, a topic, a purpose, a plural), ``refer``
        (points back at an event told before), ``ordinal`` (counted: "lần thứ tư") or None.
        """
        g = self.grammar
        hit = s.hits[index]
        texts = s.texts
        head = hit.first
        if hit.nominal:
            classifier = g.classifiers.before(texts, hit.first)
            head -= len(classifier) if classifier else 0
        if g.plural.before(texts, head) or g.nominalisers.before(texts, head):
            return "drop"
        clause_word = s.word_at(s.clause_start(hit.start))
        found = s.first_in(g.anniversary, max(clause_word, head - _ANNIVERSARY_REACH), head)
        if found is not None and "năm" in texts[found[0] : head]:
            return "drop"
        if self._in_purpose(s, hit, clause_word, head):
            return "drop"
        if self._in_topic(s, hit, clause_word, head):
            return "drop"
        low = max(clause_word, 1)
        for j in range(low, head) if g.iterative_unit in texts[low:head] else ():  # the scan only if needed
            if texts[j] == g.iterative_unit and (
                texts[j - 1].isdigit() or texts[j - 1] in g.iterative_counts
            ):
                return "drop"
        if hit.nominal and g.demonstratives.at(texts, hit.last) is not None:
            return "refer"
        if self._predicated(s, hit):
            return "topic"
        if g.reference_preps.before(texts, head) and not self._own_participants(s, hit):
            return "refer"  # "tại cuộc hội đàm,", "sau hội đàm", "Kết thúc hội đàm,"
        if s.first_in(g.ordinals, max(clause_word, head - _ORDINAL_REACH), head) or s.first_in(
            g.ordinals, hit.last, hit.last + _ORDINAL_AFTER
        ):
            return "ordinal"
        return None

    def _predicated(self, s: _Sentence, hit: Hit) -> bool:
        """Whether the event is the subject of a copula: "hội nghị thượng đỉnh X-Y không phải là ...".

        Its participants may stand between the trigger and the copula; quotes and brackets are skipped.
        """
        position = hit.last
        for phrase in s.phrases:
            if phrase.start < hit.end:
                continue
            if s.word_at(phrase.start) != position:
                break
            position = s.word_at(phrase.end)
        copula = self.grammar.copulas.at(s.texts, position)
        if copula is None:
            return False
        # "Lần gần nhất X phóng ICBM là ngày 18/12/2023": a copula before a date dates the event.
        after = s.starts[position + len(copula)] if position + len(copula) < len(s.starts) else len(s.text)
        return not any(after <= t.start <= after + _COPULA_DATE_CHARS for t in s.times)

    def _in_purpose(self, s: _Sentence, hit: Hit, clause_word: int, head: int) -> bool:
        """Whether a trigger states an aim rather than an act.

        "nhằm tăng cường hợp tác", "hiệp định ... để lực lượng hai nước tham gia huấn luyện, diễn tập
        chung": the purpose runs on through commas until a new subject or "đồng thời" starts a clause
        of its own. An event noun with its own participants in a purpose ("nhằm chuẩn bị cho chuyến
        thăm của X") is still an event.
        """
        purpose = self.grammar.purpose
        if s.first_in(purpose, max(clause_word, head - 2), head) is not None:
            return True
        if hit.nominal:
            return False  # "nhằm chuẩn bị cho chuyến thăm của X": the visit is an event of its own
        found = s.first_in(purpose, max(clause_word, head - _PURPOSE_REACH), head)
        if found is None:
            return False
        marker_end = s.words.ends[found[0] + len(found[1]) - 1]
        comma = s.text.find(",", marker_end, hit.start)
        while comma >= 0:
            # "..., đồng thời đề nghị ...", "..., X ký ...": a new predicate after the purpose
            after = s.word_at(comma)
            if self.grammar.coordinators.at(s.texts, after) is not None or any(
                p.start > comma and s.word_at(p.start) == after and p.is_actor and p.role is None
                for p in s.phrases
            ):
                return False
            comma = s.text.find(",", comma + 1, hit.start)
        return True

    def _in_topic(self, s: _Sentence, hit: Hit, clause_word: int, head: int) -> bool:
        texts = s.texts
        heads = self.grammar.topic.heads
        low = max(clause_word, head - _TOPIC_REACH)
        if not s.may_hold(self.grammar.topic) or heads.isdisjoint(texts[low:head]):
            return False  # no topic verb in reach: the usual case, settled in C
        for j in range(head - 1, low - 1, -1):
            if texts[j] not in heads:
                continue
            found = self.grammar.topic.at(texts, j)
            if found is None or j + len(found) > head:
                continue
            # A new verb phrase after a comma leaves the topic ("trao đổi quan điểm ..., ký kết ...").
            between = s.text[s.words.ends[j] : hit.start]
            comma = between.rfind(",")
            return not (comma >= 0 and len(between[comma + 1 :].split()) <= 2)
        return False

    def _own_participants(self, s: _Sentence, hit: Hit) -> bool:
        for phrase in s.phrases:
            if phrase.start < hit.end:
                continue
            gap_words = s.word_at(phrase.start) - hit.last
            if gap_words > 3:
                return False
            if phrase.role in ("gen", "with", "goal", "between") or (
                phrase.role is None
                and hit.trigger.frame in ("visit", "arrive")
                and phrase.kind in ("actor", "place")
            ):
                return not s.text[hit.end : phrase.start].count(",")
            return False
        return False

    def _refer(self, s: _Sentence, hit: Hit, state: _State) -> bool:
        """Add the mention as evidence of the last event of its kind; False when there is none yet."""
        probe = Candidate(hit.trigger.code, Party(""), None, None, "", _OCCURRED, [])
        for candidate in reversed(state.candidates):
            if candidate.kind == probe.kind:
                evidence = Evidence(s.span, Span(s.base + hit.start, s.base + hit.end))
                if evidence not in candidate.evidence:
                    candidate.evidence.append(evidence)
                if (
                    candidate.when is not None
                    and BASIS_RANK.get(candidate.basis, 0) >= BASIS_RANK["discourse"]
                    and (candidate.when.last - candidate.when.first).days <= _STORY_DAYS
                ):
                    # "Trong chuyến thăm đó, hai bên ...", "Tại cuộc hội đàm, ...": what the rest of the
                    # sentence tells happened when the event pointed back to did.
                    s.discourse = candidate.when
                return True
        return False  # the first telling of the event: code it

    # -- date -----------------------------------------------------------------------------

    def _date(self, s: _Sentence, index: int, state: _State) -> tuple[DateRange | None, str] | None:
        hit = s.hits[index]
        clause_end = s.clause_end(hit.end)
        next_start = next(
            (h.start for h in s.hits[index + 1 :] if not h.consumed and h.trigger.frame != "speech"),
            len(s.text),
        )
        chosen: int | None = None
        for t_index, mention in enumerate(s.times):
            if t_index in s.landmarks:
                continue
            if hit.end <= mention.start < min(next_start, clause_end) and self._near_after(s, hit, mention):
                chosen = t_index
                break
        if chosen is None:
            clause = s.clause_start(hit.start)
            before = [
                i
                for i, m in enumerate(s.times)
                if m.end <= hit.start
                and i not in s.landmarks
                and not (s.owned.get(i, index) != index and s.clause_start(m.start) != clause)
            ]
            if before:
                chosen = before[-1]
        if chosen is None:
            after = [
                i
                for i, m in enumerate(s.times)
                if hit.end <= m.start < clause_end and i not in s.landmarks and self._near_after(s, hit, m)
            ]
            if after:
                chosen = after[0]
        if chosen is not None:
            mention = s.times[chosen]
            if mention.vague:
                return None
            result = s.resolved[chosen]
            if result is not None:
                s.committed.add(chosen)
                speech = s.report_times.get(chosen)
                if speech is not None and speech < index:
                    return result.when, "report"
                return result.when, result.basis
        clause_word = s.word_at(s.clause_start(hit.start))
        found = s.first_in(self.grammar.background, clause_word, hit.first)
        background = found[1] if found is not None else None
        if background == ("từng",):
            return None  # "X từng thăm Y": some time in the past, undated
        if s.discourse is not None:
            return s.discourse, "before" if background else "discourse"
        if state.anchor is not None:
            return state.anchor, state.anchor_basis
        return None, "none"

    def _near_after(self, s: _Sentence, hit: Hit, mention: TimeMention) -> bool:
        """A date after a trigger dates it only close by, in the same stretch of the clause.

        "hội đàm ... ngày 20/6" does; "thỏa thuận ..., trong đó có Công ước ... năm 1982" does not.
        """
        return (
            s.word_at(mention.start) - hit.last <= _AFTER_REACH and "," not in s.text[hit.end : mention.start]
        )

    # -- arguments ------------------------------------------------------------------------

    def _subject_phrases(
        self, s: _Sentence, hit: Hit, left: int, include_agencies: bool = False, prefer_person: bool = False
    ) -> list[Phrase]:
        """The subject before ``hit`` in its clause, with the phrases coordinated with it."""
        candidates = [p for p in s.phrases if p.end <= hit.start and p.start >= left]
        if candidates and candidates[-1].consumed and candidates[-1].is_actor:
            # "X chỉ trích Y vì đã phóng tên lửa", "lên án Nga tấn công Ukraine", "các công ty Mỹ bán
            # vũ khí": an object right before a verb (or before "vì"/"do") is that verb's subject.
            last = candidates[-1]
            between = s.texts[s.word_at(last.end) : hit.first]
            linking = self.grammar.linking
            joined = all(linking.at(between, i) is not None for i in range(len(between)))
            if "," not in s.text[last.end : hit.start] and (
                joined or self.grammar.causal.at(between, 0) is not None
            ):
                return [last]
        candidates = [p for p in candidates if not p.consumed]
        usable = [
            position
            for position in range(len(candidates) - 1, -1, -1)
            if (candidates[position].is_actor or (include_agencies and candidates[position].kind == "agency"))
            and candidates[position].role not in _OBLIQUE
            and candidates[position].role != "agent"
        ]
        if not usable:
            return []
        chosen = usable[0]
        if prefer_person:
            # People meet and travel: "ông Tập ... trước khi rời Hà Nội, tiếp tục chuyến công du".
            chosen = next(
                (
                    p
                    for p in usable
                    if candidates[p].has_person or candidates[p].kind in ("pronoun", "dyadref")
                ),
                chosen,
            )
        found = [candidates[chosen]]
        cursor = chosen
        while found[0].coordinated and cursor > 0 and len(found) < _MAX_PARTIES:
            cursor -= 1
            previous = candidates[cursor]
            if not previous.is_actor or previous.role in _OBLIQUE:
                break
            found.insert(0, previous)
        return found

    def _object_of_previous(self, s: _Sentence, index: int) -> bool:
        """An event noun right after a verb is its object: "lên án vụ phóng tên lửa của X"."""
        hit = s.hits[index]
        if not hit.nominal:
            return False
        for other in reversed(s.hits[:index]):
            if other.consumed or other.trigger.frame == "speech":
                continue
            return 0 <= hit.first - other.last <= 3 and not s.text[other.end : hit.start].count(",")
        return False

    def _agent(self, s: _Sentence, hit: Hit, subject: Phrase | None) -> Phrase | None:
        """The agent of a passive ("X bị Y tấn công", "X được Y đón")."""
        low = subject.end if subject is not None else s.clause_start(hit.start)
        for phrase in s.phrases:
            if low <= phrase.start and phrase.end <= hit.start and phrase.role == "agent" and phrase.is_actor:
                return phrase
        return None

    def _passive(self, s: _Sentence, hit: Hit, subject: Phrase | None, agent: Phrase | None) -> bool:
        """X bị tấn công", "X được Y đón": "bị"/"được" right before the verb or before its agent."""
        if subject is None:
            return False
        head = hit.first - (1 if hit.nominal else 0)
        if head > 0 and s.texts[head - 1] in self.grammar.passive:
            return True
        if agent is not None and s.word_at(agent.end) >= hit.first - 1:
            marker = s.word_at(agent.start) - 1
            return marker >= 0 and s.texts[marker] in self.grammar.passive
        return False

    def _objects(
        self,
        s: _Sentence,
        index: int,
        mode: str,
        spatial: bool,
        start: int | None = None,
        end: int | None = None,
        include_consumed: bool = False,
    ) -> tuple[list[Phrase], Phrase | None, list[Phrase]]:
        """Targets after the trigger, the genitive of an event noun, and "giữa X và Y" participants."""
        hit = s.hits[index]
        allowed = _OBJECT_ROLES[mode]
        low = hit.end if start is None else start
        right = s.clause_end(hit.end) if end is None else end
        others = [
            h for i, h in enumerate(s.hits) if i != index and not h.consumed and h.trigger.frame != "speech"
        ]
        targets: list[Phrase] = []
        genitive: Phrase | None = None
        previous_end = low
        for phrase in s.phrases:
            if phrase.start < low:
                continue
            if phrase.start >= right:
                break
            if (
                phrase.consumed
                and not include_consumed
                and not (phrase.role == "gen" and genitive is None and not targets)
            ):
                continue
            if any(previous_end <= other.start < phrase.start for other in others):
                # Another event in between: its genitive may still be the target ("lên án vụ thử của X").
                if not targets and mode == "direct" and phrase.role == "gen" and phrase.is_actor:
                    targets.append(phrase)
                break
            gap = s.text[previous_end : phrase.start]
            if "," in gap and not (targets and phrase.coordinated):
                break
            gap_words = s.texts[s.word_at(previous_end) : s.word_at(phrase.start)]
            subordinators = self.grammar.subordinators
            if s.may_hold(subordinators) and subordinators.first_in(gap_words) is not None:
                break  # "bắt giữ 16 sinh viên sau khi nhóm này xông vào ... Đại sứ quán Nhật Bản"
            if (phrase.role == "gen" and phrase.marker_at == 0) or (
                phrase.late_genitive
                and (hit.nominal or spatial)
                and genitive is None
                and s.word_at(phrase.start) - s.word_at(previous_end) <= _LATE_GENITIVE_GAP
            ):
                # "chuyến thăm Nga của X": the genitive of an event noun is its agent.
                if genitive is None and (not targets or hit.nominal or spatial):
                    genitive = phrase
                previous_end = phrase.end
                continue
            if phrase.role in ("loc", "from", "in") and phrase.role not in allowed:
                previous_end = phrase.end  # an adjunct ("tại Hà Nội"), unless the verb takes it
                continue
            if phrase.role == "between":
                if self._nominal_between(s, hit.end, phrase.start):
                    break  # "nhất trí triển khai kết quả cuộc điện đàm giữa X và Y": the call's parties
                group = [phrase, *self._coordinated_after(s, phrase)]
                return targets, genitive, group
            usable = (phrase.is_actor and phrase.kind != "dyadref") or (
                phrase.kind == "place" and (spatial or hit.trigger.root in _PLACE_TARGET_ROOTS)
            )
            if targets:
                if phrase.coordinated and usable and len(targets) < _MAX_PARTIES:
                    targets.append(phrase)
                    previous_end = phrase.end
                    continue
                break
            if phrase.role not in allowed or not usable:
                break
            if phrase.role is None and self._direct_gap(s, previous_end, phrase.start) > _DIRECT_GAP:
                break
            targets.append(phrase)
            previous_end = phrase.end
        return targets, genitive, []

    def _direct_gap(self, s: _Sentence, start: int, end: int) -> int:
        """Words between a verb and its direct object; an apposition ("... khác là X") restarts the count."""
        gap = s.texts[s.word_at(start) : s.word_at(end)]
        if "là" in gap:
            gap = gap[len(gap) - gap[::-1].index("là") :]
        return len(gap)

    def _coordinated_after(self, s: _Sentence, phrase: Phrase) -> list[Phrase]:
        after = [p for p in s.phrases if p.start >= phrase.end]
        group: list[Phrase] = []
        for p in after:
            if not p.coordinated or not p.is_actor or len(group) >= _MAX_PARTIES:
                break
            group.append(p)
        return group

    def _needs_object_ok(self, s: _Sentence, hit: Hit, targets: list[Phrase]) -> bool:
        if not targets:
            return False
        first = targets[0]
        gap = s.texts[hit.last : s.word_at(first.start)]
        if "," in s.text[hit.end : first.start]:
            return False
        if hit.trigger.frame == "arrive":
            index = 0
            while index < len(gap):
                found = self.grammar.place_nouns.at(gap, index)
                if found is None:
                    return False
                index += len(found)
            return True
        return len(gap) <= 3

    def _party(self, phrase: Phrase, state: _State) -> list[Party]:
        if phrase.kind == "dyad" and phrase.pair is not None:
            return list(phrase.pair)
        if phrase.kind == "dyadref":
            dyad = state.dyad or state.default_dyad
            if dyad is None:
                return []
            if phrase.with_persons:
                return list(dyad)
            return [Party(p.level, p.actor) for p in dyad]
        if phrase.party is not None:
            return [phrase.party]
        if phrase.kind == "place" and phrase.place:
            return [Party(phrase.place)]
        return []

    def _parties(self, s: _Sentence, index: int, state: _State) -> tuple[list[_Pair], bool]:
        """The (source, target, code, named explicitly) events a trigger yields.

        Also returns whether the construction is mutual ("X và Y hội đàm", "hai bên nhất trí"),
        where either party acts.
        """
        hit = s.hits[index]
        trigger = hit.trigger
        frame = trigger.frame
        left = s.clause_start(hit.start)
        people = frame in ("meet", "visit", "arrive", "host")
        subjects = (
            []
            if self._object_of_previous(s, index)
            else self._subject_phrases(s, hit, left, prefer_person=people)
        )
        subject = subjects[-1] if subjects else None
        spatial = frame in ("visit", "arrive")
        embedded_index = s.embedded.get(index)
        embedded = s.hits[embedded_index] if embedded_index is not None else None
        code = trigger.code
        explicit = True
        if frame == "judge":
            return self._judge(s, index, state), False
        if frame == "meet":
            chaired = self._chaired(s, index, subjects, state)
            if chaired:
                return chaired, True
        if frame == "modal":
            if embedded is None and self._empty_complement(s, index):
                return [], False
            complement_end = self._complement_end(s, index)
            if trigger.modal == "hope":
                return self._hope(s, index, subjects, embedded, state), False
            targets = self._complement_targets(s, hit.end, complement_end, index in s.propositions)
            if not targets and embedded is not None and embedded_index is not None:
                found, _, group = self._objects(s, embedded_index, embedded.trigger.object, False)
                targets = found or group
            table = self.lexicon.modals[trigger.modal or "appeal"]
            code = self._refine(s, hit)  # "bác bỏ mọi cáo buộc": the verb's own reading first
            if code == trigger.code:
                if embedded is None or index in s.propositions:
                    code = table.default  # no act named, or a proposal: agreeing to it is 03
                else:
                    code = table.code_for(self._refine(s, embedded))
            genitive = None
            between: list[Phrase] = []
        else:
            targets, genitive, between = self._objects(s, index, trigger.object, spatial)
            if (
                trigger.needs_object
                and not self._needs_object_ok(s, hit, targets)
                and not self._passive(s, hit, subject, self._agent(s, hit, subject))
            ):
                return [], False
            code = self._refine(s, hit)
        # Sources.
        sources: list[Party] = []
        for phrase in subjects:
            sources.extend(self._party(phrase, state))
        agent = self._agent(s, hit, subject)
        passive = self._passive(s, hit, subject, agent)
        target_parties: list[Party] = []
        for phrase in targets:
            target_parties.extend(self._party(phrase, state))
        if passive:
            if agent is None:
                agent = next((p for p in targets if p.role == "agent"), None)
            sources, target_parties = (self._party(agent, state) if agent else []), sources
        if genitive is not None and (hit.nominal or spatial or not sources):
            genitive_parties = self._party(genitive, state)
            # "đến thủ đô Bắc Kinh của Trung Quốc": a genitive of the place, not of the journey.
            owned = any(g.level == t.level for g in genitive_parties for t in target_parties)
            if genitive_parties and not owned:
                sources = genitive_parties
        if between:
            between_parties = [party for phrase in between for party in self._party(phrase, state)]
            if sources:
                target_parties = between_parties
            elif len(between_parties) >= 2:
                sources, target_parties = between_parties[:1], between_parties[1:2]
        if not sources:
            sources = self._fallback_source(s, hit, state)
            explicit = False
        if not sources:
            return [], False
        if (
            frame == "modal"
            and trigger.modal in ("appeal", "demand")
            and any(p.kind in ("dyadref", "dyad") for p in targets)
            and any(p.level == sources[0].level for p in target_parties)
        ):
            # "đề nghị hai bên tạo đột phá trong hợp tác": asking both sides, the speaker's own
            # included, is proposing to act together.
            intent = self.lexicon.modals["intent"]
            code = intent.default if embedded is None else intent.code_for(self._refine(s, embedded))
        mutual_kind = trigger.object == "with" or frame == "meet" or trigger.modal in ("intent", "agree")
        paired = False
        # Symmetric events between coordinated subjects: "X và Y hội đàm", "hai bên nhất trí ... cùng
        # với Mỹ" (the pair agrees; a third party named in the complement does not make it three).
        # Subjects who say or do something side by side ("Mỹ và Hàn Quốc bày tỏ lo ngại") are not
        # each other's targets.
        pair_roots = trigger.root in SYMMETRIC_ROOTS or trigger.root == "06"
        if (
            len(sources) >= 2
            and (mutual_kind or pair_roots)
            and (not target_parties or (mutual_kind and pair_roots))
            and (not target_parties or sources[1].level != sources[0].level)
        ):
            sources, target_parties = sources[:1], sources[1:2]
            paired = True
        if subject is not None and subject.kind in ("dyadref", "dyad", "pronoun"):
            explicit = False
        dyad = state.dyad or state.default_dyad
        if not target_parties and dyad is not None and trigger.root in SYMMETRIC_ROOTS and mutual_kind:
            a, b = dyad
            if sources[0].level == a.level:
                target_parties = [b]
                explicit = False
                paired = True
            elif sources[0].level == b.level:
                target_parties = [a]
                explicit = False
                paired = True
        if frame == "arrive" and any(p.has_person or p.source_name for p in targets):
            return [], False  # "gửi điện chia buồn tới Chủ tịch ...": a message, not a journey
        if frame == "arrive" and not (
            (subject is not None and (subject.has_person or subject.kind == "pronoun"))
            or self._has_delegation(s, hit, left)
        ):
            return [], False
        if target_parties and trigger.with_target and frame != "modal":
            code = trigger.with_target
        if not target_parties and trigger.without_target:
            code = trigger.without_target
            # "tập trận chung quanh đảo Đài Loan": with no partner named, an exercise aimed at a
            # party ("quanh", "nhằm vào") is a show of force against it.
            aimed, _, _ = self._objects(s, index, "against", spatial)
            target_parties = [
                party for phrase in aimed if phrase.role == "against" for party in self._party(phrase, state)
            ]
            targets = targets or [phrase for phrase in aimed if phrase.role == "against"]
        if not target_parties:
            target_parties = self._referenced_target(s, index, state)
        if not target_parties and s.first_in(self.grammar.act_nouns, hit.last, hit.last + 3) and dyad:
            # "lên án việc xả thải": the act condemned is the other party's, in a story about two.
            others = [p for p in dyad if p.level != sources[0].level]
            if len(others) == 1:
                target_parties = others
                explicit = False
        if frame == "meet" and len(sources) > 1 and len({p.level for p in sources}) == 1:
            # "Ngoại trưởng X và Bộ trưởng Quốc phòng Y đối thoại với A và B": one delegation meets
            # another; a "2+2" is one meeting, not four.
            sources = sources[:1]
            target_parties = _first_per_level(target_parties)
        results: list[_Pair] = []
        for source in sources[:_MAX_PARTIES]:
            if not target_parties:
                if trigger.target_required:
                    continue
                results.append((source, None, code, explicit))
                continue
            for target in target_parties[:_MAX_PARTIES]:
                if target.level == source.level:
                    continue
                results.append((source, target, code, explicit))
        if results:
            for phrase in targets:
                phrase.consumed = True  # an object is not the subject of a later verb
        return results, paired or bool(between and not subjects)

    def _antecedent(self, code: str, state: _State) -> Candidate | None:
        """The last event told of the kind ``code`` belongs to."""
        kind = Candidate(code, Party(""), None, None, "", _OCCURRED, []).kind
        for candidate in reversed(state.candidates):
            if candidate.kind == kind:
                return candidate
        return None

    def _referenced_target(self, s: _Sentence, index: int, state: _State) -> list[Party]:
        """Read "Hàn Quốc lên án vụ phóng": the object is an event told before; its agent is the target."""
        for other_index in range(index + 1, len(s.hits)):
            other = s.hits[other_index]
            if other.consumed or other.trigger.frame == "speech":
                continue
            if not other.nominal or not self._object_of_previous(s, other_index):
                return []
            _, genitive, _ = self._objects(s, other_index, other.trigger.object, False)
            if genitive is not None:
                return self._party(genitive, state)
            antecedent = self._antecedent(other.trigger.code, state)
            if antecedent is not None and antecedent.source.level:
                return [antecedent.source]
            return []
        return []

    def _has_delegation(self, s: _Sentence, hit: Hit, left: int) -> bool:
        words = s.texts[s.word_at(left) : hit.first]
        return self.grammar.delegations.first_in(words) is not None

    def _complement_targets(self, s: _Sentence, start: int, end: int, owners: bool = False) -> list[Phrase]:
        """The party a modal addresses: the first actor of its complement that is not an adjunct.

        A genitive owns a noun ("dỡ bỏ trừng phạt của Liên Hợp Quốc"): its owner is not addressed,
        unless the noun is the proposal answered (``owners``: "bác bỏ đề xuất đàm phán của Mỹ").
        """
        for phrase in s.phrases:
            if (
                phrase.start < start
                or phrase.consumed
                or phrase.role in _COMPLEMENT_SKIP
                or (phrase.role == "gen" and not owners)
                or phrase.late_genitive
            ):
                continue
            if phrase.start >= end:
                break
            if self._nested(s, phrase):
                continue  # "nhất trí triển khai kết quả cuộc điện đàm giữa X và Y": the call's parties
            if phrase.is_actor:
                return [phrase, *self._coordinated_after(s, phrase)]
        return []

    def _nested(self, s: _Sentence, phrase: Phrase) -> bool:
        """Whether ``phrase`` names a participant of an event noun ("cuộc điện đàm giữa X và Y")."""
        position = s.phrases.index(phrase)
        while s.phrases[position].coordinated and position > 0:
            position -= 1
        head = s.phrases[position]
        return head.role in ("between", "gen") and self._nominal_between(
            s, s.clause_start(head.start), head.start
        )

    def _nominal_between(self, s: _Sentence, start: int, end: int) -> bool:
        """Whether an event noun lies in ``[start, end)``: a "giữa"/"của" phrase after it is its own."""
        return any(other.nominal and start <= other.start < end for other in s.hits)

    def _hope(
        self,
        s: _Sentence,
        index: int,
        subjects: list[Phrase],
        embedded: Hit | None,
        state: _State,
    ) -> list[_Pair]:
        """Read "X hy vọng Y sẽ ...": an appeal to Y, or X's own intent when Y includes X.

        A party named as a partner ("mong muốn đưa quan hệ với Việt Nam lên tầm cao mới") is not
        asked to act: wishing for closer ties with it is X's own intent.
        """
        hit = s.hits[index]
        sources = [party for phrase in subjects for party in self._party(phrase, state)]
        if not sources:
            sources = self._fallback_source(s, hit, state)
        if not sources:
            return []
        speaker = sources[0]
        end = embedded.start if embedded is not None else s.clause_end(hit.end)
        inner = [
            p for p in s.phrases if hit.end <= p.start < end and p.is_actor and p.role not in _COMPLEMENT_SKIP
        ]
        inner_parties = [party for phrase in inner for party in self._party(phrase, state)]
        partners = all(phrase.role == "with" for phrase in inner)
        embedded_code = self._refine(s, embedded) if embedded is not None else None
        results: list[_Pair] = []
        if inner_parties and (partners or any(p.level == speaker.level for p in inner_parties)):
            code = self.lexicon.modals["intent"].code_for(embedded_code)
            others = [p for p in inner_parties if p.level != speaker.level]
            if not others and state.dyad is not None:
                others = [p for p in state.dyad if p.level != speaker.level]
            for other in others[:_MAX_PARTIES]:
                results.append((speaker, other, code, True))
            return results
        if inner_parties:
            code = self.lexicon.modals["appeal"].code_for(embedded_code)
            return [
                (speaker, other, code, True)
                for other in inner_parties[:_MAX_PARTIES]
                if other.level != speaker.level
            ]
        if embedded is not None and embedded_code is not None:
            embedded_index = s.hits.index(embedded)
            found, _, group = self._objects(s, embedded_index, embedded.trigger.object, False)
            others = [party for phrase in (found or group) for party in self._party(phrase, state)]
            code = self.lexicon.modals["intent"].code_for(embedded_code)
            return [
                (speaker, other, code, True)
                for other in others[:_MAX_PARTIES]
                if other.level != speaker.level
            ]
        return []

    def _chaired(self, s: _Sentence, index: int, subjects: list[Phrase], state: _State) -> list[_Pair]:
        """Read talks held under a third party.

        "Sau cuộc đàm phán do Thủ tướng Malaysia chủ trì ..., Thái Lan và Campuchia ...": the chair
        mediates with each side (045); the sides meet each other.
        """
        hit = s.hits[index]
        chair = next((p for p in s.phrases if p.start >= hit.end), None)
        if (
            chair is None
            or chair.role != "led"
            or not chair.is_actor
            or s.word_at(chair.start) - hit.last > _CHAIR_GAP
            or "," in s.text[hit.end : chair.start]
            or self.grammar.chairs.at(s.texts, s.word_at(chair.end)) is None
        ):
            return []
        mediators = self._party(chair, state)
        _, _, between = self._objects(s, index, "with", False, start=chair.end)
        sides = between or [p for p in subjects if p is not chair] or self._main_subjects(s, chair.end)
        parties = _first_per_level([party for phrase in sides for party in self._party(phrase, state)])
        if not mediators or not parties:
            return []
        mediator = mediators[0]
        parties = [p for p in parties if p.level != mediator.level]
        results: list[_Pair] = [(mediator, side, "045", True) for side in parties[:_MAX_PARTIES]]
        if len(parties) >= 2:
            results.append((parties[0], parties[1], self._refine(s, hit), True))
        return results  # the sides stay free: they are often the main clause's subject too

    def _main_subjects(self, s: _Sentence, after: int) -> list[Phrase]:
        """The subject of the main clause after a fronted phrase ("Sau cuộc đàm phán ..., X và Y ...")."""
        comma = s.text.find(",", after, s.clause_end(after))
        if comma < 0:
            return []
        for phrase in s.phrases:
            if phrase.start > comma and phrase.is_actor and phrase.role is None:
                return [phrase, *self._coordinated_after(s, phrase)]
            if phrase.start > comma and phrase.is_actor:
                break
        return []

    def _judge(self, s: _Sentence, index: int, state: _State) -> list[_Pair]:
        """Read a damning verdict as criticism of the party whose act is judged.

        "X cho rằng phát ngôn trên 'hoàn toàn sai trái'", "Moscow coi quyết định của Washington là
        'phản tác dụng'": the speaker criticises the author of the act.

        Only a verdict someone pronounces counts: inside what a speaker says, or after a verb of
        regarding ("coi", "gọi ... là"); elsewhere the words describe, they do not accuse. The one who
        regards is the subject before that verb; what is judged comes after it.
        """
        hit = s.hits[index]
        left = s.clause_start(hit.start)
        regard = s.first_in(self.grammar.evaluation, s.word_at(left), hit.first)
        reported = any(start <= hit.start < end for start, end, _ in s.complements)
        if regard is None and not reported:
            return []
        split = s.starts[regard[0]] if regard is not None else left
        sources: list[Party] = []
        for phrase in s.phrases:
            if (
                left <= phrase.start
                and phrase.end <= split
                and phrase.is_actor
                and phrase.role not in _OBLIQUE
            ):
                sources = self._party(phrase, state)
        if not sources:
            sources = self._fallback_source(s, hit, state)
        if not sources:
            return []
        speaker = sources[0]
        judged = [
            party
            for phrase in s.phrases
            if split <= phrase.start and phrase.end <= hit.start and phrase.is_actor
            for party in self._party(phrase, state)
            if party.level != speaker.level
        ]
        if not judged:
            dyad = state.dyad or state.default_dyad
            others = [p for p in dyad if p.level != speaker.level] if dyad is not None else []
            judged = others if len(others) == 1 else []
        return [(speaker, judged[0], hit.trigger.code, True)] if judged else []

    def _unnamed_subject(self, s: _Sentence, start: int, hit: Hit) -> bool:
        """Whether a noun phrase no mention covers is the subject of ``hit`` in a reported clause.

        Seen as words before an aspect word ("đang", "đã", "sẽ") that do not open an adjunct:
        "cho rằng [hai tập đoàn] đang tài trợ", but not "cho biết [trong tháng tới] sẽ thăm".
        """
        g = self.grammar
        first = s.word_at(max(start, s.text.rfind(",", start, hit.start) + 1))
        for i in range(hit.first - 1, first - 1, -1):
            if g.coordinators.at(s.texts, i) is not None:
                first = i + 1  # "... và kêu gọi Moscow": a second verb of the speaker's
                break
        blocked = {i for t in s.times for i in range(s.word_at(t.start), s.word_at(t.end))}
        words = [i for i in range(first, hit.first) if i not in blocked]
        if not words or g.marker_table.get((s.texts[words[0]],)) or g.linking.at(s.texts, words[0]):
            return False
        return any(g.linking.at(s.texts, i) is not None for i in words[1:])

    def _fallback_source(self, s: _Sentence, hit: Hit, state: _State) -> list[Party]:
        """A subject found elsewhere: the reporting speaker, or the main clause after a fronted phrase."""
        for start, end, speaker in reversed(s.complements):
            if start <= hit.start < end and speaker is not None and speaker.is_actor:
                if self._unnamed_subject(s, start, hit):
                    return []  # "X cho rằng hai tập đoàn đang tài trợ ...": the firms act, not X
                return self._party(speaker, state)
        left = s.clause_start(hit.start)
        comma = s.text.find(",", hit.end)
        if comma >= 0 and left == s.clause_start(comma):
            for phrase in s.phrases:
                if (
                    phrase.start > comma
                    and phrase.is_actor
                    and phrase.role not in _OBLIQUE
                    and not phrase.consumed
                ):
                    return self._party(phrase, state)
                if phrase.start > comma and phrase.is_actor:
                    break
        if left > 0:
            # "X nhấn mạnh ...; cảm ơn ...": verb phrases after a semicolon share the subject.
            for phrase in reversed(s.phrases):
                if (
                    phrase.end <= left
                    and phrase.is_actor
                    and phrase.role not in _OBLIQUE
                    and not phrase.consumed
                    and (s.clause_start(phrase.start) == s.clause_starts[0] or phrase.start < left)
                    and not self._nested(s, phrase)
                ):
                    return self._party(phrase, state)
        return []

    def _refine(self, s: _Sentence, hit: Hit) -> str:
        ahead = s.texts[hit.last : hit.last + 8]
        for code, phrases in hit.trigger.refine:
            if phrases.first_in(ahead) is not None:
                return code
        return hit.trigger.code

    def _phrase_end(self, s: _Sentence, hit: Hit) -> int:
        comma = s.text.find(",", hit.end)
        end = s.clause_end(hit.end)
        return comma if 0 <= comma < end else end

    def _place(self, s: _Sentence, index: int) -> tuple[str | None, str | None]:
        """Where: "tại/ở X" in the trigger's clause, else the visited place for visits."""
        hit = s.hits[index]
        left = s.clause_start(hit.start)
        right = s.clause_end(hit.end)
        best: Phrase | None = None
        for phrase in s.phrases:
            if phrase.role != "loc" or not (left <= phrase.start < right) or phrase.country is None:
                continue
            if best is None or abs(phrase.start - hit.end) < abs(best.start - hit.end):
                best = phrase
        if best is not None:
            return best.place or best.country, self._city(s, best)
        if hit.trigger.frame in ("visit", "arrive"):
            targets, _, _ = self._objects(s, index, hit.trigger.object, True, include_consumed=True)
            for phrase in targets:
                if phrase.place is not None or phrase.city is not None:
                    return phrase.place or phrase.country, self._city(s, phrase)
        return None, None

    def _city(self, s: _Sentence, phrase: Phrase) -> str | None:
        """A city named as a place; a seat of power counts when called "thủ đô" ("thủ đô Bình Nhưỡng")."""
        if phrase.city is not None or phrase.party is None or not phrase.mentions:
            return phrase.city
        last = phrase.mentions[-1]
        if (
            last.role in ("capital", "metonym")
            and "thủ đô" in s.key[max(0, phrase.start - 10) : phrase.start]
        ):
            return last.canonical
        return None

    def _attribution(self, s: _Sentence, hit: Hit, state: _State, sentence_source: str | None) -> str | None:
        for start, end, speaker in reversed(s.complements):
            if start <= hit.start < end and speaker is not None and speaker.source_name:
                return self._source_name(speaker, s, state)
        if sentence_source:
            return sentence_source
        if state.paragraph_source:
            return state.paragraph_source
        return state.attributions[0].name if state.attributions else None


# -- helpers ------------------------------------------------------------------------------------


def _anchor(article: Article) -> tuple[DateRange | None, str]:
    if article.published is not None:
        return DateRange.day(article.published), "article-date"
    if article.published_range is not None:
        first, last = article.published_range
        if first <= last:
            return DateRange(first, last), "published-range"
    return None, "none"


def _paragraph_of(text: str, body: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The body span holding the sentence ``[start, end)`` and the line it starts on there."""
    for index, (span_start, span_end) in enumerate(body):
        if span_start <= start and end <= span_end:
            return index, text.count("\n", span_start, start)
    return None


def _start_of(mention: Named) -> int:
    return mention.start


def _fronted(key: str, words: Tokens, mention: TimeMention) -> bool:
    """Whether a time expression opens its sentence and is set off by a comma ("Sáng 30/3, ...")."""
    return words.index_at(mention.start) <= _FRONTED_WORDS and key[mention.end : mention.end + 1] == ","


def _mention_follows(starts: Sequence[int], end: int) -> bool:
    """Whether a mention starts shortly after ``end`` (room for a title: "đón Tổng thống Mỹ ...")."""
    index = bisect.bisect_left(starts, end)
    return index < len(starts) and starts[index] - end <= _NEEDS_OBJECT_CHARS


def _drop_goal_markers(hits: list[Hit], key: str) -> list[Hit]:
    """chuyến thăm của X tới Y": after a visit, "tới"/"đến" marks the destination, not a new trip."""
    kept: list[Hit] = []
    for hit in hits:
        if hit.trigger.frame == "arrive" and any(
            other.trigger.frame == "visit"
            and other.last <= hit.first
            and hit.first - other.last <= _MODAL_REACH
            and not any(mark in key[other.end : hit.start] for mark in ";:")
            for other in kept
        ):
            continue
        kept.append(hit)
    return kept


def _first_per_level(parties: Sequence[Party]) -> list[Party]:
    """The first party named for each country, in order."""
    seen: set[str] = set()
    kept: list[Party] = []
    for party in parties:
        if party.level not in seen:
            seen.add(party.level)
            kept.append(party)
    return kept


def _main_pair(mentions: list[Named]) -> tuple[Party, Party] | None:
    """The two countries the article is most about: "hai bên" before any pair has acted."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.role in ("news_agency", "place") or mention.type == "LOC":
            continue
        level = mention.level
        if level is not None:
            counts[level] = counts.get(level, 0) + 1
    ranked = sorted(counts, key=lambda level: -counts[level])
    if len(ranked) < 2 or counts[ranked[1]] < 2:
        return None
    return Party(ranked[0]), Party(ranked[1])


def _confidence(basis: str, explicit: bool, has_target: bool, priority: int) -> float:
    value = 0.45 + (priority - 50) / 250
    value += {"explicit": 0.2, "relative": 0.2, "anaphoric": 0.15, "discourse": 0.05, "report": 0.1}.get(
        basis, -0.1
    )
    value += 0.15 if explicit else 0.0
    value -= 0.0 if has_target else 0.1
    return max(0.05, min(0.95, value))


def _infer_places(events: list[Candidate]) -> None:
    """A meeting during a visit took place in the visited country."""
    visits = [e for e in events if e.code in ("042", "043") and e.place and e.when is not None]
    for event in events:
        if event.root != "04" or event.place is not None or event.when is None or event.target is None:
            continue
        parties = {event.source.level, event.target.level}
        for visit in visits:
            if visit is event or visit.target is None or visit.when is None:
                continue
            if {visit.source.level, visit.target.level} != parties:
                continue
            if (
                visit.when.first - timedelta(days=1)
                <= event.when.first
                <= visit.when.last + timedelta(days=1)
            ):
                event.place = visit.place
                event.city = event.city or visit.city
                break
