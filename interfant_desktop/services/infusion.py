"""The infusion record, part 1: the cycle's start and its interruptions (nurses record).

API (every call takes the open :class:`Store` and the signed-in ``CurrentUser``):

``record_infusion_start(store, user, study_id, cycle, *, start=dt.datetime, bag_hours=None)``
    The local date and time the cycle's infusion started (and the bag length), as the
    case file's ``start_date``/``start_time``/``bag_hours``; a reason is needed to change it.
``record_interruption(store, user, study_id, InterruptionRequest) -> InterruptionView``
    A stop (and, if already known, the restart) with its reason.
``record_restart(store, user, study_id, interruption_id, restarted, note=None)``
    The restart time of a recorded stop.
``mark_interruption_in_error(store, user, study_id, interruption_id, reason)``
    A wrong entry is never deleted: it is marked entered in error, with the reason.

Every call validates the would-be case with the engine's parser (so a refusal names the
field), records one audit event (old and new value) in the same transaction, and bumps the
patient's version. What the interruption means (dexamethasone before the restart,
supervision, same cycle or a new one, infusion hours remaining) is the engine's answer,
read from the evaluation (``services.infusion_view``); nothing is decided here.
Times are local wall-clock times, to the minute, as the case file has them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session

from interfant_desktop.services._common import load_patient, validate_case
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.clinical import _apply_edit, clean_reason, touch
from interfant_desktop.services.errors import InputError, NotFound
from interfant_desktop.services.patients import PatientRecord
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import interruption_json, rows_to_case
from interfant_desktop.store.models import InfusionInterruption, Order, Patient, utc_now

#: The case format's interruption reasons, with the words shown to the nurse.
REASONS: dict[str, str] = {"crs": "cytokine release syndrome", "neurotoxicity": "neurotoxicity",
                           "other_adverse_reaction": "other adverse reaction",
                           "line_or_pump": "line or pump problem", "other": "other"}


@dataclass(frozen=True)
class InterruptionRequest:
    """A stop of the infusion of ``cycle`` at the local time ``stopped``."""

    cycle: int
    stopped: dt.datetime
    reason: str
    restarted: dt.datetime | None = None
    note: str | None = None


@dataclass(frozen=True)
class InterruptionView:
    """A recorded interruption with who recorded it (UTC)."""

    id: int
    cycle: int
    stopped: dt.datetime
    restarted: dt.datetime | None
    reason: str
    note: str | None
    recorded_by: str
    recorded_at: dt.datetime
    restart_recorded_by: str | None


def view_of(row: InfusionInterruption) -> InterruptionView:
    return InterruptionView(row.id, row.cycle, row.stopped, row.restarted, row.reason, row.note,
                            row.recorded_by, row.recorded_at, row.restart_recorded_by)


def minute(value: dt.datetime, name: str, *, label: str) -> dt.datetime:
    """A local wall-clock time to the minute (the case file's precision); a refusal names
    field ``name`` as the form does (``label``, e.g. "time hung")."""
    if not isinstance(value, dt.datetime):
        raise InputError(name, "must be a local date and time (YYYY-MM-DD HH:MM)", label=label)
    if value.tzinfo is not None:
        raise InputError(name, "give the local wall-clock time, without a time zone", label=label)
    return value.replace(second=0, microsecond=0)


def check_with_engine(session: Session, patient: Patient, change: Any) -> None:
    """Validate the patient's case as it would be after ``change(case)`` (the engine's parser:
    the refusal names the case-file field)."""
    case = copy.deepcopy(rows_to_case(patient))
    change(case)
    validate_case(case)


def _cycle_entry(case: dict[str, Any], cycle: int) -> dict[str, Any]:
    entry: dict[str, Any] | None = next(
        (c for c in case.get("blinatumomab") or [] if c.get("cycle") == cycle), None)
    if entry is None:
        raise InputError(f"cycle: blinatumomab cycle {cycle} is not recorded (record its weight and "
                         "height first)")
    return entry


def record_infusion_start(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                          cycle: int, *, start: dt.datetime, bag_hours: int | None = None,
                          reason: str | None = None) -> PatientRecord:
    """When the infusion of ``cycle`` started (local time), recorded in the cycle's section.

    The cycle's orders not printed yet whose planned start (or bag length) differs from the
    recorded one become stale: their bag schedule no longer fits (a new order is made). An
    order planned for this very start stays usable, and other cycles' orders are untouched."""
    require(user, Permission.RECORD_INFUSION)
    start = minute(start, "start", label="time started")
    planned: dict[str, Any] = {"start_date": start.date().isoformat(),
                               "start_time": start.strftime("%H:%M")}
    if bag_hours is not None:
        planned["bag_hours"] = bag_hours

    def misplanned(order: Order) -> bool:
        if order.cycle != cycle or order.prints:
            return False
        facts = (order.content.get("facts") or {}).get("case") or {}
        entry: dict[str, Any] = next(
            (c for c in facts.get("blinatumomab") or [] if c.get("cycle") == cycle), {})
        return any(entry.get(key) != value for key, value in planned.items())

    def edit(case: dict[str, Any]) -> None:
        entry = _cycle_entry(case, cycle)
        entry["start_date"] = start.date().isoformat()
        entry["start_time"] = start.strftime("%H:%M")
        if bag_hours is not None:
            entry["bag_hours"] = bag_hours

    return _apply_edit(store, user, study_id, expected_version, edit, reason, misplanned)


def record_interruption(store: Store, user: CurrentUser, study_id: str,
                        request: InterruptionRequest) -> InterruptionView:
    """Record a stop of the infusion (and its restart when already known)."""
    require(user, Permission.RECORD_INFUSION)
    if request.reason not in REASONS:
        raise InputError(f"reason: must be one of {', '.join(REASONS)}; got {request.reason!r}")
    stopped = minute(request.stopped, "stopped", label="time stopped")
    restarted = None if request.restarted is None \
        else minute(request.restarted, "restarted", label="time restarted")
    if restarted is not None and restarted <= stopped:
        raise InputError("restarted", "must be after the stop", label="time restarted")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        live = [i for i in patient.infusion_interruptions
                if i.cycle == request.cycle and not i.entered_in_error]
        still_open = next((i for i in live if i.restarted is None), None)
        if still_open is not None:
            raise InputError("stopped", f"the infusion of cycle {request.cycle} is still stopped since "
                             f"{still_open.stopped:%Y-%m-%d %H:%M}; record that restart first",
                             label="time stopped")
        overlap = next((i for i in live if i.restarted is not None and i.stopped < (
            restarted or dt.datetime.max) and stopped < i.restarted), None)
        if overlap is not None:
            raise InputError("stopped", f"overlaps the interruption recorded from "
                             f"{overlap.stopped:%Y-%m-%d %H:%M} to {overlap.restarted:%Y-%m-%d %H:%M}",
                             label="time stopped")
        row = InfusionInterruption(
            cycle=request.cycle, stopped=stopped, restarted=restarted, reason=request.reason,
            note=clean_reason(request.note), recorded_by=user.username, recorded_at=utc_now(),
            restart_recorded_by=user.username if restarted else None,
            restart_recorded_at=utc_now() if restarted else None, entered_in_error=False)

        def add(case: dict[str, Any]) -> None:
            entry = _cycle_entry(case, request.cycle)
            entry["interruptions"] = [*(entry.get("interruptions") or []), interruption_json(row)]

        check_with_engine(session, patient, add)
        patient.infusion_interruptions.append(row)
        session.flush()
        append_event(session, username=user.username, action="record", entity="interruption",
                     entity_key=str(row.id), study_id=patient.study_id,
                     field=f"blinatumomab[cycle {row.cycle}].interruptions",
                     new={**interruption_json(row), "note": row.note})
        touch(session, patient, user)
        return view_of(row)


def _interruption(patient: Patient, interruption_id: int) -> InfusionInterruption:
    row = next((i for i in patient.infusion_interruptions if i.id == interruption_id), None)
    if row is None or row.entered_in_error:
        raise NotFound(f"no interruption {interruption_id} recorded for {patient.study_id}")
    return row


def record_restart(store: Store, user: CurrentUser, study_id: str, interruption_id: int,
                   restarted: dt.datetime, note: str | None = None) -> InterruptionView:
    """The restart time of a stop still open (a recorded restart is changed only by marking
    the entry in error and recording it again)."""
    require(user, Permission.RECORD_INFUSION)
    restarted = minute(restarted, "restarted", label="time restarted")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        row = _interruption(patient, interruption_id)
        if row.restarted is not None:
            raise InputError("restarted", f"already recorded ({row.restarted:%Y-%m-%d %H:%M}); mark the "
                             "entry in error and record it again to correct it", label="time restarted")
        if restarted <= row.stopped:
            raise InputError("restarted", f"must be after the stop ({row.stopped:%Y-%m-%d %H:%M})",
                             label="time restarted")
        old = interruption_json(row)
        row.restarted = restarted
        check_with_engine(session, patient, lambda case: None)
        row.restart_recorded_by, row.restart_recorded_at = user.username, utc_now()
        if note:
            row.note = "; ".join(x for x in (row.note, clean_reason(note)) if x)
        append_event(session, username=user.username, action="restart", entity="interruption",
                     entity_key=str(row.id), study_id=patient.study_id, field="restarted",
                     old=old, new=interruption_json(row), reason=clean_reason(note))
        touch(session, patient, user)
        return view_of(row)


def mark_interruption_in_error(store: Store, user: CurrentUser, study_id: str,
                               interruption_id: int, reason: str) -> None:
    """Mark a wrong entry entered in error (kept, with the reason; no longer counted)."""
    mark_in_error(store, user, study_id, reason, "interruption",
                  lambda patient: _interruption(patient, interruption_id))


class RecordRow(Protocol):
    """A bedside record row that can be marked entered in error (never deleted)."""

    id: int
    entered_in_error: bool
    error_reason: str | None


def mark_in_error(store: Store, user: CurrentUser, study_id: str, reason: str, entity: str,
                  find: Callable[[Patient], RecordRow]) -> None:
    """Mark the bedside record row ``find`` picks entered in error, with the reason
    (kept and audited; no longer counted by the engine)."""
    require(user, Permission.RECORD_INFUSION)
    why = clean_reason(reason)
    if why is None:
        raise InputError("reason: say why the entry is wrong")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        row = find(patient)
        row.entered_in_error, row.error_reason = True, why
        append_event(session, username=user.username, action="entered_in_error",
                     entity=entity, entity_key=str(row.id), study_id=patient.study_id,
                     field="entered_in_error", old=False, new=True, reason=why)
        touch(session, patient, user)

