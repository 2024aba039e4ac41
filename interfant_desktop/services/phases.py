"""The start date of each phase of the roadmap, recorded as it happens (issue 12).

API (every call takes the open :class:`Store` and the signed-in ``CurrentUser``;
``expected_version`` is the patient's optimistic lock):

``record_phase_start(store, user, study_id, expected_version, phase, start_date) -> PhaseStartView``
``correct_phase_start(store, user, study_id, expected_version, start_id, start_date, reason)``
``mark_phase_start_in_error(store, user, study_id, expected_version, start_id, reason)``
    (each returns the :class:`PhaseStartView`, with the patient's new version)
``phase_starts(store, user, study_id) -> tuple[PhaseStartView, ...]`` (entered in error too)
``live_starts(views) -> dict[str, date]``: what the engine counts (``evaluate(phase_starts=…)``)

A phase start is a recorded fact like the others: recorded by a physician, corrected with a
reason (the audit trail keeps the old date), or marked entered in error with a reason (kept,
shown struck through, no longer counted); never deleted. Each is one audit event with the
old and new value in the same transaction, and bumps the patient's version. A blinatumomab
cycle whose infusion start is recorded (Infusion page) takes that date: it is not recorded
twice. What the dates mean (current phase, next decision point) is the engine's answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.protocol.phase_dates import start_order_problem
from interfant_desktop.protocol.roadmap import ALL_PHASES
from interfant_desktop.services._common import check_version, load_patient, protocol, today
from interfant_desktop.services.accounts import checked_session, checked_transaction
from interfant_desktop.services.clinical import clean_reason, touch
from interfant_desktop.services.errors import InputError, NotFound
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import rows_to_case
from interfant_desktop.store.models import Patient, PhaseStart, utc_now


@dataclass(frozen=True)
class PhaseStartView:
    """One recorded phase start, with who recorded (and last corrected) it, in UTC."""

    id: int
    phase: str
    label: str
    start_date: dt.date
    recorded_by: str
    recorded_at: dt.datetime
    corrected_by: str | None
    corrected_at: dt.datetime | None
    entered_in_error: bool
    error_reason: str | None
    #: the patient's version after the call that returned this view (for the next edit)
    patient_version: int


def _view(row: PhaseStart, patient: Patient) -> PhaseStartView:
    return PhaseStartView(row.id, row.phase, protocol().phases.get(row.phase, row.phase),
                          row.start_date, row.recorded_by, row.recorded_at, row.corrected_by,
                          row.corrected_at, row.entered_in_error, row.error_reason,
                          patient.version)


def live_starts(views: Iterable[PhaseStartView]) -> dict[str, dt.date]:
    """Phase -> start date of the entries not marked entered in error."""
    return {v.phase: v.start_date for v in views if not v.entered_in_error}


def live_starts_in(session: Session, patient: Patient) -> dict[str, dt.date]:
    """:func:`live_starts` of a patient loaded in an open session (for the engine)."""
    return {r.phase: r.start_date for r in _rows(session, patient) if not r.entered_in_error}


def _rows(session: Session, patient: Patient) -> list[PhaseStart]:
    return list(session.execute(select(PhaseStart).where(PhaseStart.patient_id == patient.id)
                                .order_by(PhaseStart.start_date, PhaseStart.id)).scalars())


def _check_date(session: Session, patient: Patient, phase: str, start: object,
                exclude: int | None = None) -> dt.date:
    """A valid start of ``phase`` for this patient, or InputError naming ``start_date``."""
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise InputError("start_date", "give the date the phase started (YYYY-MM-DD)")
    if start < patient.date_of_birth:
        raise InputError("start_date", f"{start.isoformat()} is before the date of birth")
    diagnosis = patient.diagnosis.date if patient.diagnosis is not None else None
    if diagnosis is not None and start < diagnosis:
        raise InputError("start_date", f"{start.isoformat()} is before the diagnosis "
                                       f"({diagnosis.isoformat()})")
    if start > today() + dt.timedelta(days=1):
        raise InputError("start_date", f"{start.isoformat()} is in the future: record a phase "
                                       "when it starts")
    others = {r.phase: r.start_date for r in _rows(session, patient)
              if not r.entered_in_error and r.id != exclude}
    for cycle in rows_to_case(patient).get("blinatumomab") or []:
        if cycle.get("start_date"):
            others.setdefault(f"blinatumomab_{cycle['cycle']}", dt.date.fromisoformat(cycle["start_date"]))
    problem = start_order_problem(phase, start, others, protocol())
    if problem is not None:
        raise InputError("start_date", problem)
    return start


def _infusion_start(patient: Patient, phase: str) -> str | None:
    """The recorded infusion start of a blinatumomab cycle (the phase's start), if any."""
    for cycle in rows_to_case(patient).get("blinatumomab") or []:
        if f"blinatumomab_{cycle.get('cycle')}" == phase and cycle.get("start_date"):
            return str(cycle["start_date"])
    return None


def record_phase_start(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                       phase: str, start_date: dt.date) -> PhaseStartView:
    """Record the date ``phase`` started (once per phase: a wrong date is corrected)."""
    require(user, Permission.EDIT_CLINICAL)
    if phase not in ALL_PHASES:
        raise InputError("phase", f"must be one of {', '.join(ALL_PHASES)}; got {phase!r}")
    label = protocol().phases.get(phase, phase)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        infusion = _infusion_start(patient, phase)
        if infusion is not None:
            raise InputError("phase", f"the start of {label} is its infusion start, recorded on "
                                      f"the Infusion page ({infusion})")
        same = next((r for r in _rows(session, patient)
                     if r.phase == phase and not r.entered_in_error), None)
        if same is not None:
            raise InputError("phase", f"the start of {label} is already recorded "
                                      f"({same.start_date.isoformat()}); correct it instead")
        start = _check_date(session, patient, phase, start_date)
        row = PhaseStart(patient_id=patient.id, phase=phase, start_date=start,
                         recorded_by=user.username, recorded_at=utc_now(), entered_in_error=False)
        session.add(row)
        session.flush()
        append_event(session, username=user.username, action="record", entity="phase_start",
                     entity_key=str(row.id), study_id=patient.study_id,
                     field=f"phase_starts.{phase}", new=start.isoformat())
        touch(session, patient, user)
        return _view(row, patient)


def _live_row(session: Session, patient: Patient, start_id: int) -> PhaseStart:
    row = next((r for r in _rows(session, patient) if r.id == start_id), None)
    if row is None or row.entered_in_error:
        raise NotFound(f"no phase start {start_id} recorded for {patient.study_id}")
    return row


def _reason(reason: str | None, what: str) -> str:
    why = clean_reason(reason)
    if why is None:
        raise InputError("reason", f"say why the {what}")
    return why


def _change(store: Store, user: CurrentUser, study_id: str, expected_version: int,
            start_id: int, change: Callable[[Session, Patient, PhaseStart], tuple[str, Any, Any]],
            why: str) -> PhaseStartView:
    """Apply ``change`` to a live recorded start (locked, version-checked), audit what it
    returns (action, old, new) with the reason, bump the patient's version."""
    require(user, Permission.EDIT_CLINICAL)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        row = _live_row(session, patient, start_id)
        action, old, new = change(session, patient, row)
        append_event(session, username=user.username, action=action, entity="phase_start",
                     entity_key=str(row.id), study_id=patient.study_id,
                     field=f"phase_starts.{row.phase}", old=old, new=new, reason=why)
        touch(session, patient, user)
        return _view(row, patient)


def correct_phase_start(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                        start_id: int, start_date: dt.date, reason: str) -> PhaseStartView:
    """Replace a recorded start date (reason required; the old date stays in the audit)."""
    require(user, Permission.EDIT_CLINICAL)
    why = _reason(reason, "date is corrected")

    def correct(session: Session, patient: Patient, row: PhaseStart) -> tuple[str, Any, Any]:
        start = _check_date(session, patient, row.phase, start_date, exclude=row.id)
        if start == row.start_date:
            raise InputError("start_date", "the new date is the recorded date")
        old = row.start_date.isoformat()
        row.start_date, row.corrected_by, row.corrected_at = start, user.username, utc_now()
        return "correct", old, start.isoformat()

    return _change(store, user, study_id, expected_version, start_id, correct, why)


def mark_phase_start_in_error(store: Store, user: CurrentUser, study_id: str,
                              expected_version: int, start_id: int, reason: str) -> PhaseStartView:
    """Mark a recorded start entered in error (kept with the reason; no longer counted)."""
    require(user, Permission.EDIT_CLINICAL)
    why = _reason(reason, "entry is wrong")

    def withdraw(_session: Session, _patient: Patient, row: PhaseStart) -> tuple[str, Any, Any]:
        row.entered_in_error, row.error_reason = True, why
        return "entered_in_error", row.start_date.isoformat(), None

    return _change(store, user, study_id, expected_version, start_id, withdraw, why)


def phase_starts(store: Store, user: CurrentUser, study_id: str) -> tuple[PhaseStartView, ...]:
    """Every recorded phase start of the patient (entered in error too), by date."""
    require(user, Permission.READ)
    with checked_session(store, user) as session:
        patient = load_patient(session, study_id)
        return tuple(_view(r, patient) for r in _rows(session, patient))
