"""A read-only timeline of one blinatumomab cycle, day by day, for the GUI to show.

Calendar days from the cycle's start date to the end of its 28 days of infusion (later
by the length of its interruptions), each with the bags hung, the interruptions, the
toxicity assessments with their grades and actions, the worst grade of the day, the
premedication due and whether the label's hospitalisation period covers it. Nothing here
decides anything new: it arranges the engine's answers (interruptions, toxicity,
hospitalisation) by day.

The bag schedule is passed in (number, hang time, hours), so the timeline shows whatever
schedule the order workflow holds, including one re-planned from a restart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.hospitalisation import Reminder, hospitalisation_reminders
from interfant_desktop.protocol.interruptions import (
    InfusionClock,
    InterruptionResult,
    infusion_clock,
)
from interfant_desktop.protocol.local_time import local_iso
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.toxicity import ToxicityResult
from interfant_desktop.protocol.toxicity_record import DAY, worst_of

HOUR = dt.timedelta(hours=1)


@quick_init
@dataclass(frozen=True, slots=True)
class BagTime:
    """One bag of a schedule as the timeline needs it."""

    number: int
    hang: dt.datetime
    hours: int | float  # a part of an hour only on a restart order's last bag of a stretch

    @property
    def change(self) -> dt.datetime:
        return self.hang + dt.timedelta(minutes=round(self.hours * 60))


@quick_init
@dataclass(frozen=True, slots=True)
class Premedication:
    """Dexamethasone due at ``at`` (None: not yet known, e.g. after an open stop)."""

    at: dt.datetime | None
    dose_mg: float | None
    why: str
    reason: Reason

    def to_json(self) -> dict[str, Any]:
        return {"at": local_iso(self.at), "dose_mg": self.dose_mg, "why": self.why,
                "reason": self.reason.to_json()}


@quick_init
@dataclass(frozen=True, slots=True)
class TimelineDay:
    day: int  # calendar day of the cycle: 1 = the start date
    date: dt.date
    infusion_hours: float | None  # hours of this cycle's infusion given on this day
    bags: tuple[BagTime, ...]
    interruptions: tuple[InterruptionResult, ...]
    assessments: tuple[ToxicityResult, ...]
    worst_crs: int | None
    worst_icans: int | None
    premedication: tuple[Premedication, ...]
    hospitalised: bool  # within the label's (or the site's) hospitalisation period

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day, "date": self.date.isoformat(), "infusion_hours": self.infusion_hours,
            "bags": [{"number": b.number, "hang": local_iso(b.hang), "hours": b.hours} for b in self.bags],
            "interruptions": [local_iso(i.interruption.stopped) for i in self.interruptions],
            "assessments": [{"at": local_iso(a.assessment.at), "crs_grade": a.crs.grade,
                             "icans_grade": a.icans.grade, "actions": [x.rule for x in a.actions]}
                            for a in self.assessments],
            "worst_crs_grade": self.worst_crs, "worst_icans_grade": self.worst_icans,
            "premedication": [p.to_json() for p in self.premedication], "hospitalised": self.hospitalised,
        }


@quick_init
@dataclass(frozen=True, slots=True)
class CycleTimeline:
    cycle: int
    start: dt.datetime | None
    planned_end: dt.datetime | None
    days: tuple[TimelineDay, ...]
    reminders: tuple[Reminder, ...]

    def to_json(self) -> dict[str, Any]:
        return {"cycle": self.cycle, "start": local_iso(self.start),
                "planned_end": local_iso(self.planned_end), "days": [d.to_json() for d in self.days],
                "reminders": [r.to_json() for r in self.reminders]}


def _premedications(evaluation: Evaluation, cycle: int, stepped: bool, clock: InfusionClock,
                    interruptions: Sequence[InterruptionResult]) -> list[Premedication]:
    """Dexamethasone of R-PREMED: before the first dose and the day-8 step-up of cycle 1, and
    before each restart after ≥ 4 h in cycle 1 (with its dose in mg)."""
    order = evaluation.order_for(cycle)
    if cycle != 1 or order is None:
        return []
    protocol = evaluation.protocol
    dose = order.premedication.get("dose_mg")
    rule = because(protocol, "R-PREMED")
    out = [Premedication(clock.start, dose, "before the first dose of cycle 1", rule)]
    if stepped and len(order.steps) > 1:
        hours = (order.steps[1].first_day - 1) * 24
        out.append(Premedication(clock.when_given(float(hours)), dose,
                                 f"before the step-up on day {order.steps[1].first_day}", rule))
    for item in interruptions:
        if item.dexamethasone_before_restart and item.dexamethasone is not None:
            out.append(Premedication(item.interruption.restarted, item.dexamethasone.amount,
                                     f"before the restart after {item.hours:g} h",
                                     because(protocol, "R-INT-4H")))
    return out


def cycle_timeline(evaluation: Evaluation, cycle: int, bags: Sequence[BagTime] = (),
                   site_days: Mapping[str, int] | None = None) -> CycleTimeline | None:
    """The day-by-day timeline of ``cycle`` (None if the case has no such cycle, or no start date)."""
    record = next((c for c in evaluation.case.blinatumomab if c.cycle == cycle), None)
    order = evaluation.order_for(cycle)
    if record is None or order is None or record.start_date is None:
        return None
    protocol = evaluation.protocol
    clock = infusion_clock(record, protocol)
    interruptions = evaluation.interruptions.get(cycle, ())
    stepped = len(order.steps) > 1
    reminders = hospitalisation_reminders(cycle, stepped, clock.start, interruptions, protocol, site_days)
    premeds = _premedications(evaluation, cycle, stepped, clock, interruptions)
    assessments = [t for t in evaluation.toxicity if t.assessment.cycle == cycle]
    end = clock.planned_end()
    last_date = max([record.start_date + dt.timedelta(days=27), *(x.date() for x in (end,) if x),
                     *(i.interruption.stopped.date() for i in interruptions),
                     *(t.assessment.at.date() for t in assessments)])
    stay = reminders[0]
    days = []
    for n in range((last_date - record.start_date).days + 1):
        date = record.start_date + dt.timedelta(days=n)
        begin = dt.datetime.combine(date, dt.time())
        finish = begin + DAY
        given = None
        if clock.start is not None:
            before, after = clock.hours_given(begin), clock.hours_given(finish)
            given = None if before is None or after is None else round(after - before, 2)
        todays = tuple(t for t in assessments if t.assessment.at.date() == date)
        days.append(TimelineDay(
            n + 1, date, given,
            tuple(b for b in bags if b.hang.date() == date),
            tuple(i for i in interruptions if i.interruption.stopped < finish
                  and (i.interruption.restarted is None or i.interruption.restarted >= begin)),
            todays, worst_of([t.crs.grade for t in todays]), worst_of([t.icans.grade for t in todays]),
            tuple(p for p in premeds if p.at is not None and p.at.date() == date),
            stay.start is not None and stay.until is not None and begin < stay.until and finish > stay.start))
    return CycleTimeline(cycle, clock.start, end, tuple(days), reminders)
