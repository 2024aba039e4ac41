"""Whether the protocol applies to the patient, and so what a screen may claim about them.

The evaluation of an ineligible or incomplete patient still holds a risk group and a
roadmap (case-format: "an ineligible patient still gets the rest of the evaluation, so a
clinician can see why it would not apply"). This module says how that answer must be
read: an ineligible patient is not on the protocol, so no phase is *current* for them;
an incomplete patient's phase is provisional until the missing criteria are known; for
both, the roadmap is what would apply if the patient were eligible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interfant_desktop.protocol.eligibility import Criterion, Eligibility

StandingStatus = Literal["eligible", "ineligible", "incomplete"]


@dataclass(frozen=True, slots=True)
class Standing:
    """The eligibility answer as it bears on the rest of the evaluation."""

    status: StandingStatus
    #: The criteria behind the status: the failing ones when ineligible, the unknown ones
    #: when incomplete, none when eligible (each with its ID, wording, source and data).
    criteria: tuple[Criterion, ...]
    #: The roadmap's current phase as the screen may claim it: None when ineligible.
    current_phase: str | None

    @property
    def applies(self) -> bool:
        """True only when every criterion is met: the roadmap is this patient's plan."""
        return protocol_applies(self.status)

    @property
    def provisional(self) -> bool:
        """True when the current phase holds only if the missing criteria are met."""
        return self.status == "incomplete" and self.current_phase is not None

    @property
    def headline(self) -> str:
        """One line naming the status and the criteria behind it."""
        ids = ", ".join(c.id for c in self.criteria)
        if self.status == "ineligible":
            return f"NOT ELIGIBLE for Interfant-21 — fails {ids}"
        if self.status == "incomplete":
            return f"ELIGIBILITY INCOMPLETE — not yet known: {ids}"
        return "Eligible for Interfant-21"

    @property
    def roadmap_caveat(self) -> str:
        """How the roadmap must be read ("" when it is the patient's plan)."""
        if self.status == "ineligible":
            return ("The roadmap below is the protocol as it WOULD APPLY IF ELIGIBLE; it is not "
                    "a treatment plan for this patient.")
        if self.status == "incomplete":
            return ("The roadmap below WOULD APPLY IF ELIGIBLE: it holds only once the missing "
                    "criteria are known and met.")
        return ""

    def criteria_lines(self) -> tuple[str, ...]:
        """Each criterion as ``ID (source): wording — recorded data``."""
        return tuple(f"{c.id} ({c.source}): {c.text} — {c.detail}" for c in self.criteria)

    def attention(self) -> str | None:
        """What a list of patients must flag, each criterion with its protocol wording
        (``Ineligible: fails EXC5 (Down syndrome)``), or None when eligible."""
        named = ", ".join(f"{c.id} ({c.text.rstrip('.')})" for c in self.criteria)
        if self.status == "ineligible":
            return f"Ineligible: fails {named}"
        if self.status == "incomplete":
            return f"Eligibility incomplete: missing {named}"
        return None


def protocol_applies(status: StandingStatus) -> bool:
    """Whether the protocol applies to a patient of this eligibility status (only when every
    criterion is met); the answer's ``protocol_applies`` reads it without the whole standing."""
    return status == "eligible"


def standing_of(eligibility: Eligibility, roadmap_current: str | None) -> Standing:
    """The standing of a patient from the engine's eligibility answer and the roadmap's
    current phase (which is withheld for an ineligible patient)."""
    wanted = "failed" if eligibility.status == "ineligible" else "missing"
    criteria = tuple(c for c in eligibility.criteria if c.status == wanted) \
        if eligibility.status != "eligible" else ()
    current = None if eligibility.status == "ineligible" else roadmap_current
    return Standing(eligibility.status, criteria, current)
