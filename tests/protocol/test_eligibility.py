"""RULES.md "Eligibility checklist (S1)": INC1–INC3 and EXC1–EXC7, each failing and each
missing, null and absent alike, sorted lists, and an ineligible patient's evaluation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.protocol.builders import DELETE, base_case, edit, run


def eligibility(changes: dict[str, Any]) -> dict[str, Any]:
    return run(edit(base_case(), changes))["eligibility"]


def test_complete_case_is_eligible() -> None:
    result = eligibility({})
    assert (result["status"], result["failed"], result["missing"]) == ("eligible", [], [])


def test_b_mpal_single_lineage_is_eligible() -> None:
    assert eligibility({"diagnosis.lineage": "B-MPAL"})["status"] == "eligible"


FAILING = [
    ({"diagnosis.lineage": "T-ALL"}, ["EXC3", "INC1"]),
    ({"diagnosis.lineage": "MPAL-multilineage"}, ["EXC2", "INC1"]),
    ({"diagnosis.lineage": "other"}, ["INC1"]),
    ({"diagnosis.kmt2a": "wildtype"}, ["EXC1", "INC1"]),
    ({"diagnosis.relapsed": True}, ["EXC6", "INC1"]),
    ({"diagnosis.consent": False}, ["INC3"]),
    ({"patient.date_of_birth": "2025-01-01", "diagnosis.date": "2026-01-02"}, ["EXC4", "INC2"]),
    ({"patient.down_syndrome": True}, ["EXC5"]),
    ({"diagnosis.prior_steroids": True}, ["EXC7"]),
    ({"diagnosis.prior_chemotherapy": True}, ["EXC7"]),
    ({"diagnosis.prior_steroids": True, "diagnosis.prior_chemotherapy": True}, ["EXC7"]),
    ({"diagnosis.prior_steroids": None, "diagnosis.prior_chemotherapy": True}, ["EXC7"]),
    ({"diagnosis.prior_steroids": True, "diagnosis.prior_chemotherapy": DELETE}, ["EXC7"]),
]


@pytest.mark.parametrize(("changes", "failed"), FAILING)
def test_each_failing_criterion_is_listed(changes: dict[str, Any], failed: list[str]) -> None:
    result = eligibility(changes)
    assert result["status"] == "ineligible"
    assert result["failed"] == failed
    assert result["missing"] == []


def test_several_failures_are_all_listed_and_sorted() -> None:
    result = eligibility({"diagnosis.lineage": "T-ALL", "patient.down_syndrome": True,
                          "diagnosis.consent": False, "diagnosis.prior_chemotherapy": True,
                          "patient.date_of_birth": "2024-12-01", "diagnosis.date": "2026-01-15"})
    assert result["failed"] == ["EXC3", "EXC4", "EXC5", "EXC7", "INC1", "INC2", "INC3"]
    assert result["failed"] == sorted(result["failed"])


MISSING = [
    ("diagnosis.consent", ["INC3"]),
    ("diagnosis.kmt2a", ["EXC1", "INC1"]),
    ("diagnosis.lineage", ["EXC2", "EXC3", "INC1"]),
    ("diagnosis.relapsed", ["EXC6", "INC1"]),
    ("patient.down_syndrome", ["EXC5"]),
    ("diagnosis.prior_steroids", ["EXC7"]),
    ("diagnosis.prior_chemotherapy", ["EXC7"]),
    ("diagnosis.date", ["EXC4", "INC2"]),
]


@pytest.mark.parametrize("how", ["null", "absent"])
@pytest.mark.parametrize(("path", "missing"), MISSING)
def test_each_unknown_criterion_is_missing(path: str, missing: list[str], how: str) -> None:
    result = eligibility({path: None if how == "null" else DELETE})
    assert result["status"] == "incomplete"
    assert result["failed"] == []
    assert result["missing"] == missing


def test_kmt2a_pending_is_missing_not_failed() -> None:
    result = eligibility({"diagnosis.kmt2a": "pending"})
    assert (result["status"], result["failed"], result["missing"]) == ("incomplete", [], ["EXC1", "INC1"])


@pytest.mark.parametrize("how", ["null", "absent"])
def test_no_diagnosis_section_means_everything_about_it_is_missing(how: str) -> None:
    result = eligibility({"diagnosis": None if how == "null" else DELETE})
    assert result["status"] == "incomplete"
    assert result["missing"] == ["EXC1", "EXC2", "EXC3", "EXC4", "EXC6", "EXC7", "INC1", "INC2", "INC3"]


def test_null_and_absent_give_the_same_evaluation() -> None:
    fields = ["diagnosis.consent", "diagnosis.relapsed", "patient.down_syndrome", "diagnosis.wbc",
              "diagnosis.kmt2a", "prednisone_response"]
    as_null = run(edit(base_case(), dict.fromkeys(fields)))
    as_absent = run(edit(base_case(), dict.fromkeys(fields, DELETE)))
    assert as_null == as_absent


def test_a_failure_wins_over_missing_and_both_are_listed() -> None:
    result = eligibility({"patient.down_syndrome": True, "diagnosis.consent": None})
    assert (result["status"], result["failed"], result["missing"]) == ("ineligible", ["EXC5"], ["INC3"])


def test_ineligible_patient_still_gets_the_rest_of_the_evaluation() -> None:
    data = edit(base_case(), {
        "patient.date_of_birth": "2025-01-01", "diagnosis.date": "2026-02-01",  # 396 days
        "end_of_induction": {"date": "2026-03-05", "marrow": "M2", "cns": "CNS1"},
        "blinatumomab_checklist": {"cd19_positive": True, "cns1_at_eoi": True,
                                   "hypersensitivity": False, "live_vaccine_28d": False},
        "blinatumomab": [{"cycle": 1, "start_date": "2026-03-07", "weight_kg": 9.0, "height_cm": 74.0}],
    })
    result = run(data)
    assert result["eligibility"]["status"] == "ineligible"
    assert result["eligibility"]["failed"] == ["EXC4", "INC2"]
    assert result["age_at_diagnosis_days"] == 396
    # older than 6 months → MR; marrow M2 at the end of induction → HR (R-EOI-CR)
    assert result["risk"]["at_diagnosis"] == "MR"
    assert result["risk"]["current"] == "HR"
    assert result["decisions"]["blinatumomab_1"] is True
    assert len(result["blinatumomab_orders"]) == 1
    assert [s["dose_mcg_per_m2_day"] for s in result["blinatumomab_orders"][0]["steps"]] == [5, 15]


def test_each_criterion_carries_its_rule_text_and_source() -> None:
    from interfant_desktop.protocol import load_protocol

    protocol = load_protocol()
    criteria = run(base_case())["eligibility"]["criteria"]
    ids = [c["id"] for c in criteria]
    assert sorted(ids) == ["EXC1", "EXC2", "EXC3", "EXC4", "EXC5", "EXC6", "EXC7", "INC1", "INC2", "INC3"]
    for c in criteria:
        assert c["text"] == protocol.rule(c["id"]).text
        assert c["source"] == "S1"
