"""RULES.md "Prednisone response (S3)" and "Risk group at diagnosis (S1, S2)":
999/1000 blasts, not evaluable, WBC exactly 300 in both units, pending and review."""

from __future__ import annotations

from typing import Any

import pytest

from tests.protocol.builders import DELETE, base_case, edit, review_rules, run

OLDER = {"patient.date_of_birth": "2025-06-01"}  # diagnosed 2026-03-01: > 6 months


def risk_of(changes: dict[str, Any]) -> dict[str, Any]:
    return run(edit(base_case(), changes))


def triple(result: dict[str, Any]) -> tuple[Any, Any, Any]:
    r = result["risk"]
    return r["at_diagnosis"], r["current"], r["status"]


# --- prednisone response ------------------------------------------------------------

@pytest.mark.parametrize(("blasts", "response"), [
    (0, "good"), (999, "good"), (999.9, "good"), (1000, "poor"), (1000.0, "poor"), (1001, "poor"),
    (250000, "poor"),
])
def test_prednisone_response_threshold_1000_per_ul(blasts: float, response: str) -> None:
    result = risk_of({"prednisone_response.blasts_per_uL": blasts})
    assert result["prednisone_response"] == response
    expected = ("HR", "HR", "final") if response == "poor" else ("MR", "MR", "final")
    assert triple(result) == expected


def test_not_evaluable_counts_like_good() -> None:
    result = risk_of({"prednisone_response": {"date": "2026-03-08", "not_evaluable": True}})
    assert result["prednisone_response"] == "not_evaluable"
    assert triple(result) == ("MR", "MR", "final")
    assert result["review"] == []


def test_not_evaluable_with_high_wbc_is_hr() -> None:
    result = risk_of({"prednisone_response": {"not_evaluable": True},
                      "diagnosis.wbc": {"value": 301, "unit": "10^9/L"}})
    assert triple(result) == ("HR", "HR", "final")


@pytest.mark.parametrize("how", ["absent", "null", "empty", "date only", "blasts null"])
def test_missing_prednisone_response_makes_young_infant_with_low_wbc_pending(how: str) -> None:
    value = {"absent": DELETE, "null": None, "empty": {}, "date only": {"date": "2026-03-08"},
             "blasts null": {"blasts_per_uL": None, "not_evaluable": None}}[how]
    result = risk_of({"prednisone_response": value})
    assert result["prednisone_response"] is None
    assert triple(result) == (None, None, "pending")
    assert result["review"] == []


def test_missing_prednisone_response_does_not_matter_with_wbc_above_300() -> None:
    result = risk_of({"prednisone_response": DELETE, "diagnosis.wbc": {"value": 450, "unit": "10^9/L"}})
    assert triple(result) == ("HR", "HR", "final")


def test_missing_prednisone_response_does_not_matter_when_older_than_6_months() -> None:
    result = risk_of({**OLDER, "prednisone_response": DELETE})
    assert triple(result) == ("MR", "MR", "final")


def test_missing_prednisone_response_with_wbc_exactly_300_is_pending() -> None:
    # A poor response would make it HR whatever the WBC; until it is known: pending.
    result = risk_of({"prednisone_response": DELETE, "diagnosis.wbc": {"value": 300, "unit": "10^9/L"}})
    assert triple(result) == (None, None, "pending")


def test_missing_wbc_young_good_response_is_pending() -> None:
    assert triple(risk_of({"diagnosis.wbc": DELETE})) == (None, None, "pending")
    assert triple(risk_of({"diagnosis.wbc": None})) == (None, None, "pending")


def test_missing_wbc_does_not_matter_with_poor_response_or_older() -> None:
    assert triple(risk_of({"diagnosis.wbc": DELETE,
                           "prednisone_response.blasts_per_uL": 1000})) == ("HR", "HR", "final")
    assert triple(risk_of({**OLDER, "diagnosis.wbc": DELETE})) == ("MR", "MR", "final")


def test_missing_diagnosis_date_is_pending() -> None:
    result = risk_of({"diagnosis.date": DELETE})
    assert result["age_at_diagnosis_days"] is None
    assert triple(result) == (None, None, "pending")


# --- WBC -----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "unit", "expected"), [
    (100, "10^9/L", ("MR", "MR", "final")),
    (299, "10^9/L", ("MR", "MR", "final")),
    (299.999, "10^9/L", ("MR", "MR", "final")),
    (300.001, "10^9/L", ("HR", "HR", "final")),
    (301, "10^9/L", ("HR", "HR", "final")),
    (299999, "/uL", ("MR", "MR", "final")),
    (300001, "/uL", ("HR", "HR", "final")),
    (300, "/uL", ("MR", "MR", "final")),          # 300 /µL is 0.3 × 10^9/L: the unit is never assumed
    (450000, "/uL", ("HR", "HR", "final")),
])
def test_wbc_threshold_in_both_units(value: float, unit: str, expected: tuple) -> None:
    assert triple(risk_of({"diagnosis.wbc": {"value": value, "unit": unit}})) == expected


@pytest.mark.parametrize(("value", "unit"), [(300, "10^9/L"), (300.0, "10^9/L"), (300000, "/uL"),
                                             (300000.0, "/uL")])
def test_wbc_exactly_300_decides_the_group_review(value: float, unit: str) -> None:
    result = risk_of({"diagnosis.wbc": {"value": value, "unit": unit}})
    assert triple(result) == (None, None, "review")
    assert review_rules(result) == ["R-DX-WBC-BOUNDARY"]


def test_wbc_exactly_300_with_not_evaluable_response_is_review() -> None:
    result = risk_of({"diagnosis.wbc": {"value": 300000, "unit": "/uL"},
                      "prednisone_response": {"not_evaluable": True}})
    assert triple(result) == (None, None, "review")
    assert review_rules(result) == ["R-DX-WBC-BOUNDARY"]


@pytest.mark.parametrize(("value", "unit"), [(300, "10^9/L"), (300000, "/uL")])
def test_wbc_exactly_300_with_poor_response_is_hr_without_review(value: float, unit: str) -> None:
    result = risk_of({"diagnosis.wbc": {"value": value, "unit": unit},
                      "prednisone_response.blasts_per_uL": 1000})
    assert triple(result) == ("HR", "HR", "final")
    assert result["review"] == []


@pytest.mark.parametrize(("value", "unit"), [(300, "10^9/L"), (300000, "/uL")])
def test_wbc_exactly_300_older_than_6_months_is_mr_without_review(value: float, unit: str) -> None:
    result = risk_of({**OLDER, "diagnosis.wbc": {"value": value, "unit": unit}})
    assert triple(result) == ("MR", "MR", "final")
    assert result["review"] == []


def test_poor_response_and_wbc_above_300_is_hr() -> None:
    result = risk_of({"diagnosis.wbc": {"value": 650, "unit": "10^9/L"},
                      "prednisone_response.blasts_per_uL": 8000})
    assert triple(result) == ("HR", "HR", "final")


def test_older_than_6_months_with_wbc_above_300_and_poor_response_is_mr() -> None:
    result = risk_of({**OLDER, "diagnosis.wbc": {"value": 650, "unit": "10^9/L"},
                      "prednisone_response.blasts_per_uL": 8000})
    assert triple(result) == ("MR", "MR", "final")


def test_hr_reason_carries_rule_source_and_text() -> None:
    from interfant_desktop.protocol import load_protocol

    reasons = risk_of({"prednisone_response.blasts_per_uL": 1000})["risk"]["reasons"]
    hr = [r for r in reasons if r["rule"] == "R-DX-HR"]
    assert hr and hr[0]["source"] == "S1"
    assert hr[0]["text"] == load_protocol().rule("R-DX-HR").text


def test_mr_reason_names_the_rule() -> None:
    assert "R-DX-MR" in [r["rule"] for r in risk_of({})["risk"]["reasons"]]
