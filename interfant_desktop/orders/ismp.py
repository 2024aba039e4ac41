"""Number and unit formatting that follows the ISMP writing rules for printed orders.

The rules (ISMP list of error-prone abbreviations, symbols and dose designations):

* micrograms are written ``mcg``, never ``µg`` or ``ug``; millilitres ``mL``;
* a space between the number and its unit (``5 mcg``, not ``5mcg``);
* a leading zero before a decimal point (``0.5``, never ``.5``);
* no trailing zero after a decimal point (``5``, never ``5.0``; ``2.5``, never ``2.50``).

Every number printed on an order sheet goes through :func:`number` or :func:`quantity`,
so these rules are enforced in one place and unit-tested.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

#: Units allowed on an order sheet, written exactly as printed.
UNITS: frozenset[str] = frozenset({
    "mcg", "mcg/day", "mcg/m²/day", "mg", "mg/m²", "mL", "mL/h", "mL/kg/day",
    "kg", "cm", "m²", "hours", "%", "days",
})

#: Abbreviations ISMP marks as error-prone; none may appear in order text we write.
_FORBIDDEN = re.compile(r"µg|μg|(?<![A-Za-z])(ug|cc|IU|qd|QD|q\.d\.)(?![A-Za-z])")


def number(value: float | int | Decimal, decimals: int = 2) -> str:
    """``value`` rounded half-up to at most ``decimals`` places, without trailing zeros.

    >>> number(5.0), number(0.5), number(2.50), number(5.1049, 2), number(28)
    ('5', '0.5', '2.5', '5.1', '28')
    """
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    exact = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not exact.is_finite():
        raise ValueError(f"cannot print a non-finite number: {value!r}")
    quantum = Decimal(1).scaleb(-decimals)
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def quantity(value: float | int | Decimal, unit: str, decimals: int = 2) -> str:
    """A number with its unit, e.g. ``quantity(5.1, "mcg/day") == "5.1 mcg/day"``.

    Raises ``ValueError`` for a unit outside :data:`UNITS` (such as ``µg`` or ``cc``).
    """
    if unit not in UNITS:
        raise ValueError(f"unit {unit!r} is not allowed on an order sheet")
    return f"{number(value, decimals)} {unit}"


def duration(hours: float) -> str:
    """A bag's length in whole units, ``48 h``, ``4 h 40 min`` or ``20 min``: a part of an
    hour is printed in minutes, never as a decimal of an hour (0.67 h reads as 67 minutes)."""
    minutes = round(hours * 60)
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


def forbidden_abbreviations(text: str) -> list[str]:
    """The ISMP error-prone abbreviations found in ``text`` (empty when it is clean)."""
    return [match.group(0) for match in _FORBIDDEN.finditer(text)]
