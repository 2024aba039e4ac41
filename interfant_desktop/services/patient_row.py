"""One line of the patient list, shared by the full search and the quick start.

Kept apart from ``services.patients`` so the quick start can use it without
importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PatientRow:
    """One line of the patient list."""

    study_id: str
    name: str | None
    hospital_number: str | None
    date_of_birth: dt.date
    diagnosis_date: dt.date | None
    version: int
