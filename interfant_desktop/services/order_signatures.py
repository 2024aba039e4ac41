"""Electronic signatures on orders (21 CFR 11.50, 11.70, 11.200) and their check.

Each signature is made with the signer's password asked again: it unlocks their
private key for that one signature (``signing_keys.unlock_key``). It records the
printed name, the UTC date and time and its meaning (``prescribed``, ``verified``,
``printed for administration``), and signs (Ed25519) a payload that holds the
order's complete stored context (patient identifiers, the facts used, the computed
doses, the protocol version), these fields, the signer's key, extra facts of the
signature (the blinded re-entry, the print) and every earlier signature of the order,
so no signature can be moved to another content or taken out of the sequence.

:func:`integrity_problem` checks an order as stored: every signature and its
certificate chain back to the site root, the signers' certified roles, the
signatures the status needs (and the columns that repeat them), the verifier's
independence, and the content hash. ``sign_order`` (meaning ``prescribed``) is here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.blinding import involved
from interfant_desktop.services.errors import ConflictError, InputError
from interfant_desktop.services.order_state import (
    OrderView,
    Status,
    audit_transition,
    check_protocol,
    context_hash,
    load_order,
    order_code,
    refuse_if_stale,
    view,
)
from interfant_desktop.services.permissions import (
    ROLE_PERMISSIONS,
    CurrentUser,
    Permission,
    require,
)
from interfant_desktop.services.signing_keys import CheckedKey, check_key, unlock_key
from interfant_desktop.services.store_access import Store
from interfant_desktop.store import signing
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import Order, OrderSignature, Patient, SigningKey, utc_now

SIGNATURE_FORMAT = "interfant-order-signature/1"


class Meaning(StrEnum):
    """What a signature means (printed with it)."""

    PRESCRIBED = "prescribed"
    VERIFIED = "verified"
    PRINTED = "printed for administration"
    HELD = "held"
    RELEASED = "hold released"
    DISCONTINUED = "discontinued"
    SUPERSEDED = "superseded"


#: The permission a signer's certified role must grant for each meaning.
NEEDS = {Meaning.PRESCRIBED: Permission.SIGN_ORDER, Meaning.VERIFIED: Permission.VERIFY_ORDER,
         Meaning.PRINTED: Permission.PRINT_ORDER, Meaning.HELD: Permission.HOLD_ORDER,
         Meaning.RELEASED: Permission.CHANGE_ORDER, Meaning.DISCONTINUED: Permission.CHANGE_ORDER,
         Meaning.SUPERSEDED: Permission.CHANGE_ORDER}
#: The lifecycle meanings (``order_lifecycle``), each with the state it leads to (None: back
#: to the state before the hold).
LIFECYCLE = {Meaning.HELD: Status.HELD, Meaning.RELEASED: None,
             Meaning.DISCONTINUED: Status.DISCONTINUED, Meaning.SUPERSEDED: Status.SUPERSEDED}


class TamperingDetected(ConflictError):
    """The stored order does not hold together (signature, certificate, status, facts or
    doses): it must not be used."""


@dataclass(frozen=True)
class SignatureLine:
    """One checked signature, for the sheet and the screens."""

    meaning: str
    printed_name: str
    username: str
    signed_at: dt.datetime
    key_fingerprint: str
    #: why (a lifecycle transition's signed reason)
    reason: str | None = None


def printed_name(full_name: str | None, username: str) -> str:
    return f"{full_name} ({username})" if full_name else username


def payload(order: Order, row: OrderSignature, key_public: str,
            prior: list[str]) -> dict[str, Any]:
    """What the signature ``row`` on ``order`` signs (see the module docstring)."""
    return {"format": SIGNATURE_FORMAT, "order_id": order.id, "order_code": order_code(order.id),
            "cycle": order.cycle, "meaning": row.meaning, "signer": row.username,
            "printed_name": row.printed_name, "role": row.role,
            "signed_at": row.signed_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "key_id": row.key_id, "key_fingerprint": signing.fingerprint(key_public),
            "context_sha256": context_hash(order.content), "context": order.content,
            "details": row.details, "prior": prior}


def signatures_of(session: Session, order: Order) -> list[OrderSignature]:
    return list(session.execute(select(OrderSignature).where(OrderSignature.order_id == order.id)
                                .order_by(OrderSignature.id)).scalars())


def add_signature(session: Session, order: Order, key_id: int, private: Any,
                  meaning: Meaning, details: dict[str, Any] | None = None) -> OrderSignature:
    """Sign ``order`` now with the unlocked key ``key_id`` (in the caller's transaction)."""
    key = session.get(SigningKey, key_id)
    if key is None or key.revoked_at is not None:
        raise ConflictError("your signing key was replaced meanwhile; sign in again")
    row = OrderSignature(order_id=order.id, meaning=meaning.value, username=key.username,
                         printed_name=printed_name(key.full_name, key.username), role=key.role,
                         signed_at=utc_now(), key_id=key.id, details=dict(details or {}))
    prior = [s.signature for s in signatures_of(session, order)]
    row.signature = signing.sign(private, payload(order, row, key.public_key, prior))
    session.add(row)
    session.flush()
    return row


def _check_one(store: Store, session: Session, order: Order, row: OrderSignature,
               prior: list[str]) -> CheckedKey | str:
    checked = check_key(store, session, row.key_id)
    if isinstance(checked, str):
        return checked
    key = session.get(SigningKey, row.key_id)
    assert key is not None
    if key.revoked_at is not None and row.signed_at > key.revoked_at:
        return f"the {row.meaning!r} signature of {row.username} was made with a revoked key"
    if not signing.signature_valid(key.public_key, payload(order, row, key.public_key, prior),
                                   row.signature):
        return f"the {row.meaning!r} signature of {row.username} does not match the order"
    if (checked.username, checked.role) != (row.username, row.role) or \
            row.printed_name != printed_name(checked.full_name, checked.username):
        return f"the {row.meaning!r} signature of {row.username} is not by its key's owner"
    if NEEDS[Meaning(row.meaning)] not in ROLE_PERMISSIONS.get(checked.role, frozenset()):
        return f"{row.username} ({checked.role}) may not sign an order as {row.meaning!r}"
    return checked


def checked_signatures(store: Store, session: Session,
                       order: Order) -> tuple[list[SignatureLine], str | None]:
    """Every signature of ``order`` checked (see :func:`integrity_problem`)."""
    lines: list[SignatureLine] = []
    prior: list[str] = []
    for row in signatures_of(session, order):
        checked = _check_one(store, session, order, row, prior)
        if isinstance(checked, str):
            return lines, checked
        lines.append(SignatureLine(row.meaning, row.printed_name, row.username, row.signed_at,
                                   checked.fingerprint, (row.details or {}).get("reason")))
        prior.append(row.signature)
    return lines, None


def integrity_problem(store: Store, session: Session,
                      order: Order) -> tuple[list[SignatureLine], str | None]:
    """The order's checked signatures and the first problem found (None when it holds):
    content hash, signatures and certificates, the signatures its status needs, the
    columns that repeat them, and the verifier's independence."""
    if context_hash(order.content) != order.content_hash:
        return [], "the stored content does not match its hash"
    lines, problem = checked_signatures(store, session, order)
    if problem is not None:
        return lines, problem
    by = {m: [line for line in lines if line.meaning == m] for m in Meaning}
    status = Status(order.status)
    after_check = (Status.VERIFIED, Status.PRINTED, Status.HELD, Status.DISCONTINUED,
                   Status.SUPERSEDED)
    needs_rx = status in (Status.SIGNED, *after_check)
    needs_check = status in after_check
    if needs_rx and len(by[Meaning.PRESCRIBED]) != 1:
        return lines, f"it is {status.value} but has no valid prescriber's signature"
    if needs_check and len(by[Meaning.VERIFIED]) != 1:
        return lines, f"it is {status.value} but has no valid verifier's signature"
    if status == Status.DRAFT and lines:
        return lines, "it is a draft but carries signatures"
    if len(by[Meaning.PRINTED]) != len(order.prints):
        return lines, "its prints and its print signatures do not agree"
    if needs_rx:
        rx = by[Meaning.PRESCRIBED][0]
        if (order.prescriber, order.signed_at) != (rx.username, rx.signed_at):
            return lines, "its prescriber or signing time differs from the signature"
    if needs_check:
        check = by[Meaning.VERIFIED][0]
        if (order.verifier, order.verified_at) != (check.username, check.signed_at):
            return lines, "its verifier or verification time differs from the signature"
        if check.username in involved(order):
            return lines, f"it was verified by {check.username}, who drafted, measured or signed it"
    return lines, lifecycle_problem(order, status, lines)


def signed_status(order: Order, lines: list[SignatureLine]) -> Status | None:
    """The state the order's lifecycle signatures lead to (None: it has none)."""
    state: Status | None = None
    for line in lines:
        meaning = Meaning(line.meaning)
        if meaning in LIFECYCLE:
            state = LIFECYCLE[meaning] or (Status.PRINTED if order.prints else Status.VERIFIED)
    return state


def lifecycle_problem(order: Order, status: Status, lines: list[SignatureLine]) -> str | None:
    """The stored state must be the one its signatures lead to: a hold, a discontinuation or
    a supersession cannot be added or taken away by writing the status column."""
    signed = signed_status(order, lines)
    if signed is None:
        if status in (Status.HELD, Status.DISCONTINUED, Status.SUPERSEDED):
            return f"it is {status.value} but carries no valid signature that made it so"
        return None
    if status != signed:
        return f"it is {status.value} but its signatures make it {signed.value}"
    ended = next((i for i, line in enumerate(lines)
                  if line.meaning in (Meaning.DISCONTINUED, Meaning.SUPERSEDED)), None)
    if ended is not None and ended != len(lines) - 1:
        return f"it was {lines[ended].meaning} and yet signed again afterwards"
    return None


def record_refusal(store: Store, user: CurrentUser, order_id: int, action: str,
                   problem: str) -> None:
    """The audit event of a refused print (own transaction: kept although refused)."""
    with store.transaction() as session:
        order = session.get(Order, order_id)
        patient = session.get(Patient, order.patient_id) if order is not None else None
        append_event(session, username=user.username, action=action, entity="order",
                     entity_key=str(order_id),
                     study_id=patient.study_id if patient is not None else None,
                     field="integrity", reason=problem)


def refuse_tampered(store: Store, user: CurrentUser, order_id: int, action: str,
                    problem: str) -> TamperingDetected:
    record_refusal(store, user, order_id, action, problem)
    return TamperingDetected(f"order {order_id} refused: {problem}; do not use it, "
                             "report it to the site administrator")


def sign_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
               password: str) -> OrderView:
    """The prescriber signs a draft ("prescribed"), giving their password again."""
    require(user, Permission.SIGN_ORDER)
    check_protocol(store, user, order_id)
    key_id, private = unlock_key(store, user, password)
    problem = None
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, expected_version)
        if order.status != Status.DRAFT:
            raise ConflictError(f"order {order_id} is {order.status}; only a draft can be signed")
        refuse_if_stale(order)
        if not patient.name or not patient.hospital_number:
            raise InputError(f"patient {patient.study_id}: the name and hospital number must be "
                             "recorded before an order can be signed")
        refuse_without_allergies(order, patient)
        _, problem = integrity_problem(store, session, order)
        if problem is None:
            row = add_signature(session, order, key_id, private, Meaning.PRESCRIBED)
            order.status, order.prescriber, order.signed_at = Status.SIGNED, user.username, \
                row.signed_at
            session.flush()
            audit_transition(session, user, order, patient, "sign", "draft", "signed",
                             "electronic signature: prescribed")
            return view(order, patient.study_id)
    raise refuse_tampered(store, user, order_id, "sign_refused", problem)


def refuse_without_allergies(order: Order, patient: Patient) -> None:
    """A signed sheet must state the allergies or "no known allergies" explicitly: refuse
    while the patient's status is not recorded, or the order's sheet predates it."""
    if patient.no_known_allergies is None:
        raise InputError(f"patient {patient.study_id}: the allergy status (allergies or "
                         "\"no known allergies\") must be recorded before an order can be "
                         "signed")
    sheet = order.content.get("sheet") if isinstance(order.content, dict) else None
    allergies = sheet.get("allergies") if isinstance(sheet, dict) else None
    if not isinstance(allergies, dict) or not allergies.get("recorded"):
        raise ConflictError(f"order {order.id} was drafted before the allergy status was "
                            "recorded; cancel it and make a new order")
