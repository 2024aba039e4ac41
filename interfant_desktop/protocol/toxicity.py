"""The label's actions for a toxicity assessment (RULES.md "Toxicity", S4), for this patient.

For each recorded assessment: the CRS and ICANS grades (``toxicity_grading``) and every
rule of the label's table that applies, most severe first, with the action word for
blinatumomab (``continue``, ``interrupt``, ``discontinue``, ``consider_discontinuing``),
the restart dose (5 mcg/m²/day from the cycle's printed BSA, capped at 9 mcg/day) and
dexamethasone (5 mg/m², max 8 mg) in mcg and mg for this patient. CRS and ICANS are
judged separately, so both may give a rule.

The conditional parts are judged from the record and said in the text:
R-TOX-NEURO-3 (discontinue if it occurred at 5 mcg/m²/day or took > 7 days to resolve),
R-TOX-OTHER-3 (> 14 days to resolve) and R-TOX-SEIZURE (the seizure count).
The action word stays the table's (``interrupt``) as the contract says; the conditions,
met or not or not yet known, are listed with the action.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from interfant_desktop.protocol.case import BlinatumomabCycle, Case, ToxicityAssessment
from interfant_desktop.protocol.dosing import CycleOrder
from interfant_desktop.protocol.interruptions import InfusionClock, infusion_clock
from interfant_desktop.protocol.local_time import local_iso, local_text
from interfant_desktop.protocol.patient_doses import PatientDose, daily_cap, patient_dose
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.toxicity_grading import Grade, grade_crs, grade_icans
from interfant_desktop.protocol.toxicity_record import (
    GradedAssessment,
    Resolution,
    SeizureCount,
    icans_grade,
    other_resolution,
    resolution_of,
    running_dose,
    seizure_counts,
)

ActionWord = Literal["continue", "interrupt", "discontinue", "consider_discontinuing"]
SEVERITY: dict[str, int] = {"discontinue": 3, "consider_discontinuing": 2, "interrupt": 1, "continue": 0}
#: Table order of the rules (ties of severity keep it).
TABLE = ("R-TOX-CRS-4", "R-TOX-SEIZURE", "R-TOX-NEURO-4", "R-TOX-OTHER-4", "R-TOX-CRS-3",
         "R-TOX-NEURO-3", "R-TOX-OTHER-3", "R-TOX-CRS-12")


@quick_init
@dataclass(frozen=True, slots=True)
class Condition:
    """A "discontinue permanently if …" condition, judged from the record (None = not known yet)."""

    text: str
    met: bool | None
    detail: str
    negative: str  # the condition not met, e.g. "it resolved within 7 days"

    def to_json(self) -> dict[str, Any]:
        return {"condition": self.text, "met": self.met, "detail": self.detail}


@quick_init
@dataclass(frozen=True, slots=True)
class ToxicityAction:
    """One rule of the label's table that applies, with the doses for this patient."""

    reason: Reason
    blinatumomab: ActionWord
    restart: PatientDose | None = None
    dexamethasone: PatientDose | None = None
    conditions: tuple[Condition, ...] = ()
    judgement: str = ""
    not_computed: str = ""

    @property
    def rule(self) -> str:
        return self.reason.rule

    @property
    def discontinue_permanently(self) -> bool | None:
        """For a conditional rule: True if a condition is met, False if none can be, else None."""
        if not self.conditions:
            return self.blinatumomab == "discontinue"
        if any(c.met for c in self.conditions):
            return True
        return False if all(c.met is False for c in self.conditions) else None

    @property
    def text(self) -> str:
        """The rule's wording, then what the record says about its conditions."""
        return f"{self.reason.text} {self.judgement}".strip()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule, "blinatumomab": self.blinatumomab,
            "restart_mcg_per_m2_day": None if self.restart is None else self.restart.per_m2_number,
            "restart_mcg_per_day": None if self.restart is None else self.restart.amount,
            "dexamethasone_mg": None if self.dexamethasone is None else self.dexamethasone.amount,
            "source": self.reason.source, "text": self.text, "detail": self.reason.detail,
            "discontinue_conditions": [c.to_json() for c in self.conditions],
            "discontinue_permanently": self.discontinue_permanently,
            "new_signed_order_needed": self.restart is not None,
        }
        if self.restart is not None:
            out["restart_calculation"] = self.restart.describe("mcg", "/day")
        if self.dexamethasone is not None:
            out["dexamethasone_calculation"] = self.dexamethasone.describe("mg")
        if self.not_computed:
            out["doses_not_computed"] = self.not_computed
        if not self.reason.verified:
            out["verified"] = False
        return out


@quick_init
@dataclass(frozen=True, slots=True)
class ToxicityResult:
    """One assessment's grades and actions (``interfant-evaluation/1`` ``toxicity[]``)."""

    assessment: ToxicityAssessment
    crs: Grade
    icans: Grade
    seizures: SeizureCount
    actions: tuple[ToxicityAction, ...]
    grading_system: str

    def to_json(self) -> dict[str, Any]:
        other = self.assessment.other
        return {
            "at": local_iso(self.assessment.at), "cycle": self.assessment.cycle,
            "crs_grade": self.crs.grade, "icans_grade": self.icans.grade,
            "actions": [a.to_json() for a in self.actions],
            "grading_system": self.grading_system,
            "crs": self.crs.to_json(), "icans": self.icans.to_json(),
            "other": None if other is None else {"term": other.term, "grade": other.grade,
                                                 "days_to_resolve": other.days_to_resolve},
            "seizures_this_treatment": self.seizures.count, "seizure_detail": self.seizures.detail,
        }


@quick_init
@dataclass(frozen=True, slots=True)
class _CycleContext:
    """What the actions need from the assessment's cycle: its order (printed BSA, steps),
    its record (start, interruptions) and its infusion clock."""

    cycle: BlinatumomabCycle | None
    order: CycleOrder | None
    clock: InfusionClock | None


def grade_assessments(assessments: Sequence[ToxicityAssessment], protocol: Protocol) -> tuple[
        GradedAssessment, ...]:
    """Every assessment with its grades, in time order (the record's order for equal times)."""
    ordered = sorted(assessments, key=lambda a: a.at)
    return tuple(GradedAssessment(a, grade_crs(a.crs, protocol), grade_icans(a.icans, protocol))
                 for a in ordered)


def assess_toxicity(case: Case, orders: Sequence[CycleOrder], protocol: Protocol) -> tuple[
        ToxicityResult, ...]:
    """One result per recorded assessment, in input order."""
    if not case.toxicity:
        return ()
    record = grade_assessments(case.toxicity, protocol)
    contexts = {}
    for cycle in case.blinatumomab:
        order = next((o for o in orders if o.cycle == cycle.cycle), None)
        contexts[cycle.cycle] = _CycleContext(cycle, order, infusion_clock(cycle, protocol))
    system = str(protocol.toxicity["grading_system"])
    where = {id(g.assessment): i for i, g in enumerate(record)}
    counts = seizure_counts(record)
    results = []
    for assessment in case.toxicity:
        index = where[id(assessment)]
        context = contexts.get(assessment.cycle, _CycleContext(None, None, None))
        graded = record[index]
        seizures = counts[index]
        actions = _actions(record, index, context, seizures, protocol)
        results.append(ToxicityResult(assessment, graded.crs, graded.icans, seizures, actions, system))
    return tuple(results)


def _actions(record: Sequence[GradedAssessment], index: int, context: _CycleContext,
             seizures: SeizureCount, protocol: Protocol) -> tuple[ToxicityAction, ...]:
    graded = record[index]
    crs, icans = graded.crs.grade, graded.icans.grade
    other = graded.assessment.other
    found: list[ToxicityAction] = []
    if crs is not None and crs >= 1:
        found.append(_crs_action(crs, graded.crs, context, protocol))
    limit = int(protocol.toxicity["actions"]["seizures_discontinue_above"])
    if seizures.count is not None and seizures.count > limit:
        found.append(ToxicityAction(because(protocol, "R-TOX-SEIZURE", seizures.detail), "discontinue",
                                    judgement=f"From the record: {seizures.count} seizures through the "
                                              f"treatment (more than {limit}): discontinue permanently."))
    if icans == 4:
        found.append(ToxicityAction(because(protocol, "R-TOX-NEURO-4", graded.icans.summary), "discontinue"))
    elif icans == 3:
        found.append(_neuro_3(record, index, context, protocol))
    if other is not None and other.grade == 4:
        found.append(ToxicityAction(because(protocol, "R-TOX-OTHER-4", f"{other.term}, grade 4"),
                                    "consider_discontinuing"))
    elif other is not None and other.grade == 3:
        found.append(_other_3(record, index, context, protocol))
    return tuple(sorted(found, key=lambda a: (-SEVERITY[a.blinatumomab], TABLE.index(a.rule))))


def _restart_dose(context: _CycleContext, protocol: Protocol) -> tuple[PatientDose | None, str]:
    """5 mcg/m²/day for this patient from the cycle's printed BSA, capped at 9 mcg/day."""
    cfg = protocol.toxicity["actions"]
    per_m2 = float(cfg["restart_mcg_per_m2_day"])
    if context.order is None:
        return None, "the assessment's cycle has no order in the record: no dose can be computed"
    order = context.order
    cap = daily_cap(protocol, per_m2, order.weight_kg)
    return patient_dose(per_m2, order.bsa_m2, cap, int(protocol.dosing["dose_decimals"])), ""


def _dexamethasone(context: _CycleContext, protocol: Protocol) -> PatientDose | None:
    dex = protocol.toxicity["actions"]["dexamethasone"]
    if context.order is None:
        return None
    return patient_dose(float(dex["mg_per_m2"]), context.order.bsa_m2, float(dex["max_mg"]),
                        int(dex["dose_decimals"]))


def _dex_detail(dex: PatientDose | None, protocol: Protocol) -> str:
    cfg = protocol.toxicity["actions"]["dexamethasone"]
    if dex is None:
        return ""
    return (f"dexamethasone {dex.shown} mg ({dex.describe('mg')}) every {cfg['every_hours']} hours "
            f"{cfg['route']} for up to {cfg['up_to_days']} days, then taper over {cfg['taper_days']} days")


def _restart_detail(restart: PatientDose | None, protocol: Protocol) -> str:
    cfg = protocol.toxicity["actions"]
    if restart is None:
        return ""
    return (f"restart at {restart.shown} mcg/day ({restart.describe('mcg', '/day')}), "
            f"then {cfg['step_up_mcg_per_m2_day']} mcg/m²/day after {cfg['step_up_after_days']} days "
            "if it does not recur; a new signed and verified order")


def _crs_action(grade: int, crs: Grade, context: _CycleContext, protocol: Protocol) -> ToxicityAction:
    if grade <= 2:
        return ToxicityAction(because(protocol, "R-TOX-CRS-12", crs.summary), "continue")
    dex = _dexamethasone(context, protocol)
    missing = "" if dex is not None else "the assessment's cycle has no order in the record: no dose computed"
    if grade == 3:
        restart, not_computed = _restart_dose(context, protocol)
        detail = "; ".join(x for x in (crs.summary, _dex_detail(dex, protocol),
                                       _restart_detail(restart, protocol)) if x)
        return ToxicityAction(because(protocol, "R-TOX-CRS-3", detail), "interrupt", restart, dex,
                              not_computed=not_computed)
    detail = "; ".join(x for x in (crs.summary, _dex_detail(dex, protocol)) if x)
    return ToxicityAction(because(protocol, "R-TOX-CRS-4", detail), "discontinue", dexamethasone=dex,
                          not_computed=missing)


def _occurred_at_reduced_dose(record: Sequence[GradedAssessment], since: dt.datetime,
                              context: _CycleContext, protocol: Protocol) -> Condition:
    per_m2 = float(protocol.toxicity["actions"]["restart_mcg_per_m2_day"])
    text, negative = f"it occurred at {per_m2:g} mcg/m²/day", f"it did not occur at {per_m2:g} mcg/m²/day"
    if context.cycle is None or context.order is None or context.clock is None:
        return Condition(text, None, "the assessment's cycle is not in the record", negative)
    dose = running_dose(since, context.order.steps, context.clock, context.cycle.start_date,
                        _reduced_restarts(record, since, context.cycle),
                        per_m2, int(protocol.toxicity["actions"]["step_up_after_days"]))
    if dose.mcg_per_m2_day is None:
        return Condition(text, None, f"the dose at {local_text(since)} is not known: {dose.detail}", negative)
    return Condition(text, dose.mcg_per_m2_day == per_m2,
                     f"{dose.mcg_per_m2_day:g} mcg/m²/day at {local_text(since)} ({dose.detail})", negative)


def _reduced_restarts(record: Sequence[GradedAssessment], before: dt.datetime,
                      cycle: BlinatumomabCycle) -> list[dt.datetime]:
    """Restarts that followed an earlier grade-3 toxicity of this cycle (restarted at the reduced
    dose by R-TOX-CRS-3 / NEURO-3 / OTHER-3): the first restart after each such assessment."""
    restarts = sorted(i.restarted for i in cycle.interruptions if i.restarted is not None)
    out = set()
    for g in record:
        if g.at >= before:
            break   # the record is in time order
        other = g.assessment.other
        if g.assessment.cycle == cycle.cycle and (
                3 in (g.crs.grade, g.icans.grade) or (other is not None and other.grade == 3)):
            position = bisect.bisect_right(restarts, g.at)
            if position < len(restarts) and restarts[position] <= before:
                out.add(restarts[position])
    return sorted(out)


def _resolution_condition(resolution: Resolution, days: int) -> Condition:
    return Condition(f"it took more than {days} days to resolve", resolution.longer_than(days),
                     resolution.describe(), f"it resolved within {days} days")


def _judgement(conditions: Sequence[Condition]) -> str:
    met = [c.text for c in conditions if c.met]
    if met:
        return f"From the record: {'; '.join(met)}: discontinue permanently."
    unknown = [c.text for c in conditions if c.met is None]
    if unknown:
        return f"From the record, not known yet whether {' or '.join(unknown)}."
    return f"From the record: {'; '.join(c.negative for c in conditions)}: no reason to discontinue."


def _neuro_3(record: Sequence[GradedAssessment], index: int, context: _CycleContext,
             protocol: Protocol) -> ToxicityAction:
    cfg = protocol.toxicity["actions"]
    resolution = resolution_of(record, index, icans_grade, int(cfg["resolved_max_grade"]),
                               int(cfg["resolved_sustained_days"]))
    conditions = (_occurred_at_reduced_dose(record, resolution.since, context, protocol),
                  _resolution_condition(resolution, int(cfg["neuro_discontinue_after_days"])))
    restart, not_computed = _restart_dose(context, protocol)
    detail = "; ".join(x for x in (record[index].icans.summary, _restart_detail(restart, protocol)) if x)
    return ToxicityAction(because(protocol, "R-TOX-NEURO-3", detail), "interrupt", restart,
                          conditions=conditions, judgement=_judgement(conditions), not_computed=not_computed)


def _other_3(record: Sequence[GradedAssessment], index: int, context: _CycleContext,
             protocol: Protocol) -> ToxicityAction:
    cfg = protocol.toxicity["actions"]
    other = record[index].assessment.other
    assert other is not None
    resolution = other_resolution(record, index, int(cfg["resolved_max_grade"]),
                                  int(cfg["resolved_sustained_days"]))
    conditions = (_resolution_condition(resolution, int(cfg["other_discontinue_after_days"])),)
    restart, not_computed = _restart_dose(context, protocol)
    detail = "; ".join(x for x in (f"{other.term}, grade 3", _restart_detail(restart, protocol)) if x)
    return ToxicityAction(because(protocol, "R-TOX-OTHER-3", detail), "interrupt", restart,
                          conditions=conditions, judgement=_judgement(conditions), not_computed=not_computed)
