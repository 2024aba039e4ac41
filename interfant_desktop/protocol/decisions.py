"""Treatment decisions: blinatumomab cycle 1 (checklist B1–B4), blinatumomab cycle 2
(R-B1-MRD), and eligibility for allogeneic HSCT (R-HSCT)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from interfant_desktop.protocol.case import Case, MrdSample
from interfant_desktop.protocol.mrd import at_timepoint, classify_all, describe_samples
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.reasons import (
    Reason,
    Resolutions,
    ReviewItem,
    because,
    chosen,
    clinician_decision,
    question,
)
from interfant_desktop.protocol.risk import Q_B1, RiskResult, missing_name

ItemStatus = Literal["passed", "failed", "missing"]
Q_B2_CONFLICT = "checklist.b2_conflicts_with_eoi_cns"
Q_HSCT = "hsct.latest_mrd"
Q_HSCT_NO_CYCLE_1 = "hsct.after_blinatumomab_1.without_cycle_1"
AFTER_B1_TIMEPOINTS = ("after_blinatumomab_1", "end_of_consolidation", "after_blinatumomab_2",
                       "pre_hsct")


class ChecklistItem(NamedTuple):
    id: str
    status: ItemStatus
    text: str
    source: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "text": self.text, "source": self.source,
                "detail": self.detail}

    @property
    def line(self) -> str:
        """The item as a decision point lists it: ``B1: not recorded (CD19-positive)``
        (``status`` keeps the machine word ``missing``)."""
        return f"{self.id}: {'not recorded' if self.status == 'missing' else self.status} ({self.detail})"


@dataclass(slots=True)
class Decisions:
    blinatumomab_1: bool | None = None
    blinatumomab_2: bool | None = None
    hsct_eligible: bool | None = None
    checklist: list[ChecklistItem] = field(default_factory=list)
    reasons: dict[str, list[Reason]] = field(default_factory=dict)
    review: list[ReviewItem] = field(default_factory=list)
    resolved: list[Reason] = field(default_factory=list)
    latest_mrd: list[MrdSample] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"blinatumomab_1": self.blinatumomab_1, "blinatumomab_2": self.blinatumomab_2,
                "hsct_eligible": self.hsct_eligible}


def _status(ok: bool | None) -> ItemStatus:
    return "missing" if ok is None else ("passed" if ok else "failed")


def checklist_items(case: Case, protocol: Protocol, resolutions: Resolutions,
                    decisions: Decisions) -> list[ChecklistItem]:
    """B1–B4 before blinatumomab cycle 1, each passed, failed or missing."""
    cl = case.blinatumomab_checklist
    eoi_cns = case.end_of_induction.cns if case.end_of_induction else None
    cns1 = cl.cns1_at_eoi if cl else None
    # Known from nowhere, B2 names what it needs (as B1, B3 and B4 do): "B2: not recorded (CNS1 ...)".
    cns_detail = f"recorded {'yes' if cns1 else 'no'}" if cns1 is not None else \
        "not recorded" if eoi_cns is not None else "CNS1 at end of induction"
    if eoi_cns is not None:
        from_eoi = eoi_cns == "CNS1"
        cns_detail += f"; end-of-induction CNS status {eoi_cns}"
        if cns1 is None:
            cns1 = from_eoi
            cns_detail += " (D9: B2 read from the end-of-induction record)"
        elif cns1 != from_eoi:
            item = question(protocol, Q_B2_CONFLICT, "B2",
                            f"checklist says CNS1 {'yes' if cns1 else 'no'}, but the end-of-induction "
                            f"CNS status is {eoi_cns} (D9: both recorded and they disagree)",
                            ("passed", "failed"))
            choice = chosen(resolutions, item)
            if choice is not None:
                decisions.resolved.append(clinician_decision(protocol, item, resolutions))
                cns_detail += f"; {decisions.resolved[-1].detail}"
                cns1 = choice == "passed"
            else:
                decisions.review.append(item)
                cns1 = None
    return list(_checklist(cl.cd19_positive if cl else None, cns1, cns_detail,
                           _negated(cl.hypersensitivity) if cl else None,
                           _negated(cl.live_vaccine_28d) if cl else None, protocol))


def _negated(value: bool | None) -> bool | None:
    return None if value is None else not value


@lru_cache(maxsize=1024)  # pure and immutable: a few combinations of answers in all
def _checklist(b1: bool | None, b2: bool | None, b2_detail: str, b3: bool | None, b4: bool | None,
               protocol: Protocol) -> tuple[ChecklistItem, ...]:
    """B1–B4 from the answers (True = passed), with the protocol file's wording."""
    answers = {
        "B1": (b1, "CD19-positive"),
        "B2": (b2, b2_detail),
        "B3": (b3, "no known hypersensitivity"),
        "B4": (b4, "no live vaccine within 28 days"),
    }
    items = []
    for item_id, (ok, detail) in answers.items():
        rule = protocol.rule(item_id)
        items.append(ChecklistItem(item_id, _status(ok), rule.text, rule.source, detail))
    return tuple(items)


def _blinatumomab_1(items: list[ChecklistItem], protocol: Protocol,
                    decisions: Decisions) -> bool | None:
    failed = [i.id for i in items if i.status == "failed"]
    missing = [i.id for i in items if i.status == "missing"]
    if failed:
        decisions.reasons["blinatumomab_1"] = [because(
            protocol, "R-B-CHECK",
            f"failed: {', '.join(failed)} — no blinatumomab; continue on the backbone")]
        return False
    if missing:
        decisions.reasons["blinatumomab_1"] = [because(
            protocol, "R-B-CHECK", f"checklist incomplete: {', '.join(missing)} not recorded")]
        return None
    decisions.reasons["blinatumomab_1"] = [because(protocol, "R-B-CHECK", "B1–B4 all passed")]
    return True


#: What the end-of-induction point needs (named in ``risk.missing``; D3).
EOI_MISSING = ("mrd (end_of_induction)", "end_of_induction.marrow")


def _group_open(risk: RiskResult, protocol: Protocol) -> Reason:
    """Why a decision that depends on the MR/HR group cannot be made yet (D1)."""
    if risk.status == "review":
        return because(protocol, "D1", "the MR/HR group is under review: decided once a clinician "
                                       "has answered the open question")
    needs = ", ".join(risk.missing_names) or "data not recorded yet"
    return because(protocol, "R-DX-PENDING", f"the risk group is pending (needs {needs})")


def _waiting_for(risk: RiskResult, protocol: Protocol, decision: str) -> Reason | None:
    """D3: the earlier re-allocation point this decision waits for, if one is unassessed."""
    eoi = [m for m in risk.missing if m in EOI_MISSING]
    if risk.at_diagnosis == "MR" and eoi:
        return because(protocol, "D3", f"{decision} waits for the end-of-induction assessment "
                                       f"(missing: {', '.join(map(missing_name, eoi))})")
    return None


def _blinatumomab_2(risk: RiskResult, protocol: Protocol, decisions: Decisions) -> bool | None:
    limit = protocol.shown("b1_mrd_percent")
    if decisions.blinatumomab_1 is False:
        decisions.reasons["blinatumomab_2"] = [because(
            protocol, "D8", "no blinatumomab cycle 1 (checklist failed): no blinatumomab at all")]
        return False
    if risk.current is None:
        decisions.reasons["blinatumomab_2"] = [_group_open(risk, protocol)]
        return None
    # D3 before the group, as for HSCT: an MR patient moved to HR after cycle 1 while the
    # end-of-induction point is not assessed still waits for it.
    waiting = _waiting_for(risk, protocol, "blinatumomab cycle 2")
    if waiting is not None:
        decisions.reasons["blinatumomab_2"] = [waiting]
        return None
    if risk.current == "HR":
        rule = "R-B1-MRD" if any(r.when == "after_blinatumomab_1" for r in risk.reallocations) \
            else "R-ROADMAP-HR"
        decisions.reasons["blinatumomab_2"] = [because(protocol, rule, "HR: no blinatumomab cycle 2")]
        return False
    if decisions.blinatumomab_1 is None:
        decisions.reasons["blinatumomab_2"] = [because(
            protocol, "D3", "waits for the checklist before cycle 1 (incomplete): cycle 2 follows "
                            "a cycle 1 that was indicated")]
        return None
    by_clinician = [r for r in risk.resolved if r.review_id == Q_B1]
    if risk.after_b1 == "below" and by_clinician:
        decisions.reasons["blinatumomab_2"] = [by_clinician[-1]._replace(
            detail=f"MR after cycle 1 by a clinician's decision, not by the MRD threshold: "
                   f"blinatumomab cycle 2 replaces MARMA. {by_clinician[-1].detail}")]
        return True
    if risk.after_b1 == "below":
        decisions.reasons["blinatumomab_2"] = [because(
            protocol, "R-B1-MRD",
            f"MR with MRD < {limit} % after cycle 1: blinatumomab cycle 2 replaces MARMA")]
        return True
    decisions.reasons["blinatumomab_2"] = [because(
        protocol, "D3", "decided by the MRD after blinatumomab cycle 1: not recorded yet")]
    return None


def mrd_after_cycle_1(case: Case) -> list[MrdSample]:
    """MRD results from blinatumomab cycle 1 onwards (the ones R-HSCT looks at)."""
    b1_dates = [s.date for s in case.mrd if s.timepoint == "after_blinatumomab_1"]
    cycle1 = [c.start_date for c in case.blinatumomab if c.cycle == 1 and c.start_date]
    since = min(b1_dates) if b1_dates else (cycle1[0] if cycle1 else None)
    return [s for s in case.mrd if s.timepoint in AFTER_B1_TIMEPOINTS
            or (s.timepoint == "other" and since is not None and s.date >= since)]


def mrd_after_induction(case: Case) -> list[MrdSample]:
    """D7: the MRD results after the end of induction (for a patient without cycle 1)."""
    eoi = case.end_of_induction
    eoi_dates = [s.date for s in case.mrd if s.timepoint == "end_of_induction"]
    if eoi is not None and eoi.date is not None:
        eoi_dates.append(eoi.date)
    since = max(eoi_dates, default=None)
    return [s for s in case.mrd if s.timepoint in AFTER_B1_TIMEPOINTS
            or (s.timepoint == "other" and (since is None or s.date > since))]


def _hsct(case: Case, risk: RiskResult, protocol: Protocol, resolutions: Resolutions,
          decisions: Decisions) -> bool | None:
    limit = protocol.shown("hsct_mrd_percent")
    if risk.current is None:
        decisions.reasons["hsct_eligible"] = [_group_open(risk, protocol)]
        return None
    waiting = _waiting_for(risk, protocol, "HSCT eligibility")
    if waiting is not None:
        decisions.reasons["hsct_eligible"] = [waiting]
        return None
    if risk.current == "MR":
        if risk.reallocation_complete:
            rule = "D8" if decisions.blinatumomab_1 is False else "R-HSCT"
            decisions.reasons["hsct_eligible"] = [because(
                protocol, rule, "MR after every re-allocation point: HSCT is for HR only")]
            return False
        decisions.reasons["hsct_eligible"] = [because(
            protocol, "D3", "MR so far; decided after the MRD after blinatumomab cycle 1")]
        return None
    without_cycle_1 = decisions.blinatumomab_1 is False
    contradicting = at_timepoint(case.mrd, "after_blinatumomab_1") if without_cycle_1 else []
    if contradicting:
        # D8: an MRD "after cycle 1" without a cycle 1 contradicts the record; HSCT is not
        # judged on it (nor on D7's later results) until a clinician decides.
        return _ask_hsct(question(
            protocol, Q_HSCT_NO_CYCLE_1, "D8",
            f"MRD after blinatumomab cycle 1 recorded ({describe_samples(contradicting)}) although "
            "the checklist failed and no cycle 1 was given", ("eligible", "not yet")),
            protocol, resolutions, decisions)
    samples = mrd_after_induction(case) if without_cycle_1 else mrd_after_cycle_1(case)
    if not samples:
        needs = "an MRD result after the end of induction (D7: no cycle 1)" if without_cycle_1 \
            else "an MRD result after blinatumomab cycle 1"
        decisions.reasons["hsct_eligible"] = [because(protocol, "D7" if without_cycle_1 else "R-HSCT",
                                                      f"HR: needs {needs}")]
        return None
    latest_date = max(s.date for s in samples)
    latest = [s for s in samples if s.date == latest_date]
    decisions.latest_mrd = latest
    side = classify_all(latest, protocol.threshold("hsct_mrd_percent"))
    detail = f"latest MRD {describe_samples(latest)}" + (" (D7: no cycle 1)" if without_cycle_1 else "")
    if side == "review":
        return _ask_hsct(question(protocol, Q_HSCT, "R-HSCT", detail, ("eligible", "not yet")),
                         protocol, resolutions, decisions)
    if side == "below":
        decisions.reasons["hsct_eligible"] = [because(protocol, "R-HSCT", f"{detail}: < {limit} %")]
        return True
    exactly = " (D5: exactly the threshold is not MRD-negative)" if side == "at" else ""
    decisions.reasons["hsct_eligible"] = [because(
        protocol, "D5" if side == "at" else "R-HSCT",
        f"{detail}: not < {limit} %{exactly} — not yet (investigational window, then re-assess)")]
    return False


def _ask_hsct(item: ReviewItem, protocol: Protocol, resolutions: Resolutions,
              decisions: Decisions) -> bool | None:
    """An HSCT question for a clinician: listed (None) until answered, then the answer."""
    choice = chosen(resolutions, item)
    if choice is None:
        decisions.review.append(item)
        decisions.reasons["hsct_eligible"] = [because(protocol, item.rule, f"{item.detail}: under review")]
        return None
    # Settled by the clinician, not by the threshold: the reason says who, when and why.
    decisions.resolved.append(clinician_decision(protocol, item, resolutions))
    decisions.reasons["hsct_eligible"] = [decisions.resolved[-1]]
    return choice == "eligible"


def decide(case: Case, protocol: Protocol, resolutions: Resolutions | None = None) -> Decisions:
    """The checklist and blinatumomab cycle 1 decision (needed before the risk chain)."""
    decisions = Decisions()
    decisions.checklist = checklist_items(case, protocol, resolutions or {}, decisions)
    decisions.blinatumomab_1 = _blinatumomab_1(decisions.checklist, protocol, decisions)
    return decisions


def decide_after_risk(case: Case, protocol: Protocol, risk: RiskResult, decisions: Decisions,
                      resolutions: Resolutions | None = None) -> Decisions:
    """Blinatumomab cycle 2 and HSCT, which depend on the risk chain."""
    decisions.blinatumomab_2 = _blinatumomab_2(risk, protocol, decisions)
    decisions.hsct_eligible = _hsct(case, risk, protocol, resolutions or {}, decisions)
    return decisions
