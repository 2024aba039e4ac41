"""The next decision point of the roadmap and when it is expected (R-PHASE-DATES).

The decision points come from :func:`roadmap.decision_points`; the first one still open
(pending, or waiting for a clinician's review) is the next. Its expected date is the
recorded start of the phase it follows plus the days the protocol file's
``phase_schedule`` gives, with the source of that figure:

- the risk group at diagnosis: the prednisone response on day 8, after the 7-day
  prephase (S3);
- after a blinatumomab cycle: when its 28 days of infusion end (672 hours after the
  start, later by every interruption; from the infusion record when a start time is
  recorded).

Where the public sources give no figure (the end of induction is "about day 33" without
the day it counts from; the chemotherapy blocks have no public durations) no date is
computed and the answer says so: the date would be a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

from interfant_desktop.protocol import spans
from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.interruptions import infusion_clock
from interfant_desktop.protocol.local_time import local_text
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.reasons import Reason, because
from interfant_desktop.protocol.roadmap import DecisionPoint, Phase, cycle_phase


class NextDecision(NamedTuple):
    """The next open decision point, with its expected date (None: not computed, see
    ``basis``) and whether that date has passed."""

    point: str
    question: str
    status: Literal["pending", "review"]
    after_phase: str
    expected: dt.date | None
    overdue: bool
    basis: str
    reason: Reason

    def to_json(self) -> dict[str, Any]:
        return {"point": self.point, "question": self.question, "status": self.status,
                "after_phase": self.after_phase,
                "expected": None if self.expected is None else self.expected.isoformat(),
                "overdue": self.overdue, "basis": self.basis, "reason": self.reason.to_json()}


def _cycle_end(case: Case, phase: str, protocol: Protocol) -> tuple[dt.date | None, str] | None:
    """The end of a blinatumomab cycle's infusion from the infusion record (None: the
    record has no start time for it, so the schedule's days are used)."""
    cycle = next((c for c in case.blinatumomab if cycle_phase(c.cycle) == phase), None)
    if cycle is None or cycle.start_time is None or cycle.start_date is None:
        return None
    end = infusion_clock(cycle, protocol).planned_end()
    if end is None:
        return None, ("the infusion is stopped or its cycle ended early: the end is not known "
                      "until the restart is recorded")
    return end.date(), f"the infusion record: 28 days of infusion end {local_text(end)}"


def _expected(point: DecisionPoint, case: Case, protocol: Protocol,
              starts: Mapping[str, dt.date]) -> tuple[dt.date | None, str, str]:
    """(expected date, the basis in words, the source) of one decision point."""
    schedule = protocol.phase_schedule.get("decision_points", {}).get(point.id)
    if schedule is None:
        return None, "the protocol file gives no schedule for this decision point", "reading"
    anchor, days = str(schedule["after_start_of"]), schedule.get("days_after_start")
    basis, source = str(schedule["basis"]), str(schedule["source"])
    label = protocol.phases.get(anchor, anchor)
    if days is None:
        return None, f"no date: {basis}", source
    start = starts.get(anchor)
    if start is None:
        return None, f"no date until the start of {label} is recorded ({basis})", source
    from_record = _cycle_end(case, anchor, protocol)
    if from_record is not None:
        return from_record[0], f"{from_record[1]} ({basis})", source
    return start + spans.days(int(days)), \
        f"{label} started {start.isoformat()} + {int(days)} days ({basis})", source


def _window_reassessment(points: Sequence[DecisionPoint], roadmap: Sequence[Phase],
                         protocol: Protocol) -> NextDecision | None:
    """In the investigational window the HSCT question is asked again at each MRD (R-HSCT),
    at times the public sources do not give."""
    window = next((p for p in roadmap if p.phase == "investigational_window"), None)
    hsct = next((p for p in points if p.id == "hsct"), None)
    if window is None or window.status != "current" or hsct is None:
        return None
    basis = ("HSCT eligibility is re-assessed with each MRD result in the investigational window "
             "(R-HSCT); the public sources give no schedule for those samples, so no date")
    return NextDecision(hsct.id, hsct.question, "pending", hsct.after_phase, None, False, basis,
                        because(protocol, "R-HSCT", basis))


def next_decision(points: Sequence[DecisionPoint], case: Case, protocol: Protocol,
                  starts: Mapping[str, dt.date], today: dt.date,
                  roadmap: Sequence[Phase] = ()) -> NextDecision | None:
    """The first decision point still open, with its expected date; None when every
    decision point is decided (or does not apply) and none is asked again."""
    point = next((p for p in points if p.status in ("pending", "review")), None)
    if point is None:
        return _window_reassessment(points, roadmap, protocol)
    expected, basis, source = _expected(point, case, protocol, starts)
    rule = str(protocol.phase_schedule.get("rule", "R-PHASE-DATES"))
    reason = because(protocol, rule, f"{basis} [{source}]") if rule in protocol.rules \
        else Reason(rule, "reading", "The protocol file has no phase schedule.", basis, False)
    status: Literal["pending", "review"] = "review" if point.status == "review" else "pending"
    return NextDecision(point.id, point.question, status, point.after_phase, expected,
                        expected is not None and expected < today, basis, reason)


#: The order phases follow on each path (MARMA and blinatumomab cycle 2 are alternatives).
_SEQUENCES = (("prephase", "induction", "blinatumomab_1", "consolidation",
               ("marma", "blinatumomab_2"), "octadad", "maintenance"),
              ("prephase", "induction", "blinatumomab_1", "investigational_window", "hsct"))


def _rank(phase: str, sequence: tuple[str | tuple[str, ...], ...]) -> int | None:
    return next((i for i, p in enumerate(sequence) if phase == p or (isinstance(p, tuple) and phase in p)),
                None)


def start_order_problem(phase: str, start: dt.date, others: Mapping[str, dt.date],
                        protocol: Protocol) -> str | None:
    """Why ``start`` of ``phase`` contradicts the recorded start of another phase (an
    earlier phase of the same path starting later, or a later one earlier); None if not."""
    for other, other_start in sorted(others.items()):
        if other == phase:
            continue
        for sequence in _SEQUENCES:
            mine, theirs = _rank(phase, sequence), _rank(other, sequence)
            if mine is None or theirs is None or mine == theirs:
                continue
            if (theirs < mine and other_start > start) or (theirs > mine and other_start < start):
                when, order = ("after", "follows") if theirs > mine else ("before", "precedes")
                return (f"{protocol.phases.get(phase, phase)} cannot start {start.isoformat()}, "
                        f"{when} the start of {protocol.phases.get(other, other)} "
                        f"({other_start.isoformat()}), which {order} it")
    return None
