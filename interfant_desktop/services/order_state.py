"""Orders' states and transitions: draft -> signed -> verified -> printed (or cancelled);
held, discontinued and superseded (``order_lifecycle``).

The stored order, its read model (:class:`OrderView`), loading with the row lock, the
stale rules (the patient's data or the protocol file changed since the order was made),
and the plain transitions (cancel); signing, verifying and printing live in
``order_signatures``, ``order_verification`` and ``order_printing``.

Orders stored by older versions without the order context (``OrderView.started`` is
False) can still be listed and cancelled, but never verified or printed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from interfant_desktop.services import _common
from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.blinding import blinded_role
from interfant_desktop.services.clinical import clean_reason
from interfant_desktop.services.errors import ConflictError, InputError, NotFound
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import CONFLICT_MESSAGE, Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import Order, OrderSignature, Patient, User, utc_now

#: The stored form of a started order (see ``order_start``).
CONTEXT_FORMAT = "interfant-order-context/1"


class Status(StrEnum):
    """An order's workflow state, as stored in ``orders.status``."""

    DRAFT = "draft"
    SIGNED = "signed"
    VERIFIED = "verified"
    PRINTED = "printed"
    CANCELLED = "cancelled"
    #: not to be hung until released (``order_lifecycle``)
    HELD = "held"
    #: stopped for good
    DISCONTINUED = "discontinued"
    #: replaced by a modified or restart order (``content["supersedes"]`` of the new one)
    SUPERSEDED = "superseded"


FINAL = (Status.PRINTED, Status.CANCELLED, Status.DISCONTINUED, Status.SUPERSEDED)
#: States in which an order is in force (it was verified and not stopped for good).
IN_FORCE = (Status.VERIFIED, Status.PRINTED, Status.HELD)
#: States from which nothing follows.
ENDED = (Status.CANCELLED, Status.DISCONTINUED, Status.SUPERSEDED)


def protocol() -> Any:
    """The protocol file the app applies now (looked up at call time, so tests can
    patch ``interfant_desktop.services._common.protocol``)."""
    return _common.protocol()


@dataclass(frozen=True, slots=True)
class RestartSummary:
    """What a restart order's stored context says of its restart: when it restarts, the
    infusion hours that remain, when it ends, and its bags numbered on from the course."""

    restart_at: str
    hours_remaining: float
    ends_at: str
    #: the course's bags given on the earlier order(s)
    bags_before: int
    #: this order's bag numbers in the course (empty when the context lists no bags)
    bag_numbers: tuple[int, ...]


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
    #: why the order is stale (None when it is not)
    stale_reason: str | None = None
    #: every signature in order: signing, verification, prints and lifecycle transitions
    history: tuple[HistoryEntry, ...] = ()
    #: HOLD, DISCONTINUED or SUPERSEDED with who, when and why (None otherwise)
    state_note: str | None = None

    @property
    def supersedes(self) -> int | None:
        """The order this modified or restart order replaces (None for a first order)."""
        replaced = self.content.get("supersedes")
        return int(replaced["order_id"]) if isinstance(replaced, dict) else None

    @property
    def kind(self) -> str:
        """``order``, ``modify`` or ``restart``."""
        replaced = self.content.get("supersedes")
        return str(replaced["kind"]) if isinstance(replaced, dict) else "order"

    @property
    def confirmed_warnings(self) -> tuple[str, ...]:
        """The engine's warnings the prescriber confirmed when starting this order."""
        return tuple(self.content.get("confirmed_warnings") or ())

    @property
    def restart(self) -> RestartSummary | None:
        """The restart this order plans (None for an order that is no restart order)."""
        order = self.content.get("order") or {}
        restart = order.get("restart")
        if not isinstance(restart, dict):
            return None
        return RestartSummary(restart_at=str(restart["restart_at"]),
                              hours_remaining=restart["hours_remaining"],
                              ends_at=str(restart["ends_at"]),
                              bags_before=restart.get("bags_before", 0),
                              bag_numbers=tuple(b["number"] for b in order.get("bags") or ()))

    @property
    def planned_start(self) -> dt.datetime | None:
        """The start of the infusion the order was made for (its date and local time), if
        it has one."""
        day = (self.content.get("order") or {}).get("start_date")
        time = self.content.get("start_time")
        if not day or not time:
            return None
        return dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time))

    @property
    def started(self) -> bool:
        """True for an order started from the engine (it carries its full context)."""
        return self.content.get("format") == CONTEXT_FORMAT

    @property
    def order_code(self) -> str:
        """The order ID printed on the sheet."""
        return order_code(self.id)


@dataclass(frozen=True)
class HistoryEntry:
    """One signature of the order as stored (display only; the print check verifies them)."""

    meaning: str
    by: str
    username: str
    at: dt.datetime
    reason: str | None
    old: str | None
    new: str | None
    superseded_by: int | None = None


def history_of(order: Order) -> tuple[HistoryEntry, ...]:
    """The order's signatures in the order made (from its own session)."""
    session = object_session(order)
    if session is None or order.id is None:
        return ()
    rows = session.execute(select(OrderSignature).where(OrderSignature.order_id == order.id)
                           .order_by(OrderSignature.id)).scalars()
    out = []
    for row in rows:
        details = row.details or {}
        by = details.get("superseded_by")
        out.append(HistoryEntry(row.meaning, row.printed_name, row.username, row.signed_at,
                                details.get("reason"), details.get("from"), details.get("to"),
                                int(by) if by is not None else None))
    return tuple(out)


def state_note(status: str, history: tuple[HistoryEntry, ...]) -> str | None:
    """"HOLD …", "DISCONTINUED …" or "SUPERSEDED by IF21-… …" with who, when (UTC) and why."""
    meaning = {Status.HELD: "held", Status.DISCONTINUED: "discontinued",
               Status.SUPERSEDED: "superseded"}.get(Status(status))
    if meaning is None:
        return None
    entry = next((e for e in reversed(history) if e.meaning == meaning), None)
    what = {"held": "HOLD", "discontinued": "DISCONTINUED", "superseded": "SUPERSEDED"}[meaning]
    if entry is None:
        return what
    if entry.superseded_by is not None:
        what += f" by {order_code(entry.superseded_by)}"
    return (f"{what} — {meaning} by {entry.by} at {entry.at.astimezone(dt.UTC):%Y-%m-%d %H:%M} "
            f"UTC: {entry.reason or 'no reason recorded'}")


def order_code(order_id: int) -> str:
    """The printed order ID of stored order ``order_id``, e.g. ``IF21-000042``."""
    return f"IF21-{order_id:06d}"


def context_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of an order's stored context (``orders.content_hash``)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def protocol_change(order: Order) -> str | None:
    """Why the current protocol file is not the one the order was made with (or None)."""
    current = protocol()
    made = order.content.get("protocol") if isinstance(order.content, dict) else None
    sha = made.get("sha256") if isinstance(made, dict) else None
    if order.protocol_version != current.version:
        return (f"the protocol file changed (version {order.protocol_version} → "
                f"{current.version})")
    if sha and current.sha256 and sha != current.sha256:
        return (f"the protocol file changed (version {current.version}, file SHA-256 "
                f"{sha[:12]}… → {current.sha256[:12]}…)")
    return None


def stale_reason(order: Order) -> str | None:
    if not order.stale:
        return None
    return protocol_change(order) or "the patient's data changed since it was made"


def view(order: Order, study_id: str) -> OrderView:
    history = history_of(order)
    return OrderView(
        order.id, study_id, order.cycle, order.status, dict(order.content), order.content_hash,
        order.protocol_version, order.stale, order.created_by, order.created_at,
        order.prescriber, order.signed_at, order.verifier, order.verified_at,
        order.cancelled_by, order.cancelled_at, order.cancel_reason,
        tuple((p.printed_by, p.printed_at) for p in order.prints), order.version,
        stale_reason(order), history, state_note(order.status, history))


def visible_view(session: Session, user: CurrentUser, order: Order,
                 patient: Patient) -> OrderView:
    """The order's read model; for a blinded reader of an order awaiting their
    verification, without its content (measurements, doses, sheet)."""
    shown = view(order, patient.study_id)
    if order.status == "signed" and blinded_role(user) and order.prescriber != user.username:
        return dataclasses.replace(shown, content={"format": shown.content.get("format"),
                                                   "cycle": order.cycle, "hidden": True})
    return shown


def mark_stale_if_protocol_changed(session: Session, user: CurrentUser, order: Order,
                                   patient: Patient) -> bool:
    """Mark an open order stale when the protocol file changed; True when it did now."""
    if order.stale or order.status in FINAL:
        return False
    why = protocol_change(order)
    if why is None:
        return False
    order.stale = True
    session.flush()
    append_event(session, username=user.username, action="mark_stale", entity="order",
                 entity_key=str(order.id), study_id=patient.study_id, field="stale",
                 old=False, new=True, reason=why)
    return True


def check_protocol(store: Store, user: CurrentUser, order_id: int) -> None:
    """Before signing, verifying or printing: a protocol file update makes the order stale
    (recorded), and the action is refused with the reason."""
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, None)
        marked = mark_stale_if_protocol_changed(session, user, order, patient)
        why = protocol_change(order)
    if marked:
        raise ConflictError(f"order {order_id} is stale: {why}; cancel it and make a new order")


def load_order(session: Session, order_id: int,
               expected_version: int | None) -> tuple[Order, Patient]:
    order = session.execute(select(Order).where(Order.id == order_id).with_for_update()
                            ).scalar_one_or_none()
    if order is None:
        raise NotFound(f"no order {order_id}")
    if expected_version is not None and order.version != expected_version:
        raise ConflictError(CONFLICT_MESSAGE.format(what=f"Order {order_id}"))
    patient = session.get(Patient, order.patient_id)
    assert patient is not None  # foreign key
    return order, patient


def audit_transition(session: Session, user: CurrentUser, order: Order, patient: Patient,
                     action: str, old: Any, new: Any, reason: str | None = None) -> None:
    append_event(session, username=user.username, action=action, entity="order",
                 entity_key=str(order.id), study_id=patient.study_id, field="status",
                 old=old, new=new, reason=reason)


def refuse_if_stale(order: Order) -> None:
    if order.stale:
        why = protocol_change(order)
        if why is not None:
            raise ConflictError(f"order {order.id} is stale: {why}; cancel it and make a new "
                                "order")
        raise ConflictError(f"order {order.id} was drafted from data that changed since; "
                            "cancel it and make a new order")


def refuse_without_context(order: Order, what: str) -> None:
    if order.content.get("format") != CONTEXT_FORMAT:
        raise ConflictError(f"order {order.id} was drafted without the engine's order "
                            f"context, so it cannot be {what}; cancel it and start a new order")


def display_name(session: Session, username: str | None) -> str | None:
    """A user as "Full Name (username)" (the user name alone when no full name)."""
    if username is None:
        return None
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    full = user.full_name if user is not None else None
    return f"{full} ({username})" if full else username


def cancel_order(store: Store, user: CurrentUser, order_id: int, expected_version: int,
                 reason: str) -> OrderView:
    """Cancel an order that is not printed yet; the reason is required."""
    require(user, Permission.CANCEL_ORDER)
    text = clean_reason(reason)
    if text is None:
        raise InputError(f"order {order_id}: a reason is required to cancel an order")
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, expected_version)
        if order.status in FINAL or order.status == Status.HELD:
            raise ConflictError(f"order {order_id} is {order.status} and cannot be cancelled"
                                + ("; discontinue it instead" if order.status in IN_FORCE else ""))
        old = order.status
        order.status, order.cancelled_by, order.cancelled_at = Status.CANCELLED, \
            user.username, utc_now()
        order.cancel_reason = text
        session.flush()
        audit_transition(session, user, order, patient, "cancel", old, "cancelled", text)
        return view(order, patient.study_id)


def get_order(store: Store, user: CurrentUser, order_id: int) -> OrderView:
    """The order (marked stale now if the protocol file changed since it was made)."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, None)
        mark_stale_if_protocol_changed(session, user, order, patient)
        return visible_view(session, user, order, patient)


def list_orders(store: Store, user: CurrentUser, study_id: str) -> list[OrderView]:
    """The patient's orders, newest first."""
    require(user, Permission.READ)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        orders = session.execute(select(Order).where(Order.patient_id == patient.id)
                                 .order_by(Order.id.desc())).scalars()
        views = []
        for order in orders:
            mark_stale_if_protocol_changed(session, user, order, patient)
            views.append(visible_view(session, user, order, patient))
        return views
