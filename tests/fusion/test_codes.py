from __future__ import annotations

import pytest

from thoisu.fusion.codes import VISIT, affinity, family, is_symmetric, specificity, visit_roles


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("042", VISIT),
        ("043", VISIT),
        ("040", "04"),
        ("046", "04"),
        ("057", "057"),
        ("051", "05"),
        ("0311", "03"),
    ],
)
def test_families(code: str, expected: str) -> None:
    assert family(code) == expected


def test_visits_and_talks_are_apart_and_symmetry() -> None:
    assert family("042") != family("040")
    assert is_symmetric("04") and is_symmetric("057") and is_symmetric("03")
    assert not is_symmetric("17") and not is_symmetric(VISIT)


def test_visit_roles_read_042_and_043_from_either_side() -> None:
    assert visit_roles("042", "USA", "VNM") == ("USA", "VNM")
    assert visit_roles("043", "VNM", "USA") == ("USA", "VNM")


def test_affinity_orders_exact_generic_and_siblings() -> None:
    assert affinity("040", "040") == 3
    assert affinity("040", "046") == 2
    assert affinity("031", "0311") == 2
    assert affinity("042", "043") == 2
    assert affinity("051", "056") == 1
    assert affinity("042", "040") == 0
    assert specificity("0311") > specificity("031") > specificity("030")
