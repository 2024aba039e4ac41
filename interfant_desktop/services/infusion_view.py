"""What the Infusion page shows for one cycle, all from the engine.

``infusion_picture(store, user, study_id, cycle, *, now=None, assessment_every_hours=None,
site_days=None) -> InfusionPicture``: the cycle's timeline (days with bags, interruptions,
assessments and worst grades, premedication, hospitalisation), each recorded interruption
and assessment with its ID (to act on it) and the engine's answer, the physician's
responses to the actions, and what is due now. The timeline's bags are those of the
cycle's order in force as signed (the engine's plan while none is); after a restart order, the
course's bags begun before the stop, then the restart order's, numbered on from them (the
engine's numbering: no two bags of a cycle share a number).
The assessment interval is passed in; the site's hospitalisation days are passed in or
read from the site setting (``interfant_desktop.site``), never guessed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop import site
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.interruptions import InterruptionResult
from interfant_desktop.protocol.timeline import BagTime, CycleTimeline, cycle_timeline
from interfant_desktop.protocol.toxicity import grade_assessments
from interfant_desktop.protocol.toxicity_record import DueNow, due_now
from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_session
from interfant_desktop.services.bags import schedule_in, stored_hours
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.evaluation import evaluate_patient
from interfant_desktop.services.infusion import InterruptionView, view_of
from interfant_desktop.services.order_state import IN_FORCE
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.toxicity import AssessmentOutcome, DecisionView, decisions_of
from interfant_desktop.store.models import Order


@dataclass(frozen=True)
class RecordedInterruption:
    view: InterruptionView
    result: InterruptionResult


@dataclass(frozen=True)
class RecordedAssessment(AssessmentOutcome):
    """A stored assessment and the engine's answer for it, with who recorded it and when."""

    recorded_by: str
    recorded_at: dt.datetime
    #: The physician's current response per rule ID of ``result.actions``.
    decisions: Mapping[str, DecisionView]

    @property
    def undecided(self) -> tuple[str, ...]:
        """Rule IDs of actions nobody has responded to yet."""
        return tuple(a.rule for a in self.result.actions if a.rule not in self.decisions)


@dataclass(frozen=True)
class InfusionPicture:
    cycle: int
    evaluation: Evaluation
    timeline: CycleTimeline | None
    interruptions: tuple[RecordedInterruption, ...]
    assessments: tuple[RecordedAssessment, ...]
    due: DueNow | None


def schedule_bags(evaluation: Evaluation, cycle: int) -> tuple[BagTime, ...]:
    """The numbered bags of the cycle's schedule as the engine planned them from the recorded
    start (none without a start date and time)."""
    order = evaluation.order_for(cycle)
    plan = None if order is None else order.bag_plan
    return () if plan is None else tuple(BagTime(b.number, b.hang, b.hours) for b in plan.bags)


def signed_course_bags(session: Session, patient_id: int, cycle: int) -> tuple[BagTime, ...] | None:
    """The bags of the cycle's newest order in force, as signed: its schedule, and on a
    restart order first the course's bags begun before the stop (the engine numbered the
    restart order's bags on from them). None without an order in force."""
    order = session.execute(select(Order).where(
        Order.patient_id == patient_id, Order.cycle == cycle, Order.status.in_(IN_FORCE))
        .order_by(Order.id.desc())).scalars().first()
    if order is None:
        return None
    planned = (order.content.get("order") or {}).get("restart")
    before = planned.get("course_bags_before") or [] if isinstance(planned, dict) else []
    return (*(BagTime(int(b["number"]), dt.datetime.fromisoformat(b["hang"]), stored_hours(b["hours"]))
              for b in before),
            *(BagTime(b.number, dt.datetime.fromisoformat(b.hang), b.hours)
              for b in schedule_in(order.content)))


def _site_days() -> dict[str, int] | None:
    """The site's own hospitalisation days (``INTERFANT_HOSPITALISATION_DAYS``); a setting
    that cannot be used is refused with its name, never read as "not set"."""
    try:
        return site.hospitalisation_days()
    except site.SiteSettingError as exc:
        raise InputError(str(exc)) from None


def infusion_picture(store: Store, user: CurrentUser, study_id: str, cycle: int, *,
                     now: dt.datetime | None = None, assessment_every_hours: float | None = None,
                     site_days: Mapping[str, int] | None = None) -> InfusionPicture:
    """Everything the Infusion page shows for ``cycle`` (see the module docstring)."""
    require(user, Permission.READ)
    evaluation = evaluate_patient(store, user, study_id)
    with checked_session(store, user) as session:
        patient = load_patient(session, study_id)
        stops = [view_of(i) for i in patient.infusion_interruptions
                 if i.cycle == cycle and not i.entered_in_error]
        rows = [(a.id, a.recorded_by, a.recorded_at, a.cycle)
                for a in patient.toxicity_assessments if not a.entered_in_error]
        signed = signed_course_bags(session, patient.id, cycle)
    decisions = decisions_of(store, user, study_id)
    judged = evaluation.interruptions.get(cycle, ())
    interruptions = tuple(RecordedInterruption(v, r) for v, r in zip(stops, judged, strict=True))
    assessments = tuple(
        RecordedAssessment(aid, result, recorded_by=by, recorded_at=at,
                           decisions={rule: d for (a, rule), d in decisions.items() if a == aid})
        for (aid, by, at, c), result in zip(rows, evaluation.toxicity, strict=True) if c == cycle)
    # The signed schedule the nurses hang from; the engine's plan while no order is in force.
    bags = schedule_bags(evaluation, cycle) if signed is None else signed
    timeline = cycle_timeline(evaluation, cycle, bags,
                              site_days if site_days is not None else _site_days())
    due = None
    if now is not None and assessment_every_hours is not None:
        record = grade_assessments([a.result.assessment for a in assessments], evaluation.protocol)
        due = due_now(now, record, assessment_every_hours, [b.change for b in bags],
                      timeline.start if timeline else None)
    return InfusionPicture(cycle, evaluation, timeline, interruptions, assessments, due)
