"""services.order_sheet: the sheet carries the engine's numbers, and refuses what it must."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from interfant_desktop.orders import OrderSheet, render_order_pdf
from interfant_desktop.protocol import evaluate, load_protocol, parse_case
from interfant_desktop.services.order_sheet import (
    OrderNotPossible,
    build_order_sheet,
    recorded_allergies,
)
from tests.orders.cases import BASE, case
from tests.orders.pdftext import all_text, page_texts

TODAY = dt.date(2026, 11, 20)
PRINTED = dt.datetime(2026, 5, 18, 16, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def sheet_for(data: dict[str, Any], cycle: int = 1) -> OrderSheet:
    protocol = load_protocol()
    parsed = parse_case(data, protocol, TODAY)
    return build_order_sheet(parsed, evaluate(parsed, protocol, TODAY), cycle,
                             order_id="ORD-TEST-1", printed_at=PRINTED)


def flat(sheet: OrderSheet) -> str:
    return " ".join(all_text(render_order_pdf(sheet)).split())


def test_m1_single_step_numbers() -> None:
    sheet = sheet_for(case("M1"))
    assert sheet.measurements.bsa_m2 == pytest.approx(0.4)
    assert sheet.measurements.bsa_decimals == 3
    [step] = sheet.drug.steps
    assert (step.first_day, step.last_day, step.dose_mcg_per_m2_day) == (1, 28, 15)
    assert step.final_mcg_per_day == pytest.approx(6)
    assert (step.start_date, step.end_date) == (dt.date(2026, 5, 19), dt.date(2026, 6, 15))
    assert sheet.treatment.stop_date == dt.date(2026, 6, 15)
    text = flat(sheet)
    for phrase in ("Zoë van der Berg", "MRN 0099001", "TEST-ORD-01", "0.4 m²", "Mosteller",
                   "Days 1–28", "15 mcg/m²/day", "6 mcg/day", "limit 28 mcg/day",
                   "day 1 starts 2026-05-19 (Tue) 10:00", "day 28 = 2026-06-15 (Mon)",
                   "the infusion ends 2026-06-16 (Tue) 10:00", "rate 10 mL/h",
                   "240 mL per bag", "30 mL/kg/day", "dexamethasone 2 mg", "maximum 20 mg",
                   "R-DOSE-C1-M1", "M1", "Allergies not recorded",
                   "blinatumomab hypersensitivity: none known", "eligibility: eligible",
                   "Page 1 of ", "DRAFT", "printed 2026-05-18 16:30 CEST (UTC+02:00)"):
        assert phrase in text, phrase
    assert not re.search(r"(?<![\d.])\d+\.0(?!\d)", text)  # no trailing zero (ISMP)
    assert "µg" not in text and "ug/" not in text
    assert "before the step-up dose on day 8" not in text


@pytest.mark.parametrize("marrow", ["M2", "M3"])
def test_m2_m3_step_dosing(marrow: str) -> None:
    sheet = sheet_for(case(marrow))
    first, second = sheet.drug.steps
    assert (first.first_day, first.last_day, first.dose_mcg_per_m2_day) == (1, 7, 5)
    assert first.final_mcg_per_day == pytest.approx(2)
    assert (second.first_day, second.last_day, second.dose_mcg_per_m2_day) == (8, 28, 15)
    assert second.final_mcg_per_day == pytest.approx(6)
    assert sheet.drug.marrow == marrow
    assert sheet.clinical.risk_group is not None and sheet.clinical.risk_group.startswith("HR")
    text = flat(sheet)
    for phrase in ("Days 1–7", "2026-05-19 to 2026-05-25", "5 mcg/m²/day", "2 mcg/day",
                   "limit 9 mcg/day", "Days 8–28", "2026-05-26 to 2026-06-15", "6 mcg/day",
                   f"{marrow} — chose the dosing", "R-DOSE-C1-STEP", "R-EOI-CR",
                   "before the step-up dose on day 8",
                   "2026-05-26 (Tue) 10:00: before the step-up dose on day 8"):
        assert phrase in text, phrase
    pages = page_texts(render_order_pdf(sheet))
    assert len(pages) <= 2 + 3 + 4  # order, schedule and make-up, bag log, label sheet
    assert [i for i, t in enumerate(pages) if "8 Signatures" in t] < \
        [i for i, t in enumerate(pages) if "9 Bag schedule" in t]


def test_cycle2_numbers_and_weight_change_flag() -> None:
    sheet = sheet_for(case("M1", cycle2=True), cycle=2)
    assert sheet.treatment.cycle == 2
    [step] = sheet.drug.steps
    assert step.final_mcg_per_day == pytest.approx(6.75)
    wc = sheet.measurements.weight_change
    assert wc is not None and wc.flagged and wc.percent == pytest.approx(12.5)
    text = flat(sheet)
    for phrase in ("cycle 2", "Blinatumomab cycle 2", "day 1 starts 2026-08-03 (Mon) 10:00",
                   "day 28 = 2026-08-30",
                   "0.45 m²", "6.75 mcg/day", "WEIGHT CHANGE > 10 %", "12.5 %", "8 kg",
                   "26.67 mL/kg/day", "R-DOSE-C2"):
        assert phrase in text, phrase
    assert "step-up" not in text


def test_numbers_come_from_the_engine() -> None:
    data = case("M2")
    protocol = load_protocol()
    parsed = parse_case(data, protocol, TODAY)
    engine = evaluate(parsed, protocol, TODAY).to_json()["blinatumomab_orders"][0]
    sheet = sheet_for(data)
    for printed, computed in zip(sheet.drug.steps, engine["steps"], strict=True):
        assert printed.calculated_mcg_per_day == computed["dose_mcg_per_day_calculated"]
        assert printed.final_mcg_per_day == computed["dose_mcg_per_day"]
    assert sheet.measurements.bsa_unrounded_m2 == engine["bsa_unrounded"]
    assert sheet.premedication is not None
    assert sheet.premedication.dose_mg == engine["premedication"]["dose_mg"]
    assert sheet.drug.bag.fluid_ml_per_kg_day == engine["bag_options"][0]["fluid_ml_per_kg_day"]


def test_bag_choice() -> None:
    protocol = load_protocol()
    parsed = parse_case(case(), protocol, TODAY)
    result = evaluate(parsed, protocol, TODAY)
    sheet = build_order_sheet(parsed, result, 1, order_id="X", printed_at=PRINTED, bag_hours=48)
    assert (sheet.drug.bag.hours, sheet.drug.bag.rate_ml_per_h) == (48, 5)
    assert [b.hours for b in sheet.drug.bags] == [48] * 14
    with pytest.raises(OrderNotPossible, match="bag_hours: must be one of 24, 48; got 12"):
        build_order_sheet(parsed, result, 1, order_id="X", printed_at=PRINTED, bag_hours=12)


@pytest.mark.parametrize(("data", "cycle", "message"), [
    (case(blinatumomab=None), 1, "no weight and height recorded for blinatumomab cycle 1"),
    (case(), 2, "no weight and height recorded for blinatumomab cycle 2"),
    (case(blinatumomab_checklist={"cd19_positive": False, "cns1_at_eoi": True,
                                  "hypersensitivity": False, "live_vaccine_28d": False},
          mrd=BASE["mrd"][:1]),
     1, "checklist B1 failed"),
    (case(blinatumomab_checklist={"cd19_positive": True, "cns1_at_eoi": True,
                                  "hypersensitivity": True, "live_vaccine_28d": False},
          mrd=BASE["mrd"][:1]),  # D8: no MRD "after cycle 1" when there was no cycle 1
     1, "checklist B3 failed"),
    (case(blinatumomab_checklist=None), 1, "not decided yet"),
    (case("M2", cycle2=True), 2, "blinatumomab cycle 2 is not indicated"),
    (case(mrd=[{"timepoint": "end_of_induction", "date": "2026-05-17",
                "result": {"percent": 0.02}}], cycle2=True), 2, "cycle 2 is not decided yet"),
    (case(mrd=[{"timepoint": "after_blinatumomab_1", "date": "2026-06-16",
                "result": {"percent": 0.01}}], cycle2=True), 2, "risk group is review"),
    (case(end_of_induction=None), 1, "not recorded"),
])
def test_order_refused_with_a_reason(data: dict[str, Any], cycle: int, message: str) -> None:
    with pytest.raises(OrderNotPossible, match=message):
        sheet_for(data, cycle)


def test_risk_under_review_is_refused() -> None:
    data = case()
    data["patient"]["date_of_birth"] = "2025-10-15"  # 6-month birthday = diagnosis date
    with pytest.raises(OrderNotPossible, match="risk group is review"):
        sheet_for(data)


def test_pseudonymous_case_prints_name_not_recorded() -> None:
    text = flat(sheet_for(case(name=None)))
    assert "name not recorded" in text and "TEST-ORD-01" in text


@pytest.mark.parametrize(("nka", "text", "shown", "absent"), [
    (True, None, "No known allergies", "Allergies not recorded"),
    (False, "penicillin (rash)\n latex ", "ALLERGIES: penicillin (rash), latex",
     "No known allergies"),
    (None, None, "Allergies not recorded — confirm before giving", "No known allergies")])
def test_the_recorded_allergy_status_prints_explicitly(nka: bool | None, text: str | None,
                                                       shown: str, absent: str) -> None:
    protocol = load_protocol()
    parsed = parse_case(case("M1"), protocol, TODAY)
    sheet = build_order_sheet(parsed, evaluate(parsed, protocol, TODAY), 1,
                              order_id="ORD-TEST-1", printed_at=PRINTED,
                              allergies=recorded_allergies(nka, text))
    checklist = parsed.blinatumomab_checklist
    assert sheet.allergies.blinatumomab_hypersensitivity == \
        (checklist.hypersensitivity if checklist else None)  # the checklist item stays
    text_on_sheet = flat(sheet)
    assert shown in text_on_sheet and absent not in text_on_sheet


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(("start", "inside"), [
    ("2026-03-20T10:00", True),    # spring change on 2026-03-29 inside the cycle
    ("2026-03-01T02:30", True),    # ends at 02:30 on 2026-03-29, a wall time the change skips
    ("2026-03-01T02:00", True),    # ends at 02:00 on 2026-03-29, the moment of the change
    ("2026-03-01T01:59", False),   # ends at 01:59, before the change
    ("2026-09-27T10:00", True),    # autumn change on 2026-10-25
    ("2026-06-01T10:00", False),
])
def test_a_clock_change_inside_the_cycle_is_found_at_its_edges(start: str, inside: bool) -> None:
    """Was: hourly wall-clock steps from a start at 02:30 reached 02:30 on the spring day
    (a time that does not exist, read with the old offset) and never saw the change, so a
    28-day cycle ending at 02:30 on 29 March had no daylight-saving note."""
    from interfant_desktop.protocol.bags import daylight_saving_note
    from interfant_desktop.services.order_sheet import clock_changes

    begins = dt.datetime.fromisoformat(start)
    ends = begins + dt.timedelta(hours=672)
    note = daylight_saving_note(begins, ends, clock_changes(begins, ends, AMSTERDAM))
    assert (note is not None) is inside


def test_a_clock_change_is_found_with_the_machines_own_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default zone (the machine's, through the C library) reads a skipped wall time
    differently from zoneinfo; the change inside the cycle is found either way."""
    import time

    from interfant_desktop.services.order_sheet import clock_changes

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        for start in ("2026-03-20T10:00", "2026-03-01T02:30"):
            begins = dt.datetime.fromisoformat(start)
            ends = begins + dt.timedelta(hours=672)
            assert clock_changes(begins, ends) == (dt.datetime(2026, 3, 29, 2, 0),), start
        begins = dt.datetime(2026, 3, 1, 1, 59)
        assert clock_changes(begins, begins + dt.timedelta(hours=672)) == ()
    finally:
        monkeypatch.undo()
        time.tzset()
