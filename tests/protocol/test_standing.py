"""The engine's standing: what the rest of an evaluation means for an ineligible patient."""

from __future__ import annotations

import datetime as dt

from interfant_desktop.protocol import Evaluation, evaluate, load_protocol, parse_case

TODAY = dt.date(2026, 6, 1)


def _evaluate(born: str, diagnosed: str, **diagnosis: object) -> Evaluation:
    protocol = load_protocol()
    case = {"format": "interfant-case/1",
            "patient": {"study_id": "T-1", "date_of_birth": born, "down_syndrome": False},
            "diagnosis": {"date": diagnosed, "lineage": "B-ALL", "kmt2a": "rearranged",
                          "relapsed": False, "wbc": {"value": 50, "unit": "10^9/L"},
                          "prior_steroids": False, "prior_chemotherapy": False, "consent": True,
                          **diagnosis},
            "prednisone_response": {"date": diagnosed, "blasts_per_uL": 100}}
    return evaluate(parse_case(case, protocol, TODAY), protocol, TODAY)


def test_ineligible_patient_has_no_current_phase_but_keeps_the_roadmap() -> None:
    ev = _evaluate("2025-01-10", "2026-01-20")  # 375 days
    standing = ev.standing
    assert standing.status == "ineligible" and not standing.applies
    assert [c.id for c in standing.criteria] == ["INC2", "EXC4"]
    assert standing.current_phase is None
    assert ev.current_phase is not None  # the contract's roadmap stays
    assert "WOULD APPLY IF ELIGIBLE" in standing.roadmap_caveat
    # The list's flag names each criterion with the protocol's wording (thresholds filled in).
    assert standing.attention() == \
        "Ineligible: fails INC2 (≤ 365 days of age at diagnosis), EXC4 (Age > 365 days at diagnosis)"
    assert ev.to_json()["protocol_applies"] is False


def test_incomplete_patient_has_a_provisional_phase() -> None:
    ev = _evaluate("2025-10-10", "2026-01-20", consent=None)
    standing = ev.standing
    assert standing.status == "incomplete" and standing.provisional
    assert [c.id for c in standing.criteria] == ["INC3"]
    assert standing.current_phase == ev.current_phase
    assert standing.attention() == \
        "Eligibility incomplete: missing INC3 (Written informed consent of parent(s) / legal guardian)"


def test_eligible_patient_reads_plainly() -> None:
    standing = _evaluate("2025-10-10", "2026-01-20").standing
    assert standing.applies and standing.criteria == () and standing.roadmap_caveat == ""
    assert standing.attention() is None


def test_risk_outlook_at_diagnosis_lists_the_points_ahead() -> None:
    ev = _evaluate("2025-03-10", "2026-01-20")  # > 6 months: MR, nothing after diagnosis yet
    assert ev.risk.status == "final"
    outlook = ev.risk_outlook
    assert outlook.settled == ("risk group at diagnosis: MR",)
    rules = [r.rule for point in outlook.ahead for r in point.rules]
    assert rules[:4] == ["R-EOI-MRD", "R-EOI-CR", "R-EOI-SPLIT", "R-B1-MRD"]
    assert not outlook.complete and outlook.summary.startswith("settled so far; still to come: ")
