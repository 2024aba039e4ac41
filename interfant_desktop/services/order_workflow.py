"""The order workflow: draft -> signed -> verified -> printed (or cancelled).

Rules enforced here (not only in the GUI):

* drafting and signing need a physician; a nurse cannot sign;
* an order is signed only when the patient's name and hospital number are
  recorded (the sheet must identify the patient), the allergy status is recorded
  (the sheet states the allergies or "no known allergies") and the order is not stale;
* the verifier (pharmacist or physician) is never the prescriber;
* printing needs a verified (or already printed) order; every print is recorded;
* cancelling needs a reason; printed or cancelled orders are final;
* a change to the patient's data marks open orders ``stale``: they must be
  cancelled and drafted again from the new data.

Orders are made only by ``start_order``; ``content_hash`` (SHA-256 of the canonical
JSON of the stored content) is what a signature and a verification cover. Orders
stored by older versions without the order context (``OrderView.started`` is False)
can still be listed and cancelled, but never verified or printed.

Started orders (``start_order``) store the complete *order context* (format
``interfant-order-context/1``): the engine's computed order for the cycle, the risk
group and decisions with their rules, the eligibility status, the marrow that chose
step dosing, the protocol version and file SHA-256, the patient's identifiers and the
sheet's content. Such an order prints from that stored content, never re-evaluated.
A protocol file whose version or SHA-256 differs from the order's makes the order
stale when it is loaded, verified or printed.

API: ``plan_order(store, user, study_id, cycle, *, weight_kg, height_cm, weight_date,
height_date, start_date=None, start_time=None, bag_hours=None, today=None) -> OrderPlan``
(computes, stores nothing), ``start_order(store, user, study_id, expected_version, cycle, *,
weight_kg, height_cm, weight_date, height_date, start_date=None, confirm_warnings=(),
reason=None, today=None, start_time=None, bag_hours=None)`` (the start time and bag length
place the bag schedule, stored with the order; no order without a start time),
``sign_order(store, user, order_id, expected_version)``,
``verification_task(store, user, order_id) -> VerificationTask`` (blinded: no measurement,
no dose), ``verify_order(store, user, order_id, expected_version, *, weight_kg, height_cm)``
(blinded re-entry; a mismatch raises :class:`VerificationMismatch`),
``preview_order_pdf(store, user, order_id) -> OrderPdf`` (DRAFT watermark unless verified),
``print_order(store, user, order_id, expected_version) -> OrderPdf`` (renders and records
the print; a reprint says COPY with the original print time),
``record_print(store, user, order_id, expected_version, pdf_sha256=None, printed_at=None)``,
``cancel_order(store, user, order_id, expected_version, reason)``,
``get_order(store, user, order_id)``, ``list_orders(store, user, study_id)``,
``blinded_cycles(store, user, study_id) -> frozenset[int]`` and
``blinded_for(store, user, study_id) -> bool`` (a pharmacist while an order awaits their
blinded verification: the screens hide the first weight, height and doses),
``reveals_measurements(field, old, new)`` (audit events to hide from a blinded user).
Each returns an ``OrderView``; ``expected_version`` is ``OrderView.version``
(for ``start_order``, the patient's ``PatientRecord.version``).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop import __version__
from interfant_desktop.orders import DocumentInfo, OrderStatus, Signature, render_order_pdf
from interfant_desktop.protocol import evaluate
from interfant_desktop.services import _common
from interfant_desktop.services._common import check_version, load_patient
from interfant_desktop.services.bag_preparation import preparation_confirmation
from interfant_desktop.services.clinical import clean_reason, record_measurements
from interfant_desktop.services.errors import (
    ConflictError,
    InputError,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from interfant_desktop.services.order_sheet import (
    OrderNotPossible,
    build_order_sheet,
    recorded_allergies,
    sheet_content,
    sheet_from_content,
)
from interfant_desktop.services.patients import PatientRecord, open_patient
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.reviews import review_resolutions
from interfant_desktop.services.store_access import CONFLICT_MESSAGE, Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import Order, OrderPrint, Patient, User, utc_now

#: The stored form of a started order (see the module docstring).
CONTEXT_FORMAT = "interfant-order-context/1"


def protocol() -> Any:
    """The protocol file the app applies now (looked up at call time, so tests can
    patch ``interfant_desktop.services._common.protocol``)."""
    return _common.protocol()


class OrderRefused(ServiceError):
    """The order cannot be made: the engine's reason (``OrderNotPossible``) in one line."""


class WarningsNotConfirmed(InputError):
    """The engine warned about the measurements and the physician did not confirm it."""

    def __init__(self, warnings: tuple[str, ...]) -> None:
        super().__init__("confirm these warnings before starting the order: "
                         + " | ".join(warnings))
        self.warnings = warnings


class VerificationMismatch(ServiceError):
    """The pharmacist's re-entered weight and height do not give the signed order."""

    def __init__(self, order_id: int, differences: tuple[str, ...]) -> None:
        super().__init__(
            f"order {order_id} NOT verified: the re-entered weight and height do not give "
            f"the signed order ({'; '.join(differences)}). Measure again or resolve it with "
            "the prescriber; nothing was verified")
        self.differences = differences


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

    @property
    def started(self) -> bool:
        """True for an order started from the engine (it carries its full context)."""
        return self.content.get("format") == CONTEXT_FORMAT

    @property
    def order_code(self) -> str:
        """The order ID printed on the sheet."""
        return order_code(self.id)


def order_code(order_id: int) -> str:
    """The printed order ID of stored order ``order_id``, e.g. ``IF21-000042``."""
    return f"IF21-{order_id:06d}"


@dataclass(frozen=True)
class OrderPlan:
    """What starting an order would store, computed and not saved: ``context`` is the
    order context, ``warnings`` the engine's warnings to confirm before starting."""

    context: dict[str, Any]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class OrderPdf:
    """A rendered order sheet: ``valid`` only for a verified order (no watermark);
    ``copy`` for a reprint; ``printed_at`` is the time on the sheet."""

    pdf: bytes
    sha256: str
    order: OrderView
    valid: bool
    copy: bool
    printed_at: dt.datetime
    prescriber_name: str | None = None
    verifier_name: str | None = None
    warnings: tuple[str, ...] = field(default=())


def content_hash(content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _protocol_change(order: Order) -> str | None:
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


def _stale_reason(order: Order) -> str | None:
    if not order.stale:
        return None
    return _protocol_change(order) or "the patient's data changed since it was made"


def _view(order: Order, study_id: str) -> OrderView:
    return OrderView(
        order.id, study_id, order.cycle, order.status, dict(order.content), order.content_hash,
        order.protocol_version, order.stale, order.created_by, order.created_at,
        order.prescriber, order.signed_at, order.verifier, order.verified_at,
        order.cancelled_by, order.cancelled_at, order.cancel_reason,
        tuple((p.printed_by, p.printed_at) for p in order.prints), order.version,
        _stale_reason(order))


def _mark_stale_if_protocol_changed(session: Session, user: CurrentUser, order: Order,
                                    patient: Patient) -> bool:
    """Mark an open order stale when the protocol file changed; True when it did now."""
    if order.stale or order.status in ("printed", "cancelled"):
        return False
    why = _protocol_change(order)
    if why is None:
        return False
    order.stale = True
    session.flush()
    append_event(session, username=user.username, action="mark_stale", entity="order",
                 entity_key=str(order.id), study_id=patient.study_id, field="stale",
                 old=False, new=True, reason=why)
    return True


def _check_protocol(store: Store, user: CurrentUser, order_id: int) -> None:
    """Before signing, verifying or printing: a protocol file update makes the order stale
    (recorded), and the action is refused with the reason."""
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, None)
        marked = _mark_stale_if_protocol_changed(session, user, order, patient)
        why = _protocol_change(order)
    if marked:
        raise ConflictError(f"order {order_id} is stale: {why}; cancel it and make a new order")


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


def _refuse_if_stale(order: Order) -> None:
    if order.stale:
        why = _protocol_change(order)
        if why is not None:
            raise ConflictError(f"order {order.id} is stale: {why}; cancel it and make a new "
                                "order")
        raise ConflictError(f"order {order.id} was drafted from data that changed since; "
                            "cancel it and make a new order")


def _refuse_without_allergies(order: Order, patient: Patient) -> None:
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


# --- starting an order from the engine ---------------------------------------------------

def _positive(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: must be a number; got {value!r}") from None
    if not number > 0 or number != number:
        raise InputError(f"{name}: must be greater than 0; got {value!r}")
    return number


def _iso(name: str, value: dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(f"{name}: must be a date (YYYY-MM-DD); got {value!r}") from None


def _clock(name: str, value: dt.time | str | None) -> str | None:
    """A local wall-clock time as ``HH:MM`` (the case format's ``start_time``)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    try:
        return dt.time.fromisoformat(str(value).strip()).strftime("%H:%M")
    except ValueError:
        raise InputError(f"{name}: must be a time of day (HH:MM, 24-hour); got {value!r}") from None


def bag_lengths() -> tuple[tuple[int, float, bool], ...]:
    """The bag lengths the protocol file offers: (hours, rate in mL/h, default)."""
    dosing = protocol().dosing
    return tuple((int(b["hours"]), float(b["rate_ml_per_h"]),
                  b["hours"] == dosing.get("default_bag_hours")) for b in dosing["bags"])


def _bag_length(value: int | None) -> int | None:
    if value is None:
        return None
    offered = [int(b["hours"]) for b in protocol().dosing["bags"]]
    if value not in offered:
        raise InputError(f"bag_hours: must be one of {', '.join(map(str, offered))}; "
                         f"got {value!r}")
    return int(value)


def _with_measurements(case_json: dict[str, Any], cycle: int, values: dict[str, Any]
                       ) -> dict[str, Any]:
    """A copy of the case with the cycle's measurements replaced by ``values``."""
    data = copy.deepcopy(case_json)
    cycles = list(data.get("blinatumomab") or [])
    entry = next((c for c in cycles if c.get("cycle") == cycle), None)
    if entry is None:
        entry = {"cycle": cycle}
        cycles.append(entry)
        cycles.sort(key=lambda c: c["cycle"])
    entry.update({k: v for k, v in values.items() if v is not None})
    data["blinatumomab"] = cycles
    return data


def _context(store: Store, user: CurrentUser, record: PatientRecord, cycle: int,
             case_json: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Evaluate ``case_json`` with the engine and build the order context for ``cycle``
    (the sheet carries the patient's recorded allergy status)."""
    proto = protocol()
    study_id = record.study_id
    case = _common.validate_case(case_json, today)
    evaluation = evaluate(case, proto, today, review_resolutions(store, user, study_id))
    try:
        confirmed = preparation_confirmation(store)
        sheet = build_order_sheet(case, evaluation, cycle, order_id="(not stored yet)",
                                  printed_at=dt.datetime.now().astimezone(),
                                  allergies=recorded_allergies(record.no_known_allergies,
                                                               record.allergies),
                                  preparation_confirmed=confirmed.text if confirmed else None)
    except OrderNotPossible as exc:
        raise OrderRefused(f"no order for blinatumomab cycle {cycle}: {exc}") from None
    result = evaluation.to_json()
    order = next(o for o in result["blinatumomab_orders"] if o["cycle"] == cycle)
    risk = result["risk"]
    decision = f"blinatumomab_{cycle}"
    p = case.patient
    return {
        "format": CONTEXT_FORMAT,
        "cycle": cycle,
        "patient": {"study_id": p.study_id, "name": p.name, "hospital_number": p.hospital_number,
                    "date_of_birth": p.date_of_birth.isoformat()},
        "allergies": {"no_known_allergies": record.no_known_allergies,
                      "allergies": record.allergies},
        "protocol": {"name": proto.name, "version": proto.version, "sha256": proto.sha256},
        "evaluated_on": today.isoformat(),
        "order": order,
        "marrow": order["marrow"],
        "risk": {key: risk.get(key) for key in ("current", "at_diagnosis", "status", "subgroup",
                                                "reasons", "reallocations")},
        "eligibility": {"status": result["eligibility"]["status"],
                        "failed": list(result["eligibility"].get("failed") or [])},
        "decisions": result["decisions"],
        "decision": {"id": decision, "value": result["decisions"].get(decision),
                     "reasons": result.get("decision_reasons", {}).get(decision, [])},
        "bag_hours": sheet.drug.bag.hours,
        "start_time": order.get("start_time"),
        "warnings": list(order["warnings"]),
        "sheet": sheet_content(sheet),
    }


def plan_order(store: Store, user: CurrentUser, study_id: str, cycle: int, *,
               weight_kg: float, height_cm: float, weight_date: dt.date | str | None,
               height_date: dt.date | str | None, start_date: dt.date | str | None = None,
               start_time: dt.time | str | None = None, bag_hours: int | None = None,
               today: dt.date | None = None) -> OrderPlan:
    """What :func:`start_order` would store for these measurements (nothing is saved).

    ``start_time`` (local ``HH:MM``) and ``bag_hours`` (24 or 48) place the bag schedule;
    without a start time no order can be made (the bag schedule needs it).

    Raises :class:`OrderRefused` (one line, the engine's reason) when no order is possible.
    """
    require(user, Permission.DRAFT_ORDER)
    if cycle not in (1, 2):
        raise InputError(f"cycle: must be 1 or 2; got {cycle!r}")
    values = {"weight_kg": _positive("weight_kg", weight_kg),
              "height_cm": _positive("height_cm", height_cm),
              "weight_date": _iso("weight_date", weight_date),
              "height_date": _iso("height_date", height_date),
              "start_date": _iso("start_date", start_date),
              "start_time": _clock("start_time", start_time),
              "bag_hours": _bag_length(bag_hours)}
    record = open_patient(store, user, study_id)
    context = _context(store, user, record, cycle,
                       _with_measurements(record.case_json, cycle, values),
                       today or _common.today())
    return OrderPlan(context, tuple(context["warnings"]))


def start_order(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                cycle: int, *, weight_kg: float, height_cm: float,
                weight_date: dt.date | str | None, height_date: dt.date | str | None,
                start_date: dt.date | str | None = None, confirm_warnings: Collection[str] = (),
                reason: str | None = None, today: dt.date | None = None,
                start_time: dt.time | str | None = None,
                bag_hours: int | None = None) -> OrderView:
    """A physician starts the order of blinatumomab ``cycle`` (1 or 2) from the engine.

    The weight and height (with the date each was measured) are recorded through
    ``clinical.record_measurements`` (audited; ``reason`` when they replace recorded
    values), the engine evaluates the stored case, and the draft stores the complete
    order context with its content hash. Every warning of the engine (measurement older
    than the protocol allows, weight change above the limit since the last cycle...)
    must be in ``confirm_warnings`` or the start is refused with the warning text
    (:class:`WarningsNotConfirmed`). :class:`OrderRefused` when no order is possible.
    """
    require(user, Permission.DRAFT_ORDER)
    require(user, Permission.RECORD_MEASUREMENTS)
    when = today or _common.today()
    plan = plan_order(store, user, study_id, cycle, weight_kg=weight_kg, height_cm=height_cm,
                      weight_date=weight_date, height_date=height_date, start_date=start_date,
                      start_time=start_time, bag_hours=bag_hours, today=when)
    missing = tuple(w for w in plan.warnings if w not in set(confirm_warnings))
    if missing:
        raise WarningsNotConfirmed(missing)
    order = plan.context["order"]
    record = record_measurements(
        store, user, study_id, expected_version, cycle, weight_kg=order["weight_kg"],
        height_cm=order["height_cm"], weight_date=order["weight_date"],
        height_date=order["height_date"], start_date=order["start_date"],
        reason=clean_reason(reason) or f"measurements for the blinatumomab cycle {cycle} order")
    # The start time and bag length travel with the order (the bag schedule is part of it).
    schedule = {"start_time": _clock("start_time", start_time), "bag_hours": _bag_length(bag_hours)}
    context = _context(store, user, record, cycle,
                       _with_measurements(record.case_json, cycle, schedule), when)
    if tuple(context["warnings"]) != plan.warnings:  # the stored case differs from the plan
        raise ConflictError(f"Patient {study_id}: the order changed while it was being started; "
                            "reload and start it again")
    context["confirmed_warnings"] = list(plan.warnings)
    context["sheet"]["warnings"] = [f"{w} — confirmed by the prescriber at the start of the "
                                    "order" for w in context["sheet"]["warnings"]]
    with store.transaction() as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, record.version)
        stored = Order(patient_id=patient.id, cycle=cycle, status="draft", content=context,
                       content_hash=content_hash(context), protocol_version=protocol().version,
                       patient_version=patient.version, created_by=user.username)
        session.add(stored)
        session.flush()
        _audit(session, user, stored, patient, "create", None,
               {"status": "draft", "cycle": cycle, "content_hash": stored.content_hash,
                "protocol_version": context["protocol"]["version"],
                "protocol_sha256": context["protocol"]["sha256"],
                "confirmed_warnings": context["confirmed_warnings"]})
        return _view(stored, patient.study_id)


def sign_order(store: Store, user: CurrentUser, order_id: int,
               expected_version: int) -> OrderView:
    """The prescriber signs a draft."""
    require(user, Permission.SIGN_ORDER)
    _check_protocol(store, user, order_id)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status != "draft":
            raise ConflictError(f"order {order_id} is {order.status}; only a draft can be signed")
        _refuse_if_stale(order)
        if not patient.name or not patient.hospital_number:
            raise InputError(f"patient {patient.study_id}: the name and hospital number must be "
                             "recorded before an order can be signed")
        _refuse_without_allergies(order, patient)
        order.status, order.prescriber, order.signed_at = "signed", user.username, utc_now()
        session.flush()
        _audit(session, user, order, patient, "sign", "draft", "signed")
        return _view(order, patient.study_id)


def _first_values_hidden(session: Session, task: Order, patient: Patient) -> VerificationTask:
    name_of = task.content.get("patient") if task.content.get("format") == CONTEXT_FORMAT \
        else None
    return VerificationTask(
        task.id, order_code(task.id), patient.study_id, patient.name, patient.hospital_number,
        (name_of or {}).get("date_of_birth"), task.cycle, task.status, task.prescriber,
        task.signed_at, task.stale, _stale_reason(task), task.version,
        _name(session, task.prescriber))


def verification_task(store: Store, user: CurrentUser, order_id: int) -> VerificationTask:
    """The order to verify, blinded: identifiers, cycle, status and prescriber only."""
    require(user, Permission.VERIFY_ORDER)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, None)
        _mark_stale_if_protocol_changed(session, user, order, patient)
        return _first_values_hidden(session, order, patient)


# --- blinding: what a verifier may not see before the blinded re-entry ---------------------

#: Audit-trail fields whose values carry the prescriber's measurements.
_MEASUREMENT_FIELD = re.compile(r"^blinatumomab(\[\d+\])?(\.(weight_kg|height_cm))?$")


def _blinded_role(user: CurrentUser) -> bool:
    """A verifier who does not prescribe (a pharmacist): they re-enter blind."""
    return user.can(Permission.VERIFY_ORDER) and not user.can(Permission.DRAFT_ORDER)


def blinded_cycles(store: Store, user: CurrentUser, study_id: str) -> frozenset[int]:
    """The cycles of ``study_id`` whose signed order awaits ``user``'s blinded verification.

    A pharmacist (may verify, may not prescribe) must not see the first weight and
    height, nor anything computed from them, while an order they did not prescribe is
    signed and not yet verified. Physicians and nurses are never blinded here (a
    physician verifying another's order is blinded in the verification dialog itself).
    """
    require(user, Permission.READ)
    if not _blinded_role(user):
        return frozenset()
    with store.transaction() as session:
        patient = load_patient(session, study_id)
        cycles = session.execute(
            select(Order.cycle).where(Order.patient_id == patient.id,
                                      Order.status == "signed")
            .where((Order.prescriber.is_(None)) | (Order.prescriber != user.username))
        ).scalars()
        return frozenset(int(c) for c in cycles)


def blinded_for(store: Store, user: CurrentUser, study_id: str) -> bool:
    """True while ``user`` must not see this patient's blinatumomab weight and height
    (an order of the patient is signed and awaits their blinded verification)."""
    return bool(blinded_cycles(store, user, study_id))


def reveals_measurements(field: str | None, old: Any, new: Any) -> bool:
    """True when an audit event's values show a blinatumomab weight or height: a change
    of ``blinatumomab[i].weight_kg``/``height_cm`` or of a whole cycle or section, a
    failed verification's re-entry, a whole stored case (import), or an order's start
    with the confirmed warnings (e.g. the weight change since the last cycle)."""
    if field is not None and (_MEASUREMENT_FIELD.match(field) or field == "verification"):
        return True
    keys = {"blinatumomab", "weight_kg", "height_cm", "confirmed_warnings"}
    return any(isinstance(v, dict) and not keys.isdisjoint(v) for v in (old, new))


def _fmt(value: Any) -> str:
    return "none" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _differences(signed: dict[str, Any], again: dict[str, Any]) -> tuple[str, ...]:
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


def verify_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                 weight_kg: float, height_cm: float, today: dt.date | None = None) -> OrderView:
    """A second person (pharmacist or physician, not the prescriber) verifies a signed order
    with a blinded re-entry of the weight and height.

    The engine computes BSA, every step's final mcg/day and the dexamethasone mg from the
    re-entered values; any difference from the signed order raises
    :class:`VerificationMismatch` listing what differs (with the re-entry's values only),
    and the failed attempt is written to the audit trail. Nothing is verified until the
    re-entry gives the signed order.
    """
    require(user, Permission.VERIFY_ORDER)
    weight = _positive("weight_kg", weight_kg)
    height = _positive("height_cm", height_cm)
    _check_protocol(store, user, order_id)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status != "signed":
            raise ConflictError(f"order {order_id} is {order.status}; "
                                "only a signed order can be verified")
        _refuse_if_stale(order)
        if order.prescriber == user.username:
            raise PermissionDenied(f"{user.username} prescribed order {order_id} and may not "
                                   "also verify it; another person must verify")
        if order.content.get("format") != CONTEXT_FORMAT:
            raise ConflictError(f"order {order_id} was drafted without the engine's order "
                                "context, so it cannot be checked; cancel it and start a new "
                                "order")
        context = dict(order.content)
        study_id, cycle = patient.study_id, order.cycle
    record = open_patient(store, user, study_id)
    case_json = _with_measurements(record.case_json, cycle,
                                   {"weight_kg": weight, "height_cm": height})
    case = _common.validate_case(case_json, today or _common.today())
    evaluation = evaluate(case, protocol(), today or _common.today(),
                          review_resolutions(store, user, study_id))
    again = next((o for o in evaluation.to_json()["blinatumomab_orders"]
                  if o["cycle"] == cycle), None)
    differences = ("the engine computed no order for these values",) if again is None \
        else _differences(context["order"], again)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if differences:
            append_event(session, username=user.username, action="verify_failed",
                         entity="order", entity_key=str(order.id), study_id=patient.study_id,
                         field="verification", old=None,
                         new={"weight_kg": weight, "height_cm": height,
                              "differences": list(differences)},
                         reason="blinded re-entry did not match the signed order")
        else:
            order.status, order.verifier, order.verified_at = "verified", user.username, \
                utc_now()
            session.flush()
            _audit(session, user, order, patient, "verify", "signed", "verified",
                   f"blinded re-entry matched (weight {weight:g} kg, height {height:g} cm)")
            return _view(order, patient.study_id)
    raise VerificationMismatch(order_id, differences)


def record_print(store: Store, user: CurrentUser, order_id: int, expected_version: int,
                 pdf_sha256: str | None = None,
                 printed_at: dt.datetime | None = None) -> OrderView:
    """Record that the order sheet was printed (first print or reprint)."""
    require(user, Permission.PRINT_ORDER)
    _check_protocol(store, user, order_id)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status not in ("verified", "printed"):
            raise ConflictError(f"order {order_id} is {order.status}; "
                                "only a verified order can be printed")
        _refuse_if_stale(order)
        old = order.status
        order.prints.append(OrderPrint(printed_by=user.username, pdf_sha256=pdf_sha256,
                                       printed_at=printed_at or utc_now()))
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
    """The order (marked stale now if the protocol file changed since it was made)."""
    require(user, Permission.READ)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, None)
        _mark_stale_if_protocol_changed(session, user, order, patient)
        return _view(order, patient.study_id)


def list_orders(store: Store, user: CurrentUser, study_id: str) -> list[OrderView]:
    """The patient's orders, newest first."""
    require(user, Permission.READ)
    with store.transaction() as session:
        patient = load_patient(session, study_id)
        orders = session.execute(select(Order).where(Order.patient_id == patient.id)
                                 .order_by(Order.id.desc())).scalars()
        views = []
        for order in orders:
            _mark_stale_if_protocol_changed(session, user, order, patient)
            views.append(_view(order, patient.study_id))
        return views


# --- the printed sheet, from the stored content -------------------------------------------

def _name(session: Session, username: str | None) -> str | None:
    if username is None:
        return None
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    full = user.full_name if user is not None else None
    return f"{full} ({username})" if full else username


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def _render(session: Session, order: Order, printed_at: dt.datetime,
            original: dt.datetime | None) -> tuple[bytes, OrderStatus]:
    if order.content.get("format") != CONTEXT_FORMAT:
        raise ConflictError(f"order {order.id} was drafted without the engine's order context "
                            "and has no sheet; cancel it and start a new order")
    if content_hash(order.content) != order.content_hash:
        raise ConflictError(f"order {order.id}: the stored content does not match its hash; "
                            "do not use it; cancel it and start a new order")
    signed_at, verified_at = _local(order.signed_at), _local(order.verified_at)
    prescriber = _name(session, order.prescriber)
    verifier = _name(session, order.verifier)
    state = "verified" if order.status in ("verified", "printed") else \
        "signed" if order.status == "signed" else "draft"
    status = OrderStatus(
        state,  # type: ignore[arg-type]  # one of the three literals
        Signature(prescriber, signed_at, order.prescriber) if prescriber and signed_at else None,
        Signature(verifier, verified_at, order.verifier) if verifier and verified_at else None,
        _stale_reason(order) or ("the order was cancelled" if order.status == "cancelled"
                                 else None))
    made = order.content["protocol"]
    document = DocumentInfo(order_code(order.id), made["name"], made["version"], __version__,
                            printed_at, original)
    sheet = sheet_from_content(order.content["sheet"], document, status)
    return render_order_pdf(sheet), status


def _pdf(session: Session, order: Order, patient: Patient, printed_at: dt.datetime,
         original: dt.datetime | None) -> OrderPdf:
    pdf, status = _render(session, order, printed_at, original)
    return OrderPdf(pdf, hashlib.sha256(pdf).hexdigest(), _view(order, patient.study_id),
                    status.valid_for_administration, original is not None, printed_at,
                    status.prescriber.name if status.prescriber else None,
                    status.pharmacist.name if status.pharmacist else None,
                    tuple(order.content.get("warnings") or ()))


def preview_order_pdf(store: Store, user: CurrentUser, order_id: int,
                      now: dt.datetime | None = None) -> OrderPdf:
    """The sheet of a stored order for the screen, from its stored content (nothing is
    recorded). Only a verified order renders without the DRAFT watermark; a printed
    order previews as a COPY of its first print."""
    require(user, Permission.READ)
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, None)
        if order.status == "signed" and _blinded_role(user) and order.prescriber != user.username:
            raise PermissionDenied(f"order {order_id} awaits your blinded verification: its "
                                   "sheet (weight, height, doses) is hidden until you verify it")
        _mark_stale_if_protocol_changed(session, user, order, patient)
        original = _local(order.prints[0].printed_at) if order.prints else None
        return _pdf(session, order, patient, now or dt.datetime.now().astimezone(), original)


def print_order(store: Store, user: CurrentUser, order_id: int, expected_version: int,
                now: dt.datetime | None = None) -> OrderPdf:
    """Render a verified order from its stored content and record the print (with the
    PDF's SHA-256). A reprint says COPY with the original print time."""
    require(user, Permission.PRINT_ORDER)
    _check_protocol(store, user, order_id)
    printed_at = now or dt.datetime.now().astimezone()
    if printed_at.tzinfo is None:
        raise InputError("printed_at: a print time needs a time zone")
    with store.transaction() as session:
        order, patient = _load_order(session, order_id, expected_version)
        if order.status not in ("verified", "printed"):
            raise ConflictError(f"order {order_id} is {order.status}; only a verified order "
                                "can be printed (preview it instead)")
        _refuse_if_stale(order)
        original = _local(order.prints[0].printed_at) if order.prints else None
        pdf, status = _render(session, order, printed_at, original)
        digest = hashlib.sha256(pdf).hexdigest()
        old = order.status
        order.prints.append(OrderPrint(printed_by=user.username, pdf_sha256=digest,
                                       printed_at=printed_at))
        order.status = "printed"
        session.flush()
        _audit(session, user, order, patient, "print", old,
               {"status": "printed", "pdf_sha256": digest, "copy": original is not None},
               None if original is None else "reprint (COPY)")
        return OrderPdf(pdf, digest, _view(order, patient.study_id),
                        status.valid_for_administration, original is not None, printed_at,
                        status.prescriber.name if status.prescriber else None,
                        status.pharmacist.name if status.pharmacist else None,
                        tuple(order.content.get("warnings") or ()))
