"""What one exported patient is made of, and how dates are shifted to pseudonymise it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, TypeVar, overload

from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.evaluation import Evaluation

#: What a date shift applies to: a date, or a date and time (a datetime is a date).
_Moment = TypeVar("_Moment", bound=dt.date)


@dataclass(frozen=True, slots=True)
class DateShift:
    """Moves every date and date-time of one patient by the same number of days.

    Intervals (age at diagnosis, days between samples, infusion hours) stay true; the
    calendar dates no longer point at the patient. ``days == 0`` keeps the real dates
    (an identified export).
    """

    days: int = 0

    @overload
    def date(self, value: _Moment) -> _Moment: ...
    @overload
    def date(self, value: _Moment | None) -> _Moment | None: ...
    def date(self, value: _Moment | None) -> _Moment | None:
        """A date or a date and time moved by the subject's offset (None stays None)."""
        return None if value is None else value + dt.timedelta(days=self.days)

    moment = date


@dataclass(frozen=True, slots=True)
class ClinicianDecision:
    """A clinician's recorded answer to a review question the protocol does not settle."""

    review_id: str
    rule_id: str
    option: str
    decided_on: dt.date
    protocol_version: str


@dataclass(frozen=True, slots=True)
class AllergyStatus:
    """The allergy status as the app records it beside the case: ``None`` = not recorded,
    ``True`` = "no known allergies" (stated), ``False`` = the allergies in ``text``."""

    no_known_allergies: bool | None = None
    text: str | None = None

    @property
    def status(self) -> Literal["not_recorded", "none_known", "recorded"]:
        if self.no_known_allergies is None:
            return "not_recorded"
        return "none_known" if self.no_known_allergies else "recorded"


@dataclass(frozen=True, slots=True)
class RecordedBag:
    """A bag as given, from the bedside record (``services.bags``): hung on the pump (with the
    rate and volume checked by two nurses), then changed or removed (volume infused, residual
    discarded). Local wall-clock times; ``removed_at`` is ``None`` while it is on the pump.
    ``order_number`` is the number of the order the bag belongs to among the cycle's stored
    orders (:class:`RecordedOrder`; a restart order numbers its bags again from 1)."""

    cycle: int
    order_number: int
    bag_number: int
    hung_at: dt.datetime
    rate_ml_per_h: float | None = None
    volume_to_infuse_ml: float | None = None
    removed_at: dt.datetime | None = None
    volume_infused_ml: float | None = None
    residual_discarded_ml: float | None = None


@dataclass(frozen=True, slots=True)
class OrderStep:
    """A dose step of a stored order, as the engine computed it when the order was drafted."""

    first_day: int
    last_day: int
    dose_mcg_per_m2_day: float
    dose_mcg_per_day: float


@dataclass(frozen=True, slots=True)
class RecordedOrder:
    """A blinatumomab order as stored (``services.order_*``): its place among the cycle's
    orders (1, 2, ... in the order they were drafted), its workflow status and when (UTC)
    it was drafted, prescribed (signed), verified and first printed; the doses it carries."""

    cycle: int
    order_number: int
    status: str  # draft, signed, verified, printed, cancelled, held, discontinued, superseded
    protocol_version: str
    drafted_at: dt.datetime
    signed_at: dt.datetime | None = None
    verified_at: dt.datetime | None = None
    printed_at: dt.datetime | None = None
    stale: bool = False
    restart: bool = False
    bsa_m2: float | None = None
    steps: tuple[OrderStep, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportSubject:
    """One patient to export: the engine's evaluation of the stored facts (with the
    clinicians' review decisions applied), how to shift its dates, and whether the
    name and hospital number may leave the app (``identified``)."""

    evaluation: Evaluation
    shift: DateShift = DateShift()
    identified: bool = False
    decisions: tuple[ClinicianDecision, ...] = field(default=())
    #: The recorded allergy status; when none is recorded, the case file's ``allergies``.
    recorded_allergies: AllergyStatus = AllergyStatus()
    #: The bags as given (bedside record), in the order they were hung.
    recorded_bags: tuple[RecordedBag, ...] = field(default=())
    #: The stored blinatumomab orders, in the order they were drafted.
    recorded_orders: tuple[RecordedOrder, ...] = field(default=())

    def orders_of(self, cycle: int) -> tuple[RecordedOrder, ...]:
        """The stored orders of one cycle."""
        return tuple(o for o in self.recorded_orders if o.cycle == cycle)

    def bags_given(self, cycle: int) -> tuple[RecordedBag, ...]:
        """The bags recorded as given in one cycle."""
        return tuple(b for b in self.recorded_bags if b.cycle == cycle)

    @property
    def allergies(self) -> AllergyStatus:
        """The app's recorded status, else what the case file says (``[]`` = none known)."""
        if self.recorded_allergies.status != "not_recorded":
            return self.recorded_allergies
        listed = self.case.patient.allergies
        if listed is None:
            return AllergyStatus()
        return AllergyStatus(not listed, "; ".join(listed) or None)

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
