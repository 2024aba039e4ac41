"""case-format.md "Input errors": parse_case raises CaseError naming the field as a JSON
path; plausibility bounds from RULES.md are inclusive."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from interfant_desktop.protocol import load_protocol, parse_case
from tests.protocol.builders import DELETE, TODAY, base_case, case_error, edit, mr_after_induction, mrd


def full_case() -> dict[str, Any]:
    data = mr_after_induction(0.01)
    data["mrd"].append(mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    data["blinatumomab"].append({"cycle": 2, "start_date": "2026-07-01", "weight_kg": 7.0,
                                 "height_cm": 66.0, "bsa_formula": "mosteller"})
    return data


def test_full_case_is_valid() -> None:
    parse_case(full_case(), load_protocol(), TODAY)


ERRORS = [
    # dates that are not ISO dates, or not real calendar dates
    ({"patient.date_of_birth": "2026-1-10"}, "patient.date_of_birth"),
    ({"patient.date_of_birth": "10/01/2026"}, "patient.date_of_birth"),
    ({"patient.date_of_birth": "2026-01-10T00:00"}, "patient.date_of_birth"),
    ({"patient.date_of_birth": "20260110"}, "patient.date_of_birth"),
    ({"patient.date_of_birth": "2026-01-10\n"}, "patient.date_of_birth"),
    ({"patient.date_of_birth": ""}, "patient.date_of_birth"),
    ({"diagnosis.date": "2026-02-30"}, "diagnosis.date"),
    ({"diagnosis.date": "2025-02-29"}, "diagnosis.date"),
    ({"diagnosis.date": "2026-13-01"}, "diagnosis.date"),
    ({"diagnosis.date": "2026-00-10"}, "diagnosis.date"),
    ({"prednisone_response.date": "2026-03-32"}, "prednisone_response.date"),
    ({"end_of_induction.date": "2026/04/02"}, "end_of_induction.date"),
    ({"mrd.0.date": "2026-04-31"}, "mrd[0].date"),
    ({"blinatumomab.0.start_date": "04.04.2026"}, "blinatumomab[0].start_date"),
    ({"blinatumomab.0.weight_date": "2026-02-29"}, "blinatumomab[0].weight_date"),
    # chronology
    ({"diagnosis.date": "2026-01-09"}, "diagnosis.date"),
    # D12: "in the future" is later than the day after today (TODAY is 2026-11-27)
    ({"diagnosis.date": "2026-11-29"}, "diagnosis.date"),
    ({"patient.date_of_birth": "2026-11-29", "diagnosis.date": None}, "patient.date_of_birth"),
    ({"mrd.0.date": "2026-02-28"}, "mrd[0].date"),
    ({"mrd.1.date": "2026-02-01"}, "mrd[1].date"),
    ({"mrd.1.date": "2027-01-01"}, "mrd[1].date"),
    # negative counts, MRD out of range
    ({"diagnosis.wbc.value": -1}, "diagnosis.wbc.value"),
    ({"diagnosis.wbc.value": -0.001}, "diagnosis.wbc.value"),
    ({"prednisone_response.blasts_per_uL": -5}, "prednisone_response.blasts_per_uL"),
    ({"mrd.0.result": {"percent": 100.01}}, "mrd[0].result.percent"),
    ({"mrd.0.result": {"percent": 150}}, "mrd[0].result.percent"),
    ({"mrd.0.result": {"percent": -0.01}}, "mrd[0].result.percent"),
    ({"mrd.1.result": {"positive_not_quantifiable": True, "quantitative_range_percent": 101}},
     "mrd[1].result.quantitative_range_percent"),
    ({"mrd.1.result": {"positive_not_quantifiable": True, "quantitative_range_percent": -1}},
     "mrd[1].result.quantitative_range_percent"),
    ({"mrd.1.result": {"positive_not_quantifiable": True}}, "mrd[1].result.quantitative_range_percent"),
    ({"mrd.1.result": {"positive_not_quantifiable": False, "quantitative_range_percent": 0.01}},
     "mrd[1].result.positive_not_quantifiable"),
    ({"mrd.1.result": {"positive_not_quantifiable": 1, "quantitative_range_percent": 0.01}},
     "mrd[1].result.positive_not_quantifiable"),
    ({"mrd.1.result": "positive"}, "mrd[1].result"),
    ({"mrd.1.result": {"percent": "0.01"}}, "mrd[1].result.percent"),
    # plausibility of weight and height
    ({"blinatumomab.0.weight_kg": 0.99}, "blinatumomab[0].weight_kg"),
    ({"blinatumomab.0.weight_kg": 20.01}, "blinatumomab[0].weight_kg"),
    ({"blinatumomab.0.weight_kg": 0}, "blinatumomab[0].weight_kg"),
    ({"blinatumomab.1.weight_kg": 64}, "blinatumomab[1].weight_kg"),
    ({"blinatumomab.0.height_cm": 34.9}, "blinatumomab[0].height_cm"),
    ({"blinatumomab.0.height_cm": 100.1}, "blinatumomab[0].height_cm"),
    ({"blinatumomab.1.height_cm": 6.4}, "blinatumomab[1].height_cm"),
    # cycle 2 without cycle 1, duplicated cycle, cycle number
    ({"blinatumomab.1": DELETE, "blinatumomab.0.cycle": 2}, "blinatumomab[0].cycle"),
    ({"blinatumomab.1.cycle": 1}, "blinatumomab[1].cycle"),
    ({"blinatumomab.1.cycle": 3}, "blinatumomab[1].cycle"),
    ({"blinatumomab.1.cycle": True}, "blinatumomab[1].cycle"),
    ({"blinatumomab.1": DELETE, "blinatumomab.0.cycle": True}, "blinatumomab[0].cycle"),
    ({"blinatumomab.1.cycle": "2"}, "blinatumomab[1].cycle"),
    # unknown keys at every level
    ({"extra": 1}, "extra"),
    ({"patient.nmae": "x"}, "patient.nmae"),
    ({"diagnosis.wbc_value": 3}, "diagnosis.wbc_value"),
    ({"diagnosis.wbc.units": "/uL"}, "diagnosis.wbc.units"),
    ({"prednisone_response.blasts_per_ul": 3}, "prednisone_response.blasts_per_ul"),
    ({"end_of_induction.csf": "CNS1"}, "end_of_induction.csf"),
    ({"mrd.0.time_point": "x"}, "mrd[0].time_point"),
    ({"mrd.1.result": {"percent": 0.01, "unit": "%"}}, "mrd[1].result.unit"),
    ({"blinatumomab_checklist.cd20_positive": True}, "blinatumomab_checklist.cd20_positive"),
    ({"blinatumomab.1.weight": 7}, "blinatumomab[1].weight"),
    # unknown enum values
    ({"format": "interfant-case/2"}, "format"),
    ({"patient.sex": "f"}, "patient.sex"),
    ({"diagnosis.lineage": "B-all"}, "diagnosis.lineage"),
    ({"diagnosis.kmt2a": "positive"}, "diagnosis.kmt2a"),
    ({"diagnosis.wbc.unit": "10^3/uL"}, "diagnosis.wbc.unit"),
    ({"diagnosis.wbc.unit": "/µL"}, "diagnosis.wbc.unit"),
    ({"end_of_induction.marrow": "M4"}, "end_of_induction.marrow"),
    ({"end_of_induction.cns": "CNS0"}, "end_of_induction.cns"),
    ({"mrd.0.timepoint": "day_15"}, "mrd[0].timepoint"),
    ({"blinatumomab.0.bsa_formula": "boyd"}, "blinatumomab[0].bsa_formula"),
    # wrong types
    ({"patient": []}, "patient"),
    ({"patient.study_id": 42}, "patient.study_id"),
    ({"patient.study_id": ""}, "patient.study_id"),
    ({"patient.study_id": "   "}, "patient.study_id"),
    ({"patient.down_syndrome": "no"}, "patient.down_syndrome"),
    ({"patient.down_syndrome": 0}, "patient.down_syndrome"),
    ({"diagnosis": "B-ALL"}, "diagnosis"),
    ({"diagnosis.consent": "yes"}, "diagnosis.consent"),
    ({"diagnosis.relapsed": 1}, "diagnosis.relapsed"),
    ({"diagnosis.wbc": 412}, "diagnosis.wbc"),
    ({"diagnosis.wbc.value": "412"}, "diagnosis.wbc.value"),
    ({"diagnosis.wbc.value": True}, "diagnosis.wbc.value"),
    ({"diagnosis.wbc.value": None}, "diagnosis.wbc.value"),
    ({"diagnosis.date": 20260301}, "diagnosis.date"),
    ({"prednisone_response.blasts_per_uL": "1450"}, "prednisone_response.blasts_per_uL"),
    ({"prednisone_response.not_evaluable": "yes"}, "prednisone_response.not_evaluable"),
    ({"mrd": {"timepoint": "end_of_induction"}}, "mrd"),
    ({"mrd.0": "undetectable"}, "mrd[0]"),
    ({"blinatumomab": {"cycle": 1}}, "blinatumomab"),
    ({"blinatumomab.0.weight_kg": "6.4"}, "blinatumomab[0].weight_kg"),
    ({"blinatumomab.0.height_cm": None}, "blinatumomab[0].height_cm"),
    ({"blinatumomab_checklist.cd19_positive": "true"}, "blinatumomab_checklist.cd19_positive"),
    # required keys
    ({"format": DELETE}, "format"),
    ({"patient": DELETE}, "patient"),
    ({"patient.study_id": DELETE}, "patient.study_id"),
    ({"patient.date_of_birth": DELETE}, "patient.date_of_birth"),
    ({"diagnosis.wbc.unit": DELETE}, "diagnosis.wbc.unit"),
    ({"mrd.0.result": DELETE}, "mrd[0].result"),
    ({"blinatumomab.0.height_cm": DELETE}, "blinatumomab[0].height_cm"),
]


@pytest.mark.parametrize(("changes", "field"), ERRORS, ids=[f for _, f in ERRORS])
def test_invalid_case_names_the_field(changes: dict[str, Any], field: str) -> None:
    error = case_error(edit(full_case(), changes))
    assert error.field == field
    assert error.problem
    assert str(error).startswith(field + ": ")
    assert "\n" not in str(error)


@pytest.mark.parametrize("document", [None, [], "case", 42, True, {}, {"format": "interfant-case/1"}])
def test_documents_that_are_not_case_objects(document: Any) -> None:
    error = case_error(document)
    assert error.field and "\n" not in str(error)


@pytest.mark.parametrize("huge", [10**400, -(10**400)])
@pytest.mark.parametrize("path", ["diagnosis.wbc.value", "prednisone_response.blasts_per_uL",
                                  "mrd.0.result.percent", "blinatumomab.0.weight_kg"])
def test_numbers_too_large_for_a_float_are_an_input_error(path: str, huge: int) -> None:
    error = case_error(edit(full_case(), {path: huge}))
    assert error.field == path.replace(".0.", "[0].")


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
@pytest.mark.parametrize("path", ["diagnosis.wbc.value", "prednisone_response.blasts_per_uL",
                                  "mrd.0.result.percent", "blinatumomab.0.weight_kg"])
def test_non_finite_numbers_are_an_input_error(path: str, value: float) -> None:
    # json.loads("1e400") is infinity
    error = case_error(edit(full_case(), {path: value}))
    assert error.field == path.replace(".0.", "[0].")


@pytest.mark.parametrize(("key", "value"), [("weight_kg", 1), ("weight_kg", 20), ("height_cm", 35),
                                            ("height_cm", 100), ("weight_kg", 1.0), ("height_cm", 100.0)])
def test_plausible_bounds_are_inclusive(key: str, value: float) -> None:
    parse_case(edit(full_case(), {f"blinatumomab.0.{key}": value}), load_protocol(), TODAY)


def test_boundary_values_that_are_valid() -> None:
    ok = [
        {"diagnosis.date": "2026-01-10"},                  # diagnosed on the day of birth
        {"diagnosis.date": "2026-11-27", "prednisone_response": None, "end_of_induction": None,
         "mrd": None, "blinatumomab": None},               # diagnosed today
        {"diagnosis.wbc.value": 0},
        {"prednisone_response.blasts_per_uL": 0},
        {"mrd.0.result": {"percent": 100}},
        {"mrd.0.result": {"percent": 0}},
        {"mrd.0.date": "2026-03-01"},                      # MRD on the day of diagnosis
        {"patient.date_of_birth": "2024-02-29", "diagnosis.date": "2024-08-29", "prednisone_response": None,
         "end_of_induction": None, "mrd": None, "blinatumomab": None},
        {"patient.name": "Zoë Łucja Ελένη さくら"},
        {"patient.name": None, "patient.hospital_number": None},
    ]
    for changes in ok:
        parse_case(edit(full_case(), changes), load_protocol(), TODAY)


def test_only_format_and_patient_are_required() -> None:
    data = {"format": "interfant-case/1", "patient": {"study_id": "X", "date_of_birth": "2026-01-10"}}
    parse_case(data, load_protocol(), TODAY)


def test_future_is_relative_to_the_given_today() -> None:
    """D12: a date is "in the future" only when later than the next calendar day of the
    machine's local date (the prednisone response is dated 2026-03-08)."""
    data = base_case()
    parse_case(data, load_protocol(), dt.date(2026, 3, 8))
    parse_case(data, load_protocol(), dt.date(2026, 3, 7))
    error = case_error(data, today=dt.date(2026, 3, 6))
    assert error.field == "prednisone_response.date"


@pytest.mark.parametrize(("changes", "field"), [
    ({"patient.bad\nkey": 1}, 'patient["bad\\nkey"]'),
    ({"diagnosis.wbc. value": 1}, 'diagnosis.wbc[" value"]'),
    ({"\u2028": 1}, '["\\u2028"]'),
])
def test_odd_unknown_keys_are_quoted_and_the_message_stays_one_line(changes: dict[str, Any],
                                                                    field: str) -> None:
    error = case_error(edit(full_case(), changes))
    assert error.field == field
    assert len(str(error).splitlines()) == 1


@pytest.mark.parametrize(("changes", "field", "says"), [
    ({"blinatumomab.0.start_time": "9:00"}, "blinatumomab[0].start_time", "HH:MM"),
    ({"blinatumomab.0.start_time": "0900"}, "blinatumomab[0].start_time", "HH:MM"),
    ({"blinatumomab.0.interruptions": [{"stopped": "2026-04-05 10:00", "restarted": None,
                                        "reason": "crs"}]},
     "blinatumomab[0].interruptions[0].stopped", "YYYY-MM-DDTHH:MM"),
])
def test_a_time_in_the_wrong_shape_is_named_as_such(changes: dict[str, Any], field: str,
                                                    says: str) -> None:
    """Was: "start_time: must not be empty" for "9:00", and "must be an ISO date
    (YYYY-MM-DD)" for a date-time: the message must say what is wrong (D12)."""
    data = edit(mr_after_induction(0.01), changes)
    error = case_error(data)
    assert error.field == field
    assert says in error.problem and "empty" not in error.problem
