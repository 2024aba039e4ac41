"""Risk group at diagnosis (S1, S2) and re-allocation by response (R-EOI-*, R-B1-MRD).

The chain is walked in protocol order: diagnosis → end of induction → after
blinatumomab cycle 1. Each step records the rule and the data behind it. Where the
protocol leaves a boundary open the chain stops with a ``review`` question, unless a
clinician's recorded decision (``resolutions[question id]``) answers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from interfant_desktop.protocol.ages import age_band, months_birthday
from interfant_desktop.protocol.case import Case, MrdSample
from interfant_desktop.protocol.mrd import (
    REVIEW,
    MrdSide,
    Outcomes,
    at_timepoint,
    classify,
    describe_samples,
    outcome,
)
from interfant_desktop.protocol.prednisone import Response
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import compare, wbc_per_nl, wbc_unit_text
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import (
    Reason,
    Resolutions,
    ReviewItem,
    because,
    chosen,
    clinician_decision,
    question,
)

Group = Literal["MR", "HR"]
Status = Literal["final", "pending", "review"]
Subgroup = Literal["MR-low", "MR-high"]

# Stable IDs of the open questions, so a clinician's decision is found again.
Q_AGE = "risk.diagnosis.age_boundary"
Q_WBC = "risk.diagnosis.wbc_boundary"
Q_EOI_MRD = "risk.end_of_induction.mrd"
Q_SPLIT = "risk.end_of_induction.subgroup"
Q_B1 = "risk.after_blinatumomab_1.mrd"
Q_NO_CYCLE_1 = "risk.after_blinatumomab_1.without_cycle_1"
Q_LATE = "risk.later_mrd"
#: Open questions that leave the MR/HR group itself open (D1); the split does not.
GROUP_QUESTIONS = (Q_AGE, Q_WBC, Q_EOI_MRD, Q_B1, Q_NO_CYCLE_1, Q_LATE)


@quick_init
@dataclass(frozen=True, slots=True)
class Reallocation:
    """A move between risk groups, with the result that caused it."""

    when: str
    from_group: str
    to_group: str
    reason: Reason

    def to_json(self) -> dict[str, Any]:
        return {"when": self.when, "from": self.from_group, "to": self.to_group,
                **self.reason.to_json()}


#: Each name in ``RiskResult.missing`` (the JSON's machine names) as a clinician reads it,
#: with the protocol's names of the tests and time points.
MISSING_NAMES = {
    "diagnosis.date": "diagnosis date",
    "diagnosis.wbc": "WBC at diagnosis",
    "prednisone_response": "prednisone response (day 8)",
    "mrd (end_of_induction)": "MRD (end of induction)",
    "end_of_induction.marrow": "marrow status (end of induction)",
    "mrd (after_blinatumomab_1)": "MRD (after blinatumomab cycle 1)",
}


def missing_name(item: str) -> str:
    """A missing result in words: ``mrd (end_of_induction)`` → ``MRD (end of induction)``."""
    return MISSING_NAMES.get(item, item.replace("_", " "))


@dataclass(slots=True)
class RiskResult:
    at_diagnosis: Group | None = None
    current: Group | None = None
    status: Status = "pending"
    subgroup: Subgroup | None = None
    reasons: list[Reason] = field(default_factory=list)
    reallocations: list[Reallocation] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    resolved: list[Reason] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: Outcome of R-B1-MRD for an MR patient: "below" means blinatumomab cycle 2.
    after_b1: MrdSide | None = None
    #: True once every re-allocation point that applies has been assessed.
    reallocation_complete: bool = False

    @property
    def missing_names(self) -> tuple[str, ...]:
        """What the risk rules still need, in words (``missing`` holds the machine names)."""
        return tuple(missing_name(m) for m in self.missing)

    @property
    def attention(self) -> tuple[str, ...]:
        """One line per missing result, as lists of patients flag it:
        ``Missing MRD (end of induction)``."""
        return tuple(f"Missing {name}" for name in self.missing_names)

    def to_json(self) -> dict[str, Any]:
        return {
            "at_diagnosis": self.at_diagnosis, "current": self.current, "status": self.status,
            "subgroup": self.subgroup, "reasons": [r.to_json() for r in self.reasons],
            "reallocations": [r.to_json() for r in self.reallocations],
            "missing": list(self.missing),
        }


def _decided(protocol: Protocol, resolutions: Resolutions, item: ReviewItem,
             result: RiskResult) -> str | None:
    """A clinician's recorded answer to ``item``, or None (and the item stays open)."""
    choice = chosen(resolutions, item)
    if choice is not None:
        result.resolved.append(clinician_decision(protocol, item, resolutions))
        return choice
    result.review.append(item)
    return None


def _mr_or_hr(protocol: Protocol, resolutions: Resolutions, result: RiskResult,
              item: ReviewItem, when: str) -> Group | None:
    """An MR patient's open MR/HR question at a point: the clinician's answer (HR records
    the move, with the decision as its reason), or None while it is open (D1)."""
    choice = _decided(protocol, resolutions, item, result)
    if choice == "HR":
        result.reallocations.append(Reallocation(when, "MR", "HR", result.resolved[-1]))
        return "HR"
    return None if choice is None else "MR"


def _diagnosis_group(case: Case, protocol: Protocol, response: Response | None,
                     resolutions: Resolutions, result: RiskResult) -> Group | None:
    d, dob = case.diagnosis, case.patient.date_of_birth
    if d.date is None:
        result.missing.append("diagnosis.date")
        result.reasons.append(because(protocol, "R-DX-PENDING", "diagnosis date not recorded"))
        return None
    months = int(protocol.threshold("risk_age_months"))
    band = age_band(dob, d.date, months)
    birthday = months_birthday(dob, months)
    when = f"diagnosed {d.date.isoformat()}, {months}-month birthday {birthday.isoformat()}"
    if band == "over":
        note = " (a poor prednisone response does not change this)" if response == "poor" else ""
        result.reasons.append(because(protocol, "R-DX-MR-AGE", f"{when}: older than {months} months{note}"))
        return "MR"
    if band == "on":
        item = question(protocol, Q_AGE, "R-DX-AGE-BOUNDARY",
                        f"{when}: diagnosed on the birthday (D4: always a review, whatever the group)",
                        ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        return None if choice is None else ("HR" if choice == "HR" else "MR")
    return _young_infant_group(case, protocol, response, resolutions, result, when, months)


def _young_infant_group(case: Case, protocol: Protocol, response: Response | None,
                        resolutions: Resolutions, result: RiskResult, when: str,
                        months: int) -> Group | None:
    """Diagnosed before the 6-month birthday: WBC and prednisone response decide."""
    wbc = case.diagnosis.wbc
    limit = protocol.threshold("wbc_hr_10e9_per_l")
    wbc_side = None if wbc is None else compare(wbc_per_nl(wbc.value, wbc.unit), limit)
    # As the report gave it; a count per µL also as × 10^9/L, the unit of the threshold.
    e9 = wbc_unit_text("10^9/L")
    wbc_text = "WBC not recorded" if wbc is None else f"WBC {wbc.value:g} {e9}" \
        if wbc.unit == "10^9/L" else f"WBC {wbc.value:g} {wbc_unit_text(wbc.unit)} " \
        f"(= {wbc_per_nl(wbc.value, wbc.unit).normalize():f} {e9})"
    pr = case.prednisone_response
    pr_text = "prednisone response not recorded" if response is None else (
        "prednisone response not evaluable" if response == "not_evaluable"
        else f"day-8 blasts {pr.blasts_per_ul:g}/µL ({response})" if pr and pr.blasts_per_ul is not None
        else f"prednisone response {response}")
    hr_because = []
    if response == "poor":
        hr_because.append(pr_text)
    if wbc_side == "above":
        hr_because.append(f"{wbc_text} > {limit:g} {e9}")
    if hr_because:
        result.reasons.append(because(protocol, "R-DX-HR", f"{when}; " + "; ".join(hr_because)))
        return "HR"
    if response is None or wbc_side is None:
        missing = [m for m, absent in (("diagnosis.wbc", wbc_side is None),
                                       ("prednisone_response", response is None)) if absent]
        result.missing.extend(missing)
        result.reasons.append(because(protocol, "R-DX-PENDING",
                                      f"{when}: younger than {months} months; needs "
                                      + " and ".join(map(missing_name, missing))))
        return None
    if wbc_side == "at":
        item = question(protocol, Q_WBC, "R-DX-WBC-BOUNDARY", f"{when}; {wbc_text}; {pr_text}",
                        ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        return None if choice is None else ("HR" if choice == "HR" else "MR")
    result.reasons.append(because(protocol, "R-DX-MR", f"{when}; {wbc_text} < {limit:g} {e9}; {pr_text}"))
    if response == "not_evaluable":
        result.reasons.append(because(protocol, "R-PRED-NE", "counted like a good response"))
    return "MR"


# What each side of a threshold means at each re-allocation point (D2 compares outcomes).
EOI_MRD: Outcomes = {"below": "MR", "at": "HR", "above": "HR", "review": REVIEW}
EOI_SPLIT: Outcomes = {"below": "MR-low", "at": "MR-high", "above": "MR-high", "review": REVIEW}
AFTER_B1: Outcomes = {"below": "MR", "at": REVIEW, "above": "HR", "review": REVIEW}
LATE: Outcomes = {"below": "MR", "at": REVIEW, "above": REVIEW, "review": REVIEW}
#: MRD time points after the last re-allocation point (D6); ``other`` counts when dated later.
LATE_TIMEPOINTS = ("end_of_consolidation", "after_blinatumomab_2", "pre_hsct")


def _several(protocol: Protocol, samples: list[MrdSample], where: str, result: RiskResult) -> None:
    """D2: when a point has several results, say that every one of them counted."""
    if len(samples) > 1:
        result.reasons.append(because(protocol, "D2", f"{where}: {len(samples)} results, all compared: "
                                                      f"{describe_samples(samples)}"))


def _end_of_induction(case: Case, protocol: Protocol, resolutions: Resolutions,
                      result: RiskResult) -> Group | None:
    """R-EOI-CR and R-EOI-MRD for an MR patient; then the MR-low/MR-high split."""
    eoi = case.end_of_induction
    samples = at_timepoint(case.mrd, "end_of_induction")
    marrow = eoi.marrow if eoi else None
    limit = protocol.shown("eoi_mrd_hr_percent")
    to_hr: list[Reason] = []
    if marrow in ("M2", "M3"):
        to_hr.append(because(protocol, "R-EOI-CR", f"end-of-induction marrow {marrow}: not in CR"))
    side = outcome(samples, protocol.threshold("eoi_mrd_hr_percent"), EOI_MRD)
    _several(protocol, samples, "end-of-induction MRD", result)
    if side == "HR":
        to_hr.append(because(protocol, "R-EOI-MRD", f"end-of-induction MRD {describe_samples(samples)}: "
                                                    f"≥ {limit} %"))
    if to_hr:
        for r in to_hr:
            result.reallocations.append(Reallocation("end_of_induction", "MR", "HR", r))
        return "HR"
    if not samples:
        result.missing.append("mrd (end_of_induction)")
    if marrow is None:
        result.missing.append("end_of_induction.marrow")
    if side == REVIEW:
        conflict = " (D2: the results lead to different outcomes)" if len(samples) > 1 else ""
        item = question(protocol, Q_EOI_MRD, "R-EOI-MRD",
                        f"end-of-induction MRD {describe_samples(samples)} cannot be placed against "
                        f"{limit} %{conflict}", ("MR", "HR"))
        group = _mr_or_hr(protocol, resolutions, result, item, "end_of_induction")
        if group != "HR":
            _split(samples, protocol, resolutions, result)  # still open for MR: never dropped
        return group
    if side == "MR":
        result.reasons.append(because(protocol, "R-EOI-MRD", f"end-of-induction MRD "
                                                             f"{describe_samples(samples)}: < {limit} %"))
    _split(samples, protocol, resolutions, result)
    return "MR"


def _split(samples: list[MrdSample], protocol: Protocol, resolutions: Resolutions,
           result: RiskResult) -> None:
    """R-EOI-SPLIT: MR-low below the split threshold, MR-high at or above it. An open split
    does not open the MR/HR group (D1)."""
    if not samples:
        return
    side = outcome(samples, protocol.threshold("eoi_mrd_split_percent"), EOI_SPLIT)
    detail = f"end-of-induction MRD {describe_samples(samples)}"
    if side == REVIEW:
        item = question(protocol, Q_SPLIT, "R-EOI-SPLIT",
                        f"{detail} against {protocol.shown('eoi_mrd_split_percent')} %",
                        ("MR-low", "MR-high"))
        choice = _decided(protocol, resolutions, item, result)
        if choice is not None:
            result.subgroup = "MR-low" if choice == "MR-low" else "MR-high"
        return
    result.subgroup = "MR-low" if side == "MR-low" else "MR-high"
    result.reasons.append(because(protocol, "R-EOI-SPLIT", f"{detail}: {result.subgroup}"))


def _after_blinatumomab_1(case: Case, protocol: Protocol, resolutions: Resolutions,
                          result: RiskResult) -> Group | None:
    """R-B1-MRD for an MR patient who had cycle 1: above the threshold → HR, below →
    blinatumomab cycle 2; exactly at it, or results that disagree (D2) → review."""
    samples = at_timepoint(case.mrd, "after_blinatumomab_1")
    limit = protocol.shown("b1_mrd_percent")
    side = outcome(samples, protocol.threshold("b1_mrd_percent"), AFTER_B1)
    if side is None:
        result.missing.append("mrd (after_blinatumomab_1)")
        return "MR"
    _several(protocol, samples, "MRD after blinatumomab cycle 1", result)
    detail = f"MRD after blinatumomab cycle 1 {describe_samples(samples)}"
    reason = because(protocol, "R-B1-MRD", f"{detail}: > {limit} %")
    if side == REVIEW:
        conflict = " (D2: the results lead to different outcomes)" if len(samples) > 1 else ""
        item = question(protocol, Q_B1, "R-B1-MRD", f"{detail}: at or not placeable against {limit} %"
                        f"{conflict}", ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        if choice is None:
            return None
        reason = result.resolved[-1]
        side = choice
    result.after_b1 = "above" if side == "HR" else "below"
    if side == "HR":
        result.reallocations.append(Reallocation("after_blinatumomab_1", "MR", "HR", reason))
        return "HR"
    if reason.by_clinician:  # MR because a clinician decided so, not because MRD was below
        result.reasons.append(reason)
        return "MR"
    result.reasons.append(because(protocol, "R-B1-MRD", f"{detail}: < {limit} %, stays MR; "
                                                        "blinatumomab cycle 2 replaces MARMA"))
    return "MR"


def _without_cycle_1(case: Case, protocol: Protocol, resolutions: Resolutions,
                     result: RiskResult) -> Group | None:
    """D8: the checklist failed, so there was no cycle 1 and R-B1-MRD does not apply. An
    MRD recorded "after blinatumomab cycle 1" contradicts the record: review."""
    samples = at_timepoint(case.mrd, "after_blinatumomab_1")
    result.reasons.append(because(protocol, "D8", "checklist failed: no blinatumomab cycle 1, so "
                                                  "R-B1-MRD does not apply; stays MR"))
    if not samples:
        return "MR"
    item = question(protocol, Q_NO_CYCLE_1, "D8",
                    f"MRD after blinatumomab cycle 1 recorded ({describe_samples(samples)}) although "
                    "the checklist failed and no cycle 1 was given", ("MR", "HR"))
    return _mr_or_hr(protocol, resolutions, result, item, "after_blinatumomab_1")


def _later_mrd(case: Case, protocol: Protocol, resolutions: Resolutions, result: RiskResult,
               last_point: str) -> Group | None:
    """D6 (R-MRD-LATE): an MR patient past the last re-allocation point that applies, with
    a later MRD result not below the threshold, is a review (options MR or HR)."""
    last = at_timepoint(case.mrd, last_point)
    since = max((s.date for s in last), default=None)
    later = [s for s in case.mrd if s.timepoint in LATE_TIMEPOINTS
             or (s.timepoint == "other" and since is not None and s.date > since)]
    side = outcome(later, protocol.threshold("late_mrd_percent"), LATE)
    if side is None or side == "MR":
        return "MR"
    limit = protocol.shown("late_mrd_percent")
    not_below = [s for s in later if classify(s.result, protocol.threshold("late_mrd_percent")) != "below"]
    item = question(protocol, Q_LATE, "R-MRD-LATE",
                    f"MR after the last re-allocation point; later MRD {describe_samples(not_below)} "
                    f"is not below {limit} %", ("MR", "HR"))
    return _mr_or_hr(protocol, resolutions, result, item, "later_mrd")


def assess_risk(case: Case, protocol: Protocol, response: Response | None,
                blinatumomab_1_given: bool | None,
                resolutions: Resolutions | None = None) -> RiskResult:
    """The risk group at diagnosis and now, with every re-allocation and open question.

    ``blinatumomab_1_given`` is the checklist decision: False means no cycle 1, so the
    after-cycle-1 re-allocation cannot happen (D8).

    ``status`` describes the MR/HR group (D1): ``review`` while the group is open at any
    point, ``pending`` while data it needs is missing, else ``final`` (an open MR-low /
    MR-high split alone leaves it ``final``).
    """
    resolutions = resolutions or {}
    result = RiskResult()
    group = _diagnosis_group(case, protocol, response, resolutions, result)
    result.at_diagnosis = group
    if group is None:
        result.status = "review" if result.review else "pending"
        return result
    if group == "MR":
        group = _reallocate(case, protocol, blinatumomab_1_given, resolutions, result)
    else:
        result.reallocation_complete = True
    result.current = group
    if group is None:
        result.status = "review"
        result.subgroup = None
        return result
    result.status = "final"
    if group != "MR":  # the MR-low/MR-high split only describes a patient who is MR now
        result.subgroup = None
        result.review = [q for q in result.review if q.id != Q_SPLIT]
    return result


def _reallocate(case: Case, protocol: Protocol, blinatumomab_1_given: bool | None,
                resolutions: Resolutions, result: RiskResult) -> Group | None:
    """The re-allocation points of an MR patient in protocol order; None while one of them
    leaves the group open (D1). Records whether every point that applies was assessed."""
    eoi = case.end_of_induction
    eoi_samples = at_timepoint(case.mrd, "end_of_induction")
    group: Group | None = "MR"
    if eoi is not None or eoi_samples:
        group = _end_of_induction(case, protocol, resolutions, result)
    else:
        result.missing.extend(["mrd (end_of_induction)", "end_of_induction.marrow"])
    eoi_complete = eoi is not None and eoi.marrow is not None and bool(eoi_samples)
    if group != "MR":
        result.reallocation_complete = group == "HR"
        return group
    if blinatumomab_1_given is False:
        group = _without_cycle_1(case, protocol, resolutions, result)
        last_point, past = "end_of_induction", eoi_complete
    else:
        group = _after_blinatumomab_1(case, protocol, resolutions, result)
        last_point, past = "after_blinatumomab_1", eoi_complete and result.after_b1 == "below"
    if group == "MR" and past:
        group = _later_mrd(case, protocol, resolutions, result, last_point)
    # D3: every point that applies assessed (a move to HR ends the chain).
    result.reallocation_complete = group == "HR" or (group == "MR" and past)
    return group
