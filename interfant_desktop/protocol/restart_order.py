"""The order that restarts a cycle after an interruption (RULES.md "During the infusion", S4).

An interruption of no more than 7 days continues the same cycle to 28 days of infusion,
with the bag schedule re-planned from the restart (R-INT-7D). After an adverse reaction
the label's toxicity actions give the restart dose (R-TOX-CRS-3, R-TOX-NEURO-3,
R-TOX-OTHER-3: 5 mcg/m²/day, capped, then 15 mcg/m²/day after 7 days if it does not
recur). :func:`restarted_evaluation` turns the engine's evaluation of a case whose cycle
has a recorded restart into the evaluation whose cycle order is the restart order:

* its dose steps are what remains of the 672 hours from the restart, at the restart dose
  for the label's 7 days and then at the step-up dose, or (no restart dose: e.g. a line
  or pump problem) at the doses the cycle's own steps give for the hours that remain;
* its numbered bags fill each of those steps from its start (no bag crosses a dose change
  or the end of the infusion; where fewer hours than a bag remain, a 24-hour bag, and a
  last bag of exactly the time that remains, to the minute: R-INT-7D's "total of 28 days"
  and the step-up after 7 days fall on the minute, no bag still running into the next);
* dexamethasone before the restart when the interruption needs it (R-INT-4H);
* its bags numbered on from the course, never from 1 again (:func:`course_bags_before`): the
  bags of the cycle's own plan and of each earlier restart begun before their stop keep
  their numbers, the restart order's first bag takes the next one (and never one the
  bedside record has already used, ``after_bag``), so no two bags of a cycle share a
  number on the screen, the sheet, the labels or the record.

A restart is refused (:class:`RestartNotPossible`, one line with the rule) when the
interruption is still open, when it was longer than the same-cycle limit (a new cycle
needs a new order), or when a toxicity action of the cycle says to discontinue
permanently, or cannot yet say whether it must (the record does not tell yet).
Pure: no clock, no I/O.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interfant_desktop.protocol import spans
from interfant_desktop.protocol.bags import HOURS_PER_DAY, BagPlan, ScheduledBag, make_up
from interfant_desktop.protocol.bags import _product as exact_product
from interfant_desktop.protocol.dosing import CycleOrder, DoseStep
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.interruptions import (
    HOUR,
    InfusionClock,
    InterruptionResult,
    infusion_clock,
    remaining_steps,
)
from interfant_desktop.protocol.local_time import local_iso, local_text
from interfant_desktop.protocol.patient_doses import PatientDose
from interfant_desktop.protocol.quantities import round_half_up, times_half_up
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.toxicity import ToxicityAction


class RestartNotPossible(ValueError):
    """No restart order can be made: the reason, with its rule, in one line."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the restarted infusion at one dose: from ``starts`` for ``hours``."""

    starts: dt.datetime
    hours: float
    given_before: float  # infusion hours of the cycle given when it starts
    dose: DoseStep  # its dose fields (days and dates are set by :func:`_dose_step`)


@dataclass(frozen=True, slots=True)
class RestartInfo:
    """What makes a cycle order a restart order (``blinatumomab_orders[].restart``)."""

    restart_at: dt.datetime
    stopped_at: dt.datetime
    hours_given_before: float
    hours_remaining: float
    ends_at: dt.datetime
    restart_dose: PatientDose | None
    dose_rule: str | None
    reasons: tuple[Reason, ...]
    #: The course's bag numbers before this order: the last bag begun before the stop (or
    #: recorded as hung), and the course's bags begun before the stop (for the timeline).
    bags_before: int = 0
    course_before: tuple[ScheduledBag, ...] = ()

    def to_json(self) -> dict[str, Any]:
        dose = self.restart_dose
        return {"restart_at": local_iso(self.restart_at), "stopped_at": local_iso(self.stopped_at),
                "hours_given_before": self.hours_given_before,
                "hours_remaining": self.hours_remaining, "ends_at": local_iso(self.ends_at),
                "restart_mcg_per_day": None if dose is None else dose.amount,
                "restart_calculation": None if dose is None else dose.describe("mcg", "/day"),
                "dose_rule": self.dose_rule, "reasons": [r.to_json() for r in self.reasons],
                "bags_before": self.bags_before,
                "course_bags_before": [{"number": b.number, "hang": local_iso(b.hang), "hours": b.hours}
                                       for b in self.course_before]}


def _interruption(evaluation: Evaluation, cycle: int, restart_at: dt.datetime) -> InterruptionResult:
    judged = evaluation.interruptions.get(cycle, ())
    found = next((i for i in judged if i.interruption.restarted == restart_at), None)
    if found is None:
        open_stop = next((i for i in judged if i.still_stopped), None)
        if open_stop is not None:
            raise RestartNotPossible(
                f"R-INT-LENGTH: the infusion of cycle {cycle} is stopped since "
                f"{local_text(open_stop.interruption.stopped)} and its restart is not recorded yet")
        raise RestartNotPossible(f"R-INT-LENGTH: no interruption of cycle {cycle} restarted at "
                                 f"{local_text(restart_at)} is recorded")
    if found.continues_same_cycle is False:
        raise RestartNotPossible(f"R-INT-7D: the interruption lasted {found.hours:g} h, more than the "
                                 "same-cycle limit: a new cycle starts with a new order")
    return found


def restart_action(evaluation: Evaluation, cycle: int,
                   restart_at: dt.datetime) -> ToxicityAction | None:
    """The toxicity action that gives the restart dose (the cycle's latest assessment before
    the restart with one), or None when no action of the cycle asks for a reduced restart.
    Refused when an action of the cycle says (or may yet say) to discontinue permanently."""
    chosen: ToxicityAction | None = None
    for result in sorted((t for t in evaluation.toxicity if t.assessment.cycle == cycle
                          and t.assessment.at <= restart_at), key=lambda t: t.assessment.at):
        for action in result.actions:
            if action.discontinue_permanently is True:
                raise RestartNotPossible(f"{action.rule}: {action.blinatumomab.replace('_', ' ')} "
                                         f"permanently ({action.text}); no restart order")
            if action.restart is not None:
                if action.discontinue_permanently is None:
                    raise RestartNotPossible(
                        f"{action.rule}: whether blinatumomab must be discontinued permanently is "
                        f"not known from the record yet ({action.judgement or action.text}); no "
                        "restart order until it is")
                chosen = action
    return chosen


def _step_up_dose(order: CycleOrder, per_m2: float, evaluation: Evaluation) -> DoseStep:
    """The cycle's own step at ``per_m2`` (its capped dose), or the dose computed as the cycle's
    steps are (D11 from the printed BSA, the < 45 kg cap)."""
    own = next((s for s in order.steps if s.dose_mcg_per_m2_day == per_m2), None)
    if own is not None:
        return own
    dosing = evaluation.protocol.dosing
    decimals = int(dosing["dose_decimals"])
    calculated = times_half_up(per_m2, order.bsa_m2, decimals)
    cap = next((float(c["max_mcg_per_day"]) for c in dosing["caps_mcg_per_day"]
                if float(c["mcg_per_m2_day"]) == per_m2), None) \
        if order.weight_kg < float(dosing["low_weight_limit_kg"]) else None
    capped = cap is not None and calculated > cap
    final = cap if capped and cap is not None else calculated
    return DoseStep(1, 1, None, None, per_m2, calculated, round_half_up(final, decimals), cap, capped,
                    (because(evaluation.protocol, "R-DOSE-CAP"),) if cap is not None else ())


def _segments(order: CycleOrder, clock: InfusionClock, restart_at: dt.datetime,
              action: ToxicityAction | None, evaluation: Evaluation) -> tuple[Segment, ...]:
    given = clock.hours_given(restart_at)
    assert given is not None  # a recorded start (checked by the caller)
    if action is None or action.restart is None:
        return tuple(Segment(r.starts, r.hours, given + (r.starts - restart_at) / HOUR, step)
                     for r in remaining_steps(clock, order.steps, restart_at)
                     for step in order.steps if step.first_day == r.first_day)
    cfg = evaluation.protocol.toxicity["actions"]
    dose = action.restart
    left = clock.total_hours - given
    reduced = min(left, float(cfg["step_up_after_days"]) * HOURS_PER_DAY)
    out = [Segment(restart_at, round_half_up(reduced, 2), given, DoseStep(
        1, 1, None, None, dose.per_m2, dose.calculated, dose.amount, dose.cap, dose.capped,
        (action.reason,)))]
    if left > reduced:
        up = _step_up_dose(order, float(cfg["step_up_mcg_per_m2_day"]), evaluation)
        out.append(Segment(restart_at + reduced * HOUR, round_half_up(left - reduced, 2),
                           given + reduced, up._replace(rules=(action.reason, *up.rules[1:]))))
    return tuple(out)


def _day(hours_given: float) -> int:
    return int(hours_given // HOURS_PER_DAY) + 1


def _dose_step(segment: Segment) -> DoseStep:
    ends = segment.starts + segment.hours * HOUR - dt.timedelta(minutes=1)
    # The segment's hours are to 0.01 h: a day it only touches by that rounding is not its own.
    last_day = max(_day(segment.given_before), math.ceil((segment.given_before + segment.hours)
                                                          / HOURS_PER_DAY - 1e-3))
    return segment.dose._replace(first_day=_day(segment.given_before), last_day=last_day,
                                 start_date=segment.starts.date(), end_date=ends.date())


def _bags(segments: Sequence[Segment], plan: BagPlan, first: int) -> tuple[ScheduledBag, ...]:
    """Bags fill each segment from its start: the chosen length, then a 24-hour bag, then a
    last bag of exactly what remains, to the minute, at the 24-hour bag's rate (its mcg and
    volume for those minutes, as "Preparing the bag" computes them for any length), so the
    next dose, or the end of the 28 days, begins on the minute and no bag runs into it.
    Numbered from ``first``."""
    prep = plan.preparation
    by_hours = {o.hours: o for o in plan.options}
    short = by_hours[prep.short_bag_hours]
    longest, shorter = 60 * plan.bag_hours, 60 * prep.short_bag_hours
    bags: list[ScheduledBag] = []
    for segment in segments:
        done, total = 0, round(segment.hours * 60)  # the segment's exact minutes
        while done < total:
            left = total - done
            minutes = longest if left >= longest else shorter if left >= shorter else left
            hours = spans.bag_hours(minutes)
            option = by_hours.get(hours, short) if isinstance(hours, int) else short
            dose = segment.dose
            mcg = round_half_up(exact_product(dose.dose_mcg_per_day, hours / HOURS_PER_DAY),
                                prep.mcg_decimals)
            infused = round_half_up(exact_product(option.rate_ml_per_h, hours), prep.volume_decimals)
            given = segment.given_before + done / 60
            day = _day(given)
            bags.append(ScheduledBag(
                first + len(bags), segment.starts + dt.timedelta(minutes=done), hours, day,
                max(day, math.ceil((given + minutes / 60) / HOURS_PER_DAY - 1e-9)),
                dose.dose_mcg_per_m2_day, dose.dose_mcg_per_day, option.rate_ml_per_h,
                make_up(mcg, infused, prep)))
            done += minutes
    return tuple(bags)


def _premedication(order: CycleOrder, stop: InterruptionResult) -> dict[str, Any]:
    """Dexamethasone before the restart when the interruption needs it (R-INT-4H)."""
    base = dict(order.premedication)
    dex = stop.dexamethasone
    if not stop.dexamethasone_before_restart or dex is None:
        return {**base, "when": [], "note": "no dexamethasone needed before this restart (R-INT-4H)"}
    return {**base, "mg_per_m2": dex.per_m2_number, "max_mg": dex.cap, "dose_mg_calculated": dex.calculated,
            "dose_mg": dex.amount, "capped": dex.capped,
            "when": [f"before the first dose of the restart ({stop.hours:g} h interruption in cycle "
                     f"{stop.cycle})"],
            "note": f"R-INT-4H: {dex.describe('mg')}; supervision or hospitalisation at the restart"}


def course_bags_before(evaluation: Evaluation, cycle: int,
                       restart_at: dt.datetime) -> tuple[ScheduledBag, ...]:
    """The bags of the course begun before the interruption that restarted at ``restart_at``:
    of the cycle's own plan, then of each earlier restart's plan, those hung up to its next
    stop (a bag due at the very minute of a stop counts as begun: a number skipped is
    harmless, a number used twice is not)."""
    order = evaluation.order_for(cycle)
    plan = () if order is None or order.bag_plan is None else order.bag_plan.bags
    course: list[ScheduledBag] = []
    for stop in sorted(evaluation.interruptions.get(cycle, ()), key=lambda i: i.interruption.stopped):
        last = course[-1].number if course else 0
        course += [b for b in plan if b.hang <= stop.interruption.stopped and b.number > last]
        restarted = stop.interruption.restarted
        if restarted is None or restarted >= restart_at:
            break
        try:
            replanned = restarted_order(evaluation, cycle, restarted).bag_plan
        except RestartNotPossible:  # that restart had no order: its numbers are not used
            continue
        plan = () if replanned is None else replanned.bags
    return tuple(course)


def restarted_order(evaluation: Evaluation, cycle: int, restart_at: dt.datetime,
                    after_bag: int = 0) -> CycleOrder:
    """The cycle's order restarted at ``restart_at`` (see the module docstring); its bags are
    numbered after the course's and after ``after_bag``, the highest bag number the bedside
    record has used in the cycle (a bag replaced early is recorded as the next bag)."""
    order = evaluation.order_for(cycle)
    record = next((c for c in evaluation.case.blinatumomab if c.cycle == cycle), None)
    if order is None or record is None or order.bag_plan is None or order.bag_plan.start is None:
        raise RestartNotPossible(f"R-BAG-SCHEDULE: cycle {cycle} has no order with a start date and "
                                 "time to restart")
    stop = _interruption(evaluation, cycle, restart_at)
    protocol = evaluation.protocol
    clock = infusion_clock(record, protocol)
    action = restart_action(evaluation, cycle, restart_at)
    segments = _segments(order, clock, restart_at, action, evaluation)
    if not segments:
        raise RestartNotPossible(f"R-INT-7D: no infusion hours of cycle {cycle} remain after "
                                 f"{local_text(restart_at)}")
    given = clock.hours_given(restart_at) or 0.0
    left = round_half_up(clock.total_hours - given, 2)
    # The end to the minute (times are recorded to the minute; ``left`` is to 0.01 h).
    ends = restart_at + dt.timedelta(minutes=round((clock.total_hours - given) * 60))
    course = course_bags_before(evaluation, cycle, restart_at)
    before = max([after_bag, *(b.number for b in course)])
    plan = dataclasses.replace(order.bag_plan, start=restart_at, ends_at=ends, bags=())
    plan = dataclasses.replace(plan, bags=_bags(segments, plan, before + 1))
    reasons = [*(r for r in stop.reasons if r.rule in ("R-INT-7D", "R-INT-4H")),
               because(protocol, "R-BAG-SCHEDULE",
                       f"re-planned from the restart {local_text(restart_at)}: {left:g} h of infusion "
                       f"remain, ending {local_text(ends)}; a bag shorter than a day runs exactly "
                       "the time that remains (its mcg and volume for those minutes); bags numbered "
                       "on from bag "
                       f"{before} of the course: the first bag of this order is bag {before + 1}")]
    if action is not None and action.restart is not None:
        cfg = protocol.toxicity["actions"]
        reasons.append(because(protocol, action.rule,
                               f"restart at {action.restart.shown} mcg/day "
                               f"({action.restart.describe('mcg', '/day')}) for "
                               f"{cfg['step_up_after_days']} days, then "
                               f"{cfg['step_up_mcg_per_m2_day']} mcg/m²/day if it does not recur"))
    info = RestartInfo(restart_at, stop.interruption.stopped, round_half_up(given, 2), left, ends,
                       None if action is None else action.restart,
                       None if action is None else action.rule, tuple(reasons), before, course)
    return dataclasses.replace(order, start_date=restart_at.date(),
                               steps=[_dose_step(s) for s in segments], bag_plan=plan,
                               premedication=_premedication(order, stop),
                               rules=[*order.rules, *reasons], restart=info)


def restarted_evaluation(evaluation: Evaluation, cycle: int, restart_at: dt.datetime,
                         after_bag: int = 0) -> Evaluation:
    """``evaluation`` with the cycle's order replaced by its restart order."""
    new = restarted_order(evaluation, cycle, restart_at, after_bag)
    return dataclasses.replace(evaluation,
                               orders=tuple(new if o.cycle == cycle else o for o in evaluation.orders))
