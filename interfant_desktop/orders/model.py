"""What a printed blinatumomab order holds: a frozen tree of plain values.

An :class:`OrderSheet` carries every fact printed on the sheet, already decided by
the rules engine. The renderer only lays these values out; it never recomputes a
dose, a BSA or a rate. Building a sheet from a case and an evaluation is the job of
``interfant_desktop.services.order_sheet``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

OrderState = Literal["draft", "signed", "verified"]


__all__ = [
    "Allergies", "Bag", "BagMakeUp", "BagPreparation", "Clinical", "DocumentInfo", "DoseStep",
    "Drug", "FluidCheck", "Measurements", "MonitoringItem", "OrderSheet", "OrderStatus",
    "PatientDose", "PatientIdentity", "PremedTime", "Premedication", "RestartTimes", "RuleRef",
    "ScheduledBag", "Signature", "Treatment", "WeightChange",
]

@dataclass(frozen=True, slots=True)
class RuleRef:
    """A protocol rule shown beside a decision: ID, wording, source (e.g. ``S1``)."""

    rule_id: str
    text: str
    source: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class PatientIdentity:
    """Identifiers printed in the header of every page (at least two must be present)."""

    study_id: str
    date_of_birth: dt.date
    full_name: str | None = None
    hospital_number: str | None = None


@dataclass(frozen=True, slots=True)
class Allergies:
    """Allergy status. ``recorded=False`` prints "not recorded – confirm before giving";
    ``recorded=True`` with no ``items`` prints "No known allergies"."""

    recorded: bool
    items: tuple[str, ...] = ()
    blinatumomab_hypersensitivity: bool | None = None


@dataclass(frozen=True, slots=True)
class Clinical:
    """Diagnosis, risk group with the rules that set it, and eligibility status."""

    diagnosis: str
    diagnosis_date: dt.date | None
    risk_group: str | None
    risk_status: str
    risk_subgroup: str | None
    risk_reasons: tuple[RuleRef, ...]
    eligibility_status: str
    #: Review questions a clinician settled: rule, and in the detail what was chosen, by
    #: whom, when (UTC) and why. Printed as such, never as the rule's own outcome.
    clinician_decisions: tuple[RuleRef, ...] = ()


@dataclass(frozen=True, slots=True)
class RestartTimes:
    """What makes the sheet a restart order's: the cycle's own start, the stop and the
    restart, the infusion hours given before and remaining, and the course's bags before
    this order (its bags are numbered on from ``bags_before + 1``, never from 1 again)."""

    cycle_start_at: dt.datetime | None
    stopped_at: dt.datetime
    restart_at: dt.datetime
    hours_given_before: float
    hours_remaining: float
    bags_before: int


@dataclass(frozen=True, slots=True)
class Treatment:
    """Cycle, phase and the calendar of the 28 treatment days.

    ``start_at`` and ``ends_at`` are local wall-clock times: the infusion ends 672 hours
    after the start (at the start time on the 29th calendar day). ``daylight_saving_note``
    says when a clock change falls inside the cycle.
    """

    cycle: int
    phase: str
    first_day: int
    last_day: int
    start_date: dt.date
    stop_date: dt.date
    start_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    daylight_saving_note: str | None = None
    #: Set on a restart order: ``start_at`` is then the restart, not the cycle's start.
    restart: RestartTimes | None = None


@dataclass(frozen=True, slots=True)
class WeightChange:
    """Weight change since the previous cycle; ``flagged`` when above the protocol limit."""

    previous_kg: float
    percent: float
    limit_percent: float
    flagged: bool


@dataclass(frozen=True, slots=True)
class Measurements:
    """Weight and height with their measurement dates, and the BSA used for dosing."""

    weight_kg: float
    weight_date: dt.date | None
    height_cm: float
    height_date: dt.date | None
    bsa_m2: float
    bsa_unrounded_m2: float
    bsa_formula: str
    bsa_decimals: int
    weight_change: WeightChange | None = None


@dataclass(frozen=True, slots=True)
class DoseStep:
    """One dosing step (a day range) with the dose before and after any cap."""

    first_day: int
    last_day: int
    start_date: dt.date
    end_date: dt.date
    dose_mcg_per_m2_day: float
    calculated_mcg_per_day: float
    final_mcg_per_day: float
    cap_mcg_per_day: float | None
    capped: bool
    cap_rule: str | None = None


@dataclass(frozen=True, slots=True)
class Bag:
    """The ordered infusion bag: duration, rate, volume and daily fluid load."""

    hours: int
    rate_ml_per_h: float
    volume_ml: float
    fluid_ml_per_kg_day: float
    preservative: str
    change_schedule: str


@dataclass(frozen=True, slots=True)
class BagMakeUp:
    """How one bag is compounded: volumes, mcg in the bag, concentration, vials.

    ``reconstituted_ml`` is ``None`` when the drug volume is below the site's minimum
    measurable volume (``intermediate_dilution``): the bag must then contain
    ``mcg_in_bag`` by intermediate dilution per local pharmacy procedure.
    """

    sodium_chloride_ml: float
    ivss_ml: float
    reconstituted_ml: float | None
    drug_ml_calculated: float
    mcg_in_bag: float
    prepared_ml: float
    infused_ml: float
    discarded_ml: float
    concentration_mcg_per_ml: float
    vials: int
    intermediate_dilution: bool


@dataclass(frozen=True, slots=True)
class ScheduledBag:
    """One numbered bag of the schedule (local wall-clock hang and end times)."""

    number: int
    hang: dt.datetime
    ends: dt.datetime
    hours: int | float  # a part of an hour only on a restart order's last bag of a stretch
    first_day: int
    last_day: int
    dose_mcg_per_m2_day: float
    dose_mcg_per_day: float
    mcg_to_infuse: float
    rate_ml_per_h: float
    make_up: BagMakeUp


@dataclass(frozen=True, slots=True)
class BagPreparation:
    """The label's reconstitution and bag composition, and whether the site confirmed it."""

    vial_mcg: float
    water_ml: float
    mcg_per_ml: float
    vial_drug_ml: float
    sodium_chloride_ml: float
    ivss_ml: float
    minimum_measurable_ml: float
    verified: bool
    status_text: str
    rule: RuleRef | None = None


@dataclass(frozen=True, slots=True)
class FluidCheck:
    """D13: the line's daily fluid against the site's limit, with the 48-hour figure."""

    ml_per_kg_day: float
    limit_ml_per_kg_day: float
    limit_note: str
    above_limit: bool
    alternative_hours: int | None
    alternative_ml_per_kg_day: float | None
    rule_id: str = "D13"


@dataclass(frozen=True, slots=True)
class Drug:
    """The blinatumomab order: steps, route, bag and handling warnings, and the numbered
    bag schedule with the make-up of every bag."""

    generic_name: str
    route: str
    marrow: str | None
    steps: tuple[DoseStep, ...]
    bag: Bag
    handling: tuple[str, ...]
    dose_decimals: int
    dosing_rules: tuple[RuleRef, ...] = ()
    bags: tuple[ScheduledBag, ...] = ()
    preparation: BagPreparation | None = None
    fluid: FluidCheck | None = None


@dataclass(frozen=True, slots=True)
class PremedTime:
    """One time premedication is due: what for, and the local date and time when known."""

    when: str
    at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Premedication:
    """Dexamethasone premedication: dose in mg from mg/m² with its maximum, route, time
    window and the dates it is due."""

    drug: str
    mg_per_m2: float
    max_mg: float
    dose_mg: float
    capped: bool
    when: tuple[str, ...]
    rule: RuleRef | None = None
    note: str | None = None
    route: str = "IV"
    window: str = ""
    times: tuple[PremedTime, ...] = ()


@dataclass(frozen=True, slots=True)
class PatientDose:
    """A dose a person may give later (CRS rescue, restart), computed for this patient:
    ``dose`` in ``unit`` (mg or mcg/day), with the per-m² basis only beside it."""

    topic: str
    drug: str
    dose: float
    unit: str
    basis: str
    when: str
    decimals: int = 2


@dataclass(frozen=True, slots=True)
class MonitoringItem:
    """A monitoring reminder with the label's action thresholds."""

    topic: str
    actions: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signed or verified, and when (time-zone aware)."""

    name: str
    at: dt.datetime
    user_id: str | None = None


@dataclass(frozen=True, slots=True)
class OrderStatus:
    """Draft, signed or verified, with who and when. Anything but a verified order prints
    a DRAFT watermark (a signed order awaits the pharmacist's verification). ``stale``
    marks an order made from data or a protocol file that changed since: never valid."""

    state: OrderState = "draft"
    prescriber: Signature | None = None
    pharmacist: Signature | None = None
    stale: str | None = None
    #: the order is on HOLD: why, by whom and when (printed prominently; do not hang)
    hold: str | None = None
    #: the order was discontinued or superseded: what and why (never valid again)
    ended: str | None = None

    @property
    def valid_for_administration(self) -> bool:
        """Only a signed and verified order that is not stale, held or ended may be given."""
        return (self.state == "verified" and self.prescriber is not None
                and self.pharmacist is not None and self.stale is None and self.hold is None
                and self.ended is None)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Order ID, protocol and app versions, and print times (time-zone aware)."""

    order_id: str
    protocol_name: str
    protocol_version: str
    app_version: str
    printed_at: dt.datetime
    original_printed_at: dt.datetime | None = None
    #: the site's root signing key fingerprint (the trust anchor; printed on every order)
    site_key_fingerprint: str | None = None
    #: the checked electronic signatures, one line each (meaning, printed name, UTC time, key)
    electronic_signatures: tuple[str, ...] = ()
    #: a sheet saved to a file: marked FILE COPY on every page (it is never the original)
    file_copy: bool = False

    @property
    def is_reprint(self) -> bool:
        """A reprint carries the time of the original print and is marked COPY."""
        return self.original_printed_at is not None


@dataclass(frozen=True, slots=True)
class OrderSheet:
    """Everything printed on one blinatumomab infusion order."""

    patient: PatientIdentity
    allergies: Allergies
    clinical: Clinical
    treatment: Treatment
    measurements: Measurements
    drug: Drug
    premedication: Premedication | None
    monitoring: tuple[MonitoringItem, ...]
    document: DocumentInfo
    status: OrderStatus = field(default_factory=OrderStatus)
    warnings: tuple[str, ...] = ()
    patient_doses: tuple[PatientDose, ...] = ()
