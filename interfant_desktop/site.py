"""Site settings that come from the environment (read at the edges: CLI and services;
the engine receives them as arguments and stays pure).

``INTERFANT_STUDY_ID_PATTERN``: the regular expression a whole study ID must match at
this site (e.g. ``[A-Z]{2}-[0-9]{4}``). Unset: the engine's default, letters and digits
of any script with ``- _ . / # :`` or single spaces between them.

``INTERFANT_HOSPITALISATION_DAYS``: the site's own hospitalisation period per regimen, when
its protocol asks for longer than the label (RULES.md "Hospitalisation and monitoring"),
e.g. ``cycle_1_step_dosed=14, cycle_1_flat=7, cycle_2=3`` (any of the three). Unset: the
label's figures only. The app shows both, the label's as such.
"""

from __future__ import annotations

import os
import re

STUDY_ID_PATTERN_VARIABLE = "INTERFANT_STUDY_ID_PATTERN"
HOSPITALISATION_VARIABLE = "INTERFANT_HOSPITALISATION_DAYS"
#: The label's regimens (``protocol.hospitalisation.regimen``) a site may set days for.
REGIMENS = ("cycle_1_step_dosed", "cycle_1_flat", "cycle_2")


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


def hospitalisation_days() -> dict[str, int] | None:
    """The site's own hospitalisation days per regimen, or None when not set.

    Raises :class:`SiteSettingError` naming the variable for a regimen that does not exist
    or a number of days that is not a whole number from 1 to 28."""
    text = os.environ.get(HOSPITALISATION_VARIABLE, "").strip()
    if not text:
        return None
    days: dict[str, int] = {}
    for item in (part.strip() for part in text.split(",")):
        name, equals, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or name not in REGIMENS:
            raise SiteSettingError(f"{HOSPITALISATION_VARIABLE}: {item!r} is not REGIMEN=DAYS with "
                                   f"a regimen of {', '.join(REGIMENS)}")
        if not value.isdigit() or not 1 <= int(value) <= 28:
            raise SiteSettingError(f"{HOSPITALISATION_VARIABLE}: {name} needs a whole number of "
                                   f"days from 1 to 28, not {value!r}")
        if name in days:
            raise SiteSettingError(f"{HOSPITALISATION_VARIABLE}: {name} is given twice")
        days[name] = int(value)
    return days
