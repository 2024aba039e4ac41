"""Interruptions of the infusion (RULES.md "During the infusion: interruptions", S4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from interfant_desktop.protocol.interruptions import infusion_clock, remaining_steps
from interfant_desktop.protocol.patient_doses import patient_dose
from tests.protocol.builders import evaluation, run
from tests.protocol.infusion_cases import infusion_case, stop


def interruptions(data: dict[str, Any], cycle: int = 1) -> list[dict[str, Any]]:
    order = next(o for o in run(data)["blinatumomab_orders"] if o["cycle"] == cycle)
    return list(order["interruptions"])


def rules(item: dict[str, Any]) -> list[str]:
    return [r["rule"] for r in item["reasons"]]


def test_contract_fields_of_a_closed_interruption() -> None:
    [item] = interruptions(infusion_case(interruptions=[stop("2026-04-06T14:00", "2026-04-06T20:30")]))
    assert item["stopped"] == "2026-04-06T14:00"
    assert item["hours"] == 6.5
    assert item["dexamethasone_before_restart"] is True
    assert item["continues_same_cycle"] is True
    # 5 mg/m² × 0.337 m² = 1.685 → 1.7 mg (0.1 mg, half-up), in mg for this patient
    assert item["dexamethasone_mg"] == 1.7
    assert "5 mg/m² × 0.337 m² = 1.7 mg" in item["dexamethasone_calculation"]
    assert item["supervision_at_restart"] is True
    assert rules(item) == ["R-INT-LENGTH", "R-INT-4H", "R-HOSP-RESTART", "R-INT-7D"]
    assert all(r["source"] == "S4" and r["text"] for r in item["reasons"])


@pytest.mark.parametrize(("restarted", "minutes", "hours", "dex"), [
    ("2026-04-06T17:59", 239, 3.98, False),   # one minute short of 4 h
    ("2026-04-06T18:00", 240, 4.0, True),     # exactly 240 minutes counts
    ("2026-04-06T18:01", 241, 4.02, True),
    ("2026-04-06T15:40", 100, 1.67, False),   # hours to 0.01, half-up
])
def test_the_four_hour_test_uses_exact_minutes(restarted: str, minutes: int, hours: float, dex: bool) -> None:
    [item] = interruptions(infusion_case(interruptions=[stop("2026-04-06T14:00", restarted)]))
    assert item["minutes"] == minutes
    assert item["hours"] == hours
    assert item["dexamethasone_before_restart"] is dex
    assert item["supervision_at_restart"] is dex
    assert (item["dexamethasone_mg"] is not None) is dex


def test_cycle_2_restart_needs_supervision_but_no_dexamethasone() -> None:
    data = infusion_case(cycle=2, interruptions=[stop("2026-06-03T09:00", "2026-06-03T15:00")])
    [item] = interruptions(data, cycle=2)
    assert item["dexamethasone_before_restart"] is False
    assert item["dexamethasone_mg"] is None
    assert item["supervision_at_restart"] is True


@pytest.mark.parametrize(("restarted", "continues"), [
    ("2026-04-13T14:00", True),    # exactly 7 days: no more than 7 days continues
    ("2026-04-13T14:01", False),   # one minute more: a new cycle
])
def test_seven_days_decides_whether_the_cycle_continues(restarted: str, continues: bool) -> None:
    [item] = interruptions(infusion_case(interruptions=[stop("2026-04-06T14:00", restarted)]))
    assert item["continues_same_cycle"] is continues
    r7 = next(r for r in item["reasons"] if r["rule"] == "R-INT-7D")
    assert ("the same cycle continues" in r7["detail"]) is continues
    assert ("a new cycle starts" in r7["detail"]) is not continues
    assert (item["infusion_hours_remaining"] is not None) is continues


def test_still_stopped_leaves_the_restart_questions_open() -> None:
    [item] = interruptions(infusion_case(interruptions=[stop("2026-04-06T14:00", None)]))
    assert item["hours"] is None
    assert item["dexamethasone_before_restart"] is None
    assert item["continues_same_cycle"] is None
    assert item["supervision_at_restart"] is None
    assert "not known yet" in item["reasons"][0]["detail"]
    # the infusion given before the stop is still known: 2 days and 4 hours
    assert item["infusion_hours_before"] == 52.0
    assert item["infusion_hours_remaining"] == 620.0


def test_infusion_hours_given_and_remaining_count_earlier_interruptions() -> None:
    data = infusion_case(interruptions=[stop("2026-04-05T10:00", "2026-04-05T16:00"),   # 6 h after 24 h
                                        stop("2026-04-07T10:00", "2026-04-07T11:30", "line_or_pump")])
    first, second = interruptions(data)
    assert (first["infusion_hours_before"], first["infusion_hours_remaining"]) == (24.0, 648.0)
    assert first["restart_infusion_day"] == 2
    # 72 h since the start minus the 6 h stop = 66 h given: day 3
    assert (second["infusion_hours_before"], second["infusion_hours_remaining"]) == (66.0, 606.0)
    assert second["infusion_days_remaining"] == 25.25
    assert second["restart_infusion_day"] == 3


def test_the_cycle_ends_later_by_the_length_of_its_interruptions() -> None:
    result = evaluation(infusion_case(interruptions=[stop("2026-04-05T10:00", "2026-04-05T16:00"),
                                                     stop("2026-04-07T10:00", "2026-04-07T11:30")]))
    clock = infusion_clock(result.case.blinatumomab[0], result.protocol)
    # 28 days from 2026-04-04 10:00 is 2026-05-02 10:00; plus 7.5 h of stops
    assert clock.planned_end() == dt.datetime(2026, 5, 2, 17, 30)
    assert clock.hours_given(dt.datetime(2026, 4, 5, 13, 0)) == 24.0   # during the first stop
    assert clock.infusion_day(dt.datetime(2026, 4, 5, 13, 0)) == 2
    assert clock.hours_given(dt.datetime(2026, 6, 1)) == 672.0
    assert clock.infusion_day(dt.datetime(2026, 6, 1)) == 28


def test_an_open_interruption_has_no_planned_end_and_a_long_one_ends_the_cycle() -> None:
    open_stop = evaluation(infusion_case(interruptions=[stop("2026-04-06T14:00", None)]))
    assert infusion_clock(open_stop.case.blinatumomab[0], open_stop.protocol).planned_end() is None
    long_stop = evaluation(infusion_case(interruptions=[stop("2026-04-06T10:00", "2026-04-20T10:00")]))
    clock = infusion_clock(long_stop.case.blinatumomab[0], long_stop.protocol)
    assert clock.planned_end() is None
    assert clock.hours_given(dt.datetime(2026, 4, 25)) == 48.0   # this cycle stopped for good


def test_overlapping_records_are_counted_once() -> None:
    result = evaluation(infusion_case(interruptions=[stop("2026-04-05T10:00", "2026-04-05T16:00"),
                                                     stop("2026-04-05T12:00", "2026-04-05T18:00")]))
    clock = infusion_clock(result.case.blinatumomab[0], result.protocol)
    assert clock.hours_given(dt.datetime(2026, 4, 6, 10, 0)) == 40.0   # 48 h elapsed − 8 h stopped


def test_without_a_start_time_infusion_hours_are_not_known() -> None:
    data = infusion_case(interruptions=[stop("2026-04-06T14:00", "2026-04-06T19:00")])
    del data["blinatumomab"][0]["start_time"]
    [item] = interruptions(data)
    assert item["hours"] == 5.0 and item["dexamethasone_before_restart"] is True
    assert item["infusion_hours_before"] is None and item["infusion_hours_remaining"] is None


def test_a_file_without_interruptions_gives_an_empty_list() -> None:
    assert interruptions(infusion_case()) == []


def test_restart_premedication_is_capped_at_20_mg() -> None:
    dose = patient_dose(5, 4.2, 20, 1)      # not a plausible infant BSA: shows the cap works
    assert (dose.calculated, dose.amount, dose.capped) == (21.0, 20.0, True)
    assert "capped at 20 mg: 20.0 mg" in dose.describe("mg")


def test_what_remains_of_each_dose_step_after_a_restart() -> None:
    result = evaluation(infusion_case("M2", interruptions=[stop("2026-04-06T10:00", "2026-04-06T15:00")]))
    clock = infusion_clock(result.case.blinatumomab[0], result.protocol)
    left = remaining_steps(clock, result.orders[0].steps, dt.datetime(2026, 4, 6, 15, 0))
    assert [(s.first_day, s.dose_mcg_per_day, s.starts, s.hours) for s in left] == [
        (1, 1.69, dt.datetime(2026, 4, 6, 15, 0), 120.0),     # days 1–7: 168 h − 48 h given
        (8, 5.06, dt.datetime(2026, 4, 11, 15, 0), 504.0)]    # days 8–28 start 5 h later than planned
    late = remaining_steps(clock, result.orders[0].steps, dt.datetime(2026, 4, 20, 10, 0))
    assert [(s.first_day, s.hours) for s in late] == [(8, 672 - (16 * 24 - 5))]   # 379 h given
