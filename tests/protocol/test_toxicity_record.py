"""What the record says over time: resolution, seizure count, worst grade per day, due now,
hospitalisation reminders and the CAPD sheet for the infant's age."""

from __future__ import annotations

import datetime as dt

import pytest

from interfant_desktop.protocol import load_protocol
from interfant_desktop.protocol.capd import age_band, capd_sheet
from interfant_desktop.protocol.hospitalisation import hospitalisation_reminders
from interfant_desktop.protocol.interruptions import assess_interruptions, infusion_clock
from interfant_desktop.protocol.toxicity import grade_assessments
from interfant_desktop.protocol.toxicity_record import (
    due_now,
    running_dose,
    seizure_count,
    time_to_resolution,
    worst_grade_per_day,
)
from tests.protocol.builders import evaluation
from tests.protocol.infusion_cases import assessment, crs, icans, infusion_case, stop

PROTOCOL = load_protocol()
T0 = dt.datetime(2026, 4, 6, 8, 0)


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def test_resolution_needs_grade_1_or_less_for_at_least_3_days() -> None:
    found = time_to_resolution(T0, [(at(1), 1), (at(2), 2), (at(3), 1), (at(5), 0), (at(6), 1)], 1, 3)
    assert found.status == "resolved" and found.resolved_at == at(3)   # the run from day 1 broke on day 2
    assert found.days == 3.0 and found.restart_from == at(6)
    assert found.longer_than(7) is False and found.longer_than(2) is True


@pytest.mark.parametrize(("points", "days", "longer"), [
    ([], 7, None),                                   # nothing after the event yet
    ([(at(7), 3)], 7, True),                         # still grade 3 after 7 days: more than 7
    ([(at(6.9), 3)], 7, None),
    ([(at(8), 1), (at(9), 1)], 7, True),             # a run that starts after day 7
    ([(at(6), 1), (at(7), 1)], 7, None),             # a run from day 6, not yet 3 days long
    ([(at(14), 3)], 14, True),
    ([(at(13), 3)], 14, None),
])
def test_more_than_n_days_is_known_only_when_the_record_can_say(points: list[tuple[dt.datetime, int]],
                                                                days: int, longer: bool | None) -> None:
    assert time_to_resolution(T0, points, 1, 3).longer_than(days) is longer


def test_the_seizure_count_through_the_treatment() -> None:
    data = infusion_case(toxicity=[
        assessment("2026-04-06T08:00", seizures=None),
        assessment("2026-04-07T08:00", icans_obs=icans(seizure="resolved_rapidly"), seizures=None),
        assessment("2026-04-08T08:00", seizures=2),
    ])
    record = grade_assessments(evaluation(data).case.toxicity, PROTOCOL)
    assert seizure_count(record, dt.datetime(2026, 4, 6, 9)).count is None
    first = seizure_count(record, dt.datetime(2026, 4, 7, 9))
    assert first.count == 1 and "record it" in first.detail
    assert seizure_count(record, dt.datetime(2026, 4, 9)).count == 2


def test_worst_grade_per_day() -> None:
    data = infusion_case(toxicity=[
        assessment("2026-04-06T08:00", crs(38.5)),
        assessment("2026-04-06T20:00", crs(39.0, oxygen="high_flow"), icans(capd=3)),
        assessment("2026-04-07T08:00", crs(37.0), icans(sedated=True)),
    ])
    days = worst_grade_per_day(grade_assessments(evaluation(data).case.toxicity, PROTOCOL))
    assert [(d.date.isoformat(), d.crs, d.icans, d.assessments) for d in days] == [
        ("2026-04-06", 3, 1, 2), ("2026-04-07", 0, None, 1)]


def test_what_is_due_now() -> None:
    data = infusion_case(toxicity=[assessment("2026-04-06T08:00")])
    record = grade_assessments(evaluation(data).case.toxicity, PROTOCOL)
    bags = [dt.datetime(2026, 4, 4, 10) + dt.timedelta(hours=24 * n) for n in range(28)]
    due = due_now(dt.datetime(2026, 4, 6, 11, 0), record, 4, bags)
    assert due.next_assessment == dt.datetime(2026, 4, 6, 12, 0) and not due.assessment_overdue
    assert due.next_bag_change == dt.datetime(2026, 4, 7, 10, 0)
    late = due_now(dt.datetime(2026, 4, 6, 12, 0), record, 4, bags)
    assert late.assessment_overdue
    first = due_now(dt.datetime(2026, 4, 4, 11, 0), (), 6, bags, dt.datetime(2026, 4, 4, 10))
    assert first.next_assessment == dt.datetime(2026, 4, 4, 16, 0)


def test_the_dose_at_a_time_without_a_start_time_is_open_on_the_step_up_day() -> None:
    data = infusion_case("M2")
    del data["blinatumomab"][0]["start_time"]
    result = evaluation(data)
    order, cycle = result.orders[0], result.case.blinatumomab[0]
    clock = infusion_clock(cycle, PROTOCOL)
    on = {day: running_dose(dt.datetime(2026, 4, 3 + day, 12), order.steps, clock, cycle.start_date, [], 5, 7)
          for day in (7, 8, 9)}
    assert on[7].mcg_per_m2_day == 5
    assert on[8].mcg_per_m2_day is None and "dose change" in on[8].detail   # day 7 or day 8
    assert on[9].mcg_per_m2_day == 15


@pytest.mark.parametrize(("marrow", "cycle", "rule", "days"), [
    ("M2", 1, "R-HOSP-C1-STEP", 9), ("M1", 1, "R-HOSP-C1-FLAT", 3), ("M1", 2, "R-HOSP-C2", 2)])
def test_hospitalisation_reminders_give_the_label_figure(marrow: str, cycle: int, rule: str,
                                                         days: int) -> None:
    [reminder] = hospitalisation_reminders(cycle, marrow != "M1", dt.datetime(2026, 4, 4, 10), (), PROTOCOL)
    assert (reminder.reason.rule, reminder.label_days, reminder.days) == (rule, days, days)
    assert reminder.until == dt.datetime(2026, 4, 4, 10) + dt.timedelta(days=days)


def test_a_site_figure_is_shown_beside_the_label_figure() -> None:
    [reminder] = hospitalisation_reminders(1, False, None, (), PROTOCOL, {"cycle_1_flat": 7})
    assert (reminder.label_days, reminder.site_days, reminder.days) == (3, 7, 7)
    assert "label: first 3 days; this site: first 7 days" in reminder.reason.detail
    assert reminder.until is None


def test_every_restart_after_4_hours_gets_a_supervision_reminder() -> None:
    data = infusion_case(interruptions=[stop("2026-04-06T14:00", "2026-04-06T18:00"),
                                        stop("2026-04-07T14:00", "2026-04-07T17:59")])
    result = evaluation(data)
    items = assess_interruptions(result.case.blinatumomab[0], result.orders[0].bsa_m2, PROTOCOL)
    reminders = hospitalisation_reminders(1, False, None, items, PROTOCOL)
    assert [(r.kind, r.reason.rule) for r in reminders] == [
        ("hospitalisation", "R-HOSP-C1-FLAT"), ("restart_supervision", "R-HOSP-RESTART")]
    assert reminders[1].start == dt.datetime(2026, 4, 6, 18, 0)


@pytest.mark.parametrize(("age_days", "band"), [
    (0, "newborn"), (27, "newborn"), (28, "4_weeks"), (56, "8_weeks"), (195, "8_weeks"),
    (196, "28_weeks"), (400, "1_year")])
def test_the_capd_anchor_band_for_the_age(age_days: int, band: str) -> None:
    assert age_band(PROTOCOL, age_days)["id"] == band


def test_the_capd_sheet_says_its_anchor_text_is_not_transcribed_and_where_to_find_it() -> None:
    sheet = capd_sheet(PROTOCOL, dt.date(2026, 1, 10), dt.date(2026, 4, 6))   # 86 days old
    assert sheet.band_label == "8 weeks" and len(sheet.items) == 8
    assert not sheet.verified and sheet.reason.rule == "R-CAPD-ANCHORS" and not sheet.reason.verified
    assert all("NOT TRANSCRIBED" in item.anchor and not item.anchor_transcribed
               for item in sheet.items)
    assert sheet.anchors_missing and "doi:10.1017/S1478951514000947" in sheet.reference
    assert sheet.items[0].question == "Does the child make eye contact with the caregiver?"
    # items 1–4 reverse-scored: all "always" = 0 + 0 + 0 + 0 + 4 + 4 + 4 + 4
    assert sheet.score(dict.fromkeys(range(1, 9), "always")) == 16
    with pytest.raises(ValueError, match=r"^1 item not answered: 8$"):
        sheet.score(dict.fromkeys(range(1, 8), "never"))
