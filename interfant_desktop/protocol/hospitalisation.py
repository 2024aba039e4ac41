"""Hospitalisation and supervision reminders (RULES.md "Hospitalisation and monitoring", S4).

The label's figures: the first 9 days of a step-dosed cycle 1 (M2/M3 marrow), the
first 3 days of a flat-dose cycle 1 (M1), the first 2 days of cycle 2, and
supervision or hospitalisation at every restart after an interruption of 4 hours or
more. The Interfant-21 protocol may ask for longer: a site's own figure (passed in,
never guessed) is shown beside the label's, and the reminder runs to the longer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from interfant_desktop.protocol.interruptions import InterruptionResult
from interfant_desktop.protocol.local_time import local_iso, local_text
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because

Regimen = Literal["cycle_1_step_dosed", "cycle_1_flat", "cycle_2"]
_RULES: dict[str, str] = {"cycle_1_step_dosed": "R-HOSP-C1-STEP", "cycle_1_flat": "R-HOSP-C1-FLAT",
                          "cycle_2": "R-HOSP-C2"}


@quick_init
@dataclass(frozen=True, slots=True)
class Reminder:
    """Hospitalise (or supervise) from ``start`` for ``days`` days (the longer of the label's and
    the site's figure); ``start`` None when the cycle start is not recorded."""

    kind: Literal["hospitalisation", "restart_supervision"]
    label_days: int | None
    site_days: int | None
    start: dt.datetime | None
    reason: Reason

    @property
    def days(self) -> int | None:
        figures = [d for d in (self.label_days, self.site_days) if d is not None]
        return max(figures) if figures else None

    @property
    def until(self) -> dt.datetime | None:
        if self.start is None or self.days is None:
            return None
        return self.start + dt.timedelta(days=self.days)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label_days": self.label_days, "site_days": self.site_days,
                "days": self.days, "from": local_iso(self.start), "until": local_iso(self.until),
                "reason": self.reason.to_json()}


def regimen(cycle: int, stepped: bool) -> Regimen:
    """Which of the label's regimens a cycle is: cycle 1 step-dosed (M2/M3) or flat (M1), or cycle 2."""
    if cycle == 2:
        return "cycle_2"
    return "cycle_1_step_dosed" if stepped else "cycle_1_flat"


def hospitalisation_reminders(cycle: int, stepped: bool, start: dt.datetime | None,
                              interruptions: Sequence[InterruptionResult], protocol: Protocol,
                              site_days: Mapping[str, int] | None = None) -> tuple[Reminder, ...]:
    """The label's hospitalisation at the cycle start and supervision at each restart after
    ≥ 4 h; ``site_days`` maps a regimen (``cycle_1_step_dosed``, ``cycle_1_flat``,
    ``cycle_2``) to the site's own number of days."""
    kind = regimen(cycle, stepped)
    label = int(protocol.infusion["hospitalisation_label_days"][kind])
    site = None if site_days is None else site_days.get(kind)
    detail = f"label: first {label} days"
    if site is not None:
        detail += f"; this site: first {site} days"
    out = [Reminder("hospitalisation", label, site, start, because(protocol, _RULES[kind], detail))]
    for item in interruptions:
        restarted = item.interruption.restarted  # set whenever supervision is judged
        if item.supervision_at_restart and restarted is not None:
            out.append(Reminder("restart_supervision", None, None, restarted,
                                because(protocol, "R-HOSP-RESTART",
                                        f"restart {local_text(restarted)} after "
                                        f"{item.hours:g} h")))
    return tuple(out)
