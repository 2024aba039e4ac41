"""What one exported patient is made of, and how dates are shifted to pseudonymise it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import overload

from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.evaluation import Evaluation


@dataclass(frozen=True, slots=True)
class DateShift:
    """Moves every date and date-time of one patient by the same number of days.

    Intervals (age at diagnosis, days between samples, infusion hours) stay true; the
    calendar dates no longer point at the patient. ``days == 0`` keeps the real dates
    (an identified export).
    """

    days: int = 0

    @overload
    def date(self, value: dt.date) -> dt.date: ...
    @overload
    def date(self, value: None) -> None: ...
    def date(self, value: dt.date | None) -> dt.date | None:
        return None if value is None else value + dt.timedelta(days=self.days)

    @overload
    def moment(self, value: dt.datetime) -> dt.datetime: ...
    @overload
    def moment(self, value: None) -> None: ...
    def moment(self, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else value + dt.timedelta(days=self.days)


@dataclass(frozen=True, slots=True)
class ClinicianDecision:
    """A clinician's recorded answer to a review question the protocol does not settle."""

    review_id: str
    rule_id: str
    option: str
    decided_on: dt.date
    protocol_version: str


@dataclass(frozen=True, slots=True)
class ExportSubject:
    """One patient to export: the engine's evaluation of the stored facts (with the
    clinicians' review decisions applied), how to shift its dates, and whether the
    name and hospital number may leave the app (``identified``)."""

    evaluation: Evaluation
    shift: DateShift = DateShift()
    identified: bool = False
    decisions: tuple[ClinicianDecision, ...] = field(default=())

    @property
    def case(self) -> Case:
        return self.evaluation.case

    @property
    def study_id(self) -> str:
        return self.evaluation.case.patient.study_id

    @property
    def name(self) -> str | None:
        """The name, only in an identified export."""
        return self.case.patient.name if self.identified else None

    @property
    def hospital_number(self) -> str | None:
        """The hospital number, only in an identified export."""
        return self.case.patient.hospital_number if self.identified else None
