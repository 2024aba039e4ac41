"""The treatment summary's data (no reportlab here: the services build it at start-up
cost nil; :mod:`interfant_desktop.orders.treatment_summary` lays it out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PathStep:
    """One phase of the roadmap as printed: its status, recorded start and note."""

    label: str
    status: str
    start: dt.date | None
    note: str


@dataclass(frozen=True)
class DecisionLine:
    """A decision point of the roadmap with the engine's outcome and its rules."""

    question: str
    outcome: str
    status: str
    rules: str


@dataclass(frozen=True)
class ClinicianDecision:
    """A review item a clinician resolved: who, when (UTC), what and why."""

    rule: str
    question: str
    chosen: str
    reason: str
    decided_by: str
    decided_at: dt.datetime
    protocol_version: str


@dataclass(frozen=True)
class MrdLine:
    """One MRD result in date order; ``plot_percent`` is where it is drawn (None:
    undetectable, drawn on the floor)."""

    date: dt.date
    timepoint: str
    result: str
    kind: str
    plot_percent: float | None


@dataclass(frozen=True)
class TreatmentSummary:
    """Everything the summary prints, already in words (no decision is made here)."""

    study_id: str
    name: str
    hospital_number: str | None
    date_of_birth: dt.date
    diagnosis_date: dt.date | None
    age_text: str
    risk_text: str
    eligibility_text: str
    protocol_label: str
    app_version: str
    printed_at: dt.datetime
    printed_by: str
    path: tuple[PathStep, ...]
    next_decision: str
    decisions: tuple[DecisionLine, ...]
    clinician_decisions: tuple[ClinicianDecision, ...]
    mrd: tuple[MrdLine, ...]
    thresholds: tuple[float, ...]
