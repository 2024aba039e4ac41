"""RULES.md "Re-allocation by response": R-EOI-MRD, R-EOI-CR, R-EOI-SPLIT, R-B1-MRD, with
MRD exactly at 1 %, 0.05 % and 0.01 %, undetectable and positive-not-quantifiable."""

from __future__ import annotations

from typing import Any

import pytest

from tests.protocol.builders import hr_at_diagnosis, mr_after_induction, mrd, pnq, review_rules, run, with_mrd


def triple(result: dict[str, Any]) -> tuple[Any, Any, Any]:
    r = result["risk"]
    return r["at_diagnosis"], r["current"], r["status"]


# --- end of induction: R-EOI-MRD (≥ 1 % → HR) -------------------------------------------

@pytest.mark.parametrize("percent", [1, 1.0, 1.5, 25, 100])
def test_eoi_mrd_at_or_above_1_percent_moves_mr_to_hr(percent: float) -> None:
    result = run(mr_after_induction(percent))
    assert triple(result) == ("MR", "HR", "final")
    assert result["risk"]["subgroup"] is None
    moves = result["risk"]["reallocations"]
    assert [(m["when"], m["from"], m["to"], m["rule"]) for m in moves] == [
        ("end_of_induction", "MR", "HR", "R-EOI-MRD")]
    assert moves[0]["source"] == "S1"


@pytest.mark.parametrize("percent", [0.99, 0.999, 0.5])
def test_eoi_mrd_below_1_percent_stays_mr_high(percent: float) -> None:
    result = run(mr_after_induction(percent))
    assert triple(result) == ("MR", "MR", "final")
    assert result["risk"]["subgroup"] == "MR-high"
    assert result["risk"]["reallocations"] == []


def test_pnq_with_range_at_1_percent_counts_below_1_percent() -> None:
    # QR 1 % ≤ T = 1 %: below the HR threshold; against 0.05 % the QR is above T → review
    result = run(mr_after_induction(pnq(1)))
    assert result["risk"]["at_diagnosis"] == "MR"
    assert result["risk"]["reallocations"] == []
    assert "R-EOI-MRD" not in review_rules(result)
    assert "R-EOI-SPLIT" in review_rules(result)
    assert result["risk"]["subgroup"] is None


def test_pnq_with_range_above_1_percent_is_review() -> None:
    result = run(mr_after_induction(pnq(2)))
    assert result["risk"]["status"] == "review"
    assert result["risk"]["current"] is None
    assert "R-EOI-MRD" in review_rules(result)


# --- end of induction: R-EOI-CR (M2/M3 → HR) ----------------------------------------------

@pytest.mark.parametrize("marrow", ["M2", "M3"])
def test_eoi_not_in_cr_moves_mr_to_hr(marrow: str) -> None:
    result = run(mr_after_induction("undetectable", marrow=marrow))
    assert triple(result) == ("MR", "HR", "final")
    rules = [m["rule"] for m in result["risk"]["reallocations"]]
    assert "R-EOI-CR" in rules
    cr = next(m for m in result["risk"]["reallocations"] if m["rule"] == "R-EOI-CR")
    assert cr["source"] == "S2"
    assert result["risk"]["subgroup"] is None


def test_eoi_m1_stays_mr() -> None:
    assert triple(run(mr_after_induction(0.01, marrow="M1"))) == ("MR", "MR", "final")


def test_eoi_marrow_m2_without_mrd_is_already_hr() -> None:
    data = mr_after_induction(0.01, marrow="M2")
    data["mrd"] = []
    assert triple(run(data))[:2] == ("MR", "HR")


def test_hr_from_diagnosis_is_not_reallocated() -> None:
    result = run(hr_at_diagnosis(**{"mrd": [mrd("end_of_induction", "2026-04-02", 5)]}))
    assert triple(result) == ("HR", "HR", "final")
    assert result["risk"]["reallocations"] == []
    assert result["risk"]["subgroup"] is None


# --- R-EOI-SPLIT (MR-low < 0.05 % ≤ MR-high) -------------------------------------------------

@pytest.mark.parametrize(("result_", "subgroup"), [
    (0.0499, "MR-low"), (0.04, "MR-low"), (0.0, "MR-low"), ("undetectable", "MR-low"),
    (0.05, "MR-high"), (0.050, "MR-high"), (0.0501, "MR-high"), (0.9, "MR-high"),
    (pnq(0.05), "MR-low"), (pnq(0.01), "MR-low"),
])
def test_mr_low_and_mr_high_split_at_0_05_percent(result_: Any, subgroup: str) -> None:
    result = run(mr_after_induction(result_))
    assert triple(result) == ("MR", "MR", "final")
    assert result["risk"]["subgroup"] == subgroup
    assert result["review"] == []


def test_pnq_with_range_above_0_05_percent_at_eoi_is_review_for_the_split() -> None:
    result = run(mr_after_induction(pnq(0.1)))
    assert result["risk"]["subgroup"] is None
    # D1: the split alone does not open the MR/HR group
    assert (result["risk"]["status"], result["risk"]["current"]) == ("final", "MR")
    assert review_rules(result) == ["R-EOI-SPLIT"]


def test_split_is_marked_unverified() -> None:
    result = run(mr_after_induction(0.01))
    split = [r for r in result["risk"]["reasons"] if r["rule"] == "R-EOI-SPLIT"]
    assert split and split[0]["verified"] is False
    consolidation = next(p for p in result["roadmap"] if p["phase"] == "consolidation")
    assert "UNVERIFIED" in consolidation["note"]


def test_no_subgroup_before_the_eoi_mrd() -> None:
    data = mr_after_induction(0.01)
    data["mrd"] = []
    result = run(data)
    assert result["risk"]["current"] == "MR"
    assert result["risk"]["subgroup"] is None


# --- R-B1-MRD (after blinatumomab cycle 1) ----------------------------------------------------

def after_b1(value: Any, eoi: Any = 0.01) -> dict[str, Any]:
    return run(with_mrd(mr_after_induction(eoi), mrd("after_blinatumomab_1", "2026-05-02", value)))


@pytest.mark.parametrize("value", [0.011, 0.02, 0.3, 5])
def test_mrd_above_0_01_after_cycle_1_moves_mr_to_hr(value: float) -> None:
    result = after_b1(value)
    assert triple(result) == ("MR", "HR", "final")
    assert [(m["when"], m["rule"]) for m in result["risk"]["reallocations"]] == [
        ("after_blinatumomab_1", "R-B1-MRD")]
    assert result["risk"]["subgroup"] is None
    assert result["decisions"]["blinatumomab_2"] is False
    assert result["decisions"]["hsct_eligible"] is False  # MRD not yet < 0.01 %


@pytest.mark.parametrize("value", [0.0099, 0.009, 0.001, 0, "undetectable", pnq(0.01), pnq(0.005)])
def test_mrd_below_0_01_or_undetectable_after_cycle_1_gives_blinatumomab_2(value: Any) -> None:
    result = after_b1(value)
    assert triple(result) == ("MR", "MR", "final")
    assert result["decisions"]["blinatumomab_2"] is True
    assert result["decisions"]["hsct_eligible"] is False
    assert result["review"] == []


@pytest.mark.parametrize("value", [0.01, 0.010, pnq(0.02)])
def test_mrd_exactly_0_01_or_unplaceable_after_cycle_1_is_review(value: Any) -> None:
    result = after_b1(value)
    assert result["risk"]["status"] == "review"
    assert result["risk"]["current"] is None
    assert result["decisions"]["blinatumomab_2"] is None
    assert "R-B1-MRD" in review_rules(result)


def test_mr_high_below_0_01_after_cycle_1_keeps_its_subgroup() -> None:
    result = after_b1("undetectable", eoi=0.2)
    assert result["risk"]["subgroup"] == "MR-high"
    assert result["decisions"]["blinatumomab_2"] is True


def test_mr_before_the_cycle_1_mrd_leaves_blinatumomab_2_open() -> None:
    result = run(mr_after_induction(0.01))
    assert result["decisions"]["blinatumomab_2"] is None
    assert result["decisions"]["hsct_eligible"] is None


def test_mrd_at_a_later_timepoint_does_not_replace_the_cycle_1_result() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                    mrd("end_of_consolidation", "2026-06-20", 0.005))
    result = run(data)
    assert result["risk"]["reallocations"] == []
    assert result["decisions"]["blinatumomab_2"] is True


def test_a_later_mrd_rise_in_an_mr_patient_is_a_review() -> None:
    """D6 (R-MRD-LATE): was ignored (blinatumomab_2 stayed true with 0.02 % at the end of
    consolidation); now the group is open until a clinician decides."""
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                    mrd("end_of_consolidation", "2026-06-20", 0.02))
    result = run(data)
    assert review_rules(result) == ["R-MRD-LATE"]
    assert (result["risk"]["status"], result["risk"]["current"]) == ("review", None)
    assert result["decisions"]["blinatumomab_2"] is None
    assert result["decisions"]["hsct_eligible"] is None
    item = result["review"][0]
    assert item["options"] == ["MR", "HR"] and "0.02 %" in item["detail"]
    to_hr = run(data, resolutions={item["id"]: "HR"})
    assert to_hr["risk"]["current"] == "HR" and to_hr["review"] == []
    assert [r["when"] for r in to_hr["risk"]["reallocations"]] == ["later_mrd"]
    stay = run(data, resolutions={item["id"]: "MR"})
    assert stay["risk"]["current"] == "MR" and stay["decisions"]["blinatumomab_2"] is True
