"""RULES.md "Decisions where the sources are silent" (D1–D11), with the findings of
issue 9 they settle (each finding's test failed before the engine followed D1–D11)."""

from __future__ import annotations

from typing import Any

import pytest

from interfant_desktop.protocol import load_protocol
from tests.protocol.builders import (
    CHECKLIST_OK,
    base_case,
    case,
    edit,
    hr_at_diagnosis,
    mr_after_induction,
    mrd,
    phases,
    pnq,
    review_rules,
    run,
    with_mrd,
)


def decisions(result: dict[str, Any]) -> tuple[Any, Any, Any]:
    d = result["decisions"]
    return d["blinatumomab_1"], d["blinatumomab_2"], d["hsct_eligible"]


def null_reasons_are_named(result: dict[str, Any]) -> None:
    """Every null decision names why in decision_reasons."""
    for key, value in result["decisions"].items():
        if value is None:
            reasons = result["decision_reasons"].get(key)
            assert reasons, (key, result["decision_reasons"])
            assert all(r["rule"] and r["detail"] for r in reasons), reasons


# --- D1: risk.status describes the MR/HR group ------------------------------------------

def test_d1_a_split_only_review_leaves_the_group_final() -> None:
    """Was: status review, HSCT null, a cycle-2 order refused for a patient whose group is
    certain (MR)."""
    data = with_mrd(mr_after_induction(pnq(0.5)), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    result = run(data)
    assert review_rules(result) == ["R-EOI-SPLIT"]
    risk = result["risk"]
    assert (risk["status"], risk["current"], risk["subgroup"]) == ("final", "MR", None)
    assert decisions(result) == (True, True, False)


def test_d1_an_open_group_makes_the_decisions_that_depend_on_it_null() -> None:
    result = run(with_mrd(case(diagnosis__wbc__value=300), mrd("after_blinatumomab_1", "2026-05-02", 0.5)))
    assert (result["risk"]["status"], result["risk"]["current"], result["risk"]["subgroup"]) == (
        "review", None, None)
    assert decisions(result)[1:] == (None, None)
    null_reasons_are_named(result)
    assert result["decision_reasons"]["hsct_eligible"][0]["rule"] == "D1"


# --- D2: several results at one time point ---------------------------------------------

def test_d2_a_repeat_sample_that_disagrees_is_a_review_listing_both() -> None:
    """Was: only the latest sample counted (1.2 % on the later date moved the patient to
    HR; the 0.6 % of the earlier date appeared in no reason)."""
    data = mr_after_induction(0.6)
    data["mrd"].append(mrd("end_of_induction", "2026-04-05", 1.2))
    result = run(data)
    assert review_rules(result) == ["R-EOI-MRD"]
    detail = result["review"][0]["detail"]
    assert "0.6 %" in detail and "1.2 %" in detail
    assert (result["risk"]["status"], result["risk"]["current"]) == ("review", None)
    assert result["risk"]["reallocations"] == []


def test_d2_an_earlier_result_is_not_dropped_by_a_later_one_that_moves_back() -> None:
    """A repeat sample cannot move a patient from HR back to MR unseen."""
    data = mr_after_induction(1.5)
    data["mrd"].append(mrd("end_of_induction", "2026-04-06", 0.2))
    result = run(data)
    assert result["risk"]["current"] is None and review_rules(result) == ["R-EOI-MRD"]


def test_d2_results_that_agree_hold_and_every_one_is_listed() -> None:
    data = mr_after_induction(1.5)
    data["mrd"].append(mrd("end_of_induction", "2026-04-06", 4))
    result = run(data)
    assert result["risk"]["current"] == "HR" and result["review"] == []
    texts = " ".join(r["detail"] for r in result["risk"]["reallocations"] + result["risk"]["reasons"])
    assert "1.5 %" in texts and "4 %" in texts
    assert any(r["rule"] == "D2" for r in result["risk"]["reasons"])


def test_d2_after_cycle_1_disagreeing_results_are_a_review() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", 0.5),
                    mrd("after_blinatumomab_1", "2026-05-09", "undetectable"))
    result = run(data)
    assert review_rules(result) == ["R-B1-MRD"]
    assert decisions(result)[1:] == (None, None)


# --- D3: a later decision waits for an earlier point -------------------------------------

def test_d3_cycle_2_waits_for_the_end_of_induction_mrd() -> None:
    """Was: blinatumomab_2 true without an end-of-induction MRD (and `order --cycle 2`
    printed a draft)."""
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    data["mrd"] = [m for m in data["mrd"] if m["timepoint"] != "end_of_induction"]
    result = run(data)
    assert decisions(result) == (True, None, None)
    assert "mrd (end_of_induction)" in result["risk"]["missing"]
    assert result["decision_reasons"]["blinatumomab_2"][0]["rule"] == "D3"
    null_reasons_are_named(result)


def test_d3_cycle_2_waits_for_the_end_of_induction_marrow() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    data["end_of_induction"]["marrow"] = None
    result = run(data)
    assert decisions(result)[1:] == (None, None)
    assert "end_of_induction.marrow" in result["risk"]["missing"]


@pytest.mark.parametrize("after_cycle_1", [0.5, "undetectable"])
def test_d3_cycle_2_waits_for_the_end_of_induction_whatever_the_mrd_after_cycle_1(
        after_cycle_1: Any) -> None:
    """Was: with no end-of-induction MRD and an MRD of 0.5 % after cycle 1, blinatumomab_2
    was false ("HR: no blinatumomab cycle 2") while hsct_eligible waited (D3). D3 names
    both: null while the end-of-induction point that applies is not assessed."""
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", after_cycle_1))
    data["mrd"] = [m for m in data["mrd"] if m["timepoint"] != "end_of_induction"]
    result = run(data)
    assert decisions(result) == (True, None, None)
    assert "mrd (end_of_induction)" in result["risk"]["missing"]
    for decision in ("blinatumomab_2", "hsct_eligible"):
        assert result["decision_reasons"][decision][0]["rule"] == "D3"
    null_reasons_are_named(result)


@pytest.mark.parametrize("missing", ["mrd", "marrow"])
def test_d3_the_end_of_induction_point_is_pending_while_it_is_not_assessed(missing: str) -> None:
    """Was: the end-of-induction decision point said "stays MR" (decided) with no
    end-of-induction MRD (or marrow) recorded, while risk.missing named it and the later
    decisions waited for it (D3)."""
    data = mr_after_induction(0.01)
    if missing == "mrd":
        data["mrd"] = []
    else:
        data["end_of_induction"]["marrow"] = None
    result = run(data)
    point = next(p for p in result["decision_points"] if p["id"] == "end_of_induction")
    assert point["status"] == "pending"
    assert point["outcome"].startswith("pending")
    # Once assessed, it is decided as before.
    done = next(p for p in run(mr_after_induction(0.01))["decision_points"]
                if p["id"] == "end_of_induction")
    assert (done["status"], done["outcome"]) == ("decided", "stays MR (MR-low)")


def test_d3_the_mrd_after_cycle_1_is_named_as_missing() -> None:
    result = run(mr_after_induction(0.01))
    assert decisions(result) == (True, None, None)
    assert "mrd (after_blinatumomab_1)" in result["risk"]["missing"]
    null_reasons_are_named(result)


@pytest.mark.parametrize("data", [
    case(diagnosis__wbc=None),  # pending at diagnosis
    case(diagnosis__wbc__value=300),  # review at diagnosis
    mr_after_induction(pnq(3)),
    hr_at_diagnosis(),  # HR without an MRD after cycle 1
])
def test_every_null_decision_names_why(data: dict[str, Any]) -> None:
    """Was: hsct_eligible null with no reason while the risk was pending or under review."""
    null_reasons_are_named(run(data))


# --- D4: the 6-month birthday ----------------------------------------------------------

def test_d4_the_birthday_is_a_review_even_when_both_answers_give_hr() -> None:
    # a poor prednisone response and WBC 500: HR whether "< 6 months" or not... only if < 6 months;
    # and MR if > 6 months: still a review, the protocol leaves the day open (S1).
    data = case(patient__date_of_birth="2025-09-01", diagnosis__date="2026-03-01",
                diagnosis__wbc__value=100)
    result = run(data)
    assert review_rules(result) == ["R-DX-AGE-BOUNDARY"]
    assert "D4" in result["review"][0]["detail"]


# --- D5: exactly 0.01 % before HSCT -----------------------------------------------------

def test_d5_exactly_the_threshold_is_not_yet_eligible_without_a_review() -> None:
    result = run(with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", 0.01)))
    assert result["decisions"]["hsct_eligible"] is False
    assert result["review"] == []
    assert result["decision_reasons"]["hsct_eligible"][0]["rule"] == "D5"


# --- D6 is in test_reallocation.py (R-MRD-LATE) -----------------------------------------

def test_d6_applies_after_the_end_of_induction_when_there_was_no_cycle_1() -> None:
    data = mr_after_induction(0.01, blinatumomab_checklist__cd19_positive=False)
    data = with_mrd(data, mrd("end_of_consolidation", "2026-06-20", 0.3))
    result = run(data)
    assert review_rules(result) == ["R-MRD-LATE"]
    assert result["decisions"]["blinatumomab_2"] is False  # D8: no blinatumomab at all
    assert result["decisions"]["hsct_eligible"] is None


def test_d6_below_the_threshold_later_is_no_review() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                    mrd("pre_hsct", "2026-07-01", "undetectable"), mrd("other", "2026-08-01", 0.001))
    result = run(data)
    assert result["review"] == [] and decisions(result) == (True, True, False)


# --- D7 / D8: a failed checklist ---------------------------------------------------------

def test_d8_r_b1_mrd_is_not_applied_after_a_failed_checklist() -> None:
    """Was: an MRD "after cycle 1" moved the patient to HR "after cycle 1" while the
    roadmap said cycle 1 was skipped."""
    data = with_mrd(mr_after_induction(0.01, blinatumomab_checklist__cd19_positive=False),
                    mrd("after_blinatumomab_1", "2026-05-02", 0.5))
    result = run(data)
    assert result["risk"]["reallocations"] == []
    assert review_rules(result) == ["D8"]
    assert decisions(result)[:2] == (False, False)
    assert result["decisions"]["hsct_eligible"] is None
    assert phases(result)["blinatumomab_1"] == "skipped"


def test_d8_mr_stays_mr_and_is_not_eligible_for_hsct() -> None:
    result = run(mr_after_induction(0.01, blinatumomab_checklist__cd19_positive=False))
    assert (result["risk"]["current"], result["risk"]["status"]) == ("MR", "final")
    assert decisions(result) == (False, False, False)


def test_d8_cycle_2_is_false_even_while_the_end_of_induction_is_pending() -> None:
    data = base_case()
    data["blinatumomab_checklist"] = {**CHECKLIST_OK, "cd19_positive": False}
    result = run(data)
    assert decisions(result) == (False, False, None)
    assert result["decision_reasons"]["hsct_eligible"][0]["rule"] == "D3"


def test_d7_hr_without_cycle_1_is_judged_on_the_latest_mrd_after_induction() -> None:
    data = hr_at_diagnosis(blinatumomab_checklist__cd19_positive=False)
    assert run(data)["decisions"]["hsct_eligible"] is None
    done = with_mrd(data, mrd("end_of_consolidation", "2026-06-01", 0.2),
                    mrd("other", "2026-07-01", "undetectable"))
    result = run(done)
    assert result["decisions"]["hsct_eligible"] is True
    assert "D7" in result["decision_reasons"]["hsct_eligible"][0]["detail"]
    not_yet = with_mrd(data, mrd("other", "2026-07-01", 0.2))
    assert run(not_yet)["decisions"]["hsct_eligible"] is False


def test_d8_an_mrd_after_cycle_1_without_cycle_1_is_a_review_for_an_hr_patient_too() -> None:
    """Was: an HR patient whose checklist failed, with an MRD recorded "after blinatumomab
    cycle 1", was judged eligible for HSCT on that result (D7) instead of the contradiction
    D8 names ("an MRD recorded at after_blinatumomab_1 for such a patient contradicts the
    record and is review")."""
    data = with_mrd(hr_at_diagnosis(blinatumomab_checklist__cd19_positive=False, blinatumomab=[]),
                    mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    result = run(data)
    assert review_rules(result) == ["D8"]
    assert decisions(result) == (False, False, None)
    assert result["decision_reasons"]["hsct_eligible"][0]["rule"] == "D8"
    # The group is not open (HR from diagnosis): only HSCT waits for the clinician.
    assert (result["risk"]["current"], result["risk"]["status"]) == ("HR", "final")
    points = {p["id"]: p["status"] for p in result["decision_points"]}
    assert points["hsct"] == "review" and points["after_blinatumomab_1"] == "decided"
    item = result["review"][0]
    settled = run(data, resolutions={item["id"]: "eligible"})
    assert settled["review"] == [] and settled["decisions"]["hsct_eligible"] is True


def test_d8_an_mrd_after_cycle_1_without_cycle_1_is_a_review_after_an_eoi_move_to_hr() -> None:
    """MR moved to HR at the end of induction, checklist failed: the "after cycle 1" MRD
    contradicts the record as well (D8), so HSCT is not judged on it."""
    data = with_mrd(mr_after_induction(2.0, blinatumomab_checklist__cd19_positive=False,
                                       blinatumomab=[]),
                    mrd("after_blinatumomab_1", "2026-05-02", 0.5))
    result = run(data)
    assert result["risk"]["current"] == "HR"
    assert review_rules(result) == ["D8"]
    assert result["decisions"]["hsct_eligible"] is None


# --- D9 / D10 --------------------------------------------------------------------------

def test_d9_b2_is_read_from_the_end_of_induction_record() -> None:
    data = mr_after_induction(0.01)
    data["blinatumomab_checklist"]["cns1_at_eoi"] = None
    passed = run(data)
    b2 = next(i for i in passed["blinatumomab_checklist"] if i["id"] == "B2")
    assert b2["status"] == "passed" and "D9" in b2["detail"]
    data["end_of_induction"]["cns"] = "CNS2"
    failed = run(data)
    assert failed["decisions"]["blinatumomab_1"] is False


def test_d9_both_recorded_and_disagreeing_is_a_review() -> None:
    data = mr_after_induction(0.01, end_of_induction__cns="CNS3")
    result = run(data)
    assert review_rules(result) == ["B2"] and "D9" in result["review"][0]["detail"]
    assert result["decisions"]["blinatumomab_1"] is None


def test_d10_diagnosed_on_the_day_of_birth_meets_inc2() -> None:
    result = run(case(patient__date_of_birth="2026-03-01"))
    assert result["age_at_diagnosis_days"] == 0
    inc2 = next(c for c in result["eligibility"]["criteria"] if c["id"] == "INC2")
    assert inc2["status"] == "met"


# --- D11: rounding ----------------------------------------------------------------------

def _order(weight: float, height: float, marrow: str = "M1") -> dict[str, Any]:
    data = mr_after_induction(0.01, marrow=marrow)
    data["blinatumomab"][0].update(weight_kg=weight, height_cm=height)
    result: dict[str, Any] = run(data)["blinatumomab_orders"][0]
    return result


@pytest.mark.parametrize(("weight", "height", "bsa", "dose_15", "dose_5", "dexa"), [
    # 1 kg: √(71.6 × 1 / 3600) = 0.14103 → 0.141; 15 × 0.141 = 2.115 → 2.12 (was 2.11)
    (1, 71.6, 0.141, 2.12, 0.71, 0.7),
    # 20 kg: √(100 × 20 / 3600) = 0.74536 → 0.745; 15 × 0.745 = 11.175 → 11.18 (was 11.17),
    # 5 × 0.745 = 3.725 → 3.73 (was 3.72), dexamethasone 3.725 mg → 3.7 mg
    (20, 100, 0.745, 11.18, 3.73, 3.7),
])
def test_d11_every_printed_number_recomputes_by_hand(weight: float, height: float, bsa: float,
                                                     dose_15: float, dose_5: float, dexa: float) -> None:
    m1 = _order(weight, height)
    assert m1["bsa_m2"] == bsa
    assert [s["dose_mcg_per_day"] for s in m1["steps"]] == [dose_15]
    assert m1["premedication"]["dose_mg"] == dexa
    stepped = _order(weight, height, marrow="M3")
    assert [s["dose_mcg_per_day"] for s in stepped["steps"]] == [dose_5, dose_15]


def test_d1_to_d12_are_rules_of_the_protocol_file_with_the_reading_of_the_sources_as_basis() -> None:
    protocol = load_protocol()
    assert protocol.version == "2026.12-1"
    for n in range(1, 13):
        rule = protocol.rule(f"D{n}")
        assert rule.source == "reading" and rule.text
    assert protocol.rule("R-MRD-LATE").source == "reading"


def test_edit_helper_still_builds_a_valid_case() -> None:
    assert run(edit(base_case(), {}))["risk"]["current"] == "MR"


@pytest.mark.parametrize("data", [
    with_mrd(mr_after_induction(0.01, blinatumomab_checklist__cd19_positive=False),
             mrd("after_blinatumomab_1", "2026-05-02", 0.5)),  # D8
    with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
             mrd("pre_hsct", "2026-07-01", 0.2)),  # D6
])
def test_the_roadmap_shows_the_new_review_at_its_decision_point(data: dict[str, Any]) -> None:
    result = run(data)
    point = next(p for p in result["decision_points"] if p["id"] == "after_blinatumomab_1")
    assert point["status"] == "review"
