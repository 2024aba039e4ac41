"""The two engine results the exports read, each through one small mapping:

* the numbered **bag schedule** of a cycle (exposure per bag), and
* the **CRS and ICANS grades** of each toxicity assessment.

Each is one small mapping function from a typed engine result to the export's own
record (:class:`BagExposure`, :class:`AssessmentGrades`), plus one accessor that hands
the engine's results to it. The exports never compute a bag or a grade themselves:
where the engine gives none, the export says "not graded" (an empty value), it does
not guess.

Both are connected: :func:`scheduled_bags` reads ``CycleOrder.bag_plan`` and
:func:`graded_results` reads ``Evaluation.toxicity``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from interfant_desktop.protocol.bags import ScheduledBag
from interfant_desktop.protocol.case import ToxicityAssessment
from interfant_desktop.protocol.dosing import CycleOrder
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.toxicity import ToxicityResult

# --- bags ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BagExposure:
    """One bag as planned by the engine: when it hangs, how long, how much drug."""

    number: int
    hang: dt.datetime
    ends: dt.datetime
    hours: int | float
    dose_mcg_per_day: float
    mcg_to_infuse: float
    infused_ml: float
    rate_ml_per_h: float


def bag_exposure(bag: ScheduledBag) -> BagExposure:
    """The export's record of one scheduled bag."""
    return BagExposure(bag.number, bag.hang, bag.ends, bag.hours, bag.dose_mcg_per_day,
                       bag.make_up.mcg_to_infuse, bag.make_up.infused_ml, bag.rate_ml_per_h)


def scheduled_bags(order: CycleOrder) -> Sequence[ScheduledBag]:
    """The engine's numbered bag schedule of one cycle (``protocol/bags.py``); empty
    while the cycle has no start date and time."""
    return order.bag_plan.bags if order.bag_plan is not None else ()


def bag_exposures(order: CycleOrder) -> tuple[BagExposure, ...]:
    """Exposure per bag of one cycle, in bag order (empty without a schedule)."""
    return tuple(bag_exposure(b) for b in scheduled_bags(order))


# --- toxicity grades ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AssessmentGrades:
    """One recorded toxicity assessment with the engine's grades (``None`` = not graded)."""

    assessment: ToxicityAssessment
    crs_grade: int | None = None
    icans_grade: int | None = None
    grading_system: str | None = None


def assessment_grades(result: ToxicityResult) -> AssessmentGrades:
    """The export's record of one graded assessment."""
    return AssessmentGrades(result.assessment, result.crs.grade, result.icans.grade,
                            result.grading_system)


def graded_results(evaluation: Evaluation) -> Sequence[ToxicityResult]:
    """The engine's graded toxicity assessments (``protocol/toxicity.py``), input order."""
    return evaluation.toxicity


def toxicity_grades(evaluation: Evaluation) -> tuple[AssessmentGrades, ...]:
    """Every recorded assessment in record order, with the engine's grades where it
    gives them and ``None`` (not graded) where it does not."""
    graded = {id(r.assessment): assessment_grades(r) for r in graded_results(evaluation)}
    return tuple(graded.get(id(a), AssessmentGrades(a)) for a in evaluation.case.toxicity)
