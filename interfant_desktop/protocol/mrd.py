"""MRD results against protocol thresholds, including positive-not-quantifiable results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Literal

from interfant_desktop.protocol.case import MrdResult, MrdSample
from interfant_desktop.protocol.quantities import compare, percent_as_power_of_ten

MrdSide = Literal["below", "at", "above", "review"]


def classify(result: MrdResult, threshold_percent: float) -> MrdSide:
    """Where one result stands against a threshold T (in %).

    Undetectable is below any threshold. Positive-not-quantifiable (PNQ) is below T only
    when the assay's quantitative range is ≤ T; otherwise the protocol does not settle
    it and the answer is ``review`` (R-MRD-PNQ).
    """
    if result.kind == "undetectable":
        return "below"
    if result.kind == "pnq":
        assert result.qr_percent is not None
        return "below" if compare(result.qr_percent, threshold_percent) != "above" else "review"
    assert result.percent is not None
    return compare(result.percent, threshold_percent)


def classify_all(samples: Sequence[MrdSample], threshold_percent: float) -> MrdSide | None:
    """One answer for several results (e.g. two methods on the same day): their common
    answer, ``review`` when they disagree, ``None`` when there is no result."""
    if len(samples) == 1:  # nearly always one result: its side, without a set
        return classify(samples[0].result, threshold_percent)
    sides = {classify(s.result, threshold_percent) for s in samples}
    if not sides:
        return None
    return sides.pop() if len(sides) == 1 else "review"


def at_timepoint(samples: Iterable[MrdSample], timepoint: str) -> list[MrdSample]:
    """Every result recorded for one time point, whatever its date, in date order (D2:
    a repeat sample counts; none is dropped)."""
    found = [s for s in samples if s.timepoint == timepoint]
    if len(found) > 1:  # nearly always one result or none: nothing to sort
        found.sort(key=_DATE)  # stable, as sorted() is
    return found


_DATE = attrgetter("date")


#: What each side of a threshold means at a decision point (D2 compares outcomes, so
#: 1 % and 4 % at the end of induction agree: both mean HR).
Outcomes = Mapping[MrdSide, str]
REVIEW = "review"


def outcome(samples: Sequence[MrdSample], threshold_percent: float, meaning: Outcomes) -> str | None:
    """The one outcome of several results at a point (D2): the common outcome when every
    result leads to it, ``review`` when they lead to different outcomes or one cannot be
    placed, ``None`` when there is no result."""
    if len(samples) == 1:  # nearly always one result: its outcome, without a set
        return meaning[classify(samples[0].result, threshold_percent)]
    found = {meaning[classify(s.result, threshold_percent)] for s in samples}
    if not found:
        return None
    return found.pop() if len(found) == 1 else REVIEW


def describe(result: MrdResult) -> str:
    """A result as a clinician reads it, with the 10^-x form: ``0.05 % (5×10^-4)``."""
    if result.kind == "undetectable":
        return "undetectable"
    if result.kind == "pnq":
        assert result.qr_percent is not None
        return (f"positive, not quantifiable (quantitative range {result.qr_percent:g} %, "
                f"{percent_as_power_of_ten(result.qr_percent)})")
    assert result.percent is not None
    return f"{result.percent:g} % ({percent_as_power_of_ten(result.percent)})"


def describe_samples(samples: Sequence[MrdSample]) -> str:
    """Several results of one time point, each with its date (and method when known)."""
    parts = []
    for s in samples:
        method = f", {s.method}" if s.method else ""
        parts.append(f"{describe(s.result)} on {s.date.isoformat()}{method}")
    return "; ".join(parts)
