"""How long an account stays locked after wrong passwords (pure: no database, no clock).

After :data:`LOCK_AFTER` wrong passwords in a row the account is locked for
:data:`FIRST_LOCK`; every further wrong password (tried once the lock has run out)
doubles the time, up to :data:`LONGEST_LOCK`. A right password, an administrator's
``users unlock`` or reset, or the break-glass recovery clears the count. Never for
ever: the only administrator of a site can always get back in by waiting.
"""

from __future__ import annotations

import datetime as dt

LOCK_AFTER = 5
FIRST_LOCK = dt.timedelta(minutes=1)
LONGEST_LOCK = dt.timedelta(hours=1)


def lock_duration(failed_attempts: int) -> dt.timedelta | None:
    """How long to lock after ``failed_attempts`` wrong passwords in a row (None: not yet).
    5 -> 1 min, 6 -> 2 min, 7 -> 4 min, ... capped at 1 hour."""
    if failed_attempts < LOCK_AFTER:
        return None
    doublings = min(failed_attempts - LOCK_AFTER, 16)  # 2**16 minutes is far past the cap
    duration: dt.timedelta = FIRST_LOCK * (1 << doublings)
    return min(duration, LONGEST_LOCK)


def locked_until(failed_attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When a lock imposed ``now`` after ``failed_attempts`` wrong passwords ends."""
    duration = lock_duration(failed_attempts)
    return None if duration is None else now + duration


def is_locked(until: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a lock ending at ``until`` (None: no lock) still holds at ``now``."""
    return until is not None and now < until


def minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    """Whole minutes until the lock ends, rounded up (at least 1), for messages."""
    seconds = max((until - now).total_seconds(), 0.0)
    return max(1, -int(-seconds // 60))
