"""The hospital number as shown beside its label: the number alone.

The app stores what was typed. Orders and patients recorded before the number was kept
alone (and a number typed with its label) hold "MRN 0099001"; every screen and sheet puts
"MRN" before the number itself, so the typed label is left out where it is shown, never
changed where it is stored (a stored order's content hash stays what was printed)."""

from __future__ import annotations

import re

#: "MRN", then a space or a colon: the label typed before the number (not "MRN-…", which
#: can be part of a site's number)
_TYPED_LABEL = re.compile(r"^\s*MRN(?:\s*:\s*|\s+)(?=\S)", re.IGNORECASE)


def number_alone(hospital_number: str) -> str:
    """``hospital_number`` without a typed "MRN " or "MRN:" label in front."""
    return _TYPED_LABEL.sub("", hospital_number, count=1)
