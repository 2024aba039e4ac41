"""Export after import gives back the same JSON value, on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from interfant_desktop.services.patients import export_case, import_case
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import shared_cases

DOC: CurrentUser  # signed in by _accounts


@pytest.fixture(autouse=True)
def _accounts(users: dict[str, CurrentUser]) -> None:
    """DOC's account exists (every service call re-checks it)."""
    global DOC
    DOC = users["doc"]
CASES = shared_cases()


def test_there_are_shared_cases_to_test() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("name,data", CASES, ids=[n for n, _ in CASES])
def test_every_shared_case_round_trips(store: Store, name: str, data: dict[str, Any]) -> None:
    original = copy.deepcopy(data)
    record = import_case(store, DOC, data, source=name)
    assert record.case_json == original
    assert export_case(store, DOC, record.study_id) == original


def test_null_absent_and_empty_are_kept_apart(store: Store) -> None:
    data = {
        "format": "interfant-case/1",
        "patient": {"study_id": "NULLS-1", "date_of_birth": "2026-01-05", "name": None,
                    "hospital_number": "H 1", "sex": None},
        "diagnosis": {"date": "2026-02-01", "wbc": None, "kmt2a": "pending",
                      "relapsed": None, "consent": True},
        "prednisone_response": None,
        "end_of_induction": {},
        "mrd": [],
        "blinatumomab_checklist": {"cd19_positive": None},
        "blinatumomab": None,
    }
    import_case(store, DOC, copy.deepcopy(data))
    assert export_case(store, DOC, "NULLS-1") == data


def test_every_mrd_result_form_and_all_cycle_fields_round_trip(store: Store) -> None:
    data = {
        "format": "interfant-case/1",
        "patient": {"study_id": "MRD-1", "date_of_birth": "2025-12-01", "name": "Ελένη Π.",
                    "hospital_number": "さくら 7"},
        "diagnosis": {"date": "2026-01-10", "wbc": {"value": 12500, "unit": "/uL"}},
        "mrd": [
            {"timepoint": "end_of_induction", "date": "2026-02-10",
             "result": {"percent": 0.031}, "method": "PCR", "laboratory": "Lab A"},
            {"timepoint": "after_blinatumomab_1", "date": "2026-03-10",
             "result": "undetectable", "method": None},
            {"timepoint": "pre_hsct", "date": "2026-04-10",
             "result": {"positive_not_quantifiable": True, "quantitative_range_percent": 0.01}},
        ],
        "blinatumomab": [
            {"cycle": 1, "start_date": "2026-02-12", "weight_kg": 6.4, "height_cm": 64.0,
             "weight_date": "2026-02-11", "height_date": "2026-02-11", "bsa_formula": "haycock"},
            {"cycle": 2, "start_date": "2026-04-12", "weight_kg": 7.1, "height_cm": 66.5,
             "bsa_formula": None},
        ],
    }
    import_case(store, DOC, copy.deepcopy(data))
    assert export_case(store, DOC, "MRD-1") == data
