"""Printed blinatumomab infusion orders: order data (:class:`OrderSheet`) -> PDF bytes.

A pure leaf layer: it imports reportlab and the app's resource paths, never the GUI,
the database or the services. ``render_order_pdf`` lays out a sheet; ``content_hash``
fingerprints its clinical content for the QR code.

The layout module (reportlab, qrcode) is loaded on the first print, not on import:
importing the order model must not put reportlab into the GUI's start-up path.
``render_order_pdf`` here is a thin wrapper and ``WATERMARK`` a lazy attribute
(PEP 562 module ``__getattr__``).
"""

from typing import TYPE_CHECKING, Any

from interfant_desktop.orders import model
from interfant_desktop.orders.content_hash import (
    canonical_json,
    content_hash,
    payload_matches,
    qr_payload,
    stored_content_hash,
)
from interfant_desktop.orders.model import *  # noqa: F403 (the order data types, re-exported)

if TYPE_CHECKING:
    from interfant_desktop.orders.render import WATERMARK

__all__ = [
    *model.__all__, "WATERMARK", "canonical_json", "content_hash", "payload_matches",
    "qr_payload", "render_order_pdf", "stored_content_hash",
]


def render_order_pdf(sheet: model.OrderSheet, digest: str | None = None) -> bytes:
    """The order sheet as PDF bytes (A4, all fonts embedded); see :mod:`.render`."""
    from interfant_desktop.orders import render

    return render.render_order_pdf(sheet, digest)


def __getattr__(name: str) -> Any:
    if name == "WATERMARK":
        from interfant_desktop.orders import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
