"""A signing key fingerprint as people compare it, aloud or against the printed order.

The fingerprint is sixteen groups of four hexadecimal digits (``00F4 FF99 2330 FF2E ...``).
On screen it is read in rows of four groups: the groups of a row are joined by no-break
spaces, the rows by ordinary spaces, so a narrow label wraps only between rows and never
inside a group or a row. The header's short form is the first row.
"""

from __future__ import annotations

#: the space inside a row of groups: Qt does not break a line there
NO_BREAK = "\u00a0"
#: groups of four digits read as one row (the header shows the first)
GROUPS_PER_ROW = 4


def fingerprint_rows(fingerprint: str) -> list[str]:
    """The fingerprint's rows of :data:`GROUPS_PER_ROW` groups, each row's groups joined by
    no-break spaces (``["00F4 FF99 2330 FF2E", ...]``)."""
    groups = fingerprint.split()
    return [NO_BREAK.join(groups[i:i + GROUPS_PER_ROW]) for i in range(0, len(groups), GROUPS_PER_ROW)]


def shown_fingerprint(fingerprint: str) -> str:
    """The whole fingerprint for a word-wrapped label: it wraps only between rows."""
    return " ".join(fingerprint_rows(fingerprint))


def short_fingerprint(fingerprint: str) -> str:
    """The first row, for narrow places such as the window's header."""
    rows = fingerprint_rows(fingerprint)
    return rows[0] if rows else ""
