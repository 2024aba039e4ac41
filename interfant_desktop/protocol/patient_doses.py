"""Per-m² doses turned into the amount for this patient (D11: from the printed BSA).

One function for every "X per m², max Y, rounded to Z" figure of the infusion record:
the dexamethasone before a restart (5 mg/m², max 20 mg), the dexamethasone of the
label's CRS actions (5 mg/m², max 8 mg) and the restart dose after a toxicity
(5 mcg/m²/day, max 9 mcg/day below 45 kg).
"""

from __future__ import annotations

from dataclasses import dataclass

from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import round_half_up
from interfant_desktop.protocol.quick_init import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class PatientDose:
    """``per_m2`` × ``bsa_m2`` capped at ``cap`` and rounded (half-up) to ``decimals``."""

    per_m2: float
    bsa_m2: float
    cap: float | None
    decimals: int
    calculated: float  # per_m2 × BSA, rounded to ``decimals`` before the cap
    amount: float  # what is given, after the cap
    capped: bool

    def describe(self, unit: str, per: str = "") -> str:
        """``5 mg/m² × 0.276 m² = 1.4 mg`` (with the cap when it applied)."""
        text = (f"{self.per_m2:g} {unit}/m²{per} × {self.bsa_m2:g} m² = "
                f"{self.calculated:.{self.decimals}f} {unit}{per}")
        if self.capped and self.cap is not None:
            text += f", capped at {self.cap:g} {unit}{per}: {self.amount:.{self.decimals}f} {unit}{per}"
        return text

    @property
    def shown(self) -> str:
        """The amount as printed, to its decimals (``2.0``, ``1.38``)."""
        return f"{self.amount:.{self.decimals}f}"

    @property
    def per_m2_number(self) -> int | float:
        """The per-m² figure as the protocol file writes it (``5``, not ``5.0``)."""
        return int(self.per_m2) if self.per_m2.is_integer() else self.per_m2


def patient_dose(per_m2: float, bsa_m2: float, cap: float | None, decimals: int) -> PatientDose:
    """The dose for this patient from the printed BSA, capped and rounded as D11 says."""
    raw = per_m2 * bsa_m2
    capped = cap is not None and raw > cap
    amount = cap if capped and cap is not None else raw
    return PatientDose(per_m2, bsa_m2, cap, decimals, round_half_up(raw, decimals),
                       round_half_up(amount, decimals), capped)


def daily_cap(protocol: Protocol, mcg_per_m2_day: float, weight_kg: float) -> float | None:
    """The label's mcg/day cap for this dose level below the low-weight limit (R-DOSE-CAP)."""
    dosing = protocol.dosing
    if weight_kg >= float(dosing["low_weight_limit_kg"]):
        return None
    for cap in dosing["caps_mcg_per_day"]:
        if float(cap["mcg_per_m2_day"]) == mcg_per_m2_day:
            return float(cap["max_mcg_per_day"])
    return None


def restart_premedication(protocol: Protocol, bsa_m2: float) -> PatientDose:
    """Dexamethasone before a restart after ≥ 4 h in cycle 1 (R-PREMED: 5 mg/m², max 20 mg)."""
    premed = protocol.dosing["premedication"]
    return patient_dose(float(premed["mg_per_m2"]), bsa_m2, float(premed["max_mg"]),
                        int(premed["dose_decimals"]))
