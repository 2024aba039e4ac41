"""ISMP number writing: leading zero, no trailing zero, a space before the unit, mcg."""

from __future__ import annotations

import pytest

from interfant_desktop.orders.ismp import forbidden_abbreviations, number, quantity


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (5.0, 2, "5"),            # no trailing zero
    (5, 2, "5"),
    (0.5, 2, "0.5"),          # leading zero
    (2.50, 2, "2.5"),
    (1.655, 2, "1.66"),       # half-up on the decimal text, not binary float
    (5.055, 2, "5.06"),
    (0.04, 1, "0"),
    (0.05, 1, "0.1"),
    (28, 2, "28"),
    (10.0, 0, "10"),
    (0.329, 3, "0.329"),
    (0.3299999, 3, "0.33"),
    (120.0, 1, "120"),
])
def test_number(value: float, decimals: int, expected: str) -> None:
    assert number(value, decimals) == expected


def test_number_never_prints_trailing_or_missing_zero() -> None:
    for i in range(1, 2000):
        text = number(i / 100, 2)
        assert not text.startswith("."), text
        assert not ("." in text and text.endswith("0")), text
        assert not text.endswith("."), text


def test_number_refuses_nan_and_negative_decimals() -> None:
    with pytest.raises(ValueError):
        number(float("nan"))
    with pytest.raises(ValueError):
        number(1.0, -1)


def test_quantity_has_a_space_and_an_allowed_unit() -> None:
    assert quantity(5.1, "mcg/day") == "5.1 mcg/day"
    assert quantity(15.0, "mcg/m²/day") == "15 mcg/m²/day"
    assert quantity(0.5, "mL/h") == "0.5 mL/h"
    for unit in ("µg", "ug", "cc", "IU", "ml", "mcg/d"):
        with pytest.raises(ValueError):
            quantity(1, unit)


def test_forbidden_abbreviations() -> None:
    assert forbidden_abbreviations("5 µg/day, 2 cc, 10 IU qd") == ["µg", "cc", "IU", "qd"]
    assert forbidden_abbreviations("5 ug/day") == ["ug"]
    assert forbidden_abbreviations("5 mcg/day in 240 mL; drug; plug; Hugo") == []
