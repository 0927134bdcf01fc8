"""Names the gazetteer does not know.

Vietnamese capitalises every syllable of a proper name and of many titles, so
"runs of capitalised words" alone over-generate ("Ủy ban Thường vụ", "Bộ
Chính trị"). thoisu only accepts an unknown run as a person's name when
something introduces it (a title, "ông", "bà", "người đồng cấp") and the run
looks like a name. The country of an unknown name comes from the title chain
that introduces it; failing that, a name's shape narrows the candidates
(Korean romanisation, East Slavic surnames) and the document decides among
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Family names in the common romanisations of Korean (both Koreas' spellings).
_KOREAN_FAMILY = frozenset(
    "kim pak park choe choi ri rhee lee yi jang chang jong jeong chung ryu yu yoo han yun yoon mun moon "
    "lim im kang cho jo hwang ahn an song hong shin sin kwon nam oh o ro roh seo suh chun chon ko go "
    "paek baek kil ku koo byun pyon hyon hyun son ju joo won yang".split()
)
_KOREAN_GIVEN = re.compile(r"^[a-z]+[-‐‑ ]?[a-z]+$")
_SLAVIC_SURNAME = re.compile(r"(?:ov|ova|ev|eva|in|ina|sky|skiy|skaya|enko|chuk|uk|yuk|ich|vich)$")
# Hints that a Korean name is spelled the North Korean way.
_NORTH_SPELLING = re.compile(r"\b(?:choe|pak|ri|ryong|chol|myong|kyong|hui|ryol|ryo)\b")


@dataclass(slots=True, frozen=True)
class NameShape:
    """What the shape of a name suggests about its bearer's country."""

    candidates: tuple[str, ...]
    prefer: str | None = None


def name_shape(name: str) -> NameShape:
    """Guess candidate countries from how a name is written.

    Args:
        name: The name as written ("Pak Chol-jun", "Lim Soo-suk", "Alexander Novak").

    Returns:
        The candidate countries and, when the spelling points one way, the preferred one.
    """
    words = name.replace("‐", "-").replace("‑", "-").lower().split()
    if len(words) >= 2 and words[0] in _KOREAN_FAMILY and _KOREAN_GIVEN.match(" ".join(words[1:])):
        prefer = "PRK" if _NORTH_SPELLING.search(" ".join(words).replace("-", " ")) else None
        return NameShape(("PRK", "KOR"), prefer)
    if len(words) >= 2 and _SLAVIC_SURNAME.search(words[-1]):
        return NameShape(("RUS", "UKR", "BLR"), None)
    return NameShape(())


def looks_like_name(words: list[str]) -> bool:
    """Whether capitalised words could be a person's name rather than an organ's.

    Names are short (at most four words) and do not contain the common nouns
    that make up titles and organisations.
    """
    if not 1 <= len(words) <= 4:
        return False
    lowered = {w.lower().strip(".,;:") for w in words}
    return not lowered & _NOT_NAME_WORDS


_NOT_NAME_WORDS = frozenset(
    "bộ ban ủy ủy viện hội đảng quốc chính phủ nhà đại tổng thủ phó trưởng chủ cục sở tòa "
    "liên hợp ngân hàng công ty tập đoàn quân đội hải không lực lượng trung ương thành phố tỉnh "
    "huyện xã viện trường báo hãng đài thông tấn trụ sở dinh lễ".split()
)
