"""Fictitious cases for the infusion record tests (interruptions and toxicity).

``infusion_case()`` is an MR infant in blinatumomab cycle 1 started 2026-04-04 at
10:00 (6.4 kg, 64 cm: BSA 0.337 m², so 5 mcg/m²/day = 1.69 mcg/day and
dexamethasone 5 mg/m² = 1.7 mg).
"""

from __future__ import annotations

from typing import Any

from tests.protocol.builders import mr_after_induction

START = "2026-04-04T10:00"
BSA = 0.337


def infusion_case(marrow: str = "M1", interruptions: list[dict[str, Any]] | None = None,
                  toxicity: list[dict[str, Any]] | None = None, cycle: int = 1) -> dict[str, Any]:
    data = mr_after_induction(0.01, marrow)
    data["blinatumomab"][0].update({"start_time": "10:00", "bag_hours": 24,
                                    "interruptions": interruptions or []})
    if cycle == 2:
        data["blinatumomab"].append({"cycle": 2, "start_date": "2026-06-01", "start_time": "09:00",
                                     "weight_kg": 7.0, "height_cm": 66.0,
                                     "interruptions": interruptions or []})
        data["blinatumomab"][0]["interruptions"] = []
    data["toxicity"] = toxicity or []
    return data


def stop(stopped: str, restarted: str | None, reason: str = "crs") -> dict[str, Any]:
    return {"stopped": stopped, "restarted": restarted, "reason": reason}


def crs(temperature: float | None = 37.0, antipyretic: bool | None = False, hypotension: bool | None = False,
        vasopressors: int | None = 0, vasopressin: bool | None = False,
        oxygen: str | None = "none") -> dict[str, Any]:
    return {"temperature_c": temperature, "antipyretic_or_anticytokine_given": antipyretic,
            "hypotension": hypotension, "vasopressors": vasopressors, "vasopressin": vasopressin,
            "oxygen": oxygen}


def icans(capd: int | None = 0, sedated: bool | None = False, consciousness: str | None = "alert",
          seizure: str | None = "none", motor: str | None = "none",
          cerebral_oedema: str | None = "none") -> dict[str, Any]:
    return {"capd": capd, "sedated": sedated, "consciousness": consciousness, "seizure": seizure,
            "motor": motor, "cerebral_oedema": cerebral_oedema}


def assessment(at: str, crs_obs: dict[str, Any] | None = None, icans_obs: dict[str, Any] | None = None,
               other: dict[str, Any] | None = None, seizures: int | None = 0,
               cycle: int = 1) -> dict[str, Any]:
    return {"at": at, "cycle": cycle, "crs": crs_obs if crs_obs is not None else crs(),
            "icans": icans_obs if icans_obs is not None else icans(), "other": other,
            "seizures_this_treatment": seizures}
