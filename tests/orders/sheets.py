"""Hand-made order sheets for fictitious patients (renderer tests, benchmark, previews).

The numbers here are worked by hand from RULES.md (Mosteller BSA, caps for < 45 kg)
so the renderer can be tested without the engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from interfant_desktop.orders import (
    Allergies,
    Bag,
    BagMakeUp,
    BagPreparation,
    Clinical,
    DocumentInfo,
    DoseStep,
    Drug,
    FluidCheck,
    Measurements,
    MonitoringItem,
    OrderSheet,
    OrderStatus,
    PatientDose,
    PatientIdentity,
    Premedication,
    PremedTime,
    RuleRef,
    ScheduledBag,
    Signature,
    Treatment,
    WeightChange,
)

AMS = ZoneInfo("Europe/Amsterdam")
PRINTED = dt.datetime(2026, 4, 2, 14, 5, tzinfo=AMS)
START = dt.date(2026, 4, 3)
START_AT = dt.datetime(2026, 4, 3, 10, 0)

#: Bag make-up worked by hand (RULES.md "Preparing the bag", B = 275.5 mL, I = 240 mL):
#: D = 5.07 mcg: v = 5.07 × 275.5 / (240 × 12.5 − 5.07) = 0.4664 -> 0.47 mL, 5.875 -> 5.88 mcg
#: in 275.97 mL; D = 1.69: v = 0.1553 -> 0.16 mL, 2 mcg in 275.66 mL; D = 5.6: v = 0.5152 ->
#: 0.52 mL, 6.5 mcg in 276.02 mL.
MAKE_UP = {
    5.07: BagMakeUp(270, 5.5, 0.47, 0.4664, 5.88, 275.97, 240, 35.97, 0.02131, 1, False),
    1.69: BagMakeUp(270, 5.5, 0.16, 0.1553, 2.0, 275.66, 240, 35.66, 0.00726, 1, False),
    5.6: BagMakeUp(270, 5.5, 0.52, 0.5152, 6.5, 276.02, 240, 36.02, 0.02355, 1, False),
}
PREPARATION = BagPreparation(35, 3, 12.5, 2.8, 270, 5.5, 0.1, False,
                             "preparation figures not yet verified at this site",
                             RuleRef("R-BAG-PREP", "Bag make-up (label)", "S4"))


def daily_bags(doses: tuple[tuple[int, int, float, float], ...],
               start: dt.datetime = START_AT) -> tuple[ScheduledBag, ...]:
    """24-hour bags for (first day, last day, mcg/m²/day, mcg/day) steps."""
    bags = []
    for first, last, per_m2, dose in doses:
        for day in range(first, last + 1):
            hang = start + dt.timedelta(days=day - 1)
            bags.append(ScheduledBag(len(bags) + 1, hang, hang + dt.timedelta(hours=24), 24, day,
                                     day, per_m2, dose, dose, 10, MAKE_UP[dose]))
    return tuple(bags)


def patient_doses(dex_mg: float, restart_mcg: float) -> tuple[PatientDose, ...]:
    return (PatientDose("CRS grade 3 or 4: rescue", "dexamethasone", dex_mg, "mg",
                        "5 mg/m², maximum 8 mg", "every 8 hours for up to 3 days", 1),
            PatientDose("Restart dose after a grade 3 reaction", "blinatumomab", restart_mcg,
                        "mcg/day", "5 mcg/m²/day, not above 9 mcg/day", "once resolved"))

HANDLING = (
    "Use a programmable, lockable, non-elastomeric infusion pump with an alarm.",
    "Use IV tubing with a sterile, non-pyrogenic, low protein-binding 0.2 micron in-line filter.",
    "Do NOT flush the blinatumomab line, especially when changing bags (risk of overdose).",
)
MONITORING = (
    MonitoringItem("Cytokine release syndrome (CRS)",
                   ("Grade 3: interrupt; dexamethasone 5 mg/m² (maximum 8 mg) every 8 hours "
                    "for up to 3 days, then taper over 4 days; restart at 5 mcg/m²/day when "
                    "resolved, escalate to 15 mcg/m²/day after 7 days if it does not recur.",
                    "Grade 4: stop blinatumomab permanently."),
                   "S4 BLINCYTO label, patients < 45 kg"),
    MonitoringItem("Neurological toxicity",
                   ("Seizure: stop permanently if more than one seizure occurs.",
                    "Grade 3: withhold until no more than grade 1 for at least 3 days, "
                    "restart at 5 mcg/m²/day, escalate to 15 mcg/m²/day after 7 days; stop "
                    "permanently if it occurred at 5 mcg/m²/day or took more than 7 days to "
                    "resolve.",
                    "Grade 4: stop blinatumomab permanently."),
                   "S4 BLINCYTO label, patients < 45 kg"),
)


def step(first: int, last: int, per_m2: float, calculated: float, final: float,
         cap: float, start: dt.date = START) -> DoseStep:
    """A dose step whose dates follow from the cycle's start date."""
    return DoseStep(first, last, start + dt.timedelta(days=first - 1),
                    start + dt.timedelta(days=last - 1), per_m2, calculated, final, cap,
                    capped=final < calculated,
                    cap_rule=f"not above {cap:g} mcg/day at {per_m2:g} mcg/m²/day, patients < 45 kg")


def m1_sheet(name: str = "Zoë van der Berg") -> OrderSheet:
    """Cycle 1, M1 marrow: 15 mcg/m²/day days 1–28. 6.4 kg, 64 cm -> BSA 0.338 m²."""
    return OrderSheet(
        patient=PatientIdentity("NL-0042", dt.date(2025, 11, 3), name, "0048213"),
        allergies=Allergies(recorded=True, items=(), blinatumomab_hypersensitivity=False),
        clinical=Clinical(
            "B-ALL, KMT2A rearranged (AFF1)", dt.date(2026, 3, 1), "MR", "final", "MR-low",
            (RuleRef("R-DX-MR", "Diagnosed > 6 months: MR", "S1"),), "eligible"),
        treatment=Treatment(1, "Blinatumomab cycle 1 (after induction)", 1, 28, START,
                            START + dt.timedelta(days=27), START_AT,
                            START_AT + dt.timedelta(hours=672)),
        measurements=Measurements(6.4, dt.date(2026, 4, 1), 64.0, dt.date(2026, 4, 1),
                                  0.338, 0.33731, "Mosteller √(height cm × weight kg / 3600)", 3),
        drug=Drug("blinatumomab", "continuous IV infusion", "M1",
                  (step(1, 28, 15, 5.07, 5.07, 28),),
                  Bag(24, 10, 240, 37.5, "preservative-free (0.9% sodium chloride)",
                      "Change the bag every 24 hours at the same time; do not flush."),
                  HANDLING, 2,
                  (RuleRef("R-DOSE-C1-M1", "Cycle 1, M1: 15 mcg/m²/day days 1–28", "S1"),),
                  daily_bags(((1, 28, 15, 5.07),)), PREPARATION,
                  FluidCheck(37.5, 40, "local practice, not protocol", False, 48, 18.75)),
        premedication=Premedication(
            "dexamethasone", 5, 20, 1.7, False,
            ("before the first dose of cycle 1",
             "on restart after an interruption of 4 hours or more in cycle 1"),
            RuleRef("R-PREMED", "Dexamethasone 5 mg/m² (max 20 mg)", "S4"), None, "IV",
            "within the 60 minutes before the bag is hung",
            (PremedTime("before the first dose of cycle 1", START_AT),
             PremedTime("on restart after an interruption of 4 hours or more in cycle 1"))),
        monitoring=MONITORING,
        document=DocumentInfo("ORD-2026-0001", "Interfant-21", "2026.11-1", "0.1.0", PRINTED),
        patient_doses=patient_doses(1.7, 1.69),
    )


def m2_sheet() -> OrderSheet:
    """Cycle 1, M2 marrow: 5 mcg/m²/day days 1–7 then 15 mcg/m²/day days 8–28."""
    base = m1_sheet("Łucja Wiśniewska")
    drug = dataclasses.replace(
        base.drug, marrow="M2",
        steps=(step(1, 7, 5, 1.69, 1.69, 9), step(8, 28, 15, 5.07, 5.07, 28)),
        dosing_rules=(RuleRef("R-DOSE-C1-STEP", "Cycle 1, M2 or M3: step dosing", "S1"),),
        bags=daily_bags(((1, 7, 5, 1.69), (8, 28, 15, 5.07))))
    assert base.premedication is not None
    premed = dataclasses.replace(base.premedication, when=(
        "before the first dose of cycle 1", "before the step-up dose on day 8",
        "on restart after an interruption of 4 hours or more in cycle 1"),
        times=(PremedTime("before the first dose of cycle 1", START_AT),
               PremedTime("before the step-up dose on day 8", START_AT + dt.timedelta(days=7))))
    return dataclasses.replace(base, drug=drug, premedication=premed)


def cycle2_sheet() -> OrderSheet:
    """Cycle 2 with a > 10 % weight change since cycle 1."""
    base = m1_sheet("Søren Ægidius")
    start = dt.date(2026, 7, 1)
    start_at = dt.datetime(2026, 7, 1, 10, 0)
    treatment = Treatment(2, "Blinatumomab cycle 2 (replaces MARMA)", 1, 28, start,
                          start + dt.timedelta(days=27), start_at,
                          start_at + dt.timedelta(hours=672))
    measurements = Measurements(7.4, dt.date(2026, 6, 29), 68.0, dt.date(2026, 6, 29), 0.373,
                                0.37388, "Mosteller √(height cm × weight kg / 3600)", 3,
                                WeightChange(6.4, 15.6, 10, True))
    drug = dataclasses.replace(base.drug, marrow=None,
                               steps=(step(1, 28, 15, 5.6, 5.6, 28, start),),
                               bags=daily_bags(((1, 28, 15, 5.6),), start_at))
    return dataclasses.replace(base, treatment=treatment, measurements=measurements, drug=drug,
                               premedication=None)


def signed(sheet: OrderSheet, verified: bool = False) -> OrderSheet:
    """The sheet signed by a prescriber (and verified by a pharmacist)."""
    at = dt.datetime(2026, 4, 2, 13, 40, tzinfo=AMS)
    status = OrderStatus("verified" if verified else "signed",
                         Signature("Dr. A. Example", at),
                         Signature("P. Pharmacist", at + dt.timedelta(minutes=20)) if verified
                         else None)
    return dataclasses.replace(sheet, status=status)
