"""Doses printed beside the blinatumomab order, in mg and mcg for this patient (S4).

A nurse at 3 am must not read "5 mg/m² (maximum 8 mg)" and give 8 mg to a 2.5 kg infant:
the CRS rescue dexamethasone and the restart dose after an adverse reaction are computed
here from the cycle's printed BSA (D11) and printed as the patient's dose, with the per-m²
figure only beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import round_half_up
from interfant_desktop.protocol.quick_init import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class PatientDoses:
    """CRS rescue dexamethasone and the restart dose for one cycle's BSA."""

    source: str
    crs_dexamethasone_mg_per_m2: float
    crs_dexamethasone_max_mg: float
    crs_dexamethasone_mg: float
    crs_dexamethasone_capped: bool
    crs_dexamethasone_when: str
    restart_mcg_per_m2_day: float
    restart_mcg_per_day: float
    restart_cap_mcg_per_day: float | None
    restart_capped: bool
    restart_when: str
    premedication_route: str
    premedication_window: str

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "crs_dexamethasone": {
                "mg_per_m2": self.crs_dexamethasone_mg_per_m2, "max_mg": self.crs_dexamethasone_max_mg,
                "dose_mg": self.crs_dexamethasone_mg, "capped": self.crs_dexamethasone_capped,
                "when": self.crs_dexamethasone_when},
            "restart": {
                "mcg_per_m2_day": self.restart_mcg_per_m2_day,
                "dose_mcg_per_day": self.restart_mcg_per_day,
                "cap_mcg_per_day": self.restart_cap_mcg_per_day, "capped": self.restart_capped,
                "when": self.restart_when},
            "premedication_route": self.premedication_route,
            "premedication_window": self.premedication_window,
        }


def patient_doses(bsa_m2: float, weight_kg: float, protocol: Protocol) -> PatientDoses:
    """The rescue and restart doses for a patient of ``bsa_m2`` (printed BSA) and weight."""
    return _patient_doses(bsa_m2, weight_kg < float(protocol.dosing["low_weight_limit_kg"]), protocol)


@lru_cache(maxsize=4096)  # pure and immutable; the weight counts only as below the limit or not
def _patient_doses(bsa_m2: float, low_weight: bool, protocol: Protocol) -> PatientDoses:
    sheet = protocol.order_sheet
    rescue = sheet["crs_dexamethasone"]
    dex_raw = float(rescue["mg_per_m2"]) * bsa_m2
    dex_max = float(rescue["max_mg"])
    per_m2 = float(sheet["restart_mcg_per_m2_day"])
    cap = None
    if low_weight:
        cap = next((float(c["max_mcg_per_day"]) for c in protocol.dosing["caps_mcg_per_day"]
                    if float(c["mcg_per_m2_day"]) == per_m2), None)
    restart_raw = per_m2 * bsa_m2
    restart_capped = cap is not None and restart_raw > cap
    restart = cap if restart_capped and cap is not None else restart_raw
    return PatientDoses(
        source=str(sheet["source"]),
        crs_dexamethasone_mg_per_m2=float(rescue["mg_per_m2"]), crs_dexamethasone_max_mg=dex_max,
        crs_dexamethasone_mg=round_half_up(min(dex_raw, dex_max), int(rescue.get("dose_decimals", 1))),
        crs_dexamethasone_capped=dex_raw > dex_max, crs_dexamethasone_when=str(rescue.get("when", "")),
        restart_mcg_per_m2_day=per_m2,
        restart_mcg_per_day=round_half_up(restart, int(protocol.dosing["dose_decimals"])),
        restart_cap_mcg_per_day=cap, restart_capped=restart_capped,
        restart_when=str(sheet.get("restart_when", "")),
        premedication_route=str(sheet.get("premedication_route", "IV")),
        premedication_window=str(sheet.get("premedication_window", "")))
