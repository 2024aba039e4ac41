"""The read-only cycle timeline: a 48-hour step-dosed cycle 1 with a 5-hour interruption for
CRS grade 3 (the issue-14 scenario), arranged by day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from interfant_desktop.protocol.timeline import BagTime, cycle_timeline
from tests.protocol.builders import evaluation
from tests.protocol.infusion_cases import assessment, crs, infusion_case, stop

START = dt.datetime(2026, 4, 4, 10, 0)
BAGS = [BagTime(1, START, 48), BagTime(2, START + dt.timedelta(hours=48), 48),
        BagTime(3, dt.datetime(2026, 4, 6, 15, 0), 48)]   # re-hung after the restart


CRS_3 = crs(39.4, hypotension=True, oxygen="high_flow")


def timeline() -> dict[str, Any]:
    data = infusion_case("M2", interruptions=[stop("2026-04-06T10:00", "2026-04-06T15:00")],
                         toxicity=[assessment("2026-04-06T09:30", CRS_3)])
    found = cycle_timeline(evaluation(data), 1, BAGS)
    assert found is not None
    return found.to_json()


def test_the_cycle_runs_28_days_of_infusion_plus_the_interruption() -> None:
    t = timeline()
    assert t["start"] == "2026-04-04T10:00"
    assert t["planned_end"] == "2026-05-02T15:00"          # 672 h + 5 h
    assert len(t["days"]) == 29
    day1, day3 = t["days"][0], t["days"][2]
    assert day1["infusion_hours"] == 14.0 and day3["infusion_hours"] == 19.0
    assert [b["number"] for b in day1["bags"]] == [1]
    assert [b["number"] for b in day3["bags"]] == [2, 3]


def test_the_day_of_the_interruption_shows_the_assessment_and_its_action() -> None:
    day3 = timeline()["days"][2]
    assert day3["interruptions"] == ["2026-04-06T10:00"]
    assert day3["worst_crs_grade"] == 3
    assert day3["assessments"][0]["actions"] == ["R-TOX-CRS-3"]


def test_premedication_due_moves_with_the_interruption() -> None:
    premeds = [(p["at"], p["dose_mg"], p["reason"]["rule"])
               for d in timeline()["days"] for p in d["premedication"]]
    assert premeds == [("2026-04-04T10:00", 1.7, "R-PREMED"),      # first dose
                       ("2026-04-06T15:00", 1.7, "R-INT-4H"),      # restart after 5 h in cycle 1
                       ("2026-04-11T15:00", 1.7, "R-PREMED")]      # day-8 step-up, 5 h later


def test_hospitalisation_covers_the_label_days_and_the_restart_is_supervised() -> None:
    t = timeline()
    assert [d["hospitalised"] for d in t["days"][:11]] == [True] * 10 + [False]   # until 04-13 10:00
    assert [(r["kind"], r["reason"]["rule"]) for r in t["reminders"]] == [
        ("hospitalisation", "R-HOSP-C1-STEP"), ("restart_supervision", "R-HOSP-RESTART")]


def test_no_timeline_without_the_cycle_or_its_start() -> None:
    data = infusion_case()
    assert cycle_timeline(evaluation(data), 2) is None
    del data["blinatumomab"][0]["start_date"]
    assert cycle_timeline(evaluation(data), 1) is None
