"""Which CAMEO codes can describe the same real-world event.

Two reports of one event are often coded differently: one outlet writes that
Blinken "visited" Vietnam (042), another that Vietnam "hosted" him (043); one
writes "held talks" (040), another "met" (044 is not used by Vietnamese desks
but 046 "engage in negotiation" is). Fusion therefore compares *families* of
codes rather than codes:

* A family is the CAMEO root, with two exceptions that follow CAMEO practice
  and the within-article merger (:mod:`thoisu.events.merge`): visits (042 make
  a visit, 043 host a visit) are apart from the talks held during them (040,
  041, 044-046), and the signing of an agreement (057) is apart from the
  words of cooperation exchanged at it (050-056). A state visit and the talks
  on its first day are two events; merging them would hide the talks.
* 042 and 043 are the same event seen from either side: the visitor's 042
  A->B is the host's 043 B->A.
* Roots 03, 04 and 05 are symmetric (two sides consult, cooperate, agree), so
  either direction of the pair describes one event; other roots are directed
  (who threatens whom matters).
* Inside a family an exact code agrees best, then a generic code with a
  specific one under it (040 with 046, 031 with 0311), then two siblings.
"""

from __future__ import annotations

VISIT = "04v"
SIGNING = "057"
_VISIT_CODES = frozenset({"042", "043"})
_SYMMETRIC = frozenset({"03", "04", "05", SIGNING})


def family(code: str) -> str:
    """The family a CAMEO code belongs to (its root, or ``04v`` for visits, ``057`` for signings)."""
    base = code[:3]
    if base in _VISIT_CODES:
        return VISIT
    if base == SIGNING:
        return SIGNING
    return code[:2]


def is_symmetric(name: str) -> bool:
    """Whether a family's events read the same in both directions (consult, cooperate, agree)."""
    return name in _SYMMETRIC


def visit_roles(code: str, source: str, target: str | None) -> tuple[str | None, str]:
    """(visitor, host) of a visit: 042 is made by its source, 043 is hosted by its source."""
    if code[:3] == "043":
        return target, source
    return source, target or ""


def specificity(code: str) -> int:
    """How specific a code is: longer codes, and codes not ending in a generic 0, rank higher."""
    return 2 * len(code) - (1 if code.endswith("0") else 0)


def affinity(first: str, second: str) -> int:
    """How well two codes agree: 3 equal, 2 generic over specific, 1 siblings, 0 other families."""
    if first == second:
        return 3
    if family(first) != family(second):
        return 0
    if family(first) == VISIT:
        return 2  # 042 and 043 are one visit seen from either side
    general, special = sorted((first, second), key=specificity)
    stem = general.rstrip("0") if len(general) == 3 else general
    return 2 if special.startswith(stem) else 1
