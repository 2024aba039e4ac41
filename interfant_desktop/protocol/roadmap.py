"""The treatment roadmap: every phase with its status, and the decision points with the
data and rule that decided each branch (R-ROADMAP-MR, R-ROADMAP-HR).

Progress is read from recorded data only (a result of a phase's end means the phase is
done); the current phase is the first phase of the patient's path that is not done.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.decisions import Decisions
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.risk import RiskResult

PhaseStatus = Literal["done", "current", "planned", "skipped", "not_applicable"]
TRUNK = ("prephase", "induction", "blinatumomab_1")
MR_ONLY = ("consolidation", "marma", "blinatumomab_2", "octadad", "maintenance")
HR_ONLY = ("investigational_window", "hsct")
ALL_PHASES = TRUNK + MR_ONLY + HR_ONLY


class Phase(NamedTuple):
    phase: str
    label: str
    status: PhaseStatus
    branch: str
    note: str
    rules: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"phase": self.phase, "label": self.label, "status": self.status,
                "branch": self.branch, "note": self.note, "rules": list(self.rules)}


class DecisionPoint(NamedTuple):
    id: str
    after_phase: str
    question: str
    status: Literal["decided", "pending", "review", "unverified", "not_applicable"]
    outcome: str
    data: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "after_phase": self.after_phase, "question": self.question,
                "status": self.status, "outcome": self.outcome, "data": list(self.data),
                "reasons": [r.to_json() for r in self.reasons]}


def _done_evidence(case: Case, today: dt.date) -> set[str]:
    """Phases whose completion is shown by recorded data (a later result implies earlier ones)."""
    timepoints = {s.timepoint for s in case.mrd}
    started_c2 = any(c.cycle == 2 and c.start_date and c.start_date <= today for c in case.blinatumomab)
    done: set[str] = set()
    if "after_blinatumomab_2" in timepoints:
        done |= {"blinatumomab_2"}
    if timepoints & {"end_of_consolidation", "after_blinatumomab_2"} or started_c2:
        done |= {"consolidation"}
    if done or timepoints & {"after_blinatumomab_1", "pre_hsct"}:
        done |= {"blinatumomab_1"}
    if done or case.end_of_induction is not None or "end_of_induction" in timepoints:
        done |= {"induction"}
    if done or case.prednisone_response is not None:
        done |= {"prephase"}
    return done


def _path(risk: RiskResult) -> tuple[str, ...]:
    if risk.current == "HR":
        return TRUNK + HR_ONLY
    if risk.current == "MR":
        return TRUNK + MR_ONLY
    return TRUNK


def build_roadmap(case: Case, protocol: Protocol, risk: RiskResult, decisions: Decisions,
                  today: dt.date) -> list[Phase]:
    """Every phase of both branches with its status for this patient."""
    done = _done_evidence(case, today)
    path = _path(risk)
    skipped: dict[str, str] = {}
    if decisions.blinatumomab_1 is False:
        skipped["blinatumomab_1"] = "checklist before cycle 1 failed (R-B-CHECK)"
    if decisions.blinatumomab_2 is True:
        skipped["marma"] = "replaced by blinatumomab cycle 2 (R-B1-MRD" + \
            (", by a clinician's decision)" if _by_clinician(decisions, "blinatumomab_2") else ")")
    elif decisions.blinatumomab_2 is False and risk.current == "MR":
        skipped["blinatumomab_2"] = "no blinatumomab cycle 1 (R-B-CHECK)"
    if decisions.hsct_eligible is True:
        skipped["investigational_window"] = (
            "proceed to HSCT by a clinician's decision (R-HSCT review)"
            if _by_clinician(decisions, "hsct_eligible")
            else f"MRD < {protocol.shown('hsct_mrd_percent')} %: proceed to HSCT (R-HSCT)")
    reallocated = any(r.to_group == "HR" for r in risk.reallocations)
    started = case.diagnosis.date is not None
    return list(_phases(path, frozenset(done), tuple(skipped.items()), reallocated, started,
                        risk.at_diagnosis, risk.status, risk.subgroup, protocol))


@lru_cache(maxsize=1024)  # pure and immutable: a few hundred combinations in all
def _phases(path: tuple[str, ...], done: frozenset[str], skipped_items: tuple[tuple[str, str], ...],
            reallocated: bool, started: bool, at_diagnosis: str | None, status_text: str,
            subgroup: str | None, protocol: Protocol) -> tuple[Phase, ...]:
    """The roadmap from what decides it (see :func:`build_roadmap`)."""
    skipped = dict(skipped_items)
    current_found = False
    phases = []
    # The patient's own path reads first, in treatment order; the other branch follows.
    ordered = path + tuple(p for p in ALL_PHASES if p not in path) if path != TRUNK else ALL_PHASES
    for phase in ordered:
        branch = _BRANCH[phase]
        note, rules = "", _PHASE_RULES[branch]
        status: PhaseStatus
        if path != TRUNK and phase not in path:
            status = "skipped" if (reallocated and branch == "MR" and at_diagnosis == "MR") \
                else "not_applicable"
            note = "re-allocated to HR" if status == "skipped" else f"{branch} only"
        elif phase in skipped:
            status, note = "skipped", skipped[phase]
        elif phase in done:
            status = "done"
        elif phase not in path:
            status, note = "planned", f"{branch} branch: depends on the risk group ({status_text})"
        elif started and not current_found:
            status, current_found = "current", True
        else:
            status = "planned"
        if phase == "consolidation" and status in ("current", "planned") and subgroup:
            split = protocol.consolidation_split
            flag = "" if split["verified"] else " — UNVERIFIED allocation, confirm with the protocol chair"
            note = f"{subgroup}: {split[subgroup]}{flag}"
        if phase == "investigational_window" and status in ("current", "planned"):
            note = f"while MRD ≥ {protocol.shown('hsct_mrd_percent')} %, then re-assess (R-HSCT)"
        phases.append(Phase(phase, protocol.phases.get(phase, phase), status, branch, note, rules))
    if started and not current_found:
        # The branch is not decided yet (risk pending or under review) and every trunk phase
        # is already done or skipped: the patient stays at the last phase done until the open
        # decision is made. Choosing a branch here would be a guess.
        last = max((i for i, p in enumerate(phases) if p.phase in TRUNK and p.status == "done"), default=0)
        p = phases[last]
        phases[last] = Phase(p.phase, p.label, "current", p.branch,
                             f"finished; the next phase waits for the risk decision ({status_text})", p.rules)
    return tuple(phases)


def phases_to_json(phases: tuple[Phase, ...]) -> list[dict[str, Any]]:
    """``[p.to_json() for p in phases]``, each dict and list its own; the roadmaps recur
    (they are computed once per combination, see :func:`_phases`), so is their JSON."""
    return [{**t, "rules": list(t["rules"])} for t in _phase_templates(phases)]


@lru_cache(maxsize=1024)
def _phase_templates(phases: tuple[Phase, ...]) -> tuple[dict[str, Any], ...]:
    return tuple(p.to_json() for p in phases)


def _by_clinician(decisions: Decisions, decision: str) -> bool:
    """True when a clinician's recorded answer, not the rule, settled ``decision``."""
    return any(r.by_clinician for r in decisions.reasons.get(decision, ()))


_PHASE_RULES = {"both": ("R-ROADMAP-MR", "R-ROADMAP-HR"), "MR": ("R-ROADMAP-MR",),
                "HR": ("R-ROADMAP-HR",)}
_BRANCH = {**{p: "both" for p in TRUNK}, **{p: "MR" for p in MR_ONLY}, **{p: "HR" for p in HR_ONLY}}


# The rules behind each decision point (an open question under one of them is a review).
_DX_RULES = frozenset({"R-DX-HR", "R-DX-MR", "R-DX-MR-AGE", "R-DX-AGE-BOUNDARY", "R-DX-WBC-BOUNDARY",
                       "R-DX-PENDING", "R-PRED-NE"})
_EOI_RULES = frozenset({"R-EOI-CR", "R-EOI-MRD", "R-EOI-SPLIT"})
_B1_RULES = frozenset({"B2"})
_B2_RULES = frozenset({"R-B1-MRD", "D8", "R-MRD-LATE"})
_HSCT_RULES = frozenset({"R-HSCT"})


def decision_points(case: Case, protocol: Protocol, risk: RiskResult,
                    decisions: Decisions) -> list[DecisionPoint]:
    """The branch points of the roadmap, each with its data, outcome and rules."""
    review_rules = {q.rule for q in risk.review} | {q.rule for q in decisions.review}
    points = []

    def status_of(value: object, rules: frozenset[str]) -> Literal["decided", "pending", "review"]:
        if review_rules and not rules.isdisjoint(review_rules):
            return "review"
        return "pending" if value is None else "decided"

    dx_rules = _DX_RULES
    risk_reasons = risk.reasons + risk.resolved
    dx_reasons = tuple(r for r in risk_reasons if r.rule in dx_rules)
    points.append(DecisionPoint(
        "risk_at_diagnosis", "prephase", "Risk group at diagnosis (MR or HR)?",
        status_of(risk.at_diagnosis, dx_rules), risk.at_diagnosis or risk.status,
        tuple(r.detail for r in dx_reasons), dx_reasons))
    eoi_rules = _EOI_RULES
    eoi_reasons = tuple([r.reason for r in risk.reallocations if r.when == "end_of_induction"]
                        + [r for r in risk_reasons if r.rule in eoi_rules])
    eoi_outcome = next((f"MR → HR ({r.reason.rule})" for r in risk.reallocations
                        if r.when == "end_of_induction"), None)
    if eoi_outcome is None and risk.at_diagnosis == "MR" and case.end_of_induction is not None:
        eoi_outcome = f"stays MR{' (' + risk.subgroup + ')' if risk.subgroup else ''}"
    points.append(DecisionPoint(
        "end_of_induction", "induction", "Re-allocation at the end of induction (MR only)?",
        "not_applicable" if risk.at_diagnosis == "HR" else status_of(eoi_outcome, eoi_rules),
        eoi_outcome or ("not applicable: HR from diagnosis" if risk.at_diagnosis == "HR" else "pending"),
        tuple(r.detail for r in eoi_reasons), eoi_reasons))
    b1_reasons = tuple(decisions.reasons.get("blinatumomab_1", []))
    points.append(DecisionPoint(
        "blinatumomab_checklist", "induction", "Blinatumomab cycle 1 (checklist B1–B4)?",
        status_of(decisions.blinatumomab_1, _B1_RULES), _yes_no(decisions.blinatumomab_1),
        tuple(f"{i.id}: {i.status} ({i.detail})" for i in decisions.checklist), b1_reasons))
    b2_reasons = tuple(decisions.reasons.get("blinatumomab_2", []))
    points.append(DecisionPoint(
        "after_blinatumomab_1", "blinatumomab_1",
        "After blinatumomab cycle 1: blinatumomab cycle 2 (MR) or HR?",
        status_of(decisions.blinatumomab_2, _B2_RULES),
        _yes_no(decisions.blinatumomab_2),
        tuple(r.detail for r in b2_reasons), b2_reasons))
    hsct_reasons = tuple(decisions.reasons.get("hsct_eligible", []))
    points.append(DecisionPoint(
        "hsct", "blinatumomab_1", "Eligible for allogeneic HSCT (HR)?",
        status_of(decisions.hsct_eligible, _HSCT_RULES), _yes_no(decisions.hsct_eligible),
        tuple(r.detail for r in hsct_reasons), hsct_reasons))
    if risk.current == "MR" and risk.subgroup:
        split = protocol.consolidation_split
        split_reason = because(protocol, "R-EOI-SPLIT", split["note"])
        points.append(DecisionPoint(
            "consolidation", "blinatumomab_1", "Consolidation: Protocol IB or ADE/MAE?",
            "decided" if split["verified"] else "unverified",
            f"{risk.subgroup}: {split[risk.subgroup]}"
            + ("" if split["verified"] else " (UNVERIFIED setting)"),
            (f"subgroup {risk.subgroup}",), (split_reason,)))
    return points


def _yes_no(value: bool | None) -> str:
    return "pending" if value is None else ("yes" if value else "no")
