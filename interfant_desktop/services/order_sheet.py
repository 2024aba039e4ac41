"""Build the printable :class:`OrderSheet` of one blinatumomab cycle from a case.

Every clinical number on the sheet (BSA, doses, caps, rates, volumes, daily fluid,
dexamethasone dose, dates) is taken from the engine's evaluation
(``evaluation.to_json()["blinatumomab_orders"]``); this module only selects, labels
and checks that an order can be made. When it cannot (no weight and height for that
cycle, blinatumomab contraindicated by the checklist, cycle 2 not indicated, risk
group under review...), :class:`OrderNotPossible` says why in one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from interfant_desktop import __version__
from interfant_desktop.orders import (
    Allergies,
    Bag,
    BagMakeUp,
    BagPreparation,
    Clinical,
    DocumentInfo,
    DoseStep,
    Drug,
    FluidCheck,
    Measurements,
    MonitoringItem,
    OrderSheet,
    OrderStatus,
    PatientDose,
    PatientIdentity,
    Premedication,
    PremedTime,
    RestartTimes,
    RuleRef,
    ScheduledBag,
    Treatment,
    WeightChange,
)
from interfant_desktop.protocol import Case, Evaluation
from interfant_desktop.protocol.bags import BagPlan, daylight_saving_note, plan_bags
from interfant_desktop.protocol.dosing import CycleOrder
from interfant_desktop.protocol.reasons import Reason

#: Monitoring reminders with the action thresholds of the BLINCYTO label for patients
#: < 45 kg (section 2.4, dosage modifications for adverse reactions), paraphrased.
MONITORING_SOURCE = "S4, BLINCYTO prescribing information: dose modifications, patients < 45 kg"
MONITORING: tuple[MonitoringItem, ...] = (
    MonitoringItem(
        "Cytokine release syndrome (CRS)",
        ("Grade 3: interrupt blinatumomab; dexamethasone 5 mg/m² (maximum 8 mg) every 8 hours "
         "IV or oral for up to 3 days, then taper over 4 days. When resolved, restart at "
         "5 mcg/m²/day and escalate to 15 mcg/m²/day after 7 days if it does not recur.",
         "Grade 4: stop blinatumomab permanently; treat as for grade 3."),
        MONITORING_SOURCE),
    MonitoringItem(
        "Neurological toxicity (seizure, encephalopathy, tremor)",
        ("Seizure: stop permanently if more than one seizure occurs.",
         "Grade 3: withhold until no more than grade 1 for at least 3 days, then restart at "
         "5 mcg/m²/day and escalate to 15 mcg/m²/day after 7 days if it does not recur. Stop "
         "permanently if it occurred at 5 mcg/m²/day or took more than 7 days to resolve.",
         "Grade 4: stop blinatumomab permanently."),
        MONITORING_SOURCE),
)

_LINEAGE = {"B-ALL": "B-precursor ALL", "B-MPAL": "B-cell MPAL (single lineage)",
            "MPAL-multilineage": "multilineage MPAL", "T-ALL": "T-ALL", "other": "other leukaemia"}


class OrderNotPossible(ValueError):
    """The case lacks what an order needs, or the protocol does not allow this order."""


def _rule(raw: dict[str, Any]) -> RuleRef:
    return RuleRef(str(raw["rule"]), str(raw["text"]), str(raw["source"]),
                   str(raw.get("detail") or "") or None)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def check_order_possible(evaluation: Evaluation, cycle: int) -> CycleOrder:
    """The engine's computed order for ``cycle``, or :class:`OrderNotPossible` saying why not."""
    if cycle not in (1, 2):
        raise OrderNotPossible(f"cycle must be 1 or 2, not {cycle}")
    eligibility = evaluation.eligibility
    if eligibility.status == "ineligible":
        criteria = ", ".join(eligibility.failed)
        raise OrderNotPossible(f"the patient is not eligible for Interfant-21 (failed: {criteria})")
    risk = evaluation.risk
    if risk.status != "final" or risk.current is None:
        raise OrderNotPossible(f"the risk group is {risk.status} (not final): "
                               "resolve it before ordering blinatumomab")
    decisions = evaluation.decisions
    decision = decisions.blinatumomab_1 if cycle == 1 else decisions.blinatumomab_2
    if decision is not True:
        reasons = decisions.reasons.get(f"blinatumomab_{cycle}", [])
        why = "; ".join(f"{r.rule}: {r.detail or r.text}" for r in reasons)
        state = "not indicated" if decision is False else "not decided yet"
        if cycle == 1:
            items = [i for i in decisions.checklist if i.status != "passed"]
            failed = [i.id for i in items if i.status == "failed"]
            unknown = [i.id for i in items if i.status != "failed"]
            if failed:
                why = f"checklist {', '.join(failed)} failed ({why})"
            elif unknown:
                why = f"checklist {', '.join(unknown)} not recorded"
        raise OrderNotPossible(f"blinatumomab cycle {cycle} is {state}"
                               + (f": {why}" if why else ""))
    order = evaluation.order_for(cycle)
    if order is None:
        raise OrderNotPossible(f"no weight and height recorded for blinatumomab cycle {cycle}")
    if order.start_date is None:
        raise OrderNotPossible(f"no start date recorded for blinatumomab cycle {cycle}")
    if not order.steps:
        why = order.warnings[0] if order.warnings else "the engine gave no dose"
        raise OrderNotPossible(f"no dose for cycle {cycle}: {why}")
    return order


def _restart_times(case: Case, engine: CycleOrder) -> RestartTimes | None:
    """The restart order's times and the course's bags before it (None for any other order)."""
    info = engine.restart
    if info is None:
        return None
    record = next((c for c in case.blinatumomab if c.cycle == engine.cycle), None)
    began = None if record is None or record.start_date is None or record.start_time is None \
        else dt.datetime.combine(record.start_date, record.start_time)
    return RestartTimes(began, info.stopped_at, info.restart_at, info.hours_given_before,
                        info.hours_remaining, info.bags_before)


def _cap_rule(step: dict[str, Any]) -> str | None:
    for rule in step["rules"]:
        if rule["rule"] == "R-DOSE-CAP":
            detail = str(rule.get("detail") or rule["text"]).split(" — ")[0]
            detail = detail.removeprefix("cap: ")
            return f"{rule['rule']} ({rule['source']}): {detail}"
    return None


def _steps(order: dict[str, Any]) -> tuple[DoseStep, ...]:
    steps = []
    for s in order["steps"]:
        start, end = _date(s["start_date"]), _date(s["end_date"])
        if start is None or end is None:
            raise OrderNotPossible("the dose steps have no calendar dates")
        steps.append(DoseStep(
            s["first_day"], s["last_day"], start, end, s["dose_mcg_per_m2_day"],
            s["dose_mcg_per_day_calculated"], s["dose_mcg_per_day"], s["cap_mcg_per_day"],
            bool(s["capped"]), _cap_rule(s)))
    return tuple(steps)


def _bag_plan(engine: CycleOrder, case: Case, bag_hours: int | None, protocol: Any) -> BagPlan:
    """The engine's bag plan of the cycle, or the engine's plan for another offered length."""
    plan = engine.bag_plan
    if plan is not None and (bag_hours is None or bag_hours == plan.bag_hours):
        return plan
    cycle = next(c for c in case.blinatumomab if c.cycle == engine.cycle)
    try:
        return plan_bags(engine.weight_kg, engine.start_date, cycle.start_time, engine.steps,
                         protocol, bag_hours)
    except ValueError as exc:
        raise OrderNotPossible(str(exc)) from None


def _bag(plan: BagPlan) -> Bag:
    option = plan.option
    return Bag(option.hours, option.rate_ml_per_h, option.infused_ml, option.fluid_ml_per_kg_day,
               option.preservative,
               f"Change the bag every {option.hours} hours at the hang times of the bag schedule "
               "(the last bag of a dose step may be a 24-hour bag); never flush the line when "
               "changing bags.")


def _ref(reason: Reason) -> RuleRef:
    text = reason.text if reason.verified else f"{reason.text} [UNVERIFIED]"
    return RuleRef(reason.rule, text, reason.source, reason.detail or None)


def _scheduled_bags(plan: BagPlan) -> tuple[ScheduledBag, ...]:
    out = []
    for b in plan.bags:
        m = b.make_up
        out.append(ScheduledBag(
            b.number, b.hang, b.ends, b.hours, b.first_day, b.last_day, b.dose_mcg_per_m2_day,
            b.dose_mcg_per_day, m.mcg_to_infuse, b.rate_ml_per_h,
            BagMakeUp(m.sodium_chloride_ml, m.ivss_ml, m.reconstituted_ml, m.drug_ml_calculated,
                      m.mcg_in_bag, m.prepared_ml, m.infused_ml, m.discarded_ml,
                      m.concentration_mcg_per_ml, m.vials, m.intermediate_dilution)))
    return tuple(out)


def _preparation(plan: BagPlan, confirmed: str | None) -> BagPreparation:
    """The label's figures; verified when the protocol file or the site's pharmacist
    (``confirmed``: who and when, from the audited confirmation) says so."""
    prep = plan.preparation
    rule = next((r for r in plan.rules if r.rule == "R-BAG-PREP"), None)
    verified = prep.verified or confirmed is not None
    text = prep.unverified_text if not verified else (
        confirmed or "preparation figures verified in the protocol file")
    if rule is not None and confirmed is not None:  # confirmed for this site: no longer unverified
        rule = rule._replace(detail=confirmed, verified=True)
    return BagPreparation(prep.vial_mcg, prep.reconstitution_water_ml, prep.reconstituted_mcg_per_ml,
                          prep.vial_drug_ml, prep.sodium_chloride_ml, prep.ivss_ml,
                          prep.minimum_measurable_ml, verified, text,
                          _ref(rule) if rule is not None else None)


def _fluid(plan: BagPlan) -> FluidCheck:
    f = plan.fluid
    return FluidCheck(f.ml_per_kg_day, f.limit_ml_per_kg_day, f.limit_note, f.above_limit,
                      f.alternative_hours, f.alternative_ml_per_kg_day, f.rule.rule)


def clock_changes(start: dt.datetime, ends: dt.datetime,
                  zone: dt.tzinfo | None = None) -> tuple[dt.datetime, ...]:
    """The local wall-clock times between ``start`` and ``ends`` at which the UTC offset of
    ``zone`` (default: this machine's local zone) changes, each as the clock read at the
    change (02:00 when clocks go forward at 02:00, 03:00 when they go back at 03:00): the
    data the engine's daylight-saving note needs.

    Real time (UTC) is walked, not wall-clock hours: an hourly wall-clock walk from a start
    at 02:30 reaches 02:30 on the spring day (a time that does not exist) and never sees
    the change that falls inside the cycle.
    """
    utc = dt.UTC

    def instant(moment: dt.datetime) -> dt.datetime:
        return (moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()).astimezone(utc)

    def offset(at: dt.datetime) -> dt.timedelta | None:
        return (at.astimezone(zone) if zone is not None else at.astimezone()).utcoffset()

    changes = []
    # The later of the wall end and the same hours of real time: a wall end the spring change
    # skips (02:30) is read with the offset before it by zoneinfo, after it by the C library.
    at = instant(start)
    last = max(instant(ends), at + (ends - start))
    previous = offset(at)
    while at < last:
        step = min(at + dt.timedelta(hours=1), last)
        now = offset(step)
        if now != previous and previous is not None:
            low, high = 0, int((step - at) / dt.timedelta(minutes=1))  # whole minutes after at
            while high - low > 1:  # the first minute with the new offset, by halving
                middle = (low + high) // 2
                if offset(at + dt.timedelta(minutes=middle)) != previous:
                    high = middle
                else:
                    low = middle
            changes.append((at + dt.timedelta(minutes=high) + previous).replace(tzinfo=None))
        previous, at = now, step
    return tuple(changes)


def _premed_times(premed: dict[str, Any], plan: BagPlan) -> tuple[PremedTime, ...]:
    """Each premedication with its date: day 1 at the start, day 8 at the step-up bag."""
    start = plan.start
    step_up = next((b.hang for b in plan.bags if b.first_day > 1
                    and b.dose_mcg_per_m2_day > plan.bags[0].dose_mcg_per_m2_day), None)
    out = []
    for when in premed["when"]:
        at = start if "first dose" in when else step_up if "day 8" in when else None
        out.append(PremedTime(str(when), at))
    return tuple(out)


def _patient_doses(order: dict[str, Any]) -> tuple[PatientDose, ...]:
    doses = order.get("patient_doses")
    if not doses:
        return ()
    dex, restart = doses["crs_dexamethasone"], doses["restart"]
    cap = restart.get("cap_mcg_per_day")
    return (
        PatientDose("CRS grade 3 or 4: rescue", "dexamethasone", dex["dose_mg"], "mg",
                    f"{dex['mg_per_m2']:g} mg/m², maximum {dex['max_mg']:g} mg"
                    + ("; maximum applied" if dex["capped"] else ""), str(dex["when"]), 1),
        PatientDose("Restart dose after a grade 3 reaction", "blinatumomab",
                    restart["dose_mcg_per_day"], "mcg/day",
                    f"{restart['mcg_per_m2_day']:g} mcg/m²/day"
                    + (f", not above {cap:g} mcg/day" if cap is not None else "")
                    + ("; cap applied" if restart["capped"] else ""), str(restart["when"])),
    )


def _weight_change(case: Case, order: dict[str, Any], limit_fraction: float) -> WeightChange | None:
    fraction = order.get("weight_change_fraction")
    if fraction is None:
        return None
    previous = max((c for c in case.blinatumomab if c.cycle < order["cycle"]),
                   key=lambda c: c.cycle, default=None)
    if previous is None:
        return None
    return WeightChange(previous.weight_kg, fraction * 100, limit_fraction * 100,
                        abs(fraction) > limit_fraction)


def _clinical(case: Case, result: dict[str, Any]) -> Clinical:
    dx = case.diagnosis
    text = _LINEAGE.get(dx.lineage or "", "diagnosis not recorded")
    if dx.kmt2a:
        text += f", KMT2A {dx.kmt2a}" + (f" ({dx.kmt2a_partner})" if dx.kmt2a_partner else "")
    risk = result["risk"]
    reasons = [_rule(r) for r in risk["reasons"]]
    for move in risk.get("reallocations", []):
        reasons.append(RuleRef(move["rule"], move["text"], move["source"],
                               f"{move['from']} → {move['to']} ({move['when'].replace('_', ' ')})"
                               + (f": {move['detail']}" if move.get("detail") else "")))
    group = risk["current"]
    if risk.get("at_diagnosis") and risk["at_diagnosis"] != group:
        group = f"{group} (at diagnosis {risk['at_diagnosis']})"
    return Clinical(text, dx.date, group, risk["status"], risk.get("subgroup"), tuple(reasons),
                    result["eligibility"]["status"],
                    tuple(_rule(r) for r in result.get("resolved_reviews", [])))


def _premedication(order: dict[str, Any], plan: BagPlan) -> Premedication | None:
    p = order.get("premedication")
    if not p:
        return None
    doses = order.get("patient_doses") or {}
    return Premedication(p["drug"], p["mg_per_m2"], p["max_mg"], p["dose_mg"], bool(p["capped"]),
                         tuple(p["when"]), _rule(p["rule"]) if p.get("rule") else None,
                         p.get("note"), str(doses.get("premedication_route") or "IV"),
                         str(doses.get("premedication_window") or ""), _premed_times(p, plan))


def recorded_allergies(no_known_allergies: bool | None, allergies: str | None) -> Allergies:
    """The sheet's allergy line from a patient's recorded status: not recorded (None),
    "No known allergies" (True), or the allergy text, one item per line (False)."""
    if no_known_allergies is None:
        return Allergies(recorded=False)
    if no_known_allergies:
        return Allergies(recorded=True)
    items = tuple(line.strip() for line in (allergies or "").splitlines() if line.strip())
    return Allergies(recorded=True, items=items)


def _with_checklist(allergies: Allergies | None, hypersensitivity: bool | None) -> Allergies:
    """The allergy line with the checklist's hypersensitivity item (unless already given)."""
    base = allergies or Allergies(recorded=False)
    if base.blinatumomab_hypersensitivity is not None:
        return base
    return dataclasses.replace(base, blinatumomab_hypersensitivity=hypersensitivity)


def build_order_sheet(
    case: Case,
    evaluation: Evaluation,
    cycle: int,
    *,
    order_id: str,
    printed_at: dt.datetime,
    status: OrderStatus | None = None,
    original_printed_at: dt.datetime | None = None,
    allergies: Allergies | None = None,
    bag_hours: int | None = None,
    app_version: str = __version__,
    time_zone: dt.tzinfo | None = None,
    preparation_confirmed: str | None = None,
) -> OrderSheet:
    """The order sheet of blinatumomab ``cycle`` for ``case``, from the engine's ``evaluation``.

    ``printed_at`` (time-zone aware) is the time of this print; ``original_printed_at``
    marks a reprint ("COPY"). ``allergies`` comes from the patient's record when known
    (see :func:`recorded_allergies`); the case file has no allergy list, so by default the
    sheet says allergies are not recorded. The checklist's blinatumomab hypersensitivity
    item is shown either way. ``bag_hours`` picks a bag
    the protocol file offers (default: the cycle's, else the file's default bag).
    ``time_zone`` (default: this machine's) places the daylight-saving note;
    ``preparation_confirmed`` is the site pharmacist's confirmation of the bag make-up
    (who and when), without which the sheet says the figures are not yet verified.
    Raises :class:`OrderNotPossible` with a one-line reason.
    """
    engine = check_order_possible(evaluation, cycle)
    # The sheet is laid out from the engine's order document (the form the context stores).
    result = evaluation.to_json()
    order = next(o for o in result["blinatumomab_orders"] if o["cycle"] == cycle)
    protocol = evaluation.protocol
    plan = _bag_plan(engine, case, bag_hours, protocol)
    if plan.start is None or plan.ends is None:
        raise OrderNotPossible(f"no start time recorded for blinatumomab cycle {cycle}: the bag "
                               "schedule needs the start date and time (HH:MM, local)")
    warnings = [w for w in order["warnings"] if w != (engine.bag_plan.fluid.warning
                                                      if engine.bag_plan else None)]
    if plan.fluid.warning:
        warnings.append(plan.fluid.warning)
    dst = daylight_saving_note(plan.start, plan.ends, clock_changes(plan.start, plan.ends,
                                                                    time_zone))
    p = case.patient
    checklist = case.blinatumomab_checklist
    hypersensitivity = checklist.hypersensitivity if checklist else None
    start = _date(order["start_date"])
    stop = _date(order["stop_date"])
    assert start is not None and stop is not None  # checked in check_order_possible
    dose_rules = tuple(_rule(r) for r in order["rules"] if r["rule"].startswith("R-DOSE"))
    phase = protocol.phases.get(f"blinatumomab_{cycle}", f"Blinatumomab cycle {cycle}")
    limit = float(protocol.dosing["weight_change_confirm_fraction"])
    return OrderSheet(
        patient=PatientIdentity(p.study_id, p.date_of_birth, p.name, p.hospital_number),
        allergies=_with_checklist(allergies, hypersensitivity),
        clinical=_clinical(case, result),
        treatment=Treatment(cycle, phase, order["steps"][0]["first_day"],
                            order["steps"][-1]["last_day"], start, stop, plan.start, plan.ends,
                            dst, _restart_times(case, engine)),
        measurements=Measurements(
            order["weight_kg"], _date(order["weight_date"]), order["height_cm"],
            _date(order["height_date"]), order["bsa_m2"], order["bsa_unrounded"],
            order.get("bsa_formula_text") or order["bsa_formula"], order["bsa_decimals"],
            _weight_change(case, order, limit)),
        drug=Drug(str(protocol.dosing["drug"]), str(protocol.dosing["route"]), order["marrow"],
                  _steps(order), _bag(plan), tuple(order["handling"]),
                  int(protocol.dosing["dose_decimals"]), dose_rules, _scheduled_bags(plan),
                  _preparation(plan, preparation_confirmed), _fluid(plan)),
        premedication=_premedication(order, plan),
        monitoring=MONITORING,
        document=DocumentInfo(order_id, protocol.name, protocol.version, app_version, printed_at,
                              original_printed_at),
        status=status or OrderStatus(),
        warnings=tuple(warnings),
        patient_doses=_patient_doses(order),
    )


# --- the stored form of a sheet ----------------------------------------------------------
#
# A started order stores the sheet's content (everything but the document line and the
# signature status) as plain JSON, so a later print lays out exactly what was signed and
# verified, without evaluating the case again.

def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_to_plain(item) for item in value]
    if isinstance(value, dt.date):  # dt.datetime is a dt.date too
        return value.isoformat()
    return value


def sheet_content(sheet: OrderSheet) -> dict[str, Any]:
    """The sheet as plain JSON values, without ``document`` and ``status``."""
    data: dict[str, Any] = _to_plain(sheet)
    data.pop("document")
    data.pop("status")
    return data


def _from_plain(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _from_plain(options[0], value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_from_plain(item, v) for v in value)
    if origin is typing.Literal:
        return value
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is float:
        return float(value)
    if dataclasses.is_dataclass(kind):
        cls: Any = kind
        hints = typing.get_type_hints(cls)
        return cls(**{f.name: _from_plain(hints[f.name], value[f.name])
                       for f in dataclasses.fields(kind) if f.name in value})
    return value


def sheet_from_content(content: dict[str, Any], document: DocumentInfo,
                       status: OrderStatus) -> OrderSheet:
    """The :class:`OrderSheet` stored by :func:`sheet_content`, with this print's document
    line and signature status."""
    hints = typing.get_type_hints(OrderSheet)
    values = {f.name: _from_plain(hints[f.name], content[f.name])
              for f in dataclasses.fields(OrderSheet)
              if f.name not in ("document", "status") and f.name in content}
    return OrderSheet(document=document, status=status, **values)
