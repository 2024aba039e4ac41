"""Fictitious case files for order tests, with numbers that are easy to check by hand.

Weight 8 kg and height 72 cm give a Mosteller BSA of √(72 × 8 / 3600) = √0.16 = 0.4 m²
exactly: 15 mcg/m²/day -> 6 mcg/day, 5 mcg/m²/day -> 2 mcg/day, dexamethasone
5 mg/m² -> 2 mg, a 24 hour bag at 10 mL/h -> 240 mL/day = 30 mL/kg/day.
Cycle 2 at 9 kg and 81 cm gives √(81 × 9 / 3600) = 0.45 m² -> 6.75 mcg/day, and a
weight change of +12.5 % since cycle 1 (above the 10 % limit).
"""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {
    "format": "interfant-case/1",
    "patient": {"study_id": "TEST-ORD-01", "name": "Zoë van der Berg",
                "hospital_number": "0099001", "date_of_birth": "2025-09-01",
                "sex": "female", "down_syndrome": False},
    "diagnosis": {"date": "2026-04-15", "lineage": "B-ALL", "kmt2a": "rearranged",
                  "kmt2a_partner": "AFF1", "relapsed": False,
                  "wbc": {"value": 120, "unit": "10^9/L"}, "prior_steroids": False,
                  "prior_chemotherapy": False, "consent": True},
    "prednisone_response": {"date": "2026-04-22", "blasts_per_uL": 200},
    "end_of_induction": {"date": "2026-05-17", "marrow": "M1", "cns": "CNS1"},
    "mrd": [{"timepoint": "end_of_induction", "date": "2026-05-17", "result": {"percent": 0.02}},
            {"timepoint": "after_blinatumomab_1", "date": "2026-06-16",
             "result": "undetectable"}],
    "blinatumomab_checklist": {"cd19_positive": True, "cns1_at_eoi": True,
                               "hypersensitivity": False, "live_vaccine_28d": False},
    "blinatumomab": [{"cycle": 1, "start_date": "2026-05-19", "start_time": "10:00",
                      "weight_kg": 8, "height_cm": 72,
                      "weight_date": "2026-05-18", "height_date": "2026-05-18"}],
}

CYCLE2 = {"cycle": 2, "start_date": "2026-08-03", "start_time": "10:00", "weight_kg": 9,
          "height_cm": 81,
          "weight_date": "2026-08-01", "height_date": "2026-08-01"}


def case(marrow: str = "M1", cycle2: bool = False, name: str | None = "Zoë van der Berg",
         **patches: Any) -> dict[str, Any]:
    """A deep copy of the base case with the marrow, an optional cycle 2 and patches.

    ``patches`` replace top-level sections (``blinatumomab_checklist={...}``); a value of
    ``None`` removes the section.
    """
    data = copy.deepcopy(BASE)
    data["end_of_induction"]["marrow"] = marrow
    if name is None:
        data["patient"].pop("name")
    else:
        data["patient"]["name"] = name
    if cycle2:
        data["blinatumomab"].append(dict(CYCLE2))
    for key, value in patches.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
