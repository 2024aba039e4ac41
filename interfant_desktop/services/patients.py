"""Patients: register, import, export, search and open.

API (every call takes the open :class:`Store` and the signed-in ``CurrentUser``):

``search_patients(store, user, query="", offset=0, limit=50) -> SearchPage``
    Prefix search on study ID, name (any word, accents ignored) or hospital
    number; ``query=""`` lists everyone. ``SearchPage.total`` is the number of
    matches, counted only when first asked for (the patient list never asks, so a
    keystroke costs one page query, not a count over all matches);
    ``SearchPage.rows`` the ``PatientRow`` items of the page, ordered by study ID:
    ``study_id, name, hospital_number, date_of_birth, diagnosis_date, version``.
``create_patient(store, user, *, study_id, date_of_birth, name=None, hospital_number=None,
sex=None, down_syndrome=None) -> PatientRecord``
    Register a new patient (identity only; sections are recorded later).
``import_case(store, user, data, *, source=None) -> PatientRecord``
    Store a case file (decoded JSON). Validated by the engine first; an existing
    study ID is refused (``AlreadyExists``), never merged. Committed on return.
``export_case(store, user, study_id) -> dict``
    The case file (JSON value) of a patient: the same value that was imported.
``open_patient(store, user, study_id) -> PatientRecord``
    Everything the patient page shows, with ``version`` for later edits; ``.case``
    is the engine's parsed :class:`Case`, ``.case_json`` the case-file form.
``get_case(store, user, study_id) -> Case``
    The engine's typed case, ready for ``evaluate``.

Errors: ``NotFound`` / ``InputError`` (exit 2), ``PermissionDenied`` /
``AlreadyExists`` (exit 1). See ``services.errors``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from interfant_desktop.protocol.case import Case, nfc_document
from interfant_desktop.protocol.reasons import Resolution
from interfant_desktop.services._common import (
    load_patient,
    refresh_search_terms,
    validate_case,
)
from interfant_desktop.services.accounts import checked_session, checked_transaction
from interfant_desktop.services.blinding import hidden_cycles, redact_case
from interfant_desktop.services.errors import AlreadyExists, InputError, PermissionDenied
from interfant_desktop.services.patient_row import PatientRow as PatientRow  # re-exported
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import CASE_FORMAT, case_to_rows, rows_to_case
from interfant_desktop.store.models import (
    Diagnosis,
    EligibilityAnswer,
    Patient,
    ReviewDecision,
    SearchTerm,
    utc_now,
)
from interfant_desktop.store.search import prefix_range

MAX_PAGE = 500


class SearchPage:
    """One page of matches; ``total`` (all matches) is counted on first access."""

    __slots__ = ("_count", "_total", "offset", "rows")

    def __init__(self, count: Callable[[], int] | int, offset: int,
                 rows: tuple[PatientRow, ...]) -> None:
        self._count = count
        self._total: int | None = count if isinstance(count, int) else None
        self.offset = offset
        self.rows = rows

    @property
    def total(self) -> int:
        """The number of matches (one COUNT query the first time it is read)."""
        if self._total is None:
            assert not isinstance(self._count, int)
            self._total = self._count()
        return self._total

    def __repr__(self) -> str:
        return f"SearchPage(offset={self.offset}, rows={len(self.rows)})"


@dataclass(frozen=True)
class EligibilityConfirmation:
    criterion: str
    answer: bool | None
    evidence: str | None
    confirmed_by: str
    confirmed_at: dt.datetime


@dataclass(frozen=True)
class ReviewDecisionView:
    review_id: str
    rule_id: str
    chosen_option: str
    reason: str
    decided_by: str
    decided_at: dt.datetime
    protocol_version: str

    def resolution(self) -> Resolution:
        """The decision as the engine takes it: what, who, when (UTC) and why."""
        return Resolution(self.chosen_option, self.decided_by, self.decided_at, self.reason)


def decision_records(decisions: Iterable[ReviewDecisionView]) -> dict[str, Resolution]:
    """``{review_id: Resolution}`` of the current decisions, for ``evaluate(resolutions=)``:
    every reason a decision settles then names who decided, when and why."""
    return {d.review_id: d.resolution() for d in decisions}


@dataclass(frozen=True)
class PatientRecord:
    """A patient as stored now. Pass ``version`` back with an edit (optimistic lock)."""

    study_id: str
    version: int
    case_json: dict[str, Any]
    eligibility: tuple[EligibilityConfirmation, ...]
    review_decisions: tuple[ReviewDecisionView, ...]
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    #: allergy status (not part of the case file): None = not recorded, True = "no known
    #: allergies", False = the allergies listed in ``allergies``
    no_known_allergies: bool | None = None
    allergies: str | None = None
    #: set when the patient was marked entered in error (registered by mistake): kept and
    #: readable, but hidden from the patient list (see ``services.corrections``)
    entered_in_error_reason: str | None = None
    #: blinatumomab cycles left out for a blinded verifier (see ``services.blinding``)
    hidden_cycles: frozenset[int] = frozenset()

    @property
    def name(self) -> str | None:
        return self.case.patient.name

    @cached_property
    def case(self) -> Case:
        """The engine's typed case (parsed once, on first use); ``case_json`` stays the
        case-file form for exports and for edits merged into it."""
        return validate_case(self.case_json, source=f"stored patient {self.study_id}")

    @property
    def allergies_recorded(self) -> bool:
        """True once "no known allergies" or an allergy list is recorded."""
        return self.no_known_allergies is not None


def patient_record(session: Session, patient: Patient) -> PatientRecord:
    """Build the read-only view of a loaded patient (inside the session)."""
    decisions = session.execute(
        select(ReviewDecision).where(ReviewDecision.patient_id == patient.id,
                                     ReviewDecision.superseded.is_(False))
        .order_by(ReviewDecision.id)).scalars()
    answers: list[EligibilityAnswer] = list(patient.eligibility_answers)
    return PatientRecord(
        study_id=patient.study_id, version=patient.version, case_json=rows_to_case(patient),
        eligibility=tuple(EligibilityConfirmation(a.criterion, a.answer, a.evidence,
                                                  a.confirmed_by, a.confirmed_at)
                          for a in answers),
        review_decisions=tuple(ReviewDecisionView(d.review_id, d.rule_id, d.chosen_option,
                                                  d.reason, d.decided_by, d.decided_at,
                                                  d.protocol_version) for d in decisions),
        created_at=patient.created_at, created_by=patient.created_by,
        updated_at=patient.updated_at, updated_by=patient.updated_by,
        no_known_allergies=patient.no_known_allergies, allergies=patient.allergies,
        entered_in_error_reason=patient.entered_in_error_reason
        if patient.entered_in_error_at is not None else None,
    )


def _insert_case(session: Session, user: CurrentUser, data: dict[str, Any], action: str,
                 reason: str | None) -> Patient:
    study_id = data["patient"]["study_id"].strip()
    exists = session.execute(select(Patient.id).where(Patient.study_id == study_id)).first()
    if exists:
        raise AlreadyExists(f"study ID {study_id} already exists; nothing was imported "
                            "(an import never merges into an existing patient)",
                            field="patient.study_id")
    now = utc_now()
    patient = Patient(created_by=user.username, updated_by=user.username, created_at=now,
                      updated_at=now)
    case_to_rows(patient, data)
    session.add(patient)
    session.flush()
    refresh_search_terms(session, patient)
    append_event(session, username=user.username, action=action, entity="patient",
                 entity_key=study_id, study_id=study_id, new=rows_to_case(patient),
                 reason=reason)
    return patient


def import_case(store: Store, user: CurrentUser, data: Any, *,
                source: str | None = None) -> PatientRecord:
    """Validate and store one case file in its own transaction (see module docstring)."""
    require(user, Permission.IMPORT)
    validate_case(data, source=source)
    data = nfc_document(data)  # stored NFC: the same on SQLite and PostgreSQL
    try:
        with checked_transaction(store, user) as session:
            patient = _insert_case(session, user, data, "import",
                                   f"imported from {source}" if source else None)
            record = patient_record(session, patient)
    except IntegrityError:  # the same study ID committed meanwhile by another session
        raise AlreadyExists(f"study ID {data['patient']['study_id'].strip()} already exists; "
                            "nothing was imported", field="patient.study_id") from None
    return record


def create_patient(store: Store, user: CurrentUser, *, study_id: str, date_of_birth: dt.date,
                   name: str | None = None, hospital_number: str | None = None,
                   sex: str | None = None, down_syndrome: bool | None = None) -> PatientRecord:
    """Register a new patient with identity data only."""
    require(user, Permission.CREATE_PATIENT)
    identity: dict[str, Any] = {"study_id": study_id, "date_of_birth": date_of_birth.isoformat()}
    for key, value in (("name", name), ("hospital_number", hospital_number), ("sex", sex),
                       ("down_syndrome", down_syndrome)):
        if value is not None:
            identity[key] = value
    data = {"format": CASE_FORMAT, "patient": identity}
    validate_case(data)  # refuses control/invisible characters and IDs off the site pattern
    data = nfc_document(data)
    try:
        with checked_transaction(store, user) as session:
            patient = _insert_case(session, user, data, "create", None)
            record = patient_record(session, patient)
    except IntegrityError:
        raise AlreadyExists(f"study ID {study_id.strip()} already exists",
                            field="patient.study_id") from None
    return record


def _load_full(session: Session, study_id: str) -> Patient:
    patient = load_patient(session, study_id)
    # One query per section instead of one per row (matters for long MRD histories).
    session.execute(select(Patient).where(Patient.id == patient.id).options(
        selectinload(Patient.mrd_results), selectinload(Patient.blinatumomab_cycles),
        selectinload(Patient.eligibility_answers), selectinload(Patient.infusion_interruptions),
        selectinload(Patient.toxicity_assessments))).scalar_one()
    return patient


def export_case(store: Store, user: CurrentUser, study_id: str) -> dict[str, Any]:
    """The patient's case file; the export is recorded in the audit trail. Refused to a
    blinded verifier while an order awaits their verification (``services.blinding``)."""
    require(user, Permission.EXPORT)
    with checked_transaction(store, user) as session:
        patient = _load_full(session, study_id)
        if hidden_cycles(session, user, patient, "export"):
            raise PermissionDenied(f"patient {patient.study_id}: an order awaits your blinded "
                                   "verification; the case file (with its weight and height) "
                                   "can be exported once it is verified")
        case = rows_to_case(patient)
        append_event(session, username=user.username, action="export", entity="patient",
                     entity_key=patient.study_id, study_id=patient.study_id)
    return case


def open_patient(store: Store, user: CurrentUser, study_id: str) -> PatientRecord:
    """The patient as stored now (case JSON, confirmations, decisions, version). For a
    blinded verifier, without the blinatumomab cycles whose order awaits their blinded
    verification (``hidden_cycles``); reads by others meanwhile are audited."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        patient = _load_full(session, study_id)
        hidden = hidden_cycles(session, user, patient, "open_patient")
        record = patient_record(session, patient)
        if not hidden:
            return record
        return dataclasses.replace(record, case_json=redact_case(record.case_json, hidden),
                                   hidden_cycles=hidden)


def get_case(store: Store, user: CurrentUser, study_id: str) -> Case:
    """The engine's typed :class:`Case` of the patient."""
    return open_patient(store, user, study_id).case


def search_patients(store: Store, user: CurrentUser, query: str = "", offset: int = 0,
                    limit: int = 50) -> SearchPage:
    """One page of the patient list matching a prefix (see module docstring)."""
    require(user, Permission.READ)
    if offset < 0 or not 0 < limit <= MAX_PAGE:
        raise InputError(f"search: offset must be ≥ 0 and limit 1–{MAX_PAGE}")
    bounds = prefix_range(query)
    # A patient registered by mistake (entered in error) is kept but never listed.
    condition: ColumnElement[bool] = Patient.entered_in_error_at.is_(None)
    if bounds is not None:
        low, high = bounds
        matching = select(SearchTerm.patient_id).where(SearchTerm.term >= low,
                                                       SearchTerm.term < high)
        condition = condition & Patient.id.in_(matching)
    count_query = select(func.count()).select_from(Patient)
    rows_query = (select(Patient.study_id, Patient.name, Patient.hospital_number,
                         Patient.date_of_birth, Diagnosis.date, Patient.version)
                  .outerjoin(Diagnosis, Diagnosis.patient_id == Patient.id)
                  .order_by(Patient.study_id).offset(offset).limit(limit))
    count_query = count_query.where(condition)
    rows_query = rows_query.where(condition)
    with checked_session(store, user) as session:  # the rows carry no measurement
        rows = tuple(PatientRow(*row) for row in session.execute(rows_query))

    def count() -> int:
        with store.sessions() as session:
            return int(session.execute(count_query).scalar_one())

    return SearchPage(count, offset, rows)


def study_ids(store: Store, user: CurrentUser) -> list[str]:
    """Every study ID, sorted (for exports of everything); patients entered in error
    (registered by mistake) are left out, so they are not exported as facts."""
    require(user, Permission.READ)
    with checked_session(store, user) as session:
        return list(session.execute(select(Patient.study_id)
                                    .where(Patient.entered_in_error_at.is_(None))
                                    .order_by(Patient.study_id)).scalars())
