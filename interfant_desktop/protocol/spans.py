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
