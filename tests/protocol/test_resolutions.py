"""RULES.md: what no source settles is a review; the clinician decides, and the decision
(with its reason) then settles the item and shows in the evaluation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.protocol.builders import case, hr_at_diagnosis, mr_after_induction, mrd, pnq, run, with_mrd

OPEN = {
    "WBC exactly 300": lambda: case(diagnosis__wbc__value=300),
    "6-month birthday": lambda: case(patient__date_of_birth="2025-09-01", diagnosis__date="2026-03-01",
                                     prednisone_response__blasts_per_uL=2000),
    "B1 MRD exactly 0.01": lambda: with_mrd(mr_after_induction(0.01),
                                            mrd("after_blinatumomab_1", "2026-05-02", 0.01)),
    "EOI PNQ above 1 %": lambda: mr_after_induction(pnq(3)),
    "EOI PNQ split": lambda: mr_after_induction(pnq(0.5)),
    "HSCT PNQ": lambda: with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", pnq(0.2))),
}


def single_item(data: dict[str, Any]) -> dict[str, Any]:
    """The one question that keeps the MR/HR group open (or the only question). A result
    that cannot be placed against either end-of-induction threshold also leaves the
    split open: that question is listed too (D2: never dropped), after the group's."""
    result = run(data)
    group = [q for q in result["review"] if q["rule"] != "R-EOI-SPLIT"] or result["review"]
    assert len(group) == 1, result["review"]
    return group[0]


@pytest.mark.parametrize("name", OPEN)
def test_each_option_settles_the_review_item(name: str) -> None:
    data = OPEN[name]()
    item = single_item(data)
    assert len(item["options"]) >= 2
    for option in item["options"]:
        result = run(data, resolutions={item["id"]: option})
        assert item["id"] not in [q["id"] for q in result["review"]]
        assert any(option in r["detail"] and r["rule"] == item["rule"] for r in result["resolved_reviews"])


def test_wbc_boundary_decided_hr() -> None:
    data = OPEN["WBC exactly 300"]()
    item = single_item(data)
    hr = run(data, resolutions={item["id"]: "HR"})["risk"]
    mr = run(data, resolutions={item["id"]: "MR"})["risk"]
    assert (hr["at_diagnosis"], hr["current"], hr["status"]) == ("HR", "HR", "final")
    assert (mr["at_diagnosis"], mr["current"], mr["status"]) == ("MR", "MR", "final")


def test_age_boundary_decided() -> None:
    data = OPEN["6-month birthday"]()
    item = single_item(data)
    assert item["rule"] == "R-DX-AGE-BOUNDARY"
    assert run(data, resolutions={item["id"]: "HR"})["risk"]["current"] == "HR"
    assert run(data, resolutions={item["id"]: "MR"})["risk"]["current"] == "MR"


def test_b1_boundary_decided() -> None:
    data = OPEN["B1 MRD exactly 0.01"]()
    item = single_item(data)
    to_hr = run(data, resolutions={item["id"]: "HR"})
    assert to_hr["risk"]["current"] == "HR"
    assert to_hr["decisions"]["blinatumomab_2"] is False
    stay = run(data, resolutions={item["id"]: "MR"})
    assert stay["risk"]["current"] == "MR"
    assert stay["decisions"]["blinatumomab_2"] is True


def test_hsct_review_decided() -> None:
    data = OPEN["HSCT PNQ"]()
    item = single_item(data)
    decided = {run(data, resolutions={item["id"]: o})["decisions"]["hsct_eligible"] for o in item["options"]}
    assert decided == {True, False}


def test_unknown_option_or_id_leaves_the_item_open() -> None:
    data = OPEN["WBC exactly 300"]()
    item = single_item(data)
    for resolutions in ({item["id"]: "maybe"}, {"no.such.question": "HR"}, {}):
        result = run(data, resolutions=resolutions)
        assert [q["id"] for q in result["review"]] == [item["id"]]
        assert result["risk"]["status"] == "review"


def test_review_ids_are_stable_between_evaluations() -> None:
    data = OPEN["B1 MRD exactly 0.01"]()
    assert single_item(data)["id"] == single_item(data)["id"]


def test_eoi_pnq_decided_mr_then_asks_the_split_question() -> None:
    # QR 3 %: not placeable against 1 % (R-EOI-MRD) nor against 0.05 % (R-EOI-SPLIT)
    data = OPEN["EOI PNQ above 1 %"]()
    item = single_item(data)
    assert item["rule"] == "R-EOI-MRD"
    assert [q["rule"] for q in run(data)["review"]] == ["R-EOI-MRD", "R-EOI-SPLIT"]
    assert run(data, resolutions={item["id"]: "HR"})["review"] == []
    stay = run(data, resolutions={item["id"]: "MR"})
    assert [q["rule"] for q in stay["review"]] == ["R-EOI-SPLIT"]
    split = stay["review"][0]
    done = run(data, resolutions={item["id"]: "MR", split["id"]: "MR-high"})
    assert done["review"] == []
    assert (done["risk"]["current"], done["risk"]["subgroup"]) == ("MR", "MR-high")
