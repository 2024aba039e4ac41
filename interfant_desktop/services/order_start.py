"""Starting an order from the engine: ``plan_order`` (computes, stores nothing) and
``start_order`` (records the measurements and stores the draft, in one transaction).

A started order stores the complete *order context* (format ``interfant-order-context/1``):
the facts the engine used (the case as stored, the review resolutions, the evaluation
date), the engine's computed order for the cycle, the risk group and decisions with
their rules, the eligibility status, the marrow that chose step dosing, the protocol
version and file SHA-256, the patient's identifiers, who entered the measurements, and
the sheet's content. The order prints from that stored content, never re-evaluated for
the sheet; printing re-runs the engine on the stored facts only to check them
(``order_printing``). Every signature covers this context.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.protocol import evaluate
from interfant_desktop.protocol.reasons import Resolution
from interfant_desktop.protocol.restart_order import RestartNotPossible, restarted_evaluation
from interfant_desktop.services import _common
from interfant_desktop.services._common import check_version, load_patient
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.bag_preparation import confirmation_in
from interfant_desktop.services.blinding import measurement_enterers
from interfant_desktop.services.clinical import (
    CycleMeasurements,
    apply_edit,
    clean_reason,
    cycle_entry,
    measurements_edit,
)
from interfant_desktop.services.errors import InputError, ServiceError
from interfant_desktop.services.order_state import (
    CONTEXT_FORMAT,
    OrderView,
    Status,
    audit_transition,
    context_hash,
    protocol,
    view,
)
from interfant_desktop.services.patients import PatientRecord, decision_records, patient_record
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import Order, Patient, ReviewDecision


class OrderRefused(ServiceError):
    """The order cannot be made: the engine's reason (``OrderNotPossible``) in one line."""


class WarningsNotConfirmed(InputError):
    """The engine warned about the measurements and the physician did not confirm it."""

    def __init__(self, warnings: tuple[str, ...]) -> None:
        super().__init__("confirm these warnings before starting the order: "
                         + " | ".join(warnings))
        self.warnings = warnings


@dataclass(frozen=True)
class OrderPlan:
    """What starting an order would store, computed and not saved: ``context`` is the
    order context, ``warnings`` the engine's warnings to confirm before starting."""

    context: dict[str, Any]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecordedCycle:
    """The measurements and schedule already recorded for a blinatumomab cycle (each None
    when not recorded): what the start dialog offers to confirm."""

    weight_kg: float | None = None
    height_cm: float | None = None
    weight_date: str | None = None
    height_date: str | None = None
    start_date: str | None = None
    start_time: str | None = None
    bag_hours: int | None = None


def recorded_cycle(case_json: Mapping[str, Any], cycle: int) -> RecordedCycle:
    """Read the stored case's entry for ``cycle`` (an empty one when there is none)."""
    entry: Mapping[str, Any] = next(
        (c for c in case_json.get("blinatumomab") or [] if c.get("cycle") == cycle), {})

    def text(key: str) -> str | None:
        value = entry.get(key)
        return None if value is None else str(value)

    return RecordedCycle(weight_kg=entry.get("weight_kg"), height_cm=entry.get("height_cm"),
                         weight_date=text("weight_date"), height_date=text("height_date"),
                         start_date=text("start_date"), start_time=text("start_time") or None,
                         bag_hours=entry.get("bag_hours"))


def positive(name: str, value: float) -> float:
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
        raise InputError("start_time", f"must be a time of day (HH:MM, 24-hour); got {value!r}") from None


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
        raise InputError("bag_hours", f"must be one of {', '.join(map(str, offered))}; got {value!r}")
    return int(value)


def with_measurements(case_json: dict[str, Any], cycle: int, values: dict[str, Any]
                      ) -> dict[str, Any]:
    """A copy of the case with the cycle's measurements replaced by ``values``."""
    data = copy.deepcopy(case_json)
    cycle_entry(data, cycle).update({k: v for k, v in values.items() if v is not None})
    return data


def resolutions(session: Session, patient: Patient) -> dict[str, str]:
    """The patient's current review decisions as ``{review_id: option}``."""
    rows = session.execute(select(ReviewDecision.review_id, ReviewDecision.chosen_option)
                           .where(ReviewDecision.patient_id == patient.id,
                                  ReviewDecision.superseded.is_(False)))
    return {review_id: option for review_id, option in rows}


def engine_order(facts: dict[str, Any], cycle: int,
                 records: Mapping[str, Resolution] | None = None
                 ) -> tuple[Any, Any, dict[str, Any] | None]:
    """Run the engine on stored facts (``case``, ``resolutions``, ``evaluated_on``):
    the typed case, the evaluation and the cycle's computed order (None if none).
    ``records`` (the same decisions with who, when and why) word the reasons a clinician's
    decision settled; they do not change the order."""
    on = dt.date.fromisoformat(facts["evaluated_on"])
    case = _common.validate_case(facts["case"], on)
    evaluation = evaluate(case, protocol(), on, records or dict(facts["resolutions"]))
    restart = facts.get("restart")
    if restart:  # a restart order: the engine re-plans the cycle from the recorded restart
        try:
            evaluation = restarted_evaluation(evaluation, cycle,
                                              dt.datetime.fromisoformat(restart["at"]),
                                              int(restart.get("after_bag") or 0))
        except RestartNotPossible as exc:
            raise OrderRefused(f"no restart order for blinatumomab cycle {cycle}: {exc}") from None
    order = next((o for o in evaluation.to_json()["blinatumomab_orders"]
                  if o["cycle"] == cycle), None)
    return case, evaluation, order


def _context(session: Session, record: PatientRecord, cycle: int, case_json: dict[str, Any],
             today: dt.date, decided: dict[str, str],
             restart: dict[str, Any] | None = None) -> dict[str, Any]:
    """Evaluate ``case_json`` with the engine and build the order context for ``cycle``
    (the sheet carries the patient's recorded allergy status and the site pharmacist's
    confirmation of the bag preparation figures, if given). The cycle's start time and
    bag length are in ``case_json`` (so the facts re-run by the print check give the
    same bag schedule). ``restart`` (``{"at": local ISO time}``) makes it the restart order
    of the cycle from that recorded restart."""
    proto = protocol()
    facts: dict[str, Any] = {"case": copy.deepcopy(case_json),
                             "resolutions": dict(sorted(decided.items())),
                             "evaluated_on": today.isoformat()}
    if restart is not None:
        facts["restart"] = dict(restart)
    # The same decisions with who, when and why, so the sheet says who settled what.
    records = {k: v for k, v in decision_records(record.review_decisions).items()
               if decided.get(k) == v.option}
    case, evaluation, _ = engine_order(facts, cycle, records)
    # (loaded here, with the order data types: the start-up and an opened patient need
    # no order sheet; see interfant_desktop.orders)
    from interfant_desktop.services.order_sheet import (
        OrderNotPossible,
        build_order_sheet,
        recorded_allergies,
        sheet_content,
    )

    try:
        confirmed = confirmation_in(session)
        sheet = build_order_sheet(case, evaluation, cycle, order_id="(not stored yet)",
                                  printed_at=dt.datetime.now().astimezone(),
                                  allergies=recorded_allergies(record.no_known_allergies,
                                                               record.allergies),
                                  preparation_confirmed=confirmed.text if confirmed else None)
    except OrderNotPossible as exc:  # also a bag duration the protocol file does not offer
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
        "facts": facts,
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


def _values(cycle: int, weight_kg: float, height_cm: float, weight_date: dt.date | str | None,
            height_date: dt.date | str | None, start_date: dt.date | str | None,
            start_time: dt.time | str | None, bag_hours: int | None) -> dict[str, Any]:
    if cycle not in (1, 2):
        raise InputError(f"cycle: must be 1 or 2; got {cycle!r}")
    return {"weight_kg": positive("weight_kg", weight_kg),
            "height_cm": positive("height_cm", height_cm),
            "weight_date": _iso("weight_date", weight_date),
            "height_date": _iso("height_date", height_date),
            "start_date": _iso("start_date", start_date),
            **_schedule(start_time, bag_hours)}


#: Keys of a cycle that only the order holds (they place its bag schedule).
ORDER_ONLY_KEYS = frozenset({"start_time", "bag_hours"})


def _schedule(start_time: dt.time | str | None, bag_hours: int | None) -> dict[str, Any]:
    """The cycle's start time and bag length: they place the bag schedule, which travels
    with the order (no order without a start time)."""
    return {"start_time": _clock("start_time", start_time), "bag_hours": _bag_length(bag_hours)}


def plan_order(store: Store, user: CurrentUser, study_id: str, cycle: int, *,
               weight_kg: float, height_cm: float, weight_date: dt.date | str | None,
               height_date: dt.date | str | None, start_date: dt.date | str | None = None,
               start_time: dt.time | str | None = None, bag_hours: int | None = None,
               today: dt.date | None = None) -> OrderPlan:
    """What :func:`start_order` would store for these measurements (nothing is saved).

    ``start_time`` (local ``HH:MM``) and ``bag_hours`` (24 or 48) place the bag schedule;
    without a start time no order can be made.

    Raises :class:`OrderRefused` (one line, the engine's reason) when no order is possible.
    """
    require(user, Permission.DRAFT_ORDER)
    values = _values(cycle, weight_kg, height_cm, weight_date, height_date, start_date,
                     start_time, bag_hours)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        record = patient_record(session, patient)
        context = _context(session, record, cycle,
                           with_measurements(record.case_json, cycle, values),
                           today or _common.today(), resolutions(session, patient))
    return OrderPlan(context, tuple(context["warnings"]))


def start_order(store: Store, user: CurrentUser, study_id: str, expected_version: int,
                cycle: int, *, weight_kg: float, height_cm: float,
                weight_date: dt.date | str | None, height_date: dt.date | str | None,
                start_date: dt.date | str | None = None, confirm_warnings: Collection[str] = (),
                reason: str | None = None, start_time: dt.time | str | None = None,
                bag_hours: int | None = None, today: dt.date | None = None) -> OrderView:
    """A physician starts the order of blinatumomab ``cycle`` (1 or 2) from the engine,
    in one transaction: nothing is recorded unless the draft is stored too.

    The weight and height (with the date each was measured) are recorded as
    ``clinical.record_measurements`` records them (audited; ``reason`` when they replace
    recorded values), the engine evaluates the stored case, and the draft stores the
    complete order context with its hash. Every warning of the engine (measurement older
    than the protocol allows, weight change above the limit since the last cycle...)
    must be in ``confirm_warnings`` or the start is refused with the warning text
    (:class:`WarningsNotConfirmed`). :class:`OrderRefused` when no order is possible.
    """
    require(user, Permission.DRAFT_ORDER)
    require(user, Permission.RECORD_MEASUREMENTS)
    when = today or _common.today()
    values = _values(cycle, weight_kg, height_cm, weight_date, height_date, start_date,
                     start_time, bag_hours)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id, for_update=True)
        check_version(patient, expected_version)
        stored = start_in(session, user, patient, cycle, values, when,
                          confirm_warnings=confirm_warnings, reason=reason)
        return view(stored, patient.study_id)


def start_in(session: Session, user: CurrentUser, patient: Patient, cycle: int,
             values: dict[str, Any], when: dt.date, *, confirm_warnings: Collection[str] = (),
             reason: str | None = None, extra: dict[str, Any] | None = None) -> Order:
    """:func:`start_order`'s work in the caller's transaction (the patient loaded, locked and
    version-checked): the measurements recorded, the draft stored and audited. ``extra``
    holds what a modified or restart order adds to its context (``restart``: the engine
    re-plans from it; ``supersedes``: the order it replaces), covered by every signature."""
    extra = dict(extra or {})
    restart = extra.get("restart")
    before = patient_record(session, patient)
    planned = _context(session, before, cycle, with_measurements(before.case_json, cycle, values),
                       when, resolutions(session, patient), restart)
    missing = tuple(w for w in planned["warnings"] if w not in set(confirm_warnings))
    if missing:
        raise WarningsNotConfirmed(missing)
    order = planned["order"]
    edit = measurements_edit(CycleMeasurements(
        cycle, weight_kg=order["weight_kg"], height_cm=order["height_cm"],
        start_date=values["start_date"] if restart else order["start_date"],
        weight_date=order["weight_date"], height_date=order["height_date"]))
    record = apply_edit(session, user, patient, edit, clean_reason(reason) or
                        f"measurements for the blinatumomab cycle {cycle} order")
    # The start time and bag length travel with the order (not stored in the case).
    context = _context(session, record, cycle,
                       with_measurements(record.case_json, cycle,
                                         {k: values.get(k) for k in ORDER_ONLY_KEYS}),
                       when, resolutions(session, patient), restart)
    context.update(extra)
    context["confirmed_warnings"] = list(planned["warnings"])
    context["sheet"]["warnings"] = [f"{w} — confirmed by the prescriber at the start of "
                                    "the order" for w in context["sheet"]["warnings"]]
    context["sheet"]["warnings"][:0] = list(extra.get("sheet_notes") or ())
    context["measured_by"] = sorted(measurement_enterers(session, patient))
    stored = Order(patient_id=patient.id, cycle=cycle, status=Status.DRAFT, content=context,
                   content_hash=context_hash(context), protocol_version=protocol().version,
                   patient_version=patient.version, created_by=user.username)
    session.add(stored)
    session.flush()
    audit_transition(session, user, stored, patient, "create", None,
                     {"status": "draft", "cycle": cycle, "content_hash": stored.content_hash,
                      "protocol_version": context["protocol"]["version"],
                      "protocol_sha256": context["protocol"]["sha256"],
                      "confirmed_warnings": context["confirmed_warnings"],
                      **({"supersedes": extra["supersedes"]} if "supersedes" in extra else {})})
    return stored
