"""The administration record of the bags: hung on the pump, then changed or removed.

API (nurses and physicians record; every event audited, none deleted):

``hang_bag(store, user, study_id, order_id, HangRequest) -> BagEventView``
    A bag of the order's schedule hung: time, the second nurse who checked, the pump rate
    and volume to be infused as checked, pump locked, in-line filter.
``remove_bag(store, user, study_id, order_id, RemoveRequest) -> BagEventView``
    The bag on the pump changed or removed: time, volume infused, residual discarded.
``bag_events(store, user, study_id, order_id) -> tuple[BagEventView, ...]``
``mark_bag_event_in_error(store, user, study_id, order_id, event_id, reason)``
    A wrong entry is marked entered in error with the reason (kept, audited, no longer
    counted). Only the order's latest live event: the record stays a sequence of hangs
    and removals the schedule allows (undo the later entry first).

The schedule is the one the engine computed and the prescriber signed: the numbered
``bags`` of the stored order's content (``interfant-evaluation/1`` ``blinatumomab_orders[].bags``:
number, hang, hours, infused_ml). A bag is refused, with the reason, when the order is not
verified (or printed), is stale, cancelled or changed after signing; when it is not the next
bag of the schedule, or another bag is still on the pump; when the rate or the volume to be
infused differ from the schedule's; without a second nurse, a locked pump or the filter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from interfant_desktop.protocol.spans import duration_text
from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_session, checked_transaction
from interfant_desktop.services.clinical import touch
from interfant_desktop.services.errors import ConflictError, InputError, NotFound
from interfant_desktop.services.infusion import mark_in_error, minute
from interfant_desktop.services.order_lifecycle import hold_reason
from interfant_desktop.services.order_state import history_of, order_code, state_note
from interfant_desktop.services.order_workflow import context_hash
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.text_input import lookup_form
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import BagEvent, Order, Patient, User, utc_now

USABLE_STATUSES = ("verified", "printed")
#: Rates and volumes are compared to the schedule's to the hundredth of a mL.
TOLERANCE = 0.005


@dataclass(frozen=True)
class BagAction:
    """A nurse's action on bag ``bag_number`` of the signed schedule, at local time ``at``."""

    bag_number: int
    at: dt.datetime  # local time


@dataclass(frozen=True)
class HangRequest(BagAction):
    """The bag is hung: checked by a second nurse against the pump as set."""

    second_nurse: str
    rate_ml_per_h: float
    volume_to_infuse_ml: float
    pump_locked: bool
    filter_used: bool


@dataclass(frozen=True)
class RemoveRequest(BagAction):
    """The bag is taken down: what the pump infused and what was left in the bag."""

    volume_infused_ml: float
    residual_discarded_ml: float


@dataclass(frozen=True)
class BagEventView:
    id: int
    order_id: int
    bag_number: int
    kind: str
    at: dt.datetime
    nurse: str
    second_nurse: str | None
    rate_ml_per_h: float | None
    volume_to_infuse_ml: float | None
    volume_infused_ml: float | None
    residual_discarded_ml: float | None


@dataclass(frozen=True)
class ScheduledBag:
    """One bag of the signed schedule, as the stored order has it (the engine's figures)."""

    number: int
    hang: str
    hours: int | float  # a part of an hour only on a restart order's last bag of a stretch
    infused_ml: float
    rate_ml_per_h: float


def _view(row: BagEvent) -> BagEventView:
    return BagEventView(row.id, row.order_id, row.bag_number, row.kind, row.at_local, row.nurse,
                        row.second_nurse, row.rate_ml_per_h, row.volume_to_infuse_ml,
                        row.volume_infused_ml, row.residual_discarded_ml)


def schedule_of(order: Order) -> tuple[ScheduledBag, ...]:
    """The numbered bags of the order's signed content (none in an order made without one)."""
    return schedule_in(order.content)


def stored_hours(value: Any) -> int | float:
    """A stored bag length: whole hours as an int, a part of an hour as it is (never cut)."""
    number = float(value)
    return int(number) if number.is_integer() else number


def schedule_in(order_content: dict[str, Any]) -> tuple[ScheduledBag, ...]:
    """The numbered bags of a stored order's content (``OrderView.content``)."""
    content: dict[str, Any] = order_content.get("order") or {}
    return tuple(ScheduledBag(int(b["number"]), str(b["hang"]), stored_hours(b["hours"]),
                              float(b["infused_ml"]), float(b["rate_ml_per_h"]))
                 for b in content.get("bags") or [] if isinstance(b, dict) and b.get("number"))


#: how a refusal names the request's fields (the form's words, not the attribute names)
FIELD_LABELS = {"order": "order", "pump_locked": "pump locked", "filter_used": "in-line filter",
                "bag_number": "bag", "second_nurse": "second nurse", "rate_ml_per_h": "pump rate",
                "volume_to_infuse_ml": "volume to be infused", "volume_infused_ml": "volume infused",
                "residual_discarded_ml": "residual discarded"}


def field_refusal(field: str, problem: str) -> InputError:
    """The refusal of one field of a bag request, named as the form names it."""
    return InputError(field, problem, label=FIELD_LABELS[field])


def _usable_order(session: Session, patient: Patient, order_id: int) -> Order:
    """The order, if a bag may be hung from it (else the refusal with the reason)."""
    order = session.execute(select(Order).where(Order.id == order_id).with_for_update()).scalar_one_or_none()
    if order is None or order.patient_id != patient.id:
        raise NotFound(f"no order {order_id} for {patient.study_id}")
    code = order_code(order_id)
    if context_hash(order.content) != order.content_hash:
        raise ConflictError(f"order {code}: its content changed after it was made; do not use it")
    if order.status == "held":
        raise field_refusal("order", f"{code} is ON HOLD ({hold_reason(order)}); no bag is hung from "
                            "a held order until the physician releases it or writes a restart order")
    if order.status in ("discontinued", "superseded"):
        raise field_refusal("order", f"{code} is {state_note(order.status, history_of(order))}; "
                            "no bag is hung from it")
    if order.status not in USABLE_STATUSES:
        raise field_refusal("order", f"{code} is {order.status}; a bag is hung only from a verified order")
    if order.stale:
        raise field_refusal("order", f"{code} is stale (the patient's data or the protocol changed "
                            "since it was made); a new order is needed")
    return order


def _events(session: Session, order: Order) -> list[BagEvent]:
    return list(session.execute(select(BagEvent).where(
        BagEvent.order_id == order.id, BagEvent.entered_in_error.is_(False)).order_by(BagEvent.id)).scalars())


def _on_pump(events: list[BagEvent]) -> int | None:
    """The bag number hung and not yet removed (None: the pump is free)."""
    hung = [e.bag_number for e in events if e.kind == "hung"]
    removed = {e.bag_number for e in events if e.kind == "removed"}
    return next((n for n in hung if n not in removed), None)


def _check_amount(name: str, given: float, expected: float, what: str) -> None:
    if abs(given - expected) > TOLERANCE:
        raise field_refusal(name, f"{given:g} entered, but the signed schedule says {expected:g} {what}")


def hang_bag(store: Store, user: CurrentUser, study_id: str, order_id: int,
             request: HangRequest) -> BagEventView:
    """Record a bag hung on the pump (checked by two nurses), in the order of the schedule."""
    require(user, Permission.RECORD_INFUSION)
    at = minute(request.at, "at", label="time hung")
    if not request.pump_locked:
        raise field_refusal("pump_locked", "lock the pump before recording the bag as hung")
    if not request.filter_used:
        raise field_refusal("filter_used", "the line needs the in-line filter before the bag is hung")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        order = _usable_order(session, patient, order_id)
        schedule = schedule_of(order)
        if not schedule:
            raise field_refusal("order", f"{order_code(order_id)} has no bag schedule; a new order is needed")
        events = _events(session, order)
        current = _on_pump(events)
        if current is not None:
            raise field_refusal("bag_number", f"bag {current} is still on the pump; record its change "
                                "or removal first")
        hung = {e.bag_number for e in events if e.kind == "hung"}
        expected = next((b for b in schedule if b.number not in hung), None)
        if expected is None:
            raise field_refusal("bag_number", f"every bag of order {order_code(order_id)} has been hung")
        if request.bag_number != expected.number:
            raise field_refusal("bag_number", f"bag {expected.number} is the next bag of the schedule "
                                f"(due {expected.hang.replace('T', ' ')}); bag {request.bag_number} refused")
        _check_amount("rate_ml_per_h", request.rate_ml_per_h, expected.rate_ml_per_h,
                      f"mL/h for this bag of {duration_text(expected.hours)}")
        _check_amount("volume_to_infuse_ml", request.volume_to_infuse_ml, expected.infused_ml, "mL")
        second = lookup_form(request.second_nurse or "") or ""  # (no account holds a NUL)
        checker = session.execute(select(User).where(User.username == second)).scalar_one_or_none()
        if not second or second == user.username or checker is None or not checker.active \
                or checker.role not in ("nurse", "physician"):
            raise field_refusal("second_nurse", "a second nurse (another active nurse or physician "
                                "account) must check the pump")
        row = BagEvent(patient_id=patient.id, order_id=order.id, cycle=order.cycle,
                       bag_number=expected.number, kind="hung", at_local=at, nurse=user.username,
                       second_nurse=second, rate_ml_per_h=request.rate_ml_per_h,
                       volume_to_infuse_ml=request.volume_to_infuse_ml, pump_locked=True,
                       filter_used=True, recorded_at=utc_now(), entered_in_error=False)
        return _store(session, user, patient, row)


def remove_bag(store: Store, user: CurrentUser, study_id: str, order_id: int,
               request: RemoveRequest) -> BagEventView:
    """Record the bag on the pump changed or removed, with the volumes."""
    require(user, Permission.RECORD_INFUSION)
    at = minute(request.at, "at", label="time removed")
    for name, value in (("volume_infused_ml", request.volume_infused_ml),
                        ("residual_discarded_ml", request.residual_discarded_ml)):
        if value < 0:
            raise field_refusal(name, "must not be negative")
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        order = session.get(Order, order_id)
        if order is None or order.patient_id != patient.id:
            raise NotFound(f"no order {order_id} for {patient.study_id}")
        events = _events(session, order)
        if _on_pump(events) != request.bag_number:
            raise field_refusal("bag_number", f"bag {request.bag_number} is not on the pump")
        hung = next(e for e in events if e.kind == "hung" and e.bag_number == request.bag_number)
        if at < hung.at_local:
            raise InputError("at", f"before the bag was hung ({hung.at_local:%Y-%m-%d %H:%M})",
                             label="time removed")
        row = BagEvent(patient_id=patient.id, order_id=order.id, cycle=order.cycle,
                       bag_number=request.bag_number, kind="removed", at_local=at, nurse=user.username,
                       volume_infused_ml=request.volume_infused_ml,
                       residual_discarded_ml=request.residual_discarded_ml, recorded_at=utc_now(),
                       entered_in_error=False)
        return _store(session, user, patient, row)


def _store(session: Session, user: CurrentUser, patient: Patient, row: BagEvent) -> BagEventView:
    session.add(row)
    session.flush()
    view = _view(row)
    append_event(session, username=user.username, action=f"bag_{row.kind}", entity="bag",
                 entity_key=f"{row.order_id}:{row.bag_number}", study_id=patient.study_id,
                 field=f"order {row.order_id} bag {row.bag_number}",
                 new={k: (v.strftime("%Y-%m-%dT%H:%M") if isinstance(v, dt.datetime) else v)
                      for k, v in view.__dict__.items()})
    touch(session, patient, user)
    return view


def bag_events(store: Store, user: CurrentUser, study_id: str, order_id: int) -> tuple[BagEventView, ...]:
    """The order's bag events, in the order recorded."""
    require(user, Permission.READ)
    with checked_session(store, user) as session:
        patient = load_patient(session, study_id)
        order = session.get(Order, order_id)
        if order is None or order.patient_id != patient.id:
            raise NotFound(f"no order {order_id} for {patient.study_id}")
        return tuple(_view(e) for e in _events(session, order))


def mark_bag_event_in_error(store: Store, user: CurrentUser, study_id: str, order_id: int,
                            event_id: int, reason: str) -> None:
    """Mark the order's latest live bag event entered in error (see the module docstring)."""

    def find(patient: Patient) -> BagEvent:
        session = object_session(patient)
        assert session is not None
        order = session.get(Order, order_id)
        if order is None or order.patient_id != patient.id:
            raise NotFound(f"no order {order_id} for {patient.study_id}")
        events = _events(session, order)
        row = next((e for e in events if e.id == event_id), None)
        if row is None:
            raise NotFound(f"no bag event {event_id} recorded for order {order_id}")
        if row is not events[-1]:
            raise InputError(f"event: only the latest entry of the bag record (bag {events[-1].bag_number} "
                             f"{events[-1].kind}) can be marked entered in error; mark that one first")
        return row

    mark_in_error(store, user, study_id, reason, "bag", find)
