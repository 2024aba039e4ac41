"""Local wall-clock times (naive date-times, as the case file records them) in the two
forms the engine writes: the machine form of the JSON contract, ``2026-06-05T12:00``
(case-format.md), and the form a person reads in a sentence, ``2026-06-05 12:00``.

Every engine text that embeds a local time uses :func:`local_text`, so the screens and
the printed order, which show the engine's sentences as they are, never show the "T".
"""

from __future__ import annotations

import datetime as dt


def local_iso(moment: dt.datetime | None) -> str | None:
    """``YYYY-MM-DDTHH:MM``, the case file's local date-time form (machine fields only)."""
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M")


def local_text(moment: dt.datetime) -> str:
    """``YYYY-MM-DD HH:MM``, a local time as a clinician reads it in a sentence."""
    return moment.strftime("%Y-%m-%d %H:%M")
