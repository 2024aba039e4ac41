"""Clinician decisions on ``review`` items of the evaluation.

The engine lists, under ``review``, questions the protocol does not settle
(``{"id", "rule", "text", "options"}``). A physician answers one with an option
and a reason; the decision is stored with the protocol version it was made
under and fed back to the engine as ``resolutions`` (review id -> option).
A later decision on the same item supersedes the earlier one (both are kept).

API:

``record_review_decision(store, user, study_id, expected_version, review_id, rule_id,
option, reason, options=None) -> PatientRecord``
    ``options`` (the item's list) is checked when given. Bumps the patient version.
``decide_review(store, user, study_id, expected_version, review_id, option, reason)
-> PatientRecord``
    The usual entry point: the review item is looked up in the engine's current
    evaluation of the stored data (so it must be an open question of this
    patient, and ``option`` one of its options); its rule ID is taken from there.
``review_resolutions(store, user, study_id) -> dict[str, str]``
    The current decisions, ready for ``evaluate(..., resolutions=...)``.
``review_history(store, user, study_id) -> list[ReviewDecisionView]``
    Every decision, superseded ones included, oldest first.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from interfant_desktop.services._common import (
    check_version,
    load_patient,
    protocol,
    today,
    validate_case,
)
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.clinical import clean_reason, mark_orders_stale, touch
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.patients import PatientRecord, ReviewDecisionView, patient_record
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import rows_to_case
from interfant_desktop.store.models import ReviewDecision

if TYPE_CHECKING:
    from interfant_desktop.protocol import Evaluation
    from interfant_desktop.protocol.reasons import ReviewItem


def record_review_decision(store: Store, user: CurrentUser, study_id: str,
                           expected_version: int, review_id: str, rule_id: str, option: str,
                           reason: str, options: Sequence[str] | None = None) -> PatientRecord:
    """Store a physician's answer to one review item (see module docstring)."""
    require(user, Permission.DECIDE_REVIEW)
    text = clean_reason(reason)
    if text is None:
        raise InputError(f"review {review_id}: a reason is required for a review decision")
    if not review_id.strip() or not rule_id.strip():
        raise InputError("review: the review item's id and rule are required")
    if options is not None and option not in options:
        raise InputError(f"review {review_id}: option must be one of {', '.join(options)}; "
                         f"got {option!r}")
    version = protocol().version
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        previous = session.execute(select(ReviewDecision).where(
            ReviewDecision.patient_id == patient.id, ReviewDecision.review_id == review_id,
            ReviewDecision.superseded.is_(False))).scalars().all()
        old = None
        for decision in previous:
            decision.superseded = True
            old = decision.chosen_option
        session.add(ReviewDecision(patient_id=patient.id, review_id=review_id, rule_id=rule_id,
                                   chosen_option=option, reason=text, decided_by=user.username,
                                   protocol_version=version))
        append_event(session, username=user.username, action="decide_review",
                     entity="review_decision", entity_key=review_id, study_id=patient.study_id,
                     field=f"review.{review_id}", old=old,
                     new={"option": option, "rule": rule_id, "protocol_version": version},
                     reason=text)
        mark_orders_stale(session, patient, user, f"review decision on {review_id}")
        touch(session, patient, user)
        return patient_record(session, patient)


def open_review_items(store: Store, user: CurrentUser, study_id: str) -> tuple[ReviewItem, ...]:
    """The review items of the stored case as the engine lists them before any decision."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        case_json = rows_to_case(load_patient(session, study_id))
    case = validate_case(case_json, source=f"stored patient {study_id}")
    engine = importlib.import_module("interfant_desktop.protocol")
    evaluation: Evaluation = engine.evaluate(case, protocol(), today(), None)
    return evaluation.review


def decide_review(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                  review_id: str, option: str, reason: str) -> PatientRecord:
    """Answer an open review item of the patient (see module docstring)."""
    require(user, Permission.DECIDE_REVIEW)
    items = {item.id: item for item in open_review_items(store, user, study_id)}
    item = items.get(review_id)
    if item is None:
        raise InputError(f"review {review_id}: not an open review question of patient "
                         f"{study_id}")
    return record_review_decision(store, user, study_id, expected_version, review_id,
                                  item.rule, option, reason,
                                  options=list(item.options) if item.options else None)


def review_resolutions(store: Store, user: CurrentUser, study_id: str) -> dict[str, str]:
    """Current decisions as ``{review_id: option}``."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        rows = session.execute(select(ReviewDecision.review_id, ReviewDecision.chosen_option)
                               .where(ReviewDecision.patient_id == patient.id,
                                      ReviewDecision.superseded.is_(False)))
        return {review_id: option for review_id, option in rows}


def review_history(store: Store, user: CurrentUser, study_id: str) -> list[ReviewDecisionView]:
    """All decisions on the patient's review items, oldest first."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        rows = session.execute(select(ReviewDecision).where(
            ReviewDecision.patient_id == patient.id).order_by(ReviewDecision.id)).scalars()
        return [ReviewDecisionView(d.review_id, d.rule_id, d.chosen_option, d.reason,
                                   d.decided_by, d.decided_at, d.protocol_version) for d in rows]
