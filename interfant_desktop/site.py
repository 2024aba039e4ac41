"""Site settings that come from the environment (read at the edges: CLI and services;
the engine receives them as arguments and stays pure).

``INTERFANT_STUDY_ID_PATTERN``: the regular expression a whole study ID must match at
this site (e.g. ``[A-Z]{2}-[0-9]{4}``). Unset: the engine's default, letters and digits
of any script with ``- _ . / # :`` or single spaces between them.
"""

from __future__ import annotations

import os
import re

STUDY_ID_PATTERN_VARIABLE = "INTERFANT_STUDY_ID_PATTERN"


class SiteSettingError(ValueError):
    """A site setting that cannot be used (the message names the variable)."""


def study_id_pattern() -> str | None:
    """The site's study-ID pattern, or None for the engine's default."""
    pattern = os.environ.get(STUDY_ID_PATTERN_VARIABLE, "").strip()
    if not pattern:
        return None
    try:
        re.compile(pattern)
    except re.error as exc:
        raise SiteSettingError(f"{STUDY_ID_PATTERN_VARIABLE}: not a valid regular expression "
                               f"({exc})") from None
    return pattern
