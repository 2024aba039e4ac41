"""RULES.md "Ages and units": age in days, INC2/EXC4 at 365/366 days, and the
6-month birthday in calendar months with month-end handling."""

from __future__ import annotations

import pytest

from tests.protocol.builders import case, review_rules, run

POOR = 5000  # day-8 blasts/µL: poor response, so the age band alone decides HR vs MR


def young(dob: str, dx: str, blasts: float = POOR) -> dict:
    return run(case(patient__date_of_birth=dob, diagnosis__date=dx,
                    prednisone_response__date=None, prednisone_response__blasts_per_uL=blasts))


@pytest.mark.parametrize(("dob", "dx", "days"), [
    ("2026-01-10", "2026-01-10", 0),
    ("2026-01-10", "2026-03-01", 50),
    ("2025-03-01", "2026-03-01", 365),
    ("2024-03-01", "2025-03-01", 365),
    ("2023-03-01", "2024-03-01", 366),   # across 29 Feb 2024
    ("2024-02-29", "2025-02-28", 365),   # born on a leap day
    ("2024-02-29", "2025-03-01", 366),
])
def test_age_in_calendar_days(dob: str, dx: str, days: int) -> None:
    assert young(dob, dx)["age_at_diagnosis_days"] == days


@pytest.mark.parametrize(("dob", "dx"), [("2025-03-01", "2026-03-01"), ("2024-02-29", "2025-02-28")])
def test_365_days_is_eligible(dob: str, dx: str) -> None:
    result = young(dob, dx, blasts=200)
    assert result["age_at_diagnosis_days"] == 365
    e = result["eligibility"]
    assert (e["status"], e["failed"], e["missing"]) == ("eligible", [], [])


@pytest.mark.parametrize(("dob", "dx"), [("2025-03-01", "2026-03-02"), ("2024-02-29", "2025-03-01"),
                                         ("2023-03-01", "2024-03-01")])
def test_366_days_fails_inc2_and_exc4(dob: str, dx: str) -> None:
    result = young(dob, dx, blasts=200)
    assert result["age_at_diagnosis_days"] == 366
    assert result["eligibility"]["status"] == "ineligible"
    assert result["eligibility"]["failed"] == ["EXC4", "INC2"]
    assert result["eligibility"]["missing"] == []


@pytest.mark.parametrize(("dob", "birthday"), [
    ("2026-01-10", "2026-07-10"),
    ("2025-08-31", "2026-02-28"),   # 31 Aug → end of February (28 days)
    ("2023-08-31", "2024-02-29"),   # 31 Aug → end of February in a leap year (29 days)
    ("2025-08-30", "2026-02-28"),
    ("2023-08-29", "2024-02-29"),
    ("2025-08-29", "2026-02-28"),   # 29 Feb does not exist in 2026
    ("2025-03-31", "2025-09-30"),   # 31 Mar → 30 September
    ("2025-12-31", "2026-06-30"),
    ("2024-02-29", "2024-08-29"),   # born on a leap day
    ("2025-07-15", "2026-01-15"),   # across the new year
])
def test_six_month_birthday(dob: str, birthday: str) -> None:
    assert young(dob, birthday)["six_month_birthday"] == birthday


# (date of birth, day before, 6-month birthday, day after)
BIRTHDAYS = [
    ("2026-01-10", "2026-07-09", "2026-07-10", "2026-07-11"),
    ("2025-08-31", "2026-02-27", "2026-02-28", "2026-03-01"),
    ("2023-08-31", "2024-02-28", "2024-02-29", "2024-03-01"),
    ("2024-02-29", "2024-08-28", "2024-08-29", "2024-08-30"),
]


@pytest.mark.parametrize(("dob", "before", "on", "after"), BIRTHDAYS)
def test_diagnosed_before_six_month_birthday_with_poor_response_is_hr(dob, before, on, after) -> None:
    risk = young(dob, before)["risk"]
    assert (risk["at_diagnosis"], risk["current"], risk["status"]) == ("HR", "HR", "final")
    assert "R-DX-HR" in [r["rule"] for r in risk["reasons"]]


@pytest.mark.parametrize(("dob", "before", "on", "after"), BIRTHDAYS)
def test_diagnosed_on_six_month_birthday_is_review(dob, before, on, after) -> None:
    result = young(dob, on)
    risk = result["risk"]
    assert risk["status"] == "review"
    assert risk["at_diagnosis"] is None and risk["current"] is None
    assert "R-DX-AGE-BOUNDARY" in review_rules(result)


@pytest.mark.parametrize(("dob", "before", "on", "after"), BIRTHDAYS)
def test_diagnosed_after_six_month_birthday_is_mr_even_with_poor_response(dob, before, on, after) -> None:
    result = young(dob, after)
    risk = result["risk"]
    assert result["prednisone_response"] == "poor"
    assert (risk["at_diagnosis"], risk["current"], risk["status"]) == ("MR", "MR", "final")
    assert "R-DX-MR-AGE" in [r["rule"] for r in risk["reasons"]]
    assert result["review"] == []


def test_on_the_birthday_with_high_wbc_is_review_too() -> None:
    result = run(case(patient__date_of_birth="2025-08-31", diagnosis__date="2026-02-28",
                      diagnosis__wbc={"value": 450, "unit": "10^9/L"}))
    assert result["risk"]["status"] == "review"
    assert "R-DX-AGE-BOUNDARY" in review_rules(result)
