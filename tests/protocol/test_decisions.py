"""RULES.md R-HSCT and "Before blinatumomab cycle 1" (checklist B1–B4)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.protocol.builders import (
    DELETE,
    base_case,
    edit,
    hr_at_diagnosis,
    mr_after_induction,
    mrd,
    pnq,
    review_rules,
    run,
    with_mrd,
)

# --- R-HSCT -------------------------------------------------------------------------------


def hr_with(*samples: dict[str, Any]) -> dict[str, Any]:
    return run(with_mrd(hr_at_diagnosis(), *samples))


@pytest.mark.parametrize("value", ["undetectable", 0.0099, 0.001, 0, pnq(0.01), pnq(0.001)])
def test_hr_with_latest_mrd_below_0_01_is_hsct_eligible(value: Any) -> None:
    result = hr_with(mrd("after_blinatumomab_1", "2026-05-02", value))
    assert result["risk"]["current"] == "HR"
    assert result["decisions"]["hsct_eligible"] is True
    assert result["decisions"]["blinatumomab_2"] is False
    assert result["review"] == []


@pytest.mark.parametrize("value", [0.01, 0.02, 0.5, 12])
def test_hr_with_latest_mrd_at_or_above_0_01_is_not_yet_eligible(value: float) -> None:
    result = hr_with(mrd("after_blinatumomab_1", "2026-05-02", value))
    assert result["decisions"]["hsct_eligible"] is False
    assert result["review"] == []


def test_hr_with_pnq_above_the_range_is_review() -> None:
    result = hr_with(mrd("after_blinatumomab_1", "2026-05-02", pnq(0.05)))
    assert result["decisions"]["hsct_eligible"] is None
    assert review_rules(result) == ["R-HSCT"]


def test_hr_before_any_mrd_after_cycle_1_is_undecided() -> None:
    assert run(hr_at_diagnosis())["decisions"]["hsct_eligible"] is None
    assert run(edit(base_case(), {"prednisone_response.blasts_per_uL": 4000}))["decisions"][
        "hsct_eligible"] is None


def test_the_latest_mrd_decides_hsct() -> None:
    later_negative = hr_with(mrd("after_blinatumomab_1", "2026-05-02", 0.4),
                             mrd("pre_hsct", "2026-06-15", "undetectable"))
    assert later_negative["decisions"]["hsct_eligible"] is True
    later_positive = hr_with(mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                             mrd("pre_hsct", "2026-06-15", 0.2))
    assert later_positive["decisions"]["hsct_eligible"] is False


def test_latest_by_date_not_by_list_order() -> None:
    result = hr_with(mrd("pre_hsct", "2026-06-15", "undetectable"),
                     mrd("after_blinatumomab_1", "2026-05-02", 0.4))
    assert result["decisions"]["hsct_eligible"] is True


def test_mr_reallocated_after_cycle_1_becomes_eligible_once_mrd_below_0_01() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", 0.3))
    assert run(data)["decisions"]["hsct_eligible"] is False
    data = with_mrd(data, mrd("pre_hsct", "2026-06-10", "undetectable"))
    result = run(data)
    assert result["risk"]["current"] == "HR"
    assert result["decisions"]["hsct_eligible"] is True


def test_mr_reallocated_at_eoi_becomes_eligible_with_mrd_below_0_01_after_cycle_1() -> None:
    data = with_mrd(mr_after_induction(2), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    result = run(data)
    assert (result["risk"]["at_diagnosis"], result["risk"]["current"]) == ("MR", "HR")
    assert result["decisions"]["hsct_eligible"] is True
    assert result["decisions"]["blinatumomab_2"] is False


def test_mr_after_every_reallocation_point_is_not_for_hsct() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    assert run(data)["decisions"]["hsct_eligible"] is False


def test_hsct_is_undecided_before_data() -> None:
    assert run(base_case())["decisions"]["hsct_eligible"] is None
    assert run(edit(base_case(), {"prednisone_response": DELETE}))["decisions"] == {
        "blinatumomab_1": None, "blinatumomab_2": None, "hsct_eligible": None}


def test_hsct_reason_names_r_hsct() -> None:
    result = hr_with(mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    reasons = result["decision_reasons"]["hsct_eligible"]
    assert reasons and reasons[0]["rule"] == "R-HSCT"
    assert reasons[0]["source"] == "S1, S2"


# --- checklist B1–B4 --------------------------------------------------------------------

FAILS = [
    ("B1", "cd19_positive", False),
    ("B2", "cns1_at_eoi", False),
    ("B3", "hypersensitivity", True),
    ("B4", "live_vaccine_28d", True),
]


def test_checklist_passed_gives_blinatumomab_1() -> None:
    result = run(mr_after_induction(0.01))
    assert result["decisions"]["blinatumomab_1"] is True
    assert [(i["id"], i["status"]) for i in result["blinatumomab_checklist"]] == [
        ("B1", "passed"), ("B2", "passed"), ("B3", "passed"), ("B4", "passed")]


@pytest.mark.parametrize(("item", "key", "value"), FAILS)
def test_any_failed_item_means_no_blinatumomab(item: str, key: str, value: bool) -> None:
    # the EOI CNS status is left out so that B2 is read from the checklist alone
    data = mr_after_induction(0.01, **{f"blinatumomab_checklist__{key}": value,
                                       "end_of_induction__cns": None})
    result = run(data)
    assert result["decisions"]["blinatumomab_1"] is False
    assert result["decisions"]["blinatumomab_2"] is False
    statuses = {i["id"]: i["status"] for i in result["blinatumomab_checklist"]}
    assert statuses[item] == "failed"
    reason = result["decision_reasons"]["blinatumomab_1"][0]
    assert reason["rule"] == "R-B-CHECK" and item in reason["detail"]
    assert "backbone" in reason["detail"]
    roadmap = {p["phase"]: p["status"] for p in result["roadmap"]}
    assert roadmap["blinatumomab_1"] == "skipped"
    assert roadmap["blinatumomab_2"] == "skipped"


@pytest.mark.parametrize(("item", "key", "value"), FAILS)
def test_failed_checklist_for_hr_patient_also_means_no_cycle_2(item: str, key: str, value: bool) -> None:
    result = run(hr_at_diagnosis(**{f"blinatumomab_checklist__{key}": value, "end_of_induction__cns": None}))
    assert result["decisions"]["blinatumomab_1"] is False
    assert result["decisions"]["blinatumomab_2"] is False


@pytest.mark.parametrize("how", ["null", "absent"])
@pytest.mark.parametrize(("item", "key", "value"), FAILS)
def test_missing_item_leaves_blinatumomab_1_undecided(item: str, key: str, value: bool, how: str) -> None:
    data = mr_after_induction(0.01)
    data["end_of_induction"]["cns"] = None  # so B2 is not read from the EOI CNS status
    if how == "null":
        data["blinatumomab_checklist"][key] = None
    else:
        del data["blinatumomab_checklist"][key]
    result = run(data)
    assert result["decisions"]["blinatumomab_1"] is None
    statuses = {i["id"]: i["status"] for i in result["blinatumomab_checklist"]}
    assert statuses[item] == "missing"


def test_no_checklist_leaves_blinatumomab_1_undecided() -> None:
    data = mr_after_induction(0.01)
    del data["blinatumomab_checklist"]
    data["end_of_induction"]["cns"] = None
    assert run(data)["decisions"]["blinatumomab_1"] is None


def test_failure_wins_over_missing_items() -> None:
    data = mr_after_induction(0.01)
    data["blinatumomab_checklist"] = {"cd19_positive": False}
    assert run(data)["decisions"]["blinatumomab_1"] is False


@pytest.mark.parametrize("cns", ["CNS2", "CNS3"])
def test_cns_disease_at_end_of_induction_fails_b2(cns: str) -> None:
    data = mr_after_induction(0.01)
    data["end_of_induction"]["cns"] = cns
    data["blinatumomab_checklist"]["cns1_at_eoi"] = None
    result = run(data)
    assert result["decisions"]["blinatumomab_1"] is False
    assert {i["id"]: i["status"] for i in result["blinatumomab_checklist"]}["B2"] == "failed"


def test_checklist_items_carry_rule_text_and_source() -> None:
    from interfant_desktop.protocol import load_protocol

    protocol = load_protocol()
    for item in run(mr_after_induction(0.01))["blinatumomab_checklist"]:
        assert item["text"] == protocol.rule(item["id"]).text
        assert item["source"] == "S1"


def test_checklist_conflicting_with_the_eoi_cns_status_is_not_guessed() -> None:
    data = mr_after_induction(0.01)
    data["blinatumomab_checklist"]["cns1_at_eoi"] = False   # but end_of_induction.cns is CNS1
    result = run(data)
    assert result["decisions"]["blinatumomab_1"] is None
    assert "B2" in review_rules(result)
