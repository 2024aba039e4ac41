"""The engine's restart order (RULES.md "During the infusion", "The bag schedule", the label's
restart dose): what remains of the 672 hours, at which dose, in which bags; and when no
restart order can be made."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from typing import Any

import pytest

from interfant_desktop.protocol import evaluate
from interfant_desktop.protocol.restart_order import RestartNotPossible, restarted_evaluation
from interfant_desktop.services._common import protocol, validate_case
from tests.lifecycle_helpers import INFUSION

ON = dt.date(2026, 7, 1)
RESTART = dt.datetime(2026, 6, 20, 12, 0)


def _case(marrow: str = "M2", stop: str = "2026-06-20T07:00", restart: str | None = "2026-06-20T12:00",
          reason: str = "line_or_pump", toxicity: bool = False) -> dict[str, Any]:
    """Sample PUB-16 (fictitious: 4.8 kg, 57 cm, cycle 1 from 2026-06-19 12:00, 48-hour bags)
    with one interruption."""
    data: dict[str, Any] = json.loads((INFUSION / "16-crs-grade-3-action.case.json").read_text())
    if not toxicity:
        del data["toxicity"]
    data["end_of_induction"]["marrow"] = marrow
    data["blinatumomab"][0]["interruptions"] = [{"stopped": stop, "restarted": restart,
                                                 "reason": reason}]
    return data


def _restart(data: dict[str, Any], at: dt.datetime = RESTART) -> dict[str, Any]:
    evaluation = evaluate(validate_case(data, ON), protocol(), ON, {})
    order: dict[str, Any] = restarted_evaluation(evaluation, 1, at).to_json()["blinatumomab_orders"][0]
    return order


def test_a_pump_stop_keeps_the_cycles_doses_for_the_hours_that_remain() -> None:
    order = _restart(_case())
    # 19 h given at 5 mcg/m²/day (days 1-7 are 168 h): 149 h remain at 1.38 mcg/day, then 504 h
    # at 4.14 mcg/day from the day-8 step-up, which moves 5 h later.
    assert [(s["dose_mcg_per_day"], s["first_day"], s["last_day"]) for s in order["steps"]] == [
        (1.38, 1, 7), (4.14, 8, 28)]
    bags = order["bags"]
    assert [b["hours"] for b in bags[:4]] == [48, 48, 48, 5]  # 149 h: no bag crosses the step-up
    assert bags[4]["hang"] == "2026-06-26T17:00" and bags[4]["dose_mcg_per_day"] == 4.14
    assert bags[3]["mcg_to_infuse"] == 0.29 and bags[3]["infused_ml"] == 50  # 1.38 × 5/24; 10 mL/h
    assert sum(b["hours"] for b in bags) == 653 and order["ends_at"] == "2026-07-17T17:00"
    assert order["restart"]["dose_rule"] is None
    assert order["premedication"]["when"] == ["before the first dose of the restart (5 h interruption "
                                              "in cycle 1)"]


def test_after_crs_grade_3_the_label_restart_dose_for_7_days_then_the_step_up() -> None:
    order = _restart(_case(marrow="M1", reason="crs", toxicity=True))
    assert [s["dose_mcg_per_m2_day"] for s in order["steps"]] == [5, 15]
    reduced = [b for b in order["bags"] if b["dose_mcg_per_m2_day"] == 5]
    assert sum(b["hours"] for b in reduced) == 168 and reduced[0]["hang"] == "2026-06-20T12:00"
    assert order["restart"]["dose_rule"] == "R-TOX-CRS-3"
    assert any(r["rule"] == "R-TOX-CRS-3" and "for 7 days" in r["detail"] for r in order["rules"])


def test_a_short_stop_needs_no_dexamethasone() -> None:
    order = _restart(_case(stop="2026-06-20T10:00", restart="2026-06-20T12:00"))
    assert order["premedication"]["when"] == []
    assert "no dexamethasone needed" in order["premedication"]["note"]


@pytest.mark.parametrize(("change", "message"), [
    ({"restart": None}, "restart is not recorded yet"),
    ({"stop": "2026-06-20T07:00", "restart": "2026-06-28T08:00"}, "R-INT-7D: .*a new cycle"),
])
def test_no_restart_order_while_stopped_or_after_more_than_7_days(change: dict[str, Any],
                                                                   message: str) -> None:
    data = _case(**change)
    at = RESTART if change.get("restart") is None else dt.datetime.fromisoformat(change["restart"])
    with pytest.raises(RestartNotPossible, match=message):
        _restart(data, at)


def test_no_restart_order_after_crs_grade_4() -> None:
    data = _case(reason="crs", toxicity=True)
    crs = copy.deepcopy(data["toxicity"][0]["crs"])
    crs.update(vasopressors=2)
    data["toxicity"][0]["crs"] = crs
    with pytest.raises(RestartNotPossible, match="R-TOX-CRS-4: discontinue permanently"):
        _restart(data)


def _numbers(order: dict[str, Any]) -> list[int]:
    return [b["number"] for b in order["bags"]]


def test_the_restart_orders_bags_go_on_from_the_course_never_from_bag_1_again() -> None:
    # 48-hour bags from 2026-06-19 12:00: bag 1 is on the pump at the 07:00 stop on the 20th.
    order = _restart(_case())
    assert _numbers(order)[:3] == [2, 3, 4] and order["restart"]["bags_before"] == 1
    assert len(set(_numbers(order))) == len(order["bags"])
    assert any("the first bag of this order is bag 2" in r["detail"] for r in order["rules"])
    # A stop after bag 2 was due (21st 12:00) keeps bags 1 and 2.
    later = _restart(_case(stop="2026-06-21T13:00", restart="2026-06-21T18:00"),
                     dt.datetime(2026, 6, 21, 18, 0))
    assert _numbers(later)[0] == 3


def test_a_second_restart_numbers_on_from_the_first_restarts_bags() -> None:
    data = _case()
    data["blinatumomab"][0]["interruptions"].append(
        {"stopped": "2026-06-24T09:00", "restarted": "2026-06-24T10:00", "reason": "line_or_pump"})
    evaluation = evaluate(validate_case(data, ON), protocol(), ON, {})
    first = restarted_evaluation(evaluation, 1, RESTART).order_for(1)
    second = restarted_evaluation(evaluation, 1, dt.datetime(2026, 6, 24, 10, 0)).order_for(1)
    assert first is not None and second is not None
    assert first.bag_plan is not None and second.bag_plan is not None
    # The first restart's bags 2 (20th 12:00), 3 (22nd 12:00) and 4 (24th 12:00 is after the stop).
    begun = [b.number for b in first.bag_plan.bags if b.hang <= dt.datetime(2026, 6, 24, 9, 0)]
    assert begun == [2, 3]
    assert second.bag_plan.bags[0].number == 4
    assert second.restart is not None and second.restart.bags_before == 3


def test_the_bedside_record_can_push_the_numbering_further_never_back() -> None:
    data = _case()
    evaluation = evaluate(validate_case(data, ON), protocol(), ON, {})
    # A bag replaced early is recorded as the next bag: the record has used bag 2 already.
    order = restarted_evaluation(evaluation, 1, RESTART, after_bag=2).order_for(1)
    assert order is not None and order.bag_plan is not None
    assert order.bag_plan.bags[0].number == 3
    unchanged = restarted_evaluation(evaluation, 1, RESTART, after_bag=0).order_for(1)
    assert unchanged is not None and unchanged.bag_plan is not None
    assert unchanged.bag_plan.bags[0].number == 2


@pytest.mark.parametrize("stop", ["2026-06-20T07:00", "2026-06-20T07:20", "2026-06-20T07:59",
                                  "2026-06-20T11:01"])
@pytest.mark.parametrize("marrow", ["M1", "M2"])
def test_the_restart_plan_is_exact_to_the_minute_and_no_bag_runs_into_the_next(
        stop: str, marrow: str) -> None:
    """RULES.md "During the infusion": the cycle continues to a total of 28 days. A stop on a
    minute other than the start's leaves a part of an hour: the bag ending that stretch runs
    exactly those minutes (mcg and volume for them), so the step-up and the end of the 28
    days fall on the minute; each bag is taken down when the next is hung."""
    order = _restart(_case(marrow=marrow, stop=stop))
    bags = order["bags"]
    for bag, following in itertools.pairwise(bags):
        assert bag["ends"] == following["hang"], (bag, following)
    assert bags[-1]["ends"] == order["restart"]["ends_at"]
    minutes = sum(round(b["hours"] * 60) for b in bags)
    given = (dt.datetime.fromisoformat(stop) - dt.datetime(2026, 6, 19, 12, 0)) / dt.timedelta(minutes=1)
    assert minutes == 672 * 60 - given  # the 28 days to the minute
    for b in bags:  # mcg and volume for the bag's own minutes (D11 rounding)
        assert b["mcg_to_infuse"] == pytest.approx(round(b["dose_mcg_per_day"] * b["hours"] / 24 + 1e-9, 2))
        assert b["infused_ml"] == pytest.approx(round(b["rate_ml_per_h"] * b["hours"] + 1e-9, 2))
    if marrow == "M2":  # the step-up 168 infusion hours after the start, on the minute
        up = next(b for b in bags if b["dose_mcg_per_m2_day"] == 15)
        assert all(b["dose_mcg_per_m2_day"] == 5 for b in bags if b["hang"] < up["hang"])
        hang = dt.datetime.fromisoformat(up["hang"])
        assert (hang - RESTART) / dt.timedelta(minutes=1) == 168 * 60 - given
        assert [(s["first_day"], s["last_day"]) for s in order["steps"]] == [(1, 7), (8, 28)]


def test_a_stop_20_minutes_past_the_hour_gives_a_bag_of_4_h_40_min() -> None:
    order = _restart(_case(stop="2026-06-20T07:20"))  # 19 h 20 min given, step-dosed
    short = next(b for b in order["bags"] if b["hang"] == "2026-06-26T12:00")
    assert short["hours"] == pytest.approx(280 / 60, abs=1e-4) and short["ends"] == "2026-06-26T16:40"
    assert short["mcg_to_infuse"] == 0.27 and short["infused_ml"] == 46.67  # 1.38 × 280/1440; 10 mL/h
    assert not any("rounded up" in r["detail"] for r in order["rules"])
