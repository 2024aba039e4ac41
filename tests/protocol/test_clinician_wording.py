"""The engine's sentences as a clinician reads them: local times as ``2026-06-05 12:00``
(never the JSON contract's ``2026-06-05T12:00``, which stays in the machine fields), and
missing results named as the protocol names them (``Missing MRD (end of induction)``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.restart_order import RestartNotPossible, restarted_evaluation
from interfant_desktop.protocol.risk import MISSING_NAMES
from tests.conftest import SHARED_CASES
from tests.protocol.builders import (
    DELETE,
    TODAY,
    base_case,
    case_error,
    edit,
    evaluation,
    mr_after_induction,
    run,
)
from tests.protocol.test_restart_order import ON, RESTART, _case

ISO_MINUTE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
READ_MINUTE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")
#: Fields of the JSON contract that hold one local date-time (case-format.md): ISO with "T".
MACHINE_TIMES = {"stopped", "restarted", "at", "hang", "ends", "ends_at", "restart_at", "stopped_at",
                 "start", "planned_end", "now", "next_assessment", "next_bag_change", "from", "until",
                 "starts"}


def _strings(node: Any, key: str | None = None) -> Iterator[tuple[str | None, str]]:
    """(field name, text) of every string in an answer, lists keeping their field's name."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def _evaluations() -> Iterator[tuple[str, Evaluation]]:
    """The evaluation of every shared sample case the engine accepts, and a restart order."""
    protocol = load_protocol()
    for path in sorted(SHARED_CASES.glob("**/*.case.json")):
        try:
            parsed = parse_case(json.loads(path.read_text(encoding="utf-8")), protocol, TODAY)
        except CaseError:
            continue
        yield path.name, evaluate(parsed, protocol, TODAY)
    yield "restart order", restarted_evaluation(evaluation(_case(), today=ON), 1, RESTART)


def test_no_sentence_shows_a_local_time_with_the_t_and_the_machine_fields_keep_it() -> None:
    sentences_with_times = 0
    for name, evaluated in _evaluations():
        answer = evaluated.to_json()
        for key, text in _strings(answer):
            if key in MACHINE_TIMES and ISO_MINUTE.fullmatch(text):
                continue
            assert not ISO_MINUTE.search(text), f"{name}: {key}: {text}"
            sentences_with_times += bool(READ_MINUTE.search(text))
        for key, text in _strings(answer):
            if key in ("hang", "stopped", "restart_at") and text:
                assert ISO_MINUTE.fullmatch(text), f"{name}: {key}: {text}"
    assert sentences_with_times >= 10  # the sample cases and the restart do embed local times


def test_the_restart_order_and_its_refusal_say_the_times_as_people_read_them() -> None:
    restart = restarted_evaluation(evaluation(_case(), today=ON), 1, RESTART)
    order = restart.to_json()["blinatumomab_orders"][0]
    assert order["restart"]["restart_at"] == "2026-06-20T12:00" and order["ends_at"] == "2026-07-17T17:00"
    planned = next(r["detail"] for r in order["rules"] if r["rule"] == "R-BAG-SCHEDULE"
                   and "re-planned" in r["detail"])
    assert planned.startswith("re-planned from the restart 2026-06-20 12:00: ")
    assert "ending 2026-07-17 17:00;" in planned
    with pytest.raises(RestartNotPossible, match="stopped since 2026-06-20 07:00 and its restart"):
        restarted_evaluation(evaluation(_case(restart=None), today=ON), 1, RESTART)


def test_an_open_interruption_and_a_refused_time_name_the_minute_without_the_t() -> None:
    open_stop = evaluation(_case(restart=None), today=ON).to_json()
    stop = open_stop["blinatumomab_orders"][0]["interruptions"][0]
    assert stop["stopped"] == "2026-06-20T07:00"
    assert any("stopped 2026-06-20 07:00, not restarted yet" in r["detail"] for r in stop["reasons"])
    error = case_error(_case(stop="2026-06-19T07:00"), today=ON)
    assert error.field == "blinatumomab[0].interruptions[0].stopped"
    assert "(2026-06-19 07:00 < 2026-06-19 12:00)" in str(error)


def test_missing_results_are_named_as_the_protocol_names_them() -> None:
    risk = evaluation(base_case()).risk
    assert risk.missing[:2] == ["mrd (end_of_induction)", "end_of_induction.marrow"]  # the JSON's names
    assert risk.attention[:2] == ("Missing MRD (end of induction)",
                                  "Missing marrow status (end of induction)")
    after_b1 = evaluation(mr_after_induction()).risk
    assert after_b1.attention == ("Missing MRD (after blinatumomab cycle 1)",)
    young = evaluation(edit(base_case(), {"prednisone_response": DELETE})).risk
    assert young.attention == ("Missing prednisone response (day 8)",)


def test_every_name_the_risk_rules_miss_in_the_sample_cases_has_its_words() -> None:
    seen = {m for _, evaluated in _evaluations() for m in evaluated.risk.missing}
    assert seen and seen <= set(MISSING_NAMES)


def test_the_reasons_that_wait_for_a_result_name_it_in_words_too() -> None:
    pending = run(edit(base_case(), {"prednisone_response": DELETE}))
    details = [r["detail"] for r in pending["risk"]["reasons"]]
    assert any(d.endswith("younger than 6 months; needs prednisone response (day 8)") for d in details)
    waiting = run(base_case())
    data = [d for point in waiting["decision_points"] for d in point["data"]]
    assert "HSCT eligibility waits for the end-of-induction assessment (missing: MRD (end of induction), " \
           "marrow status (end of induction))" in data
    assert not any("_" in d for d in data if "missing" in d)


def test_the_checklist_lines_say_not_recorded_and_the_json_keeps_missing() -> None:
    def point(answer: dict[str, Any]) -> list[str]:
        return next(p["data"] for p in answer["decision_points"] if p["id"] == "blinatumomab_checklist")

    unrecorded = run(base_case())
    assert point(unrecorded) == ["B1: not recorded (CD19-positive)",
                                 "B2: not recorded (CNS1 at end of induction)",
                                 "B3: not recorded (no known hypersensitivity)",
                                 "B4: not recorded (no live vaccine within 28 days)"]
    assert {i["status"] for i in unrecorded["blinatumomab_checklist"]} == {"missing"}  # the machine word
    # B2 read from the end-of-induction record (D9) still says the checklist did not record it.
    from_eoi = run(edit(mr_after_induction(), {"blinatumomab_checklist": DELETE}))
    assert point(from_eoi)[:2] == ["B1: not recorded (CD19-positive)",
                                   "B2: passed (not recorded; end-of-induction CNS status CNS1 "
                                   "(D9: B2 read from the end-of-induction record))"]
    assert point(run(mr_after_induction()))[0] == "B1: passed (CD19-positive)"


def test_an_open_review_is_flagged_with_its_rule_and_who_decides_what() -> None:
    reviews = [item for _, evaluated in _evaluations() for item in evaluated.review]
    assert reviews
    for item in reviews:
        assert item.attention == f"Review: {item.rule} — a clinician decides {' or '.join(item.options)}"
    assert "Review: R-DX-WBC-BOUNDARY — a clinician decides MR or HR" in {i.attention for i in reviews}


@pytest.mark.parametrize(("count", "expected"), [(0, "0 seizures through"), (1, "1 seizure through"),
                                                 (3, "3 seizures through")])
def test_the_seizure_count_reads_as_a_sentence(count: int, expected: str) -> None:
    from interfant_desktop.protocol.toxicity_record import _count

    detail = _count((count, dt.datetime(2026, 6, 5, 6, 30)), ()).detail
    assert detail == f"{expected} the treatment (recorded 2026-06-05 06:30)"
    one = _count(None, (dt.datetime(2026, 6, 5, 6, 30),)).detail
    assert "1 assessment records a seizure" in one and "(s)" not in one


@pytest.mark.parametrize(("wbc", "expected"), [
    ({"value": 300, "unit": "10^9/L"}, "WBC 300 × 10^9/L;"),  # once
    ({"value": 250000, "unit": "/uL"}, "WBC 250000 /µL (= 250 × 10^9/L) < 300 × 10^9/L;"),
])
def test_the_wbc_is_stated_once_in_the_units_of_the_report(wbc: dict[str, Any], expected: str) -> None:
    data = json.dumps(run(edit(base_case(), {"diagnosis.wbc": wbc})), ensure_ascii=False)
    assert expected in data
    assert "×10^9" not in data
