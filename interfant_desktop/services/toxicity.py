"""The infusion record, part 2: toxicity assessments (nurses record) and what the physician
did about the label's actions (physicians decide).

API:

``record_assessment(store, user, study_id, AssessmentRequest) -> AssessmentOutcome``
    One bedside assessment (CRS observations, ICANS with the CAPD, another adverse reaction,
    the seizure count). When the CAPD's eight answers are given, the engine's CAPD sheet
    for the infant's age band scores them. Returns the engine's grades and actions for it.
``decide_action(store, user, study_id, assessment_id, rule_id, *, followed, reason=None)``
    The physician's response to one of the engine's actions: followed, or not with a
    reason. A later response to the same action supersedes the earlier one (kept).
``mark_assessment_in_error(store, user, study_id, assessment_id, reason)``
    A wrong entry is kept and marked entered in error (no longer graded or counted).
``capd_sheet_for(store, user, study_id, on)``
    The CAPD items with the anchor text of the infant's age band on ``on``.

The grades, the actions with their doses and the conditions are the engine's
(``protocol.toxicity``); this module stores facts and the physician's response.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from interfant_desktop.protocol.capd import CapdSheet, capd_sheet
from interfant_desktop.protocol.case import IcansObservation
from interfant_desktop.protocol.case import ToxicityAssessment as BedsideAssessment
from interfant_desktop.protocol.toxicity import ToxicityResult
from interfant_desktop.services._common import load_patient, protocol
from interfant_desktop.services.accounts import checked_session, checked_transaction
from interfant_desktop.services.clinical import clean_reason, touch
from interfant_desktop.services.errors import InputError, NotFound
from interfant_desktop.services.evaluation import evaluate_patient
from interfant_desktop.services.infusion import check_with_engine, mark_in_error, minute
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import RECORD_SECTION, assessment_json, assessment_row
from interfant_desktop.store.models import Patient, ToxicityAssessment, ToxicityDecision, utc_now


@dataclass(frozen=True)
class AssessmentRequest(BedsideAssessment):
    """One assessment at the local time ``at`` during or after ``cycle``, as the engine reads
    it, and the CAPD answers the service scores into its ICANS observation: ``capd_answers``
    maps item number (1–8) to the answer (never, rarely, sometimes, often, always)."""

    capd_answers: Mapping[int, str] | None = None


@dataclass(frozen=True)
class AssessmentOutcome:
    """The stored assessment's ID and the engine's answer for it."""

    assessment_id: int
    result: ToxicityResult


@dataclass(frozen=True)
class DecisionView:
    """The physician's recorded response to one action."""

    assessment_id: int
    rule_id: str
    action: str
    followed: bool
    reason: str | None
    decided_by: str
    decided_at: dt.datetime


def _observation_json(obs: Any) -> dict[str, Any] | None:
    return None if obs is None else dataclasses.asdict(obs)


def _capd_score(patient: Patient, request: AssessmentRequest) -> IcansObservation | None:
    """The ICANS observation with the CAPD total the engine's sheet gives for the answers."""
    icans = request.icans
    if request.capd_answers is None:
        return icans
    if icans is None:
        raise InputError("icans", "record the ICANS observations with the CAPD answers", label="ICANS")
    sheet = capd_sheet(protocol(), patient.date_of_birth, request.at.date())
    answers = {int(k): v for k, v in request.capd_answers.items()}
    wrong = next((f"{k}: {v!r}" for k, v in answers.items() if v not in sheet.answers), None)
    if wrong is not None:
        raise InputError("icans.capd", f"item {wrong} is not one of {', '.join(sheet.answers)}",
                         label="CAPD")
    try:
        score = sheet.score(answers)
    except ValueError as exc:
        raise InputError("icans.capd", str(exc), label="CAPD") from None
    return dataclasses.replace(icans, capd=score)


def record_assessment(store: Store, user: CurrentUser, study_id: str,
                      request: AssessmentRequest) -> AssessmentOutcome:
    """Store one assessment (validated by the engine) and return the engine's grades and actions."""
    require(user, Permission.RECORD_INFUSION)
    at = minute(request.at, "at", label="time assessed")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        icans = _capd_score(patient, request)
        item: dict[str, Any] = {"at": at.strftime("%Y-%m-%dT%H:%M"), "cycle": request.cycle,
                                "crs": _observation_json(request.crs), "icans": _observation_json(icans),
                                "other": _observation_json(request.other),
                                "seizures_this_treatment": request.seizures_this_treatment}
        check_with_engine(session, patient, lambda case: case.__setitem__(
            RECORD_SECTION, [*(case.get(RECORD_SECTION) or []), item]))
        position = max((a.position for a in patient.toxicity_assessments), default=-1) + 1
        row = assessment_row(item, position, user.username)
        row.capd_answers = None if request.capd_answers is None else {
            str(k): v for k, v in request.capd_answers.items()}
        row.recorded_at = utc_now()
        patient.toxicity_assessments.append(row)
        session.flush()
        append_event(session, username=user.username, action="record", entity="toxicity_assessment",
                     entity_key=str(row.id), study_id=patient.study_id, field="toxicity",
                     new={**assessment_json(row), "capd_answers": row.capd_answers})
        touch(session, patient, user)
        assessment_id = row.id
    return AssessmentOutcome(assessment_id, result_for(store, user, study_id, assessment_id))


def result_for(store: Store, user: CurrentUser, study_id: str, assessment_id: int) -> ToxicityResult:
    """The engine's grades and actions for one stored assessment (the whole record counts)."""
    evaluation = evaluate_patient(store, user, study_id)
    with checked_session(store, user) as session:
        patient = load_patient(session, study_id)
        live = [a.id for a in patient.toxicity_assessments if not a.entered_in_error]
    if assessment_id not in live:
        raise NotFound(f"no assessment {assessment_id} recorded for {study_id}")
    result: ToxicityResult = evaluation.toxicity[live.index(assessment_id)]
    return result


def _assessment(patient: Patient, assessment_id: int) -> ToxicityAssessment:
    row = next((a for a in patient.toxicity_assessments if a.id == assessment_id), None)
    if row is None or row.entered_in_error:
        raise NotFound(f"no assessment {assessment_id} recorded for {patient.study_id}")
    return row


def decide_action(store: Store, user: CurrentUser, study_id: str, assessment_id: int, rule_id: str,
                  *, followed: bool, reason: str | None = None) -> DecisionView:
    """Record what the physician did about the engine's action ``rule_id`` for an assessment."""
    require(user, Permission.DECIDE_TOXICITY)
    why = clean_reason(reason)
    if not followed and why is None:
        raise InputError("reason: say why the action was not followed")
    result = result_for(store, user, study_id, assessment_id)
    action = next((a for a in result.actions if a.rule == rule_id), None)
    if action is None:
        raise InputError(f"rule_id: {rule_id} is not one of the engine's actions for this assessment "
                         f"({', '.join(a.rule for a in result.actions) or 'none'})")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        row = _assessment(patient, assessment_id)
        earlier = session.query(ToxicityDecision).filter_by(
            assessment_id=row.id, rule_id=rule_id, superseded=False).all()
        old = None
        for previous in earlier:
            previous.superseded = True
            old = {"followed": previous.followed, "reason": previous.reason}
        decision = ToxicityDecision(
            assessment_id=row.id, rule_id=rule_id, action=action.blinatumomab, followed=followed,
            reason=why, decided_by=user.username, decided_at=utc_now(),
            protocol_version=str(protocol().version), superseded=False)
        session.add(decision)
        session.flush()
        append_event(session, username=user.username, action="decide", entity="toxicity_action",
                     entity_key=f"{row.id}:{rule_id}", study_id=patient.study_id, field=rule_id,
                     old=old, new={"action": action.blinatumomab, "followed": followed}, reason=why)
        touch(session, patient, user)
        return DecisionView(row.id, rule_id, decision.action, followed, why, user.username,
                            decision.decided_at)


def decisions_of(store: Store, user: CurrentUser, study_id: str) -> dict[tuple[int, str], DecisionView]:
    """The physician's current response per (assessment ID, rule ID)."""
    require(user, Permission.READ)
    with checked_session(store, user) as session:
        patient = load_patient(session, study_id)
        ids = [a.id for a in patient.toxicity_assessments]
        rows = session.query(ToxicityDecision).filter(
            ToxicityDecision.assessment_id.in_(ids), ToxicityDecision.superseded.is_(False)).all()
        return {(d.assessment_id, d.rule_id): DecisionView(d.assessment_id, d.rule_id, d.action,
                                                           d.followed, d.reason, d.decided_by,
                                                           d.decided_at) for d in rows}


def mark_assessment_in_error(store: Store, user: CurrentUser, study_id: str, assessment_id: int,
                             reason: str) -> None:
    """Mark a wrong assessment entered in error (kept with the reason; no longer graded)."""
    mark_in_error(store, user, study_id, reason, "toxicity_assessment",
                  lambda patient: _assessment(patient, assessment_id))


def capd_sheet_for(store: Store, user: CurrentUser, study_id: str, on: dt.date) -> CapdSheet:
    """The CAPD with the anchor text of the infant's age band on ``on`` (engine data)."""
    require(user, Permission.READ)
    with checked_session(store, user) as session:
        born = load_patient(session, study_id).date_of_birth
    return capd_sheet(protocol(), born, on)
