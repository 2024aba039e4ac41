"""The history's stored JSON values read into typed values (services.history_values)."""

from __future__ import annotations

from interfant_desktop.protocol.case import MrdResult
from interfant_desktop.services.clinical import AllergyStatus
from interfant_desktop.services.history_values import (
    ImportedCase,
    MrdValue,
    OrderStatusValue,
    WbcValue,
    fact_value,
    imported_case,
)


def test_each_compound_fact_becomes_its_typed_value() -> None:
    assert fact_value("mrd", {"timepoint": "end_of_induction", "date": "2026-03-25",
                              "result": {"percent": 0.03}}) == \
        MrdValue("end_of_induction", "2026-03-25", MrdResult("percent", percent=0.03), True)
    assert fact_value("mrd", {"date": "2026-03-25", "result": "undetectable"}).result == \
        MrdResult("undetectable")
    pnq = fact_value("mrd", {"result": {"positive_not_quantifiable": True,
                                        "quantitative_range_percent": 0.01}})
    assert pnq.result == MrdResult("pnq", qr_percent=0.01) and pnq.timepoint is None
    unreadable = fact_value("mrd", {"result": {"something": 1}})
    assert unreadable.result is None and unreadable.result_recorded
    assert not fact_value("mrd", {"date": "2026-03-25"}).result_recorded
    assert fact_value("diagnosis.wbc", {"value": 120.0, "unit": "10^9/L"}) == WbcValue(120.0, "10^9/L")
    assert fact_value("diagnosis.wbc", {"unit": "/uL"}) == WbcValue(None, "/uL")
    assert fact_value("status", {"status": "signed", "cycle": 2}) == OrderStatusValue("signed", 2)
    assert fact_value("allergies", {"no_known_allergies": False, "allergies": "latex"}) == \
        AllergyStatus(False, "latex")


def test_leaves_and_other_objects_are_returned_as_they_are() -> None:
    assert fact_value("diagnosis.lineage", "B-ALL") == "B-ALL"
    assert fact_value("mrd", None) is None
    assert fact_value("toxicity", {"cycle": 1}) == {"cycle": 1}


def test_an_import_says_which_sections_the_file_held() -> None:
    case = {"format": "interfant-case/1", "patient": {"study_id": "S-1"},
            "end_of_induction": {"marrow": "M1"}, "diagnosis": {"lineage": "B-ALL"},
            "prednisone_response": {}, "mrd": [{}, {}, {}]}
    assert imported_case(case) == ImportedCase(("diagnosis", "end_of_induction"), 3, 0)
    assert imported_case("not a case") is None
