"""Printed blinatumomab infusion orders: order data (:class:`OrderSheet`) -> PDF bytes.

A pure leaf layer: it imports reportlab and the app's resource paths, never the GUI,
the database or the services. ``render_order_pdf`` lays out a sheet; ``content_hash``
fingerprints its clinical content for the QR code.
"""

from interfant_desktop.orders.content_hash import (
    canonical_json,
    content_hash,
    payload_matches,
    qr_payload,
)
from interfant_desktop.orders.model import (
    Allergies,
    Bag,
    Clinical,
    DocumentInfo,
    DoseStep,
    Drug,
    Measurements,
    MonitoringItem,
    OrderSheet,
    OrderStatus,
    PatientIdentity,
    Premedication,
    RuleRef,
    Signature,
    Treatment,
    WeightChange,
)
from interfant_desktop.orders.render import WATERMARK, render_order_pdf

__all__ = [
    "WATERMARK", "Allergies", "Bag", "Clinical", "DocumentInfo", "DoseStep", "Drug",
    "Measurements", "MonitoringItem", "OrderSheet", "OrderStatus", "PatientIdentity",
    "Premedication", "RuleRef", "Signature", "Treatment", "WeightChange", "canonical_json",
    "content_hash", "payload_matches", "qr_payload", "render_order_pdf",
]
