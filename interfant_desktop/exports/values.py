"""One spelling for every exported value: the same date, number and yes/no in every format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from interfant_desktop.protocol.bags import DoseSpan


def number_text(value: float | int) -> str:
    """A number as plain decimal text without exponent or float noise (0.00005, not 5e-05)."""
    if isinstance(value, bool):
        raise TypeError("a yes/no is not a number")
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(value: object) -> str:
    """The text of a value in an export: ISO dates, local date-times to the second,
    ``true``/``false``, plain decimals."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, int | float):
        return number_text(value)
    return str(value)


def hours_between(start: dt.datetime, end: dt.datetime | None) -> float | None:
    """Hours from start to end (exact minutes, to 0.01 h): from an interruption's stop to its
    restart, from a bag's hanging to its removal; ``None`` while it has not ended."""
    if end is None:
        return None
    return round((end - start).total_seconds() / 3600, 2)


def dose_steps_text(steps: Iterable[DoseSpan]) -> str:
    """Dose steps as ``first-last:mcg per day``, space-separated (``1-7:1.69 8-28:5.06``)."""
    return " ".join(f"{st.first_day}-{st.last_day}:{value_text(st.dose_mcg_per_day)}" for st in steps)
