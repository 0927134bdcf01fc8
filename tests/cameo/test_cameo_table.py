from __future__ import annotations

from typing import Any

import pytest

from thoisu.cameo import CameoTable, load_cameo, parse_cameo
from thoisu.cameo.table import quad_of_root
from thoisu.errors import ResourceError


@pytest.fixture(scope="module")
def table() -> CameoTable:
    return load_cameo()


def test_every_cameo_code_is_present(table: CameoTable) -> None:
    assert len(table) == 311
    assert all(root in table for root in table.roots())
    assert all(2 <= len(code) <= 4 and code.isdigit() for code in table)
    assert all(code[:2] in table for code in table)


def test_quad_classes_follow_the_roots(table: CameoTable) -> None:
    for code in table:
        root = int(code[:2])
        expected = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        assert table.quad_class(code) == expected, code
    assert [quad_of_root(r) for r in ("05", "06", "14", "15")] == [1, 2, 3, 4]


def test_values_carry_over_from_the_codebook(table: CameoTable) -> None:
    assert table.label("042") == "Make a visit"
    assert table.label("044") == "Meet at a third location"  # the GDELT copy mangles the quotes
    assert table.goldstein("042") == pytest.approx(1.9)
    assert table.goldstein("195") == pytest.approx(-10.0)
    assert table.goldstein("057") > 0 > table.goldstein("111")
    assert table.plover("042") == "CONSULT"
    assert table.plover("163") == "COERCE"
    assert table.plover("0871") == "RETREAT"
    assert table.plover("020") == "REQUEST"
    assert table.plover("010") is None  # PLOVER has no public-statement category


def test_unknown_codes_are_errors_not_defaults(table: CameoTable) -> None:
    assert table.get("999") is None
    with pytest.raises(KeyError, match="999"):
        table.goldstein("999")


def test_loader_is_cached(table: CameoTable) -> None:
    assert load_cameo() is table


def _data(**codes: Any) -> dict[str, Any]:
    base = {
        f"{r:02d}": {"label": "x", "goldstein": 0.0, "quad": quad_of_root(f"{r:02d}")} for r in range(1, 21)
    }
    base.update(codes)
    return {"version": "2025.11.1", "codes": base}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"4": {"label": "x", "goldstein": 0.0, "quad": 1}}, "2 to 4 digits"),
        ({"21": {"label": "x", "goldstein": 0.0, "quad": 4}}, "2 to 4 digits"),
        ({"042": {"label": "x", "goldstein": 0.0, "quad": 2}}, "quad must be 1"),
        ({"042": {"label": "x", "goldstein": 12.0, "quad": 1}}, "goldstein"),
        ({"042": {"label": "", "goldstein": 1.0, "quad": 1}}, "label"),
        ({"042": {"label": "x", "goldstein": 1.0, "quad": 1, "plover": "VISIT"}}, "PLOVER"),
    ],
)
def test_bad_entries_are_named(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_cameo(_data(**extra))


def test_missing_root_is_an_error() -> None:
    data = _data()
    del data["codes"]["17"]
    with pytest.raises(ResourceError, match="17"):
        parse_cameo(data)
