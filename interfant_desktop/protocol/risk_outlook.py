"""What of the risk group is settled, and which re-allocation points are still ahead.

``risk.status`` ``final`` (D1) says the MR/HR group is not open *now*; at diagnosis an
MR patient still has the end-of-induction and after-cycle-1 points ahead (R-EOI-*,
R-B1-MRD), and an HR patient the HSCT question (R-HSCT). A screen that shows only
"final" would read as if nothing could change: this module lists both halves.
"""

from __future__ import annotations

from dataclasses import dataclass

from interfant_desktop.protocol.decisions import EOI_MISSING, Decisions
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.risk import GROUP_QUESTIONS, Q_B1, Q_EOI_MRD, RiskResult


@dataclass(frozen=True, slots=True)
class PointAhead:
    """A re-allocation or decision point not yet assessed, with what it waits for."""

    point: str
    waits_for: tuple[str, ...]
    rules: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class RiskOutlook:
    """The settled part of the risk answer and the points still to come, in protocol order."""

    settled: tuple[str, ...]
    ahead: tuple[PointAhead, ...]

    @property
    def complete(self) -> bool:
        """True once no point that could still change the group or its decisions is ahead."""
        return not self.ahead

    @property
    def summary(self) -> str:
        """One line: "settled so far", or "settled" once nothing is ahead."""
        if self.ahead:
            return "settled so far; still to come: " + "; ".join(p.point for p in self.ahead)
        return "settled: no decision point ahead"


#: What a point waits for, in a clinician's words (the engine's ``risk.missing`` names).
_NEEDS = {"mrd (end_of_induction)": "the end-of-induction MRD",
          "end_of_induction.marrow": "the end-of-induction marrow (M1/M2/M3)",
          "mrd (after_blinatumomab_1)": "the MRD after blinatumomab cycle 1",
          "diagnosis.date": "the diagnosis date", "diagnosis.wbc": "the WBC at diagnosis",
          "prednisone_response": "the prednisone response (day 8)"}


def _needs(missing: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(_NEEDS.get(m, m.replace("_", " ")) for m in missing)


def _by_whom(decision: Reason | None, what: str, rules: str) -> str:
    """``what`` with the rules that settled it, or the clinician who did (never both)."""
    if decision is None:
        return f"{what} ({rules})"
    who = decision.detail.split(" (question:")[0].removeprefix("Clinician decision: ")
    return f"{what} by a clinician's decision ({decision.rule} review: {who})"


def risk_outlook(risk: RiskResult, decisions: Decisions, protocol: Protocol) -> RiskOutlook:
    """The settled facts of ``risk`` and the points of the protocol still ahead of it."""
    settled: list[str] = []
    if risk.at_diagnosis:
        settled.append(f"risk group at diagnosis: {risk.at_diagnosis}")
    for move in risk.reallocations:
        settled.append(f"{move.when.replace('_', ' ')}: {move.from_group} → {move.to_group} "
                       f"({move.reason.rule})")
    decided = {r.review_id: r for r in risk.resolved if r.by_clinician}
    if risk.current == "MR" and risk.at_diagnosis == "MR":
        if not any(m in EOI_MISSING for m in risk.missing):
            settled.append(_by_whom(decided.get(Q_EOI_MRD), "end of induction: stays MR",
                                    "R-EOI-MRD, R-EOI-CR"))
        if risk.after_b1 == "below":
            settled.append(_by_whom(decided.get(Q_B1), "after blinatumomab cycle 1: stays MR, "
                                    "cycle 2 replaces MARMA", "R-B1-MRD"))
    if risk.subgroup:
        settled.append(f"end-of-induction subgroup: {risk.subgroup} (R-EOI-SPLIT)")
    ahead: list[PointAhead] = []
    if risk.at_diagnosis is None and risk.status == "pending":
        ahead.append(PointAhead("risk group at diagnosis", _needs(risk.missing),
                                tuple(because(protocol, r) for r in ("R-DX-HR", "R-DX-MR"))))
    open_group = [q for q in risk.review if q.id in GROUP_QUESTIONS]
    if open_group:
        ahead.append(PointAhead("a clinician's decision on the open review question",
                                tuple(q.detail for q in open_group),
                                tuple(because(protocol, q.rule) for q in open_group)))
    if risk.current == "MR" and risk.at_diagnosis == "MR":
        eoi = tuple(m for m in risk.missing if m in EOI_MISSING)
        if eoi:
            ahead.append(PointAhead("end-of-induction re-allocation (MR → HR or MR-low / MR-high)",
                                    _needs(eoi), tuple(because(protocol, r)
                                               for r in ("R-EOI-MRD", "R-EOI-CR", "R-EOI-SPLIT"))))
        after_b1 = "mrd (after_blinatumomab_1)"
        if decisions.blinatumomab_1 is not False and after_b1 in risk.missing:
            ahead.append(PointAhead("re-allocation after blinatumomab cycle 1 (MR or HR; cycle 2)",
                                    _needs([after_b1]), (because(protocol, "R-B1-MRD"),)))
        # D6: past the last point, a later MRD that is not below the threshold reopens MR/HR.
        ahead.append(PointAhead("any later MRD result (D6: one not below "
                                f"{protocol.shown('late_mrd_percent')} % is a review MR / HR)",
                                ("later MRD results",), (because(protocol, "R-MRD-LATE"),)))
    if risk.current == "HR" and decisions.hsct_eligible is not True:
        ahead.append(PointAhead("eligibility for allogeneic HSCT (re-assessed with each MRD)",
                                ("MRD undetectable or below "
                                 f"{protocol.shown('hsct_mrd_percent')} %",),
                                (because(protocol, "R-HSCT"),)))
    return RiskOutlook(tuple(settled), tuple(ahead))
