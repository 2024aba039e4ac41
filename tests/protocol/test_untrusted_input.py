"""D12 and issue 15 (items 3 and 8): input that cannot be trusted is refused with one
line naming the field, by the one strict reader every entry point uses."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from interfant_desktop.protocol import CaseError, load_protocol, parse_case
from interfant_desktop.protocol.case_json import MAX_BYTES, decode_case_json
from tests.protocol.builders import TODAY, base_case, case_error, edit, mr_after_induction, mrd


def text_of(data: Any) -> str:
    return json.dumps(data)


def decode_error(raw: bytes | str) -> CaseError:
    with pytest.raises(CaseError) as info:
        decode_case_json(raw)
    assert "\n" not in str(info.value)
    return info.value


# --- the strict reader --------------------------------------------------------------------

def test_a_key_given_twice_is_refused_naming_it() -> None:
    """Was: `"consent": false, "consent": true` passed as consented."""
    text = text_of(base_case()).replace('"consent": true', '"consent": false, "consent": true')
    error = decode_error(text)
    assert (error.field, error.problem) == ("diagnosis.consent", "key given twice in one object")


def test_a_duplicate_inside_a_list_is_named_with_its_index() -> None:
    data = mr_after_induction(0.01)
    text = text_of(data).replace('"timepoint": "end_of_induction"',
                                 '"timepoint": "end_of_induction", "timepoint": "other"')
    assert decode_error(text).field == "mrd[0].timepoint"


@pytest.mark.parametrize("where", ["study_id", "name"])
def test_a_lone_surrogate_is_refused_naming_the_field(where: str) -> None:
    """Was: a UnicodeEncodeError traceback when the study ID was printed."""
    text = text_of(base_case()).replace('"T-0001"' if where == "study_id" else '"Test Infant"',
                                        '"T-\\ud800"')
    assert decode_error(text).field == f"patient.{where}"


def test_a_surrogate_pair_is_one_valid_character() -> None:
    text = text_of(base_case()).replace('"Test Infant"', '"Test \\ud83d\\ude00"')
    assert decode_case_json(text)["patient"]["name"] == "Test \U0001f600"


def test_a_lone_surrogate_in_a_key_is_refused() -> None:
    text = text_of(base_case()).replace('"sex"', '"\\udc00"')
    assert "not valid Unicode" in decode_error(text).problem


def test_parse_case_refuses_a_lone_surrogate_given_as_a_python_string() -> None:
    error = case_error(edit(base_case(), {"patient.name": "x\ud800"}))
    assert error.field == "patient.name"


@pytest.mark.parametrize("depth", [33, 100, 980, 5000, 200_000])
def test_nesting_deeper_than_32_levels_is_refused(depth: int) -> None:
    """Was: a RecursionError traceback for a 980-deep array."""
    doc = '{"format": "interfant-case/1", "patient": {"study_id": "X", "date_of_birth": "2026-01-10", ' \
          '"name": ' + "[" * depth + "]" * depth + "}}"
    error = decode_error(doc)
    assert "nested deeper than 32 levels" in error.problem
    if depth < 900:
        assert error.field.startswith("patient.name[0]")


def test_nesting_of_32_levels_is_decoded() -> None:
    assert decode_case_json("[" * 32 + "]" * 32) is not None


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    data = edit(base_case(), {"patient.name": "[" * 100 + "{" * 100})
    assert decode_case_json(text_of(data))["patient"]["name"].startswith("[[[")


def test_parse_case_refuses_deep_data_that_did_not_come_from_text() -> None:
    deep: Any = []
    for _ in range(3000):
        deep = [deep]
    data = base_case()
    data["patient"]["name"] = deep
    error = case_error(data)
    assert error.field.startswith("patient.name[0]")


def test_a_bom_is_handled_the_same_everywhere() -> None:
    raw = b"\xef\xbb\xbf" + text_of(base_case()).encode("utf-8")
    assert decode_case_json(raw)["patient"]["study_id"] == "T-0001"


@pytest.mark.parametrize(("raw", "problem"), [
    (b"\xff\xfe{}", "not UTF-8"), (b"{", "not valid JSON"), (b'{"format": NaN}', "NaN"),
    (b"[1,]", "not valid JSON"), (b" " * (MAX_BYTES + 1), "too large"),
])
def test_text_that_is_not_a_json_case_is_refused(raw: bytes, problem: str) -> None:
    error = decode_error(raw)
    assert error.field == "(case)" and problem in str(error)


def test_a_cap_on_the_mrd_list() -> None:
    """Was: a case with 10,000 MRD entries accepted (7 s)."""
    data = base_case()
    data["mrd"] = [mrd("other", "2026-05-01", 0.01)] * 10_000
    error = case_error(data)
    assert error.field == "mrd" and "at most 200" in error.problem


# --- chronology (D12) ---------------------------------------------------------------------

def cycle_case(**changes: Any) -> dict[str, Any]:
    data = mr_after_induction(0.01)
    data["blinatumomab"][0].update(start_time="10:00", weight_date="2026-04-03",
                                   height_date="2026-04-03")
    return edit(data, {k.replace("__", "."): v for k, v in changes.items()})


@pytest.mark.parametrize(("changes", "field"), [
    # a cycle started before birth or diagnosis (was accepted)
    ({"blinatumomab.0.start_date": "2025-12-01"}, "blinatumomab[0].start_date"),
    ({"blinatumomab.0.start_date": "2026-02-27"}, "blinatumomab[0].start_date"),
    # measurement dates before diagnosis, or in the future
    ({"blinatumomab.0.weight_date": "2026-02-01"}, "blinatumomab[0].weight_date"),
    ({"blinatumomab.0.height_date": "2027-01-01"}, "blinatumomab[0].height_date"),
    # an MRD after cycle 1 dated before that cycle's start
    ({"mrd.0": mrd("after_blinatumomab_1", "2026-04-03", "undetectable")}, "mrd[0].date"),
    # an interruption before its cycle, or ending before it starts
    ({"blinatumomab.0.interruptions": [{"stopped": "2026-04-04T09:59", "restarted": None,
                                        "reason": "other"}]},
     "blinatumomab[0].interruptions[0].stopped"),
    ({"blinatumomab.0.interruptions": [{"stopped": "2026-04-06T14:00", "restarted": "2026-04-06T13:59",
                                        "reason": "crs"}]},
     "blinatumomab[0].interruptions[0].restarted"),
    # a toxicity assessment before its cycle
    ({"toxicity": [{"at": "2026-04-04T09:00", "cycle": 1}]}, "toxicity[0].at"),
    # a date of birth that is not plausible (was accepted: 0001-01-01)
    ({"patient.date_of_birth": "0001-01-01", "diagnosis.date": None, "prednisone_response": None,
      "end_of_induction": None, "mrd": None, "blinatumomab": None}, "patient.date_of_birth"),
])
def test_dates_out_of_order_are_refused(changes: dict[str, Any], field: str) -> None:
    error = case_error(cycle_case(**{k.replace(".", "__"): v for k, v in changes.items()}))
    assert error.field == field


def test_the_valid_round_2_keys_are_accepted() -> None:
    data = cycle_case(blinatumomab__0__interruptions=[
        {"stopped": "2026-04-06T14:00", "restarted": "2026-04-06T20:30", "reason": "crs"},
        {"stopped": "2026-04-08T08:00", "restarted": None, "reason": "line_or_pump"}])
    data["toxicity"] = [{"at": "2026-04-06T13:30", "cycle": 1, "crs": {"temperature_c": 39.2},
                         "icans": None, "other": {"term": "rash", "grade": 2, "days_to_resolve": None},
                         "seizures_this_treatment": 0}]
    data["patient"]["allergies"] = ["amoxicillin: rash"]
    case = parse_case(data, load_protocol(), TODAY)
    assert case.blinatumomab[0].interruptions[1].restarted is None
    assert case.patient.allergies == ("amoxicillin: rash",)


def test_the_next_calendar_day_is_not_the_future() -> None:
    """D12: a valid local date anywhere (up to one day ahead of this machine) passes."""
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    parse_case(edit(mr_after_induction(0.01), {"mrd.0.date": tomorrow, "end_of_induction.date": tomorrow,
                                               "blinatumomab.0.start_date": tomorrow}),
               load_protocol(), TODAY)
    after = (TODAY + dt.timedelta(days=2)).isoformat()
    assert case_error(edit(mr_after_induction(0.01), {"mrd.0.date": after})).field == "mrd[0].date"


# --- identifiers (issue 15 item 3) --------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("study_id", "FZ-\u200b42"),  # zero-width space (Cf): looked like FZ-42
    ("study_id", "PUB-01\nimported PUB-02"),  # a newline (Cc): a fake output line
    ("name", "Zoë\u202eevil"),  # right-to-left override (Cf)
    ("name", "A\x00B"),  # NUL (Cc): refused by PostgreSQL, stored by SQLite
    ("name", "A\x1b[31mB"),  # ESC
    ("hospital_number", "MRN\r\n1"),
])
def test_control_and_invisible_characters_are_refused(field: str, value: str) -> None:
    error = case_error(edit(base_case(), {f"patient.{field}": value}))
    assert error.field == f"patient.{field}"
    assert "\n" not in str(error) and "\x00" not in str(error) and "\u202e" not in str(error)


def test_names_are_normalised_to_nfc() -> None:
    decomposed = "Zoe\u0308 Ło\u0301dz"
    parsed = parse_case(edit(base_case(), {"patient.name": decomposed}), load_protocol(), TODAY)
    assert parsed.patient.name == "Zoë Łódz"


@pytest.mark.parametrize("study_id", ["NL-0042", "T-1", "PUB 01", "ÉTUDE-7", "さくら-3", "A/B.1#2"])
def test_the_default_study_id_pattern_accepts_ordinary_ids(study_id: str) -> None:
    parse_case(edit(base_case(), {"patient.study_id": study_id}), load_protocol(), TODAY)


@pytest.mark.parametrize("study_id", ["PUB  01", "-1", "A;B", "x'--"])
def test_the_default_study_id_pattern_refuses_odd_ids(study_id: str) -> None:
    assert case_error(edit(base_case(), {"patient.study_id": study_id})).field == "patient.study_id"


def test_a_site_study_id_pattern() -> None:
    data = edit(base_case(), {"patient.study_id": "NL-0042"})
    parse_case(data, load_protocol(), TODAY, study_id_pattern=r"[A-Z]{2}-[0-9]{4}")
    with pytest.raises(CaseError) as info:
        parse_case(edit(data, {"patient.study_id": "NL-42"}), load_protocol(), TODAY,
                   study_id_pattern=r"[A-Z]{2}-[0-9]{4}")
    assert info.value.field == "patient.study_id" and "[A-Z]{2}-[0-9]{4}" in info.value.problem
