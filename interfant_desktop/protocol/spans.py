"""Whole hours and days as ``timedelta`` objects, made once each.

Building a ``timedelta`` from keyword arguments costs about twenty times as much as
adding one to a date; a cycle's bag schedule, dose steps and stop date add a few dozen,
always of the same few lengths.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=2048)
def hours(n: int) -> dt.timedelta:
    """``timedelta(hours=n)``."""
    return dt.timedelta(hours=n)


@lru_cache(maxsize=2048)
def days(n: int) -> dt.timedelta:
    """``timedelta(days=n)``."""
    return dt.timedelta(days=n)


def bag_hours(minutes: int) -> int | float:
    """A bag's length from its exact minutes: whole hours as an ``int`` (every bag of a
    cycle's own schedule), else the exact fraction (a bag re-planned from a restart that
    ends with the 28 days' last minutes)."""
    whole, rest = divmod(minutes, 60)
    return whole if rest == 0 else minutes / 60


def duration_text(hours: float) -> str:
    """``48 h``, ``1 h 40 min`` or ``20 min``: a bag's length to the minute, never a rounded
    decimal a nurse could misread as whole hours."""
    total = round(hours * 60)
    whole, rest = divmod(total, 60)
    if rest == 0:  # no-break spaces: a table cell never wraps "48" from "h"
        return f"{whole}\u00a0h"
    return f"{whole}\u00a0h {rest}\u00a0min" if whole else f"{rest}\u00a0min"
