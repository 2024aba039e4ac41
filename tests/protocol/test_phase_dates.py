"""R-PHASE-DATES: recorded phase starts place the patient on the roadmap; the next decision
point has an expected date only where RULES.md gives one (day 8 after the prephase, the end
of a 28-day blinatumomab cycle); elsewhere it says the sources are silent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from interfant_desktop.protocol import evaluate, load_protocol, parse_case
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.phase_dates import start_order_problem
from tests.protocol.builders import DELETE, TODAY, base_case, case, hr_at_diagnosis, mr_after_induction

D = dt.date


def _ev(data: dict[str, Any], starts: dict[str, dt.date], today: dt.date = TODAY) -> Evaluation:
    protocol = load_protocol()
    return evaluate(parse_case(data, protocol, today), protocol, today, None, starts)


def _status(ev: Evaluation) -> dict[str, str]:
    return {p.phase: p.status for p in ev.roadmap}


def test_without_recorded_starts_only_the_cycles_infusion_start_dates_the_roadmap() -> None:
    assert all("start_date" not in p for p in _ev(base_case(), {}).to_json()["roadmap"])
    road = {p["phase"]: p for p in _ev(mr_after_induction(), {}).to_json()["roadmap"]}
    assert road["blinatumomab_1"]["start_date"] == "2026-04-04"  # the case file's cycle start
    assert [k for k, p in road.items() if "start_date" in p] == ["blinatumomab_1"]


def test_a_later_start_finishes_the_earlier_phases_and_is_current() -> None:
    ev = _ev(base_case(), {"consolidation": D(2026, 5, 1)})
    status = _status(ev)
    assert (status["prephase"], status["induction"], status["blinatumomab_1"]) == ("done",) * 3
    assert status["consolidation"] == "current"
    assert {p.phase: p.start_date for p in ev.roadmap}["consolidation"] == D(2026, 5, 1)


def test_the_alternative_not_given_is_skipped_and_an_unknown_one_is_flagged() -> None:
    given = _status(_ev(base_case(), {"blinatumomab_2": D(2026, 7, 1)}))
    assert given["blinatumomab_2"] == "current" and given["marma"] == "skipped"
    ev = _ev(base_case(), {"octadad": D(2026, 9, 1)})
    road = {p.phase: p for p in ev.roadmap}
    assert road["octadad"].status == "current"
    for phase in ("marma", "blinatumomab_2"):  # which one was given is not guessed
        assert road[phase].status == "planned" and "record whether MARMA" in road[phase].note


def test_a_start_off_the_engines_path_is_shown_with_a_note() -> None:
    ev = _ev(hr_at_diagnosis(), {"maintenance": D(2026, 9, 1)})
    road = {p.phase: p for p in ev.roadmap}
    assert road["maintenance"].status == "not_applicable"
    assert "does not include this phase: check the record" in road["maintenance"].note


def test_a_future_start_is_not_counted_as_begun() -> None:
    ev = _ev(base_case(), {"blinatumomab_1": TODAY + dt.timedelta(days=5)})
    road = {p.phase: p for p in ev.roadmap}
    assert road["induction"].status == "current"
    assert "after today" in road["blinatumomab_1"].note


def test_prephase_start_dates_the_prednisone_decision_day_8() -> None:
    data = case(prednisone_response=DELETE)
    nxt = _ev(data, {"prephase": D(2026, 3, 1)}, today=D(2026, 3, 5)).next_decision
    assert nxt is not None and nxt.point == "risk_at_diagnosis"
    assert (nxt.expected, nxt.overdue, nxt.reason.rule) == (D(2026, 3, 8), False, "R-PHASE-DATES")
    assert "S3" in nxt.reason.detail
    missing = _ev(data, {}, today=D(2026, 3, 5)).next_decision
    assert missing is not None and missing.expected is None
    assert "until the start of Prednisone prephase" in missing.basis


def test_end_of_induction_has_no_date_because_the_sources_are_silent() -> None:
    nxt = _ev(base_case(), {"induction": D(2026, 3, 8)}).next_decision
    assert nxt is not None and nxt.point == "end_of_induction" and nxt.expected is None
    assert "about day 33" in nxt.basis and "no date is computed" in nxt.basis


def test_after_cycle_1_the_decision_waits_for_the_end_of_28_days_of_infusion() -> None:
    data = mr_after_induction()
    data["blinatumomab"][0]["start_date"] = "2026-04-10"
    nxt = _ev(data, {}, today=D(2026, 4, 20)).next_decision
    assert nxt is not None and nxt.point == "after_blinatumomab_1"
    assert nxt.expected == D(2026, 5, 8) and not nxt.overdue
    # With the infusion record (start time and a 6-hour stop) the end moves by the stop.
    data["blinatumomab"][0]["start_time"] = "20:00"
    data["blinatumomab"][0]["interruptions"] = [
        {"stopped": "2026-04-12T20:00", "restarted": "2026-04-13T02:00", "reason": "line_or_pump"}]
    timed = _ev(data, {}, today=D(2026, 4, 20)).next_decision
    assert timed is not None and timed.expected == D(2026, 5, 9)
    assert "2026-05-09 02:00" in timed.basis


def test_starts_out_of_order_are_named() -> None:
    protocol = load_protocol()
    problem = start_order_problem("induction", D(2026, 5, 1), {"blinatumomab_1": D(2026, 4, 1)},
                                  protocol)
    assert problem is not None and "after the start of Blinatumomab cycle 1" in problem
    assert start_order_problem("marma", D(2026, 7, 1), {"blinatumomab_2": D(2026, 6, 1)}, protocol) is None
    assert start_order_problem("hsct", D(2026, 7, 1), {"consolidation": D(2026, 8, 1)}, protocol) is None


def test_in_the_investigational_window_hsct_is_asked_again_without_a_date() -> None:
    data = mr_after_induction()
    data["mrd"].append({"timepoint": "after_blinatumomab_1", "date": "2026-05-03",
                        "result": {"percent": 0.5}})
    ev = _ev(data, {})
    assert ev.current_phase == "investigational_window"
    nxt = ev.next_decision
    assert nxt is not None and (nxt.point, nxt.expected, nxt.reason.rule) == ("hsct", None, "R-HSCT")
    assert "no schedule" in nxt.basis
