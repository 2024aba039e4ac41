"""The order workflow: draft -> signed -> verified -> printed (or cancelled).

Rules enforced here (not only in the GUI):

* drafting and signing need a physician; a nurse cannot sign;
* an order is signed only when the patient's name and hospital number are
  recorded (the sheet must identify the patient) and the order is not stale;
* the verifier (pharmacist or physician) is never the prescriber;
* printing needs a verified (or already printed) order; every print is recorded;
* cancelling needs a reason; printed or cancelled orders are final;
* a change to the patient's data marks open orders ``stale``: they must be
  cancelled and drafted again from the new data.

``content`` is the order as computed by the engine (e.g. one entry of the
evaluation's ``blinatumomab_orders``); ``content_hash`` (SHA-256 of its canonical
JSON) is what a signature and a verification cover.

API: ``create_order_draft(store, user, study_id, expected_version, cycle, content)``,
``sign_order(store, user, order_id, expected_version)``,
``verify_order(store, user, order_id, expected_version)``,
``record_print(store, user, order_id, expected_version, pdf_sha256=None)``,
``cancel_order(store, user, order_id, expected_version, reason)``,
``get_order(store, user, order_id)``, ``list_orders(store, user, study_id)``.
Each returns an ``OrderView``; ``expected_version`` is ``OrderView.version``
(or, for a draft, the patient's ``PatientRecord.version``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.services._common import check_version, load_patient, protocol
from interfant_desktop.services.clinical import clean_reason
from interfant_desktop.services.errors import (
    ConflictError,
    InputError,
    NotFound,
    PermissionDenied,
)
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import CONFLICT_MESSAGE, Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import Order, OrderPrint, Patient, utc_now


@dataclass(frozen=True)
class OrderView:
    id: int
    study_id: str
    cycle: int
    status: str
    content: dict[str, Any]
    content_hash: str
    protocol_version: str
    stale: bool
    created_by: str
    created_at: dt.datetime
    prescriber: str | None
    signed_at: dt.datetime | None
    verifier: str | None
    verified_at: dt.datetime | None
    cancelled_by: str | None
    cancelled_at: dt.datetime | None
    cancel_reason: str | None
    prints: tuple[tuple[str, dt.datetime], ...]
    version: int


def content_hash(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _view(order: Order, study_id: str) -> OrderView:
    return OrderView(
        order.id, study_id, order.cycle, order.status, dict(order.content), order.content_hash,
        order.protocol_version, order.stale, order.created_by, order.created_at,
        order.prescriber, order.signed_at, order.verifier, order.verified_at,
        order.cancelled_by, order.cancelled_at, order.cancel_reason,
        tuple((p.printed_by, p.printed_at) for p in order.prints), order.version)


def _load_order(session: Session, order_id: int, expected_version: int | None) -> tuple[Order,
                                                                                       Patient]:
    order = session.execute(select(Order).where(Order.id == order_id).with_for_update()
                            ).scalar_one_or_none()
    if order is None:
        raise NotFound(f"no order {order_id}")
    if expected_version is not None and order.version != expected_version:
        raise ConflictError(CONFLICT_MESSAGE.format(what=f"Order {order_id}"))
    patient = session.get(Patient, order.patient_id)
    assert patient is not None  # foreign key
    return order, patient


def _audit(session: Session, user: CurrentUser, order: Order, patient: Patient, action: str,
           old: Any, new: Any, reason: str | None = None) -> None:
    append_event(session, username=user.username, action=action, entity="order",
                 entity_key=str(order.id), study_id=patient.study_id, field="status",
                 old=old, new=new, reason=reason)


def create_order_draft(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                       cycle: int, content: Mapping[str, Any]) -> OrderView:
    """A new draft order from the engine's computed order ``content``."""
    require(user, Permission.DRAFT_ORDER)
    if cycle not in (1, 2):
        raise InputError(f"cycle: must be 1 or 2; got {cycle!r}")
    with store.transaction() as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        order = Order(patient_id=patient.id, cycle=cycle, status="draft",
                      content=dict(content), content_hash=content_hash(content),
                      protocol_version=protocol().version, patient_version=patient.version,
                      created_by=user.username)
        session.add(order)
        session.flush()
        _audit(session, user, order, patient, "create", None,
               {"status": "draft", "cycle": cycle, "content_hash": order.content_hash})
        return _view(order, patient.study_id)


def _refuse_if_stale(order: Order) -> None:
    if order.stale:
        raise ConflictError(f"order {order.id} was drafted from data that changed since; "
                            "cancel it and draft it again")


def sign_order(store: Store, user: CurrentUser, order_id: int,
               expected_version: int) -> OrderView:
    """The prescriber signs a draft."""
    require(user, Permission.SIGN_ORDER)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status != "draft":
            raise ConflictError(f"order {order_id} is {order.status}; only a draft can be signed")
        _refuse_if_stale(order)
        if not patient.name or not patient.hospital_number:
            raise InputError(f"patient {patient.study_id}: the name and hospital number must be "
                             "recorded before an order can be signed")
        order.status, order.prescriber, order.signed_at = "signed", user.username, utc_now()
        session.flush()
        _audit(session, user, order, patient, "sign", "draft", "signed")
        return _view(order, patient.study_id)


def verify_order(store: Store, user: CurrentUser, order_id: int,
                 expected_version: int) -> OrderView:
    """A second person (pharmacist or physician, not the prescriber) verifies."""
    require(user, Permission.VERIFY_ORDER)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status != "signed":
            raise ConflictError(f"order {order_id} is {order.status}; "
                                "only a signed order can be verified")
        _refuse_if_stale(order)
        if order.prescriber == user.username:
            raise PermissionDenied(f"{user.username} prescribed order {order_id} and may not "
                                   "also verify it; another person must verify")
        order.status, order.verifier, order.verified_at = "verified", user.username, utc_now()
        session.flush()
        _audit(session, user, order, patient, "verify", "signed", "verified")
        return _view(order, patient.study_id)


def record_print(store: Store, user: CurrentUser, order_id: int, expected_version: int,
                 pdf_sha256: str | None = None) -> OrderView:
    """Record that the order sheet was printed (first print or reprint)."""
    require(user, Permission.PRINT_ORDER)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status not in ("verified", "printed"):
            raise ConflictError(f"order {order_id} is {order.status}; "
                                "only a verified order can be printed")
        _refuse_if_stale(order)
        old = order.status
        order.prints.append(OrderPrint(printed_by=user.username, pdf_sha256=pdf_sha256))
        order.status = "printed"
        session.flush()
        _audit(session, user, order, patient, "print", old, "printed",
               None if old == "verified" else "reprint")
        return _view(order, patient.study_id)


def cancel_order(store: Store, user: CurrentUser, order_id: int, expected_version: int,
                 reason: str) -> OrderView:
    """Cancel an order that is not printed yet; the reason is required."""
    require(user, Permission.CANCEL_ORDER)
    text = clean_reason(reason)
    if text is None:
        raise InputError(f"order {order_id}: a reason is required to cancel an order")
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status in ("printed", "cancelled"):
            raise ConflictError(f"order {order_id} is {order.status} and cannot be cancelled")
        old = order.status
        order.status, order.cancelled_by, order.cancelled_at = "cancelled", user.username, \
            utc_now()
        order.cancel_reason = text
        session.flush()
        _audit(session, user, order, patient, "cancel", old, "cancelled", text)
        return _view(order, patient.study_id)


def get_order(store: Store, user: CurrentUser, order_id: int) -> OrderView:
    require(user, Permission.READ)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, None)
        return _view(order, patient.study_id)


def list_orders(store: Store, user: CurrentUser, study_id: str) -> list[OrderView]:
    """The patient's orders, newest first."""
    require(user, Permission.READ)
    with store.transaction() as session:
        patient = load_patient(session, study_id)
        orders = session.execute(select(Order).where(Order.patient_id == patient.id)
                                 .order_by(Order.id.desc())).scalars()
        return [_view(order, patient.study_id) for order in orders]
