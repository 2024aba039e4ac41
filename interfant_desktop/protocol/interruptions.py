"""Interruptions of the blinatumomab infusion (RULES.md "During the infusion", S4).

A cycle is 28 days (672 hours) of infusion. An interruption stops the clock: the
hours before and after it count, so the cycle ends later. :class:`InfusionClock`
answers "how many hours of this cycle have run at time t" from the recorded start and
interruptions; :func:`assess_interruptions` judges each interruption:

- its length in hours to 0.01, the 4-hour test on the exact minutes (≥ 240);
- dexamethasone before the restart (≥ 4 h in cycle 1) with the dose in mg for this
  patient, and supervision or hospitalisation at the restart (R-INT-4H, R-HOSP-RESTART);
- whether the same cycle continues (≤ 7 days) or a new cycle is needed (R-INT-7D);
- the infusion hours given before it and remaining after it.

While an interruption is still open, the restart questions are not yet known (null).
Times are local wall-clock times (naive date-times), as the case file records them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interfant_desktop.protocol import spans
from interfant_desktop.protocol.case import BlinatumomabCycle, Interruption
from interfant_desktop.protocol.dosing import DoseStep
from interfant_desktop.protocol.local_time import local_iso, local_text
from interfant_desktop.protocol.patient_doses import PatientDose, restart_premedication
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import round_half_up
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because

HOUR = dt.timedelta(hours=1)


def cycle_start(cycle: BlinatumomabCycle) -> dt.datetime | None:
    """The recorded start of the cycle's infusion (date and time), or None without both."""
    if cycle.start_date is None or cycle.start_time is None:
        return None
    return dt.datetime.combine(cycle.start_date, cycle.start_time)


def _minutes(span: dt.timedelta) -> int:
    return int(span.total_seconds() // 60)


@quick_init
@dataclass(frozen=True, slots=True)
class InfusionClock:
    """Infusion time of one cycle, from its start and its interruptions.

    ``ends_cycle_at`` is the stop of an interruption longer than the same-cycle limit:
    the cycle ended there (a new cycle needs a new order), so its clock stops for good.
    """

    start: dt.datetime | None
    stops: tuple[tuple[dt.datetime, dt.datetime | None], ...]  # merged, sorted (stop, restart)
    total_hours: int
    ends_cycle_at: dt.datetime | None

    def hours_given(self, at: dt.datetime) -> float | None:
        """Hours of infusion of this cycle given by ``at`` (None without a start time)."""
        if self.start is None:
            return None
        until = at if self.ends_cycle_at is None else min(at, self.ends_cycle_at)
        if until <= self.start:
            return 0.0
        running = until - self.start
        for stop, restart in self.stops:
            lo, hi = max(stop, self.start), min(restart or until, until)
            if hi > lo:
                running -= hi - lo
        return min(running / HOUR, float(self.total_hours))

    def infusion_day(self, at: dt.datetime) -> int | None:
        """The day of the cycle (1–28) whose dose runs at ``at``: day 1 = the first 24 h given.
        During a stop, the day at which the infusion stopped; after the end, day 28."""
        hours = self.hours_given(at)
        if hours is None or (self.start is not None and at < self.start):
            return None
        return min(int(hours // 24) + 1, self.total_hours // 24)

    def when_given(self, hours: float) -> dt.datetime | None:
        """The moment ``hours`` of infusion will have been given (e.g. 168 h: the day-8 step-up),
        shifted by the stops before it; None while a stop before it is still open."""
        if self.start is None:
            return None
        moment = self.start + hours * HOUR
        for stop, restart in self.stops:
            if stop >= moment:
                break
            if restart is None:
                return None
            moment += restart - max(stop, self.start)
        if self.ends_cycle_at is not None and moment > self.ends_cycle_at:
            return None
        return moment

    def planned_end(self) -> dt.datetime | None:
        """When the 28 days of infusion are complete, if nothing else stops it; None while
        stopped (the restart is not known) or when the cycle ended early."""
        return self.when_given(float(self.total_hours))


def _merged(interruptions: Sequence[Interruption]) -> tuple[tuple[dt.datetime, dt.datetime | None], ...]:
    """Stops as disjoint intervals (overlapping records are counted once)."""
    out: list[tuple[dt.datetime, dt.datetime | None]] = []
    for item in sorted(interruptions, key=lambda i: i.stopped):
        last_restart = out[-1][1] if out else item.stopped
        if out and (last_restart is None or item.stopped <= last_restart):
            restart = None if last_restart is None or item.restarted is None \
                else max(last_restart, item.restarted)
            out[-1] = (out[-1][0], restart)
        else:
            out.append((item.stopped, item.restarted))
    return tuple(out)


def infusion_clock(cycle: BlinatumomabCycle, protocol: Protocol) -> InfusionClock:
    """The clock of one cycle from its recorded start and interruptions."""
    settings = protocol.infusion
    if not cycle.interruptions:  # nearly every cycle: nothing stopped it
        return InfusionClock(cycle_start(cycle), (), int(settings["total_infusion_days"]) * 24, None)
    limit = spans.days(int(settings["same_cycle_max_days"]))
    ended = next((i.stopped for i in sorted(cycle.interruptions, key=lambda i: i.stopped)
                  if i.restarted is not None and i.restarted - i.stopped > limit), None)
    return InfusionClock(cycle_start(cycle), _merged(cycle.interruptions),
                         int(settings["total_infusion_days"]) * 24, ended)


@quick_init
@dataclass(frozen=True, slots=True)
class InterruptionResult:
    """What the engine says about one interruption (contract fields plus explanations)."""

    cycle: int
    interruption: Interruption
    minutes: int | None
    hours: float | None
    dexamethasone_before_restart: bool | None
    dexamethasone: PatientDose | None
    supervision_at_restart: bool | None
    continues_same_cycle: bool | None
    infusion_hours_before: float | None
    infusion_hours_remaining: float | None
    restart_infusion_day: int | None
    reasons: tuple[Reason, ...]

    @property
    def still_stopped(self) -> bool:
        return self.interruption.restarted is None

    def to_json(self) -> dict[str, Any]:
        dex = self.dexamethasone
        return {
            "stopped": local_iso(self.interruption.stopped),
            "restarted": local_iso(self.interruption.restarted),
            "reason": self.interruption.reason,
            "hours": self.hours,
            "minutes": self.minutes,
            "dexamethasone_before_restart": self.dexamethasone_before_restart,
            "dexamethasone_mg": None if dex is None else dex.amount,
            "dexamethasone_calculation": None if dex is None else dex.describe("mg"),
            "supervision_at_restart": self.supervision_at_restart,
            "continues_same_cycle": self.continues_same_cycle,
            "infusion_hours_before": self.infusion_hours_before,
            "infusion_hours_remaining": self.infusion_hours_remaining,
            "infusion_days_remaining": None if self.infusion_hours_remaining is None
            else round_half_up(self.infusion_hours_remaining / 24, 2),
            "restart_infusion_day": self.restart_infusion_day,
            "reasons": [r.to_json() for r in self.reasons],
        }


def assess_interruption(item: Interruption, cycle: BlinatumomabCycle, bsa_m2: float,
                        clock: InfusionClock, protocol: Protocol) -> InterruptionResult:
    """Judge one interruption of ``cycle`` (R-INT-LENGTH, R-INT-4H, R-INT-7D, R-HOSP-RESTART)."""
    settings = protocol.infusion
    decimals = int(settings["interruption_hours_decimals"])
    premed_minutes = int(settings["restart_premedication_min_minutes"])
    supervision_minutes = int(settings["restart_supervision_min_minutes"])
    max_days = int(settings["same_cycle_max_days"])
    before = clock.hours_given(item.stopped)
    remaining = None if before is None else round_half_up(clock.total_hours - before, decimals)
    day = None if before is None else min(int(before // 24) + 1, clock.total_hours // 24)
    if item.restarted is None:
        open_reason = because(protocol, "R-INT-LENGTH",
                              f"stopped {local_text(item.stopped)}, not restarted yet: whether the restart "
                              "needs dexamethasone and whether the cycle continues are not known yet")
        return InterruptionResult(cycle.cycle, item, None, None, None, None, None, None,
                                  round_half_up(before, decimals) if before is not None else None,
                                  remaining, day, (open_reason,))
    minutes = _minutes(item.restarted - item.stopped)
    hours = round_half_up(minutes / 60, decimals)
    needs_dex = cycle.cycle in settings["restart_premedication_cycles"] and minutes >= premed_minutes
    supervised = minutes >= supervision_minutes
    continues = minutes <= max_days * 24 * 60
    dex = restart_premedication(protocol, bsa_m2) if needs_dex else None
    reasons = [because(protocol, "R-INT-LENGTH", f"{minutes} minutes = {hours:g} h")]
    test = "≥" if minutes >= premed_minutes else "<"
    if dex is not None:
        reasons.append(because(
            protocol, "R-INT-4H",
            f"{minutes} min {test} {premed_minutes} min in cycle {cycle.cycle}: dexamethasone {dex.shown} mg "
            f"({dex.describe('mg')}) before the restart, and supervision or hospitalisation"))
    else:
        where = f"cycle {cycle.cycle}" if minutes >= premed_minutes \
            else f"{minutes} min {test} {premed_minutes} min"
        reasons.append(because(protocol, "R-INT-4H", f"no dexamethasone needed before the restart ({where})"))
    if supervised:
        reasons.append(because(protocol, "R-HOSP-RESTART",
                               f"{hours:g} h: supervise or hospitalise at the restart"))
    length_days = round_half_up(minutes / 1440, 2)
    if continues:
        detail = f"{length_days:g} days ≤ {max_days} days: the same cycle continues"
        if remaining is not None:
            detail += f"; {remaining:g} h ({round_half_up(remaining / 24, 2):g} days) of infusion remain " \
                      f"from the restart, from day {day}; the bags are re-planned from the restart"
    else:
        detail = f"{length_days:g} days > {max_days} days: a new cycle starts (a new order)"
    reasons.append(because(protocol, "R-INT-7D", detail))
    return InterruptionResult(
        cycle.cycle, item, minutes, hours, needs_dex, dex, supervised, continues,
        None if before is None else round_half_up(before, decimals),
        remaining if continues else None, day if continues else None, tuple(reasons))


def assess_interruptions(cycle: BlinatumomabCycle, bsa_m2: float,
                         protocol: Protocol) -> tuple[InterruptionResult, ...]:
    """Every interruption of ``cycle``, in the order recorded."""
    if not cycle.interruptions:
        return ()
    clock = infusion_clock(cycle, protocol)
    return tuple(assess_interruption(i, cycle, bsa_m2, clock, protocol) for i in cycle.interruptions)


@quick_init
@dataclass(frozen=True, slots=True)
class RemainingStep:
    """The part of a dose step still to infuse after a restart: from ``starts`` for ``hours``
    (the bag schedule is re-planned from these, RULES.md "During the infusion")."""

    first_day: int
    last_day: int
    dose_mcg_per_m2_day: float
    dose_mcg_per_day: float
    starts: dt.datetime
    hours: float

    def to_json(self) -> dict[str, Any]:
        return {"first_day": self.first_day, "last_day": self.last_day,
                "dose_mcg_per_m2_day": self.dose_mcg_per_m2_day, "dose_mcg_per_day": self.dose_mcg_per_day,
                "starts": local_iso(self.starts), "hours": self.hours}


def remaining_steps(clock: InfusionClock, steps: Sequence[DoseStep], restart: dt.datetime) -> tuple[
        RemainingStep, ...]:
    """What remains of each dose step when the infusion restarts at ``restart`` (no later stop
    assumed): the first part starts at the restart, the others when their hours are reached."""
    given = clock.hours_given(restart)
    if given is None or clock.start is None:
        return ()
    out = []
    for step in steps:
        low, high = (step.first_day - 1) * 24.0, step.last_day * 24.0
        if high <= given:
            continue
        begin = max(low, given)
        starts = restart + (begin - given) * HOUR
        out.append(RemainingStep(step.first_day, step.last_day, step.dose_mcg_per_m2_day,
                                 step.dose_mcg_per_day, starts, round_half_up(high - begin, 2)))
    return tuple(out)
