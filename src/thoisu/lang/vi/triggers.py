"""The Vietnamese event-trigger lexicon and the grammar words around it.

Triggers and grammar words live in ``data/triggers.toml`` so linguists can
extend coverage without touching the coder. This module reads the file once,
validates it against the CAMEO table (an unknown code or frame is a
ResourceError naming the entry, never a silently dropped trigger), and folds
every phrase to the matching key the coder uses on text.

The matching key is the canonical tone placement, lower-cased, with every
whitespace character read as a space. It has the same length as its input
(for NFC text), so a match in the key is a match at the same offsets in the
article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, Literal, cast, get_args

from thoisu.cameo.table import CameoTable, load_cameo
from thoisu.errors import ResourceError
from thoisu.lang.resource import load_toml
from thoisu.lang.vi.orthography import canonical

Frame = Literal["act", "meet", "visit", "host", "arrive", "speech", "modal", "judge"]
ObjectMode = Literal["direct", "with", "goal", "about", "against", "for", "from", "none"]
Modal = Literal["appeal", "demand", "intent", "agree", "reject", "threaten", "hope", "cancel"]
Role = Literal[
    "gen", "with", "goal", "loc", "from", "for", "about", "against",
    "between", "agent", "and", "cite", "led", "in",
]  # fmt: skip

_FRAMES: Final[frozenset[str]] = frozenset(get_args(Frame))
_OBJECTS: Final[frozenset[str]] = frozenset(get_args(ObjectMode))
_MODALS: Final[frozenset[str]] = frozenset(get_args(Modal))
_ROLES: Final[frozenset[str]] = frozenset(get_args(Role))
_DEFAULT_OBJECT: Final[dict[str, ObjectMode]] = {
    "act": "direct",
    "meet": "with",
    "visit": "direct",
    "host": "direct",
    "arrive": "direct",
    "speech": "none",
    "modal": "direct",
    "judge": "none",
}
_WORD: Final = re.compile(r"\w+")


# The only syllables the two tone-placement conventions write differently are open "oa", "oe" and
# "uy" ("hoà"/"hòa", "khoẻ"/"khỏe", "thuỷ"/"thủy"): moving those marks is all `canonical` does on
# real text, and doing only that keeps the key ~30 times cheaper than canonicalising every word.
_NEW_STYLE: Final = re.compile(r"o[àáảãạèéẻẽẹ](?!\w)|(?<!q)u[ỳýỷỹỵ](?!\w)")
_TO_OLD: Final = {
    new: canonical(new)
    for new in ("oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ")
}


# A fast precheck: the pattern without its look-behind for "q". Most sentences have no such syllable
# ("hoàn", "khoé" ... hold the pair inside a word), and then the key is only lower-cased.
_CANDIDATES: Final = re.compile(r"[ou][àáảãạèéẻẽẹỳýỷỹỵ](?!\w)")
_WHITESPACE: Final = ("\n", "\t", "\r", "\xa0", "\u2009", "\u202f", "\u3000", "\x0b", "\x0c")


def key_of(text: str) -> str:
    """Length-preserving matching key: canonical tone placement, lower case, spaces for whitespace.

    Equal to ``canonical(text).lower()`` on NFC Vietnamese text once whitespace is read as spaces,
    and always the same length as ``text``, so offsets in the key are offsets in the text.
    """
    key = text
    for char in _WHITESPACE:
        if char in key:
            key = key.replace(char, " ")
    lowered = key.lower()
    if len(lowered) != len(key):  # a few characters ("İ") lower to two: keep those as they are
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in key)
    found = _CANDIDATES.search(lowered)
    if found:
        # Every syllable to move starts with a candidate: rewrite from the first one on, keeping the
        # character before it, which the pattern looks behind at (the "q" of "quý").
        at = max(found.start() - 1, 0)
        lowered = lowered[:at] + _NEW_STYLE.sub(lambda match: _TO_OLD[match.group()], lowered[at:])
    return lowered


def words_of(text: str) -> tuple[str, ...]:
    """The folded words of a phrase, the unit every lexicon comparison works in."""
    return tuple(_WORD.findall(key_of(text)))


Words = tuple[str, ...]


@dataclass(slots=True, frozen=True)
class PhraseSet:
    """Folded phrases indexed by their first and last words.

    The coder asks "does one of these phrases start (or end) at word i?" many times per sentence;
    indexing by the boundary word makes that a dictionary lookup instead of a scan of the set.
    """

    by_first: Mapping[str, tuple[Words, ...]]
    by_last: Mapping[str, tuple[Words, ...]]
    # The keys of ``by_first`` and ``by_last`` as sets: tests run in C, without the proxy.
    heads: frozenset[str] = field(init=False, repr=False, compare=False)
    tails: frozenset[str] = field(init=False, repr=False, compare=False)
    # Plain dictionaries behind the read-only views, for the lookups (compiled, a dict lookup is
    # a direct call; a mapping's ``get`` is a method call by name).
    _first: dict[str, tuple[Words, ...]] = field(init=False, repr=False, compare=False)
    _last: dict[str, tuple[Words, ...]] = field(init=False, repr=False, compare=False)
    # The set's bit in its grammar's word masks (see ``Grammar.heads_present``); 0 outside a grammar.
    bit: int = field(default=0, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", frozenset(self.by_first))
        object.__setattr__(self, "tails", frozenset(self.by_last))
        object.__setattr__(self, "_first", dict(self.by_first))
        object.__setattr__(self, "_last", dict(self.by_last))

    @classmethod
    def of(cls, phrases: Iterable[Words], bit: int = 0) -> PhraseSet:
        """Index ``phrases`` (longest first under each key)."""
        first: dict[str, list[Words]] = {}
        last: dict[str, list[Words]] = {}
        for phrase in set(phrases):
            if phrase:
                first.setdefault(phrase[0], []).append(phrase)
                last.setdefault(phrase[-1], []).append(phrase)
        return cls(
            MappingProxyType({k: tuple(sorted(v, key=len, reverse=True)) for k, v in first.items()}),
            MappingProxyType({k: tuple(sorted(v, key=len, reverse=True)) for k, v in last.items()}),
            bit,
        )

    def __contains__(self, phrase: object) -> bool:
        return isinstance(phrase, tuple) and bool(phrase) and phrase in self.by_first.get(phrase[0], ())

    def __bool__(self) -> bool:
        return bool(self.heads)

    def __iter__(self) -> Iterator[Words]:
        return (phrase for phrases in self.by_first.values() for phrase in phrases)

    def __len__(self) -> int:
        return sum(len(phrases) for phrases in self.by_first.values())

    def at(self, words: list[str], index: int) -> Words | None:
        """The longest phrase that starts at word ``index``."""
        if index >= len(words) or index < 0:
            return None
        phrases = self._first.get(words[index])
        if phrases is None:
            return None
        for phrase in phrases:
            size = len(phrase)
            if size == 1:  # the word itself matched (and one-word phrases come last)
                return phrase
            end = index + size
            # The second word first: it rules out most phrases without building a slice.
            if end <= len(words) and words[index + 1] == phrase[1] and tuple(words[index:end]) == phrase:
                return phrase
        return None

    def before(self, words: list[str], index: int) -> Words | None:
        """The longest phrase that ends right before word ``index``."""
        if index <= 0 or index > len(words):
            return None
        phrases = self._last.get(words[index - 1])
        if phrases is None:
            return None
        for phrase in phrases:
            size = len(phrase)
            if size == 1:  # the word itself matched (and one-word phrases come last)
                return phrase
            start = index - size
            if start >= 0 and words[index - 2] == phrase[-2] and tuple(words[start:index]) == phrase:
                return phrase
        return None

    def first_in(self, words: list[str], start: int = 0, end: int | None = None) -> tuple[int, Words] | None:
        """The first phrase starting in ``words[start:end]``, with its index."""
        if start < 0:
            start = 0
        stop = len(words) if end is None or end > len(words) else end
        heads = self.heads
        if start >= stop or heads.isdisjoint(words[start:stop]):  # the usual answer, found in C
            return None
        for index in range(start, stop):
            if words[index] in heads:
                found = self.at(words, index)
                if found is not None:
                    return index, found
        return None


@dataclass(slots=True, frozen=True)
class Trigger:
    """One lexicon entry.

    Attributes:
        phrase: The phrase as written in the file.
        fragments: The phrase's folded words, one tuple per fragment (several when it has gaps).
        code: The CAMEO code it signals.
        frame: How its arguments are found (see the data file's description).
        modal: For modal frames, which table maps the complement's event to a code.
        object: How its target is marked.
        target_required: Whether an event without a target is dropped.
        with_target: Code used instead of ``code`` when a target is found.
        without_target: Code used instead of ``code`` when no target is found.
        refine: ``(code, phrases)`` pairs tried in order on the words after the trigger.
        needs: Phrases one of which must follow the trigger within eight words.
        not_before / not_after: Phrases that cancel the trigger when adjacent to it.
        needs_object: An actor or place must follow within two words.
        priority: Tie-breaker between overlapping triggers of the same length.
        window: Largest number of words a gap (" ... ") may span.
    """

    phrase: str
    fragments: tuple[Words, ...]
    code: str
    frame: Frame = "act"
    modal: Modal | None = None
    object: ObjectMode = "direct"
    target_required: bool = True
    with_target: str | None = None
    without_target: str | None = None
    refine: tuple[tuple[str, PhraseSet], ...] = ()
    needs: PhraseSet = field(default_factory=lambda: PhraseSet.of(()))
    not_before: PhraseSet = field(default_factory=lambda: PhraseSet.of(()))
    not_after: PhraseSet = field(default_factory=lambda: PhraseSet.of(()))
    needs_object: bool = False
    priority: int = 50
    window: int = 4

    @property
    def root(self) -> str:
        """The CAMEO root of the trigger's code."""
        return self.code[:2]

    @property
    def size(self) -> int:
        """Number of words the trigger's fragments cover (longer matches win)."""
        return sum(len(fragment) for fragment in self.fragments)


@dataclass(slots=True, frozen=True)
class ModalTable:
    """Codes for a modal frame keyed by the embedded event's code, its 3-digit prefix or root."""

    default: str
    codes: Mapping[str, str]

    def code_for(self, embedded: str | None) -> str:
        """The code of "modal + embedded event"; ``default`` without an embedded event."""
        if embedded:
            for key in (embedded, embedded[:3], embedded[:2]):
                found = self.codes.get(key)
                if found:
                    return found
        return self.default


@dataclass(slots=True, frozen=True)
class Grammar:
    """Closed-class words the coder reads around triggers (all folded to word tuples)."""

    markers: Mapping[Words, Role]
    passive: frozenset[str]
    classifiers: PhraseSet
    demonstratives: PhraseSet
    reference_preps: PhraseSet
    plural: PhraseSet
    nominalisers: PhraseSet
    anniversary: PhraseSet
    topic: PhraseSet
    purpose: PhraseSet
    iterative_counts: frozenset[str]
    iterative_unit: str
    negation: PhraseSet
    negation_exceptions: PhraseSet
    planned: PhraseSet
    planned_after: PhraseSet
    hypothetical: PhraseSet
    background: PhraseSet
    dyad: PhraseSet
    dyad_persons: PhraseSet
    dyad_breakers: PhraseSet
    pronouns: PhraseSet
    place_nouns: PhraseSet
    delegations: PhraseSet
    conditional: PhraseSet
    subordinators: PhraseSet
    negated_plans: PhraseSet
    ordinals: PhraseSet
    act_nouns: PhraseSet
    causal: PhraseSet
    linking: PhraseSet
    ahead_of: PhraseSet
    evaluation: PhraseSet
    copulas: PhraseSet
    indefinites: PhraseSet
    chairs: PhraseSet
    coordinators: PhraseSet
    that_clause: PhraseSet
    relatives: PhraseSet
    # Words in the longest marker (markers are looked up longest first).
    longest_marker: int = 1
    # The first words of the markers: most words are none, and one set test rules them out.
    marker_heads: frozenset[str] = field(init=False, repr=False, compare=False)
    # The plain dictionary behind ``markers`` (compiled, a mapping's ``get`` is a call by name).
    marker_table: dict[Words, Role] = field(init=False, repr=False, compare=False)
    # The first words of dyad words and pronouns (the words that stand for parties without naming them).
    party_word_heads: frozenset[str] = field(init=False, repr=False, compare=False)
    # For each first word of a phrase in a set with a bit, the bits of the sets it opens a phrase of.
    head_bits: dict[str, int] = field(init=False, repr=False, compare=False)
    _bit_heads: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "marker_heads", frozenset(words[0] for words in self.markers if words))
        object.__setattr__(self, "marker_table", dict(self.markers))
        object.__setattr__(self, "party_word_heads", self.dyad.heads | self.pronouns.heads)
        head_bits: dict[str, int] = {}
        for item in fields(self):
            if not item.init:
                continue  # derived below or above, not given
            value = getattr(self, item.name)
            if isinstance(value, PhraseSet) and value.bit:
                for head in value.heads:
                    head_bits[head] = head_bits.get(head, 0) | value.bit
        object.__setattr__(self, "head_bits", head_bits)
        object.__setattr__(self, "_bit_heads", frozenset(head_bits))

    def heads_present(self, words: list[str]) -> int:
        """The bits of the grammar's sets that have a phrase starting with one of ``words``.

        Most sets have no first word in a given sentence; with this mask, whether a set may have a
        phrase in some stretch of the sentence is one integer test: ``not set.bit or present & set.bit``.
        """
        present = 0
        for word in self._bit_heads.intersection(words):
            present |= self.head_bits[word]
        return present


@dataclass(slots=True, frozen=True)
class TriggerLexicon:
    """All triggers, the grammar and the modal tables."""

    version: str
    triggers: tuple[Trigger, ...]
    grammar: Grammar
    modals: Mapping[str, ModalTable] = field(default_factory=dict)

    def by_root(self) -> dict[str, list[Trigger]]:
        """Triggers grouped by CAMEO root (for reports and tests)."""
        grouped: dict[str, list[Trigger]] = {}
        for trigger in self.triggers:
            grouped.setdefault(trigger.root, []).append(trigger)
        return grouped


def _fragments(phrase: str, where: str) -> tuple[Words, ...]:
    parts = [part for part in phrase.split("...")]
    fragments = tuple(words_of(part) for part in parts)
    if not fragments or any(not fragment for fragment in fragments):
        raise ResourceError(f"{where}: phrase {phrase!r} has an empty fragment")
    return fragments


def _phrases(value: Any, where: str, key: str) -> tuple[Words, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ResourceError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(words_of(item) for item in value)


def _word_set(data: Mapping[str, Any], key: str, name: str, bit: int = 0) -> PhraseSet:
    return PhraseSet.of(_phrases(data.get(key), f"{name}: [grammar]", key), bit)


# The grammar's phrase sets, each with its bit in the word masks (``Grammar.heads_present``).
_GRAMMAR_SETS: Final = (
    "classifiers", "demonstratives", "reference_preps", "plural", "nominalisers", "anniversary",
    "topic", "purpose", "negation", "negation_exceptions", "planned", "planned_after", "hypothetical",
    "background", "dyad", "dyad_persons", "dyad_breakers", "pronouns", "place_nouns", "delegations",
    "conditional", "subordinators", "negated_plans", "ordinals", "act_nouns", "causal", "linking",
    "ahead_of", "evaluation", "copulas", "indefinites", "chairs", "coordinators", "that_clause",
    "relatives",
)  # fmt: skip


_TRIGGER_KEYS: Final = frozenset(
    {
        "phrase", "code", "frame", "modal", "object", "target", "with_target", "without_target", "refine",
        "needs", "not_before", "not_after", "needs_object", "priority", "window",
    }
)  # fmt: skip


def _trigger(raw: Any, root: str, index: int, cameo: CameoTable, name: str) -> Trigger:
    where = f"{name}: triggers.{root}[{index}]"
    if not isinstance(raw, dict):
        raise ResourceError(f"{where}: expected an inline table")
    unknown = set(raw) - _TRIGGER_KEYS
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}")
    phrase = raw.get("phrase")
    code = raw.get("code")
    if not isinstance(phrase, str) or not phrase.strip():
        raise ResourceError(f"{where}: missing phrase")
    where = f"{where} ({phrase!r})"
    if not isinstance(code, str) or code not in cameo:
        raise ResourceError(f"{where}: {code!r} is not a CAMEO code")
    if code[:2] != root:
        raise ResourceError(f"{where}: code {code} is filed under root {root}")
    frame = raw.get("frame", "act")
    if frame not in _FRAMES:
        raise ResourceError(f"{where}: unknown frame {frame!r}; one of {sorted(_FRAMES)}")
    modal = raw.get("modal")
    if (frame == "modal") != (modal is not None):
        raise ResourceError(f"{where}: 'modal' is required with frame = \"modal\" and only there")
    if modal is not None and modal not in _MODALS:
        raise ResourceError(f"{where}: unknown modal {modal!r}; one of {sorted(_MODALS)}")
    obj = raw.get("object", _DEFAULT_OBJECT[frame])
    if obj not in _OBJECTS:
        raise ResourceError(f"{where}: unknown object mode {obj!r}; one of {sorted(_OBJECTS)}")
    target = raw.get("target", "required")
    if target not in ("required", "optional"):
        raise ResourceError(f"{where}: target must be 'required' or 'optional'")
    with_target = raw.get("with_target")
    if with_target is not None and with_target not in cameo:
        raise ResourceError(f"{where}: with_target {with_target!r} is not a CAMEO code")
    without_target = raw.get("without_target")
    if without_target is not None and without_target not in cameo:
        raise ResourceError(f"{where}: without_target {without_target!r} is not a CAMEO code")
    refine_raw = raw.get("refine", {})
    if not isinstance(refine_raw, dict):
        raise ResourceError(f"{where}: refine must be a table code -> phrases")
    refine: list[tuple[str, PhraseSet]] = []
    for refined, phrases in refine_raw.items():
        if refined not in cameo:
            raise ResourceError(f"{where}: refine code {refined!r} is not a CAMEO code")
        refine.append((refined, PhraseSet.of(_phrases(phrases, where, f"refine.{refined}"))))
    priority = raw.get("priority", 50)
    window = raw.get("window", 4)
    if not isinstance(priority, int) or not 0 <= priority <= 100:
        raise ResourceError(f"{where}: priority must be an integer 0..100")
    if not isinstance(window, int) or not 1 <= window <= 12:
        raise ResourceError(f"{where}: window must be an integer 1..12")
    needs_object = raw.get("needs_object", False)
    if not isinstance(needs_object, bool):
        raise ResourceError(f"{where}: needs_object must be true or false")
    return Trigger(
        phrase=phrase.strip(),
        fragments=_fragments(phrase, where),
        code=code,
        frame=cast(Frame, frame),
        modal=cast(Modal | None, modal),
        object=cast(ObjectMode, obj),
        target_required=target == "required",
        with_target=with_target,
        without_target=without_target,
        refine=tuple(refine),
        needs=PhraseSet.of(_phrases(raw.get("needs"), where, "needs")),
        not_before=PhraseSet.of(_phrases(raw.get("not_before"), where, "not_before")),
        not_after=PhraseSet.of(_phrases(raw.get("not_after"), where, "not_after")),
        needs_object=needs_object,
        priority=priority,
        window=window,
    )


def _grammar(data: Any, name: str) -> Grammar:
    if not isinstance(data, dict):
        raise ResourceError(f"{name}: missing [grammar] table")
    markers_raw = data.get("markers")
    if not isinstance(markers_raw, dict) or not markers_raw:
        raise ResourceError(f"{name}: [grammar] markers must map words to roles")
    markers: dict[Words, Role] = {}
    for word, role in markers_raw.items():
        if role not in _ROLES:
            raise ResourceError(f"{name}: [grammar] marker {word!r} has unknown role {role!r}")
        markers[words_of(word)] = cast(Role, role)
    unit = data.get("iterative_unit")
    if not isinstance(unit, str) or not unit:
        raise ResourceError(f"{name}: [grammar] iterative_unit must be a word")
    sets = {key: _word_set(data, key, name, 1 << bit) for bit, key in enumerate(_GRAMMAR_SETS)}
    return Grammar(
        markers=MappingProxyType(markers),
        passive=frozenset(w for words in _word_set(data, "passive", name) for w in words),
        classifiers=sets["classifiers"],
        demonstratives=sets["demonstratives"],
        reference_preps=sets["reference_preps"],
        plural=sets["plural"],
        nominalisers=sets["nominalisers"],
        anniversary=sets["anniversary"],
        topic=sets["topic"],
        purpose=sets["purpose"],
        iterative_counts=frozenset(w for words in _word_set(data, "iterative_counts", name) for w in words),
        iterative_unit=key_of(unit),
        negation=sets["negation"],
        negation_exceptions=sets["negation_exceptions"],
        planned=sets["planned"],
        planned_after=sets["planned_after"],
        hypothetical=sets["hypothetical"],
        background=sets["background"],
        dyad=sets["dyad"],
        dyad_persons=sets["dyad_persons"],
        dyad_breakers=sets["dyad_breakers"],
        pronouns=sets["pronouns"],
        place_nouns=sets["place_nouns"],
        delegations=sets["delegations"],
        conditional=sets["conditional"],
        subordinators=sets["subordinators"],
        negated_plans=sets["negated_plans"],
        ordinals=sets["ordinals"],
        act_nouns=sets["act_nouns"],
        causal=sets["causal"],
        linking=sets["linking"],
        ahead_of=sets["ahead_of"],
        evaluation=sets["evaluation"],
        copulas=sets["copulas"],
        indefinites=sets["indefinites"],
        chairs=sets["chairs"],
        coordinators=sets["coordinators"],
        that_clause=sets["that_clause"],
        relatives=sets["relatives"],
        longest_marker=max(len(words) for words in markers),
    )


def _modals(data: Any, cameo: CameoTable, name: str) -> dict[str, ModalTable]:
    if not isinstance(data, dict):
        raise ResourceError(f"{name}: missing [modal] tables")
    tables: dict[str, ModalTable] = {}
    for modal in _MODALS - {"hope"}:
        raw = data.get(modal)
        where = f"{name}: [modal.{modal}]"
        if not isinstance(raw, dict):
            raise ResourceError(f"{where} is missing")
        default = raw.get("default")
        codes = raw.get("codes", {})
        if default not in cameo:
            raise ResourceError(f"{where}: default {default!r} is not a CAMEO code")
        if not isinstance(codes, dict):
            raise ResourceError(f"{where}: codes must map embedded codes to codes")
        for embedded, code in codes.items():
            if embedded not in cameo or code not in cameo:
                raise ResourceError(f"{where}: {embedded!r} = {code!r} is not a pair of CAMEO codes")
        tables[modal] = ModalTable(str(default), MappingProxyType(dict(codes)))
    return tables


def parse_triggers(data: Mapping[str, Any], cameo: CameoTable, name: str = "triggers.toml") -> TriggerLexicon:
    """Validate parsed ``triggers.toml`` data against the CAMEO table.

    Raises:
        ResourceError: Naming the entry at fault.
    """
    sections = data.get("triggers")
    if not isinstance(sections, dict) or not sections:
        raise ResourceError(f"{name}: missing [triggers] table")
    triggers: list[Trigger] = []
    seen: dict[tuple[tuple[Words, ...], str], str] = {}
    for root, entries in sections.items():
        if root not in cameo.roots():
            raise ResourceError(f"{name}: triggers.{root} is not a CAMEO root")
        if not isinstance(entries, list):
            raise ResourceError(f"{name}: triggers.{root} must be a list of inline tables")
        for index, raw in enumerate(entries):
            trigger = _trigger(raw, root, index, cameo, name)
            key = (trigger.fragments, trigger.code)
            if key in seen:
                raise ResourceError(f"{name}: {trigger.phrase!r} -> {trigger.code} is listed twice")
            seen[key] = trigger.phrase
            triggers.append(trigger)
    missing = [root for root in cameo.roots() if root not in sections]
    if missing:
        raise ResourceError(f"{name}: no triggers for roots {missing}")
    return TriggerLexicon(
        version=str(data.get("version")),
        triggers=tuple(triggers),
        grammar=_grammar(data.get("grammar"), name),
        modals=MappingProxyType(_modals(data.get("modal"), cameo, name)),
    )


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    """The shipped lexicon, loaded and validated once per process."""
    name = "thoisu.lang.vi.data/triggers.toml"
    return parse_triggers(load_toml("thoisu.lang.vi.data", "triggers.toml"), load_cameo(), name)
