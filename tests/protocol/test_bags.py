"""Bag make-up, the bag schedule and the fluid load (RULES.md "Preparing the bag",
"The bag schedule", D13), worked by hand from the formulas."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from typing import Any

import pytest

from interfant_desktop.paths import resource
from interfant_desktop.protocol import load_protocol
from interfant_desktop.protocol.bags import (
    Preparation,
    daylight_saving_note,
    make_up,
    plan_bags,
)
from interfant_desktop.protocol.protocol_file import ProtocolFileError, parse_protocol
from tests.protocol.builders import mr_after_induction, run


def orders(weight: float = 6.4, height: float = 64.0, marrow: str = "M1", *,
           start_time: str | None = "10:00", bag_hours: int | None = None,
           protocol: Any = None) -> dict[str, Any]:
    data = mr_after_induction(0.01, marrow=marrow)
    cycle: dict[str, Any] = {"cycle": 1, "start_date": "2026-04-04", "weight_kg": weight,
                             "height_cm": height}
    if start_time:
        cycle["start_time"] = start_time
    if bag_hours:
        cycle["bag_hours"] = bag_hours
    data["blinatumomab"] = [cycle]
    order: dict[str, Any] = run(data, **({"protocol": protocol} if protocol else {}))[
        "blinatumomab_orders"][0]
    return order


def protocol_with(**preparation: Any) -> Any:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text("utf-8"))
    data = copy.deepcopy(data)
    data["bag_preparation"].update(preparation)
    return parse_protocol(data)


def test_48_hour_bags_for_days_1_to_7_are_48_48_48_24() -> None:
    order = orders(5.7, 61.0, "M2", bag_hours=48)
    hours = [b["hours"] for b in order["bags"]]
    assert hours[:4] == [48, 48, 48, 24]  # days 1–7: the last bag of the step is 24 hours
    assert hours[4:] == [48] * 10 + [24]  # days 8–28: 21 days = 10 × 48 h + 24 h
    assert [b["number"] for b in order["bags"]] == list(range(1, 16))
    assert order["bags"][4]["hang"] == "2026-04-11T10:00"  # the step-up starts day 8
    assert sum(b["hours"] for b in order["bags"]) == 672
    assert order["ends_at"] == "2026-05-02T10:00"  # 672 hours after the start
    for bag in order["bags"]:  # no bag crosses the dose change (day 7 → 8)
        assert bag["last_day"] <= 7 or bag["first_day"] >= 8
    assert order["bags"][0]["mcg_to_infuse"] == pytest.approx(2 * order["steps"][0]["dose_mcg_per_day"])


def test_24_hour_bags_one_per_day_with_the_days_dose() -> None:
    order = orders()
    assert len(order["bags"]) == 28
    assert {b["hours"] for b in order["bags"]} == {24}
    assert order["bags"][27]["hang"] == "2026-05-01T10:00"
    assert order["bags"][27]["ends"] == "2026-05-02T10:00"
    assert all(b["mcg_to_infuse"] == order["steps"][0]["dose_mcg_per_day"] for b in order["bags"])


def test_no_start_time_no_schedule() -> None:
    order = orders(start_time=None)
    assert order["bags"] == [] and order["ends_at"] is None
    assert order["daily_fluid_ml_per_kg"] == pytest.approx(37.5)  # the fluid is still shown
    detail = next(r["detail"] for r in order["rules"] if r["rule"] == "R-BAG-SCHEDULE")
    assert "no start date and time" in detail


def test_make_up_by_hand_4_kg_days_1_to_7() -> None:
    # 4 kg, 55.5 cm: BSA √(55.5 × 4 / 3600) = 0.2483 -> 0.248; 5 × 0.248 = 1.24 mcg/day.
    # v = 1.24 × 275.5 / (240 × 12.5 − 1.24) = 0.11392 -> 0.11 mL; 0.11 × 12.5 = 1.375 -> 1.38 mcg
    order = orders(4.0, 55.5, "M2")
    bag = order["bags"][0]
    assert order["steps"][0]["dose_mcg_per_day"] == 1.24
    assert (bag["reconstituted_ml"], bag["mcg_in_bag"], bag["intermediate_dilution"]) == \
        (0.11, 1.38, False)
    assert (bag["sodium_chloride_ml"], bag["ivss_ml"], bag["infused_ml"]) == (270, 5.5, 240)
    assert (bag["prepared_ml"], bag["discarded_ml"], bag["vials"]) == (275.61, 35.61, 1)
    assert bag["concentration_mcg_per_ml"] == pytest.approx(1.38 / 275.61, abs=1e-5)


def test_rounding_is_half_up_on_the_printed_volume() -> None:
    prep = Preparation.from_protocol(load_protocol())
    m = make_up(3.12, 240, prep)  # v = 0.28682 -> 0.29; 0.29 × 12.5 = 3.625 -> 3.63 (not 3.62)
    assert (m.reconstituted_ml, m.mcg_in_bag) == (0.29, 3.63)


def test_below_the_minimum_measurable_volume_is_intermediate_dilution() -> None:
    prep = Preparation.from_protocol(load_protocol())
    m = make_up(0.87, 240, prep)  # v = 0.0799 mL < 0.10 mL
    assert m.intermediate_dilution and m.reconstituted_ml is None
    # mcg in the bag from the unrounded volume: 0.87 × (275.5 + 0.07992) / 240 = 0.999 -> 1
    assert m.mcg_in_bag == pytest.approx(1.0)
    raised = protocol_with(minimum_measurable_ml=0.3)  # a site setting
    assert make_up(3.12, 240, Preparation.from_protocol(raised)).intermediate_dilution
    order = orders(2.3, 47.0, "M2")
    assert [b["intermediate_dilution"] for b in order["bags"][:8]] == [True] * 7 + [False]
    assert "R-BAG-DILUTION" in [r["rule"] for r in order["rules"]]


def test_vials_round_up_by_2_8_ml() -> None:
    # 20 kg, 100 cm: BSA 0.745; 15 × 0.745 = 11.18 mcg/day; 48 h: 22.36 mcg
    # v = 22.36 × 275.5 / (3000 − 22.36) = 2.0688 -> 2.07 mL: 1 vial; 24 h bag 11.18 -> 1 vial
    order = orders(20.0, 100.0, bag_hours=48)
    assert order["bags"][0]["reconstituted_ml"] == 2.07 and order["bags"][0]["vials"] == 1
    prep = Preparation.from_protocol(load_protocol())
    big = make_up(56, 240, prep)  # v = 56 × 275.5 / 2944 = 5.2405 -> 5.24 mL: ⌈5.24 / 2.8⌉ = 2
    assert (big.reconstituted_ml, big.vials) == (5.24, 2)
    assert math.ceil(5.24 / 2.8) == big.vials


@pytest.mark.parametrize(("weight", "hours", "fluid", "warned"), [
    (2.5, 24, 96.0, True), (2.5, 48, 48.0, True), (6.4, 24, 37.5, False), (5.7, 48, 21.05, False),
    (4.0, 24, 60.0, True), (20.0, 24, 12.0, False)])
def test_fluid_load_d13(weight: float, hours: int, fluid: float, warned: bool) -> None:
    order = orders(weight, 60.0, bag_hours=hours)
    assert order["daily_fluid_ml_per_kg"] == pytest.approx(fluid)
    load = order["fluid_load"]
    assert load["above_limit"] is warned and load["limit_ml_per_kg_day"] == 40
    assert load["limit_note"] == "local practice, not protocol"
    fluid_warnings = [w for w in order["warnings"] if w.startswith("Fluid load")]
    assert bool(fluid_warnings) is warned
    if warned and hours == 24:
        assert f"would give {fluid / 2:g} mL/kg/day instead" in fluid_warnings[0]
    if warned and hours == 48:
        assert "no bag of the protocol file gives less" in fluid_warnings[0]


def test_fluid_limit_is_a_site_setting() -> None:
    order = orders(6.4, 64.0, protocol=protocol_with(fluid_limit_ml_per_kg_day=30))
    assert order["fluid_load"]["above_limit"] is True


def test_preparation_is_unverified_until_confirmed() -> None:
    order = orders()
    rule = next(r for r in order["rules"] if r["rule"] == "R-BAG-PREP")
    assert rule.get("verified") is False
    assert "not yet verified at this site" in rule["detail"]
    assert order["bag_preparation"]["verified"] is False


def test_patient_doses_crs_rescue_and_restart() -> None:
    # 2.5 kg, 47 cm: BSA 0.181; dexamethasone 5 × 0.181 = 0.905 -> 0.9 mg (never "8 mg")
    doses = orders(2.5, 47.0)["patient_doses"]
    assert doses["crs_dexamethasone"]["dose_mg"] == 0.9
    assert doses["restart"]["dose_mcg_per_day"] == 0.91  # 5 × 0.181 = 0.905 -> 0.91
    big = orders(20.0, 100.0)["patient_doses"]  # BSA 0.745: 3.725 -> 3.7 mg
    assert big["crs_dexamethasone"]["dose_mg"] == 3.7


def test_daylight_saving_note_from_the_callers_time_zone_data() -> None:
    start = dt.datetime(2026, 3, 20, 10, 0)
    ends = start + dt.timedelta(hours=672)
    change = dt.datetime(2026, 3, 29, 3, 0)
    note = daylight_saving_note(start, ends, [change])
    assert note is not None and "(on 2026-03-29)" in note and "23 hours" in note
    assert daylight_saving_note(start, ends, []) is None
    assert daylight_saving_note(start, ends, [dt.datetime(2026, 10, 25, 2, 0)]) is None


def test_bag_hours_must_be_offered() -> None:
    with pytest.raises(ValueError, match="bag_hours: must be one of 24, 48"):
        plan_bags(6.4, dt.date(2026, 4, 4), dt.time(10), [], load_protocol(), 12)


def test_protocol_file_needs_the_preparation_figures() -> None:
    with pytest.raises(ProtocolFileError, match=r"bag_preparation\.ivss_ml must be a positive"):
        protocol_with(ivss_ml=0)
