"""Printed blinatumomab infusion orders: order data (:class:`OrderSheet`) -> PDF bytes.

A pure leaf layer: it imports reportlab and the app's resource paths, never the GUI,
the database or the services. ``render_order_pdf`` lays out a sheet; ``content_hash``
fingerprints its clinical content for the QR code.

The layout module (reportlab, qrcode) is loaded on the first print, not on import:
importing the order model must not put reportlab into the GUI's start-up path.
``render_order_pdf`` here is a thin wrapper and ``WATERMARK`` a lazy attribute
(PEP 562 module ``__getattr__``). The order data types load on first use too: the
signed-in window and an opened patient need none of them (a sheet is built when an
order is started or printed), and the model's two dozen frozen records cost ~15 ms of
start-up (issue 10); importing a small module of this package (the hospital number's
form, the treatment summary's types) or the content hash loads no model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# (the content hash itself is small; it reads the model's types in annotations only)
from interfant_desktop.orders.content_hash import canonical_json as canonical_json
from interfant_desktop.orders.content_hash import content_hash as content_hash
from interfant_desktop.orders.content_hash import payload_matches as payload_matches
from interfant_desktop.orders.content_hash import qr_payload as qr_payload
from interfant_desktop.orders.content_hash import stored_content_hash as stored_content_hash

if TYPE_CHECKING:
    from interfant_desktop.orders import model
    from interfant_desktop.orders.model import *  # noqa: F403 (the order data types, re-exported)
    from interfant_desktop.orders.render import WATERMARK as WATERMARK

#: The names re-exported here besides every name of :mod:`.model` (its ``__all__``).
_CONTENT_HASH = ("canonical_json", "content_hash", "payload_matches", "qr_payload",
                 "stored_content_hash")
_RENDER = ("WATERMARK",)


def render_order_pdf(sheet: model.OrderSheet, digest: str | None = None) -> bytes:
    """The order sheet as PDF bytes (A4, all fonts embedded); see :mod:`.render`."""
    from interfant_desktop.orders import render

    return render.render_order_pdf(sheet, digest)


def __getattr__(name: str) -> Any:
    # (importlib, not "from . import model": that would ask this function for "model")
    if name == "__all__":  # (a star import: everything, as before)
        model = importlib.import_module(f"{__name__}.model")
        return [*model.__all__, *_RENDER, *_CONTENT_HASH, "render_order_pdf"]
    if name in _RENDER:
        module = "render"
    else:
        model = importlib.import_module(f"{__name__}.model")
        if name not in model.__all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module = "model"
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    if module == "model":
        globals()[name] = value  # (found directly from now on)
    return value
