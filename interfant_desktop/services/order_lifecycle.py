"""An order in force after its verification: hold, release, discontinue, modify, restart.

States (``order_state.Status``)::

    verified / printed --hold--> held --release--> verified / printed (as before the hold)
    verified / printed / held --discontinue--> discontinued          (permanent)
    verified / printed / held --modify / restart--> superseded       (permanent), and a new
                                                   draft that supersedes it, signed and
                                                   verified like any order

Every transition is an electronic signature with its meaning (``held``, ``hold released``,
``discontinued``, ``superseded``), made with the user's password asked again and covering
the order's stored context and every earlier signature (``order_signatures``); it records
the reason (required), the state before and after, and one audit event (who, when in UTC,
old, new, why) in the same transaction. The stored state must be the one the signatures
lead to, which the check before every print verifies (``order_signatures.lifecycle_problem``).

Who may do what:

* a physician may hold, release, discontinue, modify and restart;
* a nurse may hold an order, and only while the engine says the infusion of its cycle is
  stopped: an interruption still open, or the latest toxicity assessment of the cycle with
  a label action to interrupt or discontinue. A nurse never releases a hold (a restart is
  the physician's decision, with a new order when the dose changes); pharmacists do not
  change orders in force. These are conservative readings of RULES.md ("Toxicity": "the
  physician decides and the decision is recorded").

A held order cannot be hung (``bags.hang_bag`` refuses it with the hold's reason) and its
sheet, printed again, says HOLD. A discontinued or superseded order is never printed for
administration again. Modify and restart make a new order with the engine: modify with
changed measurements, start or bag length; restart from the recorded restart of the
cycle's interruption, with the dose, steps and bags the engine re-plans for the remaining
infusion (``protocol.restart_order``). The services decide no dose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interfant_desktop.services import _common
from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.clinical import clean_reason
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.evaluation import evaluate_patient
from interfant_desktop.services.order_signatures import (
    Meaning,
    add_signature,
    integrity_problem,
    refuse_tampered,
)
from interfant_desktop.services.order_start import _values, start_in
from interfant_desktop.services.order_state import (
    IN_FORCE,
    OrderView,
    Status,
    audit_transition,
    history_of,
    load_order,
    order_code,
    refuse_if_stale,
    refuse_without_context,
    state_note,
    view,
)
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.signing_keys import unlock_key
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import BagEvent, InfusionInterruption, Order, Patient

#: Each transition's past participle, for the refusals ("cannot be held").
PAST = {"hold": "held", "release": "released", "discontinue": "discontinued",
        "modify": "modified", "restart": "restarted"}

#: Label action words that stop the infusion (a nurse may then hold the order).
STOPPING_ACTIONS = ("interrupt", "discontinue", "consider_discontinuing")


@dataclass(frozen=True)
class NewOrder:
    """A modified or restart order: the new draft and the order it superseded."""

    order: OrderView
    superseded: OrderView


def _reason(order_id: int, reason: str | None, what: str) -> str:
    text = clean_reason(reason)
    if text is None:
        raise InputError("reason", f"order {order_id}: a reason is required to {what} an order")
    return text


def hold_reason(order: Order) -> str | None:
    """The signed reason, signer and time of the hold in force (None unless held)."""
    return state_note(order.status, history_of(order)) if order.status == Status.HELD else None


def _sign(store: Store, session: Session, user: CurrentUser, order: Order, patient: Patient,
          key: tuple[int, Any], meaning: Meaning, new: Status, reason: str,
          action: str, **details: Any) -> None:
    """Check the stored order, sign the transition and record it (caller's transaction)."""
    _, problem = integrity_problem(store, session, order)
    if problem is not None:
        raise _Tampered(problem)
    old = order.status
    add_signature(session, order, key[0], key[1], meaning,
                  {"reason": reason, "from": old, "to": new.value, **details})
    order.status = new
    session.flush()
    audit_transition(session, user, order, patient, action, old, new.value,
                     f"{reason} (electronic signature: {meaning.value})")


class _Tampered(Exception):
    """Raised inside the transaction (rolled back); refused with an audit event after it."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _transition(store: Store, user: CurrentUser, order_id: int, expected_version: int,
                password: str, meaning: Meaning, action: str, reason: str,
                allowed: Collection[Status], new: Status | None) -> OrderView:
    """One signed transition of an order in ``allowed`` states to ``new`` (None: the state
    before the hold)."""
    key = unlock_key(store, user, password)
    try:
        with checked_transaction(store, user) as session:
            order, patient = _load_in(session, order_id, expected_version, allowed, action)
            target = new or (Status.PRINTED if order.prints else Status.VERIFIED)
            _sign(store, session, user, order, patient, key, meaning, target, reason, action)
            return view(order, patient.study_id)
    except _Tampered as exc:
        raise refuse_tampered(store, user, order_id, f"{action}_refused", exc.problem) from None


def _load_in(session: Session, order_id: int, expected_version: int,
             allowed: Collection[Status], action: str) -> tuple[Order, Patient]:
    """The order (locked, version checked) if ``action`` may follow from its state."""
    order, patient = load_order(session, order_id, expected_version)
    if order.status not in allowed:
        raise ConflictError(_not_allowed(order, action))
    refuse_without_context(order, PAST[action])
    return order, patient


def _not_allowed(order: Order, action: str) -> str:
    state = order.status
    if state in (Status.DRAFT, Status.SIGNED):
        return (f"order {order.id} is {state} (not verified yet): it cannot be {PAST[action]}; "
                "cancel it instead")
    if state == Status.HELD and action == "hold":
        return f"order {order.id} is already held"
    return f"order {order.id} is {state} and cannot be {PAST[action]}"


def _stopped_by_engine(store: Store, user: CurrentUser, study_id: str, cycle: int) -> str | None:
    """Why the engine says the infusion of ``cycle`` is stopped (None when it does not)."""
    evaluation = evaluate_patient(store, user, study_id)
    stopped = next((i for i in evaluation.interruptions.get(cycle, ()) if i.still_stopped), None)
    if stopped is not None:
        return f"the infusion is stopped since {stopped.interruption.stopped:%Y-%m-%d %H:%M}"
    latest = max((t for t in evaluation.toxicity if t.assessment.cycle == cycle),
                 key=lambda t: t.assessment.at, default=None)
    action = None if latest is None else next(
        (a for a in latest.actions if a.blinatumomab in STOPPING_ACTIONS), None)
    if action is not None:
        return f"{action.rule}: {action.blinatumomab.replace('_', ' ')}"
    return None


def hold_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
               reason: str, password: str) -> OrderView:
    """Hold an order in force (signed "held"): it cannot be hung until released. A nurse may
    hold only while the engine says the infusion is stopped (see the module docstring)."""
    require(user, Permission.HOLD_ORDER)
    text = _reason(order_id, reason, "hold")
    if not user.can(Permission.CHANGE_ORDER):
        current = _peek(store, user, order_id)
        why = _stopped_by_engine(store, user, current.study_id, current.cycle)
        if why is None:
            raise PermissionDenied(
                f"{user.username} ({user.role}) may hold order {order_id} only while the "
                "infusion is stopped (an open interruption, or a toxicity action to interrupt "
                "or discontinue); ask the physician")
        text = f"{text} [{why}]"
    return _transition(store, user, order_id, expected_version, password, Meaning.HELD, "hold",
                       text, (Status.VERIFIED, Status.PRINTED), Status.HELD)


def release_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                  reason: str, password: str) -> OrderView:
    """Release a hold (signed "hold released"): the order is back as it was (verified, or
    printed). A stale order is not released: restart or modify it instead."""
    require(user, Permission.CHANGE_ORDER)
    text = _reason(order_id, reason, "release")
    with checked_transaction(store, user) as session:
        order, _ = load_order(session, order_id, expected_version)
        if order.status == Status.HELD:
            refuse_if_stale(order)
    return _transition(store, user, order_id, expected_version, password, Meaning.RELEASED,
                       "release", text, (Status.HELD,), None)


def discontinue_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                      reason: str, password: str) -> OrderView:
    """Discontinue an order in force, permanently (signed "discontinued")."""
    require(user, Permission.CHANGE_ORDER)
    text = _reason(order_id, reason, "discontinue")
    return _transition(store, user, order_id, expected_version, password, Meaning.DISCONTINUED,
                       "discontinue", text, IN_FORCE, Status.DISCONTINUED)


def _peek(store: Store, user: CurrentUser, order_id: int) -> OrderView:
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, None)
        return view(order, patient.study_id)


def _facts_cycle(order: Order) -> dict[str, Any]:
    """The cycle entry the order was computed from (its start time and bag length included)."""
    case = order.content["facts"]["case"]
    return dict(next(c for c in case.get("blinatumomab") or [] if c.get("cycle") == order.cycle))


def _supersede(store: Store, user: CurrentUser, order_id: int, expected_version: int,
               password: str, kind: str, reason: str, values: dict[str, Any],
               confirm_warnings: Collection[str], extra: dict[str, Any]) -> NewOrder:
    """The new order (``kind``: modify or restart) and the old one superseded, in one
    transaction, with the old order's "superseded" signature naming the new one."""
    require(user, Permission.CHANGE_ORDER)
    require(user, Permission.DRAFT_ORDER)
    key = unlock_key(store, user, password)
    try:
        with checked_transaction(store, user) as session:
            order, patient = _load_in(session, order_id, expected_version, IN_FORCE, kind)
            patient = load_patient(session, patient.study_id, for_update=True)
            confirmed = {*confirm_warnings, *(order.content.get("confirmed_warnings") or ())}
            supersedes = {"order_id": order.id, "order_code": order_code(order.id), "kind": kind,
                          "reason": reason}
            note = (f"{kind.upper()} ORDER: replaces {order_code(order.id)} ({reason})")
            new = start_in(session, user, patient, order.cycle, values, _common.today(),
                           confirm_warnings=confirmed, reason=f"{kind} of {order_code(order.id)}: "
                           f"{reason}", extra={**extra, "supersedes": supersedes,
                                               "sheet_notes": [note, *extra.get("sheet_notes", ())]})
            _sign(store, session, user, order, patient, key, Meaning.SUPERSEDED, Status.SUPERSEDED,
                  reason, f"supersede ({kind})", superseded_by=new.id, kind=kind)
            return NewOrder(view(new, patient.study_id), view(order, patient.study_id))
    except _Tampered as exc:
        raise refuse_tampered(store, user, order_id, f"{kind}_refused", exc.problem) from None


def modify_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                 reason: str, password: str, weight_kg: float | None = None,
                 height_cm: float | None = None, weight_date: dt.date | str | None = None,
                 height_date: dt.date | str | None = None, start_date: dt.date | str | None = None,
                 start_time: dt.time | str | None = None, bag_hours: int | None = None,
                 confirm_warnings: Collection[str] = ()) -> NewOrder:
    """A new draft with the changed values (the others as the order had them) that supersedes
    the order in force; sign and verify it as any order."""
    text = _reason(order_id, reason, "modify")
    with checked_transaction(store, user) as session:
        old, _ = load_order(session, order_id, None)
        refuse_without_context(old, PAST["modify"])
        entry = _facts_cycle(old)
    values = _values(old.cycle, weight_kg if weight_kg is not None else entry["weight_kg"],
                     height_cm if height_cm is not None else entry["height_cm"],
                     weight_date or entry.get("weight_date"), height_date or entry.get("height_date"),
                     start_date or entry.get("start_date"), start_time or entry.get("start_time"),
                     bag_hours if bag_hours is not None else entry.get("bag_hours"))
    return _supersede(store, user, order_id, expected_version, password, "modify", text, values,
                      confirm_warnings, {})


def restart_point(session: Session, order: Order) -> InfusionInterruption:
    """The latest interruption of the order's cycle with a recorded restart (not in error)."""
    rows = session.execute(select(InfusionInterruption).where(
        InfusionInterruption.patient_id == order.patient_id,
        InfusionInterruption.cycle == order.cycle,
        InfusionInterruption.entered_in_error.is_(False)).order_by(
            InfusionInterruption.stopped)).scalars().all()
    if rows and rows[-1].restarted is None:
        raise InputError("restarted", f"the infusion of cycle {order.cycle} is stopped since "
                         f"{rows[-1].stopped:%Y-%m-%d %H:%M}: record the restart time on the "
                         "Infusion page first")
    if not rows:
        raise InputError("interruption", f"no interruption of cycle {order.cycle} is recorded: a "
                         "restart order follows a recorded interruption")
    return rows[-1]


def last_bag_used(session: Session, order: Order) -> int:
    """The highest bag number the bedside record has hung in the order's cycle (0: none): the
    restart order numbers its bags after it, so no two bags of the cycle share a number."""
    used = session.execute(select(func.max(BagEvent.bag_number)).where(
        BagEvent.patient_id == order.patient_id, BagEvent.cycle == order.cycle,
        BagEvent.kind == "hung", BagEvent.entered_in_error.is_(False))).scalar_one_or_none()
    return int(used or 0)


def restart_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                  reason: str, password: str, confirm_warnings: Collection[str] = ()) -> NewOrder:
    """The restart order after the cycle's latest interruption: a new draft from the recorded
    restart time with the dose, steps and bags the engine re-plans for the remaining infusion
    (the restart dose of the label's toxicity action, if one applies), superseding the order
    in force. Sign and verify it as any order. Refused with the engine's reason when no
    restart is possible (still stopped, longer than 7 days, discontinue permanently)."""
    text = _reason(order_id, reason, "restart")
    with checked_transaction(store, user) as session:
        old, _ = load_order(session, order_id, None)
        refuse_without_context(old, PAST["restart"])
        entry = _facts_cycle(old)
        stop = restart_point(session, old)
        assert stop.restarted is not None  # restart_point refuses an open stop
        at = stop.restarted.strftime("%Y-%m-%dT%H:%M")
        used = last_bag_used(session, old)
        window = f"{stop.stopped:%Y-%m-%d %H:%M}–{stop.restarted:%Y-%m-%d %H:%M}"
    values = _values(old.cycle, entry["weight_kg"], entry["height_cm"], entry.get("weight_date"),
                     entry.get("height_date"), entry.get("start_date"), entry.get("start_time"),
                     entry.get("bag_hours"))
    return _supersede(store, user, order_id, expected_version, password, "restart", text, values,
                      confirm_warnings,
                      {"restart": {"at": at, "interruption_id": stop.id, "after_bag": used},
                       "sheet_notes": [f"Restart from {at.replace('T', ' ')} after the "
                                       f"interruption {window}: doses and bags re-planned by the "
                                       "engine for the remaining infusion"]})
