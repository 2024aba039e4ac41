"""Correcting a recorded fact, or marking it entered in error, the way clinical records do.

Nothing is ever deleted. A recorded fact (identity and date of birth, diagnosis data,
prednisone response, end of induction, each MRD result, the blinatumomab checklist,
weight and height, the allergy status) is either

* **corrected**: a new value replaces it, with a reason; or
* marked **entered in error**: with a reason it leaves the case, so the engine and the
  lists no longer see it, and is kept verbatim in ``entered_in_error_facts`` (the
  history shows it struck through). A patient registered by mistake is marked entered
  in error as a whole: kept, readable, hidden from the patient list.

Each is audited (old value, new value, reason) in the same transaction; open orders of
the patient become stale (``clinical.mark_orders_stale``, the path every edit takes);
the engine evaluates the case before and after, and :class:`CorrectionResult` names
every answer that changed (risk group, decisions, eligibility, current phase, open
questions) with the engine's reasons for the new answer, for the GUI's banner.

Who may correct what follows the roles (``required_permission``). Identity and date of
birth (and a whole patient entered in error) need a physician or administrator *and* a
second person: :func:`correct_fact` then only records a :class:`PendingCorrection`; it
takes effect when another authorised user confirms it with their password
(:func:`confirm_correction`). Both steps are audited.

API (every call takes the open ``Store``; ``expected_version`` is the optimistic lock):

``correct_fact(store, user, study_id, expected_version, request) -> CorrectionResult``
``confirm_correction(store, correction_id, username, password) -> CorrectionResult``
``withdraw_correction(store, user, correction_id, reason) -> None``
``pending_corrections(store, user, study_id) -> tuple[PendingCorrection, ...]``
``entered_in_error_facts(store, user, study_id) -> tuple[EnteredInErrorView, ...]``
``mrd_in_date_order(case_json) -> tuple[IndexedSample, ...]``
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.protocol.evaluation import Evaluation, evaluate
from interfant_desktop.protocol.reasons import Reason
from interfant_desktop.services import auth
from interfant_desktop.services._common import (
    changed_paths,
    check_version,
    load_patient,
    protocol,
    today,
    validate_case,
)
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.clinical import (
    allergy_status,
    clean_reason,
    mark_orders_stale,
    touch,
    write_case,
)
from interfant_desktop.services.errors import ConflictError, InputError, NotFound, PermissionDenied
from interfant_desktop.services.patients import PatientRecord, patient_record
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.phases import live_starts_in
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event, encode_value
from interfant_desktop.store.case_rows import LIST_SECTIONS, OBJECT_SECTIONS, rows_to_case
from interfant_desktop.store.models import (
    AuditEvent,
    EnteredInErrorFact,
    Patient,
    ReviewDecision,
    utc_now,
)
from interfant_desktop.store.models import PendingCorrection as PendingRow

#: Identity fields a correction may change (the study ID never changes).
IDENTITY_FIELDS = ("name", "hospital_number", "date_of_birth", "sex", "down_syndrome")
#: Fields of a blinatumomab cycle a nurse may record, and so correct.
MEASUREMENT_FIELDS = ("weight_kg", "weight_date", "height_cm", "height_date")
#: The allergy status (not part of the case file; see ``clinical.record_allergies``).
ALLERGIES = "allergies"


# --- requests ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FactRef:
    """Which recorded fact, in case-file terms.

    ``section`` is ``patient``, an object section (``diagnosis``, ``prednisone_response``,
    ``end_of_induction``, ``blinatumomab_checklist``), a list section (``mrd``,
    ``blinatumomab``: ``index`` is the item's place in the stored case) or ``allergies``.
    ``field`` is a key of that section or item; ``None`` means the whole section, item
    or, for ``patient``, the whole patient (registered by mistake).
    """

    section: str
    index: int | None = None
    field: str | None = None

    @property
    def path(self) -> str:
        """The case-file path, as field errors and the audit trail name it."""
        out = self.section if self.index is None else f"{self.section}[{self.index}]"
        return out if self.field is None else f"{out}.{self.field}"


@dataclass(frozen=True)
class Correction:
    """Replace the fact by ``new_value`` (case-file JSON form); ``reason`` is required."""

    fact: FactRef
    new_value: Any
    reason: str


@dataclass(frozen=True)
class EnteredInError:
    """Withdraw the fact from the record (kept, shown struck through); reason required."""

    fact: FactRef
    reason: str


CorrectionRequest = Correction | EnteredInError


# --- results ----------------------------------------------------------------------------

@dataclass(frozen=True)
class EvaluationChange:
    """One answer of the engine that the correction changed, with the engine's reasons
    for the new answer (rule ID, wording, source and data)."""

    what: str
    before: str
    after: str
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class PendingCorrection:
    """An identity correction waiting for a second person's confirmation."""

    id: int
    study_id: str
    fact: str
    kind: str
    old_value: Any
    new_value: Any
    reason: str
    requested_by: str
    requested_at: dt.datetime
    status: str
    decided_by: str | None
    decided_at: dt.datetime | None


@dataclass(frozen=True)
class CorrectionResult:
    """What a correction did. ``applied`` is False while it waits for a second person
    (then ``pending`` says what waits, and nothing else changed)."""

    record: PatientRecord
    applied: bool
    changes: tuple[EvaluationChange, ...] = ()
    stale_orders: tuple[int, ...] = ()
    pending: PendingCorrection | None = None


@dataclass(frozen=True)
class EnteredInErrorView:
    """A fact withdrawn as entered in error, as it was recorded."""

    fact: str
    value: Any
    reason: str
    entered_by: str
    entered_at: dt.datetime


@dataclass(frozen=True)
class IndexedSample:
    """An MRD result with its place in the stored case (``FactRef('mrd', index)``)."""

    index: int
    sample: Mapping[str, Any]

    @property
    def timepoint(self) -> str | None:
        """The sample's time point (``end_of_induction``, ...), None if not recorded."""
        value = self.sample.get("timepoint")
        return None if value is None else str(value)

    @property
    def date(self) -> str:
        """The sample date as recorded (ISO), empty if not recorded."""
        return str(self.sample.get("date", ""))

    @property
    def result(self) -> Any:
        """The result in case-file form: ``"undetectable"`` or a dict with the percent."""
        return self.sample.get("result")

    @property
    def quantity(self) -> Any:
        """The percent, or the quantitative range of a positive-not-quantifiable result
        (None for an undetectable one)."""
        result = self.result
        if not isinstance(result, Mapping):
            return None
        return result.get("percent", result.get("quantitative_range_percent"))


# --- who may do what ----------------------------------------------------------------------

def required_permission(fact: FactRef) -> Permission:
    """The permission a correction of ``fact`` needs (roles: ``services.permissions``)."""
    if fact.section == "patient":
        return Permission.CORRECT_IDENTITY
    if fact.section == "blinatumomab" and fact.field in MEASUREMENT_FIELDS:
        return Permission.RECORD_MEASUREMENTS
    return Permission.EDIT_CLINICAL


def needs_second_person(fact: FactRef) -> bool:
    """Identity, date of birth and a patient registered by mistake need two people."""
    return fact.section == "patient"


# --- the fact inside the case ---------------------------------------------------------------

def _check_ref(fact: FactRef) -> None:
    known = ("patient", ALLERGIES, *OBJECT_SECTIONS, *LIST_SECTIONS)
    if fact.section not in known:
        raise InputError(f"{fact.path}: not a recorded fact that can be corrected")
    if (fact.section in LIST_SECTIONS) != (fact.index is not None):
        raise InputError(f"{fact.path}: say which {fact.section} entry (and only for lists)")
    if fact.section == "patient" and fact.field is not None \
            and fact.field not in IDENTITY_FIELDS:
        raise InputError(f"{fact.path}: the study ID of a patient cannot be changed"
                         if fact.field == "study_id" else
                         f"{fact.path}: not an identity field")
    if fact.section == ALLERGIES and fact.field is not None:
        raise InputError(f"{fact.path}: the allergy status is corrected as a whole")


def _container(case: dict[str, Any], fact: FactRef) -> dict[str, Any]:
    """The dict holding ``fact.field`` (the section or list item), or InputError."""
    section = case.get(fact.section)
    if fact.index is not None:
        items = section if isinstance(section, list) else []
        if not 0 <= fact.index < len(items):
            raise InputError(f"{fact.path}: no such entry is recorded")
        section = items[fact.index]
    if not isinstance(section, dict):
        raise InputError(f"{fact.path}: nothing is recorded")
    return section


def fact_value(case: dict[str, Any], fact: FactRef) -> Any:
    """The recorded value of ``fact`` in a case-file dict (InputError if none)."""
    container = _container(case, fact)
    if fact.field is None:
        return copy.deepcopy(container)
    if container.get(fact.field) is None:
        raise InputError(f"{fact.path}: nothing is recorded")
    return copy.deepcopy(container[fact.field])


def _replace(case: dict[str, Any], fact: FactRef, value: Any) -> None:
    """Put ``value`` in place of the fact (``value=...``: take the fact out)."""
    if fact.field is not None:
        container = _container(case, fact)
        if value is ...:
            del container[fact.field]
        else:
            container[fact.field] = copy.deepcopy(value)
    elif fact.index is not None:
        items = case[fact.section]
        if value is ...:
            del items[fact.index]
        else:
            items[fact.index] = copy.deepcopy(value)
    elif value is ...:
        case.pop(fact.section, None)
    else:
        case[fact.section] = copy.deepcopy(value)


def mrd_in_date_order(case_json: Mapping[str, Any]) -> tuple[IndexedSample, ...]:
    """Every MRD result (several at one time point included), by sample date, then in
    the order recorded; each keeps its index for a correction."""
    samples = list(case_json.get("mrd") or [])
    ordered = sorted(enumerate(samples), key=lambda pair: (str(pair[1].get("date", "")), pair[0]))
    return tuple(IndexedSample(i, sample) for i, sample in ordered)


# --- what changed (the engine's answers before and after) -------------------------------------

def _evaluate(session: Session, patient: Patient, case: dict[str, Any]) -> Evaluation | None:
    """The engine's evaluation of ``case`` with the patient's review decisions and phase starts."""
    rows = session.execute(select(ReviewDecision.review_id, ReviewDecision.chosen_option)
                           .where(ReviewDecision.patient_id == patient.id,
                                  ReviewDecision.superseded.is_(False)))
    resolutions = {review_id: option for review_id, option in rows}
    on = today()
    return evaluate(validate_case(case, on), protocol(), on, resolutions,
                    live_starts_in(session, patient))


def _text(value: object) -> str:
    if value is None:
        return "not decided yet"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _answers(ev: Evaluation) -> dict[str, tuple[str, tuple[Reason, ...]]]:
    """The answers a clinician acts on, as text, each with the engine's reasons."""
    risk_reasons = tuple(ev.risk.reasons)
    answers = {
        "Eligibility": (ev.eligibility.status, tuple(
            Reason(c.id, c.source, c.text, c.detail) for c in ev.eligibility.criteria
            if c.status != "met")),
        "Risk group at diagnosis": (_text(ev.risk.at_diagnosis), risk_reasons),
        "Current risk group": (_text(ev.risk.current), risk_reasons),
        "Risk status": (ev.risk.status, risk_reasons),
        "Current phase": (_text(ev.current_phase), ()),
    }
    for key, label in (("blinatumomab_1", "Blinatumomab cycle 1"),
                       ("blinatumomab_2", "Blinatumomab cycle 2"),
                       ("hsct_eligible", "Eligible for HSCT")):
        answers[label] = (_text(getattr(ev.decisions, key)),
                          tuple(ev.decisions.reasons.get(key, ())))
    questions = sorted(f"{q.rule}: {q.text}" for q in ev.review)
    answers["Open questions for a clinician"] = (
        "; ".join(questions) or "none",
        tuple(Reason(q.rule, q.source, q.text, q.detail) for q in ev.review))
    return answers


def compare_evaluations(before: Evaluation | None,
                        after: Evaluation | None) -> tuple[EvaluationChange, ...]:
    """Every answer that differs between two evaluations of the same patient."""
    if before is None or after is None:
        return ()
    old, new = _answers(before), _answers(after)
    return tuple(EvaluationChange(what, old[what][0], new[what][0], new[what][1])
                 for what in new if old[what][0] != new[what][0])


# --- applying a correction ------------------------------------------------------------------

def _clean(request: CorrectionRequest) -> str:
    reason = clean_reason(request.reason)
    if reason is None:
        raise InputError(f"{request.fact.path}: a reason is required for a correction")
    return reason


def _allergy_value(patient: Patient) -> dict[str, Any] | None:
    if patient.no_known_allergies is None:
        return None
    return {"no_known_allergies": patient.no_known_allergies, "allergies": patient.allergies}


def _old_value(patient: Patient, case: dict[str, Any], fact: FactRef) -> Any:
    if fact.section == ALLERGIES:
        value = _allergy_value(patient)
        if value is None:
            raise InputError("allergies: no allergy status is recorded")
        return value
    if fact.section == "patient" and fact.field is None:
        return case["patient"]
    return fact_value(case, fact)


def _new_case(case: dict[str, Any], request: CorrectionRequest) -> dict[str, Any] | None:
    """The case after the request, validated by the engine (None: not a case edit)."""
    fact = request.fact
    if fact.section == ALLERGIES or (fact.section == "patient" and fact.field is None):
        return None
    new_case = copy.deepcopy(case)
    _replace(new_case, fact, request.new_value if isinstance(request, Correction) else ...)
    validate_case(new_case)
    return new_case


def _check_request(patient: Patient, request: CorrectionRequest) -> tuple[Any, Any, str]:
    """(old value, new value, reason) of a valid request; InputError otherwise."""
    _check_ref(request.fact)
    reason = _clean(request)
    case = rows_to_case(patient)
    old = _old_value(patient, case, request.fact)
    if request.fact.section == "patient" and request.fact.field is None:
        if isinstance(request, Correction):
            raise InputError("patient: correct one identity field at a time")
        if patient.entered_in_error_at is not None:
            raise InputError("patient: already marked entered in error")
    new: Any = None
    if isinstance(request, Correction):
        new = request.new_value
        if request.fact.section == ALLERGIES:
            given = dict(new or {})
            new = allergy_status(bool(given.get("no_known_allergies")),
                                 given.get("allergies")).to_json()
        if new == old:
            raise InputError(f"{request.fact.path}: the new value is the recorded value")
    _new_case(case, request)  # refuses an invalid result now, naming the field
    return old, new, reason


def _apply(session: Session, patient: Patient, request: CorrectionRequest, *, author: str,
           actor: CurrentUser, reason: str) -> tuple[tuple[EvaluationChange, ...], list[int]]:
    """Make the change, audit it, stale the orders; the engine's before/after compared."""
    fact = request.fact
    old_case = rows_to_case(patient)
    try:  # a stored case the engine now refuses can still be corrected (into a valid one)
        before = _evaluate(session, patient, old_case)
    except InputError:
        before = None
    old = _old_value(patient, old_case, fact)
    new_case = _new_case(old_case, request)
    withdrawn = isinstance(request, EnteredInError)
    if new_case is not None:
        write_case(session, patient, old_case, new_case)
        if not withdrawn:
            for path, was, now in changed_paths(old_case, new_case):
                append_event(session, username=author, action="correct", entity="patient",
                             entity_key=patient.study_id, study_id=patient.study_id,
                             field=path, old=was, new=now, reason=reason)
    elif fact.section == ALLERGIES:
        status = request.new_value if isinstance(request, Correction) else None
        if status is None:
            patient.no_known_allergies, patient.allergies = None, None
        else:
            checked = allergy_status(bool(status.get("no_known_allergies")),
                                     status.get("allergies"))
            patient.no_known_allergies, patient.allergies = checked.no_known_allergies, \
                checked.allergies
        if not withdrawn:
            append_event(session, username=author, action="correct", entity="patient",
                         entity_key=patient.study_id, study_id=patient.study_id,
                         field=ALLERGIES, old=old, new=_allergy_value(patient), reason=reason)
    else:  # the whole patient, registered by mistake
        patient.entered_in_error_at, patient.entered_in_error_by = utc_now(), author
        patient.entered_in_error_reason = reason
    if withdrawn:
        session.add(EnteredInErrorFact(patient_id=patient.id, fact=fact.path,
                                       value=encode_value(old), reason=reason,
                                       entered_by=author))
        append_event(session, username=author, action="entered_in_error", entity="patient",
                     entity_key=patient.study_id, study_id=patient.study_id, field=fact.path,
                     old=old, new=None, reason=reason)
    stale = mark_orders_stale(session, patient, actor, f"{fact.path} was corrected")
    touch(session, patient, actor)
    after = _evaluate(session, patient, new_case) if new_case is not None else None
    return compare_evaluations(before, after), stale


def correct_fact(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                 request: CorrectionRequest) -> CorrectionResult:
    """Correct a fact or mark it entered in error (see the module docstring).

    Identity facts are only recorded as pending here; nothing else changes until a
    second authorised person confirms them (:func:`confirm_correction`).
    """
    require(user, required_permission(request.fact))
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        old, new, reason = _check_request(patient, request)
        if needs_second_person(request.fact):
            pending = _request_pending(session, user, patient, request, old, new, reason)
            return CorrectionResult(patient_record(session, patient), False, pending=pending)
        changes, stale = _apply(session, patient, request, author=user.username, actor=user,
                                reason=reason)
        return CorrectionResult(patient_record(session, patient), True, changes, tuple(stale))


# --- the second person -------------------------------------------------------------------------

def _decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _pending_view(row: PendingRow, study_id: str) -> PendingCorrection:
    return PendingCorrection(row.id, study_id, row.fact, row.kind, _decode(row.old_value),
                             _decode(row.new_value), row.reason, row.requested_by,
                             row.requested_at, row.status, row.decided_by, row.decided_at)


def _request_pending(session: Session, user: CurrentUser, patient: Patient,
                     request: CorrectionRequest, old: Any, new: Any,
                     reason: str) -> PendingCorrection:
    kind = "correct" if isinstance(request, Correction) else "entered_in_error"
    row = PendingRow(patient_id=patient.id, fact=request.fact.path, kind=kind,
                     old_value=encode_value(old), new_value=encode_value(new), reason=reason,
                     requested_by=user.username, status="pending")
    session.add(row)
    session.flush()
    append_event(session, username=user.username, action="request_correction",
                 entity="correction", entity_key=str(row.id), study_id=patient.study_id,
                 field=f"{kind} {row.fact}", old=old, new=new, reason=reason)
    return _pending_view(row, patient.study_id)


def _load_pending(session: Session, correction_id: int) -> tuple[PendingRow, Patient]:
    row = session.execute(select(PendingRow).where(PendingRow.id == correction_id)
                          .with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no pending correction {correction_id}")
    if row.status != "pending":
        raise ConflictError(f"correction {correction_id} is already {row.status}")
    patient = session.execute(select(Patient).where(Patient.id == row.patient_id)
                              .with_for_update()).scalar_one()
    return row, patient


def _request_of(row: PendingRow) -> CorrectionRequest:
    """The request as it was made, read back from the row (checked against its event)."""
    fact = _parse_path(row.fact)
    if row.kind == "entered_in_error":
        return EnteredInError(fact, row.reason)
    return Correction(fact, _decode(row.new_value), row.reason)


def _parse_path(path: str) -> FactRef:
    head, _, field = path.partition(".")
    section, _, index = head.partition("[")
    return FactRef(section, int(index.rstrip("]")) if index else None, field or None)


def _check_untampered(session: Session, row: PendingRow, patient: Patient) -> None:
    """The row must say what its audit event says (the event is hash-chained)."""
    event = session.execute(
        select(AuditEvent).where(AuditEvent.entity == "correction",
                                 AuditEvent.entity_key == str(row.id),
                                 AuditEvent.action == "request_correction")
        .order_by(AuditEvent.seq).limit(1)).scalar_one_or_none()
    if event is None or (event.action, event.entity_key, event.study_id, event.field,
                         event.old_value, event.new_value, event.reason, event.username) != (
            "request_correction", str(row.id), patient.study_id, f"{row.kind} {row.fact}",
            row.old_value, row.new_value, row.reason, row.requested_by):
        raise ConflictError(f"correction {row.id} does not match what was requested (its "
                            "audit event); it was changed in the database and is refused")


def confirm_correction(store: Store, correction_id: int, username: str,
                       password: str) -> CorrectionResult:
    """A second authorised person confirms a pending identity correction by re-entering
    their password; the correction is then applied (audited as confirmed by them)."""
    confirmer = auth.sign_in(store, username, password)  # counts and audits wrong passwords
    try:
        return _confirm(store, correction_id, confirmer)
    finally:
        auth.sign_out(confirmer)  # signed in for this confirmation only


def _confirm(store: Store, correction_id: int, confirmer: CurrentUser) -> CorrectionResult:
    require(confirmer, Permission.CORRECT_IDENTITY)
    with checked_transaction(store, confirmer) as session:
        row, patient = _load_pending(session, correction_id)
        if row.requested_by == confirmer.username:
            raise PermissionDenied(f"correction {correction_id} must be confirmed by a second "
                                   f"person, not by {confirmer.username} who requested it")
        _check_untampered(session, row, patient)
        request = _request_of(row)
        if encode_value(_old_value(patient, rows_to_case(patient), request.fact)) \
                != row.old_value:
            raise ConflictError(f"{row.fact} changed since the correction was requested; "
                                "withdraw it and request it again")
        row.status, row.decided_by, row.decided_at = "confirmed", confirmer.username, utc_now()
        append_event(session, username=confirmer.username, action="confirm_correction",
                     entity="correction", entity_key=str(row.id), study_id=patient.study_id,
                     field=f"{row.kind} {row.fact}", reason=f"requested by {row.requested_by}")
        changes, stale = _apply(session, patient, request, author=row.requested_by,
                                actor=confirmer,
                                reason=f"{row.reason} (confirmed by {confirmer.username})")
        return CorrectionResult(patient_record(session, patient), True, changes, tuple(stale),
                                _pending_view(row, patient.study_id))


def withdraw_correction(store: Store, user: CurrentUser, correction_id: int,
                        reason: str) -> None:
    """Withdraw a pending correction (the requester or another authorised person)."""
    require(user, Permission.CORRECT_IDENTITY)
    why = clean_reason(reason)
    if why is None:
        raise InputError("reason: say why the correction is withdrawn")
    with checked_transaction(store, user) as session:
        row, patient = _load_pending(session, correction_id)
        row.status, row.decided_by, row.decided_at = "withdrawn", user.username, utc_now()
        append_event(session, username=user.username, action="withdraw_correction",
                     entity="correction", entity_key=str(row.id), study_id=patient.study_id,
                     field=f"{row.kind} {row.fact}", reason=why)


def pending_corrections(store: Store, user: CurrentUser,
                        study_id: str) -> tuple[PendingCorrection, ...]:
    """The patient's corrections still waiting for a second person, oldest first."""
    return _patient_rows(store, user, study_id, PendingRow,
                         lambda row, patient: _pending_view(row, patient.study_id),
                         PendingRow.status == "pending")


def entered_in_error_facts(store: Store, user: CurrentUser,
                           study_id: str) -> tuple[EnteredInErrorView, ...]:
    """Every fact of the patient withdrawn as entered in error, oldest first."""
    return _patient_rows(store, user, study_id, EnteredInErrorFact, lambda r, _patient: EnteredInErrorView(
        r.fact, _decode(r.value), r.reason, r.entered_by, r.entered_at))


_View = TypeVar("_View")


def _patient_rows(store: Store, user: CurrentUser, study_id: str, model: Any,
                  view: Callable[[Any, Patient], _View], *where: Any) -> tuple[_View, ...]:
    """The patient's rows of ``model`` (matching ``where``), oldest first, each as ``view``
    makes it (read: any role that may read the patient)."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        rows = session.execute(select(model).where(model.patient_id == patient.id, *where)
                               .order_by(model.id)).scalars()
        return tuple(view(row, patient) for row in rows)
