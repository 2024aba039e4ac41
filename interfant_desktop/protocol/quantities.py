"""Exact comparison of clinical numbers with protocol thresholds.

Values arrive as binary floats (JSON); comparing 0.05 with 0.05 or 300 000 /µL with
300 × 10^9/L must be exact at the boundary, so both sides are compared as the
shortest decimal that round-trips the float.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Literal

Side = Literal["below", "at", "above"]
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@lru_cache(maxsize=4096)  # pure: the same few numbers recur in every case
def exact(value: float) -> Decimal:
    """The decimal a person typed, recovered from its float (``0.1`` → ``Decimal('0.1')``)."""
    return Decimal(repr(float(value)))


def compare(value: float | Decimal, threshold: float) -> Side:
    """``below``, ``at`` or ``above`` the threshold, compared in exact decimals."""
    if not isinstance(value, Decimal):
        # Clearly apart: the float comparison is exact enough; near the boundary, decimals decide.
        margin = abs(threshold) * 1e-9
        if value < threshold - margin:
            return "below"
        if value > threshold + margin:
            return "above"
    v = value if isinstance(value, Decimal) else exact(value)
    t = exact(threshold)
    if v < t:
        return "below"
    return "at" if v == t else "above"


_THOUSAND = Decimal(1000)

#: Each WBC unit of the case file (``diagnosis.wbc.unit``) as a clinician reads it, after
#: the number: the one source of these words for the engine's reasons, the screens and the
#: history (the protocol file's rule texts write the same "× 10^9/L").
WBC_UNIT_TEXT = {"10^9/L": "× 10^9/L", "/uL": "/µL"}


def wbc_unit_text(unit: str) -> str:
    """``× 10^9/L`` or ``/µL``: a case file's WBC unit in words (an unknown one as it is)."""
    return WBC_UNIT_TEXT.get(unit, unit)


def wbc_per_nl(value: float, unit: str) -> Decimal:
    """WBC in 10^9/L from an explicit unit: ``10^9/L`` as is, ``/uL`` divided by 1000."""
    if unit == "10^9/L":
        return exact(value)
    if unit == "/uL":
        return exact(value) / _THOUSAND
    raise ValueError(f"unknown WBC unit {unit!r}")


@lru_cache(maxsize=4096)  # pure: the same few numbers recur in every case
def round_half_up(value: float, decimals: int) -> float:
    """Round as a clinician does on paper (0.125 → 0.13), not banker's rounding."""
    scale = _SCALES.get(decimals)
    if scale is not None and value > 0.0:
        # Fast path, the same answer: far from a half (…5) at the rounding digit, the float
        # and the decimal a person typed round the same way (the float's error is below
        # 1e-6 of a rounding step while ``scaled`` < 1e9), and n / 10^d is the float nearest
        # to the decimal n × 10^-d, which is what float(Decimal) gives too.
        scaled = value * scale
        if scaled < 1e9:
            whole = math.floor(scaled)
            fraction = scaled - whole
            if abs(fraction - 0.5) > 1e-6:
                return (whole + 1 if fraction > 0.5 else whole) / scale
    return round_half_up_exactly(value, decimals)


def round_half_up_exactly(value: float, decimals: int) -> float:
    """:func:`round_half_up` in exact decimals, always (its definition)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(exact(value).quantize(quantum, rounding=ROUND_HALF_UP))


#: 10^d as floats (exact) for the decimals the engine rounds to.
_SCALES = {d: float(10 ** d) for d in range(10)}


@lru_cache(maxsize=4096)  # pure: the same few numbers recur in every case
def times_half_up(factor: float, printed: float, decimals: int) -> float:
    """``factor × printed`` rounded half-up, computed in exact decimals from the printed
    number (D11): 15 × 0.141 m² is 2.115, printed 2.12 (the float product 2.1149999…
    would print 2.11, which no one can recompute by hand)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float((exact(factor) * exact(printed)).quantize(quantum, rounding=ROUND_HALF_UP))


@lru_cache(maxsize=4096)  # pure: the same few numbers recur in every case
def percent_as_power_of_ten(percent: float) -> str:
    """An MRD percentage as a fraction of nucleated cells: 0.01 % → ``1×10⁻⁴``."""
    if percent == 0:
        return "0"
    fraction = exact(percent) / Decimal(100)
    sign, digits, exponent = fraction.normalize().as_tuple()
    assert isinstance(exponent, int)
    mantissa_digits = "".join(str(d) for d in digits)
    power = exponent + len(digits) - 1
    mantissa = mantissa_digits[0] + ("." + mantissa_digits[1:] if len(digits) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}×10{str(power).translate(_SUPERSCRIPT)}"
