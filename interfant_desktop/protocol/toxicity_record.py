"""What the toxicity record says over time: pure functions over graded assessments.

The label's conditions are judged from the record, not from memory:

- the seizure count through the treatment (R-TOX-SEIZURE);
- the time a toxicity took to resolve: resolved at the first later assessment from
  which it stays at grade ≤ 1 for at least 3 days (R-TOX-RESOLUTION), so "> 7 days"
  (R-TOX-NEURO-3) and "> 14 days" (R-TOX-OTHER-3) can be answered, or left open while
  the record cannot answer yet;
- the dose running when an event occurred (R-TOX-NEURO-3 "occurred at 5 mcg/m²/day");
- the worst grade per calendar day, and what is due now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from interfant_desktop.protocol.case import ToxicityAssessment
from interfant_desktop.protocol.dosing import DoseStep
from interfant_desktop.protocol.interruptions import InfusionClock
from interfant_desktop.protocol.local_time import local_iso, local_text
from interfant_desktop.protocol.quantities import round_half_up
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.toxicity_grading import Grade

DAY = dt.timedelta(days=1)


@quick_init
@dataclass(frozen=True, slots=True)
class GradedAssessment:
    """One recorded assessment with its CRS and ICANS grades."""

    assessment: ToxicityAssessment
    crs: Grade
    icans: Grade

    @property
    def at(self) -> dt.datetime:
        return self.assessment.at

    def other_grade(self, term: str) -> int | None:
        """The grade recorded for another adverse reaction ``term`` (same term, any case)."""
        other = self.assessment.other
        return other.grade if other is not None and other.term.casefold() == term.casefold() else None


GradeOf = Callable[[GradedAssessment], "int | None"]


def icans_grade(g: GradedAssessment) -> int | None:
    return g.icans.grade


def crs_grade(g: GradedAssessment) -> int | None:
    return g.crs.grade


# --- seizures -------------------------------------------------------------------------

@quick_init
@dataclass(frozen=True, slots=True)
class SeizureCount:
    """Seizures so far in the treatment: the highest count recorded up to that time; at
    least 1 when the assessment itself records a seizure."""

    count: int | None
    detail: str


def seizure_counts(record: Sequence[GradedAssessment]) -> tuple[SeizureCount, ...]:
    """The seizure count at each assessment of a time-ordered record, in one pass: the highest
    count recorded at or before its time (all cycles), at least 1 once a seizure is recorded."""
    out: list[SeizureCount] = []
    best: tuple[int, dt.datetime] | None = None
    seen: list[dt.datetime] = []
    index = 0
    for g in record:
        while index < len(record) and record[index].at <= g.at:   # equal times count together
            item = record[index].assessment
            if item.seizures_this_treatment is not None and (
                    best is None or item.seizures_this_treatment >= best[0]):
                best = (item.seizures_this_treatment, item.at)
            if item.icans is not None and item.icans.seizure not in (None, "none"):
                seen.append(item.at)
            index += 1
        out.append(_count(best, seen))
    return tuple(out)


def _count(best: tuple[int, dt.datetime] | None, seen: Sequence[dt.datetime]) -> SeizureCount:
    if best is None:
        if not seen:
            return SeizureCount(None, "no seizure count recorded")
        records = "1 assessment records" if len(seen) == 1 else f"{len(seen)} assessments record"
        return SeizureCount(1, f"no seizure count recorded; {records} a seizure "
                               "(the count may be higher: record it)")
    count, at = best
    if seen and count == 0:
        return SeizureCount(1, f"the recorded count is 0 but an assessment records a seizure "
                               f"({local_text(seen[-1])}): counted as at least 1")
    seizures = "1 seizure" if count == 1 else f"{count} seizures"
    return SeizureCount(count, f"{seizures} through the treatment (recorded {local_text(at)})")


def seizure_count(record: Sequence[GradedAssessment], until: dt.datetime) -> SeizureCount:
    """The number of seizures through the treatment up to ``until`` (all cycles)."""
    upto = [g for g in sorted(record, key=lambda g: g.at) if g.at <= until]
    return seizure_counts(upto)[-1] if upto else SeizureCount(None, "no seizure count recorded")


# --- episodes and resolution ----------------------------------------------------------

def episode_start(record: Sequence[GradedAssessment], index: int, grade_of: GradeOf,
                  above: int) -> dt.datetime:
    """When the episode of assessment ``index`` began: the earliest assessment of the run of
    grades > ``above`` that ends there (assessments without that grade are skipped)."""
    start = record[index].at
    for g in reversed(record[:index]):
        grade = grade_of(g)
        if grade is None:
            continue
        if grade <= above:
            break
        start = g.at
    return start


@quick_init
@dataclass(frozen=True, slots=True)
class Resolution:
    """How long a toxicity took to resolve, from the later assessments.

    ``status`` ``resolved``: at ``resolved_at`` the grade fell to ≤ 1 and stayed there for
    ``sustained`` days. ``open``: not yet; ``earliest`` is the earliest the resolution can
    still be dated (the start of a run of ≤ 1 not yet long enough, or the last assessment
    still above grade 1).
    """

    status: Literal["resolved", "open"]
    since: dt.datetime
    resolved_at: dt.datetime | None
    earliest: dt.datetime
    earliest_inclusive: bool
    sustained: dt.timedelta
    recorded_days: int | None = None

    @property
    def days(self) -> float | None:
        """Days from the event to the resolution (2 decimals); a recorded figure wins."""
        if self.recorded_days is not None:
            return float(self.recorded_days)
        if self.resolved_at is None:
            return None
        return round_half_up((self.resolved_at - self.since) / DAY, 2)

    def longer_than(self, days: int) -> bool | None:
        """Did (or will) it take more than ``days`` days to resolve? None = not known yet."""
        if self.recorded_days is not None:
            return self.recorded_days > days
        if self.resolved_at is not None:  # the exact time, not the 0.01-day figure shown
            return self.resolved_at - self.since > days * DAY
        elapsed = (self.earliest - self.since) / DAY
        if elapsed > days or (not self.earliest_inclusive and elapsed >= days):
            return True
        return None

    @property
    def restart_from(self) -> dt.datetime | None:
        """When "grade ≤ 1 for at least 3 days" is first met (restart may be considered)."""
        return None if self.resolved_at is None else self.resolved_at + self.sustained

    def describe(self) -> str:
        if self.recorded_days is not None:
            return f"resolved in {self.recorded_days} days (as recorded)"
        if self.resolved_at is not None:
            took = _span_text(self.resolved_at - self.since)
            return (f"resolved {local_text(self.resolved_at)} ({took} after "
                    f"{local_text(self.since)}; grade ≤ 1 for at least {self.sustained / DAY:g} days since)")
        if self.earliest == self.since:
            return f"not resolved yet: no later assessment since {local_text(self.since)}"
        when = "from" if self.earliest_inclusive else "after"
        return (f"not resolved yet in the record (since {local_text(self.since)}; resolved at the "
                f"earliest {when} {local_text(self.earliest)})")


def _span_text(span: dt.timedelta) -> str:
    """Days to 0.01, with the exact days, hours and minutes when the 0.01 hides them (so that
    "more than 7 days" can be checked by hand: 7 days 0 h 5 min, not 7 days)."""
    shown = round_half_up(span / DAY, 2)
    if shown * DAY == span:
        return f"{shown:g} days"
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    return f"{shown:g} days: {days} days {rest // 60} h {rest % 60} min"


def time_to_resolution(since: dt.datetime, later: Iterable[tuple[dt.datetime, int]], max_grade: int,
                       sustained_days: int) -> Resolution:
    """Resolution of an event found at ``since`` from later ``(time, grade)`` points (sorted;
    read only as far as needed)."""
    sustained = dt.timedelta(days=sustained_days)
    run_start: dt.datetime | None = None
    last = since
    for at, grade in later:
        last = at
        if grade <= max_grade:
            run_start = run_start or at
            if at - run_start >= sustained:
                return Resolution("resolved", since, run_start, run_start, True, sustained)
        else:
            run_start = None
    if run_start is not None:
        return Resolution("open", since, None, run_start, True, sustained)
    return Resolution("open", since, None, last, False, sustained)


def resolution_of(record: Sequence[GradedAssessment], index: int, grade_of: GradeOf,
                  max_grade: int, sustained_days: int) -> Resolution:
    """The resolution of the episode of assessment ``index`` from the assessments after it."""
    since = episode_start(record, index, grade_of, max_grade)
    points = ((g.at, grade) for g in record[index + 1:] if (grade := grade_of(g)) is not None)
    return time_to_resolution(since, points, max_grade, sustained_days)


def other_resolution(record: Sequence[GradedAssessment], index: int, max_grade: int,
                     sustained_days: int) -> Resolution:
    """Resolution of another adverse reaction: its recorded ``days_to_resolve`` (here or on a
    later record of the same term) wins; else the later grades of the same term."""
    other = record[index].assessment.other
    assert other is not None
    same_term: GradeOf = lambda g: g.other_grade(other.term)  # noqa: E731
    found = resolution_of(record, index, same_term, max_grade, sustained_days)
    recorded = [g.assessment.other.days_to_resolve for g in record[index:]
                if g.assessment.other is not None and same_term(g) is not None
                and g.assessment.other.days_to_resolve is not None]
    if recorded:
        return Resolution(found.status, found.since, found.resolved_at, found.earliest,
                          found.earliest_inclusive, found.sustained, recorded[-1])
    return found


# --- the dose at a time ---------------------------------------------------------------

@quick_init
@dataclass(frozen=True, slots=True)
class RunningDose:
    """The dose (mcg/m²/day) running at a moment, or None with the reason it is not known."""

    mcg_per_m2_day: float | None
    detail: str


def running_dose(at: dt.datetime, steps: Sequence[DoseStep], clock: InfusionClock,
                 start_date: dt.date | None, reduced_restarts: Sequence[dt.datetime],
                 reduced_per_m2: float, reduced_days: int) -> RunningDose:
    """The planned step dose at ``at``, or the reduced restart dose in the days after a
    restart at ``reduced_per_m2`` (``reduced_restarts``: restart times after a toxicity)."""
    for restart in sorted(reduced_restarts, reverse=True):
        if restart <= at < restart + reduced_days * DAY:
            return RunningDose(reduced_per_m2, f"restarted at {reduced_per_m2:g} mcg/m²/day on "
                                               f"{local_text(restart)} after a toxicity")
    if not steps:
        return RunningDose(None, "the cycle has no dose steps yet")
    if clock.start is not None:
        day = clock.infusion_day(at)
        if day is None:
            return RunningDose(None, "before the start of the cycle")
        return RunningDose(_dose_on(steps, day), f"infusion day {day} by the hours given")
    if start_date is None:
        return RunningDose(None, "the cycle's start is not recorded")
    # Without a start time the infusion day is the calendar day or the day before.
    calendar_day = (at.date() - start_date).days + 1
    days = {d for d in (calendar_day - 1, calendar_day) if d >= 1}
    doses = {_dose_on(steps, min(d, 28)) for d in days}
    if len(doses) == 1:
        return RunningDose(doses.pop(), f"calendar day {calendar_day} of the cycle (no start time recorded)")
    return RunningDose(None, f"calendar day {calendar_day} is a dose change and the start time is not "
                             "recorded")


def _dose_on(steps: Sequence[DoseStep], day: int) -> float:
    return next(s.dose_mcg_per_m2_day for s in steps if s.first_day <= day <= s.last_day)


# --- worst grade per day --------------------------------------------------------------

@quick_init
@dataclass(frozen=True, slots=True)
class DayWorst:
    """The worst CRS and ICANS grade recorded on one calendar day (None = none graded)."""

    date: dt.date
    crs: int | None
    icans: int | None
    other: int | None
    assessments: int

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "crs_grade": self.crs, "icans_grade": self.icans,
                "other_grade": self.other, "assessments": self.assessments}


def worst_of(values: Sequence[int | None]) -> int | None:
    """The highest grade among those known (None when none is)."""
    known = [v for v in values if v is not None]
    return max(known) if known else None


def worst_grade_per_day(record: Sequence[GradedAssessment]) -> tuple[DayWorst, ...]:
    """Per calendar day (local), the worst grade of each kind, in date order."""
    by_day: dict[dt.date, list[GradedAssessment]] = {}
    for g in record:
        by_day.setdefault(g.at.date(), []).append(g)
    return tuple(DayWorst(day, worst_of([g.crs.grade for g in items]),
                          worst_of([g.icans.grade for g in items]),
                          worst_of([g.assessment.other.grade if g.assessment.other else None for g in items]),
                          len(items))
                 for day, items in sorted(by_day.items()))


# --- what is due now ------------------------------------------------------------------

@quick_init
@dataclass(frozen=True, slots=True)
class DueNow:
    """What is due at ``now``: the next assessment (``overdue`` when its time has passed) and
    the next bag change from the schedule passed in."""

    now: dt.datetime
    next_assessment: dt.datetime | None
    assessment_overdue: bool
    next_bag_change: dt.datetime | None
    detail: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"now": local_iso(self.now), "next_assessment": local_iso(self.next_assessment),
                "assessment_overdue": self.assessment_overdue,
                "next_bag_change": local_iso(self.next_bag_change), "detail": list(self.detail)}


def due_now(now: dt.datetime, record: Sequence[GradedAssessment], interval_hours: float,
            bag_changes: Sequence[dt.datetime], cycle_start_at: dt.datetime | None = None) -> DueNow:
    """The next assessment (every ``interval_hours`` from the last one, or from the cycle start
    when none is recorded: the interval is the site's, not the protocol's) and the next bag
    change (the first change in ``bag_changes`` after ``now``)."""
    done = [g.at for g in record if g.at <= now]
    anchor = max(done) if done else cycle_start_at
    detail = []
    if anchor is None:
        nxt, overdue = None, False
        detail.append("no assessment and no cycle start recorded: assess now")
    else:
        nxt = anchor + dt.timedelta(hours=interval_hours)
        overdue = nxt <= now
        detail.append(f"assessment every {interval_hours:g} h (site setting) after {local_text(anchor)}: "
                      f"{'overdue since' if overdue else 'next at'} {local_text(nxt)}")
    change = min((t for t in bag_changes if t > now), default=None)
    detail.append(f"next bag change {local_text(change)}" if change else "no bag change left in the schedule")
    return DueNow(now, nxt, overdue, change, tuple(detail))
