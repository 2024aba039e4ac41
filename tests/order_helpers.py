"""Orders in a given state, built only through the real workflow (start_order, sign_order,
verify_order) so every test order carries the engine's order context."""

from __future__ import annotations

from typing import Any

from interfant_desktop.services import clinical, order_workflow, patients
from interfant_desktop.services.order_workflow import OrderView, WarningsNotConfirmed
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import PASSWORD

#: Measurement dates used when the patient's cycle has none recorded.
MEASURED_ON = "2026-05-22"


def cycle_entry(store: Store, user: CurrentUser, study_id: str, cycle: int) -> dict[str, Any]:
    """The recorded blinatumomab entry of ``cycle`` (empty when none)."""
    record = patients.open_patient(store, user, study_id)
    return dict(next((c for c in record.case_json.get("blinatumomab") or []
                      if c.get("cycle") == cycle), {}))


def ensure_allergies(store: Store, physician: CurrentUser, study_id: str) -> None:
    """Record "no known allergies" (fictitious) unless an allergy status is recorded: a
    signed order needs one."""
    record = patients.open_patient(store, physician, study_id)
    if not record.allergies_recorded:
        clinical.record_allergies(store, physician, study_id, record.version,
                                  no_known_allergies=True, allergies=None)


def start_draft(store: Store, physician: CurrentUser, study_id: str, cycle: int = 1, *,
                weight_kg: float | None = None, height_cm: float | None = None,
                confirm_all: bool = True, allergies: bool = True) -> OrderView:
    """A physician starts the order of ``cycle`` with the recorded weight and height (or
    the given ones); the engine's warnings are confirmed when ``confirm_all``. With
    ``allergies`` "no known allergies" is recorded first when no status is recorded."""
    if allergies:
        ensure_allergies(store, physician, study_id)
    entry = cycle_entry(store, physician, study_id, cycle)
    values: dict[str, Any] = {
        "weight_kg": weight_kg if weight_kg is not None else entry.get("weight_kg", 5.1),
        "height_cm": height_cm if height_cm is not None else entry.get("height_cm", 58.0),
        "weight_date": entry.get("weight_date") or MEASURED_ON,
        "height_date": entry.get("height_date") or MEASURED_ON,
        "start_date": entry.get("start_date"),
        "start_time": entry.get("start_time") or "10:00",
    }
    version = patients.open_patient(store, physician, study_id).version
    try:
        return order_workflow.start_order(store, physician, study_id, version, cycle, **values)
    except WarningsNotConfirmed as exc:
        if not confirm_all:
            raise
        return order_workflow.start_order(store, physician, study_id, version, cycle,
                                          confirm_warnings=exc.warnings, **values)


def signed_order(store: Store, physician: CurrentUser, study_id: str, cycle: int = 1, *,
                 password: str = PASSWORD, **measurements: float) -> OrderView:
    """A started order signed by the same physician (awaiting verification); ``password``
    is the physician's."""
    draft = start_draft(store, physician, study_id, cycle, **measurements)
    return order_workflow.sign_order(store, physician, draft.id, draft.version,
                                     password=password)


def verified_order(store: Store, physician: CurrentUser, verifier: CurrentUser,
                   study_id: str, cycle: int = 1) -> OrderView:
    """A signed order verified by ``verifier`` with a matching blinded re-entry."""
    signed = signed_order(store, physician, study_id, cycle)
    order = signed.content["order"]
    return order_workflow.verify_order(store, verifier, signed.id, signed.version,
                                       weight_kg=order["weight_kg"],
                                       height_cm=order["height_cm"], password=PASSWORD)


def start_confirming(store: Store, physician: CurrentUser, study_id: str, cycle: int,
                     values: dict[str, Any]) -> OrderView:
    """Start the order of ``cycle`` with ``values`` (start_order's keyword arguments),
    confirming the engine's warnings when it gives any."""
    version = patients.open_patient(store, physician, study_id).version
    try:
        return order_workflow.start_order(store, physician, study_id, version, cycle, **values)
    except WarningsNotConfirmed as exc:
        return order_workflow.start_order(store, physician, study_id, version, cycle,
                                          confirm_warnings=exc.warnings, **values)
