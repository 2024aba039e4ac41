"""Blinding for the double check: what a verifier may not see before the blinded re-entry.

While a signed order awaits verification (a *verification task is open*), its
verifier must re-enter the weight and height without seeing the prescriber's. The
services enforce it on every read path, not the screens:

* a **blinded reader** (a pharmacist: may verify, may not prescribe) gets the patient
  without the measurements of those cycles (``open_patient``, ``get_case``), no export,
  a history whose measurement values are removed, no order content or sheet;
* anyone else who reads the hidden values meanwhile (other than the order's drafter,
  prescriber or the people who entered its measurements) is recorded in the audit trail
  (``read_hidden_values``), and such a person may not then verify that order.

This module has no dependency on the order workflow, so ``patients`` and ``audit`` can
use it; the order-level pieces are in ``order_blinding``.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.services.permissions import CurrentUser, Permission
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import AuditEvent, Order, Patient

#: Audit-trail fields whose values carry the prescriber's measurements.
MEASUREMENT_FIELD = re.compile(r"^blinatumomab(\[\d+\])?(\.(weight_kg|height_cm))?$")
READ_HIDDEN = "read_hidden_values"


def blinded_role(user: CurrentUser) -> bool:
    """A verifier who does not prescribe (a pharmacist): they re-enter blind."""
    return user.can(Permission.VERIFY_ORDER) and not user.can(Permission.DRAFT_ORDER)


def reveals_measurements(field: str | None, old: Any, new: Any) -> bool:
    """True when an audit event's values show a blinatumomab weight or height: a change
    of ``blinatumomab[i].weight_kg``/``height_cm`` or of a whole cycle or section, a
    failed verification's re-entry, a whole stored case (import), or an order's start
    with the confirmed warnings (e.g. the weight change since the last cycle)."""
    if field is not None and (MEASUREMENT_FIELD.match(field) or field == "verification"):
        return True
    keys = {"blinatumomab", "weight_kg", "height_cm", "confirmed_warnings"}
    return any(isinstance(v, dict) and not keys.isdisjoint(v) for v in (old, new))


def open_tasks(session: Session, patient: Patient) -> list[Order]:
    """The patient's signed orders awaiting verification."""
    return list(session.execute(select(Order).where(Order.patient_id == patient.id,
                                                    Order.status == "signed")
                                .order_by(Order.id)).scalars())


def involved(order: Order) -> set[str]:
    """Who drafted the order, entered its measurements or signed it."""
    people = {order.created_by}
    if order.prescriber:
        people.add(order.prescriber)
    measured = order.content.get("measured_by") if isinstance(order.content, dict) else None
    people.update(str(name) for name in measured or ())
    return people


def hidden_cycles(session: Session, user: CurrentUser, patient: Patient,
                  what: str) -> frozenset[int]:
    """The cycles whose measurements ``user`` may not see now; reading them while a
    task is open (when not blinded and not involved) is audited as ``what``."""
    tasks = open_tasks(session, patient)
    if not tasks:
        return frozenset()
    if blinded_role(user):
        return frozenset(t.cycle for t in tasks if t.prescriber != user.username)
    outsiders = [t for t in tasks if user.username not in involved(t)]
    if outsiders:
        append_event(session, username=user.username, action=READ_HIDDEN, entity="patient",
                     entity_key=patient.study_id, study_id=patient.study_id, field=what,
                     new={"orders": [t.id for t in outsiders]},
                     reason="read the measurements of orders awaiting blinded verification")
    return frozenset()


def read_hidden_since(session: Session, username: str, order: Order) -> bool:
    """True when ``username`` read the hidden values of ``order``'s patient after it was
    signed (so they are not blind any more for its verification)."""
    patient = session.get(Patient, order.patient_id)
    assert patient is not None
    events = session.execute(select(AuditEvent.at).where(
        AuditEvent.study_id == patient.study_id, AuditEvent.username == username,
        AuditEvent.action == READ_HIDDEN)).scalars()
    return any(order.signed_at is not None and at >= order.signed_at for at in events)


def redact_case(case_json: dict[str, Any], cycles: frozenset[int]) -> dict[str, Any]:
    """The case without the blinatumomab entries of ``cycles`` (still a valid case)."""
    if not cycles:
        return case_json
    data = copy.deepcopy(case_json)
    if "blinatumomab" in data:
        data["blinatumomab"] = [c for c in data["blinatumomab"] or []
                                if c.get("cycle") not in cycles]
    return data


def measurement_enterers(session: Session, patient: Patient) -> set[str]:
    """Everyone the audit trail shows entering the patient's blinatumomab weight or height
    (changes, imports and creations of the case that carried them)."""
    events = session.execute(select(AuditEvent.username, AuditEvent.field, AuditEvent.new_value,
                                    AuditEvent.action)
                             .where(AuditEvent.study_id == patient.study_id,
                                    AuditEvent.entity == "patient")).all()
    people = set()
    for username, field, new, action in events:
        changed = field is not None and MEASUREMENT_FIELD.match(field) is not None
        carried = action in ("import", "create") and '"blinatumomab"' in (new or "")
        if changed or carried:
            people.add(username)
    return people
