"""The treatment roadmap: every phase with its status, and the decision points with the
data and rule that decided each branch (R-ROADMAP-MR, R-ROADMAP-HR).

Progress is read from recorded data only: a result of a phase's end means the phase is
done, and so does the recorded start of a later phase of the path (R-PHASE-DATES). The
current phase is the latest started phase of the path, or the first one after it that is
not done. A recorded start the engine's path does not explain (a phase the decisions
skip, a date in the future, two different dates) is shown with a note, never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from functools import lru_cache
from operator import attrgetter
from typing import Any, Literal, NamedTuple

from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.decisions import EOI_MISSING, Q_HSCT_NO_CYCLE_1, ChecklistItem, Decisions
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.risk import RiskResult, missing_name

PhaseStatus = Literal["done", "current", "planned", "skipped", "not_applicable"]
TRUNK = ("prephase", "induction", "blinatumomab_1")
MR_ONLY = ("consolidation", "marma", "blinatumomab_2", "octadad", "maintenance")
HR_ONLY = ("investigational_window", "hsct")
ALL_PHASES = TRUNK + MR_ONLY + HR_ONLY
#: Alternatives of the MR path: one of them is given (R-B1-MRD).
ALTERNATIVES = ("marma", "blinatumomab_2")


class Phase(NamedTuple):
    phase: str
    label: str
    status: PhaseStatus
    branch: str
    note: str
    rules: tuple[str, ...]
    #: The recorded start of the phase (None: not recorded).
    start_date: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"phase": self.phase, "label": self.label, "status": self.status,
               "branch": self.branch, "note": self.note, "rules": list(self.rules)}
        if self.start_date is not None:
            out["start_date"] = self.start_date.isoformat()
        return out


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
    timepoints = {s.timepoint for s in case.mrd} if case.mrd else _NONE
    started_c2 = len(case.blinatumomab) > 1 and any(
        c.cycle == 2 and c.start_date and c.start_date <= today for c in case.blinatumomab)
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


_NONE: frozenset[str] = frozenset()


def _path(current: str | None) -> tuple[str, ...]:
    if current == "HR":
        return TRUNK + HR_ONLY
    if current == "MR":
        return TRUNK + MR_ONLY
    return TRUNK


def phase_starts(case: Case, recorded: Mapping[str, dt.date] | None) -> dict[str, dt.date]:
    """Each phase's start: the recorded phase starts, and for a blinatumomab cycle without
    one, the cycle's recorded infusion start date."""
    out = dict(recorded or {})
    for cycle in case.blinatumomab:
        if cycle.start_date is not None:
            out.setdefault(cycle_phase(cycle.cycle), cycle.start_date)
    return out


def cycle_phase(cycle: int) -> str:
    """The roadmap phase of blinatumomab cycle ``cycle``: ``blinatumomab_1``."""
    return _CYCLE_PHASES.get(cycle) or f"blinatumomab_{cycle}"


_CYCLE_PHASES = {1: "blinatumomab_1", 2: "blinatumomab_2"}  # written once, not per case


def _start_notes(case: Case, recorded: Mapping[str, dt.date] | None, starts: Mapping[str, dt.date],
                 today: dt.date) -> dict[str, list[str]]:
    """What the record says about a start that needs a clinician's eye."""
    notes: dict[str, list[str]] = {}
    if recorded:  # without a recorded phase start there are never two starts
        for cycle in case.blinatumomab:
            key = cycle_phase(cycle.cycle)
            given = recorded.get(key)
            if given is not None and cycle.start_date is not None and given != cycle.start_date:
                notes.setdefault(key, []).append(
                    f"two starts recorded: {given.isoformat()} (phase) and {cycle.start_date.isoformat()} "
                    "(the cycle's infusion start): check the record")
    for phase, start in starts.items():
        if start > today:
            notes.setdefault(phase, []).append(f"start recorded for {start.isoformat()}, after today")
    return notes


def _effective_path(path: tuple[str, ...], started: Collection[str]) -> tuple[str, ...]:
    """The path the recorded starts follow: the engine's path, or, while the branch is not
    decided, the branch a recorded start already entered (only one branch; else the trunk)."""
    if path != TRUNK:
        return path
    mr, hr = bool(set(started) & set(MR_ONLY)), bool(set(started) & set(HR_ONLY))
    if mr != hr:
        return TRUNK + (MR_ONLY if mr else HR_ONLY)
    return path


def _implied_done(path: tuple[str, ...], started: Collection[str]) -> tuple[set[str], set[str]]:
    """Phases a later recorded start shows are finished; and the alternatives (MARMA or
    blinatumomab cycle 2) passed while neither one's start is recorded (not guessed)."""
    on_path = [path.index(p) for p in started if p in path]
    if not on_path:
        return set(), set()
    latest = path[max(on_path)]
    done, unknown = set(), set()
    for phase in path[:max(on_path)]:
        if phase == "investigational_window" and phase not in started:
            continue  # optional: taken only while MRD is positive
        if phase in ALTERNATIVES:
            partner = ALTERNATIVES[1 - ALTERNATIVES.index(phase)]
            if latest == partner or (phase not in started and partner in started):
                continue
            if phase not in started:
                unknown.add(phase)
                continue
        done.add(phase)
    return done, unknown


class _RoadmapFacts(NamedTuple):
    """Everything the statuses and notes of the roadmap depend on, apart from dates.

    The same facts recur across patients (a few hundred combinations), so the roadmap's
    phases are worked out once per combination (:func:`_planned`); the dates of a patient
    (each phase's recorded start, the notes that quote a date) are added afterwards.
    """

    current: str | None
    at_diagnosis: str | None
    status: str
    subgroup: str | None
    reallocated_to_hr: bool
    blinatumomab_1: bool | None
    blinatumomab_2: bool | None
    hsct_eligible: bool | None
    blinatumomab_2_by_clinician: bool
    hsct_by_clinician: bool
    #: Phases whose completion recorded data shows (:func:`_done_evidence`).
    done_evidence: frozenset[str]
    #: Phases with a recorded start on or before today.
    started: frozenset[str]
    #: Treatment has begun: a diagnosis date or a recorded start.
    begun: bool


class _Planned(NamedTuple):
    """One phase as the facts give it (no start date, no note that quotes a date)."""

    phase: Phase
    #: A start is recorded for a phase the engine's path does not include: say so.
    start_off_path: bool
    #: A later phase started while this alternative's own start is not recorded: say so.
    alternative_unknown: bool
    #: The note is the "waits for the risk decision" note, which replaces every other.
    waiting: bool


def build_roadmap(case: Case, protocol: Protocol, risk: RiskResult, decisions: Decisions,
                  today: dt.date, recorded_starts: Mapping[str, dt.date] | None = None,
                  starts: Mapping[str, dt.date] | None = None) -> list[Phase]:
    """Every phase of both branches with its status and start date for this patient
    (``starts``: :func:`phase_starts` of the case and ``recorded_starts``, when the caller
    has it already)."""
    if starts is None:
        starts = phase_starts(case, recorded_starts)
    started = {p: d for p, d in starts.items() if d <= today}
    facts = _RoadmapFacts(
        risk.current, risk.at_diagnosis, risk.status, risk.subgroup,
        bool(risk.reallocations) and any(r.to_group == "HR" for r in risk.reallocations),
        decisions.blinatumomab_1, decisions.blinatumomab_2, decisions.hsct_eligible,
        _by_clinician(decisions, "blinatumomab_2"), _by_clinician(decisions, "hsct_eligible"),
        frozenset(_done_evidence(case, today)), frozenset(started),
        case.diagnosis.date is not None or bool(started))
    notes = _start_notes(case, recorded_starts, starts, today)
    phases = []
    for phase, start_off_path, alternative_unknown, waiting in _planned(protocol, facts):
        start = starts.get(phase.phase)
        extra: list[str] = []
        if not waiting and (notes or start_off_path or alternative_unknown):
            extra.extend(notes.get(phase.phase, ()))
            if start_off_path:
                extra.append(f"start recorded {started[phase.phase].isoformat()}, but the engine's path "
                             "does not include this phase: check the record (R-PHASE-DATES)")
            if alternative_unknown:
                extra.append("a later phase has started: record whether MARMA or blinatumomab cycle 2 "
                             "was given (R-PHASE-DATES)")
        if extra or start is not None:  # a new record only for what this patient adds
            note = "; ".join(x for x in (phase.note, *extra) if x) if extra else phase.note
            phase = Phase(phase.phase, phase.label, phase.status, phase.branch, note, phase.rules,
                          start)
        phases.append(phase)
    return phases


@lru_cache(maxsize=4096)  # pure: the same facts give the same phases
def _planned(protocol: Protocol, facts: _RoadmapFacts) -> tuple[_Planned, ...]:
    """The phases (status, branch, note, rules) that ``facts`` give, in roadmap order."""
    started = facts.started
    path = _path(facts.current)
    walk = _effective_path(path, started)
    implied, unknown = _implied_done(walk, started)
    done = facts.done_evidence | implied
    skipped: dict[str, str] = {}
    if facts.blinatumomab_1 is False:
        skipped["blinatumomab_1"] = "checklist before cycle 1 failed (R-B-CHECK)"
    if facts.blinatumomab_2 is True:
        skipped["marma"] = "replaced by blinatumomab cycle 2 (R-B1-MRD" + \
            (", by a clinician's decision)" if facts.blinatumomab_2_by_clinician else ")")
    elif facts.blinatumomab_2 is False and facts.current == "MR":
        skipped["blinatumomab_2"] = "no blinatumomab cycle 1 (R-B-CHECK)"
    if facts.hsct_eligible is True:
        skipped["investigational_window"] = (
            "proceed to HSCT by a clinician's decision (R-HSCT review)"
            if facts.hsct_by_clinician
            else f"MRD < {protocol.shown('hsct_mrd_percent')} %: proceed to HSCT (R-HSCT)")
    elif "hsct" in started and "investigational_window" not in started:
        skipped["investigational_window"] = "HSCT has started; no start of a window recorded"
    for phase in ALTERNATIVES:
        partner = ALTERNATIVES[1 - ALTERNATIVES.index(phase)]
        if partner in started and phase not in started:
            skipped.setdefault(phase, f"{protocol.phases.get(partner, partner)} was given (start recorded)")
    latest = max((walk.index(p) for p in started if p in walk), default=0)
    current = next((p for p in walk[latest:] if p not in done and p not in skipped), None) \
        if facts.begun else None
    current_found = False
    planned = []
    # The patient's own path reads first, in treatment order; the other branch follows.
    ordered = path + tuple(p for p in ALL_PHASES if p not in path) if path != TRUNK else ALL_PHASES
    for phase in ordered:
        branch = _BRANCH[phase]
        note, rules = "", _PHASE_RULES[branch]
        status: PhaseStatus
        if path != TRUNK and phase not in path:
            moved = facts.reallocated_to_hr and branch == "MR" and facts.at_diagnosis == "MR"
            status = "skipped" if moved else "not_applicable"
            note = "re-allocated to HR" if status == "skipped" else f"{branch} only"
        elif phase in skipped:
            status, note = "skipped", skipped[phase]
        elif phase in done:
            status = "done"
        elif phase == current:
            status, current_found = "current", True
            if phase not in path:
                note = f"{branch} branch started; the risk group is {facts.status}"
        elif phase not in path:
            status, note = "planned", f"{branch} branch: depends on the risk group ({facts.status})"
        else:
            status = "planned"
        if phase == "consolidation" and status in ("current", "planned") and facts.subgroup:
            split = protocol.consolidation_split
            flag = "" if split["verified"] else " — UNVERIFIED allocation, confirm with the protocol chair"
            note = f"{facts.subgroup}: {split[facts.subgroup]}{flag}"
        if phase == "investigational_window" and status in ("current", "planned"):
            note = f"while MRD ≥ {protocol.shown('hsct_mrd_percent')} %, then re-assess (R-HSCT)"
        off_path = status in ("skipped", "not_applicable")
        planned.append(_Planned(Phase(phase, protocol.phases.get(phase, phase), status, branch, note, rules),
                                phase in started and off_path, phase in unknown and not off_path, False))
    if facts.begun and not current_found:
        # The branch is not decided yet (risk pending or under review) and every trunk phase
        # is already done or skipped: the patient stays at the last phase done until the open
        # decision is made. Choosing a branch here would be a guess.
        last = max((i for i, p in enumerate(planned) if p.phase.phase in TRUNK and p.phase.status == "done"),
                   default=0)
        waiting = planned[last].phase._replace(
            status="current", note=f"finished; the next phase waits for the risk decision ({facts.status})")
        planned[last] = _Planned(waiting, False, False, True)
    return tuple(planned)


def phases_to_json(phases: list[Phase] | tuple[Phase, ...]) -> list[dict[str, Any]]:
    """``[p.to_json() for p in phases]``, each dict and list its own. (A cache of whole
    roadmaps cost more than it saved: a recorded start date makes nearly every roadmap new.)"""
    return [p.to_json() for p in phases]


def _by_clinician(decisions: Decisions, decision: str) -> bool:
    """True when a clinician's recorded answer, not the rule, settled ``decision``."""
    return any(map(_REVIEW_ID, decisions.reasons.get(decision, ())))  # each Reason.by_clinician


_REVIEW_ID = attrgetter("review_id")  # map with attrgetter: no generator frame


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
    # Nearly every patient has no open question: then no point is under review.
    # D8's HSCT question (an HR patient without cycle 1) bears on HSCT only, not on cycle 2.
    hsct_d8 = any(q.id == Q_HSCT_NO_CYCLE_1 for q in decisions.review)
    review_rules = {q.rule for q in (*risk.review, *decisions.review) if q.id != Q_HSCT_NO_CYCLE_1} \
        if risk.review or decisions.review else None
    points = []

    def status_of(value: object, rules: frozenset[str]) -> Literal["decided", "pending", "review"]:
        if review_rules and not rules.isdisjoint(review_rules):
            return "review"
        return "pending" if value is None else "decided"

    dx_rules = _DX_RULES
    risk_reasons = risk.reasons + risk.resolved
    dx_reasons = tuple([r for r in risk_reasons if r.rule in dx_rules])
    points.append(DecisionPoint(
        "risk_at_diagnosis", "prephase", "Risk group at diagnosis (MR or HR)?",
        status_of(risk.at_diagnosis, dx_rules), risk.at_diagnosis or risk.status,
        _details(dx_reasons), dx_reasons))
    eoi_rules = _EOI_RULES
    eoi_reasons = tuple([r.reason for r in risk.reallocations if r.when == "end_of_induction"]
                        + [r for r in risk_reasons if r.rule in eoi_rules])
    eoi_outcome = next((f"MR → HR ({r.reason.rule})" for r in risk.reallocations
                        if r.when == "end_of_induction"), None) if risk.reallocations else None
    # D3: not assessed while its MRD or marrow is missing (unless a recorded one moved to HR).
    eoi_missing = [m for m in risk.missing if m in EOI_MISSING]
    if eoi_outcome is None and risk.at_diagnosis == "MR" and case.end_of_induction is not None \
            and not eoi_missing:
        eoi_outcome = f"stays MR{' (' + risk.subgroup + ')' if risk.subgroup else ''}"
    eoi_pending = f"pending (missing: {', '.join(map(missing_name, eoi_missing))})" if eoi_missing \
        else "pending"
    points.append(DecisionPoint(
        "end_of_induction", "induction", "Re-allocation at the end of induction (MR only)?",
        "not_applicable" if risk.at_diagnosis == "HR" else status_of(eoi_outcome, eoi_rules),
        eoi_outcome or ("not applicable: HR from diagnosis" if risk.at_diagnosis == "HR" else eoi_pending),
        _details(eoi_reasons), eoi_reasons))
    b1_reasons = tuple(decisions.reasons.get("blinatumomab_1", []))
    points.append(DecisionPoint(
        "blinatumomab_checklist", "induction", "Blinatumomab cycle 1 (checklist B1–B4)?",
        status_of(decisions.blinatumomab_1, _B1_RULES), _yes_no(decisions.blinatumomab_1),
        _checklist_lines(tuple(decisions.checklist)), b1_reasons))
    b2_reasons = tuple(decisions.reasons.get("blinatumomab_2", []))
    points.append(DecisionPoint(
        "after_blinatumomab_1", "blinatumomab_1",
        "After blinatumomab cycle 1: blinatumomab cycle 2 (MR) or HR?",
        status_of(decisions.blinatumomab_2, _B2_RULES),
        _yes_no(decisions.blinatumomab_2),
        _details(b2_reasons), b2_reasons))
    hsct_reasons = tuple(decisions.reasons.get("hsct_eligible", []))
    points.append(DecisionPoint(
        "hsct", "blinatumomab_1", "Eligible for allogeneic HSCT (HR)?",
        "review" if hsct_d8 else status_of(decisions.hsct_eligible, _HSCT_RULES),
        _yes_no(decisions.hsct_eligible),
        _details(hsct_reasons), hsct_reasons))
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


@lru_cache(maxsize=1024)  # immutable: the same few checklists recur (as decisions._checklist)
def _checklist_lines(items: tuple[ChecklistItem, ...]) -> tuple[str, ...]:
    """B1–B4 as the checklist decision point lists them (``ChecklistItem.line``)."""
    return tuple([i.line for i in items])


def _details(reasons: tuple[Reason, ...]) -> tuple[str, ...]:
    """The data of a decision point: the detail of each of its reasons."""
    return tuple([r.detail for r in reasons])


def _yes_no(value: bool | None) -> str:
    return "pending" if value is None else ("yes" if value else "no")
