"""RULES.md "Treatment roadmap": phase order and statuses for the MR and HR paths, with
exactly one current phase once diagnosed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.protocol.builders import (
    DELETE,
    base_case,
    case,
    edit,
    hr_at_diagnosis,
    mr_after_induction,
    mrd,
    phases,
    pnq,
    run,
    with_mrd,
)

MR_PATH = ["prephase", "induction", "blinatumomab_1", "consolidation", "marma", "blinatumomab_2",
           "octadad", "maintenance"]
HR_PATH = ["prephase", "induction", "blinatumomab_1", "investigational_window", "hsct"]
STATUSES = {"done", "current", "planned", "skipped", "not_applicable"}


def test_every_phase_is_listed_once_in_protocol_order() -> None:
    names = [p["phase"] for p in run(base_case())["roadmap"]]
    assert sorted(names) == sorted(set(MR_PATH) | set(HR_PATH))
    mr_order = [n for n in names if n in MR_PATH]
    hr_order = [n for n in names if n in HR_PATH]
    assert mr_order == MR_PATH and hr_order == HR_PATH


def test_diagnosed_without_prednisone_response_is_in_the_prephase() -> None:
    status = phases(run(case(prednisone_response=DELETE)))
    assert status["prephase"] == "current"
    assert status["induction"] == status["blinatumomab_1"] == "planned"


def test_hr_at_diagnosis_in_induction() -> None:
    status = phases(run(case(prednisone_response__blasts_per_uL=4000)))
    trunk = (status["prephase"], status["induction"], status["blinatumomab_1"])
    assert trunk == ("done", "current", "planned")
    assert status["investigational_window"] == "planned" and status["hsct"] == "planned"
    for phase in ("consolidation", "marma", "blinatumomab_2", "octadad", "maintenance"):
        assert status[phase] == "not_applicable"


def test_mr_in_induction() -> None:
    status = phases(run(base_case()))
    assert (status["prephase"], status["induction"]) == ("done", "current")
    for phase in MR_PATH[2:]:
        assert status[phase] == "planned"
    assert status["investigational_window"] == status["hsct"] == "not_applicable"


def test_mr_with_mrd_below_0_01_after_cycle_1_goes_to_consolidation_then_blinatumomab_2() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    status = phases(run(data))
    assert [status[p] for p in MR_PATH] == ["done", "done", "done", "current", "skipped", "planned",
                                            "planned", "planned"]
    assert status["investigational_window"] == status["hsct"] == "not_applicable"


def test_mr_after_consolidation_with_blinatumomab_2() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                    mrd("end_of_consolidation", "2026-07-01", "undetectable"))
    status = phases(run(data))
    assert status["consolidation"] == "done"
    assert status["marma"] == "skipped"
    assert status["blinatumomab_2"] == "current"


def test_mr_reallocated_to_hr_after_cycle_1_skips_the_mr_branch() -> None:
    data = with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", 0.3))
    status = phases(run(data))
    assert [status[p] for p in HR_PATH] == ["done", "done", "done", "current", "planned"]
    for phase in ("consolidation", "marma", "blinatumomab_2", "octadad", "maintenance"):
        assert status[phase] in ("skipped", "not_applicable")


def test_hr_eligible_for_hsct_skips_the_investigational_window() -> None:
    data = with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))
    status = phases(run(data))
    assert [status[p] for p in HR_PATH] == ["done", "done", "done", "skipped", "current"]


def test_hr_with_mrd_at_or_above_0_01_is_in_the_investigational_window() -> None:
    data = with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", 0.01))
    status = phases(run(data))
    assert status["investigational_window"] == "current"
    assert status["hsct"] == "planned"


def test_no_current_phase_before_diagnosis() -> None:
    result = run(case(diagnosis__date=DELETE, prednisone_response=DELETE))
    assert [p["phase"] for p in result["roadmap"] if p["status"] == "current"] == []


def with_cycle_2(data: dict[str, Any]) -> dict[str, Any]:
    data = edit(data, {})
    data["blinatumomab"].append({"cycle": 2, "start_date": "2026-08-01", "weight_kg": 7.0, "height_cm": 67.0})
    return data


SCENARIOS: dict[str, Any] = {
    "no prednisone response": lambda: case(prednisone_response=DELETE),
    "MR at diagnosis": base_case,
    "HR at diagnosis": lambda: case(prednisone_response__blasts_per_uL=4000),
    "WBC 300 review": lambda: case(diagnosis__wbc__value=300),
    "age boundary review": lambda: case(patient__date_of_birth="2025-09-01", diagnosis__date="2026-03-01"),
    "MR end of induction": lambda: mr_after_induction(0.01),
    "MR EOI split review": lambda: mr_after_induction(pnq(0.5)),
    "MR EOI MRD review": lambda: mr_after_induction(pnq(3)),
    "MR to HR at EOI": lambda: mr_after_induction(1),
    "MR B1 exactly 0.01": lambda: with_mrd(mr_after_induction(0.01),
                                           mrd("after_blinatumomab_1", "2026-05-02", 0.01)),
    "MR B1 below": lambda: with_mrd(mr_after_induction(0.01),
                                    mrd("after_blinatumomab_1", "2026-05-02", "undetectable")),
    "MR B1 above": lambda: with_mrd(mr_after_induction(0.01),
                                    mrd("after_blinatumomab_1", "2026-05-02", 0.2)),
    "MR checklist failed": lambda: mr_after_induction(0.01, blinatumomab_checklist__cd19_positive=False),
    "HR checklist failed": lambda: hr_at_diagnosis(blinatumomab_checklist__cd19_positive=False),
    "HR hsct review": lambda: with_mrd(hr_at_diagnosis(),
                                       mrd("after_blinatumomab_1", "2026-05-02", pnq(0.5))),
    "HR hsct": lambda: with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", "undetectable")),
    "MR cycle 2 started": lambda: with_cycle_2(with_mrd(
        mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))),
    "MR EOI review, checklist failed": lambda: mr_after_induction(
        pnq(3), blinatumomab_checklist__cd19_positive=False),
    "MR after cycle 2": lambda: with_mrd(mr_after_induction(0.01),
                                         mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                                         mrd("after_blinatumomab_2", "2026-09-01", "undetectable")),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_exactly_one_current_phase_once_diagnosed(name: str) -> None:
    result = run(SCENARIOS[name]())
    assert {p["status"] for p in result["roadmap"]} <= STATUSES
    current = [p["phase"] for p in result["roadmap"] if p["status"] == "current"]
    assert len(current) == 1, (name, phases(result))
    assert result["current_phase"] == current[0]


@pytest.mark.parametrize("name", SCENARIOS)
def test_done_phases_come_before_the_current_one(name: str) -> None:
    result = run(SCENARIOS[name]())
    statuses = [p["status"] for p in result["roadmap"] if p["phase"] in ("prephase", "induction",
                                                                          "blinatumomab_1")]
    if "current" in statuses:
        assert "done" not in statuses[statuses.index("current"):]
