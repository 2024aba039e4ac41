"""RULES.md "Blinatumomab dosing (S1, S4)": Mosteller BSA, the dose per cycle and step,
the < 45 kg caps, dexamethasone premedication and the bag's daily fluid volume."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest

from interfant_desktop.protocol import load_protocol
from interfant_desktop.protocol.protocol_file import parse_protocol
from tests.protocol.builders import mr_after_induction, run


def protocol_with(**dosing_changes: Any) -> Any:
    """The shipped protocol document with some ``dosing`` entries replaced, re-validated."""
    import json

    from interfant_desktop.paths import resource

    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for key, value in dosing_changes.items():
        if "." in key:
            outer, inner = key.split(".")
            data["dosing"][outer][inner] = value
        else:
            data["dosing"][key] = value
    return parse_protocol(data)


def order(weight: float = 6.4, height: float = 64.0, marrow: str = "M1", cycles: tuple[int, ...] = (1,),
          protocol: Any = None) -> list[dict[str, Any]]:
    data = mr_after_induction(0.01, marrow=marrow)
    data["blinatumomab"] = [{"cycle": c, "start_date": f"2026-0{4 + 2 * i}-04", "weight_kg": weight,
                             "height_cm": height} for i, c in enumerate(cycles)]
    return run(data, **({"protocol": protocol} if protocol else {}))["blinatumomab_orders"]


def mosteller(weight: float, height: float) -> float:
    return math.sqrt(height * weight / 3600)


@pytest.mark.parametrize(("weight", "height"), [(6.4, 64.0), (1, 35), (20, 100), (3.2, 50), (9.75, 76.5)])
def test_bsa_is_mosteller_by_default_and_recorded(weight: float, height: float) -> None:
    o = order(weight, height)[0]
    assert o["bsa_formula"] == "mosteller"
    assert "Mosteller" in o["bsa_formula_text"]
    assert o["bsa_m2"] == pytest.approx(mosteller(weight, height), abs=0.0005)


def test_other_bsa_formula_is_recorded_when_chosen() -> None:
    data = mr_after_induction(0.01)
    data["blinatumomab"][0]["bsa_formula"] = "haycock"
    o = run(data)["blinatumomab_orders"][0]
    assert o["bsa_formula"] == "haycock"
    assert o["bsa_m2"] != pytest.approx(mosteller(6.4, 64.0), abs=0.0005)


def test_cycle_1_m1_is_15_mcg_per_m2_day_for_28_days() -> None:
    o = order(marrow="M1")[0]
    steps = o["steps"]
    assert [(s["first_day"], s["last_day"], s["dose_mcg_per_m2_day"]) for s in steps] == [(1, 28, 15)]
    assert steps[0]["dose_mcg_per_day"] == pytest.approx(15 * o["bsa_m2"], abs=0.006)


@pytest.mark.parametrize("marrow", ["M2", "M3"])
def test_cycle_1_m2_m3_is_step_dosing(marrow: str) -> None:
    o = order(marrow=marrow)[0]
    steps = o["steps"]
    assert [(s["first_day"], s["last_day"], s["dose_mcg_per_m2_day"]) for s in steps] == [
        (1, 7, 5), (8, 28, 15)]
    assert steps[0]["dose_mcg_per_day"] == pytest.approx(5 * o["bsa_m2"], abs=0.006)
    assert steps[1]["dose_mcg_per_day"] == pytest.approx(15 * o["bsa_m2"], abs=0.006)


@pytest.mark.parametrize("marrow", ["M1", "M2", "M3"])
def test_cycle_2_is_15_mcg_per_m2_day_whatever_the_marrow(marrow: str) -> None:
    orders = order(marrow=marrow, cycles=(1, 2))
    assert [o["cycle"] for o in orders] == [1, 2]
    steps = orders[1]["steps"]
    assert [(s["first_day"], s["last_day"], s["dose_mcg_per_m2_day"]) for s in steps] == [(1, 28, 15)]


def test_one_order_per_cycle_each_from_its_own_measurements() -> None:
    data = mr_after_induction(0.01)
    data["blinatumomab"].append({"cycle": 2, "start_date": "2026-07-01", "weight_kg": 8.0, "height_cm": 70.0})
    orders = run(data)["blinatumomab_orders"]
    assert orders[0]["bsa_m2"] == pytest.approx(mosteller(6.4, 64), abs=0.0005)
    assert orders[1]["bsa_m2"] == pytest.approx(mosteller(8.0, 70), abs=0.0005)


def test_no_orders_without_cycles() -> None:
    data = mr_after_induction(0.01)
    del data["blinatumomab"]
    assert run(data)["blinatumomab_orders"] == []


def test_cycle_1_dose_is_not_guessed_without_the_eoi_marrow() -> None:
    data = mr_after_induction(0.01)
    data["end_of_induction"]["marrow"] = None
    o = run(data)["blinatumomab_orders"][0]
    assert o["steps"] == []
    assert any("marrow" in w for w in o["warnings"])


def test_plausible_infants_never_reach_the_caps() -> None:
    for step in order(20, 100, marrow="M2")[0]["steps"]:
        assert step["capped"] is False
        assert step["dose_mcg_per_day"] < step["cap_mcg_per_day"]


def test_15_mcg_cap_is_applied_below_45_kg() -> None:
    caps = [{"mcg_per_m2_day": 5, "max_mcg_per_day": 9}, {"mcg_per_m2_day": 15, "max_mcg_per_day": 4}]
    o = order(6.4, 64, protocol=protocol_with(caps_mcg_per_day=caps))[0]
    step = o["steps"][0]
    assert 15 * o["bsa_m2"] > 4
    assert (step["capped"], step["dose_mcg_per_day"], step["cap_mcg_per_day"]) == (True, 4, 4)
    assert step["dose_mcg_per_day_calculated"] == pytest.approx(15 * o["bsa_m2"], abs=0.006)
    assert "R-DOSE-CAP" in [r["rule"] for r in step["rules"]]


def test_5_mcg_cap_is_applied_on_step_days_1_to_7() -> None:
    caps = [{"mcg_per_m2_day": 5, "max_mcg_per_day": 1}, {"mcg_per_m2_day": 15, "max_mcg_per_day": 28}]
    o = order(6.4, 64, marrow="M3", protocol=protocol_with(caps_mcg_per_day=caps))[0]
    low, high = o["steps"]
    assert (low["capped"], low["dose_mcg_per_day"]) == (True, 1)
    assert high["capped"] is False
    assert high["dose_mcg_per_day"] == pytest.approx(15 * o["bsa_m2"], abs=0.006)


def test_dose_exactly_at_the_cap_is_not_above_it() -> None:
    # BSA 0.4 m² (weight 9 kg, height 64 cm: √(576/3600) = 0.4) → 15 × 0.4 = 6 mcg/day
    caps = [{"mcg_per_m2_day": 5, "max_mcg_per_day": 9}, {"mcg_per_m2_day": 15, "max_mcg_per_day": 6}]
    o = order(9, 64, protocol=protocol_with(caps_mcg_per_day=caps))[0]
    assert o["bsa_m2"] == pytest.approx(0.4)
    assert o["steps"][0]["dose_mcg_per_day"] == pytest.approx(6)


def test_caps_apply_only_below_45_kg() -> None:
    # with the weight limit lowered to 5 kg, a 6.4 kg infant is not capped
    caps = [{"mcg_per_m2_day": 5, "max_mcg_per_day": 1}, {"mcg_per_m2_day": 15, "max_mcg_per_day": 1}]
    o = order(6.4, 64, protocol=protocol_with(caps_mcg_per_day=caps, low_weight_limit_kg=5))[0]
    assert o["steps"][0]["capped"] is False
    assert o["steps"][0]["dose_mcg_per_day"] == pytest.approx(15 * o["bsa_m2"], abs=0.006)
    o = order(4.0, 64, protocol=protocol_with(caps_mcg_per_day=caps, low_weight_limit_kg=5))[0]
    assert o["steps"][0]["dose_mcg_per_day"] == 1


@pytest.mark.parametrize(("weight", "height"), [(6.4, 64.0), (20, 100), (1, 35)])
def test_dexamethasone_5_mg_per_m2(weight: float, height: float) -> None:
    o = order(weight, height)[0]
    premed = o["premedication"]
    assert premed["drug"] == "dexamethasone"
    assert premed["dose_mg"] == pytest.approx(5 * o["bsa_m2"], abs=0.051)
    assert premed["capped"] is False
    assert premed["when"]  # before the first dose of cycle 1
    assert premed["rule"]["rule"] == "R-PREMED" and premed["rule"]["source"] == "S4"


def test_dexamethasone_step_up_premedication_only_with_step_dosing() -> None:
    m1 = order(marrow="M1")[0]["premedication"]["when"]
    m2 = order(marrow="M2")[0]["premedication"]["when"]
    assert len(m2) == len(m1) + 1
    assert any("day 8" in w for w in m2) and not any("day 8" in w for w in m1)


def test_dexamethasone_max_20_mg_logic() -> None:
    premed = load_protocol().dosing["premedication"]
    assert (premed["mg_per_m2"], premed["max_mg"]) == (5, 20)
    lowered = protocol_with(**{"premedication.max_mg": 1})
    p = order(6.4, 64, protocol=lowered)[0]["premedication"]
    assert p["capped"] is True
    assert p["dose_mg"] == 1
    assert p["dose_mg_calculated"] > 1


@pytest.mark.parametrize(("weight", "expected"), [(6.4, 37.5), (4.0, 60.0), (12.0, 20.0)])
def test_bag_fluid_in_ml_per_kg_per_day(weight: float, expected: float) -> None:
    bags = order(weight, 70)[0]["bag_options"]
    by_hours = {b["hours"]: b for b in bags}
    assert set(by_hours) == {24, 48}
    day24 = by_hours[24]
    assert day24["daily_volume_ml"] == pytest.approx(day24["rate_ml_per_h"] * 24)
    assert day24["fluid_ml_per_kg_day"] == pytest.approx(expected, abs=0.05)
    assert by_hours[48]["fluid_ml_per_kg_day"] == pytest.approx(
        by_hours[48]["rate_ml_per_h"] * 24 / weight, abs=0.051)
    assert all("preservative-free" in b["preservative"] for b in bags)


def test_dose_rules_are_cited() -> None:
    rules = {r["rule"] for r in order(marrow="M2")[0]["rules"]}
    assert {"R-BSA", "R-DOSE-C1-STEP", "R-BAGS"} <= rules
    rules = {r["rule"] for r in order(marrow="M1", cycles=(1, 2))[1]["rules"]}
    assert "R-DOSE-C2" in rules


def test_weight_change_above_10_percent_asks_for_confirmation() -> None:
    data = mr_after_induction(0.01)
    # cycle 1 at 6.4 kg; 7.0 kg is +9.4 %, 7.2 kg is +12.5 %, 5.6 kg is -12.5 %
    data["blinatumomab"].append({"cycle": 2, "start_date": "2026-07-01", "weight_kg": 7.0, "height_cm": 66})
    assert not any("confirm" in w for w in run(data)["blinatumomab_orders"][1]["warnings"])
    data["blinatumomab"][1]["weight_kg"] = 7.2
    assert any("confirm" in w for w in run(data)["blinatumomab_orders"][1]["warnings"])
    data["blinatumomab"][1]["weight_kg"] = 5.6
    assert any("confirm" in w for w in run(data)["blinatumomab_orders"][1]["warnings"])


@pytest.mark.parametrize(("weight", "asks"), [
    (7.04, False), (5.76, False),   # exactly +10 % and -10 %: not "> 10 %"
    (7.05, True), (5.75, True),     # just beyond
])
def test_weight_change_of_exactly_10_percent_does_not_ask(weight: float, asks: bool) -> None:
    """Was: 6.4 kg → 5.76 kg (exactly -10 %) asked for confirmation, because the float
    fraction is -0.10000000000000009; the rule says "> 10 %", compared in decimals."""
    data = mr_after_induction(0.01)
    data["blinatumomab"].append({"cycle": 2, "start_date": "2026-07-01", "weight_kg": weight,
                                 "height_cm": 66})
    warnings = run(data)["blinatumomab_orders"][1]["warnings"]
    assert any("confirm" in w for w in warnings) is asks
