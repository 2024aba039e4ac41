"""Ages at diagnosis: days of life and the 6-month birthday (calendar months)."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from typing import Literal

AgeBand = Literal["under", "on", "over"]


def add_calendar_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus whole calendar months; when that day does not exist in the target
    month (born 31 August + 6 months), the last day of that month (28/29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def age_in_days(date_of_birth: dt.date, on: dt.date) -> int:
    """Calendar days from birth to ``on`` (diagnosis date − date of birth)."""
    return (on - date_of_birth).days


@lru_cache(maxsize=4096)
def months_birthday(date_of_birth: dt.date, months: int) -> dt.date:
    """The n-month birthday, e.g. the 6-month birthday used by the risk groups."""
    return add_calendar_months(date_of_birth, months)


def age_band(date_of_birth: dt.date, diagnosis: dt.date, months: int) -> AgeBand:
    """Whether diagnosis fell before (``under``), on, or after (``over``) the n-month birthday."""
    birthday = months_birthday(date_of_birth, months)
    if diagnosis < birthday:
        return "under"
    return "on" if diagnosis == birthday else "over"
