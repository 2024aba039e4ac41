"""The verifier's blinded view of orders (see ``services.blinding`` for the rule).

``verification_task(store, user, order_id) -> VerificationTask`` (identifiers, cycle,
status and prescriber: no measurement, no dose), ``blinded_cycles(store, user,
study_id)`` and ``blinded_for(store, user, study_id)`` (the screens hide the first
weight, height and doses of those cycles), ``visible_view`` (an order's read model
with its content removed for a blinded reader).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.blinding import blinded_role, hidden_cycles
from interfant_desktop.services.order_state import (
    CONTEXT_FORMAT,
    display_name,
    load_order,
    mark_stale_if_protocol_changed,
    order_code,
    stale_reason,
)
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import Order, Patient


@dataclasses.dataclass(frozen=True)
class VerificationTask:
    """A signed order as the verifier sees it before the re-entry: who and which cycle,
    never the prescriber's measurements or doses."""

    id: int
    order_code: str
    study_id: str
    patient_name: str | None
    hospital_number: str | None
    date_of_birth: str | None
    cycle: int
    status: str
    prescriber: str | None
    signed_at: dt.datetime | None
    stale: bool
    stale_reason: str | None
    version: int
    #: the prescriber as "Full Name (username)" (the username alone when no full name)
    prescriber_name: str | None = None


def _first_values_hidden(session: Session, task: Order, patient: Patient) -> VerificationTask:
    name_of = task.content.get("patient") if task.content.get("format") == CONTEXT_FORMAT \
        else None
    return VerificationTask(
        task.id, order_code(task.id), patient.study_id, patient.name, patient.hospital_number,
        (name_of or {}).get("date_of_birth"), task.cycle, task.status, task.prescriber,
        task.signed_at, task.stale, stale_reason(task), task.version,
        display_name(session, task.prescriber))


def verification_task(store: Store, user: CurrentUser, order_id: int) -> VerificationTask:
    """The order to verify, blinded: identifiers, cycle, status and prescriber only."""
    require(user, Permission.VERIFY_ORDER)
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, None)
        mark_stale_if_protocol_changed(session, user, order, patient)
        return _first_values_hidden(session, order, patient)


def blinded_cycles(store: Store, user: CurrentUser, study_id: str) -> frozenset[int]:
    """The cycles of ``study_id`` whose signed order awaits ``user``'s blinded verification.

    A pharmacist (may verify, may not prescribe) must not see the first weight and
    height, nor anything computed from them, while an order they did not prescribe is
    signed and not yet verified. Physicians and nurses are never blinded here (their
    reads of the values meanwhile are audited; see ``services.blinding``).
    """
    require(user, Permission.READ)
    if not blinded_role(user):
        return frozenset()
    with checked_transaction(store, user) as session:
        return hidden_cycles(session, user, load_patient(session, study_id), "orders")


def blinded_for(store: Store, user: CurrentUser, study_id: str) -> bool:
    """True while ``user`` must not see this patient's blinatumomab weight and height
    (an order of the patient is signed and awaits their blinded verification)."""
    return bool(blinded_cycles(store, user, study_id))
