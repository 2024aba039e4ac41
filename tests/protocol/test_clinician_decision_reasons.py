"""A clinician's recorded answer settles a point in the engine's words as theirs."""

from __future__ import annotations

import datetime as dt

from interfant_desktop.protocol import evaluate, load_protocol, parse_case
from interfant_desktop.protocol.reasons import Resolution
from interfant_desktop.protocol.risk import Q_WBC

TODAY = dt.date(2026, 6, 1)
CASE = {"format": "interfant-case/1",
        "patient": {"study_id": "T-2", "date_of_birth": "2026-01-01", "down_syndrome": False},
        "diagnosis": {"date": "2026-03-01", "lineage": "B-ALL", "kmt2a": "rearranged",
                      "relapsed": False, "wbc": {"value": 300, "unit": "10^9/L"},
                      "prior_steroids": False, "prior_chemotherapy": False, "consent": True},
        "prednisone_response": {"date": "2026-03-08", "blasts_per_uL": 100}}


def test_a_resolution_record_names_who_when_and_why() -> None:
    protocol = load_protocol()
    case = parse_case(CASE, protocol, TODAY)
    at = dt.datetime(2026, 3, 9, 8, 30, tzinfo=dt.UTC)
    ev = evaluate(case, protocol, TODAY, {Q_WBC: Resolution("HR", "dr.vos", at, "Interfant-06: ≥ 300")})
    assert ev.risk.current == "HR"
    (decided,) = ev.resolved
    assert decided.by_clinician and decided.review_id == Q_WBC
    assert decided.detail.startswith("Clinician decision: HR — decided by dr.vos on 2026-03-09 08:30 "
                                     "UTC, because: Interfant-06: ≥ 300 (question: ")
    assert ev.to_json()["resolved_reviews"][0]["decided_by_clinician"] == Q_WBC
    # A bare option still works, and says where who and when are.
    plain = evaluate(case, protocol, TODAY, {Q_WBC: "HR"})
    assert "who, when and why are in the audit trail" in plain.resolved[0].detail
    assert plain.risk.current == "HR"
