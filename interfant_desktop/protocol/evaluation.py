"""``evaluate``: the whole engine answer for one case (``interfant-evaluation/1``).

The GUI, the command line and the printed order all show this one answer with the
same reasons. The evaluation is never stored as truth: it is recomputed from the
recorded facts (and the clinicians' recorded decisions on review questions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interfant_desktop.protocol.ages import age_in_days, months_birthday
from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.decisions import Decisions, decide, decide_after_risk
from interfant_desktop.protocol.dosing import CycleOrder, cycle_orders
from interfant_desktop.protocol.eligibility import Eligibility, evaluate_eligibility
from interfant_desktop.protocol.interruptions import InterruptionResult, assess_interruptions
from interfant_desktop.protocol.once import once
from interfant_desktop.protocol.phase_dates import NextDecision, next_decision
from interfant_desktop.protocol.prednisone import Response, prednisone_response, response_reason
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, Resolutions, ReviewItem
from interfant_desktop.protocol.risk import RiskResult, assess_risk
from interfant_desktop.protocol.risk_outlook import RiskOutlook, risk_outlook
from interfant_desktop.protocol.roadmap import (
    DecisionPoint,
    Phase,
    build_roadmap,
    decision_points,
    phases_to_json,
)
from interfant_desktop.protocol.roadmap import phase_starts as all_phase_starts
from interfant_desktop.protocol.standing import Standing, protocol_applies, standing_of
from interfant_desktop.protocol.toxicity import ToxicityResult, assess_toxicity

EVALUATION_FORMAT = "interfant-evaluation/1"


@quick_init
@dataclass(frozen=True)
class Evaluation:
    """Everything the engine says about one case, with the rules behind it.

    The clinical answers (eligibility, risk, decisions, doses, open questions) are
    computed when the case is evaluated; the roadmap and its decision points are
    views of those answers, built on first use (a patient list needs neither).
    """

    protocol: Protocol
    case: Case
    age_at_diagnosis_days: int | None
    six_month_birthday: dt.date
    eligibility: Eligibility
    prednisone_response: Response | None
    risk: RiskResult
    decisions: Decisions
    orders: tuple[CycleOrder, ...]
    review: tuple[ReviewItem, ...]
    resolved: tuple[Reason, ...]
    today: dt.date
    #: Per cycle number, its interruptions as judged (R-INT-*), in the order recorded.
    interruptions: Mapping[int, tuple[InterruptionResult, ...]] = field(default_factory=dict)
    #: One result per recorded toxicity assessment (grades and the label's actions), input order.
    toxicity: tuple[ToxicityResult, ...] = ()
    #: The recorded start date of each phase (the store's phase record; not in a case file).
    phase_starts: Mapping[str, dt.date] = field(default_factory=dict)

    @once
    def roadmap(self) -> tuple[Phase, ...]:
        """Every phase with its status and start for this patient (R-ROADMAP-MR / -HR,
        R-PHASE-DATES)."""
        return tuple(build_roadmap(self.case, self.protocol, self.risk, self.decisions, self.today,
                                   self.phase_starts, self.starts))

    @once
    def starts(self) -> Mapping[str, dt.date]:
        """Each phase's start: the recorded phase starts, and a cycle's infusion start date
        for a cycle without one (read by the roadmap and the next decision)."""
        return all_phase_starts(self.case, self.phase_starts)

    @once
    def next_decision(self) -> NextDecision | None:
        """The next open decision point with its expected date (R-PHASE-DATES)."""
        return next_decision(self.decision_points, self.case, self.protocol, self.starts, self.today,
                             self.roadmap)

    @once
    def decision_points(self) -> tuple[DecisionPoint, ...]:
        """The branch points of the roadmap with the data and rules that decided them."""
        return tuple(decision_points(self.case, self.protocol, self.risk, self.decisions))

    @once
    def current_phase(self) -> str | None:
        """The phase marked current on the roadmap, if any."""
        for phase in self.roadmap:  # a loop: next() over a generator costs more for ten phases
            if phase.status == "current":
                return phase.phase
        return None

    @once
    def standing(self) -> Standing:
        """How far the rest of the answer applies: the roadmap is a plan only when eligible,
        and no phase is current for an ineligible patient."""
        return standing_of(self.eligibility, self.current_phase)

    @once
    def risk_outlook(self) -> RiskOutlook:
        """What of the risk answer is settled and which points are still ahead."""
        return risk_outlook(self.risk, self.decisions, self.protocol)

    @property
    def prednisone_response_reason(self) -> Reason:
        """The rule behind the prednisone response (R-PRED, or why it is not evaluable)."""
        return response_reason(self.case.prednisone_response, self.protocol)

    def order_for(self, cycle: int) -> CycleOrder | None:
        """The computed order of one blinatumomab cycle, if the case has that cycle."""
        return next((o for o in self.orders if o.cycle == cycle), None)

    def to_json(self) -> dict[str, Any]:
        """The ``interfant-evaluation/1`` document (contract fields plus explanations)."""
        d = self.decisions
        return {
            "format": EVALUATION_FORMAT,
            "protocol": self.protocol.name,
            "protocol_version": self.protocol.version,
            "study_id": self.case.patient.study_id,
            "age_at_diagnosis_days": self.age_at_diagnosis_days,
            "six_month_birthday": self.six_month_birthday.isoformat(),
            "eligibility": self.eligibility.to_json(),
            "prednisone_response": self.prednisone_response,
            "prednisone_response_reason": self.prednisone_response_reason.to_json(),
            "risk": self.risk.to_json(),
            "decisions": d.to_json(),
            "decision_reasons": {k: [r.to_json() for r in v] for k, v in d.reasons.items()},
            "blinatumomab_checklist": [i.to_json() for i in d.checklist],
            "current_phase": self.current_phase,
            "protocol_applies": protocol_applies(self.eligibility.status),  # = self.standing.applies
            "roadmap": phases_to_json(self.roadmap),
            "decision_points": [p.to_json() for p in self.decision_points],
            "next_decision": None if self.next_decision is None else self.next_decision.to_json(),
            "blinatumomab_orders": [
                {**o.to_json(), "interruptions": [i.to_json() for i in self.interruptions.get(o.cycle, ())]}
                for o in self.orders],
            "toxicity": [t.to_json() for t in self.toxicity],
            "review": [q.to_json() for q in self.review],
            "resolved_reviews": [r.to_json() for r in self.resolved],
        }


def evaluate(case: Case, protocol: Protocol, today: dt.date,
             resolutions: Resolutions | None = None,
             phase_starts: Mapping[str, dt.date] | None = None) -> Evaluation:
    """Evaluate a validated case against the protocol.

    ``today`` places the roadmap in time; ``resolutions`` maps review-question IDs to
    the option a clinician chose (recorded with a reason in the audit trail), or to the
    whole record (:class:`~interfant_desktop.protocol.reasons.Resolution`: who, when and
    why), which every reason the decision settles then names; ``phase_starts`` maps
    phase IDs to their recorded start dates.
    """
    resolutions = resolutions or {}
    dob, dx = case.patient.date_of_birth, case.diagnosis.date
    age = age_in_days(dob, dx) if dx is not None else None
    response = prednisone_response(case.prednisone_response, protocol)
    decisions = decide(case, protocol, resolutions)
    risk = assess_risk(case, protocol, response, decisions.blinatumomab_1, resolutions)
    decide_after_risk(case, protocol, risk, decisions, resolutions)
    orders = tuple(cycle_orders(case, protocol))
    return Evaluation(
        protocol=protocol, case=case, age_at_diagnosis_days=age,
        six_month_birthday=months_birthday(dob, int(protocol.threshold("risk_age_months"))),
        eligibility=evaluate_eligibility(case, protocol, age),
        prednisone_response=response, risk=risk, decisions=decisions,
        orders=orders,
        review=tuple(risk.review + decisions.review),
        resolved=tuple(risk.resolved + decisions.resolved),
        today=today,
        interruptions={o.cycle: assess_interruptions(c, o.bsa_m2, protocol)
                       for o in orders for c in case.blinatumomab if c.cycle == o.cycle},
        toxicity=assess_toxicity(case, orders, protocol),
        phase_starts=dict(phase_starts or {}),
    )
