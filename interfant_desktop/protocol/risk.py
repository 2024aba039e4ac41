"""Risk group at diagnosis (S1, S2) and re-allocation by response (R-EOI-*, R-B1-MRD).

The chain is walked in protocol order: diagnosis → end of induction → after
blinatumomab cycle 1. Each step records the rule and the data behind it. Where the
protocol leaves a boundary open the chain stops with a ``review`` question, unless a
clinician's recorded decision (``resolutions[question id]``) answers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from interfant_desktop.protocol.ages import age_band, months_birthday
from interfant_desktop.protocol.case import Case, MrdSample
from interfant_desktop.protocol.mrd import MrdSide, at_timepoint, classify_all, describe_samples
from interfant_desktop.protocol.prednisone import Response
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import compare, wbc_per_nl
from interfant_desktop.protocol.reasons import Reason, ReviewItem, because, question

Group = Literal["MR", "HR"]
Status = Literal["final", "pending", "review"]
Subgroup = Literal["MR-low", "MR-high"]

# Stable IDs of the open questions, so a clinician's decision is found again.
Q_AGE = "risk.diagnosis.age_boundary"
Q_WBC = "risk.diagnosis.wbc_boundary"
Q_EOI_MRD = "risk.end_of_induction.mrd"
Q_SPLIT = "risk.end_of_induction.subgroup"
Q_B1 = "risk.after_blinatumomab_1.mrd"


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

    def to_json(self) -> dict[str, Any]:
        return {
            "at_diagnosis": self.at_diagnosis, "current": self.current, "status": self.status,
            "subgroup": self.subgroup, "reasons": [r.to_json() for r in self.reasons],
            "reallocations": [r.to_json() for r in self.reallocations],
            "missing": list(self.missing),
        }


def _decided(protocol: Protocol, resolutions: Mapping[str, str], item: ReviewItem,
             result: RiskResult) -> str | None:
    """A clinician's recorded answer to ``item``, or None (and the item stays open)."""
    choice = resolutions.get(item.id)
    if choice in item.options:
        result.resolved.append(because(protocol, item.rule,
                                       f"Clinician decision: {choice} ({item.detail})"))
        return choice
    result.review.append(item)
    return None


def _diagnosis_group(case: Case, protocol: Protocol, response: Response | None,
                     resolutions: Mapping[str, str], result: RiskResult) -> Group | None:
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
        item = question(protocol, Q_AGE, "R-DX-AGE-BOUNDARY", f"{when}: diagnosed on the birthday",
                        ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        return None if choice is None else ("HR" if choice == "HR" else "MR")
    return _young_infant_group(case, protocol, response, resolutions, result, when)


def _young_infant_group(case: Case, protocol: Protocol, response: Response | None,
                        resolutions: Mapping[str, str], result: RiskResult, when: str) -> Group | None:
    """Diagnosed before the 6-month birthday: WBC and prednisone response decide."""
    wbc = case.diagnosis.wbc
    limit = protocol.threshold("wbc_hr_10e9_per_l")
    wbc_side = None if wbc is None else compare(wbc_per_nl(wbc.value, wbc.unit), limit)
    wbc_text = "WBC not recorded" if wbc is None else \
        f"WBC {wbc.value:g} {'×10^9/L' if wbc.unit == '10^9/L' else '/µL'} " \
        f"(= {wbc_per_nl(wbc.value, wbc.unit).normalize():f} ×10^9/L)"
    pr = case.prednisone_response
    pr_text = "prednisone response not recorded" if response is None else (
        "prednisone response not evaluable" if response == "not_evaluable"
        else f"day-8 blasts {pr.blasts_per_ul:g}/µL ({response})" if pr and pr.blasts_per_ul is not None
        else f"prednisone response {response}")
    hr_because = []
    if response == "poor":
        hr_because.append(pr_text)
    if wbc_side == "above":
        hr_because.append(f"{wbc_text} > {limit:g} ×10^9/L")
    if hr_because:
        result.reasons.append(because(protocol, "R-DX-HR", f"{when}; " + "; ".join(hr_because)))
        return "HR"
    if response is None or wbc_side is None:
        missing = [m for m, absent in (("diagnosis.wbc", wbc_side is None),
                                       ("prednisone_response", response is None)) if absent]
        result.missing.extend(missing)
        result.reasons.append(because(protocol, "R-DX-PENDING",
                                      f"{when}: younger than 6 months; needs " + " and ".join(missing)))
        return None
    if wbc_side == "at":
        item = question(protocol, Q_WBC, "R-DX-WBC-BOUNDARY", f"{when}; {wbc_text}; {pr_text}",
                        ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        return None if choice is None else ("HR" if choice == "HR" else "MR")
    result.reasons.append(because(protocol, "R-DX-MR", f"{when}; {wbc_text} < {limit:g} ×10^9/L; {pr_text}"))
    if response == "not_evaluable":
        result.reasons.append(because(protocol, "R-PRED-NE", "counted like a good response"))
    return "MR"


def _end_of_induction(case: Case, protocol: Protocol, resolutions: Mapping[str, str],
                      result: RiskResult) -> Group | None:
    """R-EOI-CR and R-EOI-MRD for an MR patient; then the MR-low/MR-high split."""
    eoi = case.end_of_induction
    samples = at_timepoint(case.mrd, "end_of_induction")
    marrow = eoi.marrow if eoi else None
    to_hr: list[Reason] = []
    if marrow in ("M2", "M3"):
        to_hr.append(because(protocol, "R-EOI-CR", f"end-of-induction marrow {marrow}: not in CR"))
    side = classify_all(samples, protocol.threshold("eoi_mrd_hr_percent"))
    if side in ("at", "above"):
        to_hr.append(because(protocol, "R-EOI-MRD", f"end-of-induction MRD {describe_samples(samples)}"))
    if to_hr:
        for r in to_hr:
            result.reallocations.append(Reallocation("end_of_induction", "MR", "HR", r))
        return "HR"
    if side == "review":
        item = question(protocol, Q_EOI_MRD, "R-EOI-MRD",
                        f"end-of-induction MRD {describe_samples(samples)} cannot be placed against "
                        f"{protocol.threshold('eoi_mrd_hr_percent'):g} %", ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        if choice is None:
            return None
        if choice == "HR":
            result.reallocations.append(Reallocation("end_of_induction", "MR", "HR", result.resolved[-1]))
            return "HR"
    if not samples:
        result.missing.append("mrd (end_of_induction)")
    if marrow is None:
        result.missing.append("end_of_induction.marrow")
    _split(samples, protocol, resolutions, result)
    return "MR"


def _split(samples: list[MrdSample], protocol: Protocol, resolutions: Mapping[str, str],
           result: RiskResult) -> None:
    """R-EOI-SPLIT: MR-low below 0.05 %, MR-high at or above it."""
    if not samples:
        return
    side = classify_all(samples, protocol.threshold("eoi_mrd_split_percent"))
    detail = f"end-of-induction MRD {describe_samples(samples)}"
    if side == "review":
        item = question(protocol, Q_SPLIT, "R-EOI-SPLIT", detail, ("MR-low", "MR-high"))
        choice = _decided(protocol, resolutions, item, result)
        if choice is not None:
            result.subgroup = "MR-low" if choice == "MR-low" else "MR-high"
        return
    result.subgroup = "MR-low" if side == "below" else "MR-high"
    result.reasons.append(because(protocol, "R-EOI-SPLIT", f"{detail}: {result.subgroup}"))


def _after_blinatumomab_1(case: Case, protocol: Protocol, resolutions: Mapping[str, str],
                          result: RiskResult) -> Group | None:
    """R-B1-MRD for an MR patient: > 0.01 % → HR, < 0.01 % → blinatumomab cycle 2."""
    samples = at_timepoint(case.mrd, "after_blinatumomab_1")
    side = classify_all(samples, protocol.threshold("b1_mrd_percent"))
    if side is None:
        return "MR"
    detail = f"MRD after blinatumomab cycle 1 {describe_samples(samples)}"
    reason = because(protocol, "R-B1-MRD", detail)
    if side in ("at", "review"):
        item = question(protocol, Q_B1, "R-B1-MRD", detail, ("MR", "HR"))
        choice = _decided(protocol, resolutions, item, result)
        if choice is None:
            return None
        reason = result.resolved[-1]
        side = "above" if choice == "HR" else "below"
    result.after_b1 = side
    if side == "above":
        result.reallocations.append(Reallocation("after_blinatumomab_1", "MR", "HR", reason))
        return "HR"
    result.reasons.append(because(protocol, "R-B1-MRD", f"{detail}: stays MR; blinatumomab cycle 2 "
                                                        "replaces MARMA"))
    return "MR"


def assess_risk(case: Case, protocol: Protocol, response: Response | None,
                blinatumomab_1_given: bool | None,
                resolutions: Mapping[str, str] | None = None) -> RiskResult:
    """The risk group at diagnosis and now, with every re-allocation and open question.

    ``blinatumomab_1_given`` is the checklist decision: False means no cycle 1, so the
    after-cycle-1 re-allocation cannot happen.
    """
    resolutions = resolutions or {}
    result = RiskResult()
    group = _diagnosis_group(case, protocol, response, resolutions, result)
    result.at_diagnosis = group
    if group is None:
        result.status = "review" if result.review else "pending"
        return result
    if group == "MR":
        eoi = case.end_of_induction
        eoi_samples = at_timepoint(case.mrd, "end_of_induction")
        if eoi is not None or eoi_samples:
            group = _end_of_induction(case, protocol, resolutions, result)
        if group == "MR":
            group = _after_blinatumomab_1(case, protocol, resolutions, result)
            if group == "HR":
                result.subgroup = None
                result.review = [q for q in result.review if q.id != Q_SPLIT]
        eoi_complete = eoi is not None and eoi.marrow is not None and bool(eoi_samples)
        b1_complete = result.after_b1 is not None or blinatumomab_1_given is False
        result.reallocation_complete = group == "HR" or (
            group == "MR" and eoi_complete and b1_complete and not result.review)
    else:
        result.reallocation_complete = True
    result.current = group
    result.status = "review" if result.review else "final"
    if group != "MR":  # the MR-low/MR-high split only describes a patient who is MR now
        result.subgroup = None
    return result
