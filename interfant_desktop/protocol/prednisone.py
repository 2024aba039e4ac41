"""Prednisone response on day 8 (S3): blasts per µL of peripheral blood after the
7-day prednisone prephase. < 1000/µL good (PGR), ≥ 1000/µL poor (PPR)."""

from __future__ import annotations

from typing import Literal

from interfant_desktop.protocol.case import PrednisoneResponse
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import compare
from interfant_desktop.protocol.reasons import Reason, because

Response = Literal["good", "poor", "not_evaluable"]


def classify_blasts(blasts_per_ul: float, protocol: Protocol) -> Literal["good", "poor"]:
    """Good below the threshold (1000/µL), poor at or above it."""
    side = compare(blasts_per_ul, protocol.threshold("prednisone_poor_blasts_per_ul"))
    return "good" if side == "below" else "poor"


def response_reason(recorded: PrednisoneResponse | None, protocol: Protocol) -> Reason:
    """The rule behind the response category, with the recorded count as its data."""
    if recorded is not None and recorded.not_evaluable:
        return because(protocol, "R-PRED-NE", "recorded as not evaluable")
    if recorded is None or recorded.blasts_per_ul is None:
        return because(protocol, "R-PRED", "no day-8 count recorded")
    category = classify_blasts(recorded.blasts_per_ul, protocol)
    return because(protocol, "R-PRED", f"day-8 blasts {recorded.blasts_per_ul:g}/µL: {category}")


def prednisone_response(recorded: PrednisoneResponse | None, protocol: Protocol) -> Response | None:
    """The response category, or ``None`` while no count (or not-evaluable) is recorded."""
    if recorded is None:
        return None
    if recorded.not_evaluable:
        return "not_evaluable"
    if recorded.blasts_per_ul is None:
        return None
    return classify_blasts(recorded.blasts_per_ul, protocol)
