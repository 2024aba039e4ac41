"""Prednisone response on day 8 (S3): blasts per µL of peripheral blood after the
7-day prednisone prephase. < 1000/µL good (PGR), ≥ 1000/µL poor (PPR)."""

from __future__ import annotations

from typing import Literal

from interfant_desktop.protocol.case import PrednisoneResponse
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import compare

Response = Literal["good", "poor", "not_evaluable"]


def classify_blasts(blasts_per_ul: float, protocol: Protocol) -> Literal["good", "poor"]:
    """Good below the threshold (1000/µL), poor at or above it."""
    side = compare(blasts_per_ul, protocol.threshold("prednisone_poor_blasts_per_ul"))
    return "good" if side == "below" else "poor"


def prednisone_response(recorded: PrednisoneResponse | None, protocol: Protocol) -> Response | None:
    """The response category, or ``None`` while no count (or not-evaluable) is recorded."""
    if recorded is None:
        return None
    if recorded.not_evaluable:
        return "not_evaluable"
    if recorded.blasts_per_ul is None:
        return None
    return classify_blasts(recorded.blasts_per_ul, protocol)
