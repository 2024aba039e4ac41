"""The blinded double check: a second, independent person verifies a signed order.

The verifier re-enters the weight and height without seeing the prescriber's; the
engine recomputes the order from the order's stored facts with the re-entered values,
and only when BSA, every step's mcg/day and the dexamethasone mg agree is the order
verified, with the verifier's electronic signature ("verified", password asked again).

The verifier must be independent: not the person who drafted the order, entered its
measurements or signed it, and not someone who read the hidden values while the order
awaited verification (``services.blinding``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.blinding import involved, measurement_enterers, read_hidden_since
from interfant_desktop.services.errors import ConflictError, PermissionDenied, ServiceError
from interfant_desktop.services.order_signatures import (
    Meaning,
    add_signature,
    integrity_problem,
    refuse_tampered,
)
from interfant_desktop.services.order_start import engine_order, positive, with_measurements
from interfant_desktop.services.order_state import (
    OrderView,
    Status,
    audit_transition,
    check_protocol,
    load_order,
    refuse_if_stale,
    refuse_without_context,
    view,
)
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.signing_keys import unlock_key
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import Order, Patient


class VerificationMismatch(ServiceError):
    """The pharmacist's re-entered weight and height do not give the signed order."""

    def __init__(self, order_id: int, differences: tuple[str, ...]) -> None:
        super().__init__(
            f"order {order_id} NOT verified: the re-entered weight and height do not give "
            f"the signed order ({'; '.join(differences)}). Measure again or resolve it with "
            "the prescriber; nothing was verified")
        self.differences = differences


def _fmt(value: Any) -> str:
    return "none" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def differences(signed: dict[str, Any], again: dict[str, Any]) -> tuple[str, ...]:
    """What differs between the signed order and the one computed from the re-entry,
    named with the re-entry's values only (the signed values stay hidden)."""
    out = []
    if signed["bsa_m2"] != again["bsa_m2"]:
        out.append(f"BSA: your entry gives {_fmt(again['bsa_m2'])} m² "
                   f"({again['bsa_decimals']} decimals)")
    first = [(s["first_day"], s["last_day"]) for s in signed["steps"]]
    second = [(s["first_day"], s["last_day"]) for s in again["steps"]]
    if first != second:
        out.append("dose steps: the day ranges differ")
    else:
        for a, b in zip(signed["steps"], again["steps"], strict=True):
            if a["dose_mcg_per_day"] != b["dose_mcg_per_day"]:
                out.append(f"days {b['first_day']}–{b['last_day']}: your entry gives "
                           f"{_fmt(b['dose_mcg_per_day'])} mcg/day")
    premed_a = (signed.get("premedication") or {}).get("dose_mg")
    premed_b = (again.get("premedication") or {}).get("dose_mg")
    if premed_a != premed_b:
        out.append(f"dexamethasone: your entry gives {_fmt(premed_b)} mg")
    return tuple(out)


def refuse_unless_independent(user: CurrentUser, order: Order, patient: Patient,
                              enterers: set[str], read_hidden: bool) -> None:
    """The verifier drafted, measured or signed the order, or saw the hidden values."""
    if order.prescriber == user.username:
        raise PermissionDenied(f"{user.username} prescribed order {order.id} and may not "
                               "also verify it; another person must verify")
    if user.username in involved(order) | enterers:
        raise PermissionDenied(f"{user.username} drafted order {order.id} or entered its "
                               "measurements and may not also verify it; another person must "
                               "verify")
    if read_hidden:
        raise PermissionDenied(f"{user.username} read patient {patient.study_id}'s "
                               f"measurements while order {order.id} awaited verification, so "
                               "the check would not be blind; another person must verify")


def verify_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                 weight_kg: float, height_cm: float, password: str,
                 today: dt.date | None = None) -> OrderView:
    """A second, independent person verifies a signed order with a blinded re-entry of
    the weight and height, and signs it ("verified") with their password.

    The engine computes BSA, every step's final mcg/day and the dexamethasone mg from
    the order's stored facts with the re-entered values; any difference from the signed
    order raises :class:`VerificationMismatch` listing what differs (with the
    re-entry's values only), and the failed attempt is written to the audit trail.
    Nothing is verified until the re-entry gives the signed order. ``today`` is not
    used (the engine runs on the order's own evaluation date); kept for callers.
    """
    del today
    require(user, Permission.VERIFY_ORDER)
    weight = positive("weight_kg", weight_kg)
    height = positive("height_cm", height_cm)
    check_protocol(store, user, order_id)
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, expected_version)
        if order.status != Status.SIGNED:
            raise ConflictError(f"order {order_id} is {order.status}; "
                                "only a signed order can be verified")
        refuse_if_stale(order)
        refuse_unless_independent(user, order, patient, measurement_enterers(session, patient),
                                  read_hidden_since(session, user.username, order))
        refuse_without_context(order, "checked")
    key_id, private = unlock_key(store, user, password)
    problem = None
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, expected_version)
        _, problem = integrity_problem(store, session, order)
        if problem is None:
            context = order.content
            facts = dict(context["facts"])
            facts["case"] = with_measurements(facts["case"], order.cycle,
                                              {"weight_kg": weight, "height_cm": height})
            _, _, again = engine_order(facts, order.cycle)
            found = ("the engine computed no order for these values",) if again is None \
                else differences(context["order"], again)
            if found:
                append_event(session, username=user.username, action="verify_failed",
                             entity="order", entity_key=str(order.id),
                             study_id=patient.study_id, field="verification", old=None,
                             new={"weight_kg": weight, "height_cm": height,
                                  "differences": list(found)},
                             reason="blinded re-entry did not match the signed order")
            else:
                row = add_signature(session, order, key_id, private, Meaning.VERIFIED,
                                    {"weight_kg": weight, "height_cm": height})
                order.status, order.verifier, order.verified_at = Status.VERIFIED, \
                    user.username, row.signed_at
                session.flush()
                audit_transition(session, user, order, patient, "verify", "signed", "verified",
                                 f"blinded re-entry matched (weight {weight:g} kg, height "
                                 f"{height:g} cm); electronic signature: verified")
                return view(order, patient.study_id)
    if problem is not None:
        raise refuse_tampered(store, user, order_id, "verify_refused", problem)
    raise VerificationMismatch(order_id, found)
