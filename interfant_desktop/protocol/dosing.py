"""Body surface area and blinatumomab doses per cycle and step (S1, S4).

Every number printed on an order is computed here, once: BSA (formula recorded,
rounded to the protocol file's decimals), dose per step with the < 45 kg caps,
dexamethasone premedication, and bag rate/volume with the daily fluid load.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from interfant_desktop.protocol import spans
from interfant_desktop.protocol.bags import BagOption, BagPlan, bags_to_json, plan_bags
from interfant_desktop.protocol.case import BlinatumomabCycle, Case
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import compare, exact, round_half_up, times_half_up
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.sheet_doses import PatientDoses, patient_doses

if TYPE_CHECKING:  # the restart order module builds on this one
    from interfant_desktop.protocol.restart_order import RestartInfo

BSA_FORMULAS = {
    "mosteller": "Mosteller: √(height cm × weight kg / 3600)",
    "haycock": "Haycock: 0.024265 × weight kg^0.5378 × height cm^0.3964",
    "dubois": "Du Bois: 0.007184 × weight kg^0.425 × height cm^0.725",
}


def bsa_m2(weight_kg: float, height_cm: float, formula: str = "mosteller") -> float:
    """Body surface area in m², unrounded."""
    if formula == "mosteller":
        return math.sqrt(height_cm * weight_kg / 3600.0)
    if formula == "haycock":
        return float(0.024265 * weight_kg ** 0.5378 * height_cm ** 0.3964)
    if formula == "dubois":
        return float(0.007184 * weight_kg ** 0.425 * height_cm ** 0.725)
    raise ValueError(f"unknown BSA formula {formula!r}")


class DoseStep(NamedTuple):
    first_day: int
    last_day: int
    start_date: dt.date | None
    end_date: dt.date | None
    dose_mcg_per_m2_day: float
    dose_mcg_per_day_calculated: float
    dose_mcg_per_day: float
    cap_mcg_per_day: float | None
    capped: bool
    rules: tuple[Reason, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day, "last_day": self.last_day,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "dose_mcg_per_m2_day": self.dose_mcg_per_m2_day,
            "dose_mcg_per_day_calculated": self.dose_mcg_per_day_calculated,
            "dose_mcg_per_day": self.dose_mcg_per_day,
            "cap_mcg_per_day": self.cap_mcg_per_day, "capped": self.capped,
            "rules": [r.to_json() for r in self.rules],
        }


@dataclass(slots=True)
class CycleOrder:
    """The computed content of one blinatumomab cycle's infusion order."""

    cycle: int
    weight_kg: float
    height_cm: float
    weight_date: dt.date | None
    height_date: dt.date | None
    start_date: dt.date | None
    bsa_formula: str
    bsa_unrounded: float
    bsa_m2: float
    bsa_decimals: int
    marrow: str | None
    steps: list[DoseStep] = field(default_factory=list)
    premedication: dict[str, Any] = field(default_factory=dict)
    #: The bag lengths offered (rate, volume, daily fluid of each); ``bag_plan.bags`` is the
    #: numbered schedule of the chosen length (see :mod:`.bags`).
    bag_options: tuple[BagOption, ...] = ()
    bag_plan: BagPlan | None = None
    patient_doses: PatientDoses | None = None
    handling: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rules: list[Reason] = field(default_factory=list)
    weight_change_fraction: float | None = None
    #: Set on the order that restarts the cycle after an interruption (``restart_order``).
    restart: RestartInfo | None = None

    def to_json(self) -> dict[str, Any]:
        plan = self.bag_plan
        ends = plan.ends if plan is not None else None
        out = {
            "cycle": self.cycle, "bsa_m2": self.bsa_m2, "bsa_unrounded": self.bsa_unrounded,
            "bsa_formula": self.bsa_formula, "bsa_formula_text": BSA_FORMULAS[self.bsa_formula],
            "bsa_decimals": self.bsa_decimals, "weight_kg": self.weight_kg,
            "height_cm": self.height_cm, "weight_date": _iso(self.weight_date),
            "height_date": _iso(self.height_date), "start_date": _iso(self.start_date),
            "stop_date": self._stop_date(),
            "marrow": self.marrow, "steps": [s.to_json() for s in self.steps],
            "premedication": self.premedication, "handling": self.handling,
            # the bag options, the numbered schedule (``bags``) and the fluid load (D13)
            "bag_options": [o.to_json() for o in self.bag_options],
            "bag_hours": plan.bag_hours if plan else None,
            "start_time": plan.start.time().isoformat("minutes") if plan and plan.start else None,
            "ends_at": ends.isoformat(timespec="minutes") if ends else None,
            "bags": bags_to_json(plan.bags) if plan else [],
            "daily_fluid_ml_per_kg": plan.fluid.ml_per_kg_day if plan else None,
            "fluid_load": plan.fluid.to_json() if plan else None,
            "bag_preparation": plan.preparation.to_json() if plan else None,
            "patient_doses": self.patient_doses.to_json() if self.patient_doses else None,
            "weight_change_fraction": self.weight_change_fraction,
            "warnings": self.warnings, "rules": [r.to_json() for r in self.rules],
        }
        if self.restart is not None:
            out["restart"] = self.restart.to_json()
        return out

    def _stop_date(self) -> str | None:
        """The last calendar day of infusion (day 28; a restart order: the day it ends)."""
        if self.restart is not None:
            return (self.restart.ends_at - dt.timedelta(minutes=1)).date().isoformat()
        return (self.start_date + spans.days(27)).isoformat() if self.start_date else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _cap_for(protocol: Protocol, mcg_per_m2_day: float) -> float | None:
    for cap in protocol.dosing["caps_mcg_per_day"]:
        if cap["mcg_per_m2_day"] == mcg_per_m2_day:
            return float(cap["max_mcg_per_day"])
    return None


class _PlannedStep(NamedTuple):
    """A dose step of the protocol file's plan, read once per loaded protocol."""

    first_day: int
    last_day: int
    mcg_per_m2_day: float
    #: The mcg/day cap of this dose level below the low-weight limit (None: no cap).
    cap_mcg_per_day: float | None
    #: From the cycle's start to the first and the last day of the step.
    to_first_day: dt.timedelta
    to_last_day: dt.timedelta


@lru_cache(maxsize=32)  # per protocol object (identity) and plan: the file never changes
def _plan(protocol: Protocol, cycle: str, marrow: str) -> tuple[_PlannedStep, ...]:
    """The steps of ``dosing.cycles[cycle][marrow]`` with their caps and day offsets."""
    return tuple(
        _PlannedStep(int(step["first_day"]), int(step["last_day"]), float(step["mcg_per_m2_day"]),
                     _cap_for(protocol, float(step["mcg_per_m2_day"])),
                     spans.days(int(step["first_day"]) - 1), spans.days(int(step["last_day"]) - 1))
        for step in protocol.dosing["cycles"][cycle][marrow])


def _steps(cycle: BlinatumomabCycle, marrow: str | None, bsa: float, protocol: Protocol) -> tuple[
        list[DoseStep], list[Reason]]:
    dosing = protocol.dosing
    if cycle.cycle == 1:
        if marrow is None:
            return [], []
        plan = _plan(protocol, "1", marrow)
        rule_id = "R-DOSE-C1-M1" if marrow == "M1" else "R-DOSE-C1-STEP"
    else:
        plan, rule_id = _plan(protocol, "2", "any"), "R-DOSE-C2"
    dose_rule = because(protocol, rule_id, f"marrow {marrow} before the cycle" if cycle.cycle == 1 else "")
    low_weight = cycle.weight_kg < float(dosing["low_weight_limit_kg"])
    decimals = int(dosing["dose_decimals"])
    start = cycle.start_date
    steps = []
    for first_day, last_day, per_m2, step_cap, to_first, to_last in plan:
        # D11: from the printed BSA, in exact decimals, half-up to the dose decimals
        calculated = times_half_up(per_m2, bsa, decimals)
        cap = step_cap if low_weight else None
        capped = cap is not None and calculated > cap
        final = cap if capped and cap is not None else calculated
        rules: tuple[Reason, ...] = (dose_rule,)
        if cap is not None:
            rules += (because(protocol, "R-DOSE-CAP",
                              f"cap: not above {cap:g} mcg/day, patients < {dosing['low_weight_limit_kg']} kg"
                              + (" — applied" if capped else " — not reached")),)
        steps.append(DoseStep(
            first_day, last_day, start + to_first if start else None, start + to_last if start else None,
            per_m2, calculated, round_half_up(final, decimals), cap, capped, rules))
    return steps, [dose_rule]


def _premedication(cycle: BlinatumomabCycle, stepped: bool, bsa: float, protocol: Protocol) -> dict[str, Any]:
    """The dexamethasone premedication of the cycle, the order's own copy (its ``when`` list
    and ``rule`` dict included) of the one worked out for this cycle kind and BSA."""
    shared = _premedication_for(cycle.cycle == 1, stepped, bsa, protocol)
    own = shared.copy()
    own["when"] = list(shared["when"])
    own["rule"] = dict(shared["rule"])
    return own


@lru_cache(maxsize=4096)  # pure: the same BSAs recur; callers get their own copy
def _premedication_for(first_cycle: bool, stepped: bool, bsa: float, protocol: Protocol) -> dict[str, Any]:
    premed = protocol.dosing["premedication"]
    raw = times_half_up(float(premed["mg_per_m2"]), bsa, 2)
    # D11: dexamethasone from the printed BSA, half-up to 0.1 mg (the file's decimals)
    dose = min(times_half_up(float(premed["mg_per_m2"]), bsa, int(premed["dose_decimals"])),
               float(premed["max_mg"]))
    when = list(premed["when"]) if first_cycle else []
    if first_cycle and not stepped:
        when = [w for w in when if "day 8" not in w]
    return {
        "drug": premed["drug"], "mg_per_m2": premed["mg_per_m2"], "max_mg": premed["max_mg"],
        "dose_mg_calculated": raw,
        "dose_mg": round_half_up(dose, int(premed["dose_decimals"])),
        "capped": raw > float(premed["max_mg"]), "when": when,
        "note": "label default, editable per local practice" if when else
                "no routine premedication in cycle 2 by the label; follow local practice",
        "rule": because(protocol, "R-PREMED").to_json(),
    }


def _measurement_warnings(cycle: BlinatumomabCycle, previous: BlinatumomabCycle | None,
                          protocol: Protocol) -> tuple[list[str], float | None]:
    dosing = protocol.dosing
    warnings = []
    change = None
    if previous is not None:
        change = (cycle.weight_kg - previous.weight_kg) / previous.weight_kg
        # "> 10 %" in the decimals typed (6.4 → 5.76 kg is exactly 10 %; the float says 10.000…1)
        exact_change = abs(exact(cycle.weight_kg) - exact(previous.weight_kg)) / exact(previous.weight_kg)
        if compare(exact_change, float(dosing["weight_change_confirm_fraction"])) == "above":
            warnings.append(
                f"Weight changed {change * 100:+.1f} % since cycle {previous.cycle} "
                f"({previous.weight_kg:g} kg → {cycle.weight_kg:g} kg): confirm the weight (R-PLAUS).")
    max_age = int(dosing["measurement_max_age_days"])
    for what, measured in (("weight", cycle.weight_date), ("height", cycle.height_date)):
        if measured is None:
            warnings.append(f"The date the {what} was measured is not recorded.")
        elif cycle.start_date is not None and (cycle.start_date - measured).days > max_age:
            warnings.append(f"The {what} was measured {(cycle.start_date - measured).days} days before "
                            f"the cycle start (more than {max_age} days): measure again.")
    return warnings, change


_CYCLE = attrgetter("cycle")


@lru_cache(maxsize=32)  # per protocol object (identity), formula and decimals: a few in all
def _bsa_rule(protocol: Protocol, formula: str, decimals: int) -> Reason:
    """R-BSA with the formula and the decimals the BSA is rounded to."""
    return because(protocol, "R-BSA", f"{BSA_FORMULAS[formula]}, rounded to {decimals} decimals")


def cycle_orders(case: Case, protocol: Protocol) -> list[CycleOrder]:
    """One computed order per blinatumomab cycle in the case, in cycle order."""
    dosing = protocol.dosing
    orders = []
    ordered = list(case.blinatumomab)
    if len(ordered) > 1:  # one cycle or none: nothing to sort
        ordered.sort(key=_CYCLE)  # stable, as sorted() is
    for index, cycle in enumerate(ordered):
        formula = cycle.bsa_formula or str(dosing["default_bsa_formula"])
        unrounded = bsa_m2(cycle.weight_kg, cycle.height_cm, formula)
        decimals = int(dosing["bsa_decimals"])
        bsa = round_half_up(unrounded, decimals)
        eoi = case.end_of_induction
        marrow = eoi.marrow if (eoi is not None and cycle.cycle == 1) else None
        steps, dose_rules = _steps(cycle, marrow, bsa, protocol)
        warnings, change = _measurement_warnings(cycle, ordered[index - 1] if index else None, protocol)
        if cycle.cycle == 1 and marrow is None:
            warnings.insert(0, "The marrow status before cycle 1 (end of induction) is not recorded: "
                               "it decides step dosing, so no dose is given yet.")
        bsa_rule = _bsa_rule(protocol, formula, decimals)
        plan = plan_bags(cycle.weight_kg, cycle.start_date, cycle.start_time, steps, protocol,
                         cycle.bag_hours)
        if plan.fluid.warning:
            warnings.append(plan.fluid.warning)
        orders.append(CycleOrder(
            cycle=cycle.cycle, weight_kg=cycle.weight_kg, height_cm=cycle.height_cm,
            weight_date=cycle.weight_date, height_date=cycle.height_date, start_date=cycle.start_date,
            bsa_formula=formula, bsa_unrounded=unrounded, bsa_m2=bsa, bsa_decimals=decimals,
            marrow=marrow, steps=steps,
            premedication=_premedication(cycle, len(steps) > 1, bsa, protocol),
            bag_options=plan.options, bag_plan=plan,
            patient_doses=patient_doses(bsa, cycle.weight_kg, protocol), handling=list(dosing["handling"]),
            warnings=warnings, weight_change_fraction=change,
            rules=[bsa_rule, *dose_rules, because(protocol, "R-BAGS"), *plan.rules],
        ))
    return orders
