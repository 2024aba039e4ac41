"""One line of the patient list, as ``patients.search_patients`` returns it.

Kept apart from ``services.patients`` so code that only shows rows need not import
SQLAlchemy.
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
