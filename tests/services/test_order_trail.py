"""The typed read models the GUI reads instead of the stored JSON: the calculation trail
of a started order and the cycle's recorded measurements. Each value is the stored one,
read once; a key the context lacks fails here, not as a blank on screen."""

from __future__ import annotations

import pytest

from interfant_desktop.services import order_workflow, patients
from interfant_desktop.services.order_start import RecordedCycle, recorded_cycle
from interfant_desktop.services.order_trail import bag_options, trail_model
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.order_helpers import ensure_allergies
from tests.store.fixtures import fictitious_case


def _draft(store: Store, user: CurrentUser) -> order_workflow.OrderView:
    patients.import_case(store, user, fictitious_case("S-T1"))
    ensure_allergies(store, user, "S-T1")
    record = patients.open_patient(store, user, "S-T1")
    return order_workflow.start_order(store, user, "S-T1", record.version, 1, weight_kg=5.1,
                                      height_cm=58.0, weight_date="2026-05-22",
                                      height_date="2026-05-22", start_time="10:00", bag_hours=48)


def test_the_trail_holds_the_stored_numbers(store: Store, users: dict[str, CurrentUser]) -> None:
    draft = _draft(store, users["doc"])
    content = draft.content
    order = content["order"]
    trail = trail_model(content)
    assert (trail.cycle, trail.weight_kg, trail.height_cm) == (1, 5.1, 58.0)
    assert trail.weight_date == "2026-05-22"
    assert (trail.bsa_m2, trail.bsa_decimals) == (order["bsa_m2"], order["bsa_decimals"])
    assert [s.dose_mcg_per_day for s in trail.steps] == [s["dose_mcg_per_day"]
                                                          for s in order["steps"]]
    assert trail.bsa_rules and all(r.rule == "R-BSA" for r in trail.bsa_rules)
    assert trail.bag is not None and trail.bag.hours == 48 == content["bag_hours"]
    assert [b.hours for b in bag_options(order)] == [b["hours"] for b in order["bag_options"]]
    assert trail.decision.id == "blinatumomab_1"
    assert trail.warnings == tuple(content["warnings"])
    assert trail.protocol_sha256 == content["protocol"]["sha256"]
    # The cycle's measurements, as recorded by starting the order.
    record = patients.open_patient(store, users["doc"], "S-T1")
    recorded = recorded_cycle(record.case_json, 1)
    assert (recorded.weight_kg, recorded.height_cm, recorded.weight_date) == (5.1, 58.0,
                                                                              "2026-05-22")
    assert (recorded.start_time, recorded.bag_hours) == (None, None)  # the order holds them
    assert recorded_cycle(record.case_json, 2) == RecordedCycle()


def test_a_context_without_its_order_is_refused() -> None:
    with pytest.raises(KeyError):
        trail_model({"cycle": 1})
