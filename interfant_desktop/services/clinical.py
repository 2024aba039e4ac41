"""Recording and changing clinical data, with reason, audit trail and optimistic lock.

Every call takes ``expected_version`` (the ``PatientRecord.version`` the user was
looking at). If the patient changed since, ``ConflictError`` is raised and nothing
is saved. A ``reason`` is required whenever an already recorded value is changed
or removed (first entries need none). Each changed field becomes one audit event
(old value, new value, reason) in the same transaction as the change. Orders of
the patient that are not yet printed or cancelled are marked ``stale``.
The new data are validated by the engine exactly as an imported case file is.

API:

``update_section(store, user, study_id, expected_version, section, changes, reason=None)``
    Merge ``changes`` (case-file keys -> values) into an object section:
    ``patient`` (not ``study_id``), ``diagnosis``, ``prednisone_response``,
    ``end_of_induction`` or ``blinatumomab_checklist``.
``replace_section(store, user, study_id, expected_version, section, value, reason=None)``
    Set a whole section in case-file form (``mrd`` and ``blinatumomab`` are lists);
    ``value=None`` removes it.
``record_measurements(store, user, study_id, expected_version, measured, reason=None)``
    Weight and height of a blinatumomab cycle, a ``CycleMeasurements`` (nurses may do this).
``confirm_eligibility(store, user, study_id, expected_version, criterion, answer,
evidence, reason=None)``
    Record who confirmed an eligibility criterion (INC1..EXC7), when, and on what evidence.
``record_allergies(store, user, study_id, expected_version, *, no_known_allergies,
allergies, reason=None)``
    The patient's allergy status: "no known allergies" or the allergy text (not both).
    Not part of the case file; a signed order needs it (see ``order_workflow``).

Each returns the new ``PatientRecord`` (with the new ``version``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.protocol.case import CaseError, clean_text, nfc_document
from interfant_desktop.protocol.eligibility import confirmation_keys
from interfant_desktop.services._common import (
    changed_paths,
    check_version,
    load_patient,
    protocol,
    refresh_search_terms,
    validate_case,
)
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.patients import PatientRecord, patient_record
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.text_input import clean_free_text
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import (
    LIST_SECTIONS,
    OBJECT_SECTIONS,
    keep_record,
    rows_to_case,
    set_patient_identity,
    set_section,
)
from interfant_desktop.store.models import EligibilityAnswer, Order, Patient, utc_now

OPEN_ORDER_STATUSES = ("draft", "signed", "verified", "held")


def clean_reason(reason: str | None) -> str | None:
    """A reason (or note) as recorded: stripped, None when empty; NFC, and refused with a
    control character (a NUL: PostgreSQL cannot store it, SQLite did)."""
    text = (reason or "").strip()
    return clean_free_text(text, "reason") if text else None


def touch(session: Session, patient: Patient, user: CurrentUser) -> None:
    """Bump the patient's version (the UPDATE checks the old version: a concurrent
    writer that got here first makes this one fail with a conflict)."""
    patient.updated_at = utc_now()
    patient.updated_by = user.username
    session.flush()


def mark_orders_stale(session: Session, patient: Patient, user: CurrentUser,
                      why: str, which: Callable[[Order], bool] | None = None) -> list[int]:
    """Orders drafted from older data must be re-checked before use; returns their IDs.
    ``which`` narrows the open orders concerned (default: all of them)."""
    orders = session.execute(select(Order).where(
        Order.patient_id == patient.id, Order.status.in_(OPEN_ORDER_STATUSES),
        Order.stale.is_(False)).order_by(Order.id)).scalars()
    marked = []
    for order in orders:
        if which is not None and not which(order):
            continue
        order.stale = True
        marked.append(order.id)
        append_event(session, username=user.username, action="mark_stale", entity="order",
                     entity_key=str(order.id), study_id=patient.study_id, field="stale",
                     old=False, new=True, reason=why)
    return marked


def write_case(session: Session, patient: Patient, old_case: dict[str, Any],
               new_case: dict[str, Any]) -> None:
    """Store the (validated) ``new_case`` over ``old_case``: only the sections that
    differ are rewritten; the search words follow a changed identity."""
    set_patient_identity(patient, new_case["patient"])
    for section in (*OBJECT_SECTIONS, *LIST_SECTIONS):
        if old_case.get(section, ...) != new_case.get(section, ...) or \
                (section in old_case) != (section in new_case):
            set_section(patient, section, new_case.get(section), given=section in new_case)
    if old_case["patient"] != new_case["patient"]:
        refresh_search_terms(session, patient)


def _apply_edit(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                edit: Callable[[dict[str, Any]], None], reason: str | None,
                stale_if: Callable[[Order], bool] | None = None) -> PatientRecord:
    """Load, check version, edit the case JSON, validate, diff, store, audit, commit."""
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        return apply_edit(session, user, patient, edit, reason, stale_if)


def apply_edit(session: Session, user: CurrentUser, patient: Patient,
               edit: Callable[[dict[str, Any]], None], reason: str | None,
               stale_if: Callable[[Order], bool] | None = None) -> PatientRecord:
    """Edit the loaded (locked, version-checked) patient's case JSON, validate, diff,
    store and audit, in the caller's transaction. Open orders become stale (those
    ``stale_if`` picks, when given)."""
    reason = clean_reason(reason)
    old_case = rows_to_case(patient)
    new_case = copy.deepcopy(old_case)
    edit(new_case)
    if not keep_record(old_case, new_case):
        raise InputError("toxicity", "interruptions and toxicity assessments are recorded on the "
                                     "Infusion page (record, restart or mark entered in error), "
                                     "not by editing a section")
    if new_case["patient"].get("study_id", "").strip() != patient.study_id:
        raise InputError("patient.study_id", "the study ID of a patient cannot be changed")
    validate_case(new_case)
    new_case = nfc_document(new_case)  # stored NFC, as an import is
    changes = changed_paths(old_case, new_case)
    if not changes and new_case == old_case:
        return patient_record(session, patient)
    if reason is None and any(old is not None for _, old, _ in changes):
        first = next(path for path, old, _ in changes if old is not None)
        raise InputError(first, "a reason is required to change recorded data")
    write_case(session, patient, old_case, new_case)
    for path, old, new in changes:
        append_event(session, username=user.username, action="change", entity="patient",
                     entity_key=patient.study_id, study_id=patient.study_id, field=path,
                     old=old, new=new, reason=reason)
    if changes:
        mark_orders_stale(session, patient, user, "the patient's data changed", stale_if)
    touch(session, patient, user)
    return patient_record(session, patient)


def update_section(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                   section: str, changes: Mapping[str, Any],
                   reason: str | None = None) -> PatientRecord:
    """Merge ``changes`` into one object section (see module docstring)."""
    require(user, Permission.EDIT_CLINICAL)
    if section != "patient" and section not in OBJECT_SECTIONS:
        raise InputError(section, "not a section that can be updated field by field")

    def edit(case: dict[str, Any]) -> None:
        current = case.get(section) or {}
        current.update(changes)
        case[section] = current

    return _apply_edit(store, user, study_id, expected_version, edit, reason)


def replace_section(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                    section: str, value: Any, reason: str | None = None) -> PatientRecord:
    """Set (or with ``None`` remove) a whole case-file section."""
    require(user, Permission.EDIT_CLINICAL)
    if section not in OBJECT_SECTIONS and section not in LIST_SECTIONS:
        raise InputError(section, "not a case-file section")

    def edit(case: dict[str, Any]) -> None:
        if value is None:
            case.pop(section, None)
        else:
            case[section] = copy.deepcopy(value)

    return _apply_edit(store, user, study_id, expected_version, edit, reason)


@dataclass(frozen=True)
class CycleMeasurements:
    """The weight and height of one blinatumomab cycle as a nurse records them, with the
    dates they were measured and the cycle's start (ISO dates; None = not given)."""

    cycle: int
    weight_kg: float
    height_cm: float
    start_date: str | None = None
    weight_date: str | None = None
    height_date: str | None = None

    def case_entry(self) -> dict[str, Any]:
        """The cycle's ``blinatumomab`` entry in case-file form, as far as it is measured."""
        entry: dict[str, Any] = {"cycle": self.cycle, "weight_kg": self.weight_kg,
                                 "height_cm": self.height_cm}
        for key, value in (("start_date", self.start_date), ("weight_date", self.weight_date),
                           ("height_date", self.height_date)):
            if value is not None:
                entry[key] = value
        return entry


def record_measurements(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                        measured: CycleMeasurements, reason: str | None = None) -> PatientRecord:
    """Weight and height (with their dates) for blinatumomab cycle 1 or 2."""
    require(user, Permission.RECORD_MEASUREMENTS)
    return _apply_edit(store, user, study_id, expected_version, measurements_edit(measured), reason)


def measurements_edit(measured: CycleMeasurements) -> Callable[[dict[str, Any]], None]:
    """The case edit that records a cycle's weight and height (with their dates)."""

    def edit(case: dict[str, Any]) -> None:
        cycle_entry(case, measured.cycle).update(measured.case_entry())

    return edit


def cycle_entry(case: dict[str, Any], cycle: int) -> dict[str, Any]:
    """The case's ``blinatumomab`` entry for ``cycle``, to be filled in place: added (the
    list kept in cycle order) when the case has none yet."""
    cycles = list(case.get("blinatumomab") or [])
    entry = next((c for c in cycles if c.get("cycle") == cycle), None)
    if entry is None:
        entry = {"cycle": cycle}
        cycles.append(entry)
        cycles.sort(key=lambda c: c["cycle"])
    case["blinatumomab"] = cycles
    return entry


def confirm_eligibility(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                        criterion: str, answer: bool | None, evidence: str | None,
                        reason: str | None = None) -> PatientRecord:
    """Record a clinician's confirmation of one eligibility criterion, or of one fact of
    a criterion decided from several (``EXC7.steroids``, ``EXC7.chemo``: see
    :func:`~interfant_desktop.protocol.eligibility.confirmation_key`)."""
    require(user, Permission.EDIT_CLINICAL)
    # the one list, from the protocol file, and the per-fact keys from the engine
    criteria = tuple(dict.fromkeys(protocol().criterion_ids + confirmation_keys()))
    if criterion not in criteria:
        raise InputError("criterion", f"must be one of {', '.join(criteria)}; got {criterion!r}")
    reason = clean_reason(reason)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        existing = next((a for a in patient.eligibility_answers if a.criterion == criterion),
                        None)
        old = None if existing is None else {"answer": existing.answer,
                                             "evidence": existing.evidence}
        evidence_text = clean_reason(evidence)
        new = {"answer": answer, "evidence": evidence_text}
        if old == new:
            return patient_record(session, patient)
        if existing is not None and reason is None:
            raise InputError(f"eligibility.{criterion}",
                             "a reason is required to change a recorded confirmation")
        if existing is None:
            existing = EligibilityAnswer(criterion=criterion, confirmed_by=user.username)
            patient.eligibility_answers.append(existing)
        existing.answer, existing.evidence = answer, evidence_text
        existing.confirmed_by, existing.confirmed_at = user.username, utc_now()
        append_event(session, username=user.username, action="confirm", entity="eligibility",
                     entity_key=criterion, study_id=patient.study_id,
                     field=f"eligibility.{criterion}", old=old, new=new, reason=reason)
        touch(session, patient, user)
        return patient_record(session, patient)


@dataclass(frozen=True, slots=True)
class AllergyStatus:
    """A recorded allergy status: "no known allergies", or the allergies (one a line)."""

    no_known_allergies: bool
    allergies: str | None

    def to_json(self) -> dict[str, Any]:
        """The status as it is audited and exported."""
        return {"no_known_allergies": self.no_known_allergies, "allergies": self.allergies}


def allergy_status(no_known_allergies: bool, allergies: str | None) -> AllergyStatus:
    """The validated allergy status: exactly one of "no known allergies" or a text."""
    text = (allergies or "").strip() or None
    if no_known_allergies and text is not None:
        raise InputError("allergies", "record either \"no known allergies\" or the allergies, "
                         "not both")
    if not no_known_allergies and text is None:
        raise InputError("allergies", "list the allergies, or record \"no known allergies\"")
    if text is not None and len(text) > 2000:
        raise InputError("allergies", "at most 2000 characters")
    if text is not None:  # one allergy a line, each clean as in a case file (exported so)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        try:
            text = "\n".join(clean_text(line, f"allergies[{i}]") for i, line in enumerate(lines))
        except CaseError as exc:
            raise InputError.from_case_error(exc) from None
    return AllergyStatus(bool(no_known_allergies), text)


def record_allergies(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                     *, no_known_allergies: bool, allergies: str | None,
                     reason: str | None = None) -> PatientRecord:
    """Record the patient's allergy status (physicians only; audited with old and new
    values; a reason is required to change a recorded status). Open orders become stale."""
    require(user, Permission.EDIT_CLINICAL)
    status = allergy_status(no_known_allergies, allergies)
    new = status.to_json()
    reason = clean_reason(reason)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        recorded = patient.no_known_allergies is not None
        old = {"no_known_allergies": patient.no_known_allergies,
               "allergies": patient.allergies} if recorded else None
        if old == new:
            return patient_record(session, patient)
        if recorded and reason is None:
            raise InputError("allergies.reason", "a reason is required to change the recorded "
                             "allergy status", label="allergies")
        patient.no_known_allergies, patient.allergies = status.no_known_allergies, status.allergies
        append_event(session, username=user.username, action="change", entity="patient",
                     entity_key=patient.study_id, study_id=patient.study_id,
                     field="allergies", old=old, new=new, reason=reason)
        mark_orders_stale(session, patient, user, "the patient's allergy status changed")
        touch(session, patient, user)
        return patient_record(session, patient)
